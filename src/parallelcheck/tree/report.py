"""Reports of a documentation tree: every format covers the whole run.

- ``text``: a header, then the findings grouped by document, then the tree's summary (documents
  by status, missing pages, pages in the source only);
- ``json``: ``parallelcheck/report/v1`` with every finding (``location.file`` the real file,
  ``document`` its document) and an additive ``documents`` list;
- ``sarif``: one run, each result at its real file;
- ``junit``: one test suite per document, one case per rule;
- ``markdown``: a status line, a table of documents by status, the findings;
- ``html``: one page with a document picker;
- ``github``: annotations over the whole tree (GitHub's caps apply to the step).
"""

from __future__ import annotations

import base64
import hashlib
import json as _json
import re
from dataclasses import replace
from html import escape as _html_escape
from typing import Any

from ..model import Finding, Report
from ..report.common import finding_key
from ..text import shorten
from .run import CHECKED, FAILED, ORPHAN, SOURCE_ONLY, TreeDocument, TreeReport

SCHEMA = "parallelcheck/report/v1"
STATUS_ORDER = (FAILED, CHECKED, ORPHAN, SOURCE_ONLY)


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def document_report(tree: TreeReport, doc: TreeDocument) -> Report:
    """One document as a :class:`Report` (its page findings included), for the per-document formats."""
    if doc.report is not None:
        return replace(doc.report, findings=doc.findings, suppressed=doc.suppressed, signature=tree.signature)
    return Report(tool_version=tree.tool_version, model=tree.model, pivot=tree.source, versions=(),
                  findings=doc.findings, suppressed=doc.suppressed, signature=tree.signature)


def _sorted(doc: TreeDocument) -> list[Finding]:
    return sorted(doc.findings, key=finding_key)


def summary_line(tree: TreeReport) -> str:
    s = tree.summary
    checked = sum(1 for d in tree.documents if d.status == CHECKED)
    where = f"in {plural(checked, 'document')} of {tree.root} (source: {tree.source})"
    extra = []
    if tree.suppressed:
        extra.append(f"{plural(tree.suppressed, 'finding')} accepted by the baseline not shown.")
    failed = sum(1 for d in tree.documents if d.status == FAILED)
    if failed:
        extra.append(f"{plural(failed, 'document')} could not be read.")
    if tree.interrupted:
        extra.append(f"Interrupted: {len(tree.documents)} of {tree.planned} documents done.")
    head = (f"No issues found {where}." if not tree.findings else
            f"Found {plural(s['error'], 'error')}, {plural(s['warning'], 'warning')}, {s['info']} info {where}.")
    return " ".join([head, *extra])


def _counts(tree: TreeReport) -> str:
    by = {st: sum(1 for d in tree.documents if d.status == st) for st in STATUS_ORDER}
    missing = sum(len(d.missing) for d in tree.documents)
    return (f"{plural(len(tree.documents), 'document')}: {by[CHECKED]} checked ({missing} missing "
            f"page{'s' if missing != 1 else ''}), {by[ORPHAN]} without a source page, {by[SOURCE_ONLY]} in the "
            f"source only, {by[FAILED]} unreadable")


def render_text(tree: TreeReport, *, color: bool = False, quiet: bool = False) -> str:
    from ..report.text import render as render_one

    lines: list[str] = []
    if not quiet:
        lines.append(f"parallelcheck {tree.tool_version} · tree {tree.root} · layout {tree.layout} · "
                     f"source {tree.source} · languages {', '.join(tree.languages)}")
        if tree.signature:
            lines.append(f"  signature: {tree.signature}")
        lines.append(f"  {_counts(tree)}")
        lines.append("")
    for doc in tree.documents:
        if doc.status == FAILED:
            lines += [f"== {doc.path} [error]", f"  {doc.error}", ""]
            continue
        if not doc.findings:
            continue
        head = f"== {doc.path} ({', '.join(doc.languages)})" + (" [cached]" if doc.cached and not quiet else "")
        lines.append(head)
        body = render_one(document_report(tree, doc), color=color, quiet=True).rstrip("\n").split("\n")
        lines += body[:-1]  # its own summary line: the tree's summary says it
    only = [d.path for d in tree.documents if d.status == SOURCE_ONLY]
    if only and not quiet:
        shown = ", ".join(only[:20]) + (f" and {len(only) - 20} more" if len(only) > 20 else "")
        lines += [f"In the source ({tree.source}) only, not checked: {shown}", ""]
    lines.append(summary_line(tree))
    return "\n".join(lines) + "\n"


def tree_to_dict(tree: TreeReport) -> dict[str, Any]:
    from ..report.json import finding_to_dict

    findings = []
    documents = []
    for doc in tree.documents:
        for f in _sorted(doc):
            d = finding_to_dict(f)
            d["document"] = doc.path
            findings.append(d)
        entry: dict[str, Any] = {
            "path": doc.path,
            "status": doc.status,
            "languages": list(doc.languages),
            "missing": list(doc.missing),
            "versions": [
                {"language": v.language, "source": v.source, "paragraphs": v.paragraphs, "segments": v.segments}
                for v in (doc.report.versions if doc.report else ())
            ] or [{"language": lang, "source": path} for lang, path in doc.files],
            "summary": doc.summary,
            "suppressed": doc.suppressed,
        }
        if doc.error:
            entry["error"] = doc.error
        documents.append(entry)
    totals: dict[str, dict[str, int]] = {}
    for doc in tree.documents:
        for v in (doc.report.versions if doc.report else ()):
            t = totals.setdefault(v.language, {"documents": 0, "paragraphs": 0, "segments": 0})
            t["documents"] += 1
            t["paragraphs"] += v.paragraphs
            t["segments"] += v.segments
    return {
        "schema": SCHEMA,
        "tool": {"name": "parallelcheck", "version": tree.tool_version},
        "model": dict(tree.model),
        "pivot": tree.source,
        "versions": [{"language": lang, "source": tree.root, "paragraphs": t["paragraphs"], "segments": t["segments"]}
                     for lang in tree.languages if (t := totals.get(lang))],
        "findings": findings,
        "summary": tree.summary,
        "suppressed": tree.suppressed,
        "signature": tree.signature,
        "tree": {"root": tree.root, "layout": tree.layout, "source": tree.source, "languages": list(tree.languages),
                 "planned": tree.planned, "interrupted": tree.interrupted},
        "documents": documents,
    }


def render_json(tree: TreeReport, *, color: bool = False, quiet: bool = False) -> str:
    return _json.dumps(tree_to_dict(tree), ensure_ascii=False, indent=2, default=str) + "\n"


def render_sarif(tree: TreeReport, *, color: bool = False, quiet: bool = False) -> str:
    from ..report.sarif import sarif_log

    base = sarif_log(document_report(tree, TreeDocument("", CHECKED, ())))
    run = base["runs"][0]
    artifacts: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    results = []
    for doc in tree.documents:
        if not doc.findings:
            continue
        one = sarif_log(document_report(tree, doc))["runs"][0]
        for result in one["results"]:
            for loc in result.get("locations", []):
                art = loc["physicalLocation"]["artifactLocation"]
                uri = art["uri"]
                if uri not in index:
                    index[uri] = len(artifacts)
                    artifacts.append(dict(one["artifacts"][art["index"]]))
                art["index"] = index[uri]
            result.setdefault("properties", {})["document"] = doc.path
            results.append(result)
    run["automationDetails"] = {"id": f"parallelcheck/tree:{tree.root}/"}
    run["artifacts"] = artifacts
    run["results"] = results
    run["properties"]["suppressed"] = tree.suppressed
    run["properties"]["layout"] = tree.layout
    return _json.dumps(base, ensure_ascii=False, indent=2, default=str) + "\n"


def render_junit(tree: TreeReport, *, color: bool = False, quiet: bool = False) -> str:
    import xml.etree.ElementTree as ET

    from ..checks import all_rules
    from ..report.junit import xml_safe

    rules = [(r.id, f"{r.id} {r.name}") for r in all_rules()]
    root = ET.Element("testsuites", {"name": "parallelcheck"})
    total = failures_total = errors_total = 0
    for doc in tree.documents:
        by_rule: dict[str, list[Finding]] = {}
        for f in _sorted(doc):
            by_rule.setdefault(f.rule, []).append(f)
        failures = sum(1 for rid, _ in rules if any(f.severity == "error" for f in by_rule.get(rid, [])))
        suite = ET.SubElement(root, "testsuite", {
            "name": xml_safe(doc.path), "tests": str(len(rules)), "failures": str(failures),
            "errors": "1" if doc.status == FAILED else "0", "skipped": "0" if doc.status == CHECKED else str(len(rules)),
        })
        props = ET.SubElement(suite, "properties")
        for name, value in (("document", doc.path), ("status", doc.status), ("languages", ",".join(doc.languages)),
                            ("signature", tree.signature)):
            ET.SubElement(props, "property", {"name": name, "value": xml_safe(value)})
        for rid, name in rules:
            case = ET.SubElement(suite, "testcase", {"classname": xml_safe(f"parallelcheck.{doc.path}"), "name": name})
            found = by_rule.get(rid, [])
            errors = [f for f in found if f.severity == "error"]
            others = [f for f in found if f.severity != "error"]
            text = lambda fs: xml_safe("\n".join(  # noqa: E731
                f"{f.location.file}:{f.location.line}: {f.rule} {f.severity} {f.language}: {' '.join(f.message.split())}"
                for f in fs))
            if doc.status == FAILED:
                ET.SubElement(case, "error", {"message": xml_safe(doc.error or "unreadable")})
            elif doc.status != CHECKED and not found:
                ET.SubElement(case, "skipped", {"message": doc.status})
            if errors:
                el = ET.SubElement(case, "failure", {"message": xml_safe(shorten(errors[0].message, 200)), "type": rid})
                el.text = text(errors)
            if others:
                ET.SubElement(case, "system-out").text = text(others)
        total += len(rules)
        failures_total += failures
        errors_total += doc.status == FAILED
    root.set("tests", str(total))
    root.set("failures", str(failures_total))
    root.set("errors", str(errors_total))
    ET.indent(root, space="  ")
    comment = re.sub("-(?=-)", "- ", xml_safe(summary_line(tree))).rstrip("-")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<!-- {comment} -->\n{ET.tostring(root, encoding="unicode")}\n'


def _doc_status(doc: TreeDocument) -> str:
    s = doc.summary
    if doc.status == FAILED:
        return "❌ unreadable"
    if doc.status == SOURCE_ONLY:
        return "source only"
    if doc.status == ORPHAN:
        return "ℹ️ no source page"
    if s["error"]:
        return "❌ " + plural(s["error"], "error")
    if s["warning"]:
        return "⚠️ " + plural(s["warning"], "warning")
    return "✅"


def render_markdown(tree: TreeReport, *, color: bool = False, quiet: bool = False) -> str:
    from ..report.markdown import escape

    s = tree.summary
    status = ("❌ " if s["error"] else "⚠️ " if s["warning"] else "✅ ") + (
        f"{plural(s['error'], 'error')}, {plural(s['warning'], 'warning')}, {s['info']} info")
    lines = [f"### parallelcheck: {status} — {escape(tree.root)}", "",
             f"{escape(_counts(tree))}; source `{tree.source}`, layout {escape(tree.layout)}.", ""]
    if tree.suppressed:
        lines += [f"{plural(tree.suppressed, 'finding')} accepted by the baseline not shown.", ""]
    rank = {FAILED: 0, CHECKED: 1, ORPHAN: 2, SOURCE_ONLY: 3}
    listed = sorted(tree.documents, key=lambda d: (rank[d.status], -d.summary["error"], -d.summary["warning"], d.path))
    listed = [d for d in listed if d.findings or d.status != CHECKED]
    if listed:
        lines += ["| document | status | languages | missing in | errors | warnings | info |", "|---|---|---|---|---|---|---|"]
        for d in listed:
            c = d.summary
            lines.append(f"| {escape(d.path)} | {_doc_status(d)} | {', '.join(d.languages)} | {', '.join(d.missing)} | "
                         f"{c['error']} | {c['warning']} | {c['info']} |")
        lines.append("")
    rows = [(d, f) for d in tree.documents for f in _sorted(d) if f.severity != "info"]
    if rows:
        lines += ["| severity | rule | document | version | where | message |", "|---|---|---|---|---|---|"]
        for d, f in rows:
            lines.append(f"| {f.severity} | {f.rule} | {escape(d.path)} | {f.language} | "
                         f"{escape(f'{f.location.file}:{f.location.line}')} | {escape(f.message, 200)} |")
        lines.append("")
    lines.append(f"<sub>{escape(tree.signature)}</sub>")
    return "\n".join(lines) + "\n"


_CSS = ("body{font-family:system-ui,sans-serif;margin:1.5em;max-width:80em}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:.2em .5em;vertical-align:top}.error{color:#b00}.warning{color:#a60}"
        ".info{color:#06c}section[hidden]{display:none}.muted{color:#666}")
_JS = ("(function(){var s=document.getElementById('pick');function u(){document.querySelectorAll('section[data-doc]')"
       ".forEach(function(e){e.hidden=s.value!=='*'&&e.getAttribute('data-doc')!==s.value;});}"
       "s.addEventListener('change',u);u();})();")


def _sha(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


def render_html(tree: TreeReport, *, color: bool = False, quiet: bool = False) -> str:
    e = lambda v: _html_escape(str(v), quote=True)  # noqa: E731
    csp = f"default-src 'none'; style-src {_sha(_CSS)}; script-src {_sha(_JS)}; base-uri 'none'; form-action 'none'"
    shown = [d for d in tree.documents if d.findings or d.status != CHECKED]
    parts = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
             f'<meta http-equiv="Content-Security-Policy" content="{e(csp)}">',
             f"<title>parallelcheck: {e(tree.root)}</title>", f"<style>{_CSS}</style>", "</head>", "<body>",
             f"<h1>parallelcheck: {e(tree.root)}</h1>", f"<p>{e(summary_line(tree))}</p>",
             f'<p class="muted">{e(_counts(tree))}</p>',
             '<label>Document: <select id="pick"><option value="*">all documents with findings or gaps</option>']
    parts += [f'<option value="{e(d.path)}">{e(d.path)} — {e(_doc_status(d))}</option>' for d in shown]
    parts.append("</select></label>")
    for d in shown:
        parts.append(f'<section data-doc="{e(d.path)}"><h2>{e(d.path)}</h2>'
                     f"<p>{e(_doc_status(d))} · {e(', '.join(f'{lang}: {p}' for lang, p in d.files))}</p>")
        if d.error:
            parts.append(f'<p class="error">{e(d.error)}</p>')
        if d.findings:
            parts.append("<table><tr><th>severity</th><th>rule</th><th>version</th><th>where</th><th>message</th>"
                         "<th>reference</th></tr>")
            for f in _sorted(d):
                ref = f"{f.reference.language} ¶{f.reference.paragraph}: «{shorten(f.reference.text, 300)}»" \
                    if f.reference else ""
                sev = f.severity if f.severity in ("error", "warning", "info") else "other"
                parts.append(f'<tr><td class="{sev}">{e(f.severity)}</td><td>{e(f.rule)}</td><td>{e(f.language)}</td>'
                             f"<td>{e(f.location.file)}:{f.location.line}</td><td>{e(f.message)}</td><td>{e(ref)}</td></tr>")
            parts.append("</table>")
        parts.append("</section>")
    parts += [f'<footer class="muted"><small>Signature: <code>{e(tree.signature)}</code></small></footer>',
              f"<script>{_JS}</script>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"


def render_github(tree: TreeReport, *, color: bool = False, quiet: bool = False) -> str:
    from ..report.github import ANNOTATIONS_PER_LEVEL, COMMANDS, annotation
    from ..report.locations import Positions, display_path, span_region

    lines = []
    shown = {s: 0 for s in COMMANDS}
    left = {s: 0 for s in COMMANDS}
    for doc in tree.documents:
        positions = {d.language: Positions(d.document.text) for d in (doc.report.documents if doc.report else ())}
        for f in _sorted(doc):
            level = f.severity if f.severity in COMMANDS else "warning"
            if shown[level] >= ANNOTATIONS_PER_LEVEL - (level == "info"):
                left[level] += 1
                continue
            shown[level] += 1
            pos = positions.get(f.language) if f.location.start or f.location.end else None
            lines.append(annotation(f, display_path(f.location.file) if f.location.file else None, span_region(f, pos)))
    if any(left.values()):
        parts = [f"{n} more {s}{'s' if n != 1 and s != 'info' else ''}" for s, n in left.items() if n]
        lines.append(f"::notice title=parallelcheck::parallelcheck: {', '.join(parts)} not annotated "
                     f"(GitHub shows {ANNOTATIONS_PER_LEVEL} per kind); see the full report")
    lines.append(summary_line(tree))
    return "\n".join(lines) + "\n"


TREE_FORMATS = {
    "text": render_text, "json": render_json, "sarif": render_sarif, "junit": render_junit,
    "markdown": render_markdown, "html": render_html, "github": render_github,
}


def render_tree(tree: TreeReport, fmt: str = "text", *, color: bool = False, quiet: bool = False) -> str:
    return TREE_FORMATS[fmt](tree, color=color, quiet=quiet)
