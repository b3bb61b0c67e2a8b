"""Segmentation: paragraphs → sentences and list items, with exact offsets.

Lists matter most: an omitted item is the typical truncation, and it hides inside one long
sentence ("tasks include ▲A ▲B ▲C"), so an inline list becomes a lead plus one segment
per item.
"""

from __future__ import annotations

from ..model import Document, Paragraph, Segment, SegmentedDocument
from .items import inline_item_starts, line_items
from .sentences import sentence_spans

__all__ = ["segment_document", "segment_paragraph", "split_clauses"]


def segment_document(doc: Document) -> SegmentedDocument:
    paragraphs = []
    for index, span in enumerate(doc.paragraphs):
        text = doc.text[span.start : span.end]
        segments = tuple(
            Segment(kind, index, k, span.start + a, span.start + b, text[a:b])
            for k, (kind, a, b) in enumerate(segment_paragraph(text, doc.language))
        )
        paragraphs.append(Paragraph(index, span.start, span.end, text, segments))
    return SegmentedDocument(doc, tuple(paragraphs))


def segment_paragraph(text: str, language: str) -> list[tuple[str, int, int]]:
    """``(kind, start, end)`` of the segments of one paragraph, relative to it."""
    lines = line_items(text)
    if lines is not None:
        out = []
        for n, (a, b) in enumerate(lines):
            kind = "item" if n or _is_item_line(text[a:b]) else "lead"
            out.append((kind, *_trim(text, a, b)))
        return [s for s in out if s[1] < s[2]]

    starts = inline_item_starts(text)
    if starts is None:
        return [("sentence", a, b) for a, b in sentence_spans(text, language)]
    out = []
    # Sentences before the list; the text right before the first marker is its lead.
    head = sentence_spans(text[: starts[0]], language)
    for n, (a, b) in enumerate(head):
        out.append(("lead" if n == len(head) - 1 else "sentence", a, b))
    bounds = starts + [len(text)]
    for a, b in zip(bounds, bounds[1:]):
        a, b = _trim(text, a, b)
        if a < b:
            out.append(("item", a, b))
    return out


def _is_item_line(line: str) -> bool:
    from .items import LINE_ITEM

    return bool(LINE_ITEM.match(line))


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


_CLAUSE_SEPARATORS = ",、，;；"


def split_clauses(text: str) -> list[tuple[int, int]]:
    """Clause spans of a segment, split at commas and semicolons (used to show which part of
    a list item survives)."""
    spans, pos = [], 0
    for i, ch in enumerate(text):
        if ch in _CLAUSE_SEPARATORS:
            spans.append(_trim(text, pos, i))
            pos = i + 1
    spans.append(_trim(text, pos, len(text)))
    return [(a, b) for a, b in spans if a < b]
