"""Bounded memory and time on the largest inputs the README accepts (issue 15).

    python -m benchmarks.limits [--cases line-10mb,normal-20mb,...] [--guard-gb 4] [--timeout 900]

Each case writes its input files to a temporary directory and runs the command line on
them (``parallelcheck check ... --format json:FILE --quiet``, a fresh embedding cache) in a
child process under a hard address-space limit (``RLIMIT_AS``, ``--guard-gb``) and a
timeout, so a regression fails here instead of taking the machine down. It prints the
child's peak RSS and wall time; the target is at most 1 GB peak RSS and no case killed.

Cases (text from the committed NTREX fixture, ``tests/fixtures/ntrex``):

- ``line-10mb``: a Korean version of a few sentences against English that is one 10 MB line
  (``"word " * 2,000,000``: one paragraph, one segment).
- ``normal-20mb``: an English version of 20 MB (just under the file limit) of ordinary
  paragraphs — the fixture's sentences, repeated — against its short Korean counterpart.
- ``paragraphs-50k``: 50,000 one-word paragraphs in English against 50,000 in French.
- ``five-2mb``: five versions (ko, en, ja, zh, fr) of 2 MB each: the fixture's five documents
  repeated, one sentence per paragraph.

The repeated cases encode each distinct text once (the embedding cache dedupes within a
run), so their time is that of loading, segmenting, aligning and checking at full size plus
the distinct encodings; the bundled encoder's own throughput is in ``benchmarks.speed``.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .common import machine, table, write_json

FIXTURE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "ntrex" / "documents.json"
MAX_FILE = 20 * 1024 * 1024
TARGET_MB = 1024


def _lines() -> dict[str, list[list[str]]]:
    """Per language, the fixture documents as lists of lines."""
    docs = json.loads(FIXTURE.read_text(encoding="utf-8"))["documents"]
    out: dict[str, list[list[str]]] = {}
    for d in docs:
        for lang, lines in d["lines"].items():
            out.setdefault(lang, []).append(lines)
    return out


def _fill(paragraphs: list[str], size: int) -> str:
    """Paragraphs repeated (blank-line separated) up to ``size`` UTF-8 bytes."""
    parts, total, k = [], 0, 0
    while True:
        p = paragraphs[k % len(paragraphs)]
        n = len(p.encode("utf-8")) + 2
        if total + n > size:
            break
        parts.append(p)
        total += n
        k += 1
    return "\n\n".join(parts) + "\n"


def build_case(name: str, root: Path) -> list[str]:
    """Write the inputs of one case under ``root``; returns the CLI's INPUT arguments."""
    lines = _lines()

    def write(fname: str, text: str) -> str:
        (root / fname).write_text(text, encoding="utf-8")
        return str(root / fname)

    if name == "line-10mb":
        ko = write("ko.txt", "\n\n".join(lines["ko"][0][:4]) + "\n")
        en = write("en.txt", "word " * 2_000_000)
        return [f"ko={ko}", f"en={en}"]
    if name == "normal-20mb":
        paras = [" ".join(doc[i : i + 3]) for doc in lines["en"] for i in range(0, len(doc), 3)]
        en = write("en.txt", _fill(paras, MAX_FILE - 4096))
        ko = write("ko.txt", "\n\n".join(" ".join(doc[i : i + 3]) for doc in lines["ko"][:1]
                                          for i in range(0, len(doc), 3)) + "\n")
        return [f"ko={ko}", f"en={en}"]
    if name == "paragraphs-50k":
        en_words = sorted({w.strip(".,;:!?\"'()") for doc in lines["en"] for l in doc for w in l.split()} - {""})
        fr_words = sorted({w.strip(".,;:!?\"'()«»") for doc in lines["fr"] for l in doc for w in l.split()} - {""})
        en = write("en.txt", "\n\n".join(en_words[i % len(en_words)] for i in range(50_000)) + "\n")
        fr = write("fr.txt", "\n\n".join(fr_words[i % len(fr_words)] for i in range(50_000)) + "\n")
        return [f"en={en}", f"fr={fr}"]
    if name == "five-2mb":
        specs = []
        for lang in ("ko", "en", "ja", "zh", "fr"):
            paras = [l for doc in lines[lang] for l in doc]
            specs.append(f"{lang}=" + write(f"{lang}.txt", _fill(paras, 2 * 1024 * 1024)))
        return specs
    raise SystemExit(f"unknown case {name!r}")


CASES = ("line-10mb", "normal-20mb", "paragraphs-50k", "five-2mb")


def run_case(name: str, guard_gb: float, timeout: float) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"pc-limits-{name}-") as tmp:
        root = Path(tmp)
        inputs = build_case(name, root)
        size = sum(Path(s.split("=", 1)[1]).stat().st_size for s in inputs)
        out = root / "report.json"
        cmd = [sys.executable, "-m", "parallelcheck", "check", *inputs, "--quiet", "--no-config",
               "--format", f"json:{out}", "--cache-dir", str(root / "cache")]
        limit = int(guard_gb * 2**30)

        def guard() -> None:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

        t = time.perf_counter()
        proc = subprocess.Popen(cmd, preexec_fn=guard, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            _, stderr = proc.communicate(timeout=timeout)
            killed = False
        except subprocess.TimeoutExpired:
            proc.kill()
            _, stderr = proc.communicate()
            killed = True
        wall = time.perf_counter() - t
        # ru_maxrss of the children waited for so far: cases run one after another, and
        # RUSAGE_CHILDREN keeps the maximum, so each case is measured in a fresh process below.
        rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        findings = None
        if out.exists():
            report = json.loads(out.read_text(encoding="utf-8"))
            findings = len(report["findings"])
        return {
            "case": name, "input_mb": round(size / 2**20, 1), "exit": proc.returncode, "killed": killed,
            "wall_s": round(wall, 1), "peak_rss_mb": round(rss), "findings": findings,
            "stderr": stderr.decode("utf-8", "replace").strip()[-300:],
        }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.limits", description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", default=",".join(CASES), help=f"comma-separated, from {', '.join(CASES)}")
    ap.add_argument("--guard-gb", type=float, default=4.0, help="hard address-space limit per case (GiB)")
    ap.add_argument("--timeout", type=float, default=900, help="seconds per case before it is killed")
    ap.add_argument("--one", help=argparse.SUPPRESS)  # internal: run one case in this process's child
    ap.add_argument("--json", type=Path, help="where to write the results (default results/limits.json)")
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(run_case(args.one, args.guard_gb, args.timeout)))
        return 0
    rows = []
    for name in [c.strip() for c in args.cases.split(",") if c.strip()]:
        # One driver process per case, so RUSAGE_CHILDREN's maximum is that case's alone.
        driver = subprocess.run(
            [sys.executable, "-m", "benchmarks.limits", "--one", name, "--guard-gb", str(args.guard_gb),
             "--timeout", str(args.timeout)],
            capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent,
        )
        if driver.returncode != 0:
            raise SystemExit(f"{name}: driver failed: {driver.stderr.strip()[-500:]}")
        row = json.loads(driver.stdout.strip().splitlines()[-1])
        rows.append(row)
        print(f"{name}: exit {row['exit']}, {row['wall_s']} s, peak {row['peak_rss_mb']} MB"
              + (f" ({row['stderr']})" if row["exit"] not in (0, 1) else ""), file=sys.stderr, flush=True)
    headers = ["case", "input MB", "exit", "wall s", "peak RSS MB", "findings", "≤ 1 GB, not killed"]
    print(table(headers, [[r["case"], r["input_mb"], r["exit"], r["wall_s"], r["peak_rss_mb"], r["findings"],
                           "yes" if r["peak_rss_mb"] <= TARGET_MB and not r["killed"] and r["exit"] in (0, 1)
                           else "NO"] for r in rows]))
    path = write_json(args.json, "limits", {"machine": machine(), "guard_gb": args.guard_gb, "cases": rows})
    print(f"\nwritten to {path}")
    return 0 if all(r["peak_rss_mb"] <= TARGET_MB and not r["killed"] and r["exit"] in (0, 1) for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
