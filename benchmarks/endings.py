"""Mid-phrase endings (PC104's strongest truncation signal): how often complete sentences end
that way, and how often the same sentences cut at half their length do.

    python -m benchmarks.endings --data ../shared/data/ntrex

Every line of the parallel set, per language: complete = the lines that end with a full
stop (or ?/!); cut = every line cut as benchmarks.defects cuts a sentence. See
parallelcheck.segment.endings.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from parallelcheck.segment.endings import ends_mid_phrase

from .common import machine, table, write_json
from .defects import STOPS, cut_in_half, load_parallel


def run(data: Path) -> dict:
    corpus = load_parallel(data)
    out = {}
    for lang in corpus[0][1]:
        lines = [line.strip() for _, doc in corpus for line in doc[lang] if line.strip()]
        complete = [line for line in lines if line.endswith(STOPS)]
        out[lang] = {
            "lines": len(lines),
            "complete": len(complete),
            "complete_flagged": sum(ends_mid_phrase(line, lang) for line in complete),
            "cut_flagged": sum(ends_mid_phrase(cut_in_half(line, lang), lang) for line in lines),
        }
    return out


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data/ntrex"))
    ap.add_argument("--json", type=Path, help="where to write results (default benchmarks/results/endings.json)")
    args = ap.parse_args(argv)
    result = run(args.data)
    rows = [[lang, r["lines"], f"{r['complete_flagged']}/{r['complete']} = {100 * r['complete_flagged'] / max(r['complete'], 1):.1f}%",
             f"{r['cut_flagged']}/{r['lines']} = {100 * r['cut_flagged'] / max(r['lines'], 1):.0f}%"]
            for lang, r in result.items()]
    print(f"Mid-phrase endings, {args.data}")
    print(table(["language", "lines", "complete sentences flagged", "cut sentences flagged"], rows))
    out = write_json(args.json, "endings", {"benchmark": "endings", "machine": machine(), "languages": result})
    print(f"wrote {out}")
    return result


if __name__ == "__main__":
    main()
