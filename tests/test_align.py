"""The pairwise aligner on synthetic vectors: merges, gaps, and the band on long inputs."""

import numpy as np

from parallelcheck.align.pairwise import align_pair
from parallelcheck.align.verify import clause_spans, pieces


def unit(rng, n, dim=64):
    v = rng.normal(size=(n, dim))
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def norm(v):
    return v / np.linalg.norm(v)


def test_merge_gap_and_one_to_one():
    rng = np.random.default_rng(0)
    a = unit(rng, 6)
    # B: a0, a1+a2 (a translator joined two sentences), a4, a5 — a3 was dropped
    b = np.stack([a[0], norm(a[1] + a[2]), a[4], a[5]])
    lens_a = np.array([40, 30, 30, 40, 40, 40])
    lens_b = np.array([40, 60, 40, 40])
    beads = align_pair(a, b, lens_a, lens_b, scale=1.0, length_ratio=1.0)
    assert [(bd.a, bd.b) for bd in beads] == [((0,), (0,)), ((1, 2), (1,)), ((3,), ()), ((4,), (2,)), ((5,), (3,))]


def test_insertion_on_the_other_side():
    rng = np.random.default_rng(1)
    a = unit(rng, 4)
    extra = unit(rng, 1)[0]
    b = np.stack([a[0], a[1], extra, a[2], a[3]])
    beads = align_pair(a, b, np.full(4, 30), np.full(5, 30), scale=1.0, length_ratio=1.0)
    assert ((), (2,)) in [(bd.a, bd.b) for bd in beads]
    assert sum(len(bd.a) for bd in beads) == 4 and sum(len(bd.b) for bd in beads) == 5


def test_long_inputs_align_inside_the_band():
    rng = np.random.default_rng(2)
    n = 1500
    a = unit(rng, n)
    b = np.delete(a, [500, 1000], axis=0)  # two deletions far apart
    beads = align_pair(a, b, np.full(n, 30), np.full(n - 2, 30), scale=1.0, length_ratio=1.0)
    gaps = [bd.a[0] for bd in beads if bd.a and not bd.b]
    assert gaps == [500, 1000]


def test_clause_pieces_keep_text_and_order():
    text = "First clause, second clause; third one. Fourth."
    spans = clause_spans(text)
    assert [text[a:b].strip() for a, b in spans] == ["First clause,", "second clause;", "third one.", "Fourth."]
    assert "second clause; third one." in pieces(text)
    assert text.strip() not in pieces(text)
