"""Content checks, one module per rule family; each finding carries a stable rule id.

To add a check: write a module with ``RULES`` (a tuple of :class:`Rule`) and
``run(ctx) -> Iterable[Finding]``, and list it in ``CHECKS``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from ..errors import UsageError
from . import added, code, drift, glossary, missing, names, numbers, revision, structure, truncated, untranslated
from . import units  # PC3xx: translation units (PO, XLIFF, TMX); runs through units.run_units
from . import pages  # PC4xx: pages of a documentation tree; decided by parallelcheck.tree.run

CHECKS = (missing, truncated, drift, untranslated, added, numbers, names, glossary, structure, code, revision, units,
          pages)
SEVERITY_LEVELS = ("error", "warning", "info")


@dataclass(frozen=True)
class RuleSelection:
    """Which rules run and at what severity: ``select`` (None: all) minus ``ignore``;
    ``severity`` maps a rule id to the severity its findings get instead of the default.
    Ids may be given by prefix: ``PC2`` selects every number/name/term rule."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, select: Iterable[str] | None = None, ignore: Iterable[str] = (),
              severity: Mapping[str, str] | None = None) -> "RuleSelection":
        """Validated: unknown ids or severities raise :class:`UsageError` naming them."""
        ids = [r.id for r in all_rules()]
        for given in [*(select or ()), *ignore, *(severity or {})]:
            if not any(i.startswith(given.upper()) for i in ids):
                raise UsageError(f"unknown rule '{given}' (see 'parallelcheck rules')")
        for rule, level in (severity or {}).items():
            if level not in SEVERITY_LEVELS:
                raise UsageError(f"unknown severity '{level}' for {rule} (use error, warning or info)")
        return cls(
            tuple(x.upper() for x in select) if select is not None else None,
            tuple(x.upper() for x in ignore),
            {k.upper(): v for k, v in (severity or {}).items()},
        )

    def enabled(self, rule_id: str) -> bool:
        if self.select is not None and not any(rule_id.startswith(x) for x in self.select):
            return False
        return not any(rule_id.startswith(x) for x in self.ignore)

    def apply(self, finding):
        level = next((v for k, v in sorted(self.severity.items(), key=lambda kv: -len(kv[0]))
                      if finding.rule.startswith(k)), None)
        return replace(finding, severity=level) if level and level != finding.severity else finding


def get_rule(rule_id: str):
    """The rule with this id (case-insensitive), or None."""
    return next((r for r in all_rules() if r.id == rule_id.upper()), None)


def all_rules():
    """Every rule, ordered by id (for documentation and `parallelcheck rules`)."""
    return sorted((rule for check in CHECKS for rule in check.RULES), key=lambda r: r.id)


def run_checks(docs, vectors, alignment, encode=None, selection: RuleSelection | None = None, glossary=(),
               settings=None, source=None):
    from ..settings import DEFAULT
    from .base import CheckContext

    selection = selection or RuleSelection()
    ctx = CheckContext(docs, vectors, alignment, encode, glossary, settings or DEFAULT, source)
    active = [c for c in CHECKS if any(selection.enabled(r.id) for r in c.RULES)]
    findings = [f for check in active for f in check.run(ctx) if selection.enabled(f.rule)]
    findings = _one_finding_per_defect(findings)
    if ctx.source is not None:
        # The source is what the others translate: what its translations agree on against it
        # (a number, a name, a paragraph) is worth a look, never a failed gate by itself.
        findings = [replace(f, severity="warning") if f.language == ctx.source and f.severity == "error" else f
                    for f in findings]
    if selection.enabled(revision.OTHER_REVISION.id):
        findings = revision.summarise(ctx, findings)
    findings = [selection.apply(f) for f in findings]
    severity_order = {"error": 0, "warning": 1, "info": 2}
    order = {lang: i for i, lang in enumerate(ctx.languages)}
    # De-duplicate (two rules may see the same defect) and sort deterministically.
    unique = {(f.rule, f.language, f.location.start, f.location.end, f.message): f for f in findings}
    return sorted(unique.values(), key=lambda f: (order[f.language], f.location.start, severity_order[f.severity], f.sort_key()))


def _one_finding_per_defect(findings):
    """Text left untranslated also fails to match its counterparts, so drift, truncation and
    missing-content rules fire on it too; the untranslated finding says it all. Likewise a
    token lost with a missing sentence or list item is part of that finding."""
    lost = {(f.language, f.location.paragraph) for f in findings if f.kind in ("missing", "truncated")}
    # A sentence left without its partner reads as cut short too; the missing sentence says it.
    missing = [f for f in findings if f.rule == "PC102"]
    findings = [f for f in findings if not (f.rule == "PC104" and any(
        m.language == f.language and m.location.start <= f.location.end and f.location.start <= m.location.end
        for m in missing))]
    # One sentence, one finding: a sentence that both seems cut short (PC104) and says
    # something else (PC105) is one observation. The cut names what is lost, so it stays —
    # unless the drift is an error (the text is unrelated: "cut short" would understate it).
    drifts = [f for f in findings if f.rule == "PC105"]
    cuts = [f for f in findings if f.rule == "PC104"]

    def same_span(a, b) -> bool:
        return a.language == b.language and a.location.start < b.location.end and b.location.start < a.location.end

    findings = [f for f in findings
                if not (f.rule == "PC105" and f.severity != "error" and any(same_span(f, c) for c in cuts))
                and not (f.rule == "PC104" and any(same_span(f, d) and d.severity == "error" for d in drifts))]
    named = {(f.language, f.location.paragraph) for f in findings if f.rule == "PC103"}
    findings = [f for f in findings if not (f.rule == "PC202" and (f.language, f.location.paragraph) in lost)
                and not (f.rule == "PC205" and (f.language, f.location.paragraph) in named)]
    untranslated = [f for f in findings if f.kind == "untranslated"]
    if not untranslated:
        return findings

    def covered(f) -> bool:
        return any(
            u.language == f.language and u.location.start <= f.location.end and f.location.start <= u.location.end
            for u in untranslated
        )

    return [f for f in findings if f.kind == "untranslated" or not covered(f)]
