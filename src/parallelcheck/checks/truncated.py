"""PC104: a sentence that is present but markedly shorter than in the other versions."""

from __future__ import annotations

from collections.abc import Iterator
from statistics import median

from ..align.nway import _content_len
from ..model import Finding
from .base import CheckContext, Rule, shorten

TRUNCATED = Rule(
    "PC104", "truncated-sentence", "truncated", "warning",
    "A sentence is present but much shorter than its counterparts in the other versions, "
    "and matches them less well: its end (or part of it) was probably cut off.",
)
RULES = (TRUNCATED,)

# Relative length (this version vs the others, each against its expected ratio) below
# which a sentence counts as cut, and the similarity above which it is trusted as complete.
MAX_RELATIVE_LENGTH = 0.6
MAX_SCORE = 0.85
MIN_PIVOT_CHARS = 12
ERROR_RELATIVE_LENGTH = 0.45
MOVED_GAIN = 0.04  # similarity gain from a neighbour that shows the clause was moved, not lost


def run(ctx: CheckContext) -> Iterator[Finding]:
    pivot = ctx.pivot
    psegs = ctx.segments[pivot]
    seen: set[tuple[str, tuple[int, ...]]] = set()
    for k in range(len(psegs)):
        ratios: dict[str, float] = {}
        beads = {}
        for lang in ctx.others:
            bead = ctx.pivot_beads[lang].get(k)
            if bead is None or not bead.b:
                continue
            plen = sum(_content_len(psegs[i].text) for i in bead.a)
            if plen < MIN_PIVOT_CHARS:
                continue
            xlen = sum(_content_len(ctx.segments[lang][j].text) for j in bead.b)
            expected = ctx.alignment.calibration[lang].length_ratio
            ratios[lang] = xlen / (expected * plen)
            beads[lang] = bead
        if len(ratios) < 2:
            continue
        for lang, r in ratios.items():
            others = [v for other, v in ratios.items() if other != lang]
            relative = r / max(median(others), 1e-6) if len(ratios) > 2 else r
            bead = beads[lang]
            if relative >= MAX_RELATIVE_LENGTH or not (bead.score < MAX_SCORE) or (lang, bead.b) in seen:
                continue
            if _moved_to_neighbour(ctx, lang, bead):
                continue
            seen.add((lang, bead.b))
            # Loose translations also come out short; only a deep cut is certain enough to fail a build.
            severity = "error" if relative < ERROR_RELATIVE_LENGTH else "warning"
            ref_text = " ".join(psegs[i].text for i in bead.a)
            yield TRUNCATED.finding(
                language=lang,
                location=ctx.location(lang, bead.b),
                reference=ctx.reference(pivot, bead.a, ref_text),
                score=bead.score,
                severity=severity,
                message=(
                    f"sentence is about {relative:.0%} of the length its counterparts have; part of it "
                    f"seems cut off. Compare {pivot} ¶{psegs[bead.a[0]].paragraph}: «{shorten(ref_text)}»"
                ),
            )


def _moved_to_neighbour(ctx: CheckContext, lang: str, bead) -> bool:
    """A translator may move a clause into the next (or previous) sentence: then the pivot
    sentence matches the pair of sentences at least as well as the short one alone."""
    segs = ctx.segments[lang]
    alone = ctx.similarity(ctx.pivot, bead.a, lang, bead.b)
    for j in (bead.b[0] - 1, bead.b[-1] + 1):
        if 0 <= j < len(segs) and segs[j].paragraph == segs[bead.b[0]].paragraph:
            joined = tuple(sorted(set(bead.b) | {j}))
            if ctx.similarity(ctx.pivot, bead.a, lang, joined) >= alone + MOVED_GAIN:
                return True
    return False
