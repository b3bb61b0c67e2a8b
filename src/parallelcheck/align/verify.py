"""Second look at the alignment, below the sentence: is a unit really expressed or not?

The DP sees whole segments. Two situations fool it, and both decide whether content is
reported missing:

- *A lost unit hidden in a merge.* When a translation drops an item but glues a fragment
  of the next one onto its neighbour, the surviving segment is long enough for the DP to
  pair it with two reference units (the seed's Japanese ▲ list).
- *A unit expressed inside a neighbour.* Segmenters disagree across languages (a quote
  split off in one version, two sentences run together in another), so a unit the DP left
  as a gap may well be there, inside the adjacent segment.

Both are settled the same way: cut the version's segment into clauses (and runs of up to
three clauses), encode those pieces, and ask whether any piece matches the reference unit
about as well as good matches do in this document. Only candidate beads are looked at, so
the extra encoding is small.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

from ..model import SegmentedDocument
from ..settings import DEFAULT, VerificationSettings
from .pairwise import Bead

Encode = Callable[[Sequence[str]], np.ndarray]

# The thresholds (TRUSTED, EXPRESSED, UNRELATED, WEAK, END_*, *_SLACK…) are
# settings.VerificationSettings, each documented there with what it was measured on.
_V = DEFAULT.verification

_CLAUSE_END = re.compile(r"[,、，;；:：。！？!?]+|(?<=\D)[.](?=\s|$)|[」』”“\"»«]\s*")


def clause_spans(text: str, min_chars: int = 0) -> list[tuple[int, int]]:
    """``(start, end)`` of the clauses of ``text`` (split after commas, semicolons, colons,
    sentence ends and closing quotes); clauses with fewer than ``min_chars`` letters or
    digits join the next one."""
    bounds, pos = [], 0
    for m in _CLAUSE_END.finditer(text):
        if text[pos : m.end()].strip():
            bounds.append((pos, m.end()))
        pos = m.end()
    if text[pos:].strip():
        bounds.append((pos, len(text)))
    if min_chars:
        merged: list[tuple[int, int]] = []
        for a, b in bounds:
            if merged and sum(ch.isalnum() for ch in text[merged[-1][0] : merged[-1][1]]) < min_chars:
                merged[-1] = (merged[-1][0], b)
            else:
                merged.append((a, b))
        if len(merged) > 1 and sum(ch.isalnum() for ch in text[merged[-1][0] : merged[-1][1]]) < min_chars:
            last = merged.pop()
            merged[-1] = (merged[-1][0], last[1])
        bounds = merged
    return bounds


def pieces(text: str, settings: VerificationSettings = _V) -> list[str]:
    """Clauses of ``text`` and runs of up to ``settings.max_window`` consecutive clauses
    (at most ``settings.max_pieces``)."""
    bounds = clause_spans(text)
    out: list[str] = []
    for i in range(len(bounds)):
        for j in range(i, min(i + settings.max_window, len(bounds))):
            piece = text[bounds[i][0] : bounds[j][1]].strip()
            if piece and piece != text.strip():
                out.append(piece)
    return list(dict.fromkeys(p for p in out if p))[: settings.max_pieces]


def unit_sum(vecs: np.ndarray, idx) -> np.ndarray:
    """The vector of a group of units: their vectors summed and L2-normalised."""
    v = vecs[list(idx)].sum(axis=0)
    return v / (np.linalg.norm(v) or 1.0)


class PieceMatcher:
    """Best similarity between a reference vector and the pieces of a version's segments.

    Pieces are encoded once per group and kept: the aligner builds one matcher per version
    and hands it to the checks (``DocumentAlignment.matchers``), so a group verification
    looked at is not encoded again.
    """

    def __init__(self, doc: SegmentedDocument, vecs: np.ndarray, encode: Encode | None,
                 settings: VerificationSettings = _V) -> None:
        self.doc = doc
        self.vecs = vecs
        self.encode = encode
        self.settings = settings
        self._cache: dict[tuple[int, ...], np.ndarray] = {}
        self._ends: dict[tuple, np.ndarray | None] = {}

    def group_vector(self, idx: tuple[int, ...]) -> np.ndarray:
        return unit_sum(self.vecs, idx)

    def piece_vectors(self, idx: tuple[int, ...]) -> np.ndarray:
        if idx not in self._cache:
            segs = self.doc.segments
            texts = [p for j in idx for p in pieces(segs[j].text, self.settings)]
            vecs = [self.vecs[list(idx)]]  # the segments themselves are pieces too
            if texts and self.encode is not None:
                vecs.append(np.asarray(self.encode(texts), dtype=np.float64))
            self._cache[idx] = np.vstack(vecs)
        return self._cache[idx]

    def best(self, ref: np.ndarray, idx: tuple[int, ...]) -> float:
        return float((self.piece_vectors(idx) @ ref).max())

    def end_vector(self, idx: tuple[int, ...], at_start: bool, chars: float) -> np.ndarray | None:
        """The vector of the opening (or close) of the group's text, about ``chars``
        characters long (not counting spaces): where a unit sits that was run into its
        neighbour without a sentence end (a line without a full stop), which no clause
        boundary separates. None when that would be most of the text, or without an encoder."""
        text = " ".join(self.doc.segments[j].text for j in idx).strip()
        kept = [i for i, ch in enumerate(text) if not ch.isspace()]
        want = int(round(chars))
        if self.encode is None or want < 1 or want > self.settings.end_piece_share * len(kept):
            return None
        key = (idx, at_start, want)
        if key not in self._ends:
            cut = kept[want - 1] + 1 if at_start else kept[-want]
            if " " in text:  # scripts with spaces: don't cut inside a word (keep it whole)
                space = text.find(" ", cut) if at_start else text.rfind(" ", 0, cut)
                cut = space if space >= 0 else (len(text) if at_start else 0)
            piece = text[:cut] if at_start else text[cut:]
            self._ends[key] = np.asarray(self.encode([piece.strip()]), dtype=np.float64)[0] if piece.strip() else None
        return self._ends[key]


def verify_beads(
    beads: list[Bead],
    ref_vecs: np.ndarray,
    matcher: PieceMatcher,
    scale: float,
    pivot_matcher: PieceMatcher | None = None,
    lengths: tuple[np.ndarray, np.ndarray, float] | None = None,
    settings: VerificationSettings = _V,
    also: tuple[np.ndarray, float] | None = None,
    blocks: tuple[dict[int, str], dict[int, str]] = ({}, {}),
) -> list[Bead]:
    """Split unexpressed units out of merges, then re-attach gaps that a neighbour expresses
    (on the reference side, and — given ``pivot_matcher`` — on the version's side too).
    ``lengths`` = (reference unit lengths, version unit lengths, expected version/reference
    ratio): a gap is only re-attached where the lengths agree that the neighbour holds it.
    ``also`` = (reference vectors, their scale): a second reference (with a source named,
    the consensus of the versions; ``ref_vecs`` are then the source's own): a unit leaves a
    merge when either reference finds it unexpressed, and a gap is re-attached only when
    both find it in the neighbour. ``blocks`` = (reference, version): per unit after which a
    block of code stands, the code's key (see :func:`split_at_blocks`)."""
    beads = _unpair_weak(beads, ref_vecs, matcher, scale, settings)
    if pivot_matcher is not None:
        beads = swap(_unpair_weak(swap(beads), matcher.vecs, pivot_matcher, scale, settings))
    out: list[Bead] = []
    for bead in beads:
        if len(bead.a) == 1 and len(bead.b) == 1 and bead.score < settings.unrelated:
            # Unrelated texts side by side: often one side's sentence was dropped and the
            # other's is a piece the translator split off a neighbour. Let the rescues decide;
            # what neither claims stays a gap beside an insertion (reported as a replacement).
            out.extend((Bead(bead.a, (), float("nan")), Bead((), bead.b, float("nan"))))
        else:
            split = _split_merge(bead, ref_vecs, matcher, scale, settings)
            if also is not None:
                split = [b for part in split for b in _split_merge(part, also[0], matcher, also[1], settings)]
            out.extend(split)
    if pivot_matcher is not None:
        # The version may hold content the reference lacks, merged into a neighbour's bead.
        out = swap([b for bead in swap(out) for b in _split_merge(bead, matcher.vecs, pivot_matcher, scale, settings)])
    out = rescue_gaps(out, ref_vecs, matcher, scale, lengths, settings=settings, also=also)
    if pivot_matcher is not None:
        swapped = None if lengths is None else (lengths[1], lengths[0], 1.0 / lengths[2])
        out = swap(rescue_gaps(swap(out), matcher.vecs, pivot_matcher, scale, swapped, settings=settings))
    out = split_at_blocks(out, ref_vecs, matcher, scale, *blocks, bonus=settings.same_code_bonus)
    return slide_gaps(out, ref_vecs, matcher, scale, *blocks, bonus=settings.same_code_bonus)


def split_at_blocks(beads: list[Bead], ref_vecs: np.ndarray, matcher: PieceMatcher, scale: float,
                    ref_blocks: dict[int, str], ver_blocks: dict[int, str], bonus: float = 0.0) -> list[Bead]:
    """Undo a merge across a block of code that the other side does not have.

    ``ref_blocks`` (``ver_blocks``): the reference's (version's) units after which a block of
    code stands before the next paragraph — a code block, a tldr page's command line — and
    that code's key. A translation keeps its code where the source has it, so a group of
    units on one side that spans such a block, matched to a group on the other side that
    spans none and is followed by fewer blocks of code, is two pieces of content for one: the
    DP merged them because a version lacks one of them and the two say much the same (a tldr
    page missing its first example, every example "commit staged files …"). The piece of the
    group that matches the other side best keeps the match (followed by the same code:
    ``bonus`` more); the rest are gaps (on the reference side: content the version lacks; on
    the version's: content it adds), which :func:`slide_gaps` then places."""
    if not ref_blocks and not ver_blocks:
        return beads
    out: list[Bead] = []
    for bead in beads:
        if sum(k in ref_blocks for k in bead.a) == sum(j in ver_blocks for j in bead.b):
            # as many code blocks on each side (a paragraph split before its code block, the
            # code kept with one half): one piece of content
            out.append(bead)
            continue
        ref_chunks, ver_chunks = _chunks(bead.a, ref_blocks), _chunks(bead.b, ver_blocks)
        if len(ref_chunks) > 1 and len(ver_chunks) == 1:
            group = matcher.group_vector(bead.b)
            out += _keep_best(ref_chunks, bead.b, ref_blocks, ver_blocks.get(bead.b[-1]),
                              lambda c: float(unit_sum(ref_vecs, c) @ group) / scale, bonus)
        elif len(ver_chunks) > 1 and len(ref_chunks) == 1:
            ref = unit_sum(ref_vecs, bead.a)
            out += swap(_keep_best(ver_chunks, bead.a, ver_blocks, ref_blocks.get(bead.a[-1]),
                                   lambda c: float(ref @ matcher.group_vector(c)) / scale, bonus))
        else:
            out.append(bead)
    return out


def _keep_best(chunks: list[tuple[int, ...]], other: tuple[int, ...], blocks: dict[int, str], code: str | None,
               fit, bonus: float) -> list[Bead]:
    """Beads from the side split into ``chunks`` (as side A) to the ``other`` side's units
    (followed by ``code``): the chunk that fits best (``fit``; followed by the same code,
    ``bonus`` more) keeps the match, every unit of the others is a gap."""
    fits = [fit(c) for c in chunks]
    shown = [f + (bonus if code is not None and blocks.get(c[-1]) == code else 0.0) for f, c in zip(fits, chunks)]
    best = int(np.argmax(shown))
    return [b for n, chunk in enumerate(chunks)
            for b in ([Bead(chunk, other, fits[n])] if n == best else [Bead((k,), (), float("nan")) for k in chunk])]


def _chunks(units: tuple[int, ...], breaks) -> list[tuple[int, ...]]:
    """``units`` (consecutive) cut after each unit in ``breaks``."""
    chunks: list[list[int]] = [[]] if units else []
    for n, k in enumerate(units):
        chunks[-1].append(k)
        if k in breaks and n + 1 < len(units):
            chunks.append([])
    return [tuple(c) for c in chunks]


def slide_gaps(beads: list[Bead], ref_vecs: np.ndarray, matcher: PieceMatcher, scale: float,
               ref_blocks: dict[int, str] | None = None, ver_blocks: dict[int, str] | None = None,
               bonus: float = 0.0) -> list[Bead]:
    """Place each one-unit gap where it leaves the best 1-1 matches around it.

    A gap that verification split out of a merge sits where the merge was, not where the
    version's text lacks the unit: a tldr page missing the first of its examples (all of them
    "commit staged files …") was aligned item 1 -> 1, 2 -> 2, items 3+4 -> 3, and the split
    left item 3 unmatched, though the version has it (as its item 2) and lacks item 1. In a
    run of 1-1 matches next to the gap, the gap may stand at any place of the run, the units
    after it moving one match along: it goes to the place where the matches' similarities
    sum highest (it stays where it is unless another place is strictly better). A unit and a
    version unit both followed by the same code (``ref_blocks``, ``ver_blocks``: unit ->
    code key) score ``bonus`` more: the command an example shows tells look-alike examples
    apart («Refresh the package index and upgrade every installed package» / «Refresh the
    package index only», where a version has only the second, with its ``pkgtool refresh``)."""
    ref_blocks, ver_blocks = ref_blocks or {}, ver_blocks or {}
    beads = list(beads)
    one_one = [len(b.a) == 1 and len(b.b) == 1 for b in beads]
    for n, bead in enumerate(beads):
        if len(bead.a) != 1 or bead.b:
            continue
        lo = n
        while lo > 0 and one_one[lo - 1]:
            lo -= 1
        hi = n + 1
        while hi < len(beads) and one_one[hi]:
            hi += 1
        if hi - lo < 2:
            continue  # no 1-1 match beside the gap
        units = [b.a[0] for b in beads[lo:hi]]
        targets = [b.b[0] for b in beads[lo:hi] if b.b]

        def sim(i: int, j: int) -> float:
            return float(ref_vecs[units[i]] @ matcher.vecs[targets[j]]) / scale

        def fit(i: int, j: int) -> float:
            code = ref_blocks.get(units[i])
            return sim(i, j) + (bonus if code is not None and ver_blocks.get(targets[j]) == code else 0.0)

        # With the gap at g, units before it keep their place (unit i -> target i) and units
        # after it move one along (i -> i - 1): prefix and suffix sums, linear in the run.
        before = np.concatenate([[0.0], np.cumsum([fit(i, i) for i in range(len(targets))])])
        after = np.concatenate([np.cumsum([fit(i, i - 1) for i in range(len(units) - 1, 0, -1)])[::-1], [0.0]])
        totals = before + after
        here = n - lo
        best = int(np.argmax(totals))
        if totals[best] <= totals[here]:
            continue
        placed = [Bead((units[i],), (targets[i],), sim(i, i)) for i in range(best)]
        placed.append(Bead((units[best],), (), float("nan")))
        placed += [Bead((units[i],), (targets[i - 1],), sim(i, i - 1)) for i in range(best + 1, len(units))]
        beads[lo:hi] = placed
        one_one[lo:hi] = [len(b.b) == 1 for b in placed]
    return beads


def _unpair_weak(beads: list[Bead], ref_vecs: np.ndarray, matcher: PieceMatcher, scale: float,
                 settings: VerificationSettings) -> list[Bead]:
    """Undo a weak 1-1 match (settings.weak; but not unrelated) when its version unit makes a
    neighbouring match clearly better (settings.absorb_gain): the DP prefers two mediocre 1-1
    matches to "a gap plus a merge", so a deleted sentence leaves its reference unit paired
    with the sentence the translator split off the next one."""
    beads = list(beads)
    n = 0
    while n < len(beads):
        bead = beads[n]
        if len(bead.a) == 1 and len(bead.b) == 1 and settings.unrelated <= bead.score < settings.weak:
            best = None
            for m in (n - 1, n + 1):
                if not (0 <= m < len(beads)) or not beads[m].a or not beads[m].b:
                    continue
                nb = beads[m]
                ref = unit_sum(ref_vecs, nb.a)
                before = float(ref @ matcher.group_vector(nb.b)) / scale
                merged = tuple(sorted(nb.b + bead.b))
                after = float(ref @ matcher.group_vector(merged)) / scale
                if after - before > settings.absorb_gain and (best is None or after - before > best[0]):
                    best = (after - before, m, merged, after)
            if best is not None:
                _, m, merged, after = best
                beads[m] = Bead(beads[m].a, merged, after)
                beads[n] = Bead(bead.a, (), float("nan"))
        n += 1
    return beads


def swap(beads: list[Bead]) -> list[Bead]:
    """The same beads seen from the other side (so one rescue routine serves both)."""
    return [Bead(b.b, b.a, b.score) for b in beads]


def _split_merge(bead: Bead, ref_vecs: np.ndarray, matcher: PieceMatcher, scale: float,
                 settings: VerificationSettings) -> list[Bead]:
    if len(bead.a) < 2 or not bead.b:
        return [bead]
    group = matcher.group_vector(bead.b)

    def fit(units: list[int]) -> float:
        """How well the units match the group. (Similarity only: adding the length term
        kept the seed's lost item 3 in its merge, because the glued fragment of item 4
        makes the Japanese segment long enough for it.)"""
        return float(unit_sum(ref_vecs, units) @ group) / scale

    def unexpressed(k: int, kept: list[int]) -> bool:
        if float(ref_vecs[k] @ group) / scale >= settings.trusted:
            return False
        if matcher.best(ref_vecs[k], bead.b) / scale >= settings.expressed:
            return False
        # A unit of a true merge pulls the group closer to the version's text; an
        # unexpressed one does not.
        return fit([u for u in kept if u != k]) >= fit(kept)

    # Units leave a merge from its ends first, so the remaining units stay consecutive.
    kept = list(bead.a)
    head: list[int] = []
    tail: list[int] = []
    while len(kept) > 1 and unexpressed(kept[-1], kept):
        tail.insert(0, kept.pop())
    while len(kept) > 1 and unexpressed(kept[0], kept):
        head.append(kept.pop(0))
    # A unit lost from the middle (the seed's Japanese list: item 2 and a fragment of item
    # 4 glued together, item 3 gone): beads are contiguous, so the merge is cut there and
    # what follows is left unmatched, unless some of it is clearly expressed.
    for pos in range(1, len(kept) - 1):
        k = kept[pos]
        rest = kept[pos + 1 :]
        if unexpressed(k, kept) and not any(float(ref_vecs[u] @ group) / scale >= settings.trusted for u in rest):
            tail = kept[pos:] + tail
            kept = kept[:pos]
            break
    if not head and not tail:
        return [bead]
    score = float(unit_sum(ref_vecs, kept) @ group) / scale
    return (
        [Bead((k,), (), float("nan")) for k in head]
        + [Bead(tuple(kept), bead.b, score)]
        + [Bead((k,), (), float("nan")) for k in tail]
    )


def _expressed_by(ref: np.ndarray, k: int, matcher, a: tuple[int, ...], idx: tuple[int, ...], after: bool,
                  scale: float, lengths, settings: VerificationSettings) -> tuple[float, bool]:
    """How well the neighbour bead (``a`` -> ``idx``) expresses unit ``k``, normalised, and
    whether it does so in the stretch at its near end that is as long as ``k`` should be (the
    opening of a following neighbour, the close of a preceding one) — the best clause piece
    otherwise. That stretch is a guess at a unit run into its neighbour without a sentence
    end (a line without a full stop), which no clause boundary separates: it counts as
    expressing ``k`` already at ``end_expressed`` when the lengths agree that the neighbour
    holds more than its own units (``end_length_gain``)."""
    best = matcher.best(ref, idx) / scale
    end_vector = getattr(matcher, "end_vector", None)
    if end_vector is None or lengths is None:
        return best, False
    ref_lens, _, ratio = lengths
    vec = end_vector(idx, after, float(ref_lens[k]) * ratio)
    if vec is None:
        return best, False
    end = float(vec @ ref) / scale
    if end >= settings.end_expressed and _length_gain(a, k, idx, lengths) >= settings.end_length_gain:
        end = max(end, settings.expressed)
    return max(best, end), end >= settings.expressed

def _length_gain(a: tuple[int, ...], k: int, b: tuple[int, ...], lengths) -> float:
    """How much better (in |log length ratio|) the neighbour's text fits its units plus k
    than its units alone; negative when adding k makes the fit worse."""
    if lengths is None:
        return 0.0
    ref_lens, x_lens, ratio = lengths
    xb = max(float(sum(x_lens[j] for j in b)), 1.0)
    la = float(sum(ref_lens[i] for i in a))
    without = abs(np.log(xb / (ratio * max(la, 1.0))))
    with_k = abs(np.log(xb / (ratio * max(la + float(ref_lens[k]), 1.0))))
    return without - with_k


def rescue_gaps(beads: list[Bead], ref_vecs: np.ndarray, matcher: PieceMatcher, scale: float,
                lengths=None, clear_choice: tuple[float, float] | None = None,
                settings: VerificationSettings = _V, also: tuple[np.ndarray, float] | None = None) -> list[Bead]:
    """Re-attach gaps (units of ``ref_vecs`` matched to nothing) to the neighbouring bead whose
    text expresses them (at least ``settings.expressed``, normalised by ``scale``; a neighbour
    may fit its length worse by ``length_slack``, or ``end_length_slack`` when its near end
    expresses the unit outright: some translators are terse); with ``clear_choice``
    = (floor, margin), also a unit expressed at least ``floor`` by one neighbour and by
    ``margin`` more than by the other. With ``also`` (vectors, scale), the second reference
    must find the unit expressed in that neighbour too."""
    beads = list(beads)
    changed = True
    resume = 0
    while changed:  # a rescued gap can make its neighbouring gap adjacent to a match
        changed = False
        for n in range(resume, len(beads)):
            bead = beads[n]
            if not bead.a or bead.b:
                continue
            k = bead.a[0]
            # Both neighbours are asked; the one that expresses the unit better takes it —
            # unless its own match already explains its length fully.
            asked = [(*_expressed_by(ref_vecs[k], k, matcher, beads[m].a, beads[m].b, m > n, scale, lengths, settings), m)
                     for m in (n - 1, n + 1) if 0 <= m < len(beads) and beads[m].a and beads[m].b]
            fits = [(e, m) for e, at_end, m in asked
                    if _length_gain(beads[m].a, k, beads[m].b, lengths)
                    >= -(settings.end_length_slack if at_end else settings.length_slack)]
            if not fits:
                continue
            best, best_m = max(fits, key=lambda t: t[0])
            other = max((e for e, _, m in asked if m != best_m), default=-1.0)
            if best >= settings.expressed or (clear_choice is not None and best >= clear_choice[0]
                                     and best - other >= clear_choice[1]):
                nb = beads[best_m]
                if also is not None and _expressed_by(also[0][k], k, matcher, nb.a, nb.b, best_m > n, also[1],
                                                      lengths, settings)[0] < settings.expressed:
                    continue  # the second reference does not find it there
                a = tuple(sorted(nb.a + bead.a))
                score = float(unit_sum(ref_vecs, a) @ matcher.group_vector(nb.b)) / scale
                beads[best_m] = Bead(a, nb.b, score)
                del beads[n]
                changed = True
                # Only the gaps next to the bead that grew can change their answer, and none
                # before n - 2 was rescued: rescanning from there gives what a rescan from the
                # start would, without a pass over the whole list per rescue (quadratic).
                resume = max(0, n - 2)
                break
    return beads
