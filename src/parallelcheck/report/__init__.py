"""Report formats, one module each (Ruff-style).

A format is a function ``(report, *, color: bool = False, quiet: bool = False) -> str``;
adding one (HTML, SARIF, JUnit, Markdown…) = one module here + one line in :data:`FORMATS`.
"""

from __future__ import annotations

from collections.abc import Callable

from ..errors import UsageError
from ..model import Report
from . import github as github_format
from . import html as html_format
from . import json as json_format
from . import junit as junit_format
from . import markdown as markdown_format
from . import sarif as sarif_format
from . import text as text_format

FORMATS: dict[str, Callable[..., str]] = {
    "text": text_format.render,
    "json": json_format.render,
    "sarif": sarif_format.render,
    "junit": junit_format.render,
    "github": github_format.render,
    "markdown": markdown_format.render,
    "html": html_format.render,
}


def render(report: Report, fmt: str = "text", *, color: bool = False, quiet: bool = False) -> str:
    """Render ``report`` in format ``fmt`` (a key of :data:`FORMATS`).

    ``color`` asks for ANSI colour and ``quiet`` for the findings and summary only; formats
    for which they make no sense ignore them. An unknown format raises :class:`UsageError`.
    """
    try:
        renderer = FORMATS[fmt]
    except (KeyError, TypeError):
        raise UsageError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})") from None
    return renderer(report, color=color, quiet=quiet)


__all__ = ["FORMATS", "render"]
