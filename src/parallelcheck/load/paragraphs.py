"""Paragraph spans: blank-line separated blocks with exact code-point offsets."""

from __future__ import annotations

import re
import unicodedata

from ..model import Span

# Line breaks as the user's editor sees them; offsets stay those of the undecoded newlines.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")

# Invisible characters that web pages use as spacers; str.isspace() misses them.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


# A letter or digit of any script (the fast path: found at once in any real text).
_WORD_CHAR = re.compile(r"[^\W_]")


def has_visible(text: str) -> bool:
    """Whether ``text`` holds anything a reader sees: a letter, digit, punctuation mark or
    symbol (private-use characters count). Whitespace, zero-width and bidi controls, BOMs,
    other format characters and combining marks with nothing to combine with do not."""
    if _WORD_CHAR.search(text):
        return True
    category = unicodedata.category
    return any(category(ch)[0] in "PS" or category(ch) == "Co" for ch in text)


def is_blank(line: str) -> bool:
    """A line holding only whitespace: NBSP, the ideographic space and zero-width spacers included."""
    return not line.strip().strip(_INVISIBLE).strip()


def _is_space(ch: str) -> bool:
    return ch.isspace() or ch in _INVISIBLE


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past surrounding whitespace (an empty range when it is all whitespace)."""
    while start < end and _is_space(text[start]):
        start += 1
    while end > start and _is_space(text[end - 1]):
        end -= 1
    return start, end


def iter_lines(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of each line of ``text[start:end]``, without its line break
    (``\\n``, ``\\r\\n`` or ``\\r``)."""
    end = len(text) if end is None else end
    lines: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        m = _LINE.match(text, pos, end)
        assert m is not None  # the pattern matches the empty string
        body_end = m.end()
        while body_end > m.start() and text[body_end - 1] in "\r\n":
            body_end -= 1
        lines.append((m.start(), body_end))
        if m.end() == pos:  # empty match at the end
            break
        pos = m.end()
    return lines


def split_paragraphs(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Blank-line separated paragraphs of ``text[start:end]``.

    A blank line is one holding only whitespace (NBSP U+00A0 and the ideographic space
    U+3000 included); ``\\r\\n`` and ``\\r`` count as line breaks. Each span is trimmed of
    surrounding whitespace and indexes ``text`` itself; whitespace-only blocks are dropped.
    """
    end = len(text) if end is None else end
    spans: list[Span] = []
    block_start: int | None = None
    block_end = start
    for lo, hi in iter_lines(text, start, end):
        if is_blank(text[lo:hi]):
            if block_start is not None:
                _add(text, block_start, block_end, spans)
                block_start = None
        else:
            if block_start is None:
                block_start = lo
            block_end = hi
    if block_start is not None:
        _add(text, block_start, block_end, spans)
    return spans


def _add(text: str, lo: int, hi: int, out: list[Span]) -> None:
    lo, hi = trim(text, lo, hi)
    if hi > lo and has_visible(text[lo:hi]):  # a block of only controls and marks is no paragraph
        out.append(Span(lo, hi))
