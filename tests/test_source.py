"""Source-authoritative mode (``source=``, ``--source``): blame follows the source, not the majority.

The fixture is a short notice in five languages where ko, ja and zh follow an older revision
of the English source: they lack its last sentence of ¶1 and its whole ¶3, which fr has.
"""

import json
from pathlib import Path

import pytest

from parallelcheck import check
from parallelcheck.cli import main

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "source"
LANGS = ("en", "ko", "ja", "zh", "fr")


def _texts(*langs):
    return {lang: (FIXTURE / f"library.{lang}.txt").read_text(encoding="utf-8") for lang in langs}


def _gaps(report):
    return sorted((f.rule, f.language, f.location.paragraph, f.severity) for f in report.findings
                  if f.kind in ("missing", "truncated"))


@pytest.fixture(scope="module")
def consensus():
    return check(_texts(*LANGS))


@pytest.fixture(scope="module")
def by_source():
    return check(_texts(*LANGS), source="en")


def test_consensus_blames_nobody_for_content_most_versions_lack(consensus):
    # 2 of 5 versions have the sentence and the paragraph: no majority to side with
    assert _gaps(consensus) == []


def test_source_mode_blames_every_translation_that_lacks_source_content(by_source):
    assert _gaps(by_source) == sorted(
        [("PC102", lang, 1, "error") for lang in ("ko", "ja", "zh")]
        + [("PC101", lang, 2, "error") for lang in ("ko", "ja", "zh")]
    )
    for f in by_source.findings:
        if f.rule == "PC102":
            assert f.reference.language == "en" and f.reference.text.startswith("Late returns")
        if f.rule == "PC101":
            assert f.reference.text.startswith("Audio guides")
    assert by_source.pivot == "en"
    assert "|source:en|" in by_source.signature


def test_content_only_some_translations_have_is_added_on_them():
    report = check(_texts(*LANGS), source="ko")
    assert _gaps(report) == []  # ko, the source, is never blamed by the majority
    added = sorted((f.language, f.location.paragraph, f.severity) for f in report.findings if f.rule == "PC107")
    assert added == [("en", 1, "info"), ("en", 3, "info"), ("fr", 1, "info"), ("fr", 3, "info")]


def test_content_every_translation_has_is_a_warning_on_the_source():
    report = check(_texts("ko", "en", "fr"), source="ko")
    assert _gaps(report) == [("PC101", "ko", 2, "warning"), ("PC102", "ko", 1, "warning")]


def test_untranslated_is_never_reported_on_the_source():
    texts = _texts("en", "ko", "fr")
    # the source and a translation share one sentence: only the translation left it untranslated
    texts["ko"] = texts["ko"].replace("그룹 스터디룸은 안내 데스크에서 예약해야 한다.",
                                      "Group study rooms must be booked at the front desk.")
    report = check(texts, source="en")
    untranslated = [(f.language, f.location.paragraph) for f in report.findings if f.rule == "PC106"]
    assert untranslated == [("ko", 2)]


def test_cli_and_config_name_the_source(tmp_path, capsys):
    args = [f"{lang}={FIXTURE / f'library.{lang}.txt'}" for lang in LANGS]
    (tmp_path / "parallelcheck.toml").write_text('source = "en"\n', encoding="utf-8")
    code = main(["check", *args, "--config", str(tmp_path / "parallelcheck.toml"), "--format", "json", "--quiet"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1
    assert sorted((f["rule"], f["language"]) for f in data["findings"] if f["severity"] == "error") == sorted(
        [("PC101", lang) for lang in ("ko", "ja", "zh")] + [("PC102", lang) for lang in ("ko", "ja", "zh")])
    assert main(["check", *args, "--source", "de"]) == 2
    assert "source 'de' is not one of the versions" in capsys.readouterr().err
    assert main(["check", *args, "--source", "en", "--pivot", "ko"]) == 2


def test_locale_variants_are_checked_as_distinct_versions():
    texts = {"en": _texts("en")["en"], "zh-CN": _texts("zh")["zh"],
             "zh-TW": (FIXTURE / "library.zh-TW.txt").read_text(encoding="utf-8")}
    report = check(texts, source="en")
    assert [v.language for v in report.versions] == ["en", "zh-CN", "zh-TW"]
    assert _gaps(report) == sorted([(rule, lang, para, "error") for lang in ("zh-CN", "zh-TW")
                                    for rule, para in (("PC102", 1), ("PC101", 2))])
    assert not [f for f in report.findings if f.rule == "PC106"]  # zh-TW is Chinese, not untranslated


def test_a_version_following_another_revision_gets_one_summary(by_source):
    """PC108: past settings.revision's "many", one finding per version; the details at info."""
    from parallelcheck.settings import DEFAULT

    assert not [f for f in by_source.findings if f.rule == "PC108"]  # 2 paragraphs are not "many"
    report = check(_texts(*LANGS), source="en", settings=DEFAULT.replace("revision.min_paragraphs", 2))
    summaries = sorted((f.language, f.severity) for f in report.findings if f.rule == "PC108")
    assert summaries == [("ja", "error"), ("ko", "error"), ("zh", "error")]
    assert "2 of the document's 5 paragraphs differ from the en source (findings at ¶1, ¶2)" in next(
        f.message for f in report.findings if f.rule == "PC108")
    # the per-paragraph findings are still there, at info
    assert sorted((f.rule, f.language, f.severity) for f in report.findings if f.rule in ("PC101", "PC102")) == sorted(
        (rule, lang, "info") for lang in ("ko", "ja", "zh") for rule in ("PC101", "PC102"))
    assert report.exit_code("error") == 1


def test_source_mode_names_the_lost_list_items_as_consensus_mode_does():
    """The seed with English as the source: the Japanese ▲ list lost its 3rd item and most of
    its 4th. Segments are aligned with the source alone, where English-Japanese similarities
    are low throughout (the 3:1 merge looks like a good match); the consensus of the other
    translations is verification's second opinion, so the list is one PC103 naming both lost
    items — not a missing sentence plus a count warning."""
    from parallelcheck.load import load_paths
    from parallelcheck.pipeline import check_documents

    from .conftest import SEED

    report = check_documents(load_paths([str(SEED)]), source="en")
    errors = [(f.rule, f.language, f.location.paragraph) for f in report.findings if f.severity == "error"]
    assert errors == [("PC103", "ja", 3)]
    (lost,) = [f for f in report.findings if f.rule == "PC103"]
    assert lost.reference.language == "en" and "2 of 4 items" in lost.message
    assert "productive finance" in lost.reference.text and "technology loss assessment" in lost.reference.text
    assert not [f for f in report.findings if f.language == "ja" and f.rule in ("PC102", "PC205")]
