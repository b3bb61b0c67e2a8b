"""Bounded memory and time (issue 15): long texts are embedded by pieces, the banded
aligner's on-demand group vectors equal the precomputed ones, calibration is sampled
above its limit, and text with nothing visible is no text. (The measured peak RSS and
times are in ``benchmarks.limits``; tests assert behaviour, not timings.)"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from parallelcheck.align import nway, pairwise
from parallelcheck.embed.pieces import PieceEmbedder, split_for_embedding
from parallelcheck.errors import InputError
from parallelcheck.limits import LIMITS, Limits
from parallelcheck.load import decode_bytes, document_from_text, split_paragraphs
from parallelcheck.load.paragraphs import has_visible


class Recorder:
    """A fake model that records the texts it is given and returns a vector per text."""

    name = "recorder"
    dim = 4

    def __init__(self):
        self.seen: list[str] = []

    def encode(self, texts):
        self.seen.extend(texts)
        out = np.array([[len(t) % 7 + 1, t.count("a") + 1, t.count("b") + 1, 1.0] for t in texts], dtype=np.float32)
        return out / np.linalg.norm(out, axis=1, keepdims=True) if len(texts) else out.reshape(0, 4)

    def info(self):
        return {"name": self.name, "backend": "test", "version": "0", "dim": self.dim}


def test_split_for_embedding_cuts_at_spaces_and_keeps_everything():
    text = ("alpha beta, gamma. " * 400).strip()
    parts = split_for_embedding(text, 100)
    assert "".join(parts) == text
    assert all(len(p) <= 100 for p in parts)
    assert all(p[-1] in " ,." or p is parts[-1] for p in parts)  # cut after a space or punctuation
    assert split_for_embedding("x" * 250, 100) == ["x" * 100, "x" * 100, "x" * 50]  # no space: hard cuts


def test_short_texts_reach_the_model_unchanged():
    inner = Recorder()
    texts = ["short one", "a" * LIMITS.embed_chars]
    out = PieceEmbedder(inner).encode(texts)
    assert inner.seen == texts
    assert np.array_equal(out, Recorder().encode(texts))


def test_a_long_text_is_encoded_by_bounded_pieces():
    inner = Recorder()
    limits = Limits(embed_chars=50, embed_pieces=4)
    long = "ab " * 10_000  # 30,000 characters
    out = PieceEmbedder(inner, limits).encode(["first", long, "last"])
    assert out.shape == (3, 4) and np.allclose(np.linalg.norm(out, axis=1), 1.0)
    assert max(len(t) for t in inner.seen) <= 50  # the model never sees more than the limit
    assert len(inner.seen) == 2 + 4  # the two short texts, and four pieces of the long one
    # The short texts' vectors are what the model gives them, whatever else is in the call.
    assert np.allclose(out[[0, 2]], Recorder().encode(["first", "last"]), atol=1e-6)


def test_on_demand_groups_equal_the_precomputed_ones(monkeypatch):
    rng = np.random.default_rng(7)
    a = rng.standard_normal((300, 16)).astype(np.float32)
    b = rng.standard_normal((280, 16)).astype(np.float32)
    a /= np.linalg.norm(a, axis=1, keepdims=True)
    b /= np.linalg.norm(b, axis=1, keepdims=True)
    b[::3] = a[::3][: len(b[::3])]  # some true matches
    la, lb = rng.integers(5, 80, 300).astype(float), rng.integers(5, 80, 280).astype(float)
    full = pairwise.align_pair(a, b, la, lb, scale=0.5)
    lazy_groups = pairwise._LazyGroups(a)
    groups = pairwise._unit_groups(a, 4)
    for k in range(4):
        assert np.allclose(lazy_groups[k][0:301], groups[k], atol=1e-6)
        assert np.allclose(lazy_groups[k][299], groups[k][299], atol=1e-6)
    monkeypatch.setattr(pairwise, "LIMITS", dataclasses.replace(LIMITS, group_cells=0))
    lazy = pairwise.align_pair(a, b, la, lb, scale=0.5)
    assert [(x.a, x.b) for x in lazy] == [(x.a, x.b) for x in full]
    assert np.allclose([x.score for x in lazy], [x.score for x in full], equal_nan=True, atol=1e-6)


def test_a_side_far_longer_than_the_other_still_aligns():
    # 5 units against 3,000: the band follows the slope (it used to lose the path).
    rng = np.random.default_rng(1)
    a = rng.standard_normal((5, 8)).astype(np.float32)
    b = rng.standard_normal((3000, 8)).astype(np.float32)
    beads = pairwise.align_pair(a, b, np.ones(5), np.ones(3000))
    assert sorted(i for bd in beads for i in bd.a) == list(range(5))
    assert sorted(j for bd in beads for j in bd.b) == list(range(3000))


def test_calibration_is_sampled_above_its_limit(monkeypatch):
    rng = np.random.default_rng(3)
    a = rng.standard_normal((500, 8))
    b = rng.standard_normal((400, 8))
    full = nway._best_match_sims(a, b)
    assert full.shape == (500,)
    monkeypatch.setattr(nway, "LIMITS", dataclasses.replace(LIMITS, calibration_rows=100, product_cells=1000))
    sampled = nway._best_match_sims(a, b)
    assert sampled.shape == (100,)
    assert set(np.round(sampled, 9)) <= set(np.round(full, 9))  # the same best matches, of a sample


@pytest.mark.parametrize("text", ["\u200b\u200e\ufeff", "\u202e", "\u0301\u0302\u20dd", " \u2060\u00a0\u3000 ",
                                  "\u200b\u200e\ufeff\n\n\u202e\u0301\u0302\n"])
def test_invisible_text_is_no_text(text):
    assert not has_visible(text)
    with pytest.raises(InputError, match="no text"):
        decode_bytes(text.encode("utf-8"), "f.txt")
    with pytest.raises(InputError):
        document_from_text("en", text)


def test_visible_text_is_kept_and_invisible_paragraphs_dropped():
    for text in ["a", "·", "€", "\ue000", "١", "字\u0301"]:
        assert has_visible(text)
    text = "First.\n\n\u202e\u0301\n\nSecond."
    assert [text[s.start : s.end] for s in split_paragraphs(text)] == ["First.", "Second."]


def test_the_limits_benchmark_builds_the_cases_the_issue_names(tmp_path):
    # benchmarks.limits runs each case in a child process (minutes); here only its inputs
    # are checked: they are what the README's limits table claims they are.
    from benchmarks.limits import CASES, MAX_FILE, build_case

    sizes = {}
    for name in CASES:
        root = tmp_path / name
        root.mkdir()
        specs = build_case(name, root)
        files = [root / s.split("=", 1)[1].rsplit("/", 1)[1] for s in specs]
        sizes[name] = [f.stat().st_size for f in files]
        assert all(size <= MAX_FILE for size in sizes[name])  # the loader accepts them all
    assert len(sizes["line-10mb"]) == 2 and sizes["line-10mb"][1] == 10_000_000
    assert "\n" not in (tmp_path / "line-10mb" / "en.txt").read_text(encoding="utf-8")
    assert sizes["normal-20mb"][1] > MAX_FILE - 100_000
    assert (tmp_path / "paragraphs-50k" / "fr.txt").read_text(encoding="utf-8").count("\n\n") == 49_999
    assert len(sizes["five-2mb"]) == 5 and all(2_000_000 < s <= 2 * 2**20 for s in sizes["five-2mb"])
