"""PC105: aligned text that says something else than the other versions.

Evidence, and what it is worth:

- the similarity of a version's sentence to its reference, normalised by how well this
  language pair matches elsewhere in the document (``bead.score``, "of the usual");
- by consensus (no source named), the other versions agreeing with the reference there: a
  reference sentence that several versions render poorly is the odd one, not them. With a
  source (``--source``) the source is authoritative: a translation is judged against it
  alone, however the other translations fare, and the source is never the one blamed;
- length: a short sentence («It's normal.», «That's what happened.») embeds noisily, and a
  free but faithful rendering of it («뭐 새삼스러운 일도 아니죠.», «情况如我们所愿。») scores as
  low as an unrelated one. When both sides are short the score is no evidence a reviewer
  would accept: the finding is info (a place to look), never a warning or an error.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..align.nway import content_length
from ..languages import profile
from ..model import Finding, Severity
from . import drift_rows
from .base import CheckContext, Rule, shorten

DRIFT = Rule(
    "PC105", "meaning-drift", "drift", "warning",
    "A sentence sits where the other versions have theirs but its meaning differs from all of "
    "them (scored against the consensus of the other versions — or, with a source, against the "
    "source — relative to how well this language pair matches elsewhere in the document). "
    "Short sentences on both sides are info: their similarity is too noisy to call them drifted.",
    example="a French sentence about a pub's prices where the other versions report an arrest: an error "
            "(unrelated); a loose rendering that still scores low: a warning; «It's normal.» rendered "
            "«뭐 새삼스러운 일도 아니죠.»: info.",
    settings=("drift", "odd_one_out"),
)
RULES = (DRIFT,)


def severity(ctx: CheckContext, similarity: float, ref_lang: str, ref_text: str, lang: str, text: str) -> Severity:
    """The severity of a drift finding (also PC102's replacements, ``checks/missing.py``):
    an error when unrelated, else a warning; info when both texts are short."""
    limits = ctx.settings.drift
    if _short(ctx, ref_lang, ref_text) and _short(ctx, lang, text):
        return "info"
    return "error" if similarity < limits.error else "warning"


def _short(ctx: CheckContext, lang: str, text: str) -> bool:
    minimum = ctx.settings.drift.short_chars
    return content_length(text) < minimum.get(profile(lang).code, minimum["*"])


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
            if ctx.source is None:
                others = [b.score for other, b in scores.items() if other != lang]
                if not others or min(others) < limits.consensus:
                    continue  # no agreement to measure against, or the pivot itself is the odd one
            seen.add((lang, bead.b))
            ref_text = " ".join(psegs[i].text for i in bead.a)
            against = "the source" if ctx.source is not None else "the other versions"
            yield DRIFT.finding(
                language=lang,
                location=ctx.location(lang, bead.b),
                reference=ctx.reference(pivot, bead.a, ref_text),
                score=bead.score,
                severity=severity(ctx, bead.score, pivot, ref_text, lang, ctx.text(lang, bead.b)),
                message=(
                    f"this does not seem to say what {against} say{'s' if ctx.source else ''} here "
                    f"(similarity {bead.score:.2f} of the usual): {pivot} ¶{psegs[bead.a[0]].paragraph} "
                    f"«{shorten(ctx.quote_segments(pivot, bead.a))}»"
                ),
            )
    # the second test: a unit that is the odd one out of its row (checks/drift_rows.py)
    yield from drift_rows.run(ctx, DRIFT, seen)
