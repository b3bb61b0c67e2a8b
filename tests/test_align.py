"""The pairwise aligner on synthetic vectors: merges, gaps, and the band on long inputs."""

import numpy as np
import pytest

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


def _reference_align(a, b, la, lb, scale, ratio, params):
    """The DP written cell by cell (push form, no vectorisation): the spec the fast
    row-at-a-time version must reproduce bead for bead."""
    from parallelcheck.align.pairwise import BEADS

    n, m = len(a), len(b)
    ca = np.concatenate([[0.0], np.cumsum(la)])
    cb = np.concatenate([[0.0], np.cumsum(lb)])
    sa = np.vstack([np.zeros(a.shape[1]), np.cumsum(a, axis=0)])
    sb = np.vstack([np.zeros(b.shape[1]), np.cumsum(b, axis=0)])
    best = np.full((n + 1, m + 1), -np.inf)
    back = {}
    best[0, 0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if best[i, j] == -np.inf:
                continue
            for da, db in BEADS:
                ni, nj = i + da, j + db
                if ni > n or nj > m:
                    continue
                if da == 0 or db == 0:
                    gain = -params.gap_cost
                else:
                    va, vb = sa[ni] - sa[i], sb[nj] - sb[j]
                    sim = float(va @ vb / (np.linalg.norm(va) * np.linalg.norm(vb)))
                    pen = abs(np.log(max(cb[nj] - cb[j], 1) / max(ca[ni] - ca[i], 1)) - np.log(ratio))
                    gain = sim / scale - params.match_cost - params.length_weight * pen
                if best[i, j] + gain > best[ni, nj] + 1e-9:
                    best[ni, nj] = best[i, j] + gain
                    back[(ni, nj)] = (da, db)
    out, i, j = [], n, m
    while i or j:
        da, db = back[(i, j)]
        out.append((tuple(range(i - da, i)), tuple(range(j - db, j))))
        i, j = i - da, j - db
    return out[::-1], best[n, m]


def _random_pair(rng):
    from parallelcheck.align.pairwise import PairParams

    n, m = rng.integers(1, 25, size=2)
    base = unit(rng, max(n, m), 16)
    a = base[:n] + 0.4 * rng.normal(size=(n, 16))
    b = base[:m] + 0.4 * rng.normal(size=(m, 16))
    la, lb = rng.integers(5, 80, n).astype(float), rng.integers(5, 80, m).astype(float)
    return a, b, la, lb, PairParams(gap_cost=float(rng.choice([0.0, 0.2, 0.5])))


def test_both_dp_paths_find_the_same_optimal_alignment():
    """On random inputs small enough for the full table (the band then covers it all), the
    cell-by-cell path and the row-wise banded path give the same beads, and those score
    exactly as well as the optimum of the plain reference DP."""
    from dataclasses import replace

    rng = np.random.default_rng(5)
    for trial in range(40):
        a, b, la, lb, params = _random_pair(rng)
        beads = align_pair(a, b, la, lb, scale=0.8, length_ratio=1.1,
                           params=replace(params, full_table_cells=10_000))
        banded = align_pair(a, b, la, lb, scale=0.8, length_ratio=1.1, params=replace(params, full_table_cells=0))
        assert [(x.a, x.b) for x in beads] == [(x.a, x.b) for x in banded], trial
        _, optimum = _reference_align(a, b, la, lb, 0.8, 1.1, params)
        total = 0.0
        for bd in beads:
            if bd.a and bd.b:
                pen = abs(np.log(max(lb[list(bd.b)].sum(), 1) / max(la[list(bd.a)].sum(), 1)) - np.log(1.1))
                total += bd.score - params.match_cost - params.length_weight * pen
            else:
                total -= params.gap_cost
        assert total == pytest.approx(optimum, abs=1e-4), trial
        assert sum(len(bd.a) for bd in beads) == len(a) and sum(len(bd.b) for bd in beads) == len(b)


def test_gap_cost_makes_a_true_merge_beat_a_match_plus_a_gap():
    """B joined A's sentences 1 and 2, but its text leans on sentence 1: with gaps free the
    DP answers "1 matched, 2 dropped"; a gap cost makes it the merge it is."""
    from parallelcheck.align.pairwise import PairParams

    rng = np.random.default_rng(3)
    a = unit(rng, 4)
    b = np.stack([a[0], norm(3 * a[1] + a[2]), a[3]])
    la, lb = np.array([40.0, 40, 40, 40]), np.array([40.0, 80, 40])
    free = align_pair(a, b, la, lb, params=PairParams(gap_cost=0.0, length_weight=0.0))
    costly = align_pair(a, b, la, lb, params=PairParams(gap_cost=0.3, length_weight=0.0))
    assert ((1,), (1,)) in [(x.a, x.b) for x in free] and ((2,), ()) in [(x.a, x.b) for x in free]
    assert ((1, 2), (1,)) in [(x.a, x.b) for x in costly]


def test_content_length_ignores_every_kind_of_space():
    from parallelcheck.align.nway import content_length

    assert content_length("a b\u3000c\u00a0d\n e") == 5


def test_one_versions_paragraph_merge_leaves_the_others_sentence_alignment_alone():
    # Rows widen when any version merges paragraphs; each version's sentences must still be
    # aligned inside its own paragraph matches. On this NTREX document, aligning inside the
    # widened rows changed the Korean sentence alignment when French merged ¶1 and ¶2.
    from parallelcheck.align.nway import align_documents
    from parallelcheck.embed import get_embedder
    from parallelcheck.load import document_from_text
    from parallelcheck.segment import segment_document

    from .conftest import LANGS, alignment_document, render_texts

    embedder = get_embedder(cache=False)
    paras = alignment_document("cnn.304447")

    def ko_beads(paras):
        texts = render_texts(paras)
        docs = [segment_document(document_from_text(lang, texts[lang])) for lang in LANGS]
        vecs = {d.language: embedder.encode([s.text for s in d.segments]) for d in docs}
        result = align_documents(docs, vecs, "en", encode=embedder.encode)
        widest = max(len(r.get("en")) for r in result.paragraphs.rows)
        return [(b.a, b.b) for row in result.aligned_beads for b in row["ko"]], widest

    before, widest = ko_beads(paras)
    assert widest == 1
    paras["fr"][1:3] = [paras["fr"][1] + paras["fr"][2]]
    after, widest = ko_beads(paras)
    assert widest == 2  # the merge widened a row for every version
    assert after == before


class _StubMatcher:
    """How well each reference unit is expressed by each version unit (a table)."""

    def __init__(self, expressed):
        self.expressed = expressed

    def best(self, ref, idx):
        return max(self.expressed[(int(ref[0]), j)] for j in idx)

    def group_vector(self, idx):
        return np.zeros(2)


def test_a_gap_goes_to_the_neighbour_that_expresses_it_best():
    from parallelcheck.align.pairwise import Bead
    from parallelcheck.align.verify import rescue_gaps

    ref = np.array([[0.0, 0], [1, 0], [2, 0]])  # unit k's vector carries k, for the stub
    beads = [Bead((0,), (0,), 1.0), Bead((1,), (), float("nan")), Bead((2,), (1,), 1.0)]
    both = _StubMatcher({(1, 0): 0.75, (1, 1): 0.95})  # both pass 0.72: the better one wins
    assert [(b.a, b.b) for b in rescue_gaps(beads, ref, both, 1.0)] == [((0,), (0,)), ((1, 2), (1,))]
    weak = _StubMatcher({(1, 0): 0.35, (1, 1): 0.6})  # neither passes 0.72
    assert [(b.a, b.b) for b in rescue_gaps(beads, ref, weak, 1.0)] == [(b.a, b.b) for b in beads]
    # ... unless one neighbour clearly holds it: at least 0.55, by 0.15 more than the other
    assert [(b.a, b.b) for b in rescue_gaps(beads, ref, weak, 1.0, clear_choice=(0.55, 0.15))][-1] == ((1, 2), (1,))
    close = _StubMatcher({(1, 0): 0.5, (1, 1): 0.6})
    assert len(rescue_gaps(beads, ref, close, 1.0, clear_choice=(0.55, 0.15))) == 3


def test_the_opening_or_close_of_a_segment_is_cut_to_the_length_asked_for():
    from types import SimpleNamespace

    from parallelcheck.align.verify import PieceMatcher

    asked = []

    def encode(texts):
        asked.extend(texts)
        return np.ones((len(texts), 2))

    class Doc:
        segments = [SimpleNamespace(text="这使得人们越来越担忧五分之一的学生表示他们有主账户。"),
                    SimpleNamespace(text="The news has heightened fears Twenty per cent of pupils said so.")]

    m = PieceMatcher(Doc(), np.zeros((2, 2)), encode)
    assert m.end_vector((0,), True, 9) is not None and asked[-1] == "这使得人们越来越担"
    assert m.end_vector((0,), False, 5) is not None and asked[-1] == "有主账户。"
    # scripts with spaces are cut at a word boundary, never inside a word
    assert m.end_vector((1,), True, 24) is not None and asked[-1] == "The news has heightened fears"
    assert m.end_vector((1,), False, 7) is not None and asked[-1] == "said so."
    assert m.end_vector((1,), False, 9) is not None and asked[-1] == "pupils said so."
    # a piece that is most of the text is no piece; no encoder, no pieces
    assert m.end_vector((0,), True, 24) is None
    assert PieceMatcher(Doc(), np.zeros((2, 2)), None).end_vector((0,), True, 9) is None


class _StubEndMatcher:
    """Clause pieces express nothing well (0.3); the opening of version unit 1 expresses the
    gap as well as ``end`` says."""

    def __init__(self, end):
        self.end = end

    def best(self, ref, idx):
        return 0.3

    def end_vector(self, idx, at_start, chars):
        return np.array([self.end, 0.0]) if idx == (1,) and at_start else None

    def group_vector(self, idx):
        return np.zeros(2)


def test_a_unit_run_into_the_next_segment_is_found_at_its_opening():
    from parallelcheck.align.pairwise import Bead
    from parallelcheck.align.verify import rescue_gaps

    ref = np.array([[0.0, 1], [1, 0], [0, 1]])
    beads = [Bead((0,), (0,), 1.0), Bead((1,), (), float("nan")), Bead((2,), (1,), 1.0)]

    def rescued(end, next_length, gap_length=10.0):
        lengths = (np.array([10.0, gap_length, 10.0]), np.array([10.0, next_length]), 1.0)
        out = rescue_gaps(beads, ref, _StubEndMatcher(end), 1.0, lengths)
        return [(b.a, b.b) for b in out] == [((0,), (0,)), ((1, 2), (1,))]

    # the next segment is twice as long as its own unit: a weaker opening (0.55) suffices
    assert rescued(0.55, next_length=20.0)
    # ... but not when its length is no argument for holding both (the gap is a deletion)
    assert not rescued(0.55, next_length=14.0)
    # an opening that expresses the unit outright is believed even from a terse translation
    # (8 characters for 10 + 2.84 expected), where a clause piece would need the lengths
    assert rescued(0.75, next_length=8.0, gap_length=2.84)
    assert not rescued(0.75, next_length=6.0, gap_length=4.0)


def test_an_unmatched_paragraph_whose_sentences_end_its_neighbour_is_a_merge():
    from types import SimpleNamespace

    from parallelcheck.align.nway import _attach_by_sentences
    from parallelcheck.align.pairwise import Bead
    from parallelcheck.settings import DEFAULT

    held = DEFAULT.alignment.sentence_in_neighbour

    eye = np.eye(6)
    pivot = SimpleNamespace(segment_ranges=[[0, 1], [2, 3], [4]])
    pvecs = eye[:5]
    beads = [Bead((0,), (0,), 1.0), Bead((1,), (), float("nan")), Bead((2,), (1,), 1.0)]
    # the version ran pivot ¶1 into ¶0: its sentence 2 renders pivot sentence 2, and its
    # sentence 3 is pivot sentence 3 in words the encoder can't pair (as ja «現在、調整して
    # いる最中です。» for "But we are working on it.")
    merged = SimpleNamespace(segment_ranges=[[0, 1, 2, 3], [4]])
    xvecs = np.vstack([eye[0], eye[1], eye[2], eye[5], eye[4]])
    assert [(b.a, b.b) for b in _attach_by_sentences(beads, pivot, merged, pvecs, xvecs, 1.0, held)] == [
        ((0, 1), (0,)), ((2,), (1,))]
    # a deleted paragraph: the neighbour has no sentences to spare
    deleted = SimpleNamespace(segment_ranges=[[0, 1], [2]])
    assert _attach_by_sentences(beads, pivot, deleted, pvecs, np.vstack([eye[0], eye[1], eye[4]]), 1.0, held) == beads
    # ... or its spare sentences say something else
    other = np.vstack([eye[0], eye[1], eye[5], eye[5], eye[4]])
    assert _attach_by_sentences(beads, pivot, merged, pvecs, other, 1.0, held) == beads


def _slide(beads, sims, scale=1.0):
    """slide_gaps on reference/version vectors whose dot products are ``sims`` (rows:
    reference units, columns: version units)."""
    from types import SimpleNamespace

    from parallelcheck.align.verify import slide_gaps

    ref = np.asarray(sims, dtype=float)
    version = np.eye(ref.shape[1])  # ref[u] @ version[t] == sims[u][t]
    return [(b.a, b.b) for b in slide_gaps(beads, ref, SimpleNamespace(vecs=version), scale)]


def test_a_gap_split_out_of_a_merge_moves_to_the_unit_the_version_lacks():
    from parallelcheck.align.pairwise import Bead

    # The version lacks reference item 0 (the page's first example); items 1-3 are its 0-2.
    # Verification split item 2 out of the merge (2, 3) -> 2, leaving 0 -> 0, 1 -> 1, a gap
    # at 2: but 1 -> 0 and 2 -> 1 match better than 0 -> 0 and 1 -> 1 (the tldr git-commit
    # page in Korean, whose items all "commit staged files …", scored like this).
    sims = [[0.59, 0.61, 0.49],
            [0.66, 0.67, 0.37],
            [0.62, 0.68, 0.41],
            [0.49, 0.45, 0.78]]
    beads = [Bead((0,), (0,), 0.59), Bead((1,), (1,), 0.67), Bead((2,), (), float("nan")), Bead((3,), (2,), 0.78)]
    assert _slide(beads, sims) == [((0,), ()), ((1,), (0,)), ((2,), (1,)), ((3,), (2,))]


def test_a_gap_already_where_the_matches_are_best_stays():
    from parallelcheck.align.pairwise import Bead

    sims = [[0.9, 0.2], [0.3, 0.3], [0.2, 0.8]]
    beads = [Bead((0,), (0,), 0.9), Bead((1,), (), float("nan")), Bead((2,), (1,), 0.8)]
    assert _slide(beads, sims) == [((0,), (0,)), ((1,), ()), ((2,), (1,))]
    # a tie keeps the aligner's place; a merge beside the gap bounds the run
    tie = [[0.5, 0.5], [0.5, 0.5], [0.5, 0.5]]
    assert _slide(beads, tie) == [((0,), (0,)), ((1,), ()), ((2,), (1,))]
    merged = [Bead((0, 1), (0,), 0.9), Bead((2,), (), float("nan")), Bead((3,), (1,), 0.8)]
    assert _slide(merged, [[0.1, 0.1], [0.1, 0.1], [0.9, 0.1], [0.1, 0.8]]) == [((0, 1), (0,)), ((2,), ()), ((3,), (1,))]


def test_the_gap_goes_where_the_matches_sum_highest():
    from parallelcheck.align.pairwise import Bead

    rng = np.random.default_rng(5)
    for _ in range(40):
        r = int(rng.integers(2, 7))  # units in the run, one of them the gap
        sims = rng.random((r, r - 1))
        at = int(rng.integers(0, r))
        beads = [Bead((i,), (i if i < at else i - 1,), 0.5) if i != at else Bead((i,), (), float("nan"))
                 for i in range(r)]

        def total(gap):
            return sum(sims[i][i if i < gap else i - 1] for i in range(r) if i != gap)

        out = _slide(beads, sims)
        gap = next(a[0] for a, b in out if not b)
        assert total(gap) == pytest.approx(max(total(g) for g in range(r)))
        assert gap == at or total(gap) > total(at)
        assert [b for a, b in out if b] == [(j,) for j in range(r - 1)]  # order kept
