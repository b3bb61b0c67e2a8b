"""On-disk embedding cache: an unchanged segment is never encoded twice.

One SQLite file per model id, keyed by the SHA-256 of the exact text. SQLite gives atomic
writes and safe concurrent readers for free; a cache that can't be opened or written is
skipped with one warning, never an error.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def default_cache_dir() -> Path:
    env = os.environ.get("PARALLELCHECK_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return Path(xdg) / "parallelcheck" if xdg else Path.home() / ".cache" / "parallelcheck"


class CachedEmbedder:
    def __init__(self, inner: Any, cache_dir: str | Path | None = None) -> None:
        self.inner = inner
        self.name = inner.name
        self.cache_dir = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        self.hits = 0
        self.misses = 0
        self._db: sqlite3.Connection | None = None
        self._disabled = False

    def info(self) -> dict[str, Any]:
        return self.inner.info()

    @property
    def stats(self) -> dict[str, int]:
        return {"hits": self.hits, "misses": self.misses}

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is not None or self._disabled:
            return self._db
        safe = re.sub(r"[^A-Za-z0-9._-]+", "_", self.name)[:80]
        digest = hashlib.sha256(self.name.encode()).hexdigest()[:8]
        path = self.cache_dir / f"{safe}-{digest}.sqlite3"
        try:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, timeout=30)
            db.execute("CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, vec BLOB NOT NULL)")
            db.commit()
        except (OSError, sqlite3.Error) as exc:
            print(f"parallelcheck: warning: embedding cache disabled ({path}: {exc})", file=sys.stderr)
            self._disabled = True
            return None
        self._db = db
        return db

    def encode(self, texts: Sequence[str]):
        import numpy as np

        texts = list(texts)
        keys = [hashlib.sha256(t.encode("utf-8")).digest() for t in texts]
        found: dict[bytes, np.ndarray] = {}
        db = self._connect()
        unique = list(dict.fromkeys(keys))
        if db is not None:
            try:
                for lo in range(0, len(unique), 500):
                    chunk = unique[lo : lo + 500]
                    rows = db.execute(
                        f"SELECT key, vec FROM vectors WHERE key IN ({','.join('?' * len(chunk))})", chunk
                    ).fetchall()
                    for key, blob in rows:
                        found[key] = np.frombuffer(blob, dtype=np.float32)
            except sqlite3.Error:
                found = {}
        todo = [k for k in unique if k not in found]
        self.hits += len(unique) - len(todo)
        self.misses += len(todo)
        if todo:
            text_of = dict(zip(keys, texts))
            vecs = np.asarray(self.inner.encode([text_of[k] for k in todo]), dtype=np.float32)
            new = dict(zip(todo, vecs))
            found.update(new)
            if db is not None:
                try:
                    with db:
                        db.executemany(
                            "INSERT OR REPLACE INTO vectors (key, vec) VALUES (?, ?)",
                            [(k, v.tobytes()) for k, v in new.items()],
                        )
                except sqlite3.Error as exc:
                    print(f"parallelcheck: warning: could not write the embedding cache ({exc})", file=sys.stderr)
        if not texts:
            return self.inner.encode([])
        return np.stack([found[k] for k in keys])
