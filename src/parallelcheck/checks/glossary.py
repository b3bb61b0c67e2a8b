"""PC204: a glossary term rendered otherwise than the glossary requires.

Paragraph row by paragraph row of the N-way alignment: where a version's text contains a
glossary term (in its own language), every other version's counterpart must contain one
of the renderings the glossary accepts for its language, and none it forbids. Latin-script
matching ignores case. The glossary comes from ``--glossary PATH`` (CSV or TBX, see
:mod:`parallelcheck.glossary`); without one the rule is silent.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..languages import profile
from ..model import Finding, Reference
from .base import CheckContext, Rule, shorten

GLOSSARY_TERM = Rule(
    "PC204", "glossary-term", "terminology", "error",
    "A glossary term is rendered otherwise than the glossary requires: with a forbidden "
    "rendering, or with none of the accepted ones (give the glossary with --glossary PATH, "
    "CSV or TBX).",
    example="glossary 중기부 → ja 中小ベンチャー企業部 | 中企部, forbidden 中基部 | 中期部: a Japanese "
            "title «中基部、2026年業務報告会開催» is reported.",
)
RULES = (GLOSSARY_TERM,)


def _find(text: str, term: str) -> int:
    """Index of ``term`` in ``text`` (case-insensitive for Latin script), or -1."""
    return text.casefold().find(term.casefold())


def run(ctx: CheckContext) -> Iterator[Finding]:
    for cells in ctx.paragraph_rows:
        texts = {lang: [(p, ctx.docs[lang].paragraphs[p]) for p in paras] for lang, paras in cells.items()}
        for entry in ctx.glossary:
            # glossary languages are base codes; versions may be locale variants (zh-TW)
            marked = [(lang, term) for base, term in entry.sources for lang in texts
                      if profile(lang).code == base and any(_find(par.text, term) >= 0 for _, par in texts[lang])]
            if not marked:
                continue
            src_lang, src_term = marked[0]
            for lang, paras in texts.items():
                if any(lang == m for m, _ in marked):
                    continue
                yield from _check_version(ctx, entry, lang, paras, src_lang, src_term, texts[src_lang])


def _check_version(ctx, entry, lang, paras, src_lang, src_term, src_paras) -> Iterator[Finding]:
    base = profile(lang).code
    required = entry.required.get(base, ()) + entry.required.get("*", ())
    forbidden = entry.forbidden.get(base, ()) + entry.forbidden.get("*", ())
    if entry.do_not_translate:
        required += (src_term,)
    ref_p, ref_para = next((p, par) for p, par in src_paras if _find(par.text, src_term) >= 0)
    reference = Reference(src_lang, ref_p, ref_para.text)
    accepted = " or ".join(f"«{r}»" for r in required)
    for p, par in paras:
        for bad in forbidden:
            i = _find(par.text, bad)
            if i >= 0:
                start = par.start + i
                yield GLOSSARY_TERM.finding(
                    language=lang,
                    location=ctx.span_location(lang, p, start, start + len(bad)),
                    reference=reference,
                    score=None,
                    message=(f"«{par.text[i : i + len(bad)]}» renders «{src_term}», which the glossary forbids"
                             + (f"; use {accepted}" if required else "")
                             + f" ({src_lang} ¶{ref_p} «{shorten(ref_para.text)}»)"),
                )
                return
    if required and not any(_find(par.text, r) >= 0 for _, par in paras for r in required):
        yield GLOSSARY_TERM.finding(
            language=lang,
            location=ctx.paragraph_location(lang, paras[0][0]),
            reference=reference,
            score=None,
            message=(f"«{src_term}» should be rendered {accepted} here, as the glossary requires "
                     f"({src_lang} ¶{ref_p} «{shorten(ref_para.text)}»)"),
        )
