"""Monotonic pairwise alignment with merges and gaps (the engine under the N-way aligner).

Dynamic programming over "beads": groups of ``a`` consecutive units on one side aligned
with ``b`` consecutive units on the other, ``(a, b)`` from ``BEADS``. ``(1, 0)`` and
``(0, 1)`` are gaps: content one side has and the other lacks.

A bead's score is the cosine similarity of the two groups' summed unit vectors, divided
by the pair's typical similarity (so a 0.45 between Korean and Japanese counts like a
0.6 between Korean and English, when those are what the document's good matches score),
minus a length-mismatch penalty. Gaps score zero, so a merge wins exactly when the merged group matches
better than the best single unit after the length penalty — a split sentence is a merge,
not a defect.

Memory: the search runs inside a band around the diagonal (scaled to the two lengths), so
cells grow with ``(n + m) * band`` rather than ``n * m``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..settings import DEFAULT, AlignmentSettings

# (units taken from side A, units taken from side B)
BEADS: tuple[tuple[int, int], ...] = (
    (1, 1),
    (1, 0),
    (0, 1),
    (1, 2),
    (2, 1),
    (1, 3),
    (3, 1),
    (2, 2),
    (1, 4),
    (4, 1),
)


_A = DEFAULT.alignment


@dataclass(frozen=True)
class PairParams:
    """The DP's costs (what each is, and what it was tuned on: settings.AlignmentSettings)."""

    match_cost: float = _A.match_cost  # subtracted per non-gap bead
    gap_cost: float = _A.gap_cost  # subtracted per gap bead (1-0 or 0-1)
    length_weight: float = _A.length_weight  # weight of |log(length ratio / expected ratio)|
    band: int = _A.band  # half-width of the search band, in units, around the scaled diagonal
    max_merge_chars: int = _A.max_merge_chars  # don't build groups longer than this
    # Up to this many cells (when the band covers the whole table anyway) the DP runs cell
    # by cell in plain Python, which beats row-wise numpy on a paragraph's few sentences.
    full_table_cells: int = _A.full_table_cells

    @classmethod
    def segments(cls, s: AlignmentSettings) -> "PairParams":
        """The costs for aligning sentences."""
        return cls(s.match_cost, s.gap_cost, s.length_weight, s.band, s.max_merge_chars, s.full_table_cells)

    @classmethod
    def paragraphs(cls, s: AlignmentSettings) -> "PairParams":
        """The costs for aligning paragraphs (no gap cost, see AlignmentSettings)."""
        return cls(s.match_cost, s.paragraph_gap_cost, s.paragraph_length_weight, s.band, s.max_merge_chars,
                   s.full_table_cells)


@dataclass(frozen=True)
class Bead:
    a: tuple[int, ...]  # indices into side A (empty for a gap on A's side)
    b: tuple[int, ...]
    score: float  # normalised similarity of the two groups (nan for gaps)


def align_pair(
    a_vecs: np.ndarray,
    b_vecs: np.ndarray,
    a_lens: np.ndarray,
    b_lens: np.ndarray,
    *,
    scale: float = 1.0,
    length_ratio: float = 1.0,
    params: PairParams = PairParams(),
) -> list[Bead]:
    """Align units of A with units of B; returns beads in order, covering every unit once.

    ``scale`` is the pair's typical similarity of true translations (see :func:`typical_similarity`);
    ``length_ratio`` the expected ``len(B) / len(A)`` for this language pair in this document.
    """
    n, m = len(a_vecs), len(b_vecs)
    if n == 0 or m == 0:
        return [Bead((i,), (), float("nan")) for i in range(n)] + [
            Bead((), (j,), float("nan")) for j in range(m)
        ]
    a_cum = np.concatenate([[0.0], np.cumsum(a_lens, dtype=np.float64)])
    b_cum = np.concatenate([[0.0], np.cumsum(b_lens, dtype=np.float64)])
    max_da = max(da for da, _ in BEADS)
    max_db = max(db for _, db in BEADS)
    a_groups = _unit_groups(a_vecs, max_da)
    b_groups = _unit_groups(b_vecs, max_db)
    log_ratio = float(np.log(max(length_ratio, 1e-6)))
    band = max(params.band, 2 * max(k for bead in BEADS for k in bead))
    if max(n, m) <= band and n * m <= params.full_table_cells:
        # The band covers the whole table: small problems (a paragraph's sentences) are
        # faster cell by cell in plain Python, with every group similarity from one product.
        return _align_full(a_groups, b_groups, a_cum, b_cum, scale, log_ratio, params)

    # Cells (i, j) with |j - i*m/n| <= band; row i stores columns lo[i]..hi[i].
    centre = np.rint(np.arange(n + 1) * (m / n)).astype(np.int64)
    lo = np.maximum(0, centre - band)
    hi = np.minimum(m, centre + band)
    lo[0], lo[n] = 0, min(lo[n], m)
    hi[n] = m
    score: list[np.ndarray] = []
    back: list[np.ndarray] = []  # index into BEADS of the step that reached the cell, -1 none
    gap_right = BEADS.index((0, 1))
    steps = [(k, da, db) for k, (da, db) in enumerate(BEADS) if k != gap_right]
    # Per group size on side B, for every end column j: log length and the merge-size guard.
    b_log = {}
    b_big = {}
    for db in range(1, max_db + 1):
        lb = np.zeros(m + 1)
        lb[db:] = b_cum[db:] - b_cum[:-db]
        b_log[db] = np.log(np.maximum(lb, 1.0))
        b_big[db] = lb > params.max_merge_chars
    lo_l, hi_l = lo.tolist(), hi.tolist()

    # The DP pulls: row i is computed from rows i-1..i-4 in whole-row numpy operations, so
    # the Python-level work is O(n * beads) instead of O(n * band * beads).
    for i in range(n + 1):
        li, hi_i = lo_l[i], hi_l[i]
        width = hi_i - li + 1
        best = np.full(width, -np.inf)
        arg = np.full(width, -1, dtype=np.int8)
        if i == 0:
            best[0] = 0.0
        for k, da, db in steps:
            pi = i - da
            if pi < 0:
                continue
            # Columns j of this row whose predecessor j - db lies in row pi's band.
            j0, j1 = max(li, lo_l[pi] + db), min(hi_i, hi_l[pi] + db)
            if j0 > j1:
                continue
            prev = score[pi][j0 - db - lo_l[pi] : j1 - db - lo_l[pi] + 1]
            if db == 0:
                cand = prev - params.gap_cost
            else:
                la = float(a_cum[i] - a_cum[pi])
                sims = b_groups[db - 1][j0 : j1 + 1] @ a_groups[da - 1][i]
                pen = np.abs(b_log[db][j0 : j1 + 1] - (np.log(max(la, 1.0)) + log_ratio))
                cand = prev + sims / scale - params.match_cost - params.length_weight * pen
                if da > 1 or db > 1:
                    if la > params.max_merge_chars:
                        continue
                    cand = np.where(b_big[db][j0 : j1 + 1], -np.inf, cand)
            here = best[j0 - li : j1 - li + 1]  # a view: updated in place
            better = cand > here
            here[better] = cand[better]
            arg[j0 - li : j1 - li + 1][better] = k
        # A gap on A's side (0, 1) comes from the cell to the left in the same row: a running
        # maximum along the row (with the gap cost, of cells shifted by their column).
        shift = params.gap_cost * np.arange(width)
        shifted = best + shift
        reach = np.maximum.accumulate(shifted)
        left = reach > shifted
        run = np.where(left, reach - shift, best)
        arg[left] = gap_right
        score.append(run)
        back.append(arg)

    beads: list[Bead] = []
    i, j = n, m
    while i > 0 or j > 0:
        if j - lo[i] < 0 or j - lo[i] >= len(back[i]) or back[i][j - lo[i]] < 0:
            raise AssertionError("alignment band lost the path")
        da, db = BEADS[back[i][j - lo[i]]]
        i0, j0 = i - da, j - db
        s = float(a_groups[da - 1][i] @ b_groups[db - 1][j]) / scale if da and db else float("nan")
        beads.append(Bead(tuple(range(i0, i)), tuple(range(j0, j)), s))
        i, j = i0, j0
    beads.reverse()
    return beads


def _align_full(a_groups, b_groups, a_cum, b_cum, scale: float, log_ratio: float, params: PairParams) -> list[Bead]:
    """The same DP over the full table, cell by cell (same pull order and tie-breaking as the
    banded version, so both give the same beads)."""
    n, m = len(a_cum) - 1, len(b_cum) - 1
    ka, kb = a_groups.shape[0], b_groups.shape[0]
    flat = (a_groups.reshape(ka * (n + 1), -1) @ b_groups.reshape(kb * (m + 1), -1).T).tolist()
    sims = {(da, db): [flat[(da - 1) * (n + 1) + i][(db - 1) * (m + 1) : db * (m + 1)] for i in range(n + 1)]
            for da, db in BEADS if da and db}
    ac, bc = a_cum.tolist(), b_cum.tolist()
    gap_right = BEADS.index((0, 1))
    steps = [(k, da, db) for k, (da, db) in enumerate(BEADS) if k != gap_right]
    lw, cost, gap, limit = params.length_weight, params.match_cost, params.gap_cost, params.max_merge_chars
    neg = float("-inf")
    score = [[neg] * (m + 1) for _ in range(n + 1)]
    back = [[-1] * (m + 1) for _ in range(n + 1)]
    log = math.log
    for i in range(n + 1):
        row, brow = score[i], back[i]
        for j in range(m + 1):
            best, arg = (0.0, -1) if i == 0 and j == 0 else (neg, -1)
            for k, da, db in steps:
                pi, pj = i - da, j - db
                if pi < 0 or pj < 0:
                    continue
                prev = score[pi][pj]
                if prev == neg:
                    continue
                if db == 0:
                    cand = prev - gap
                else:
                    la, lb = ac[i] - ac[pi], bc[j] - bc[pj]
                    if (da > 1 or db > 1) and max(la, lb) > limit:
                        continue
                    pen = abs(log(max(lb, 1.0) / max(la, 1.0)) - log_ratio)
                    cand = prev + sims[(da, db)][i][j] / scale - cost - lw * pen
                if cand > best:
                    best, arg = cand, k
            if j > 0 and row[j - 1] - gap > best:
                best, arg = row[j - 1] - gap, gap_right
            row[j], brow[j] = best, arg
    beads: list[Bead] = []
    i, j = n, m
    while i > 0 or j > 0:
        da, db = BEADS[back[i][j]]
        i0, j0 = i - da, j - db
        s = sims[(da, db)][i][j] / scale if da and db else float("nan")
        beads.append(Bead(tuple(range(i0, i)), tuple(range(j0, j)), s))
        i, j = i0, j0
    beads.reverse()
    return beads


def _unit_groups(vecs: np.ndarray, max_size: int) -> np.ndarray:
    """``out[k - 1, j]``: the normalised sum of units ``j-k .. j-1`` (zeros where j < k), so
    a group's similarity is one dot product. Shape ``(max_size, n + 1, dim)``."""
    n, dim = vecs.shape
    csum = np.zeros((n + 1, dim))
    np.cumsum(vecs, axis=0, dtype=np.float64, out=csum[1:])
    out = np.zeros((max_size, n + 1, dim))
    for k in range(1, min(max_size, n) + 1):
        out[k - 1, k:] = csum[k:] - csum[:-k]
    norms = np.sqrt(np.einsum("kjd,kjd->kj", out, out))
    norms[norms == 0] = 1.0
    out /= norms[..., None]
    return out.astype(np.float32)


def typical_similarity(sims: np.ndarray, settings: AlignmentSettings = _A) -> float:
    """A robust estimate of what true translations of this pair score in this document:
    the upper-middle of the best-match similarities (most units are translated well, so the
    median of best matches is a good-match score; a floor keeps degenerate inputs sane)."""
    if sims.size == 0:
        return settings.typical_default
    return max(float(np.quantile(sims, settings.typical_quantile)), settings.typical_floor)
