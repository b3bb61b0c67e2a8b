"""The machine-readable report (schema parallelcheck/report/v1): other tools parse it, so
its shape is a contract. Byte-identical for identical input: fixed key order, rounded
scores, sorted findings, no timestamps."""

from __future__ import annotations

import json as _json
from typing import Any

from ..model import Finding, Report

SCHEMA = "parallelcheck/report/v1"


def finding_to_dict(f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "kind": f.kind,
        "severity": f.severity,
        "language": f.language,
        "location": {
            "paragraph": f.location.paragraph,
            "start": f.location.start,
            "end": f.location.end,
            "line": f.location.line,
        },
        "reference": None
        if f.reference is None
        else {"language": f.reference.language, "paragraph": f.reference.paragraph, "text": f.reference.text},
        "score": None if f.score is None else round(f.score, 4),
        "message": f.message,
    }


def report_to_dict(report: Report) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "tool": {"name": "parallelcheck", "version": report.tool_version},
        "model": dict(report.model),
        "pivot": report.pivot,
        "versions": [
            {"language": v.language, "source": v.source, "paragraphs": v.paragraphs, "segments": v.segments}
            for v in report.versions
        ],
        "findings": [finding_to_dict(f) for f in report.findings],
        "summary": report.summary,
    }


def render(report: Report, *, color: bool = False) -> str:
    return _json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n"
