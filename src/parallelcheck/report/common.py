"""Helpers shared by the report formats (ordering, shortening), so every format lists
findings in the same deterministic order."""

from __future__ import annotations

import math

from ..model import SEVERITIES, Finding, Report
from ..text import shorten  # noqa: F401  (the formats import it from here)

SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}


def finding_key(finding: Finding) -> tuple:
    """Total order on findings: :meth:`Finding.sort_key`, then severity (errors first),
    then the remaining fields, so equal reports always render to equal bytes."""
    return (
        finding.sort_key(),
        SEVERITY_RANK.get(finding.severity, len(SEVERITY_RANK)),
        finding.kind,
        finding.message,
        finding.location.paragraph,
    )


def sorted_findings(report: Report) -> list[Finding]:
    """The report's findings in the canonical order used by every format."""
    return sorted(report.findings, key=finding_key)


def language_order(report: Report) -> list[str]:
    """Version languages, pivot first, then in version order; languages that only occur in
    findings come last (a finding is never dropped because its version is unlisted)."""
    order = [report.pivot] if any(v.language == report.pivot for v in report.versions) else []
    for lang in [v.language for v in report.versions] + sorted({f.language for f in report.findings}):
        if lang not in order:
            order.append(lang)
    return order


def json_score(score: float | None) -> float | None:
    """A score as machine-readable formats state it: 4 decimals, or None where there is none
    (NaN/inf would make invalid JSON)."""
    if score is None or not math.isfinite(score):
        return None
    return round(float(score), 4)


