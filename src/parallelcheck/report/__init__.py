"""Report formats, one module each (Ruff-style). Adding a format = one module + one line here."""

from __future__ import annotations

from collections.abc import Callable

from ..errors import UsageError
from ..model import Report
from . import json as json_format
from . import text as text_format

FORMATS: dict[str, Callable[..., str]] = {
    "text": text_format.render,
    "json": json_format.render,
}


def render(report: Report, fmt: str = "text", *, color: bool = False) -> str:
    try:
        renderer = FORMATS[fmt]
    except KeyError:
        raise UsageError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})") from None
    return renderer(report, color=color)
