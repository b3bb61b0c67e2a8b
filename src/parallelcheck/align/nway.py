"""Joint alignment of all versions: paragraphs first, then segments inside aligned paragraphs.

Every version is aligned to the pivot with :func:`align_pair`; the star of pairwise
alignments is then merged into N-way rows. A row's pivot range is widened whenever any
version merged pivot paragraphs, so all versions agree on where rows start and end.
Content that some versions have and the pivot lacks becomes a row of its own with an
empty pivot cell, so consensus ("most versions have it") can still blame the pivot.

Calibration is per language pair and per document: the typical similarity of true
translations and the expected length ratio are measured on this document, because the
encoder scores some pairs (notably Japanese) lower throughout.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from ..limits import LIMITS
from ..model import AlignedRow, Alignment, SegmentedDocument
from ..settings import DEFAULT, AlignmentSettings, Settings, VerificationSettings
from .pairwise import Bead, PairParams, align_pair, typical_similarity
from .verify import (Encode, PieceMatcher, rescue_gaps, slide_gaps, split_at_blocks, swap, unit_sum,
                     verify_beads)


@dataclass(frozen=True)
class PairCalibration:
    """What good matches between the pivot and one version look like in this document."""

    paragraph_scale: float
    segment_scale: float
    length_ratio: float  # expected len(version) / len(pivot), in characters


@dataclass
class DocumentAlignment:
    """The result of aligning all versions: paragraph rows, and segment beads per row."""

    pivot: str
    languages: tuple[str, ...]
    paragraphs: Alignment
    # segment_beads[row_index][language] -> beads between the pivot's and that language's
    # segments in the row (indices are global segment indices of each document)
    segment_beads: list[dict[str, list[Bead]]] = field(default_factory=list)
    calibration: dict[str, PairCalibration] = field(default_factory=dict)
    # The same before verification: which segments correspond, as the DP passes see it.
    # verify_beads then asks a different question — is each unit's content really
    # expressed? — and takes units that aren't out of their merges (what the checks need).
    # A gold alignment (benchmarks/align.py) grades this one: it pairs sentences that
    # correspond even when one renders the other poorly.
    aligned_beads: list[dict[str, list[Bead]]] = field(default_factory=list)
    # Per language, the clause-piece matcher verification used (pieces it encoded are kept):
    # the checks look inside the same segments and reuse it instead of encoding them again.
    matchers: dict[str, PieceMatcher] = field(default_factory=dict)


def _unit_vectors(vecs: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vecs / norms


class ParagraphMatcher:
    """The paragraph-level counterpart of verify's PieceMatcher: how well a reference
    vector matches the opening or the close of a group of paragraphs (the sentences a merged
    paragraph took from its neighbour sit at one end of it). No encoding: sentence vectors
    are summed."""

    def __init__(self, doc: SegmentedDocument, seg_vecs: np.ndarray, para_vecs: np.ndarray) -> None:
        self.doc = doc
        self.seg_vecs = seg_vecs
        self.vecs = para_vecs  # the paragraphs' own vectors (paragraph_vectors), already computed

    def group_vector(self, idx: tuple[int, ...]) -> np.ndarray:
        return unit_sum(self.vecs, idx)

    def best(self, ref: np.ndarray, idx: tuple[int, ...]) -> float:
        segs = [i for p in idx for i in self.doc.segment_ranges[p]]
        ends = [segs[:n] for n in range(1, len(segs) + 1)] + [segs[-n:] for n in range(1, len(segs) + 1)]
        return max(float(unit_sum(self.seg_vecs, e) @ ref) for e in ends) if ends else -1.0


def _sum_dtype(n: int):
    """float64 for summed vectors, float32 above ``Limits.float64_units`` rows (memory)."""
    return np.float64 if n <= LIMITS.float64_units else np.float32


def paragraph_vectors(doc: SegmentedDocument, seg_vecs: np.ndarray) -> np.ndarray:
    """A paragraph's vector: the normalised sum of its segments' vectors (one encoding pass
    serves both levels, and long paragraphs don't hit the encoder's length limit)."""
    out = np.zeros((len(doc.paragraphs), seg_vecs.shape[1]), dtype=_sum_dtype(len(doc.paragraphs)))
    k = 0
    for p in doc.paragraphs:
        n = len(p.segments)
        out[p.index] = seg_vecs[k : k + n].sum(axis=0)
        k += n
    return _unit_vectors(out)


def _best_match_sims(a: np.ndarray, b: np.ndarray, chunk: int = 2048) -> np.ndarray:
    """For each row of ``a``, its highest cosine with any row of ``b`` (chunked: no n*m matrix
    larger than chunk*m is held at once)."""
    if len(a) == 0 or len(b) == 0:
        return np.zeros(0)
    if len(a) > LIMITS.calibration_rows:  # bounded time: an even sample estimates the quantile
        a = a[np.linspace(0, len(a) - 1, LIMITS.calibration_rows).astype(np.int64)]
    chunk = max(1, min(chunk, LIMITS.product_cells // len(b)))  # bounded memory
    return np.concatenate([(a[i : i + chunk] @ b.T).max(axis=1) for i in range(0, len(a), chunk)])


def _merge_rows(
    pivot: str,
    languages: tuple[str, ...],
    n_pivot: int,
    beads: dict[str, list[Bead]],
) -> list[AlignedRow]:
    """Merge pivot-star beads into N-way rows with common boundaries."""
    # A boundary after pivot unit i survives only if no version's bead spans it.
    joined = [False] * max(n_pivot - 1, 0)
    for blist in beads.values():
        for b in blist:
            for i in b.a[:-1]:
                joined[i] = True
    # Pivot ranges of rows.
    ranges: list[tuple[int, int]] = []
    start = 0
    for i in range(n_pivot):
        if i == n_pivot - 1 or not joined[i]:
            ranges.append((start, i + 1))
            start = i + 1
    row_of = {}
    for r, (lo, hi) in enumerate(ranges):
        for i in range(lo, hi):
            row_of[i] = r

    # Collect each version's units per pivot row, and its insertions by position
    # ("after pivot row r", r = -1 for the very start).
    cells: list[dict[str, list[int]]] = [{lang: [] for lang in languages} for _ in ranges]
    inserts: dict[int, dict[str, list[int]]] = {}
    for lang, blist in beads.items():
        # the row of the next bead that has pivot units, for each position
        next_row: list[int | None] = [None] * len(blist)
        upcoming = None
        for n in range(len(blist) - 1, -1, -1):
            next_row[n] = upcoming
            if blist[n].a:
                upcoming = row_of[blist[n].a[0]]
        last_row = -1
        for n, b in enumerate(blist):
            if b.a:
                last_row = row_of[b.a[0]]
                cells[last_row][lang].extend(b.b)
            elif last_row >= 0 and next_row[n] == last_row:
                # between two pivot units of one row (another version merged them): stays there
                cells[last_row][lang].extend(b.b)
            else:
                inserts.setdefault(last_row, {}).setdefault(lang, []).extend(b.b)

    rows: list[AlignedRow] = []

    def emit_inserts(r: int) -> None:
        if r in inserts:
            found = inserts[r]
            rows.append(
                AlignedRow(tuple((lang, tuple(sorted(found.get(lang, [])))) for lang in languages))
            )

    emit_inserts(-1)
    for r, (lo, hi) in enumerate(ranges):
        row_cells = []
        for lang in languages:
            idx = tuple(range(lo, hi)) if lang == pivot else tuple(sorted(cells[r][lang]))
            row_cells.append((lang, idx))
        rows.append(AlignedRow(tuple(row_cells)))
        emit_inserts(r)
    return rows


@dataclass(frozen=True)
class Versions:
    """What every alignment step reads: the versions, their vectors and lengths (built once)."""

    pivot: str
    languages: tuple[str, ...]
    docs: dict[str, SegmentedDocument]
    seg_vecs: dict[str, np.ndarray]
    para_vecs: dict[str, np.ndarray]
    seg_lens: dict[str, np.ndarray]
    para_lens: dict[str, np.ndarray]

    @classmethod
    def build(cls, docs: list[SegmentedDocument], seg_vecs: dict[str, np.ndarray], pivot: str) -> "Versions":
        return cls(
            pivot,
            tuple(d.language for d in docs),
            {d.language: d for d in docs},
            seg_vecs,
            {d.language: paragraph_vectors(d, seg_vecs[d.language]) for d in docs},
            {d.language: np.array([content_length(s.text) for s in d.segments], dtype=float) for d in docs},
            {d.language: np.array([content_length(p.text) for p in d.paragraphs], dtype=float) for d in docs},
        )

    @property
    def others(self) -> tuple[str, ...]:
        return tuple(lang for lang in self.languages if lang != self.pivot)

    def distinct_length(self, lang: str) -> float:
        """The content length of a version with each paragraph it repeats counted once: a
        Markdown page's title, in its front matter and again as its heading, is one
        observation of how this version translates, not two (the headline's own length
        ratio would weigh double in the document's)."""
        return float(sum(n for i, n in enumerate(self.para_lens[lang]) if i not in self.repeated_paragraphs))

    @cached_property
    def repeated_paragraphs(self) -> frozenset[int]:
        """The paragraphs that repeat an earlier one in every version, at the same places
        (letters and digits alike: a heading ``# Title`` repeats its front-matter ``title:
        Title``). Only a repeat all versions share is the document's structure; a sentence
        that merely says what another says in one language (a tldr page's «Remove
        containers.» and «- Remove containers:», two sentences in French) is no repeat."""
        shared = None
        for lang in self.languages:
            pairs = _repeats([p.text for p in self.docs[lang].paragraphs])
            shared = pairs if shared is None else shared & pairs
        return frozenset(i for i, _ in shared or ())

    @cached_property
    def code_blocks(self) -> dict[str, dict[int, str]]:
        """Per version, the segments after which code (a code block, a line of inline code)
        stands on lines of its own before the next paragraph, and the code's key
        (:func:`~parallelcheck.align.verify.split_at_blocks`). Plain text has none."""
        return {lang: _code_blocks(doc) for lang, doc in self.docs.items()}

    @cached_property
    def paragraph_code_blocks(self) -> dict[str, dict[int, str]]:
        """:attr:`code_blocks` by paragraph: the paragraphs that code follows, and its key."""
        return {lang: {doc.segments[i].paragraph: key for i, key in self.code_blocks[lang].items()}
                for lang, doc in self.docs.items()}

    @cached_property
    def repeated_pivot_segments(self) -> frozenset[int]:
        """The pivot's segments in a repeated paragraph (:attr:`repeated_paragraphs`)."""
        doc = self.docs[self.pivot]
        return frozenset(i for p in self.repeated_paragraphs for i in doc.segment_ranges[p])


_CODE_KINDS = ("code-block", "inline-code")
# A placeholder's name is translated ({{path/to/file}}, {{경로/대상/파일}}); an option
# placeholder ({{[-m|--message]}}) is not, and tells commands apart.
_NAME_PLACEHOLDER = re.compile(r"\{\{(?!\[?-)[^{}]*\}\}")


def _code_key(text: str) -> str:
    return "".join(_NAME_PLACEHOLDER.sub("{{}}", text).split())


def _code_blocks(doc: SegmentedDocument) -> dict[int, str]:
    markup = doc.document.markup
    if markup is None:
        return {}
    tokens = sorted((t.start, t.text) for t in markup.code if t.kind in _CODE_KINDS)
    if not tokens:
        return {}
    starts = [start for start, _ in tokens]
    text, out = doc.document.text, {}
    paragraphs = doc.paragraphs
    for p, here in enumerate(paragraphs):
        after = paragraphs[p + 1] if p + 1 < len(paragraphs) else None
        if not here.segments:
            continue
        # between the end of the line that ends this paragraph and the start of the line that
        # opens the next (or the end of the text): lines of their own (inline code closing a
        # sentence is no block)
        lo = text.find("\n", here.end)
        hi = len(text) if after is None else text.rfind("\n", 0, after.start)
        if lo < 0 or hi <= lo:
            continue
        inside = [code for start, code in tokens[bisect.bisect_left(starts, lo) : bisect.bisect_left(starts, hi)]]
        if inside:
            out[doc.segment_ranges[p][-1]] = "\n".join(_code_key(code) for code in inside)
    return out


def _repeats(texts: list[str]) -> set[tuple[int, int]]:
    """``(i, j)`` for each text ``i`` whose letters and digits equal those of the earlier
    text ``j`` (its first occurrence)."""
    first: dict[str, int] = {}
    out = set()
    for i, text in enumerate(texts):
        key = "".join(ch for ch in text if ch.isalnum())
        if key in first:
            out.add((i, first[key]))
        elif key:
            first[key] = i
    return out


def align_documents(
    docs: list[SegmentedDocument],
    seg_vecs: dict[str, np.ndarray],
    pivot: str,
    encode: Encode | None = None,
    settings: Settings = DEFAULT,
    consensus: bool = True,
) -> DocumentAlignment:
    """Align all versions jointly (see module docstring). ``seg_vecs[lang]`` holds one
    L2-normalised vector per segment of that document, in document order. ``encode`` (the
    embedder's) lets the verification step look at clauses inside segments. Every step
    below takes what it needs and returns what it found; nothing is rewritten in place.
    ``consensus=False`` (a source named: the pivot is what every version translates) aligns
    segments with the pivot alone, so that what most versions lack is not read into the
    pivot's sentence by their neighbours' vectors; the consensus only gives verification a
    second opinion (align_segments)."""
    v = Versions.build(docs, seg_vecs, pivot)
    a = settings.alignment
    para_beads, para_refs, calibration = align_paragraphs(v, a, consensus)
    para_beads = rescue_paragraphs(v, para_beads, para_refs, calibration, settings)
    para_beads = attach_unmatched_paragraphs(v, para_beads, a)
    para_beads = place_by_code(v, para_beads, para_refs, calibration, settings.verification)
    rows = _merge_rows(pivot, v.languages, len(v.docs[pivot].paragraphs), para_beads)
    windows = segment_windows(v, rows, para_beads)
    segment_beads, segment_refs, calibration, second = align_segments(v, windows, len(rows), calibration, a,
                                                                         consensus)
    aligned = [dict(row) for row in segment_beads]  # the aligner's answer, before the second look
    matchers = {lang: PieceMatcher(v.docs[lang], seg_vecs[lang], encode, settings.verification)
                for lang in v.languages}
    verified = verify_segments(v, segment_beads, segment_refs, calibration, matchers, settings.verification,
                               second)
    return DocumentAlignment(pivot, v.languages, Alignment(v.languages, tuple(rows)), verified, calibration,
                             aligned, matchers)


def align_paragraphs(v: Versions, a: AlignmentSettings, consensus: bool = True):
    """Step 1: each version's paragraphs aligned with the pivot's, then (with three or more
    versions, and no source named: ``consensus``) with the consensus of the others. With a
    source the pivot pass is the answer, as for segments (align_segments): translations that
    lag the same way would otherwise pull the source's paragraph vectors toward their older
    text (tldr awk: fr's and zh's min/max example took the place of en's newer last one).
    Returns the beads, the reference vectors each version was aligned with, and each pair's
    calibration (paragraph scale, length ratio; the segment scale comes with the segments)."""
    params = PairParams.paragraphs(a)
    pivot = v.pivot
    calibration: dict[str, PairCalibration] = {}
    beads: dict[str, list[Bead]] = {}
    for lang in v.others:
        ratio = max(v.distinct_length(lang), 1.0) / max(v.distinct_length(pivot), 1.0)
        p_scale = typical_similarity(_best_match_sims(v.para_vecs[pivot], v.para_vecs[lang]), a)
        beads[lang] = align_pair(
            v.para_vecs[pivot], v.para_vecs[lang], v.para_lens[pivot], v.para_lens[lang],
            scale=p_scale, length_ratio=ratio, params=params,
        )
        calibration[lang] = PairCalibration(p_scale, 0.0, ratio)
    if len(beads) < 2 or not consensus:
        return beads, {lang: v.para_vecs[pivot] for lang in beads}, calibration
    # Paragraphs too are matched against the consensus of the other versions: in a news
    # story neighbouring paragraphs share their topic, and one pair's similarity alone can
    # put a gap one paragraph off. (All consensus vectors come from the first pass, so the
    # result doesn't depend on the order of the versions.)
    refs = {lang: _consensus_vectors(pivot, lang, v.para_vecs, [beads], len(v.docs[pivot].paragraphs))
            for lang in beads}
    out: dict[str, list[Bead]] = {}
    for lang, ref in refs.items():
        c = calibration[lang]
        scale = typical_similarity(_best_match_sims(ref, v.para_vecs[lang]), a)
        out[lang] = align_pair(
            ref, v.para_vecs[lang], v.para_lens[pivot], v.para_lens[lang],
            scale=scale, length_ratio=c.length_ratio, params=params,
        )
        calibration[lang] = PairCalibration(scale, c.segment_scale, c.length_ratio)
    return out, refs, calibration


def rescue_paragraphs(v: Versions, beads: dict[str, list[Bead]], refs: dict[str, np.ndarray],
                      calibration: dict[str, PairCalibration], settings: Settings) -> dict[str, list[Bead]]:
    """Step 2: a paragraph gap next to a paragraph that holds its sentences is a merge (one
    version ran two paragraphs together), and an extra paragraph whose sentences the pivot's
    neighbour holds is a split: re-attach them, as verification does for sentences."""
    a = settings.alignment
    pivot = v.pivot
    pivot_paragraphs = ParagraphMatcher(v.docs[pivot], v.seg_vecs[pivot], v.para_vecs[pivot])
    out = {}
    for lang, lang_beads in beads.items():
        scale = calibration[lang].paragraph_scale
        lengths = (v.para_lens[pivot], v.para_lens[lang], calibration[lang].length_ratio)
        matcher = ParagraphMatcher(v.docs[lang], v.seg_vecs[lang], v.para_vecs[lang])
        lang_beads = rescue_gaps(lang_beads, refs[lang], matcher, scale, lengths, settings=settings.verification)
        swapped = (lengths[1], lengths[0], 1.0 / lengths[2])
        out[lang] = swap(rescue_gaps(swap(lang_beads), v.para_vecs[lang], pivot_paragraphs, scale, swapped,
                                     clear_choice=(a.split_clear_floor, a.split_clear_margin),
                                     settings=settings.verification))
    return out


def place_by_code(v: Versions, beads: dict[str, list[Bead]], refs: dict[str, np.ndarray],
                  calibration: dict[str, PairCalibration], settings: VerificationSettings) -> dict[str, list[Bead]]:
    """Step 3b: paragraphs merged across a block of code that the other side does not
    have are split, and a one-paragraph gap moves to where the paragraphs around it match
    best, the code after each paragraph counting (verify.split_at_blocks, slide_gaps: a tldr
    page's examples, one paragraph each with its command after it). Only where code follows
    paragraphs: plain text is left as it is."""
    blocks = v.paragraph_code_blocks
    if not blocks[v.pivot]:
        return beads
    out = {}
    for lang, lang_beads in beads.items():
        if not blocks[lang]:
            out[lang] = lang_beads
            continue
        matcher = ParagraphMatcher(v.docs[lang], v.seg_vecs[lang], v.para_vecs[lang])
        scale = calibration[lang].paragraph_scale
        placed = split_at_blocks(lang_beads, refs[lang], matcher, scale, blocks[v.pivot], blocks[lang],
                                 bonus=settings.same_code_bonus)
        out[lang] = slide_gaps(placed, refs[lang], matcher, scale, blocks[v.pivot], blocks[lang],
                               bonus=settings.same_code_bonus)
    return out


def attach_unmatched_paragraphs(v: Versions, beads: dict[str, list[Bead]],
                                a: AlignmentSettings) -> dict[str, list[Bead]]:
    """Step 3: a reference paragraph still unmatched whose sentences, one by one, sit at the
    adjacent end of a neighbour that has that many sentences to spare is a merge too, even
    when the paragraph as a whole matches that end poorly (one sentence the encoder can't
    pair drags its vector down). The scale costs a pass over every pair of sentences: it is
    only computed where a paragraph is unmatched."""
    out = {}
    for lang, lang_beads in beads.items():
        if any(b.a and not b.b for b in lang_beads):
            scale = typical_similarity(_best_match_sims(v.seg_vecs[v.pivot], v.seg_vecs[lang]), a)
            lang_beads = _attach_by_sentences(lang_beads, v.docs[v.pivot], v.docs[lang], v.seg_vecs[v.pivot],
                                              v.seg_vecs[lang], scale, a.sentence_in_neighbour)
        out[lang] = lang_beads
    return out


def segment_windows(v: Versions, rows: list[AlignedRow], beads: dict[str, list[Bead]]):
    """Step 4: where each version's segments are aligned — inside its own paragraph beads
    with the pivot, not inside the N-way rows: a row is widened when *any* version merged
    paragraphs, and one version's merge must not loosen the others' anchors. Per version, a
    list of (row index, pivot segments, its segments)."""
    row_of: dict[str, dict[int, int]] = {lang: {} for lang in v.languages}
    for r, row in enumerate(rows):
        for lang, paras in row.cells:
            for p in paras:
                row_of[lang][p] = r

    def row_segments(lang: str, paras: tuple[int, ...]) -> list[int]:
        return [i for p in paras for i in v.docs[lang].segment_ranges[p]]

    return {
        lang: [
            (row_of[v.pivot][b.a[0]] if b.a else row_of[lang][b.b[0]],
             row_segments(v.pivot, b.a), row_segments(lang, b.b))
            for b in lang_beads
        ]
        for lang, lang_beads in beads.items()
    }


def align_segments(v: Versions, windows, n_rows: int, calibration: dict[str, PairCalibration],
                   a: AlignmentSettings, consensus: bool = True):
    """Step 5: segments, two passes. Pass 1 aligns each version with the pivot alone. Pass 2
    aligns it with the consensus of all *other* versions: for each pivot segment, the mean
    vector of what the pivot and the remaining versions matched to that segment alone (a
    version's merge says two segments' content, and added to each it would read a sentence
    into its neighbour). One version's loose wording (or the encoder's weakness for one
    pair) then no longer decides what a segment matches — on the seed this is what tells
    "item 2 kept, items 3-4 lost" from "item 2 lost, items 3-4 merged". Returns the beads
    per row and language, the reference vectors of the final pass, the calibration with the
    final pass's segment scales, and a second reference for verification or None.

    Without ``consensus`` (a source named), pass 1 is the answer — the source alone decides
    what corresponds, so what most translations lack is not read into the source's sentence
    by their neighbours' vectors — and the consensus vectors are the second reference
    (``(vectors, scales)`` per language): verification then takes a unit out of a merge
    when either reference finds it unexpressed, and puts a gap back only when both find it
    in the neighbour (the seed's Japanese list, whose English-Japanese similarities are low
    throughout, is split as in consensus mode)."""
    params = PairParams.segments(a)
    pivot_refs = {lang: v.seg_vecs[v.pivot] for lang in windows}
    scales = _segment_scales(windows, pivot_refs, v, a)
    beads = _segment_pass(windows, n_rows, pivot_refs, v, scales, calibration, params)
    refs = pivot_refs
    second = None
    if len(windows) >= 2:
        agreed = {lang: _consensus_vectors(v.pivot, lang, v.seg_vecs, beads, len(v.docs[v.pivot].segments),
                                           merges=False)
                  for lang in windows}
        agreed_scales = _segment_scales(windows, agreed, v, a)
        if consensus:
            refs, scales = agreed, agreed_scales
            beads = _segment_pass(windows, n_rows, refs, v, scales, calibration, params)
        else:
            second = {lang: (agreed[lang], agreed_scales[lang]) for lang in windows}
    calibration = {lang: PairCalibration(c.paragraph_scale, scales[lang], c.length_ratio)
                   for lang, c in calibration.items()}
    return beads, refs, calibration, second


def verify_segments(v: Versions, segment_beads, refs, calibration: dict[str, PairCalibration],
                    matchers: dict[str, PieceMatcher], settings: VerificationSettings, second=None):
    """Step 6: the clause-level second look (align.verify) on every row and version, with
    ``second`` (per language: reference vectors and their scale, from align_segments) as a
    second opinion."""
    out = [dict(row) for row in segment_beads]
    for lang in v.others:
        scale = calibration[lang].segment_scale
        lengths = (v.seg_lens[v.pivot], v.seg_lens[lang], calibration[lang].length_ratio)
        also = None if second is None else second[lang]
        for row in out:
            row[lang] = verify_beads(row[lang], refs[lang], matchers[lang], scale, matchers[v.pivot], lengths,
                                     settings, also, (v.code_blocks[v.pivot], v.code_blocks[lang]))
    return out


def _attach_by_sentences(beads: list[Bead], pdoc: SegmentedDocument, xdoc: SegmentedDocument,
                         pvecs: np.ndarray, xvecs: np.ndarray, scale: float, held: float) -> list[Bead]:
    """Re-attach each unmatched pivot paragraph to the neighbouring bead whose version text
    has at least as many sentences more than its pivot paragraphs as the gap paragraph has
    and, among them at the end next to the gap,
    expresses at least half of the gap's sentences (each at ``held``, normalised
    by the pair's sentence-level ``scale``; one sentence or two consecutive ones)."""
    beads = list(beads)
    n = 0
    while n < len(beads):
        bead = beads[n]
        if len(bead.a) != 1 or bead.b:
            n += 1
            continue
        sentences = list(pdoc.segment_ranges[bead.a[0]])
        best = None
        for m in (n - 1, n + 1):
            if not (0 <= m < len(beads)) or not beads[m].a or not beads[m].b:
                continue
            segs = [j for p in beads[m].b for j in xdoc.segment_ranges[p]]
            spare = len(segs) - sum(len(pdoc.segment_ranges[p]) for p in beads[m].a)
            if spare < len(sentences) or not sentences:
                continue  # a merged paragraph brings all its sentences
            near = segs[-(len(sentences) + 1):] if m < n else segs[: len(sentences) + 1]
            groups = [near[i : i + w] for w in (1, 2) for i in range(len(near) - w + 1)]
            found = sum(max(float(unit_sum(xvecs, g) @ pvecs[s]) for g in groups) / scale >= held
                        for s in sentences)
            if 2 * found >= len(sentences) and (best is None or found > best[0]):
                best = (found, m)
        if best is None:
            n += 1
            continue
        nb = beads[best[1]]
        beads[best[1]] = Bead(tuple(sorted(nb.a + bead.a)), nb.b, nb.score)
        del beads[n]
    return beads


def content_length(text: str) -> int:
    """Length without whitespace (spacing conventions differ between scripts) and without
    the block marks a Markdown version's prose view keeps (a heading's ``#``, a list item's
    bullet at the start of a line: the same in every version, they would pull every length
    ratio towards 1); the unit of every length ratio."""
    n = len("".join(text.split()))  # str.split() drops exactly the isspace() characters
    if "#" in text or "-" in text or "*" in text or "+" in text:
        n -= sum(m.end() - m.start("mark") for m in _BLOCK_MARK.finditer(text))
    return n


# A heading's or a list item's mark at the start of a line, before a space.
_BLOCK_MARK = re.compile(r"^[ \t]*(?P<mark>#{1,6}|[-*+])(?=[ \t])", re.M)


def _segment_scales(windows, reference_vecs, v: Versions, a: AlignmentSettings) -> dict[str, float]:
    """Per version, the typical similarity of its segments' best matches with
    ``reference_vecs[lang]`` inside its windows. A pivot paragraph that repeats an earlier
    one (a Markdown page's title, in its front matter and as its heading) is one observation."""
    scales = {}
    repeated = v.repeated_pivot_segments
    for lang, wins in windows.items():
        sims = [_best_match_sims(reference_vecs[lang][pa], v.seg_vecs[lang][xb])
                for pa, xb in (([i for i in pa if i not in repeated], xb) for _, pa, xb in wins) if pa and xb]
        scales[lang] = typical_similarity(np.concatenate(sims) if sims else np.zeros(0), a)
    return scales


def _segment_pass(windows, n_rows, reference_vecs, v: Versions, scales, calibration, params: PairParams):
    """Align every version's segments with ``reference_vecs[lang]`` (one vector per pivot
    segment) inside each of its windows ``(row index, pivot segments, its segments)``;
    returns the beads per row and language."""
    out: list[dict[str, list[Bead]]] = [{lang: [] for lang in windows} for _ in range(n_rows)]
    pivot_lens = v.seg_lens[v.pivot]
    for lang, wins in windows.items():
        for r, pa, xb in wins:
            local = align_pair(
                reference_vecs[lang][pa], v.seg_vecs[lang][xb], pivot_lens[pa], v.seg_lens[lang][xb],
                scale=scales[lang], length_ratio=calibration[lang].length_ratio, params=params,
            )
            out[r][lang] += [Bead(tuple(pa[i] for i in bd.a), tuple(xb[j] for j in bd.b), bd.score) for bd in local]
    return out


def _consensus_vectors(pivot, lang, seg_vecs, beads, n_pivot, merges: bool = True):
    """Per pivot segment, the normalised mean of the pivot's vector and the matched groups of
    every version except ``lang`` (leave-one-out, so a version is never compared with itself).
    Without ``merges``, only a version's group matched to that one pivot segment counts: a
    group matched to two pivot segments says both, and added to each it would read the
    neighbour's content into a segment (a sentence the version dropped, merged beside it)."""
    acc = seg_vecs[pivot][:n_pivot].astype(_sum_dtype(n_pivot))  # (astype copies)
    for row in beads:
        for other, blist in row.items():
            if other == lang:
                continue
            for b in blist:
                if not b.a or not b.b or (not merges and len(b.a) > 1):
                    continue
                g = unit_sum(seg_vecs[other], b.b)
                for i in b.a:
                    acc[i] += g
    return _unit_vectors(acc)
