"""What every check shares: the rule metadata, and a context holding the aligned versions.

A check is a small module with one :class:`Rule` and a ``run(ctx) -> Iterable[Finding]``.
Rule ids are stable (``PC1xx`` for content checks); tools and suppressions refer to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from ..align.nway import DocumentAlignment
from ..align.pairwise import Bead
from ..model import Finding, Location, Reference, SegmentedDocument, Severity
from ..settings import DEFAULT, Settings
from ..text import shorten as _shorten


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    kind: str
    severity: Severity
    doc: str  # one paragraph, for `parallelcheck rules` and the docs
    example: str = ""  # a short before/after, for `parallelcheck explain`
    # The settings the rule reads ("group" for a whole group of parallelcheck.settings, or
    # "group.key"), for `parallelcheck explain`; every rule also reads the alignment's.
    settings: tuple[str, ...] = ()

    def finding(
        self,
        *,
        language: str,
        location: Location,
        reference: Reference | None,
        score: float | None,
        message: str,
        severity: Severity | None = None,
    ) -> Finding:
        return Finding(
            rule=self.id,
            kind=self.kind,
            severity=severity or self.severity,
            language=language,
            location=location,
            reference=reference,
            score=None if score is None or not np.isfinite(score) else round(float(score), 4),
            message=message,
        )


@dataclass(frozen=True)
class Blame:
    """The versions that lack some content, and the severity their findings get (None: the
    rule's own)."""

    lacking: tuple[str, ...]
    severity: Severity | None = None


class CheckContext:
    """Read-only view of one run, with the look-ups checks need."""

    def __init__(
        self,
        docs: list[SegmentedDocument],
        vectors: dict[str, np.ndarray],
        alignment: DocumentAlignment,
        encode=None,
        glossary=(),
        settings: Settings = DEFAULT,
        source: str | None = None,
    ) -> None:
        self.settings = settings
        # The version the others were translated from (then also the pivot), or None: blame
        # follows the consensus of the versions. See blame().
        self.source = source
        self.encode = encode  # the embedder's encode, for checks that look inside segments
        self.glossary = tuple(glossary)  # entries of parallelcheck.glossary, for PC204
        self.docs = {d.language: d for d in docs}
        self.vectors = vectors
        self.alignment = alignment
        self.pivot = alignment.pivot
        self.languages = alignment.languages
        self.others = tuple(lang for lang in self.languages if lang != self.pivot)

    # -- blame ----------------------------------------------------------------------
    @property
    def majority(self) -> int:
        """How many versions (the pivot included) make a consensus."""
        return (len(self.languages) + 1) // 2

    def blame(self, have) -> Blame | None:
        """Who lacks content that the versions ``have`` hold, and at what severity.

        By consensus (no source named): the versions without it, when at least half of all
        versions have it. With a source: the translations without it whenever the source has
        it, however many lack it; the source itself (a warning) when every translation has it
        and the source does not. None: the content is an addition of the versions that have it
        (PC107), or has no majority to side with.
        """
        have = set(have)
        lacking = tuple(lang for lang in self.languages if lang not in have)
        if not lacking or not have:
            return None
        if self.source is None:
            return Blame(lacking) if len(have) >= self.majority else None
        if self.source in have:
            return Blame(lacking)
        if have >= set(self.others):
            return Blame((self.source,), "warning")
        return None

    # -- segments -------------------------------------------------------------------
    @cached_property
    def segments(self) -> dict[str, tuple]:
        return {lang: d.segments for lang, d in self.docs.items()}

    @cached_property
    def paragraph_rows(self) -> list[dict[str, tuple[int, ...]]]:
        """The N-way paragraph rows, each as ``{language: paragraph indices}`` for the
        versions that have something there (the row-level checks compare these)."""
        return [{lang: paras for lang, paras in row.cells if paras} for row in self.alignment.paragraphs.rows]

    @cached_property
    def sentence_rows(self) -> list[dict[str, tuple[int, ...]]]:
        """N-way sentence rows: pivot segments that any version's alignment groups together
        form one row, with what each version aligned to them (global segment indices; the
        aligner's own answer, before verification takes poorly rendered units out of their
        groups). Segments aligned to nothing in the pivot belong to no row."""
        rows = []
        for beads in self.alignment.aligned_beads:
            parent: dict[int, int] = {}

            def find(i: int) -> int:
                while parent.setdefault(i, i) != i:
                    i = parent[i]
                return i

            for lang_beads in beads.values():
                for b in lang_beads:
                    for i in b.a:
                        parent[find(i)] = find(b.a[0])
            groups: dict[int, dict[str, list[int]]] = {}
            for i in sorted(parent):
                groups.setdefault(find(i), {self.pivot: []})[self.pivot].append(i)
            for lang, lang_beads in beads.items():
                for b in lang_beads:
                    if b.a and b.b:
                        groups[find(b.a[0])].setdefault(lang, []).extend(b.b)
            rows += [{lang: tuple(sorted(ix)) for lang, ix in g.items() if ix}
                     for _, g in sorted(groups.items(), key=lambda kv: min(kv[1][self.pivot]))]
        return rows

    @cached_property
    def pivot_beads(self) -> dict[str, dict[int, Bead]]:
        """For each non-pivot language: pivot segment index -> the bead that covers it."""
        return self._beads_by("a")

    @cached_property
    def version_beads(self) -> dict[str, dict[int, Bead]]:
        """For each non-pivot language: its segment index -> the bead that covers it."""
        return self._beads_by("b")

    def _beads_by(self, side: str) -> dict[str, dict[int, Bead]]:
        out: dict[str, dict[int, Bead]] = {lang: {} for lang in self.others}
        for row in self.alignment.segment_beads:
            for lang, beads in row.items():
                for b in beads:
                    for i in getattr(b, side):
                        out[lang][i] = b
        return out

    def similarity(self, lang_a: str, a: tuple[int, ...], lang_b: str, b: tuple[int, ...]) -> float:
        return float(self.matchers[lang_a].group_vector(a) @ self.matchers[lang_b].group_vector(b))

    def scale(self, lang_a: str, lang_b: str) -> float:
        """Typical similarity of good segment matches between two languages in this document."""
        if lang_a == self.pivot:
            return self.alignment.calibration[lang_b].segment_scale
        if lang_b == self.pivot:
            return self.alignment.calibration[lang_a].segment_scale
        return self._cross_scales[(min(lang_a, lang_b), max(lang_a, lang_b))]

    @cached_property
    def _cross_scales(self) -> dict[tuple[str, str], float]:
        """Scales between non-pivot pairs, measured on segments both matched to the same pivot
        segment (the pivot's calibration can't speak for them)."""
        from ..align.pairwise import typical_similarity

        out = {}
        for i, x in enumerate(self.others):
            for y in self.others[i + 1 :]:
                sims = []
                for k, bx in self.pivot_beads[x].items():
                    by = self.pivot_beads[y].get(k)
                    if bx.b and by is not None and by.b:
                        sims.append(self.similarity(x, bx.b, y, by.b))
                out[(min(x, y), max(x, y))] = typical_similarity(np.array(sims), self.settings.alignment)
        return out

    @cached_property
    def matchers(self):
        """Per language, a :class:`PieceMatcher` (clause pieces of segment groups, encoded
        once): the aligner's own, so that what verification encoded is not encoded again."""
        if self.alignment.matchers:
            return self.alignment.matchers
        from ..align.verify import PieceMatcher

        return {lang: PieceMatcher(d, self.vectors[lang], self.encode, self.settings.verification)
                for lang, d in self.docs.items()}

    # -- locations ------------------------------------------------------------------
    def location(self, lang: str, indices: tuple[int, ...] | list[int]) -> Location:
        segs = self.segments[lang]
        first, last = segs[min(indices)], segs[max(indices)]
        doc = self.docs[lang].document
        return Location(first.paragraph, first.start, last.end, doc.line_of(first.start))

    def span_location(self, lang: str, paragraph: int, start: int, end: int) -> Location:
        """A span of code points in the version's text (e.g. one number or term)."""
        return Location(paragraph, start, end, self.docs[lang].document.line_of(start))

    def paragraph_location(self, lang: str, paragraph: int) -> Location:
        p = self.docs[lang].paragraphs[paragraph]
        return Location(p.index, p.start, p.end, self.docs[lang].document.line_of(p.start))

    def text(self, lang: str, indices: tuple[int, ...] | list[int]) -> str:
        segs = self.segments[lang]
        doc = self.docs[lang].document
        return doc.text[segs[min(indices)].start : segs[max(indices)].end]

    def quote(self, lang: str, start: int, end: int) -> str:
        """A span as a message quotes it: the prose with its inline code put back (the prose
        view of a Markdown/HTML version has blanks there) and without the blanks of other
        markup (a link's target), whitespace collapsed."""
        doc = self.docs[lang].document
        if doc.markup is None:
            return " ".join(doc.text[start:end].split())
        code = {t.start: t for t in doc.markup.code if t.kind == "inline-code" and start <= t.start and t.end <= end}
        out, i = [], start
        while i < end:
            if i in code:
                out.append(f"`{code[i].text}`")
                i = code[i].end
                continue
            ch = doc.text[i]
            if not (ch.isspace() and not doc.source_text[i].isspace()):  # a masked character
                out.append(ch)
            i += 1
        return " ".join("".join(out).split())

    def quote_segments(self, lang: str, indices) -> str:
        """:meth:`quote` of each segment, joined by a space."""
        return " ".join(self.quote(lang, self.segments[lang][i].start, self.segments[lang][i].end) for i in indices)

    def reference(self, lang: str, indices: tuple[int, ...] | list[int], text: str | None = None) -> Reference:
        segs = self.segments[lang]
        return Reference(lang, segs[min(indices)].paragraph, text if text is not None else self.text(lang, indices))


def shorten(text: str, limit: int = 80) -> str:
    """Quotes in messages are shorter than the report's reference lines."""
    return _shorten(text, limit)
