"""On-disk embedding cache: an unchanged segment is never encoded twice, across runs.

Layout: ``<cache dir>/<model id, sanitised>-<hash>/vectors.sqlite3`` holding
``vectors(key TEXT PRIMARY KEY, vec BLOB)``, where ``key`` is the SHA-256 of the exact text
and ``vec`` its float32 vector. SQLite gives atomic transactions (a run killed mid-write
leaves the old state). The database is in WAL mode with a busy timeout, so several runs
(processes or threads) read while one writes and writers wait their turn instead of failing.

Failures never stop a check, and each is one warning line on stderr:

- a corrupt or truncated file ("file is not a database", "malformed") is moved aside
  (``vectors.sqlite3.corrupt``) and a new one built;
- a directory that can't be created or written (read-only, a path under a file), or a
  database that can't be written: the run continues without the cache;
- a full disk (``SQLITE_FULL``, ``ENOSPC``): vectors already cached are still read, new ones
  are no longer stored.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = ["CachedEmbedder", "default_cache_dir", "model_cache_dir"]

_DB_NAME = "vectors.sqlite3"
_CHUNK = 500  # keys per "IN (...)" query: under SQLite's variable limit on every version
_BUSY_TIMEOUT_S = 30  # how long a writer waits for another process's transaction
# SQLite result codes (exc.sqlite_errorcode, Python >= 3.11; the message is checked otherwise).
_SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_NOTADB = 11, 13, 26
_WARNED: set[str] = set()  # one warning per cache location per process


def default_cache_dir() -> Path:
    """``$PARALLELCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/parallelcheck``, else
    ``~/.cache/parallelcheck``."""
    env = os.environ.get("PARALLELCHECK_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg).expanduser() / "parallelcheck"
    return Path.home() / ".cache" / "parallelcheck"


def model_cache_dir(cache_dir: str | Path, model_id: str) -> Path:
    """The directory that holds one model's vectors: a readable, filesystem-safe form of the
    id plus a hash of the exact id (so ids that sanitise alike never share a directory)."""
    safe = re.sub(r"[^A-Za-z0-9._@-]+", "_", model_id).strip("._")[:60] or "model"
    return Path(cache_dir) / f"{safe}-{hashlib.sha256(model_id.encode('utf-8')).hexdigest()[:12]}"


def _text_key(text: str) -> str:
    # surrogatepass: a lone surrogate (from a surrogateescape'd file) must hash, not crash.
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _warn(location: str, message: str, then: str = "; continuing without the embedding cache") -> None:
    if location not in _WARNED:
        _WARNED.add(location)
        print(f"parallelcheck: warning: {message}{then}", file=sys.stderr)


def _code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None  # the primary code of an extended one


def _is_corrupt(exc: sqlite3.Error) -> bool:
    code = _code(exc)
    if code is not None:
        return code in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text


def _is_full(exc: sqlite3.Error) -> bool:
    code = _code(exc)
    return code == _SQLITE_FULL if code is not None else "disk is full" in str(exc).lower()


class CachedEmbedder:
    """Wraps an embedder with the on-disk cache; behaves as an :class:`~parallelcheck.embed.Embedder`.

    Texts are deduplicated within each call and looked up on disk; only the rest reach
    ``inner.encode``, and their vectors are stored in one transaction. The cache key is
    ``inner.cache_id`` when the backend defines one (e.g. a local model's fingerprint), else
    ``inner.name``. :attr:`stats` counts distinct texts per call: ``hits`` came from the disk,
    ``misses`` were encoded.
    """

    def __init__(self, inner: Any, cache_dir: str | Path | None = None) -> None:
        self.inner = inner
        self.name: str = inner.name
        self.cache_id: str = str(getattr(inner, "cache_id", None) or inner.name)
        self.cache_dir = Path(cache_dir).expanduser() if cache_dir is not None else default_cache_dir()
        self.path = model_cache_dir(self.cache_dir, self.cache_id) / _DB_NAME
        self.hits = 0
        self.misses = 0
        self._dim: int | None = None
        self._db: sqlite3.Connection | None = None
        self._disabled = False
        self._full = False
        self._lock = threading.RLock()

    # -- the Embedder protocol -------------------------------------------------------------

    @property
    def dim(self) -> int | None:
        inner_dim = getattr(self.inner, "dim", None)
        return inner_dim if inner_dim is not None else self._dim

    def info(self) -> dict[str, Any]:
        """The inner model's info; ``dim`` filled in from the cache when every vector was a
        hit and the model itself was never loaded."""
        info = dict(self.inner.info())
        if info.get("dim") is None and self.dim is not None:
            info["dim"] = self.dim
        return info

    @property
    def stats(self) -> dict[str, int]:
        return {"hits": self.hits, "misses": self.misses}

    def encode(self, texts: Sequence[str]):
        """Vectors for ``texts`` in input order, from the cache where possible."""
        import numpy as np

        texts = list(texts)
        if not texts:
            if self.dim is not None:
                return np.zeros((0, self.dim), dtype=np.float32)
            return np.asarray(self.inner.encode([]), dtype=np.float32)
        with self._lock:
            keys = [_text_key(t) for t in texts]
            text_of = dict(zip(keys, texts))  # dedupes: one entry per distinct text
            found = self._lookup(list(text_of))
            todo = [k for k in text_of if k not in found]
            self.hits += len(text_of) - len(todo)
            self.misses += len(todo)
            if todo:
                fresh = np.asarray(self.inner.encode([text_of[k] for k in todo]), dtype=np.float32)
                if fresh.ndim != 2 or fresh.shape[0] != len(todo):
                    raise ValueError(
                        f"{self.name}: encode returned shape {fresh.shape} for {len(todo)} texts"
                    )
                self._dim = int(fresh.shape[1])
                # Cached rows of another size (a model changed in place) are not to be mixed in.
                found = {k: v for k, v in found.items() if v.shape[0] == self._dim}
                self._store(todo, fresh)
                found.update(zip(todo, fresh))
                missing = [k for k in text_of if k not in found]
                if missing:  # only stale-sized cached rows: encode those too
                    again = np.asarray(self.inner.encode([text_of[k] for k in missing]), dtype=np.float32)
                    self._store(missing, again)
                    found.update(zip(missing, again))
            elif self._dim is None:
                self._dim = int(next(iter(found.values())).shape[0])
            return np.stack([found[k] for k in keys])

    # -- storage ---------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is not None or self._disabled:
            return self._db
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                db = self._open()
            except sqlite3.DatabaseError as exc:
                if not _is_corrupt(exc):
                    raise
                self._set_aside_corrupt(exc)
                db = self._open()
        except (OSError, sqlite3.Error) as exc:
            self._disable(f"cannot use the embedding cache at {self.path} ({exc})")
            return None
        self._db = db
        return db

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=_BUSY_TIMEOUT_S, check_same_thread=False)
        try:
            # A 512-dim vector is 2 KiB: on the default 4 KiB pages only one row fits per
            # page (half the file wasted); 16 KiB pages hold seven. Only affects a new file,
            # and must come before WAL mode.
            db.execute("PRAGMA page_size = 16384")
            with db:
                db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")
                db.execute("CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL)")
                db.execute("INSERT OR IGNORE INTO meta (k, v) VALUES ('model', ?)", (self.cache_id,))
            # Readers don't block the writer nor the writer readers; concurrent writers queue
            # on the busy timeout. (Persistent: set once per file, a no-op afterwards.)
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")  # with WAL: a crash loses at most the last write, never consistency
            db.execute("SELECT count(*) FROM meta").fetchone()  # a corrupt header shows here, not later
        except BaseException:
            db.close()
            raise
        return db

    def _set_aside_corrupt(self, exc: sqlite3.Error) -> None:
        """Move a corrupt database (and its WAL) aside so that a new one is built in its place."""
        aside = self.path.with_name(self.path.name + ".corrupt")
        for suffix in ("-wal", "-shm"):
            try:
                self.path.with_name(self.path.name + suffix).unlink()
            except FileNotFoundError:
                pass
        os.replace(self.path, aside)  # OSError: the caller disables the cache
        print(f"parallelcheck: warning: the embedding cache at {self.path} was damaged ({exc}); "
              f"moved it to {aside.name} and started a new one", file=sys.stderr)

    def _recover(self, exc: sqlite3.Error, action: str) -> bool:
        """After a failed read or write: rebuild a corrupt database (True: retry), or warn and
        go on without the cache (False)."""
        if _is_corrupt(exc) and self._db is not None:
            self._db.close()
            self._db = None
            try:
                self._set_aside_corrupt(exc)
            except OSError as err:
                self._disable(f"cannot {action} the embedding cache at {self.path} ({exc}; {err})")
                return False
            return self._connect() is not None
        if _is_full(exc):
            self._full = True  # keep reading what is there; stop writing
            _warn(str(self.path) + "#full", f"the disk holding the embedding cache at {self.path} is full ({exc})",
                  "; new vectors are not cached")
            return False
        self._disable(f"cannot {action} the embedding cache at {self.path} ({exc})")
        return False

    def _disable(self, message: str) -> None:
        self._disabled = True
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
            self._db = None
        _warn(str(self.path), message)

    def _lookup(self, keys: list[str]) -> dict[str, Any]:
        import numpy as np

        db = self._connect()
        found: dict[str, Any] = {}
        if db is None:
            return found
        try:
            return self._select(db, keys)
        except sqlite3.Error as exc:
            if self._recover(exc, "read") and self._db is not None:
                try:
                    return self._select(self._db, keys)
                except sqlite3.Error as again:
                    self._disable(f"cannot read the embedding cache at {self.path} ({again})")
            return {}

    def _select(self, db: sqlite3.Connection, keys: list[str]) -> dict[str, Any]:
        import numpy as np

        found: dict[str, Any] = {}
        expected = self.dim
        for lo in range(0, len(keys), _CHUNK):
            chunk = keys[lo : lo + _CHUNK]
            rows = db.execute(
                f"SELECT key, vec FROM vectors WHERE key IN ({','.join('?' * len(chunk))})", chunk
            ).fetchall()
            for key, blob in rows:
                # A torn or foreign row is a miss, not a crash.
                if not isinstance(blob, bytes) or not blob or len(blob) % 4:
                    continue
                vec = np.frombuffer(blob, dtype=np.float32)
                if expected is None:
                    expected = vec.shape[0]
                if vec.shape[0] == expected:
                    found[key] = vec
        return found

    def _store(self, keys: list[str], vectors: Any) -> None:
        db = self._db
        if db is None or self._full:
            return
        rows = [(k, v.tobytes()) for k, v in zip(keys, vectors)]
        try:
            with db:  # one transaction: all of this call's vectors or none
                db.executemany("INSERT OR REPLACE INTO vectors (key, vec) VALUES (?, ?)", rows)
        except sqlite3.Error as exc:
            if self._recover(exc, "write") and self._db is not None:
                try:
                    with self._db:
                        self._db.executemany("INSERT OR REPLACE INTO vectors (key, vec) VALUES (?, ?)", rows)
                except sqlite3.Error as again:
                    self._disable(f"cannot write the embedding cache at {self.path} ({again})")

    def close(self) -> None:
        """Close the database (reopened on the next encode)."""
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    def __enter__(self) -> CachedEmbedder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
