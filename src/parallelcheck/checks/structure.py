"""PC205: a list with fewer items than the other versions' counterpart list; PC206: a
heading that is not one (or not of the same level) in this version.

A count, independent of how the model pairs items up: per paragraph row of the N-way
alignment, the items that open with a list marker (▲, •, -, 1., ①, (1)…, one per line or
inline) are counted in each version; when most versions agree on a count and one has
fewer, it is blamed, naming the reference items that have no counterpart there when the
alignment can tell. Where PC103 already names the lost items, this finding is dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ..model import Finding, Reference
from .base import CheckContext, Rule, shorten

LIST_ITEM_COUNT = Rule(
    "PC205", "list-item-count", "structure", "warning",
    "A list has fewer items than the same list in most other versions (counted by their "
    "markers: ▲, •, -, 1., ①…, one per line or inline).",
    example="ko, en, zh, fr list four ▲ items in ¶3 and ja two: ja ¶3 is reported «2 items where the "
            "others have 4» (unless PC103 already names the lost items).",
)
HEADING_MISMATCH = Rule(
    "PC206", "heading-mismatch", "structure", "warning",
    "A paragraph that most versions mark as a heading (Markdown '#'…'######', or a line "
    "underlined with === or ---) is plain text here, or a heading of another level.",
    example="en «## Results» · fr «## Résultats» · ja «結果» (no '##') → ja is reported: a level-2 "
            "heading in the other versions is plain text here.",
)
RULES = (LIST_ITEM_COUNT, HEADING_MISMATCH)

_MARKER = re.compile(r"\s*(?:[▲△■□●○•◆◇▶►\-*–·]|\(?\d{1,2}[.)]|[\u2460-\u2473])")


def _items(ctx: CheckContext, lang: str, paras) -> list[int]:
    """Global indices of the segments that start a list item in these paragraphs."""
    segs = ctx.segments[lang]
    return [
        i for p in paras for i in ctx.docs[lang].segment_ranges[p]
        if segs[i].kind == "item" and _MARKER.match(segs[i].text)
    ]


def run(ctx: CheckContext) -> Iterator[Finding]:
    yield from _list_counts(ctx)
    yield from _headings(ctx)


_ATX = re.compile(r"(#{1,6})[ \t]+\S")
_SETEXT = re.compile(r"[^\n]+\n[ \t]*(=+|-+)[ \t]*$")


def heading_level(text: str) -> int | None:
    """The Markdown heading level of a paragraph (1-6), or None for body text."""
    m = _ATX.match(text)
    if m:
        return len(m.group(1))
    m = _SETEXT.fullmatch(text.strip())
    if m:
        return 1 if m.group(1).startswith("=") else 2
    return None


def _headings(ctx: CheckContext) -> Iterator[Finding]:
    for cells in ctx.paragraph_rows:
        if len(cells) < 3:
            continue  # two versions: no majority to side with
        levels = {lang: heading_level(ctx.docs[lang].paragraphs[paras[0]].text) for lang, paras in cells.items()}
        level, votes = Counter(levels.values()).most_common(1)[0]
        if level is None or votes * 2 <= len(cells):
            continue
        ref_lang = ctx.pivot if levels.get(ctx.pivot) == level else next(o for o in cells if levels[o] == level)
        ref_para = cells[ref_lang][0]
        ref_text = ctx.docs[ref_lang].paragraphs[ref_para].text
        for lang, mine in levels.items():
            if mine == level:
                continue
            here = "plain text" if mine is None else f"a level-{mine} heading"
            yield HEADING_MISMATCH.finding(
                language=lang,
                location=ctx.paragraph_location(lang, cells[lang][0]),
                reference=Reference(ref_lang, ref_para, ref_text),
                score=None,
                message=(f"a level-{level} heading in {votes} of {len(cells)} versions is {here} here "
                         f"({ref_lang} ¶{ref_para} «{shorten(ref_text, 60)}»)"),
            )


def _list_counts(ctx: CheckContext) -> Iterator[Finding]:
    for cells in ctx.paragraph_rows:
        items = {lang: _items(ctx, lang, paras) for lang, paras in cells.items()}
        listed = {lang: len(v) for lang, v in items.items() if v}
        if len(listed) < 2 or len(cells) < 3:
            continue
        count, votes = Counter(len(v) for v in items.values()).most_common(1)[0]
        if count == 0 or votes * 2 <= len(cells):
            continue  # no majority count to side with
        for lang, mine in items.items():
            if len(mine) >= count:
                continue
            ref_lang = ctx.pivot if ctx.pivot != lang and len(items.get(ctx.pivot, ())) == count else next(
                o for o in cells if o != lang and len(items[o]) == count)
            lost = _unmatched(ctx, lang, ref_lang, items[ref_lang])
            ref_segs = ctx.segments[ref_lang]
            ref_text = " ".join(ref_segs[i].text for i in (lost or items[ref_lang]))
            named = "; lacks " + " ".join(f"«{shorten(ref_segs[i].text, 60)}»" for i in lost) if lost else ""
            yield LIST_ITEM_COUNT.finding(
                language=lang,
                location=ctx.paragraph_location(lang, cells[lang][0]),
                reference=Reference(ref_lang, ref_segs[items[ref_lang][0]].paragraph, ref_text),
                score=None,
                message=(f"list has {len(mine)} item{'s' if len(mine) != 1 else ''} where the other versions "
                         f"have {count} ({ref_lang} ¶{ref_segs[items[ref_lang][0]].paragraph}){named}"),
            )


def _unmatched(ctx: CheckContext, lang: str, ref_lang: str, ref_items: list[int]) -> list[int]:
    """Reference items the alignment leaves without a counterpart in ``lang`` (pivot only)."""
    if ref_lang != ctx.pivot or lang not in ctx.pivot_beads:
        return []
    beads = ctx.pivot_beads[lang]
    return [i for i in ref_items if beads.get(i) is not None and not beads[i].b]
