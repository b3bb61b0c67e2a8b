"""Every single-sentence deletion on the canonical example, one at a time.

For each non-pivot version of ``examples/sme-ministry-briefing.5lang.txt`` and each of its
sentences (not whole paragraphs, not list items), delete that sentence, check again, and
count it found when a new error or warning names that version and paragraph. Findings the
unedited example already has are not new.

    python -m benchmarks.seed_deletions [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "sme-ministry-briefing.5lang.txt"


def run() -> dict:
    import parallelcheck
    from parallelcheck.load import document_from_text, load_paths
    from parallelcheck.segment import segment_document

    docs = load_paths([str(SEED)])
    pivot = docs[0].language
    clean = parallelcheck.check_documents(docs)
    seen = {(f.rule, f.language, f.location.paragraph) for f in clean.findings}
    records = []
    for doc in docs[1:]:
        segmented = segment_document(doc)
        for seg in segmented.segments:
            if seg.kind != "sentence":
                continue
            paragraphs = [
                (p.text[: seg.start - p.start] + p.text[seg.end - p.start :]).strip() if p.index == seg.paragraph
                else p.text
                for p in segmented.paragraphs
            ]
            if not all(paragraphs):
                continue  # the sentence was the whole paragraph: a different defect
            edited = document_from_text(doc.language, "\n\n".join(paragraphs), f"<{doc.language}>")
            report = parallelcheck.check_documents([edited if d.language == doc.language else d for d in docs])
            new = [f for f in report.findings
                   if (f.rule, f.language, f.location.paragraph) not in seen and f.severity != "info"]
            found = any(f.language == doc.language and f.location.paragraph == seg.paragraph for f in new)
            records.append({"language": doc.language, "paragraph": seg.paragraph, "sentence": seg.index,
                            "found": found, "new_findings": [[f.rule, f.language, f.location.paragraph] for f in new],
                            "text": seg.text})
    return {"benchmark": "seed_deletions", "pivot": pivot, "records": records}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results" / "seed_deletions.json")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    result = run()
    result["seconds"] = round(time.perf_counter() - t0, 1)
    rows = result["records"]
    print(f"Single-sentence deletions on the example (pivot {result['pivot']}), {result['seconds']} s")
    print("| version | deletions | found |")
    print("|---|---|---|")
    for lang in dict.fromkeys(r["language"] for r in rows):
        mine = [r for r in rows if r["language"] == lang]
        print(f"| {lang} | {len(mine)} | {sum(r['found'] for r in mine)} |")
    print(f"| all | {len(rows)} | {sum(r['found'] for r in rows)} |")
    for r in rows:
        if not r["found"]:
            print(f"missed: {r['language']} ¶{r['paragraph']} «{r['text'][:70]}»")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
