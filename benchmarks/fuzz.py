"""The long fuzz run: the properties of ``tests/test_fuzz.py`` with many more examples.

    python -m benchmarks.fuzz --examples 2000 [-k cli] [--seed N]

CI runs the same tests with a few tens of derandomised examples each; this runs each
property ``--examples`` times with random data (and hypothesis' example database under
``.hypothesis/``, so a failure found once is tried first next time). It prints, per
property, the examples tried and the outcome; a failure prints hypothesis' minimal
example, which goes into ``tests/fuzz_corpus/`` (see ``tests/test_fuzz_corpus.py``) once
fixed. Results: ``benchmarks/results/fuzz.json``.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from .common import machine, table, write_json

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.fuzz", description=__doc__.split("\n\n")[0])
    ap.add_argument("--examples", type=int, default=1000, help="examples per property (default 1000)")
    ap.add_argument("-k", dest="select", help="only the properties matching this pytest -k expression")
    ap.add_argument("--seed", type=int, help="hypothesis seed (default: random)")
    ap.add_argument("--json", type=Path, help="where to write the results (default results/fuzz.json)")
    args = ap.parse_args(argv)
    env = {**os.environ, "PARALLELCHECK_FUZZ_EXAMPLES": str(args.examples),
           "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_fuzz.py",
           "--hypothesis-show-statistics", "--maxfail=20"]
    if args.select:
        cmd += ["-k", args.select]
    if args.seed is not None:
        cmd += [f"--hypothesis-seed={args.seed}"]
    t = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t
    out = proc.stdout + proc.stderr
    rows = []
    # "tests/test_fuzz.py::test_x[...]:" then, per phase, "  - during generate phase (...):"
    # and "    - 1000 passing, 0 failing, and 12 invalid test cases"
    for m in re.finditer(r"^tests/test_fuzz\.py::(\S+?):?\s*$(.*?)(?=^tests/test_fuzz\.py::|\Z)", out, re.M | re.S):
        name, body = m.group(1), m.group(2)
        passing = sum(int(x) for x in re.findall(r"(\d+) passing", body))
        failing = sum(int(x) for x in re.findall(r"(\d+) failing", body))
        invalid = sum(int(x) for x in re.findall(r"(\d+) invalid", body))
        rows.append({"property": name, "passing": passing, "failing": failing, "invalid": invalid})
    failed = re.findall(r"^FAILED (\S+)", out, re.M)
    print(table(["property", "examples passing", "failing", "invalid (filtered)"],
                [[r["property"], r["passing"], r["failing"], r["invalid"]] for r in rows]))
    total = sum(r["passing"] + r["failing"] for r in rows)
    print(f"\n{total} examples in {wall:.0f} s; pytest exit {proc.returncode}")
    if failed:
        print("\nFAILED:\n" + "\n".join(failed))
        print("\n" + "\n".join(line for line in out.splitlines() if "Falsifying" in line or "reproduce_failure" in line
                               or line.startswith("E ")))
    path = write_json(args.json, "fuzz", {"machine": machine(), "examples_per_property": args.examples,
                                           "wall_s": round(wall, 1), "properties": rows, "failed": failed,
                                           "exit": proc.returncode})
    print(f"written to {path}")
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
