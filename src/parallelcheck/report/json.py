"""The machine-readable report, schema ``parallelcheck/report/v1``.

Other tools parse it, so its shape is a contract: fixed key order, scores rounded to 4
decimals, findings in a deterministic order, no timestamps — equal reports give
byte-identical output.
"""

from __future__ import annotations

import json as _json
from typing import Any

from ..model import Finding, Report
from .common import json_score, sorted_findings

SCHEMA = "parallelcheck/report/v1"


def finding_to_dict(f: Finding) -> dict[str, Any]:
    """One finding as its v1 JSON object (key order is part of the contract)."""
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
        "score": json_score(f.score),
        "message": f.message,
        "fingerprint": f.fingerprint,
    }


def report_to_dict(report: Report) -> dict[str, Any]:
    """The whole report as its v1 JSON object."""
    return {
        "schema": SCHEMA,
        "tool": {"name": "parallelcheck", "version": report.tool_version},
        "model": dict(report.model),
        "pivot": report.pivot,
        "versions": [
            {"language": v.language, "source": v.source, "paragraphs": v.paragraphs, "segments": v.segments}
            for v in report.versions
        ],
        "findings": [finding_to_dict(f) for f in sorted_findings(report)],
        "summary": report.summary,
        "suppressed": report.suppressed,
        "signature": report.signature,
    }


def render(report: Report, *, color: bool = False, quiet: bool = False) -> str:
    """The report as JSON text (``color`` and ``quiet`` do not apply to JSON)."""
    # default=str: model info may carry a Path; it must not crash the report.
    return _json.dumps(report_to_dict(report), ensure_ascii=False, indent=2, default=str) + "\n"
