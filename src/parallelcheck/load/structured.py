"""Which reader a version goes through: plain text, Markdown or HTML.

``--input-format`` (config ``input-format``, API ``input_format=``) names it; ``auto`` (the
default) takes Markdown for ``.md``/``.markdown``/``.mdx`` files, HTML for ``.html``/``.htm``/
``.xhtml``, and plain text for anything else (and for text given in memory).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError
from ..model import Document
from .prose import DEFAULT_SETTINGS, ProseSettings

INPUT_FORMATS = ("auto", "text", "markdown", "html")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def check_input_format(name: str | None) -> str:
    """``name`` validated (None → ``auto``); a :class:`UsageError` names an unknown one."""
    fmt = (name or "auto").lower()
    if fmt not in INPUT_FORMATS:
        raise UsageError(f"unknown input format '{name}' (use {', '.join(INPUT_FORMATS)})")
    return fmt


def format_of(path: str | Path | None, input_format: str | None = None) -> str:
    """The reader for ``path``: ``text``, ``markdown`` or ``html``."""
    fmt = check_input_format(input_format)
    if fmt != "auto":
        return fmt
    from .markdown import MARKDOWN_SUFFIXES

    suffix = Path(path).suffix.lower() if path is not None else ""
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in HTML_SUFFIXES:
        return "html"
    return "text"


def prose_of(fmt: str, text: str, settings: ProseSettings = DEFAULT_SETTINGS) -> str:
    """The prose view of ``text`` read as ``fmt`` (for language detection)."""
    if fmt == "markdown":
        from .markdown import read_markdown

        return read_markdown(text, settings)[0]
    if fmt == "html":
        from .html import read_html

        return read_html(text, settings)[0]
    return text


def structured_document(fmt: str, language: str, text: str, source: str,
                        settings: ProseSettings = DEFAULT_SETTINGS) -> Document:
    """A Markdown or HTML version (``fmt`` is not ``text``)."""
    if fmt == "markdown":
        from .markdown import markdown_document

        return markdown_document(language, text, source, settings)
    from .html import html_document

    return html_document(language, text, source, settings)
