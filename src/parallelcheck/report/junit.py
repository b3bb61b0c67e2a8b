"""JUnit XML, for CI systems that show test results (GitLab, Jenkins, Azure, CircleCI…).

Shape: one ``<testsuite>`` per version (named by its language, pivot first), one
``<testcase>`` per registered check rule in each (classname ``parallelcheck.<lang>``, name
``"<rule id> <rule name>"``), so a dashboard shows every rule that ran for every version and
tracks a rule's history per language. Each suite's ``<properties>`` name the language, the
document (its key, as in SARIF's ``automationDetails``), whether it is the pivot, its source
(relative to the working directory when under it) and its paragraph and segment counts.

Failure policy, matching the default gate (``--fail-on error``): a rule **fails** in a
version when it found at least one *error* there; the ``<failure>`` (``type`` = the rule id)
lists those findings as ``file:line: message`` plus the reference text. *Warnings* and
*info* never fail a test case: they are listed in the case's ``<system-out>``, so they are
visible without turning the build red. A finding of a rule that is not registered gets a
test case of its own. ``<testsuites>`` carries the totals (``tests``, ``failures``,
``errors`` is always 0: parallelcheck reports a run it cannot finish by its exit code, not
by a test error). No ``time`` or ``timestamp`` attributes: equal reports give equal bytes.

Document text is untrusted: characters that XML 1.0 cannot carry (C0 controls other than tab
and line breaks, lone surrogates, U+FFFE/U+FFFF) are written as visible ``\\xNN`` /
``\\uNNNN`` escapes; the XML serializer escapes markup characters.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..model import Finding, Report
from .common import language_order, shorten, sorted_findings
from .locations import display_path, document_key
from .text import summary_line

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` with the characters XML 1.0 forbids replaced by visible escapes."""
    def escape(m: re.Match[str]) -> str:
        code = ord(m.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _INVALID_XML.sub(escape, text)


def _element(tag: str, attrs: list[tuple[str, object]] | None = None, parent: ET.Element | None = None) -> ET.Element:
    # Attributes are set in the given order (ElementTree keeps insertion order).
    el = ET.Element(tag) if parent is None else ET.SubElement(parent, tag)
    for key, value in attrs or ():
        el.set(key, xml_safe(str(value)))
    return el


def _finding_text(f: Finding, source: str) -> str:
    lines = [f"{source}:{f.location.line}: {f.rule} {f.severity} {f.language} ¶{f.location.paragraph}: "
             f"{' '.join(f.message.split())}"]
    if f.reference is not None:
        lines.append(f"  {f.reference.language} ¶{f.reference.paragraph}: «{shorten(f.reference.text, 300)}»")
    return "\n".join(lines)


def _failure_message(errors: list[Finding]) -> str:
    first = shorten(errors[0].message, 200)
    return first if len(errors) == 1 else f"{len(errors)} errors; first: {first}"


def render(report: Report, *, color: bool = False, quiet: bool = False) -> str:
    """The report as JUnit XML (``color`` and ``quiet`` do not apply)."""
    from ..checks import all_rules

    rules = [(r.id, f"{r.id} {r.name}") for r in all_rules()]
    known = {rule_id for rule_id, _ in rules}
    findings = sorted_findings(report)
    for rule_id in sorted({f.rule for f in findings} - known):
        rules.append((rule_id, rule_id))

    versions = {v.language: v for v in report.versions}
    by_case: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        by_case.setdefault((f.language, f.rule), []).append(f)

    document = document_key(report)
    root = _element("testsuites", [("name", "parallelcheck")])
    total_tests = total_failures = 0
    for lang in language_order(report):
        version = versions.get(lang)
        source = (display_path(version.source) or version.source) if version else lang
        failures = sum(1 for rule_id, _ in rules
                       if any(f.severity == "error" for f in by_case.get((lang, rule_id), [])))
        suite = _element("testsuite", [
            ("name", f"parallelcheck.{lang}"),
            ("tests", len(rules)),
            ("failures", failures),
            ("errors", 0),
            ("skipped", 0),
        ], root)
        props = _element("properties", parent=suite)
        for name, value in (
            ("language", lang),
            ("document", document),
            ("pivot", "true" if lang == report.pivot else "false"),
            ("source", source),
            ("paragraphs", version.paragraphs if version else ""),
            ("segments", version.segments if version else ""),
            ("signature", report.signature),
        ):
            _element("property", [("name", name), ("value", value)], props)
        for rule_id, case_name in rules:
            case = _element("testcase", [("classname", f"parallelcheck.{lang}"), ("name", case_name)], suite)
            found = by_case.get((lang, rule_id), [])
            errors = [f for f in found if f.severity == "error"]
            others = [f for f in found if f.severity != "error"]
            if errors:
                failure = _element("failure", [("message", _failure_message(errors)), ("type", rule_id)], case)
                failure.text = xml_safe("\n".join(_finding_text(f, source) for f in errors))
            if others:
                out = _element("system-out", parent=case)
                out.text = xml_safe("\n".join(_finding_text(f, source) for f in others))
        total_tests += len(rules)
        total_failures += failures
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    # The summary line as a comment ("--" may not occur in one); CI ignores it, people see it.
    comment = re.sub("-(?=-)", "- ", xml_safe(summary_line(report))).rstrip("-")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<!-- {comment} -->\n{body}\n'
