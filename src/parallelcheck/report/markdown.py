"""GitHub-flavoured Markdown: a pull-request comment or a ``$GITHUB_STEP_SUMMARY`` section.

A heading with the overall status (``❌ 1 error, 2 warnings`` / ``⚠️ …`` / ``✅ no issues``) and
the document (its key, as in SARIF's ``automationDetails``),
a line naming the pivot, model and tool version, a note when a baseline hid findings, a
table of the versions and a table of the findings (severity, rule, version, ¶, file:line,
message, with the reference text — what the version should have said — shortened under the
message). When there are many findings (more than :data:`MANY`), info-level ones go into a
collapsed ``<details>`` block so errors and warnings stay in view. ``quiet`` leaves out the
model line and the versions table. File paths are shown relative to the working directory
when they lie under it (as in the SARIF and GitHub formats).

Document text and file names are untrusted: every character Markdown or HTML could read as
markup (``& < > | ` * _ [ ] ~ \\ # ! $``) is written as a numeric character reference, so
it renders as itself and cannot open a tag, a link, a code span, maths or a table cell;
whitespace is collapsed so text cannot start a block of its own, and an invisible word
joiner follows ``@`` so a quoted ``@name`` does not notify anyone.
"""

from __future__ import annotations

from ..model import Finding, Report
from .common import language_order, shorten, sorted_findings
from .locations import display_path, document_key
from .text import model_name, plural

MANY = 10  # above this many findings, info findings are collapsed
ICONS = {"error": "❌", "warning": "⚠️", "info": "ℹ️"}

_ENTITIES = {c: f"&#{ord(c)};" for c in "&<>|`*_[]~\\#!$"}
_ENTITIES["@"] = "@\u2060"


def escape(text: str, limit: int | None = None) -> str:
    """``text`` as inert Markdown on one line (shortened to ``limit`` characters first)."""
    text = shorten(text, limit) if limit else " ".join(text.split())
    return "".join(_ENTITIES.get(c, c) for c in text)


def _status(report: Report) -> str:
    s = report.summary
    if not report.findings:
        return "✅ no issues"
    counts = [plural(s["error"], "error")] if s["error"] else []
    if s["warning"]:
        counts.append(plural(s["warning"], "warning"))
    if s["info"]:
        counts.append(f"{s['info']} info")
    if s["error"]:
        return "❌ " + ", ".join(counts)
    if s["warning"]:
        return "⚠️ " + ", ".join(counts)
    return f"✅ no errors or warnings ({', '.join(counts)})"


def _rule_label(rule_id: str) -> str:
    from ..checks import get_rule

    rule = get_rule(rule_id)
    return f"{rule_id} {rule.name}" if rule is not None else rule_id


def _findings_table(findings: list[Finding], sources: dict[str, str]) -> list[str]:
    lines = [
        "| Severity | Rule | Version | ¶ | Location | Message |",
        "| --- | --- | --- | ---: | --- | --- |",
    ]
    for f in findings:
        message = escape(f.message, 300)
        if f.reference is not None:
            message += (f"<br>↳ {escape(f.reference.language)} ¶{f.reference.paragraph}: "
                        f"«{escape(f.reference.text, 160)}»")
        where = f"{escape(sources.get(f.language, f.language))}:{f.location.line}"
        lines.append(
            f"| {ICONS.get(f.severity, '')} {escape(f.severity)} | {escape(_rule_label(f.rule))} | "
            f"{escape(f.language)} | {f.location.paragraph} | {where} | {message} |"
        )
    return lines


def render(report: Report, *, color: bool = False, quiet: bool = False) -> str:
    """The report as Markdown (``color`` does not apply)."""
    # The document in the heading: a step summary may hold the sections of several documents.
    lines = [f"## {_status(report)} — parallelcheck: {escape(document_key(report))}", ""]
    if not quiet:
        lines += [
            f"{plural(len(report.versions), 'version')} checked against **{escape(report.pivot)}** "
            f"with {escape(model_name(report.model))} · parallelcheck {escape(report.tool_version)}",
            "",
        ]
        if report.signature:
            lines += [f"<sub>signature: `{report.signature}`</sub>", ""]
    if report.suppressed:
        lines += [f"> {plural(report.suppressed, 'finding')} accepted by the baseline "
                  f"{'is' if report.suppressed == 1 else 'are'} not shown.", ""]

    findings = sorted_findings(report)
    if not quiet and report.versions:
        per_version = {lang: [f for f in findings if f.language == lang] for lang in language_order(report)}
        lines += [
            "| Version | Source | Paragraphs | Segments | Findings |",
            "| --- | --- | ---: | ---: | --- |",
        ]
        for v in report.versions:
            found = per_version.get(v.language, [])
            counts = ", ".join(
                f"{ICONS[s]} {sum(1 for f in found if f.severity == s)}"
                for s in ICONS if any(f.severity == s for f in found)
            ) or "✅ 0"
            name = escape(v.language) + (" (pivot)" if v.language == report.pivot else "")
            source = escape(display_path(v.source) or v.source)
            lines.append(f"| {name} | {source} | {v.paragraphs} | {v.segments} | {counts} |")
        lines.append("")

    if findings:
        # Versions first as the other formats list them, pivot first; then document order.
        rank = {lang: i for i, lang in enumerate(language_order(report))}
        findings.sort(key=lambda f: rank.get(f.language, len(rank)))  # stable: keeps the canonical order within
        sources = {v.language: display_path(v.source) or v.source for v in report.versions}
        collapse = len(findings) > MANY and any(f.severity == "info" for f in findings)
        shown = [f for f in findings if not (collapse and f.severity == "info")]
        hidden = [f for f in findings if collapse and f.severity == "info"]
        if shown:
            lines += ["### Findings", "", *_findings_table(shown, sources), ""]
        if hidden:
            lines += [
                "<details>",
                f"<summary>{plural(len(hidden), 'info finding')} (never failing)</summary>",
                "",
                *_findings_table(hidden, sources),
                "",
                "</details>",
                "",
            ]
    return "\n".join(lines).rstrip("\n") + "\n"
