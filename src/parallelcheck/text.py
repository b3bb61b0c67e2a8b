"""Text helpers shared by the checks (messages) and the report formats (excerpts)."""

from __future__ import annotations

import unicodedata


def shorten(text: str, limit: int = 160) -> str:
    """One line of at most ``limit`` characters; whitespace runs collapsed, cut with '…'."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…"


def strip_accents(text: str) -> str:
    """``text`` without its combining marks (NFKD): «opérateur» -> «operateur»."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
