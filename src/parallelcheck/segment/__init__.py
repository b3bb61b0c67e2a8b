"""Segmentation: each paragraph of a Document into sentences, list items and leads.

Lists matter most: an omitted item is the typical truncation, and it hides inside one
long sentence ("tasks include ▲A ▲B ▲C"), so an inline list becomes a lead plus one
segment per item.

>>> from parallelcheck.model import Document, Span
>>> text = "Tasks include ▲a fund, ▲a centre. It ends."
>>> doc = Document("en", text, "<s>", (Span(0, len(text)),))
>>> [(s.kind, s.text) for s in segment_document(doc).segments]
[('lead', 'Tasks include'), ('item', '▲a fund,'), ('item', '▲a centre.'), ('sentence', 'It ends.')]
"""

from __future__ import annotations

from functools import partial

from ..languages import profile
from ..model import Document, Paragraph, Segment, SegmentedDocument
from ..settings import DEFAULT, SegmentationSettings
from .clauses import split_clauses
from .items import paragraph_pieces
from .sentences import split_sentences

__all__ = ["segment_document", "segment_paragraph", "split_clauses", "split_sentences"]


def segment_paragraph(text: str, language: str,
                      settings: SegmentationSettings = DEFAULT.segmentation) -> list[tuple[str, int, int]]:
    """Segments of one paragraph's text as ``(kind, start, end)`` relative offsets.

    Segments are trimmed, in order, and cover every non-space character of ``text``
    exactly once.
    """
    split = partial(split_sentences, language=profile(language).code, settings=settings)
    return paragraph_pieces(text, split, settings.long_item_chars)


def segment_document(doc: Document, settings: SegmentationSettings = DEFAULT.segmentation) -> SegmentedDocument:
    """Split every paragraph span of ``doc`` into sentences, list items and leads
    (``settings``: settings.SegmentationSettings).

    Offsets in the result are code-point offsets into ``doc.text``.
    """
    paragraphs = []
    for index, span in enumerate(doc.paragraphs):
        text = doc.text[span.start : span.end]
        segments = tuple(
            Segment(kind, index, k, span.start + s, span.start + e, text[s:e])  # type: ignore[arg-type]
            for k, (kind, s, e) in enumerate(segment_paragraph(text, doc.language, settings))
        )
        paragraphs.append(Paragraph(index, span.start, span.end, text, segments))
    return SegmentedDocument(doc, tuple(paragraphs))
