"""Markdown documents end to end: prose defects found at the file's line, the non-prose
skeleton compared by PC207, and nothing reported about code, comments or front matter."""

import json

import pytest

import parallelcheck
from parallelcheck.cli import main
from parallelcheck.load import load_paths

from .conftest import FIXTURES

GUIDE = FIXTURES / "markdown"
LANGS = ("en", "fr", "ko")


def _texts(**edits):
    """The guide in three languages; ``edits`` maps a language to (old, new) replacements."""
    texts = {lang: (GUIDE / f"guide.{lang}.md").read_text(encoding="utf-8") for lang in LANGS}
    for lang, pairs in edits.items():
        for old, new in pairs:
            assert old in texts[lang], old
            texts[lang] = texts[lang].replace(old, new, 1)
    return texts


def _check(texts, **options):
    return parallelcheck.check(texts, input_format="markdown", **options)


def _line(text, needle):
    return text[: text.index(needle)].count("\n") + 1


def _in_non_prose(report, texts):
    """Findings whose span holds no prose character of its version (code, comments, markup)."""
    docs = {d.language: d.document for d in report.documents}
    out = []
    for f in report.findings:
        prose = docs[f.language].text[f.location.start : f.location.end]
        if f.rule != "PC207" and not any(ch.isalnum() for ch in prose):
            out.append(f)
    return out


def test_the_clean_guide_has_no_finding():
    texts = _texts()
    report = _check(texts)
    assert report.findings == ()


def test_the_same_files_read_as_plain_text_are_full_of_false_findings():
    # what the reader is for: front matter, comments and code compared as text
    report = parallelcheck.check(_texts())
    assert len([f for f in report.findings if f.severity in ("error", "warning")]) >= 3


def test_a_changed_command_is_pc207_at_its_line():
    texts = _texts(fr=[("dbtool verify {{chemin", "dbtool check {{chemin")])
    report = _check(texts)
    (f,) = report.findings
    assert (f.rule, f.kind, f.language, f.severity) == ("PC207", "code", "fr", "warning")
    assert f.location.line == _line(texts["fr"], "dbtool check")
    assert "dbtool check" in f.message and "dbtool verify" in f.message


def test_a_lost_inline_code_span_is_reported_but_not_one_written_without_backticks():
    lost = _texts(fr=[("Lancez\n`dbtool dump` sur le serveur", "Lancez\nla sauvegarde sur le serveur")])
    (f,) = _check(lost).findings
    assert (f.rule, f.language) == ("PC207", "fr") and "dbtool dump" in f.message
    plain = _texts(fr=[("Lancez\n`dbtool dump` sur", "Lancez\ndbtool dump sur")])
    assert _check(plain).findings == ()


def test_a_translated_placeholder_put_back_to_english_is_no_change():
    texts = _texts(ko=[("dbtool verify {{백업/파일.sql}}", "dbtool verify {{path/to/backup.sql}}")])
    assert _check(texts).findings == ()


def test_a_lost_placeholder_is_a_change():
    texts = _texts(ko=[("dbtool verify {{백업/파일.sql}}", "dbtool verify")])
    (f,) = _check(texts).findings
    assert (f.rule, f.language) == ("PC207", "ko")
    assert f.location.line == _line(texts["ko"], "dbtool verify")


def test_front_matter_numbers_are_not_compared_but_body_numbers_are():
    texts = _texts(fr=[("environ 20 minutes", "environ 25 minutes")])
    report = _check(texts)
    (f,) = report.findings
    assert (f.rule, f.language) == ("PC201", "fr")
    assert f.location.line == _line(texts["fr"], "La restauration prend")
    assert texts["fr"][f.location.start : f.location.end] == "25"


def test_a_dropped_sentence_is_found_at_the_files_line_and_nothing_in_code():
    texts = _texts(fr=[("Une sauvegarde copie toutes les tables de la base de données dans un seul fichier. ", "")])
    report = _check(texts)
    missing = [f for f in report.findings if f.kind == "missing"]
    assert missing and all(f.language == "fr" for f in missing)
    assert missing[0].location.line in (_line(texts["fr"], "Sauvegardes"), _line(texts["fr"], "Lancez"))
    assert "copies every table" in missing[0].reference.text
    assert not _in_non_prose(report, texts)


def test_a_lost_note_is_reported_once():
    texts = _texts(fr=[("{{< note >}}\nUne sauvegarde faite pendant que le serveur écrit peut manquer les dernières "
                        "transactions.\n{{< /note >}}\n\n", "")])
    report = _check(texts)
    # the note's shortcode is part of the lost paragraph: PC101 says it, PC207 does not repeat it
    assert [f.rule for f in report.findings if f.language == "fr"] == ["PC101"]
    assert not [f for f in report.findings if f.rule == "PC207"]


@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "text"])
def test_every_report_format_points_at_the_files_line(tmp_path, capsys, fmt):
    texts = _texts(fr=[("environ 20 minutes", "environ 25 minutes")])
    paths = []
    for lang, text in texts.items():
        p = tmp_path / f"guide.{lang}.md"
        p.write_text(text, encoding="utf-8")
        paths.append(str(p))
    out = tmp_path / f"report.{fmt}"
    assert main(["check", *paths, "--pivot", "en", "--no-config", "-q", "--format", f"{fmt}:{out}"]) == 1
    body = out.read_text(encoding="utf-8")
    line = _line(texts["fr"], "La restauration prend")
    if fmt == "json":
        (f,) = json.loads(body)["findings"]
        assert f["location"]["line"] == line
    elif fmt == "sarif":
        (r,) = json.loads(body)["runs"][0]["results"]
        assert r["locations"][0]["physicalLocation"]["region"]["startLine"] == line
    elif fmt == "github":
        assert f"line={line}," in body
    else:
        assert f"guide.fr.md:{line}:" in body


def test_cli_input_format_option(tmp_path):
    paths = []
    for lang, text in _texts().items():
        p = tmp_path / f"guide.{lang}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(str(p))
    assert main(["check", *paths, "--no-config", "-q", "--input-format", "markdown", "--format", "json:"
                 + str(tmp_path / "r.json")]) == 0
    docs = load_paths(paths, input_format="markdown")
    assert all(d.markup is not None for d in docs)


def test_html_report_shows_code_as_code_block_types_and_a_rule_filter():
    from parallelcheck.report import render

    texts = _texts(fr=[("dbtool verify {{chemin", "dbtool check {{chemin"), ("environ 20 minutes", "environ 25 minutes")])
    page = render(_check(texts), "html", quiet=True)
    assert 'id="side"' in page and 'id="heatmap"' in page  # --quiet is about the terminal only
    assert '<code class="np">`dbtool dump`</code>' in page
    assert '<pre class="code" lang="en" dir="ltr"><code>dbtool dump --all {{path/to/backup.sql}}' in page
    assert '<span class="bt" lang="en">list</span>' in page and '<span class="bt" lang="en">front-matter</span>' in page
    assert 'data-rule="PC207"' in page and 'data-rule="PC201"' in page and 'data-r="PC207"' in page


def test_references_quote_the_markdown_file_not_its_prose_view():
    texts = _texts(fr=[("Une sauvegarde copie toutes les tables de la base de données dans un seul fichier. Lancez\n"
                        "`dbtool dump` sur le serveur, comme le décrit le [guide d'exploitation]"
                        "(/fr/docs/operations/guide/#sauvegardes).", "Texte.")])
    report = _check(texts)
    refs = [f.reference.text for f in report.findings if f.language == "fr" and f.reference is not None]
    assert any("Run `dbtool dump` on the" in r for r in refs), refs


def _dropped_sentence(marker=""):
    """The guide with a sentence dropped from fr, and ``marker`` put before that paragraph."""
    texts = _texts(fr=[("Une sauvegarde copie toutes les tables de la base de données dans un seul fichier. ", "")])
    if marker:
        fr = texts["fr"]
        at = fr.index("Lancez")
        at = fr.rindex("\n\n", 0, at) + 2
        texts["fr"] = fr[:at] + marker + "\n\n" + fr[at:]
    return texts


def test_an_in_file_marker_suppresses_the_finding_a_reviewer_dismissed():
    plain = _check(_dropped_sentence())
    missing = [f.rule for f in plain.findings if f.language == "fr" and f.kind == "missing"]
    assert missing and plain.suppressed == 0
    for marker in (f"<!-- parallelcheck-disable {missing[0]} -->", "<!-- parallelcheck-disable-next PC1 -->",
                   "<!-- parallelcheck-disable -->"):
        report = _check(_dropped_sentence(marker))
        assert [f for f in report.findings if f.language == "fr" and f.kind == "missing"] == [], marker
        assert report.suppressed >= 1, marker
    # a marker for another rule, or one closed before the paragraph, changes nothing
    for marker in ("<!-- parallelcheck-disable PC207 -->",
                   "<!-- parallelcheck-disable PC1 -->\n\n<!-- parallelcheck-enable PC1 -->"):
        report = _check(_dropped_sentence(marker))
        assert [f.rule for f in report.findings if f.language == "fr" and f.kind == "missing"] == missing, marker


def test_marker_regions():
    from parallelcheck.suppress import regions

    src = ("a\n\n<!-- parallelcheck-disable PC104, PC2 -->\n\nb\n\n<!-- parallelcheck-enable PC104, PC2 -->\n\n"
           "<!-- parallelcheck-disable-next -->\n\nc c\nc\n\nd\n\n<!-- parallelcheck-disable PC106 -->\n\ne\n")
    got = [(src[s:e].strip().split("\n")[-1][:30], rules) for s, e, rules in regions(src)]
    assert got == [("b", ("PC104", "PC2")), ("c", None), ("e", ("PC106",))]
