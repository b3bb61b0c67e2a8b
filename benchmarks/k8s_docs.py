"""The Kubernetes pages in five languages, read as Markdown: what is reported, where.

    python -m benchmarks.k8s_docs --data ../shared/data/k8s-docs

Each page (a folder with ``en.md``, ``ko.md``, ``ja.md``, ``zh.md``, ``fr.md``) is checked
with ``--pivot en``. For every finding the table says whether its span holds prose (a
finding whose span is only front matter, an HTML comment, a code block or a shortcode is a
reader bug, PC207 excepted), and whether its line is right: the line the finding names is
the file line where its span's first prose character is. Every error and warning is
listed, so the known gaps of the data's SOURCE.md can be looked up in the output.
"""

from __future__ import annotations

import argparse
import collections
from pathlib import Path

from .common import machine, table, write_json

LANGS = ("en", "ko", "ja", "zh", "fr")


def run(data: Path, cache_dir: Path | None) -> dict:
    from parallelcheck.load import load_paths
    from parallelcheck.pipeline import check_documents

    pages, rows = [], []
    for folder in sorted(p for p in data.iterdir() if p.is_dir()):
        docs = load_paths([str(folder / f"{lang}.md") for lang in LANGS if (folder / f"{lang}.md").exists()])
        report = check_documents(docs, pivot="en", cache_dir=cache_dir)
        by = {d.language: d.document for d in report.documents}
        counts = collections.Counter()
        findings = []
        for f in report.findings:
            doc = by[f.language]
            prose = doc.text[f.location.start : f.location.end]
            first = next((k for k, ch in enumerate(prose) if not ch.isspace()), None)
            in_prose = f.rule == "PC207" or any(ch.isalnum() for ch in prose)
            line_ok = first is None or doc.line_of(f.location.start + first) == f.location.line or (
                f.rule == "PC207")
            counts[f.severity] += 1
            counts["non_prose"] += not in_prose
            counts["wrong_line"] += not line_ok
            counts[f"rule_{f.rule}"] += 1
            findings.append({"rule": f.rule, "severity": f.severity, "language": f.language,
                             "line": f.location.line, "message": f.message, "in_prose": in_prose, "line_ok": line_ok})
        pages.append({"page": folder.name, "counts": dict(counts), "findings": findings})
        rules = ", ".join(f"{k[5:]} {v}" for k, v in sorted(counts.items()) if k.startswith("rule_"))
        rows.append([folder.name, counts["error"], counts["warning"], counts["info"], counts["non_prose"],
                     counts["wrong_line"], rules])
    return {"pages": pages, "rows": rows}


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data/k8s-docs"))
    ap.add_argument("--cache-dir", type=Path)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    result = run(args.data, args.cache_dir)
    print(table(["page", "errors", "warnings", "info", "in non-prose spans", "wrong line", "by rule"], result["rows"]))
    for page in result["pages"]:
        print(f"\n{page['page']}:")
        for f in page["findings"]:
            if f["severity"] != "info":
                print(f"  {f['language']}:{f['line']} {f['rule']} {f['severity']}: {f['message'][:160]}")
    payload = {"benchmark": "k8s_docs", "machine": machine(), **result}
    out = write_json(args.json, "k8s_docs", payload)
    print(f"\nwrote {out}")
    return payload


if __name__ == "__main__":
    main()
