"""The embedding cache under stress: processes writing at once, a damaged file, a read-only
directory, a full disk, a writer killed mid-transaction. None of them may stop a check;
each is at most one warning line.

The fake model below needs no weights, so real processes can share one cache cheaply.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest

from parallelcheck.embed import cache as cache_mod
from parallelcheck.embed.cache import CachedEmbedder

SRC = str(Path(__file__).resolve().parent.parent / "src")

FAKE = textwrap.dedent(
    """
    import numpy as np

    class HashEmbedder:
        name = "hash-model"
        dim = 8

        def encode(self, texts):
            out = np.empty((len(texts), self.dim), dtype=np.float32)
            for i, t in enumerate(texts):
                rng = np.random.default_rng(sum(map(ord, t)) * 31 + len(t))
                v = rng.standard_normal(self.dim)
                out[i] = v / np.linalg.norm(v)
            return out

        def info(self):
            return {"name": self.name, "backend": "test", "version": "0", "dim": self.dim}
    """
)
exec(FAKE)  # the same class in this process: HashEmbedder


@pytest.fixture(autouse=True)
def _fresh_warnings(monkeypatch):
    monkeypatch.setattr(cache_mod, "_WARNED", set())


def _run_writer(cache_dir: Path, texts_spec: str, extra: str = "") -> subprocess.Popen:
    code = FAKE + textwrap.dedent(
        f"""
        import sys
        from parallelcheck.embed.cache import CachedEmbedder
        emb = CachedEmbedder(HashEmbedder(), {str(cache_dir)!r})
        texts = {texts_spec}
        {extra}
        for lo in range(0, len(texts), 50):  # many small transactions, interleaving with the others
            emb.encode(texts[lo:lo + 50])
        emb.close()
        """
    )
    env = {**os.environ, "PYTHONPATH": SRC}
    return subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def test_processes_writing_at_once_lose_nothing(tmp_path):
    # Three processes, overlapping texts, all writing in small transactions at the same time.
    procs = [_run_writer(tmp_path, f"[f'text {{i}}' for i in range({k * 300}, {k * 300 + 600})]") for k in range(3)]
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        assert err == ""  # no "database is locked" warning: writers wait their turn
    inner = HashEmbedder()
    texts = [f"text {i}" for i in range(1200)]
    counting = CachedEmbedder(inner, tmp_path)
    got = counting.encode(texts)
    assert counting.stats == {"hits": 1200, "misses": 0}  # every process's vectors are there
    assert np.array_equal(got, inner.encode(texts))
    db = sqlite3.connect(counting.path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


def test_corrupt_file_is_rebuilt_with_a_warning(tmp_path, capsys):
    inner = HashEmbedder()
    cached = CachedEmbedder(inner, tmp_path)
    cached.path.parent.mkdir(parents=True)
    cached.path.write_bytes(b"this is not an sqlite database" * 100)
    assert np.array_equal(cached.encode(["x", "y"]), inner.encode(["x", "y"]))
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "warning" in err and "damaged" in err
    assert cached.path.with_name(cached.path.name + ".corrupt").exists()
    # The new file works: a second instance reads what the first stored.
    again = CachedEmbedder(inner, tmp_path)
    again.encode(["x", "y"])
    assert again.stats == {"hits": 2, "misses": 0}
    assert capsys.readouterr().err == ""


def test_truncated_file_is_rebuilt(tmp_path, capsys):
    inner = HashEmbedder()
    cached = CachedEmbedder(inner, tmp_path)
    texts = [f"sentence number {i} " * 20 for i in range(400)]
    cached.encode(texts)
    cached.close()
    for suffix in ("-wal", "-shm"):  # checkpointed on close; make sure only the main file is left
        assert not cached.path.with_name(cached.path.name + suffix).exists()
    size = cached.path.stat().st_size
    with open(cached.path, "r+b") as fh:  # a disk that filled up, a copy cut short
        fh.truncate(size // 3)
    again = CachedEmbedder(inner, tmp_path)
    assert np.array_equal(again.encode(texts), inner.encode(texts))
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "damaged" in err and "malformed" in err
    # The rebuilt file holds this run's vectors: the next run finds them.
    third = CachedEmbedder(inner, tmp_path)
    third.encode(texts[:10])
    assert third.stats == {"hits": 10, "misses": 0}


def test_read_only_cache_directory_runs_without_cache(tmp_path, capsys, monkeypatch):
    # The tests run as root, for whom chmod does not block writes; a read-only directory is
    # simulated where the OS reports it: creating the directory fails with EROFS/EACCES.
    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "mkdir", refuse)
    inner = HashEmbedder()
    cached = CachedEmbedder(inner, tmp_path / "ro" / "cache")
    assert np.array_equal(cached.encode(["a", "b"]), inner.encode(["a", "b"]))
    cached.encode(["c"])
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Permission denied" in err and "continuing without the embedding cache" in err


def test_read_only_database_file_runs_without_cache(tmp_path, capsys):
    # The same for an existing database that can't be written (a read-only mount): SQLite
    # opened read-only, the first write fails with "attempt to write a readonly database".
    inner = HashEmbedder()
    CachedEmbedder(inner, tmp_path).encode(["known"])
    cached = CachedEmbedder(inner, tmp_path)
    cached._connect()
    cached._db.close()
    cached._db = sqlite3.connect(f"file:{cached.path}?mode=ro", uri=True, check_same_thread=False)
    out = cached.encode(["known", "new"])
    assert np.array_equal(out, inner.encode(["known", "new"]))
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "readonly" in err


def test_full_disk_keeps_reading_and_stops_writing(tmp_path, capsys):
    inner = HashEmbedder()
    cached = CachedEmbedder(inner, tmp_path)
    cached.encode(["stored before the disk filled up"])
    # SQLite's own "database or disk is full" (SQLITE_FULL), as on a full disk: the file
    # may not grow past its current pages.
    pages = cached._db.execute("PRAGMA page_count").fetchone()[0]
    cached._db.execute(f"PRAGMA max_page_count = {pages}")
    many = [f"new text {i} " * 30 for i in range(300)]
    assert np.array_equal(cached.encode(many), inner.encode(many))
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "full" in err and "not cached" in err
    out = cached.encode(["stored before the disk filled up", "another"])  # reads still work
    assert cached.stats["hits"] >= 1 and np.array_equal(out, inner.encode(["stored before the disk filled up", "another"]))
    assert capsys.readouterr().err == ""


def test_writer_killed_mid_transaction_leaves_a_consistent_cache(tmp_path):
    # A process stores a first batch, then is killed (SIGKILL: no cleanup) while it writes
    # an endless stream of transactions. The next run reads all committed vectors and works.
    first = [f"committed {i}" for i in range(100)]
    CachedEmbedder(HashEmbedder(), tmp_path).encode(first)
    proc = _run_writer(tmp_path, "[f'stream {i}' for i in range(300_000)]",
                       extra="print('writing', flush=True)")
    assert proc.stdout.readline().strip() == "writing"
    time.sleep(1.0)  # well inside the stream of transactions
    assert proc.poll() is None, "the writer finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    inner = HashEmbedder()
    after = CachedEmbedder(inner, tmp_path)
    assert np.array_equal(after.encode(first), inner.encode(first))
    assert after.stats == {"hits": 100, "misses": 0}
    db = sqlite3.connect(after.path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    streamed = db.execute("SELECT count(*) FROM vectors").fetchone()[0] - 100
    db.close()
    assert streamed % 50 == 0  # whole transactions only: none was torn
