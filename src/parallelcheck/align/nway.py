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

from dataclasses import dataclass, field

import numpy as np

from ..limits import LIMITS
from ..model import AlignedRow, Alignment, SegmentedDocument
from .pairwise import Bead, PairParams, align_pair, typical_similarity
from .verify import Encode, PieceMatcher, rescue_gaps, swap, unit_sum, verify_beads


# An extra paragraph (one the pivot doesn't have) that clearly continues one neighbour's
# content, even at a similarity a single sentence against a paragraph's end reaches:
# (floor, margin over the other neighbour), normalised like verify.EXPRESSED.
SPLIT_CLEAR_CHOICE = (0.55, 0.15)

# A sentence of an unmatched paragraph counts as held by a neighbouring paragraph's spare
# sentences at this normalised similarity (see _attach_by_sentences): below verification's
# EXPRESSED, since the spare sentences are evidence of their own.
SENTENCE_IN_NEIGHBOUR = 0.65

# Paragraphs: no gap cost. A dropped paragraph must stay a gap (there is no second look at
# paragraph level that would split it out of a merge), and translators rarely merge them.
PARAGRAPH_PARAMS = PairParams(gap_cost=0.0, length_weight=0.35)


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


def align_documents(
    docs: list[SegmentedDocument],
    seg_vecs: dict[str, np.ndarray],
    pivot: str,
    params: PairParams = PairParams(),
    encode: Encode | None = None,
    paragraph_params: PairParams = PARAGRAPH_PARAMS,
) -> DocumentAlignment:
    """Align all versions jointly (see module docstring). ``seg_vecs[lang]`` holds one
    L2-normalised vector per segment of that document, in document order. ``encode`` (the
    embedder's) lets the verification step look at clauses inside segments."""
    by_lang = {d.language: d for d in docs}
    languages = tuple(d.language for d in docs)
    pdoc = by_lang[pivot]
    para_vecs = {d.language: paragraph_vectors(d, seg_vecs[d.language]) for d in docs}
    para_lens = {
        d.language: np.array([content_length(p.text) for p in d.paragraphs], dtype=float) for d in docs
    }
    seg_lens = {
        d.language: np.array([content_length(s.text) for s in d.segments], dtype=float) for d in docs
    }

    calibration: dict[str, PairCalibration] = {}
    para_beads: dict[str, list[Bead]] = {}
    for d in docs:
        lang = d.language
        if lang == pivot:
            continue
        ratio = max(para_lens[lang].sum(), 1.0) / max(para_lens[pivot].sum(), 1.0)
        p_scale = typical_similarity(_best_match_sims(para_vecs[pivot], para_vecs[lang]))
        para_beads[lang] = align_pair(
            para_vecs[pivot], para_vecs[lang], para_lens[pivot], para_lens[lang],
            scale=p_scale, length_ratio=ratio, params=paragraph_params,
        )
        calibration[lang] = PairCalibration(p_scale, 0.0, ratio)

    if len(para_beads) >= 2:
        # Paragraphs too are matched against the consensus of the other versions: in a
        # news story neighbouring paragraphs share their topic, and one pair's similarity
        # alone can put a gap one paragraph off. (All consensus vectors come from the first
        # pass, so the result doesn't depend on the order of the versions.)
        refs = {
            lang: _consensus_vectors(pivot, lang, para_vecs, [para_beads], len(pdoc.paragraphs))
            for lang in para_beads
        }
        for lang, ref in refs.items():
            c = calibration[lang]
            scale = typical_similarity(_best_match_sims(ref, para_vecs[lang]))
            para_beads[lang] = align_pair(
                ref, para_vecs[lang], para_lens[pivot], para_lens[lang],
                scale=scale, length_ratio=c.length_ratio, params=paragraph_params,
            )
            calibration[lang] = PairCalibration(scale, c.segment_scale, c.length_ratio)

    # A paragraph gap next to a paragraph that holds its sentences is a merge (one version
    # ran two paragraphs together), and an extra paragraph whose sentences the pivot's
    # neighbour holds is a split: re-attach them, as verification does for sentences.
    pivot_paragraphs = ParagraphMatcher(pdoc, seg_vecs[pivot], para_vecs[pivot])
    for lang, beads in para_beads.items():
        ref = refs[lang] if len(para_beads) >= 2 else para_vecs[pivot]
        scale = calibration[lang].paragraph_scale
        lengths = (para_lens[pivot], para_lens[lang], calibration[lang].length_ratio)
        beads = rescue_gaps(beads, ref, ParagraphMatcher(by_lang[lang], seg_vecs[lang], para_vecs[lang]), scale, lengths)
        swapped = (lengths[1], lengths[0], 1.0 / lengths[2])
        para_beads[lang] = swap(rescue_gaps(swap(beads), para_vecs[lang], pivot_paragraphs, scale, swapped,
                                            clear_choice=SPLIT_CLEAR_CHOICE))

    # A reference paragraph still unmatched whose sentences, one by one, sit at the adjacent end
    # of a neighbour that has that many sentences to spare is a merge too, even when the
    # paragraph as a whole matches that end poorly (one sentence the encoder can't pair drags
    # its vector down).
    # (The scale costs a pass over every pair of sentences: only where a paragraph is unmatched.)
    for lang, beads in para_beads.items():
        if any(b.a and not b.b for b in beads):
            scale = typical_similarity(_best_match_sims(seg_vecs[pivot], seg_vecs[lang]))
            para_beads[lang] = _attach_by_sentences(beads, pdoc, by_lang[lang], seg_vecs[pivot], seg_vecs[lang], scale)

    rows = _merge_rows(pivot, languages, len(pdoc.paragraphs), para_beads)
    alignment = Alignment(languages, tuple(rows))

    def row_segments(lang: str, paras: tuple[int, ...]) -> list[int]:
        return [i for p in paras for i in by_lang[lang].segment_ranges[p]]

    # Segments are aligned inside each version's own paragraph beads with the pivot, not
    # inside the N-way rows: a row is widened when *any* version merged paragraphs, and one
    # version's merge must not loosen the others' anchors (it changed their findings).
    row_of = {lang: {} for lang in languages}
    for r, row in enumerate(rows):
        for lang, paras in row.cells:
            for p in paras:
                row_of[lang][p] = r
    windows = {
        lang: [
            (row_of[pivot][b.a[0]] if b.a else row_of[lang][b.b[0]], row_segments(pivot, b.a), row_segments(lang, b.b))
            for b in beads
        ]
        for lang, beads in para_beads.items()
    }

    # Segment level, two passes. Pass 1 aligns each version with the pivot alone. Pass 2
    # aligns it with the consensus of all *other* versions: for each pivot segment, the mean
    # vector of what the pivot and the remaining versions put there. One version's loose
    # wording (or the encoder's weakness for one pair) then no longer decides what a segment
    # matches — on the seed this is what tells "item 2 kept, items 3-4 lost" from "item 2
    # lost, items 3-4 merged".
    first = _segment_pass(windows, len(rows), {lang: seg_vecs[pivot] for lang in para_beads},
                          seg_vecs, seg_lens[pivot], seg_lens, calibration, params)
    if len(para_beads) >= 2:
        consensus = {
            lang: _consensus_vectors(pivot, lang, seg_vecs, first, len(pdoc.segments)) for lang in para_beads
        }
        segment_beads = _segment_pass(windows, len(rows), consensus, seg_vecs, seg_lens[pivot], seg_lens,
                                      calibration, params)
    else:
        consensus = {lang: seg_vecs[pivot] for lang in para_beads}
        segment_beads = first

    aligned = [dict(row) for row in segment_beads]  # the aligner's answer, before the second look
    pivot_matcher = PieceMatcher(pdoc, seg_vecs[pivot], encode)
    for lang in para_beads:
        matcher = PieceMatcher(by_lang[lang], seg_vecs[lang], encode)
        scale = calibration[lang].segment_scale
        for row in segment_beads:
            row[lang] = verify_beads(
                row[lang], consensus[lang], matcher, scale, pivot_matcher,
                (seg_lens[pivot], seg_lens[lang], calibration[lang].length_ratio),
            )

    return DocumentAlignment(pivot, languages, alignment, segment_beads, calibration, aligned)


def _attach_by_sentences(beads: list[Bead], pdoc: SegmentedDocument, xdoc: SegmentedDocument,
                         pvecs: np.ndarray, xvecs: np.ndarray, scale: float) -> list[Bead]:
    """Re-attach each unmatched pivot paragraph to the neighbouring bead whose version text
    has at least as many sentences more than its pivot paragraphs as the gap paragraph has
    and, among them at the end next to the gap,
    expresses at least half of the gap's sentences (each at SENTENCE_IN_NEIGHBOUR, normalised
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
            found = sum(max(float(unit_sum(xvecs, g) @ pvecs[s]) for g in groups) / scale >= SENTENCE_IN_NEIGHBOUR
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
    """Length without whitespace (spacing conventions differ between scripts); the unit of
    every length ratio."""
    return len("".join(text.split()))  # str.split() drops exactly the isspace() characters


def _segment_pass(windows, n_rows, reference_vecs, seg_vecs, pivot_lens, seg_lens, calibration, params):
    """Align every version's segments with ``reference_vecs[lang]`` (one vector per pivot
    segment) inside each of its windows ``(row index, pivot segments, its segments)``;
    returns the beads per row and language, and updates the pair's segment scale in
    ``calibration``."""
    for lang, wins in windows.items():
        sims = [_best_match_sims(reference_vecs[lang][a], seg_vecs[lang][b]) for _, a, b in wins if a and b]
        c = calibration[lang]
        scale = typical_similarity(np.concatenate(sims) if sims else np.zeros(0))
        calibration[lang] = PairCalibration(c.paragraph_scale, scale, c.length_ratio)

    out: list[dict[str, list[Bead]]] = [{lang: [] for lang in windows} for _ in range(n_rows)]
    for lang, wins in windows.items():
        c = calibration[lang]
        for r, a, b in wins:
            local = align_pair(
                reference_vecs[lang][a], seg_vecs[lang][b], pivot_lens[a], seg_lens[lang][b],
                scale=c.segment_scale, length_ratio=c.length_ratio, params=params,
            )
            out[r][lang] += [Bead(tuple(a[i] for i in bd.a), tuple(b[j] for j in bd.b), bd.score) for bd in local]
    return out


def _consensus_vectors(pivot, lang, seg_vecs, beads, n_pivot):
    """Per pivot segment, the normalised mean of the pivot's vector and the matched groups of
    every version except ``lang`` (leave-one-out, so a version is never compared with itself)."""
    acc = seg_vecs[pivot][:n_pivot].astype(_sum_dtype(n_pivot))  # (astype copies)
    for row in beads:
        for other, blist in row.items():
            if other == lang:
                continue
            for b in blist:
                if not b.a or not b.b:
                    continue
                g = unit_sum(seg_vecs[other], b.b)
                for i in b.a:
                    acc[i] += g
    return _unit_vectors(acc)
