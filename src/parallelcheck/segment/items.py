"""List items: one per line ("• …", "1. …", "① …") and inline runs ("tasks include ▲… ▲… ▲…")."""

from __future__ import annotations

import re

# A line that starts a list item.
LINE_ITEM = re.compile(
    r"^[ \t\u3000]*(?:[•·\-*–▪■●○▲△▶►◆◇□※]|\d{1,3}[.)]|\(\d{1,3}\)|[①-⑳]|[a-zA-Z][.)]\s|[가-하][.)]"
    r"|[一二三四五六七八九十]{1,2}、)\s*"
)
# Markers that open inline items; each must occur at least twice in the paragraph.
_INLINE_MARKERS = "▲△■□●○◆◇▶►※•"
_CIRCLED = re.compile(r"[①-⑳]")
_PAREN_NUM = re.compile(r"(?<![\w(])\(\d{1,2}\)")


def line_items(text: str) -> list[tuple[int, int]] | None:
    """If most lines of a paragraph are list items, their line spans (a lead line first if
    present); else None."""
    lines = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    if len(lines) < 2:
        return None
    bulleted = [bool(LINE_ITEM.match(text[a:b])) for a, b in lines]
    if sum(bulleted[1:]) < max(2, len(lines) - 1) - 0 or not all(bulleted[1:]):
        return None
    return lines


def inline_item_starts(text: str) -> list[int] | None:
    """Offsets where inline items start, when a marker repeats in the text; else None."""
    for marker in _INLINE_MARKERS:
        if text.count(marker) >= 2:
            return [i for i, ch in enumerate(text) if ch == marker]
    for pattern in (_CIRCLED, _PAREN_NUM):
        starts = [m.start() for m in pattern.finditer(text)]
        if len(starts) >= 2:
            return starts
    return None
