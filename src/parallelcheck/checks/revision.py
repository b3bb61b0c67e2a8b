"""PC108: a version that follows another revision of the text.

When a translation was made from an older (or newer) revision, many of its paragraphs
differ from the others: a finding per paragraph buries the one thing to say — "this
version follows another revision". Past settings.revision's "many", the version gets one
summary finding naming how many paragraphs differ, and its per-paragraph content findings
(PC101-PC105), heading and code findings (PC206, PC207) stay in the report at info, as the
details.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from ..model import Finding
from .base import CheckContext, Rule

OTHER_REVISION = Rule(
    "PC108", "other-revision", "revision", "error",
    "Many paragraphs of this version lack content, are cut short or say something else: it "
    "follows another revision of the text. One finding says so; the per-paragraph findings "
    "are kept at info.",
    example="ko differs from the English page in 10 of its 25 paragraphs (it follows the rewrite of "
            "the page): one PC108 error on ko, and ten PC101-PC105 findings at info.",
    settings=("revision",),
)
RULES = (OTHER_REVISION,)
CONTENT_RULES = ("PC101", "PC102", "PC103", "PC104", "PC105")
# Per-paragraph findings that follow from the other revision too (its outline, links and code
# differ with its text): kept at info with the content findings, never counted towards "many".
DETAIL_RULES = (*CONTENT_RULES, "PC206", "PC207")


def run(ctx: CheckContext) -> Iterator[Finding]:
    return iter(())  # PC108 summarises the other rules' findings: see summarise()


def summarise(ctx: CheckContext, findings: list[Finding]) -> list[Finding]:
    """The findings, with one PC108 per version past "many" and its content findings at info."""
    limits = ctx.settings.revision
    content: dict[str, list[Finding]] = {}
    for f in findings:
        if f.rule in CONTENT_RULES and f.severity != "info" and f.language != ctx.source:
            content.setdefault(f.language, []).append(f)
    summarised: dict[str, Finding] = {}
    total = len(ctx.alignment.paragraphs.rows)
    for lang, found in content.items():
        # What differs, paragraph by paragraph of the reference: the paragraph a finding quotes
        # (a missing paragraph counts as the one it lacks, several being anchored at one
        # neighbour; a paragraph of the version that runs several together differs from each
        # one it lacks content of), else the version's own.
        differ = {("ref", f.reference.language, f.reference.paragraph) if f.reference
                  else ("own", lang, f.location.paragraph) for f in found}
        if len(differ) < limits.min_paragraphs or len(differ) < limits.min_share * total:
            continue
        first = min(found, key=lambda f: f.location.start)
        paragraphs = sorted({f.location.paragraph for f in found})
        listed = ", ".join(f"¶{p}" for p in paragraphs[:12]) + (", …" if len(paragraphs) > 12 else "")
        against = f"the {ctx.source} source" if ctx.source else "the other versions"
        summarised[lang] = OTHER_REVISION.finding(
            language=lang,
            location=first.location,
            reference=None,
            score=None,
            message=(f"this version seems to follow another revision of the text: {len(differ)} of the "
                     f"document's {total} paragraphs differ from {against} (findings at {listed}); the details "
                     "are listed at info"),
        )
    if not summarised:
        return findings
    out = [replace(f, severity="info") if f.language in summarised and f.rule in DETAIL_RULES
           and f.severity != "info" else f for f in findings]
    return out + list(summarised.values())
