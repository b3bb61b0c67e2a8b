"""Smoke runs of benchmarks.realdocs on committed inputs only (the example, the NTREX fixture).

The full run (``python -m benchmarks.realdocs --data ../shared/data``) reads ../shared; these
keep the harness honest: halves, label lookup by fingerprint, and no unlabelled finding dropped.
"""

import json
from pathlib import Path

import pytest

from benchmarks import realdocs

FIXTURE = Path(__file__).parent / "fixtures" / "ntrex" / "documents.json"


def _rec(doc, severity, fp, rule="PC101"):
    return {"document": doc, "file": doc, "line": 1, "rule": rule, "severity": severity, "language": "fr",
            "fingerprint": fp, "message": "m"}


def test_scores_halves_and_counts_documents_failing_on_false_errors_alone():
    docs = [("d0", [_rec("d0", "error", "f-false"), _rec("d0", "warning", "w-true")]),
            ("d1", [_rec("d1", "error", "e-true"), _rec("d1", "error", "f-false")]),
            ("d2", [_rec("d2", "error", "nolabel")]),
            ("d3", [])]
    labels = {"f-false": {"label": False}, "w-true": {"label": True}, "e-true": {"label": True}}
    result = realdocs.score(docs, labels)
    a, b, both = (result["halves"][h] for h in ("A", "B", "all"))
    assert a["documents"] == b["documents"] == 2  # A: d0, d2; B: d1, d3
    assert a["error_precision"] == 0.0 and a["error_warning_precision"] == 0.5
    assert a["failing_on_false_alone"] == 0.5  # d0 only: d2's error is unlabelled, not false
    assert a["unlabelled"] == 1 and [f["fingerprint"] for f in result["unlabelled"]] == ["nolabel"]
    assert b["error_precision"] == 0.5 and b["false_errors_per_document"] == 0.5
    assert b["failing_on_false_alone"] == 0.0  # d1 has a true error besides the false one
    assert both["rules"]["PC101"] == {"error_false": 2, "error_true": 1, "error_unlabelled": 1,
                                      "warning_true": 1}


def test_the_example_run_lists_every_unlabelled_finding(tmp_path, capsys):
    payload = realdocs.main(["--corpus", "example", "--labels", str(tmp_path), "--json", str(tmp_path / "r.json")])
    findings = payload["corpora"]["example"]["findings"]
    assert findings and all(f["severity"] in ("error", "warning") for f in findings)
    half = payload["corpora"]["example"]["halves"]["A"]
    assert half["error_precision"] is None and half["unlabelled"] == len(findings)
    out = capsys.readouterr().out
    assert f"unlabelled findings: {len(findings)}" in out
    assert all(f["fingerprint"] in out for f in findings)


def test_the_ntrex_runner_renders_the_defect_benchmarks_clean_documents(tmp_path):
    """The fixture's documents, rendered as benchmarks.defects renders them, in id order; the
    clean fixture documents raise no error or warning (measured), so nothing is left to label."""
    docs = json.loads(FIXTURE.read_text(encoding="utf-8"))["documents"]
    data = tmp_path / "ntrex"
    data.mkdir()
    for lang in docs[0]["lines"]:
        (data / f"{lang}.txt").write_text("\n".join(s for d in docs for s in d["lines"][lang]) + "\n", encoding="utf-8")
    (data / "DOCUMENT_IDS.tsv").write_text("\n".join(d["id"] for d in docs for _ in d["lines"]["en"]) + "\n",
                                           encoding="utf-8")
    texts = realdocs.ntrex_texts(data)
    assert [d for d, _, _ in texts] == [d["id"] for d in docs] and texts[0][2] == "en"
    assert all(t[1]["en"].count("\n\n") == t[1]["ja"].count("\n\n") > 0 for t in texts)
    documents = realdocs.run_ntrex(data, tmp_path / "cache")
    assert [f for _, fs in documents for f in fs] == []
    both = realdocs.score(documents, {})["halves"]["all"]
    assert both["documents"] == len(docs) and both["failing_on_false_alone"] == 0.0


@pytest.mark.parametrize("path", sorted((Path(realdocs.LABELS)).glob("*.jsonl")), ids=lambda p: p.name)
def test_committed_label_files_are_well_formed(path):
    lines = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert lines
    for item in lines:
        assert item["label"] in (True, False, "unsure") and item["reason"].strip()
        assert {"fingerprint", "rule", "language", "file", "line"} <= set(item)
    assert len({x["fingerprint"] for x in lines}) == len(lines)
