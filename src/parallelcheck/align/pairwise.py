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

from dataclasses import dataclass

import numpy as np

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


@dataclass(frozen=True)
class PairParams:
    match_cost: float = 0.0  # subtracted per non-gap bead (tuned on NTREX: any positive cost turns loose translations into gap pairs)
    length_weight: float = 0.35  # weight of |log(length ratio / expected ratio)|
    band: int = 24  # half-width of the search band, in units, around the scaled diagonal
    max_merge_chars: int = 2000  # don't build groups longer than this (memory/time guard)


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
    a_cum = np.concatenate([[0.0], np.cumsum(a_lens, dtype=float)])
    b_cum = np.concatenate([[0.0], np.cumsum(b_lens, dtype=float)])
    a_csum = np.vstack([np.zeros((1, a_vecs.shape[1]), dtype=np.float64), np.cumsum(a_vecs, axis=0, dtype=np.float64)])
    b_csum = np.vstack([np.zeros((1, b_vecs.shape[1]), dtype=np.float64), np.cumsum(b_vecs, axis=0, dtype=np.float64)])
    log_ratio = float(np.log(max(length_ratio, 1e-6)))
    band = max(params.band, 2 * max(k for bead in BEADS for k in bead))

    def centre(i: int) -> int:
        return int(round(i * m / n))

    # Cells (i, j) with |j - centre(i)| <= band; stored row by row with an offset.
    lo = [max(0, centre(i) - band) for i in range(n + 1)]
    hi = [min(m, centre(i) + band) for i in range(n + 1)]
    lo[n], hi[n] = min(lo[n], m), m  # the end cell must be reachable
    lo[0] = 0
    score = [np.full(hi[i] - lo[i] + 1, -np.inf) for i in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (hi[i] - lo[i] + 1) for i in range(n + 1)]
    score[0][0] = 0.0

    def sim(i0: int, i1: int, j0: int, j1: int) -> float:
        va = a_csum[i1] - a_csum[i0]
        vb = b_csum[j1] - b_csum[j0]
        na, nb = np.linalg.norm(va), np.linalg.norm(vb)
        if na == 0 or nb == 0:
            return 0.0
        return float(va @ vb / (na * nb))

    for i in range(n + 1):
        for j in range(lo[i], hi[i] + 1):
            here = score[i][j - lo[i]]
            if here == -np.inf:
                continue
            for da, db in BEADS:
                ni, nj = i + da, j + db
                if ni > n or nj > m or nj < lo[ni] or nj > hi[ni]:
                    continue
                if da == 0 or db == 0:
                    gain = 0.0
                else:
                    la, lb = a_cum[ni] - a_cum[i], b_cum[nj] - b_cum[j]
                    if (da > 1 or db > 1) and max(la, lb) > params.max_merge_chars:
                        continue
                    s = sim(i, ni, j, nj) / scale
                    pen = abs(np.log(max(lb, 1.0) / max(la, 1.0)) - log_ratio)
                    gain = s - params.match_cost - params.length_weight * pen
                cand = here + gain
                k = nj - lo[ni]
                if cand > score[ni][k]:
                    score[ni][k] = cand
                    back[ni][k] = (da, db)

    beads: list[Bead] = []
    i, j = n, m
    while i > 0 or j > 0:
        step = back[i][j - lo[i]]
        assert step is not None, "alignment band lost the path"
        da, db = step
        i0, j0 = i - da, j - db
        s = sim(i0, i, j0, j) / scale if da and db else float("nan")
        beads.append(Bead(tuple(range(i0, i)), tuple(range(j0, j)), s))
        i, j = i0, j0
    beads.reverse()
    return beads


def typical_similarity(sims: np.ndarray, floor: float = 0.2) -> float:
    """A robust estimate of what true translations of this pair score in this document:
    the upper-middle of the best-match similarities (most units are translated well, so the
    median of best matches is a good-match score; a floor keeps degenerate inputs sane)."""
    if sims.size == 0:
        return 0.5
    return max(float(np.quantile(sims, 0.6)), floor)
