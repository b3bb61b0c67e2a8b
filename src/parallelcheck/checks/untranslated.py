"""PC106: text left in another language (usually copied from the source)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..languages import profile
from ..model import Finding
from .base import CheckContext, Rule, shorten

UNTRANSLATED = Rule(
    "PC106", "untranslated", "untranslated", "error",
    "Text in this version is in another language: it is (nearly) the same text as another "
    "version's, or it lacks the script this language is written in.",
    example="a paragraph of the ja version that is the English text word for word; names and codes in "
            "Latin letters inside Japanese text are not enough to trigger it.",
    settings=("untranslated", "langid"),
)
RULES = (UNTRANSLATED,)

_WORD = re.compile(r"[^\W\d_]{2,}")


def _grams(text: str) -> set[str]:
    t = " ".join(text.lower().split())
    return {t[i : i + 4] for i in range(max(len(t) - 3, 0))}


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(len(a), len(b), 1)  # symmetric: shared names alone are not a copy


def run(ctx: CheckContext) -> Iterator[Finding]:
    limits = ctx.settings.untranslated
    for lang in ctx.languages:
        doc = ctx.docs[lang]
        counterparts = _counterparts(ctx, lang)
        flagged: list[tuple[int, str]] = []  # (segment index, language it is in)
        for j, seg in enumerate(doc.segments):
            letters = sum(1 for ch in seg.text if ch.isalpha())
            if letters < limits.min_letters or len(_WORD.findall(seg.text)) < limits.min_words:
                continue
            script = profile(lang).own_script
            if script is not None:
                # names in Latin letters are normal in CJK text; a sentence almost without the
                # language's own script is not
                if len(script.findall(seg.text)) < limits.min_own_script * letters:
                    flagged.append((j, _source_language(ctx, lang, j, counterparts) or "?"))
                continue
            copied = _source_language(ctx, lang, j, counterparts)
            if copied and _not_in_own_language(seg.text, lang, ctx.settings):
                flagged.append((j, copied))
        yield from _group(ctx, lang, flagged)


def _counterparts(ctx: CheckContext, lang: str) -> dict[int, list[tuple[str, tuple[int, ...]]]]:
    """Segment j of ``lang`` → the groups other versions aligned with the same pivot content."""
    out: dict[int, list[tuple[str, tuple[int, ...]]]] = {}
    if lang == ctx.pivot:
        for k in range(len(ctx.segments[lang])):
            out[k] = [(o, ctx.pivot_beads[o][k].b) for o in ctx.others if ctx.pivot_beads[o].get(k) and ctx.pivot_beads[o][k].b]
        return out
    for k, bead in ctx.pivot_beads[lang].items():
        for j in bead.b:
            groups = out.setdefault(j, [(ctx.pivot, bead.a)])
            for o in ctx.others:
                ob = ctx.pivot_beads[o].get(k)
                if o != lang and ob is not None and ob.b and (o, ob.b) not in groups:
                    groups.append((o, ob.b))
    return out


def _source_language(ctx: CheckContext, lang: str, j: int, counterparts) -> str | None:
    mine = _grams(ctx.segments[lang][j].text)
    for other, idx in counterparts.get(j, []):
        if _overlap(mine, _grams(ctx.text(other, idx))) >= ctx.settings.untranslated.copy_overlap:
            return other
    return None


def _not_in_own_language(text: str, lang: str, settings) -> bool:
    """Shared names make texts overlap; the copy must also read as another language."""
    from ..load.langid import identify_language

    guess, conf = identify_language(text, settings.langid)
    return guess is not None and guess != lang and conf >= settings.untranslated.min_language_confidence


def _group(ctx: CheckContext, lang: str, flagged: list[tuple[int, str]]) -> Iterator[Finding]:
    segs = ctx.segments[lang]
    runs: list[list[tuple[int, str]]] = []
    for j, src in flagged:
        if runs and runs[-1][-1][0] == j - 1 and segs[j].paragraph == segs[runs[-1][-1][0]].paragraph:
            runs[-1].append((j, src))
        else:
            runs.append([(j, src)])
    for run in runs:
        idx = [j for j, _ in run]
        src = run[0][1]
        text = ctx.text(lang, idx)
        where = f" (same text as the {src} version)" if src != "?" else ""
        yield UNTRANSLATED.finding(
            language=lang,
            location=ctx.location(lang, idx),
            reference=None,
            score=None,
            message=f"not translated into {lang}{where}: «{shorten(text)}»",
        )
