"""Paragraph spans and boilerplate recognition."""

from __future__ import annotations

import re

from ..model import Span

# A blank line is one holding only whitespace (NBSP and the ideographic space included:
# pages pasted from the web use them as spacers).
_BLANK = re.compile(r"\n[ \t\f\v\u00a0\u3000\u200b\r]*(?:\r?\n|\r)|\r[ \t\u00a0\u3000]*\r")


def split_paragraphs(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Blank-line separated, whitespace-trimmed, non-empty paragraphs of ``text[start:end]``."""
    end = len(text) if end is None else end
    spans: list[Span] = []
    pos = start
    for m in _BLANK.finditer(text, start, end):
        _add(text, pos, m.start(), spans)
        pos = m.end()
    _add(text, pos, end, spans)
    return spans


def _add(text: str, lo: int, hi: int, out: list[Span]) -> None:
    while lo < hi and (text[lo].isspace() or text[lo] == "\u200b"):
        lo += 1
    while hi > lo and (text[hi - 1].isspace() or text[hi - 1] == "\u200b"):
        hi -= 1
    if hi > lo:
        out.append(Span(lo, hi))


_BULLET = "•·»›▸◦‣-–*"
# Navigation and share-widget phrases, per language; matched against short lines only.
_WIDGET = re.compile(
    r"(see|read|view|show) (more|all)|related (articles?|posts?|stories|news)|more (articles|stories|news)"
    r"|share this|like this|bloggers? like|print this|advertisement|cookie|subscribe|newsletter"
    r"|관련\s*기사|기사\s*더\s*보기|더\s*보기|공유하기|구독"
    r"|関連記事|もっと見る|続きを読む|シェア"
    r"|相关文章|相关新闻|查看更多|阅读更多|分享"
    r"|voir plus|articles? (connexes|similaires|liés)|lire (aussi|la suite)|partager"
    r"|weitere artikel|mehr (lesen|artikel)|teilen|ver más|artículos relacionados|compartir",
    re.IGNORECASE,
)
_PLACEHOLDER = re.compile(r"%[ds]\b|\{\w*\}")


def is_boilerplate(paragraph: str) -> bool:
    """Web page furniture that belongs to no version's content: share widgets, "see more"
    links, "%d bloggers like this:". Only short paragraphs qualify, so content never does."""
    text = paragraph.strip()
    if not text:
        return True
    words = len(text.split())
    cjk = sum(1 for ch in text if ord(ch) > 0x2E80)
    if words > 10 or cjk > 24 or len(text) > 120:
        return False
    if _PLACEHOLDER.search(text):
        return True
    stripped = text.lstrip(_BULLET + " \t\u00a0")
    if _WIDGET.search(stripped):
        # a bulleted line, or one that is nothing but the widget phrase
        return text[0] in _BULLET or len(stripped) <= 40
    return False
