"""Smoke runs of the benchmark harnesses on the committed NTREX fixture (no ../shared).

The full runs are `python -m benchmarks.align|defects|speed` (see README); these keep the
harnesses from rotting: they must load the data formats, run the real pipeline and score.
"""

import json
from pathlib import Path

import pytest

from benchmarks import align, defects, endings, speed

FIXTURE = Path(__file__).parent / "fixtures" / "ntrex" / "documents.json"
DOCS = json.loads(FIXTURE.read_text(encoding="utf-8"))["documents"]


@pytest.fixture(scope="module")
def parallel_dir(tmp_path_factory) -> Path:
    """The fixture documents as a generic aligned-lines set: <lang>.txt + DOCUMENT_IDS.tsv."""
    d = tmp_path_factory.mktemp("parallel")
    langs = list(DOCS[0]["lines"])
    for lang in langs:
        (d / f"{lang}.txt").write_text("\n".join(s for doc in DOCS for s in doc["lines"][lang]) + "\n", encoding="utf-8")
    ids = [doc["id"] for doc in DOCS for _ in doc["lines"]["en"]]
    (d / "DOCUMENT_IDS.tsv").write_text("\n".join(ids) + "\n", encoding="utf-8")
    return d


def test_alignment_scoring_follows_the_strict_and_lax_convention():
    gold = [((0,), (0,)), ((1, 2), (1,)), ((3,), ()), ((4,), (2,))]
    test = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), ()), ((4,), (2,))]
    s = align.score([(gold, test)])
    # strict: 3 of 5 predicted groups are gold groups (the 1-0 one counts: gold has it);
    # recall over the 3 gold groups with two sides: 2 found exactly.
    assert s["strict_p"] == pytest.approx(3 / 5)
    assert s["strict_r"] == pytest.approx(2 / 3)
    # lax: (1,)->(1,) overlaps gold (1,2)->(1,) on both sides; (2,)->() overlaps nothing.
    assert s["lax_p"] == pytest.approx(4 / 5)
    assert s["lax_r"] == pytest.approx(1.0)


def test_alignment_benchmark_runs_on_a_gold_set(tmp_path):
    """A Text+Berg-shaped set made from one fixture document (en as 'de', fr), with two
    French sentences joined so that the gold has a 2-1 group."""
    doc = DOCS[0]["lines"]
    src, tgt = list(doc["en"]), list(doc["fr"])
    tgt[3:5] = [tgt[3] + " " + tgt[4]]
    gold = [f"[{i}]:[{i}]" for i in range(3)] + ["[3,4]:[3]"] + [f"[{i}]:[{i - 1}]" for i in range(5, len(src))]
    for sub, lines in (("de", src), ("fr", tgt), ("gold", gold)):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "001").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "align.json"
    payload = align.main(["--data", str(tmp_path), "--json", str(out)])
    result = payload["results"]["parallelcheck"]["all"]
    assert result["strict_f1"] >= 0.9  # a clean translation with one merge: nearly all right
    assert json.loads(out.read_text(encoding="utf-8"))["documents"] == ["001"]


def test_defect_benchmark_injects_and_scores(parallel_dir, tmp_path):
    out = tmp_path / "defects.json"
    payload = defects.main(["--data", str(parallel_dir), "--docs", "1", "--json", str(out), "--cache-dir", str(tmp_path / "cache")])
    kinds = {r["kind"] for r in payload["records"]}
    assert {"del_sent", "del_para", "trunc", "replace", "untrans", "split", "merge", "join"} <= kinds
    found = {r["kind"]: r["found"] for r in payload["records"]}
    assert found["del_para"] and found["untrans"]  # the easy ones must be found
    assert payload["parts"]["tuning"]["documents"] == 1


def test_endings_benchmark_counts_complete_and_cut_sentences(parallel_dir, tmp_path):
    result = endings.main(["--data", str(parallel_dir), "--json", str(tmp_path / "endings.json")])
    assert set(result) == set(DOCS[0]["lines"])
    for counts in result.values():
        assert counts["lines"] == sum(len(d["lines"]["en"]) for d in DOCS)
        assert counts["complete_flagged"] < counts["cut_flagged"]  # cut text ends mid-phrase far more often


def test_a_joined_sentence_loses_only_its_final_stop():
    import random

    base = {"en": [["Title."], ["One. ", "Two."], ["Three.", "Four.", "Five"]],
            "zh": [["标题。"], ["一。", "二。"], ["三。", "四。", "五"]]}
    paras, lang, pi = defects.inject("join", base, random.Random(3), None, "en")
    assert lang == "zh" and pi in (1, 2)
    changed = [(i, j) for i, p in enumerate(paras["zh"]) for j, s in enumerate(p) if s != base["zh"][i][j]]
    assert len(changed) == 1 and changed[0][0] == pi
    i, j = changed[0]
    assert j < len(base["zh"][i]) - 1 and base["zh"][i][j] == paras["zh"][i][j] + "。"


def test_generated_documents_group_every_language_the_same_way(parallel_dir):
    corpus = defects.load_parallel(parallel_dir)
    assert [doc for doc, _ in corpus] == [d["id"] for d in DOCS]
    texts = defects.render({lang: [lines[a:b] for a, b in defects.paragraphs(len(lines), __import__("random").Random(1))]
                            for lang, lines in corpus[0][1].items()})
    counts = {lang: t.count("\n\n") for lang, t in texts.items()}
    assert len(set(counts.values())) == 1


def test_speed_benchmark_times_every_stage(parallel_dir, tmp_path):
    out = tmp_path / "speed.json"
    payload = speed.main(["--data", str(parallel_dir), "--sizes", "40", "--languages", "2", "--languages-size", "40",
                          "--json", str(out)])
    assert len(payload["runs"]) == 2
    cold, warm = payload["runs"][0]["cold"], payload["runs"][0]["warm"]
    assert set(speed.STAGES) <= set(cold["stages"])
    assert cold["languages"] == 5 and payload["runs"][1]["cold"]["languages"] == 2
    assert cold["segments"] >= 5 * 40 and cold["model_load_s"] > 0
    assert warm["model_load_s"] is None


def test_seed_deletion_benchmark_finds_deleted_sentences(tmp_path, capsys):
    from benchmarks import seed_deletions

    out = tmp_path / "seed.json"
    seed_deletions.main(["--json", str(out)])
    records = json.loads(out.read_text(encoding="utf-8"))["records"]
    assert {r["language"] for r in records} == {"en", "ja", "zh", "fr"} and len(records) == 30
    found = [r for r in records if r["found"]]
    # measured 30 of 30 (benchmarks/RESULTS.md); fewer is a regression
    assert len(found) >= 30
    assert all(any(x[1] == r["language"] for x in r["new_findings"]) for r in found)
    assert "| all | 30 |" in capsys.readouterr().out


def test_units_harness_on_the_committed_catalogues(tmp_path):
    from benchmarks import units

    result = units.main(["--data", str(Path(__file__).parent / "fixtures" / "units" / "po"),
                         "--labels", str(tmp_path / "none.jsonl"), "--json", str(tmp_path / "units.json")])
    assert result["languages"] == ["en", "fr", "ja", "ko", "zh"]
    assert result["findings"]["PC301 ko"] == 1 and result["findings"]["PC302 ko"] == 1
    assert json.loads((tmp_path / "units.json").read_text(encoding="utf-8"))["units"] == result["units"]


def test_tree_benchmark_smoke(tmp_path, capsys):
    """benchmarks.tree on a small tldr-style tree: one backend, cold/warm/incremental, same JSON."""
    from benchmarks import tree

    from .conftest import split_seed

    (tmp_path / "seed").mkdir()
    data = tmp_path / "tldr"
    for lang, p in split_seed(tmp_path / "seed").items():
        folder = data / ("pages" if lang == "en" else f"pages.{lang}") / "common"
        folder.mkdir(parents=True)
        p.rename(folder / "briefing.md")
    results = tmp_path / "tree.json"
    assert tree.main(["--data", str(data), "--k8s", str(tmp_path / "none"), "--cache-root", str(tmp_path / "c"),
                      "--backends", "jobs 1", "--results", str(results)]) == 0
    out = capsys.readouterr().out
    assert "every report byte-identical: True" in out
    rows = json.loads(results.read_text(encoding="utf-8"))["tldr"]
    assert [(r["phase"], r["documents"], r["pages"]) for r in rows] == [
        ("cold", 1, 5), ("warm", 1, 5), ("incremental", 1, 5)]
