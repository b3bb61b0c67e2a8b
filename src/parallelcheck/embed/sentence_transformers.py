"""Any sentence-transformers model by name or local path, loaded only when chosen.

The network is never used: the model is loaded with ``local_files_only`` and the hub in
offline mode, so it must be a local directory or already in the Hugging Face cache. Importing this
module does not import torch; the first ``encode`` does.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import InputError
from . import package_version

_INSTALL_HINT = "pip install 'parallelcheck[sentence-transformers]'"


class SentenceTransformerEmbedder:
    """A sentence-transformers model, run offline with ``normalize_embeddings=True``.

    ``model_name_or_path`` is a Hugging Face model id already in the local HF cache (e.g.
    ``"sentence-transformers/LaBSE"``) or a local model directory, kept as given in
    :attr:`name` and in reports.
    """

    def __init__(
        self, model_name_or_path: str | os.PathLike[str], device: str = "cpu", batch_size: int = 64
    ) -> None:
        model = os.fspath(model_name_or_path).strip()
        if not model:
            raise InputError("no sentence-transformers model given: name a local path or a cached model")
        self.model_name = model
        self.name = f"sentence-transformers:{model}"
        self.device = device
        self.batch_size = batch_size
        self.dim: int | None = None
        self._model: Any = None
        self._lock = threading.Lock()

    @property
    def cache_id(self) -> str:
        """Cache key of the model. For a local directory it also fingerprints the files, so
        retraining a model in place, or the same relative path from another directory, never
        serves stale vectors."""
        path = Path(self.model_name).expanduser()
        if not path.is_dir():
            return self.name
        try:
            stats = sorted(
                (str(p.relative_to(path)), p.stat().st_size, p.stat().st_mtime_ns)
                for p in path.rglob("*")
                if p.is_file()
            )
            fingerprint = repr((str(path.resolve()), stats))
        except OSError:
            return self.name
        import hashlib

        return f"{self.name}#{hashlib.sha256(fingerprint.encode()).hexdigest()[:16]}"

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                self._model = self._load_model()
                self.dim = _dimension(self._model)
        return self._model

    def load(self) -> None:
        """Load the model now (it is otherwise loaded by the first :meth:`encode`)."""
        self._load()

    def _load_model(self) -> Any:
        path = Path(self.model_name).expanduser()
        if _looks_like_path(self.model_name) and not path.is_dir():
            # Checked before importing torch (seconds) and before the hub sees a bad repo id.
            what = "is not a directory" if path.exists() else "no such directory"
            raise InputError(
                f"cannot load sentence-transformers model '{self.model_name}': {what}; "
                "give a local model directory or a model already in the Hugging Face cache"
            )
        # huggingface_hub and transformers read these once, at import: set them first (unless
        # the user set them). Downloads stay off either way: see local_files_only below.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise InputError(
                f"the sentence-transformers backend is not installed ({exc}): {_INSTALL_HINT}"
            ) from None
        bars = _quiet_progress_bars()
        hub = _hub_offline()
        try:
            # local_files_only also covers a process that imported huggingface_hub before us
            # (its offline flag is read at import, so the variables above come too late).
            return SentenceTransformer(self.model_name, device=self.device, local_files_only=True)
        except Exception as exc:  # the library raises many types (OSError, ValueError, HF errors)
            text = str(exc).strip()
            reason = text.splitlines()[0] if text else type(exc).__name__
            if not path.is_dir() and any(w in reason.lower() for w in ("connect", "offline", "cached")):
                # The hub's message talks about connecting, which we never do.
                reason = "not found in the Hugging Face cache (downloads are disabled)"
            raise InputError(
                f"cannot load sentence-transformers model '{self.model_name}': {reason}; "
                "give a local path or a model already in the Hugging Face cache"
            ) from None
        finally:
            hub()
            bars()

    def encode(self, texts: Sequence[str]):
        """Unit-length float32 vectors, shape ``(len(texts), dim)``, in input order."""
        import numpy as np

        texts = list(texts)
        model = self._load()
        if not texts:
            return np.zeros((0, self.dim or 0), dtype=np.float32)
        vecs = model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        vecs = np.ascontiguousarray(vecs, dtype=np.float32)
        if self.dim is None:
            self.dim = int(vecs.shape[1])
        return vecs

    def info(self) -> dict[str, Any]:
        """JSON-safe description of the model for reports (``dim`` is None until loaded)."""
        return {
            "name": self.name,
            "backend": "sentence-transformers",
            "version": package_version("sentence-transformers"),
            "dim": self.dim,
        }


def _looks_like_path(name: str) -> bool:
    """A filesystem path rather than a hub id ("org/name" or "name")."""
    return (
        name.startswith((".", "/", "~", "\\"))
        or "\\" in name
        or name.count("/") > 1
        or (len(name) > 1 and name[1] == ":")  # a Windows drive, C:\models
    )


def _dimension(model: Any) -> int | None:
    # Renamed in sentence-transformers 6 (the old name warns); accept both.
    for attr in ("get_embedding_dimension", "get_sentence_embedding_dimension"):
        fn = getattr(model, attr, None)
        if fn is not None:
            dim = fn()
            return int(dim) if dim else None
    return None


def _quiet_progress_bars():
    """Hide transformers' "Loading weights" bar (noise on a CLI's stderr); returns the undo."""
    try:
        from transformers.utils import logging as hf_logging
    except Exception:  # not transformers-based, or an older layout: nothing to hide
        return lambda: None
    if not hf_logging.is_progress_bar_enabled():
        return lambda: None
    hf_logging.disable_progress_bar()
    return hf_logging.enable_progress_bar


def _hub_offline():
    """Put an already-imported huggingface_hub in offline mode while a model loads, so that
    no code path (e.g. a probe that ignores local_files_only) reaches for the network;
    returns the undo."""
    import sys

    constants = getattr(sys.modules.get("huggingface_hub"), "constants", None)
    if constants is None:
        return lambda: None
    old = getattr(constants, "HF_HUB_OFFLINE", None)
    constants.HF_HUB_OFFLINE = True

    def undo() -> None:
        constants.HF_HUB_OFFLINE = old

    return undo
