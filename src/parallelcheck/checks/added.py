"""PC107: content one version has that the others lack (or, by majority, the pivot lacks)."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding
from .base import CheckContext, Rule, shorten
from .missing import MISSING_SENTENCE

ADDED = Rule(
    "PC107", "added-content", "added", "info",
    "A version has a sentence or paragraph that none of the others has: an addition, or text "
    "pasted in the wrong place.",
    example="a sentence only the zh version has (info: shown, never failing a run).",
    settings=("added",),
)
RULES = (ADDED,)


def run(ctx: CheckContext) -> Iterator[Finding]:
    majority = (len(ctx.languages) + 1) // 2
    for row_index, row_beads in enumerate(ctx.alignment.segment_beads):
        # Insertions keyed by the pivot segment they follow (-1: row start).
        at: dict[int, dict[str, tuple[int, ...]]] = {}
        for lang, beads in row_beads.items():
            last = -1
            for n, b in enumerate(beads):
                if b.a:
                    last = b.a[-1]
                elif b.b and not _next_to_gap(beads, n) and not _split_remnant(ctx, lang, beads, n):
                    prev = at.setdefault(last, {}).get(lang, ())
                    at[last][lang] = prev + b.b
        for after, found in sorted(at.items()):
            if len(found) >= majority and _same_content(ctx, found):
                # Most versions have it and the pivot doesn't: the pivot is the one missing it.
                ref_lang = sorted(found, key=ctx.languages.index)[0]
                ref_idx = found[ref_lang]
                anchor = (after,) if after >= 0 else None
                if anchor is None:
                    continue
                ref_text = ctx.text(ref_lang, ref_idx)
                yield MISSING_SENTENCE.finding(
                    language=ctx.pivot,
                    location=ctx.location(ctx.pivot, anchor),
                    reference=ctx.reference(ref_lang, ref_idx),
                    score=None,
                    message=(
                        f"content present in {len(found)} of {len(ctx.languages)} versions is missing "
                        f"here (after this sentence): {ref_lang} «{shorten(ref_text)}»"
                    ),
                )
                continue
            for lang, idx in found.items():
                text = ctx.text(lang, idx)
                yield ADDED.finding(
                    language=lang,
                    location=ctx.location(lang, idx),
                    reference=None,
                    score=None,
                    message=f"no other version has this: «{shorten(text)}»",
                )


def _next_to_gap(beads, n: int) -> bool:
    """An insertion beside a pivot gap is a replacement, reported by the missing check."""
    return any(0 <= m < len(beads) and beads[m].a and not beads[m].b for m in (n - 1, n + 1))


def _split_remnant(ctx: CheckContext, lang: str, beads, n: int) -> bool:
    """The unmatched piece is the rest of a sentence the translator split in two when the
    neighbouring match gets no worse (or better) with the piece added back to it."""
    piece = beads[n].b
    for m in (n - 1, n + 1):
        if 0 <= m < len(beads) and beads[m].a and beads[m].b:
            alone = ctx.similarity(ctx.pivot, beads[m].a, lang, beads[m].b)
            joined = ctx.similarity(ctx.pivot, beads[m].a, lang, tuple(sorted(beads[m].b + piece)))
            if joined >= alone - ctx.settings.added.remnant_tolerance:
                return True
    return False


def _same_content(ctx: CheckContext, found: dict[str, tuple[int, ...]]) -> bool:
    langs = sorted(found)
    sims = [
        ctx.similarity(x, found[x], y, found[y]) / ctx.scale(x, y)
        for i, x in enumerate(langs)
        for y in langs[i + 1 :]
    ]
    return bool(sims) and sum(sims) / len(sims) >= ctx.settings.added.same_content
