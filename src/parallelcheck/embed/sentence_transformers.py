"""Any sentence-transformers model by name or local path, loaded only when chosen.

The network is never used: the hub is put in offline mode before the library is imported,
so a model must be a local directory or already in the Hugging Face cache.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from ..errors import InputError


class SentenceTransformerEmbedder:
    def __init__(self, model: str, device: str = "cpu", batch_size: int = 64) -> None:
        self.model_name = model
        self.name = f"sentence-transformers:{model}"
        self.device = device
        self.batch_size = batch_size
        self._model = None
        self.dim: int | None = None

    def _load(self):
        if self._model is not None:
            return self._model
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise InputError(
                "the sentence-transformers backend is not installed: "
                "pip install 'parallelcheck[sentence-transformers]'"
            ) from None
        try:
            self._model = SentenceTransformer(self.model_name, device=self.device)
        except Exception as exc:  # the library raises many types (OSError, ValueError, HF errors)
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise InputError(
                f"cannot load sentence-transformers model '{self.model_name}': {reason}; "
                "give a local path or a model already in the Hugging Face cache"
            ) from None
        dim = getattr(self._model, "get_sentence_embedding_dimension", lambda: None)()
        self.dim = int(dim) if dim else None
        return self._model

    def encode(self, texts: Sequence[str]):
        import numpy as np

        texts = list(texts)
        model = self._load()
        if not texts:
            return np.zeros((0, self.dim or 0), dtype=np.float32)
        vecs = model.encode(
            texts, batch_size=self.batch_size, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=False,
        )
        return np.asarray(vecs, dtype=np.float32)

    def info(self) -> dict[str, Any]:
        try:
            ver = version("sentence-transformers")
        except PackageNotFoundError:
            ver = "unknown"
        return {"name": self.name, "backend": "sentence-transformers", "version": ver, "dim": self.dim}
