"""Precision on real, unedited documents: every error and warning, read by hand and labelled.

    python -m benchmarks.realdocs --data ../shared/data --cache-dir /tmp/pc-cache-realdocs

Corpora (each document checked as a user would, nothing injected):

- ``tldr``: ``DATA/tldr`` as a documentation tree, ``source="en"`` (:func:`parallelcheck.check_tree`);
- ``k8s``: the three pages of ``DATA/k8s-docs``, each as five Markdown files, ``source="en"``;
- ``ntrex-clean``: the 123 NTREX documents exactly as :mod:`benchmarks.defects` renders them
  (same paragraphs, seed 11, pivot en), with no defect injected: consensus blame;
- ``example``: ``examples/sme-ministry-briefing.5lang.txt``: consensus blame;
- ``python-docs-po``: the Python tutorial's PO catalogues of ``DATA/python-docs-po`` (ko, ja, fr,
  zh-cn), checked unit by unit against their English msgids as ``parallelcheck check ko=ko/tutorial
  ja=ja/tutorial fr=fr/tutorial zh=zh-cn/tutorial`` does; one document per tutorial file.

Each error/warning finding is looked up by fingerprint in ``benchmarks/labels/<corpus>.jsonl``
(``true``: a reviewer would act on it, ``false``: dismiss it, ``"unsure"``). Documents are
sorted by id; half A (even index) is the labelled, tuning half, half B (odd index) is held out.
Per corpus and half: precision of errors and of errors+warnings (unsure and unlabelled left out
of the ratio, and counted beside it), false errors per document, the share of documents that
fail the gate (any error) on false errors alone (every error of the document labelled false).
Every unlabelled finding is printed; a number never hides them.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import sys
from pathlib import Path

from .common import machine, table, write_json

ROOT = Path(__file__).resolve().parent.parent
LABELS = Path(__file__).parent / "labels"
EXAMPLE = ROOT / "examples" / "sme-ministry-briefing.5lang.txt"
CORPORA = ("example", "k8s", "tldr", "ntrex-clean", "python-docs-po")
PO_LANGS = (("ko", "ko"), ("ja", "ja"), ("fr", "fr"), ("zh", "zh-cn"))
K8S_LANGS = ("en", "ko", "ja", "zh", "fr")
NTREX_SEED = 11  # benchmarks.defects' default: the same paragraphs as its clean documents
JUDGED = ("error", "warning")


def _record(doc_id: str, file: str, f) -> dict:
    return {"document": doc_id, "file": file, "line": f.location.line, "rule": f.rule, "severity": f.severity,
            "language": f.language, "fingerprint": f.fingerprint, "message": f.message}


def run_example(path: Path, cache_dir) -> list[tuple[str, list[dict]]]:
    from parallelcheck.load import load_paths
    from parallelcheck.pipeline import check_documents

    report = check_documents(load_paths([str(path)]), cache_dir=cache_dir)
    return [(path.name, [_record(path.name, path.name, f) for f in report.findings if f.severity in JUDGED])]


def run_k8s(data: Path, cache_dir) -> list[tuple[str, list[dict]]]:
    from parallelcheck.load import load_paths
    from parallelcheck.pipeline import check_documents

    out = []
    for folder in sorted(p for p in data.iterdir() if p.is_dir()):
        docs = load_paths([str(folder / f"{lang}.md") for lang in K8S_LANGS if (folder / f"{lang}.md").exists()])
        report = check_documents(docs, source="en", cache_dir=cache_dir)
        out.append((folder.name, [_record(folder.name, f"{folder.name}/{f.language}.md", f)
                                  for f in report.findings if f.severity in JUDGED]))
    return out


def run_tldr(data: Path, cache_dir) -> list[tuple[str, list[dict]]]:
    import parallelcheck

    out = []
    for doc in parallelcheck.check_tree(data, source="en", jobs=1, cache_dir=cache_dir):
        files = {lang: _relative(path, data) for lang, path in doc.files}
        out.append((doc.path, [_record(doc.path, f.location.file or files.get(f.language, doc.path), f)
                               for f in doc.findings if f.severity in JUDGED]))
    return out


def _relative(path: str, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path


def ntrex_texts(data: Path) -> list[tuple[str, dict[str, str], str]]:
    """``[(document id, {lang: text}, pivot)]``: the defect benchmark's clean documents."""
    from .defects import load_parallel, paragraphs, render

    corpus = load_parallel(data)
    pivot = next(iter(corpus[0][1]))
    out = []
    for doc, lines in corpus:
        rng = random.Random(f"{NTREX_SEED}:{doc}")
        ranges = paragraphs(len(lines[pivot]), rng)
        out.append((doc, render({lang: [ls[a:b] for a, b in ranges] for lang, ls in lines.items()}), pivot))
    return out


def run_ntrex(data: Path, cache_dir) -> list[tuple[str, list[dict]]]:
    import parallelcheck

    out = []
    for doc, texts, pivot in ntrex_texts(data):
        report = parallelcheck.check(texts, pivot=pivot, cache_dir=cache_dir)
        out.append((doc, [_record(doc, doc, f) for f in report.findings if f.severity in JUDGED]))
    return out


def run_po(data: Path, cache_dir) -> list[tuple[str, list[dict]]]:
    from parallelcheck.units.inputs import load_units
    from parallelcheck.units.pipeline import check_units

    doc = load_units([f"{lang}={data / folder / 'tutorial'}" for lang, folder in PO_LANGS])
    report = check_units(doc, cache_dir=cache_dir)
    by_file: dict[str, list[dict]] = {}
    for folder in {folder for _, folder in PO_LANGS}:
        for path in (data / folder / "tutorial").glob("*.po"):
            by_file.setdefault(path.name, [])
    for f in report.findings:
        if f.severity in JUDGED:
            file = _relative(f.location.file, data) if f.location.file else ""
            by_file.setdefault(Path(file).name, []).append(_record(Path(file).name, file, f))
    return sorted(by_file.items())


def load_labels(path: Path) -> dict[str, dict]:
    labels = {}
    if path.exists():
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                item = json.loads(line)
                if item.get("label") not in (True, False, "unsure"):
                    raise SystemExit(f"{path}:{n}: label must be true, false or \"unsure\"")
                labels[item["fingerprint"]] = item
    return labels


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 3) if den else None


def score(documents: list[tuple[str, list[dict]]], labels: dict[str, dict]) -> dict:
    """Per half (A: even index of the sorted documents, B: odd) and both."""
    docs = sorted(documents, key=lambda d: d[0])
    halves: dict[str, dict] = {}
    unlabelled = []
    for name, pick in (("A", 0), ("B", 1), ("all", None)):
        chosen = [d for i, d in enumerate(docs) if pick is None or i % 2 == pick]
        c = collections.Counter()
        rules: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        for i, (doc_id, findings) in enumerate(chosen):
            c["documents"] += 1
            if pick is None:
                for f in findings:
                    f["half"] = "AB"[i % 2]
            error_labels = []
            for f in findings:
                lab = labels.get(f["fingerprint"], {}).get("label", None)
                key = {True: "true", False: "false", "unsure": "unsure", None: "unlabelled"}[lab]
                f["label"] = key
                c[f"{f['severity']}_{key}"] += 1
                c[f["severity"]] += 1
                rules[f["rule"]][f"{f['severity']}_{key}"] += 1
                if f["severity"] == "error":
                    error_labels.append(key)
                if key == "unlabelled" and name == "all":
                    unlabelled.append(f)
            c["failing"] += bool(error_labels)
            c["failing_on_false_alone"] += bool(error_labels) and all(k == "false" for k in error_labels)
        et, ef = c["error_true"], c["error_false"]
        wt, wf = c["warning_true"], c["warning_false"]
        halves[name] = {
            "documents": c["documents"], "errors": c["error"], "warnings": c["warning"],
            "counts": dict(sorted(c.items())),
            "error_precision": _ratio(et, et + ef),
            "error_warning_precision": _ratio(et + wt, et + ef + wt + wf),
            "false_errors_per_document": _ratio(ef, c["documents"]),
            "failing_on_false_alone": _ratio(c["failing_on_false_alone"], c["documents"]),
            "unsure": c["error_unsure"] + c["warning_unsure"],
            "unlabelled": c["error_unlabelled"] + c["warning_unlabelled"],
            "rules": {r: dict(sorted(v.items())) for r, v in sorted(rules.items())},
        }
    return {"halves": halves, "unlabelled": unlabelled,
            "findings": [f for _, fs in docs for f in fs]}


RUNNERS = {
    "example": lambda data, cache: run_example(EXAMPLE, cache),
    "k8s": lambda data, cache: run_k8s(data / "k8s-docs", cache),
    "tldr": lambda data, cache: run_tldr(data / "tldr", cache),
    "ntrex-clean": lambda data, cache: run_ntrex(data / "ntrex", cache),
    "python-docs-po": lambda data, cache: run_po(data / "python-docs-po", cache),
}


def run(data: Path, corpora=CORPORA, cache_dir=None, labels_dir: Path = LABELS, runners=None) -> dict:
    runners = runners or RUNNERS
    out = {}
    for name in corpora:
        if sys.stderr.isatty():
            print(f"{name}…", file=sys.stderr, flush=True)
        documents = runners[name](data, cache_dir)
        out[name] = score(documents, load_labels(labels_dir / f"{name}.jsonl"))
    return out


def rows(result: dict) -> list[list[object]]:
    out = []
    for name, res in result.items():
        for half in ("A", "B"):
            h = res["halves"][half]
            out.append([name, half, h["documents"], h["errors"], h["warnings"],
                        _show(h["error_precision"]), _show(h["error_warning_precision"]),
                        _show(h["false_errors_per_document"]), _show(h["failing_on_false_alone"]),
                        h["unsure"], h["unlabelled"]])
    return out


def rule_rows(result: dict) -> list[list[object]]:
    out = []
    for name, res in result.items():
        for rule, c in res["halves"]["all"]["rules"].items():
            out.append([name, rule] + [f"{c.get(f'{s}_true', 0)}/{c.get(f'{s}_false', 0)}/"
                                        f"{c.get(f'{s}_unsure', 0)}/{c.get(f'{s}_unlabelled', 0)}" for s in JUDGED])
    return out


def _show(x):
    return "–" if x is None else x


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--corpus", action="append", choices=CORPORA, help="only these corpora (repeatable)")
    ap.add_argument("--cache-dir", type=Path)
    ap.add_argument("--labels", type=Path, default=LABELS, help="folder of <corpus>.jsonl label files")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    result = run(args.data, tuple(args.corpus or CORPORA), args.cache_dir, args.labels)
    print("Real documents: precision of error/warning findings (half A labelled and tuned on, B held out)")
    print(table(["corpus", "half", "docs", "errors", "warnings", "P(error)", "P(error+warning)",
                 "false errors/doc", "docs failing on false errors", "unsure", "unlabelled"], rows(result)))
    print("\nPer rule (both halves), true/false/unsure/unlabelled:")
    print(table(["corpus", "rule", "errors", "warnings"], rule_rows(result)))
    total = sum(len(r["unlabelled"]) for r in result.values())
    print(f"\nunlabelled findings: {total}")
    for name, res in result.items():
        for f in res["unlabelled"]:
            print(json.dumps({"corpus": name, "fingerprint": f["fingerprint"], "rule": f["rule"],
                              "severity": f["severity"], "language": f["language"], "file": f["file"],
                              "line": f["line"], "message": f["message"][:200]}, ensure_ascii=False))
    payload = {"benchmark": "realdocs", "machine": machine(),
               "corpora": {k: {"halves": v["halves"], "findings": v["findings"]} for k, v in result.items()}}
    out = write_json(args.json, "realdocs", payload)
    print(f"\nwrote {out}")
    return payload


if __name__ == "__main__":
    main()
