"""Clause pieces of a segment, split at commas and semicolons (punctuation only)."""

from __future__ import annotations

_DELIMITERS = frozenset(",，、;；")
_OPEN = frozenset("(（[「『“")
_CLOSE = frozenset(")）]」』”")


def _split(text: str, bracket_aware: bool) -> tuple[list[tuple[int, int]], int]:
    pieces: list[tuple[int, int]] = []
    start = 0
    depth = 0
    n = len(text)
    for i, ch in enumerate(text):
        if bracket_aware and ch in _OPEN:
            depth += 1
        elif bracket_aware and ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch in _DELIMITERS and depth == 0:
            # "1,000" is a number, not a clause boundary.
            if ch == "," and 0 < i < n - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
                continue
            pieces.append((start, i))
            start = i + 1
    pieces.append((start, n))
    return pieces, depth


def split_clauses(text: str, language: str) -> list[tuple[int, int]]:
    """Split a segment into clauses at , 、 ， ; ； (not inside brackets or quotes,
    not inside numbers such as 1,000).

    Returns ``(start, end)`` offsets relative to ``text``, trimmed of whitespace,
    delimiters excluded, empty pieces dropped. ``language`` is accepted for future
    language-specific rules; the punctuation set is shared by all languages.
    """
    del language  # the same punctuation marks clauses in every supported language
    pieces, depth = _split(text, bracket_aware=True)
    if depth > 0:  # an unclosed bracket would swallow the rest: ignore brackets
        pieces, _ = _split(text, bracket_aware=False)
    out = []
    for s, e in pieces:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out
