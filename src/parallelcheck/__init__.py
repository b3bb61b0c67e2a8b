"""parallelcheck — check that the language versions of one document say the same thing.

Importing this package is cheap: no model, numpy-heavy module or torch is loaded
until :func:`check` runs.

>>> import parallelcheck
>>> report = parallelcheck.check({"en": en_text, "fr": fr_text, "ja": ja_text})  # doctest: +SKIP
>>> [f.kind for f in report.findings]  # doctest: +SKIP
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Public name -> module that defines it; resolved on first access (PEP 562).
_LAZY = {
    "check": "parallelcheck.pipeline",
    "check_documents": "parallelcheck.pipeline",
    "load_paths": "parallelcheck.load",
    "load_file": "parallelcheck.load",
    "document_from_text": "parallelcheck.load",
    "split_combined": "parallelcheck.load",
    "get_embedder": "parallelcheck.embed",
    "Document": "parallelcheck.model",
    "Segment": "parallelcheck.model",
    "Finding": "parallelcheck.model",
    "Location": "parallelcheck.model",
    "Reference": "parallelcheck.model",
    "Report": "parallelcheck.model",
    "Alignment": "parallelcheck.model",
    "InputError": "parallelcheck.errors",
    "Thresholds": "parallelcheck.thresholds",
    "Settings": "parallelcheck.settings",
    "Config": "parallelcheck.config",
    "load_config": "parallelcheck.config",
    "find_config": "parallelcheck.config",
}

__all__ = ["__version__", *_LAZY]

if TYPE_CHECKING:  # pragma: no cover
    from .config import Config, find_config, load_config
    from .embed import get_embedder
    from .errors import InputError
    from .load import document_from_text, load_file, load_paths, split_combined
    from .model import Alignment, Document, Finding, Location, Reference, Report, Segment
    from .pipeline import check, check_documents
    from .settings import Settings
    from .thresholds import Thresholds


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'parallelcheck' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
