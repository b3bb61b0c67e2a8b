"""Content checks, one module per rule family; each finding carries a stable rule id.

To add a check: write a module with ``RULES`` (a tuple of :class:`Rule`) and
``run(ctx) -> Iterable[Finding]``, and list it in ``CHECKS``.
"""

from __future__ import annotations

from . import added, drift, missing, truncated, untranslated

CHECKS = (missing, truncated, drift, untranslated, added)


def all_rules():
    """Every rule, ordered by id (for documentation and `parallelcheck rules`)."""
    return sorted((rule for check in CHECKS for rule in check.RULES), key=lambda r: r.id)


def run_checks(docs, vectors, alignment, encode=None):
    from .base import CheckContext

    ctx = CheckContext(docs, vectors, alignment, encode)
    findings = _one_finding_per_defect([f for check in CHECKS for f in check.run(ctx)])
    severity_order = {"error": 0, "warning": 1, "info": 2}
    order = {lang: i for i, lang in enumerate(ctx.languages)}
    # De-duplicate (two rules may see the same defect) and sort deterministically.
    unique = {(f.rule, f.language, f.location.start, f.location.end, f.message): f for f in findings}
    return sorted(unique.values(), key=lambda f: (order[f.language], f.location.start, severity_order[f.severity], f.sort_key()))


def _one_finding_per_defect(findings):
    """Text left untranslated also fails to match its counterparts, so drift, truncation and
    missing-content rules fire on it too; the untranslated finding says it all."""
    untranslated = [f for f in findings if f.kind == "untranslated"]
    if not untranslated:
        return findings

    def covered(f) -> bool:
        return any(
            u.language == f.language and u.location.start <= f.location.end and f.location.start <= u.location.end
            for u in untranslated
        )

    return [f for f in findings if f.kind == "untranslated" or not covered(f)]
