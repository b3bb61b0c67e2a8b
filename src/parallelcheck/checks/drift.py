"""PC105: aligned text that says something else than the other versions."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding
from . import drift_rows
from .base import CheckContext, Rule, shorten

DRIFT = Rule(
    "PC105", "meaning-drift", "drift", "warning",
    "A sentence sits where the other versions have theirs but its meaning differs from all of "
    "them (scored against the consensus of the other versions, relative to how well this "
    "language pair matches elsewhere in the document).",
    example="a French sentence about a pub's prices where the other versions report an arrest: an error "
            "(unrelated); a loose rendering that still scores low: a warning.",
    settings=("drift", "odd_one_out"),
)
RULES = (DRIFT,)


def run(ctx: CheckContext) -> Iterator[Finding]:
    # Normalised similarity to the consensus below which a match is suspect, while the other
    # versions agree with it at least this well; below the error level the text is unrelated
    # (a sentence from elsewhere).
    limits = ctx.settings.drift
    pivot = ctx.pivot
    psegs = ctx.segments[pivot]
    seen = set()
    for k in range(len(psegs)):
        scores = {}
        for lang in ctx.others:
            bead = ctx.pivot_beads[lang].get(k)
            if bead is not None and bead.b:
                scores[lang] = bead
        for lang, bead in scores.items():
            if not bead.score < limits.suspect or (lang, bead.b) in seen:
                continue
            others = [b.score for other, b in scores.items() if other != lang]
            if not others or min(others) < limits.consensus:
                continue  # no agreement to measure against, or the pivot itself is the odd one
            seen.add((lang, bead.b))
            ref_text = " ".join(psegs[i].text for i in bead.a)
            yield DRIFT.finding(
                language=lang,
                location=ctx.location(lang, bead.b),
                reference=ctx.reference(pivot, bead.a, ref_text),
                score=bead.score,
                severity="error" if bead.score < limits.error else "warning",
                message=(
                    f"this does not seem to say what the other versions say here "
                    f"(similarity {bead.score:.2f} of the usual): {pivot} ¶{psegs[bead.a[0]].paragraph} "
                    f"«{shorten(ref_text)}»"
                ),
            )
    # the second test: a unit that is the odd one out of its row (checks/drift_rows.py)
    yield from drift_rows.run(ctx, DRIFT, seen)
