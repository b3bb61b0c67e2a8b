"""Exchange files on real catalogues: findings per rule and language, time, and the precision
of the hand-labelled sample (benchmarks/labels/).

    python -m benchmarks.units --data ../shared/data/python-docs-po

``--data`` holds one folder per language (``ko/``, ``ja/``, ``zh-cn/``…), each with the
catalogues of one template (matched by their path inside the folder); the msgids are English.
Labels (``--labels``, default benchmarks/labels/python-docs-po.jsonl) are matched by fingerprint:
a labelled finding that is no longer reported counts as gone, a new finding as unlabelled.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from .common import Timer, machine, peak_rss_mb, table, write_json

LABELS = Path(__file__).parent / "labels" / "python-docs-po.jsonl"


def run(data: Path, labels: Path | None, cache_dir: str | None = None) -> dict:
    from parallelcheck.units.inputs import load_units
    from parallelcheck.units.pipeline import check_units

    folders = sorted(p for p in data.iterdir() if p.is_dir() and any(p.rglob("*.po")))
    timer = Timer()
    with timer("load"):
        doc = load_units([str(p) for p in folders])
    with timer("check"):
        report = check_units(doc, cache_dir=cache_dir, threads=1)
    counts = Counter((f.rule, f.language) for f in report.findings)
    labelled = {}
    if labels is not None and labels.exists():
        for line in labels.read_text(encoding="utf-8").splitlines():
            if line.strip():
                e = json.loads(line)
                labelled[e["fingerprint"]] = e
    reported = {f.fingerprint for f in report.findings}
    judged = [e for fp, e in labelled.items() if fp in reported]
    by_rule: dict[str, Counter] = {}
    for e in judged:
        by_rule.setdefault(e["rule"], Counter())[str(e["label"]).lower()] += 1
    return {
        "units": len(doc.units),
        "languages": [doc.source_language, *doc.languages],
        "findings": {f"{r} {lang}": n for (r, lang), n in sorted(counts.items())},
        "labels": {"labelled": len(labelled), "still_reported": len(judged),
                   "gone": len(labelled) - len(judged), "by_rule": {r: dict(c) for r, c in sorted(by_rule.items())}},
        "seconds": dict(timer.seconds),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data/python-docs-po"))
    ap.add_argument("--labels", type=Path, default=LABELS)
    ap.add_argument("--cache-dir", help="embedding cache directory")
    ap.add_argument("--json", type=Path, help="where to write results (default benchmarks/results/units.json)")
    args = ap.parse_args(argv)
    result = run(args.data, args.labels, args.cache_dir)
    langs = result["languages"][1:]
    rules = sorted({k.split()[0] for k in result["findings"]})
    rows = [[r, *[result["findings"].get(f"{r} {lang}", 0) for lang in langs],
             sum(result["findings"].get(f"{r} {lang}", 0) for lang in langs)] for r in rules]
    print(f"Exchange files, {args.data}: {result['units']} units, {', '.join(result['languages'])}")
    print(table(["rule", *langs, "all"], rows))
    lab = result["labels"]
    print(f"\nlabels: {lab['labelled']} ({lab['still_reported']} still reported, {lab['gone']} gone)")
    print(table(["rule", "true", "false", "unsure"],
                [[r, c.get("true", 0), c.get("false", 0), c.get("unsure", 0)] for r, c in lab["by_rule"].items()]))
    print(f"\ntime: {', '.join(f'{k} {v:.1f} s' for k, v in result['seconds'].items())}; "
          f"peak RSS {result['peak_rss_mb']} MB")
    out = write_json(args.json, "units", {"benchmark": "units", "machine": machine(), **result})
    print(f"wrote {out}")
    return result


if __name__ == "__main__":
    main()
