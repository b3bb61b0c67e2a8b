"""The same input gives byte-identical JSON across processes: another PYTHONHASHSEED,
another thread count, and the embedding cache cold, warm or off (real processes, the real
bundled model, on the committed example)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "sme-ministry-briefing.5lang.txt"


def _run(tmp_path: Path, name: str, seed: str, *options: str) -> bytes:
    out = tmp_path / f"{name}.json"
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run(
        [sys.executable, "-m", "parallelcheck", "check", str(EXAMPLE), "--no-config", "--quiet",
         "--format", f"json:{out}", *options],
        env=env, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 1, proc.stderr  # the example's known error
    return out.read_bytes()


def test_json_is_byte_identical_across_seeds_threads_and_cache_states(tmp_path):
    cache = tmp_path / "cache"
    # Each run differs from the first in hash seed and thread count, and in cache state:
    # cold (a fresh cache is filled), warm (every vector read back), off.
    cold = _run(tmp_path, "cold", "1", "--threads", "1", "--cache-dir", str(cache))
    assert any(cache.rglob("vectors.sqlite3"))
    warm = _run(tmp_path, "warm", "2", "--threads", "2", "--cache-dir", str(cache))
    off = _run(tmp_path, "off", "random", "--threads", "2", "--no-cache")
    assert b'"rule": "PC103"' in cold
    assert warm == cold
    assert off == cold
