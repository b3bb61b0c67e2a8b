"""What the encoder reads of a segment: its prose, with short inline code written back.

The prose view of a Markdown or HTML version blanks its inline code (see
:mod:`parallelcheck.load.prose`), which is right for the checks that must not read code as
prose (untranslated text, numbers, names, how a sentence ends). But a sentence's meaning
often sits in the identifiers it names: ja «`values`のセットは、`In`と`NotIn`オペレーターにおいて
は空文字を許容しません。» blanked reads «のセットは、とオペレーターにおいては…», which matches
en «The values set must be non-empty in the case of In and NotIn.» (plain words there) too
poorly to be taken for it. The encoder is therefore given the segment with each short,
one-word inline code span (``In``, ``matchLabels``, ``kubectl``) written back in its place,
without backticks; code with spaces (a command) stays blank, and so does every other kind of
masked markup. The code just before a segment's first word (``\\`values\\`の…``, the opening
of a paragraph) is read with it, the code after the last word of a paragraph with the last
segment.

The texts cut from a segment that the aligner's second look and the checks encode (clause
pieces, a sentence's close) are read the same way (:class:`ReadingEncoder`). Lengths stay
those of the prose view.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from typing import Any

from ..model import Document, SegmentedDocument
from ..settings import CodeSettings

_PAD = "\x00"  # a masked code point next to a shown code span (backticks, tags): dropped
_SEP = "\x01"  # between the segments' texts in ReadingEncoder's index (never in prose)


# A name that reads as a word: ASCII letters, words joined by - or _ (`matchLabels`,
# `kube-system`). Code with digits or other punctuation is an id, a path, a version or a
# key=value (`ref:bbc-381790`, `v0.1`, `status.phase`), which two sentences may share without
# saying the same (the Markdown defect benchmark appends one `ref:` id to a sentence of every
# version: read, it hid cut sentences). A term in the version's own script inside backticks
# (zh `标准输出` for `stdout`) is a translation, which the encoder would match poorly with the
# code it stands for.
_IDENTIFIER = re.compile(r"[A-Za-z]+(?:[-_][A-Za-z]+)*")


def _shown(text: str, settings: CodeSettings) -> bool:
    """Whether an inline code span is read as a word: one short name made of letters."""
    return len(text) <= settings.read_inline_chars and _IDENTIFIER.fullmatch(text) is not None


def reading_view(doc: Document, settings: CodeSettings) -> str | None:
    """The prose view of ``doc`` with its short inline code written back (the padding
    around it as :data:`_PAD`), same length; None when nothing would change (plain text, no
    such code)."""
    if doc.markup is None:
        return None
    tokens = [t for t in doc.markup.code if t.kind == "inline-code" and _shown(t.text, settings)
              and len(t.text) <= t.end - t.start]
    if not tokens:
        return None
    chars = list(doc.text)
    for t in tokens:
        if any(not chars[i].isspace() for i in range(t.start, t.end)):
            continue  # overlaps prose (cannot happen for a masked span): leave it
        at = doc.source_text.find(t.text, t.start, t.end)
        at = t.start if at < 0 else at
        for i in range(t.start, t.end):
            chars[i] = _PAD
        chars[at : at + len(t.text)] = t.text
        # A word of its own: a space where it meets a letter («は In と», not «はInと», which
        # the encoder reads as other tokens), nothing before punctuation («In, NotIn»).
        if at > t.start and t.start > 0 and doc.text[t.start - 1].isalnum():
            chars[at - 1] = " "
        end = at + len(t.text)
        if end < t.end and t.end < len(doc.text) and doc.text[t.end].isalnum():
            chars[end] = " "
    return "".join(chars)


def _reading_spans(doc: SegmentedDocument, view: str) -> list[tuple[int, int]]:
    """Per segment, the span of ``view`` it reads: its own, widened over the shown code
    before it (back to the previous segment, or to the start of its paragraph's first line)
    and, for a paragraph's last segment, after it (to the end of its line)."""

    prose = doc.document.text

    def code(i: int) -> bool:  # a shown code span's character or its padding
        return view[i] != prose[i]

    out = []
    for p in doc.paragraphs:
        lo = p.start
        while lo > 0 and view[lo - 1] not in "\r\n" and (view[lo - 1].isspace() or code(lo - 1)):
            lo -= 1
        hi = p.end
        while hi < len(view) and view[hi] not in "\r\n" and (view[hi].isspace() or code(hi)):
            hi += 1
        starts = [lo] + [s.end for s in p.segments[:-1]]
        ends = [s.end for s in p.segments[:-1]] + [hi]
        out += list(zip(starts, ends))
    return out


def reading_texts(doc: SegmentedDocument, settings: CodeSettings, view: str | None = None) -> list[str]:
    """Per segment of ``doc``, the text the encoder reads (the segment's own text when the
    version has no inline code to show); ``view``: its :func:`reading_view`, if known."""
    view = view if view is not None else reading_view(doc.document, settings)
    if view is None:
        return [s.text for s in doc.segments]
    out = []
    for s, (lo, hi) in zip(doc.segments, _reading_spans(doc, view)):
        shows = _PAD in view[lo:hi]
        out.append(view[lo:hi].replace(_PAD, "").strip() if shows else s.text)
    return out


class ReadingEncoder:
    """An encoder for texts cut from segments (clause pieces, a sentence's opening or close:
    what the aligner's second look and the checks encode) that reads them as the segments
    are read: a text found in a segment that shows code is encoded as that stretch of the
    reading view. Segment vectors and piece vectors then compare like with like (a piece
    without the ``build`` its segment has would match the other versions' whole sentence
    worse than their parts, and a cut sentence would seem complete). Other texts pass
    unchanged."""

    def __init__(self, encode: Callable[[Sequence[str]], Any], docs: Sequence[SegmentedDocument],
                 settings: CodeSettings, views: Sequence[str | None] | None = None) -> None:
        """``views``: each document's :func:`reading_view`, if known."""
        self._encode = encode
        self._whole: dict[str, str] = {}  # a segment's text -> what the encoder reads of it
        # (a segment's text, the stretch of the reading view it reads, where the text starts in it)
        self._parts: list[tuple[str, str, int]] = []
        if views is None:
            views = [reading_view(doc.document, settings) for doc in docs]
        for doc, view in zip(docs, views):
            if view is None:
                continue
            for s, (lo, hi) in zip(doc.segments, _reading_spans(doc, view)):
                if _PAD in view[lo:hi]:
                    self._whole.setdefault(s.text, view[lo:hi].replace(_PAD, "").strip())
                    self._parts.append((s.text, view[lo:hi], s.start - lo))
        # One string of every such segment's text, so that the segment a text was cut from is
        # found by one search (in C) rather than one per segment: a long page has thousands.
        self._joined = _SEP.join(prose for prose, _, _ in self._parts)
        self._starts: list[int] = []
        at = 0
        for prose, _, _ in self._parts:
            self._starts.append(at)
            at += len(prose) + len(_SEP)
        self._read: dict[str, str] = {}

    def read(self, text: str) -> str:
        """What the encoder reads of ``text``."""
        if not self._parts:
            return text
        if text in self._whole:
            return self._whole[text]
        if text not in self._read:
            self._read[text] = self._find(text)
        return self._read[text]

    def _find(self, text: str) -> str:
        """``text`` read in the first segment that shows code and contains it (else as it is)."""
        found = self._joined.find(text) if _SEP not in text else -1
        if found < 0:
            return text
        k = bisect.bisect_right(self._starts, found) - 1
        prose, view, offset = self._parts[k]
        at = found - self._starts[k]
        # the segment's opening (close) reads the code before (after) it, as the segment does
        lo = 0 if at == 0 else offset + at
        hi = len(view) if at + len(text) == len(prose) else offset + at + len(text)
        return view[lo:hi].replace(_PAD, "").strip() or text

    def encode(self, texts: Sequence[str]):
        return self._encode([self.read(t) for t in texts])
