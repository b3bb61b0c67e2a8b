"""SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards.

One run per report. ``tool.driver.rules`` lists every registered rule (so a viewer can
explain a rule even when it found nothing); each result points at its rule by ``ruleId`` and
``ruleIndex`` and carries the finding's fingerprint as ``partialFingerprints``, so code
scanning tracks an alert across commits the way a baseline does.

Locations. A version's source becomes the artifact URI: a path under the working directory
is made relative to it (GitHub resolves URIs against the repository root, which is where a
workflow runs), with forward slashes and percent-encoding where a URI needs it; any other
absolute path becomes a ``file://`` URI; a source that is no file at all (``<ko>`` from the
in-memory API) is percent-encoded into a relative reference that cannot name a real path
by accident (``%3Cko%3E``). Regions give line and column (1-based, in code points:
``run.columnKind`` is ``unicodeCodePoints``) computed from the version's text when the report
carries it, and the code-point ``charOffset``/``charLength`` of the finding's span.

``automationDetails.id`` is ``parallelcheck/<document key>/``, the key derived from the
sources (their common folder and file-name stem, e.g. ``docs/briefing``), so the SARIF files
of several documents checked one by one upload as distinct code-scanning categories.

Output is deterministic: fixed key order, findings in the canonical order, no timestamps.
Paths, positions and the document key come from :mod:`.locations` (shared with the GitHub,
JUnit and Markdown formats).
"""

from __future__ import annotations

import json as _json
import re
from typing import Any

from ..model import Finding, Report
from .common import json_score, shorten, sorted_findings
from .locations import (
    artifact_uri, document_key, positions_by_language, sources_by_language, span_region,
)

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
INFORMATION_URI = "https://pypi.org/project/parallelcheck/"
FINGERPRINT_KEY = "parallelcheck/v1"

LEVELS = {"error": "error", "warning": "warning", "info": "note"}



# --- the log ---------------------------------------------------------------------------------

def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    m = re.match(r"(.+?[.!?])(?:\s|$)", text)
    return m.group(1) if m else text


def _rule_descriptor(rule) -> dict[str, Any]:
    help_text = rule.doc + (f"\n\nExample: {rule.example}" if rule.example else "")
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": _first_sentence(rule.doc) or rule.name},
        "fullDescription": {"text": rule.doc or rule.name},
        "help": {"text": help_text or rule.name},
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning")},
        "properties": {"tags": [rule.kind]},
    }


def _unknown_rule_descriptor(rule_id: str, kind: str) -> dict[str, Any]:
    # A finding of a rule that is not registered (a plug-in or a hand-built report): still
    # resolvable through ruleIndex.
    return {
        "id": rule_id,
        "shortDescription": {"text": rule_id},
        "properties": {"tags": [kind]},
    }


def _message(f: Finding) -> str:
    text = f.message
    if f.reference is not None:
        text += f"\n{f.reference.language} ¶{f.reference.paragraph}: «{shorten(f.reference.text, 500)}»"
    return text


def sarif_log(report: Report) -> dict[str, Any]:
    """The report as a SARIF 2.1.0 log (a dict in output key order)."""
    from ..checks import all_rules

    findings = sorted_findings(report)
    rules = [_rule_descriptor(r) for r in all_rules()]
    index = {r["id"]: i for i, r in enumerate(rules)}
    for f in findings:
        if f.rule not in index:
            index[f.rule] = len(rules)
            rules.append(_unknown_rule_descriptor(f.rule, f.kind))

    sources = sources_by_language(report)
    positions = positions_by_language(report)
    artifacts: list[dict[str, Any]] = []
    artifact_index: dict[str, int] = {}
    artifact_languages: dict[str, list[str]] = {}
    for lang in [v.language for v in report.versions] + sorted(set(sources) - {v.language for v in report.versions}):
        uri = artifact_uri(sources[lang])
        if uri not in artifact_index:
            artifact_index[uri] = len(artifacts)
            artifact_languages[uri] = []
            artifacts.append({"location": {"uri": uri}, "roles": ["analysisTarget"], "encoding": "utf-8"})
        artifact_languages[uri].append(lang)
    for uri, i in artifact_index.items():
        artifacts[i]["properties"] = {"languages": artifact_languages[uri]}

    results = []
    for f in findings:
        result: dict[str, Any] = {
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": LEVELS.get(f.severity, "warning"),
            "message": {"text": _message(f)},
        }
        if f.language in sources:
            uri = artifact_uri(sources[f.language])
            result["locations"] = [{
                "physicalLocation": {
                    "artifactLocation": {"uri": uri, "index": artifact_index[uri]},
                    "region": span_region(f, positions.get(f.language)),
                },
            }]
        if f.fingerprint:
            result["partialFingerprints"] = {FINGERPRINT_KEY: f.fingerprint}
        props: dict[str, Any] = {"language": f.language, "paragraph": f.location.paragraph, "kind": f.kind}
        if json_score(f.score) is not None:
            props["score"] = json_score(f.score)
        if f.reference is not None:
            props["reference"] = {
                "language": f.reference.language,
                "paragraph": f.reference.paragraph,
                "text": f.reference.text,
            }
        result["properties"] = props
        results.append(result)

    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "parallelcheck",
                "version": report.tool_version,
                "informationUri": INFORMATION_URI,
                "rules": rules,
            },
        },
        "automationDetails": {"id": f"parallelcheck/{document_key(report)}/"},
        "artifacts": artifacts,
        "results": results,
        "columnKind": "unicodeCodePoints",
        "properties": {
            "pivot": report.pivot,
            "model": dict(report.model),
            "suppressed": report.suppressed,
            "signature": report.signature,
        },
    }
    return {"$schema": SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}


def render(report: Report, *, color: bool = False, quiet: bool = False) -> str:
    """The report as SARIF 2.1.0 JSON (``color`` and ``quiet`` do not apply)."""
    return _json.dumps(sarif_log(report), ensure_ascii=False, indent=2, default=str) + "\n"
