"""The data model: frozen dataclasses that flow from loading to reporting.

Offsets are code-point offsets into ``Document.text`` — the full text of the file
(or string) the version came from — so a finding can always be shown in context,
even when several versions share one combined file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal, Mapping

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")


def severity_counts(findings: Iterable[Finding]) -> dict[str, int]:
    """``{"error": n, "warning": n, "info": n}`` for a run's findings (a report's summary)."""
    counts = {s: 0 for s in SEVERITIES}
    for f in findings:
        counts[f.severity] += 1
    return counts


def gate_exit_code(findings: Iterable[Finding], fail_on: str = "error") -> int:
    """0 when nothing at or above ``fail_on`` was found, else 1 (the CI gate)."""
    gate = SEVERITIES[: SEVERITIES.index(fail_on) + 1]
    return 1 if any(f.severity in gate for f in findings) else 0

SegmentKind = Literal["sentence", "item", "lead"]


@dataclass(frozen=True)
class Span:
    """A half-open ``[start, end)`` range of code points in a document's text."""

    start: int
    end: int


@dataclass(frozen=True)
class CodeToken:
    """A piece of a structured document that is not prose (a code block, an inline code
    span, a link target, a shortcode, a placeholder): masked out of ``Document.text`` and
    compared as it is across versions (PC207). ``key`` is the form compared — placeholder
    names inside ``{{…}}`` blanked, localised link prefixes dropped — and ``text`` the
    form quoted."""

    kind: str  # code-block | inline-code | url | shortcode | placeholder
    key: str
    text: str
    start: int  # offsets into the source text (= offsets into Document.text)
    end: int
    paragraph: int  # the content paragraph it belongs to, or the last one before it (0 if none)


@dataclass(frozen=True)
class Markup:
    """What a structured reader (Markdown, HTML) knows beyond the prose.

    ``Document.text`` of such a version is its *prose view*: ``source`` with every code
    point that is not prose (markup, code, comments, front matter, shortcodes,
    placeholders) replaced by a space — line breaks kept — so it has the same length and
    the same lines, and every offset and line number of a finding points into the file.
    Embedding, alignment and every prose check read only the prose; PC207 compares
    ``code``."""

    format: str  # "markdown" | "html"
    source: str  # the file's text as decoded
    blocks: tuple[str, ...]  # per content paragraph, its block type: heading, paragraph, list, …
    code: tuple[CodeToken, ...] = ()


@dataclass(frozen=True)
class Document:
    """One language version of a document, as loaded.

    ``paragraphs`` are the content paragraphs of this version (boilerplate such as
    share widgets already excluded), as spans of ``text`` trimmed of surrounding
    whitespace. For a combined multi-language file, ``text`` is the whole file and
    the spans select this version's part of it. For Markdown and HTML, ``text`` is the
    prose view of the file and ``markup`` holds the file itself and its non-prose
    skeleton (see :class:`Markup`); plain text has no ``markup``.
    """

    language: str
    text: str
    source: str
    paragraphs: tuple[Span, ...]
    markup: Markup | None = None

    @property
    def source_text(self) -> str:
        """The text as read from the file (``text`` itself for plain text)."""
        return self.markup.source if self.markup is not None else self.text

    def paragraph_text(self, index: int) -> str:
        span = self.paragraphs[index]
        return self.text[span.start : span.end]

    def line_of(self, offset: int) -> int:
        """1-based line number of a code-point offset, in the file (the prose view of an HTML
        version may break lines where the page's blocks end); ``\r\n``, ``\r`` and ``\n`` end
        a line, as for the loader."""
        t = self.source_text
        return t.count("\n", 0, offset) + t.count("\r", 0, offset) - t.count("\r\n", 0, offset) + 1


@dataclass(frozen=True)
class Segment:
    """The unit of alignment below the paragraph: a sentence, a list item, or the
    lead-in text of a sentence that introduces an inline list ("tasks include ▲…")."""

    kind: SegmentKind
    paragraph: int  # index of the paragraph within its document
    index: int  # index of the segment within its paragraph
    start: int  # offsets into Document.text
    end: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    index: int
    start: int
    end: int
    text: str
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class SegmentedDocument:
    document: Document
    paragraphs: tuple[Paragraph, ...]

    @property
    def language(self) -> str:
        return self.document.language

    @cached_property
    def segments(self) -> tuple[Segment, ...]:
        # Cached: aligner and checks index it in loops (a frozen dataclass still has a
        # __dict__, which is where cached_property keeps the value).
        return tuple(s for p in self.paragraphs for s in p.segments)

    @cached_property
    def segment_ranges(self) -> tuple[range, ...]:
        """Per paragraph, the indices of its segments in :attr:`segments`."""
        out, k = [], 0
        for p in self.paragraphs:
            out.append(range(k, k + len(p.segments)))
            k += len(p.segments)
        return tuple(out)


@dataclass(frozen=True)
class AlignedRow:
    """One row of an N-way alignment: for each language, the consecutive indices
    (paragraphs or segments) that express the same content. An empty tuple is a gap:
    that language has nothing for this row."""

    cells: tuple[tuple[str, tuple[int, ...]], ...]  # (language, indices), in version order

    def get(self, language: str) -> tuple[int, ...]:
        for lang, idx in self.cells:
            if lang == language:
                return idx
        raise KeyError(language)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(lang for lang, _ in self.cells)


@dataclass(frozen=True)
class Alignment:
    languages: tuple[str, ...]
    rows: tuple[AlignedRow, ...]


@dataclass(frozen=True)
class Location:
    paragraph: int
    start: int
    end: int
    line: int
    # Findings on translation units (PO, XLIFF, TMX): the file the unit is in (when it is not
    # the version's source) and the unit's id; ``line`` is then a line of that file.
    file: str | None = None
    unit: str | None = None


@dataclass(frozen=True)
class Reference:
    """What the faulty version should have said, quoted from another version."""

    language: str
    paragraph: int
    text: str


@dataclass(frozen=True)
class Finding:
    rule: str  # stable id, e.g. "PC101"
    kind: str  # missing | truncated | drift | untranslated | added
    severity: Severity
    language: str  # the version at fault
    location: Location
    reference: Reference | None
    score: float | None
    message: str
    # Identity of the defect that survives edits elsewhere in the document: a hash of the
    # rule, the language and the normalised text involved, never offsets (baselines, SARIF).
    fingerprint: str = ""

    def sort_key(self) -> tuple:
        return (
            self.language,
            self.location.start,
            self.location.end,
            self.rule,
            self.reference.text if self.reference else "",
        )


@dataclass(frozen=True)
class VersionSummary:
    language: str
    source: str
    paragraphs: int
    segments: int


@dataclass(frozen=True)
class Report:
    tool_version: str
    model: Mapping[str, object]
    pivot: str
    versions: tuple[VersionSummary, ...]
    findings: tuple[Finding, ...]
    # Full inputs, for reporters that show context (side-by-side views); not serialised.
    documents: tuple[SegmentedDocument, ...] = field(default=(), compare=False, repr=False)
    # The N-way paragraph alignment (cells in version order) and, per row and version, how
    # similar that version's paragraphs are to the other versions' (mean cosine; None for a
    # gap): the side-by-side view and its similarity picture.
    rows: tuple[AlignedRow, ...] = field(default=(), compare=False, repr=False)
    row_similarity: tuple[tuple[float | None, ...], ...] = field(default=(), compare=False, repr=False)
    # Findings left out because a baseline (--baseline) accepted them.
    suppressed: int = 0
    # Everything that produced the report, in one line (parallelcheck.signature).
    signature: str = ""

    @property
    def summary(self) -> dict[str, int]:
        return severity_counts(self.findings)

    def exit_code(self, fail_on: Severity = "error") -> int:
        """0 when nothing at or above ``fail_on`` was found, else 1 (the CI gate)."""
        return gate_exit_code(self.findings, fail_on)
