"""PC101 / PC102 / PC103: content that most versions have and one lacks.

Blame is decided by :meth:`CheckContext.blame`: by consensus, a gap is reported against a
version only when at least half of all versions (the pivot included) have the content; with
a source named, whenever the source has it. When the pivot is the one lacking it, the
content is quoted from the first version that has it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from statistics import median

import numpy as np

from ..align.nway import content_length
from ..align.verify import unit_sum
from ..languages import profile
from ..segment.sentences import CLOSERS
from ..model import Finding, Reference
from .base import CheckContext, Rule, shorten

MISSING_PARAGRAPH = Rule(
    "PC101", "missing-paragraph", "missing", "error",
    "A whole paragraph that the other versions have is absent from this version.",
    example="ko, en, zh, fr have five paragraphs and ja four: ja is blamed where its third one should be, "
            "with the missing paragraph quoted from the reference.",
    settings=("alignment.split_clear_floor", "alignment.split_clear_margin", "alignment.sentence_in_neighbour"),
)
MISSING_SENTENCE = Rule(
    "PC102", "missing-sentence", "missing", "error",
    "One or more sentences that the other versions have are absent from an otherwise "
    "aligned paragraph of this version.",
    example="fr ¶2 has two of the three sentences the other versions have there: the missing one is "
            "quoted from the reference.",
    settings=("missing", "verification", "truncation.lost_ratio", "drift.error", "drift.short_chars"),
)
MISSING_ITEMS = Rule(
    "PC103", "missing-list-items", "truncated", "error",
    "A list (one item per line, or inline like '▲… ▲…') is present but lacks items that "
    "the other versions have: it was cut short.",
    example="the example's Japanese ▲ task list keeps items 1-2 (and a fragment of 4): items 3 and 4 are "
            "named from the Korean list.",
    settings=("verification", "missing", "truncation.lost_ratio"),
)
RULES = (MISSING_PARAGRAPH, MISSING_SENTENCE, MISSING_ITEMS)


def run(ctx: CheckContext) -> Iterator[Finding]:
    yield from _paragraph_gaps(ctx)
    gaps = list(_segment_gaps(ctx))
    yield from gaps
    # one finding per defect: a gap the pivot shows already names what is missing there
    seen = {(f.language, f.location.paragraph) for f in gaps}
    yield from (f for f in _missing_beside_a_merge(ctx) if (f.language, f.location.paragraph) not in seen)


def _missing_beside_a_merge(ctx: CheckContext) -> Iterator[Finding]:
    """A sentence missing where the pivot runs two sentences together.

    The pivot says in one sentence what most versions say in two; one version keeps only
    the first. Its sentence still matches the pivot's (half of it), so there is no gap to
    see from the pivot. Seen from the other versions there is one: a unit most of them have
    — the same content in each, a translation of one another — that this version's text does
    not express (no clause of it comes close), and that leaves it short.
    """
    for row in ctx.sentence_rows:
        others = [o for o in row if o != ctx.pivot]
        for lang in others:
            mine = row[lang]
            voters = [o for o in others if o != lang]
            if len(voters) < 2 or not any(len(row[o]) > len(mine) for o in voters):
                continue
            # Lengths first: cheap, and most rows stop here (piece matching encodes clauses).
            if _relative_length(ctx, row, lang) >= ctx.settings.missing.max_relative_length:
                continue  # as long as the others: the unit is there, in words no clause isolates
            unexpressed = {
                other: [u for u in row[other] if _judged(ctx, other, ctx.segments[other][u].text)
                        and _lost_in(ctx, row, other, u, lang)]
                for other in voters
                if len(row[other]) > len(mine)
            }
            found = _shared_unit(ctx, unexpressed, len(voters))
            if found is None:
                continue  # not what most other versions say
            other, unit, support = found
            seg = ctx.segments[other][unit]
            where = f"after «{shorten(ctx.quote_segments(lang, (mine[-1],)), 40)}»"
            lost = [u for u in unexpressed[other] if _shared(ctx, unexpressed, other, u, len(voters))]
            if seg.kind == "item" and all(ctx.segments[other][u].kind == "item" for u in lost):
                # list items: a list cut short, all its lost items named (as the pivot's gaps are)
                yield _list_cut(ctx, lang, ctx.location(lang, (mine[-1],)), other, lost, [seg.paragraph], where)
                continue
            yield MISSING_SENTENCE.finding(
                language=lang,
                location=ctx.location(lang, (mine[-1],)),
                reference=Reference(other, seg.paragraph, seg.text),
                score=None,
                message=(
                    f"a sentence present in {support + 1} of {len(ctx.languages)} versions is missing here "
                    f"({where}; the {ctx.pivot} version has it within a longer sentence): "
                    f"{other} ¶{seg.paragraph} «{shorten(ctx.quote(other, seg.start, seg.end))}»"
                ),
            )


def _lost_in(ctx: CheckContext, row, other: str, unit: int, lang: str) -> bool:
    """Does ``lang``'s text in the row fail to express ``other``'s unit, which the remaining
    versions (the pivot included) do express? (The test PC104 applies to lost clauses.)"""
    vec = ctx.vectors[other][unit]
    expressed = ctx.settings.verification.expressed

    def coverage(v: str) -> float:
        return ctx.matchers[v].best(vec, row[v]) / ctx.scale(other, v)

    mine = coverage(lang)
    if mine >= expressed:
        return False
    rest = [coverage(v) for v in row if v not in (lang, other)]
    return bool(rest) and median(rest) >= expressed and mine < ctx.settings.truncation.lost_ratio * median(rest)


def _relative_length(ctx: CheckContext, row, lang: str) -> float:
    """The version's length in the row against the median of the others', each scaled by
    its language's usual length relative to the pivot in this document."""
    def norm(v: str) -> float:
        chars = sum(content_length(ctx.segments[v][i].text) for i in row[v])
        return chars / (1.0 if v == ctx.pivot else ctx.alignment.calibration[v].length_ratio)

    rest = [norm(v) for v in row if v != lang]
    return norm(lang) / max(median(rest), 1e-6) if rest else 1.0


def _judged(ctx: CheckContext, lang: str, text: str) -> bool:
    """Long enough to judge (settings.missing.min_unit_chars: a quote's lead-in split off in
    one version, "…이렇게 말한다. “", is too short for its match to mean anything), and not
    the lead-in of a quote ("X said: “"), which versions that split sentences differently
    attach to the quote (it names a speaker, little more)."""
    text = text.strip()
    minimum = ctx.settings.missing.min_unit_chars
    base = profile(lang).code  # zh-TW reads zh's setting
    return content_length(text) >= minimum.get(base, minimum["*"]) and not text.endswith(("“", "「", "『", "«", '"', ":", "："))


def _shared_unit(ctx: CheckContext, unexpressed: dict[str, list[int]], voters: int):
    """(version, unit, how many versions have it) for a unit that more than half of the
    ``voters`` have unexpressed — the same content, judged by how well the units match one
    another — or None."""
    best = None
    for other, units in unexpressed.items():
        for u in units:
            support = _support_of(ctx, unexpressed, other, u)
            if support * 2 > voters and (best is None or support > best[2]):
                best = (other, u, support)
    return best


def _support_of(ctx: CheckContext, unexpressed: dict[str, list[int]], other: str, u: int) -> int:
    """How many of the versions in ``unexpressed`` have ``other``'s unit u unexpressed."""
    return 1 + sum(
        any(float(ctx.vectors[other][u] @ ctx.vectors[o2][u2]) / ctx.scale(other, o2)
            >= ctx.settings.verification.expressed for u2 in us)
        for o2, us in unexpressed.items() if o2 != other
    )


def _shared(ctx: CheckContext, unexpressed: dict[str, list[int]], other: str, u: int, voters: int) -> bool:
    return _support_of(ctx, unexpressed, other, u) * 2 > voters


def _neighbour_paragraph(ctx: CheckContext, lang: str, row_index: int) -> tuple[int, str] | None:
    """The version's closest paragraph before (else after) a row, to anchor a location."""
    rows = ctx.alignment.paragraphs.rows
    for r in range(row_index - 1, -1, -1):
        cell = rows[r].get(lang)
        if cell:
            return cell[-1], "after"
    for r in range(row_index + 1, len(rows)):
        cell = rows[r].get(lang)
        if cell:
            return cell[0], "before"
    return None


def _paragraph_gaps(ctx: CheckContext) -> Iterator[Finding]:
    rows = ctx.alignment.paragraphs.rows
    for r, row in enumerate(rows):
        have = [lang for lang in ctx.languages if row.get(lang)]
        blame = ctx.blame(have)
        if blame is None:
            continue
        ref_lang = ctx.pivot if ctx.pivot in have else have[0]
        ref_paras = row.get(ref_lang)
        ref_doc = ctx.docs[ref_lang]
        ref_text = "\n\n".join(ref_doc.paragraphs[p].text for p in ref_paras)
        quoted = " ".join(ctx.quote(ref_lang, ref_doc.paragraphs[p].start, ref_doc.paragraphs[p].end)
                          for p in ref_paras)
        for lang in blame.lacking:
            anchor = _neighbour_paragraph(ctx, lang, r)
            if anchor is None:
                continue
            para, where = anchor
            n = len(ref_paras)
            what = "a paragraph" if n == 1 else f"{n} paragraphs"
            yield MISSING_PARAGRAPH.finding(
                language=lang,
                location=ctx.paragraph_location(lang, para),
                reference=Reference(ref_lang, ref_paras[0], ref_text),
                score=None,
                severity=blame.severity,
                message=(
                    f"{what} present in {len(have)} of {len(ctx.languages)} versions {'is' if n == 1 else 'are'} missing here "
                    f"({where} this paragraph): {ref_lang} ¶{ref_paras[0]} «{shorten(quoted)}»"
                ),
            )


def _segment_gaps(ctx: CheckContext) -> Iterator[Finding]:
    """Pivot segments skipped inside aligned paragraphs, grouped into runs."""
    for row_index, row_beads in enumerate(ctx.alignment.segment_beads):
        row = ctx.alignment.paragraphs.rows[row_index]
        if not row.get(ctx.pivot):
            continue
        for lang, beads in row_beads.items():
            if not row.get(lang):
                continue  # whole-paragraph gap, reported above
            run_start = None
            for pos in range(len(beads) + 1):
                gap = (pos < len(beads) and beads[pos].a and not beads[pos].b and _blamed(ctx, lang, beads[pos].a[0])
                       and not _merged_into_neighbour(ctx, lang, beads, pos))
                if gap and run_start is None:
                    run_start = pos
                elif not gap and run_start is not None:
                    yield _segment_finding(ctx, lang, beads, run_start, pos)
                    run_start = None


# A sentence end inside a segment: 。！？ (CJK), or . ! ? after a letter and before a space;
# with the closing quotes and brackets after it.
_INNER_END = re.compile(r"[。！？]+[" + re.escape(CLOSERS) + r"]*|(?<=[^\d\s])[.!?]+[" + re.escape(CLOSERS) + r"]*(?=\s)")


def _inner_sentences(text: str) -> list[str]:
    """The sentences of a segment at every sentence end inside it, including those the
    segmenter rightly or wrongly kept together (inside a quotation kept whole)."""
    out, pos = [], 0
    for m in _INNER_END.finditer(text):
        out.append(text[pos : m.end()])
        pos = m.end()
    out.append(text[pos:])
    return [t.strip() for t in out if any(ch.isalnum() for ch in t)]


def _merged_into_neighbour(ctx: CheckContext, lang: str, beads, pos: int) -> bool:
    """Is the pivot unit of gap bead ``pos`` held by a sentence at the near end of the
    neighbouring segment — the version ran two sentences into one segment (settings.missing
    .merged_sentence), rather than dropping one? The near sentence must match the unit
    better than it matches the neighbour's own unit (so a neighbour that holds two sentences
    of its own, next to a sentence really lost, is not taken for a merge)."""
    if ctx.encode is None:
        return False
    k = beads[pos].a[0]
    pivot = ctx.pivot
    scale = ctx.scale(pivot, lang)
    floor = ctx.settings.missing.merged_sentence
    sides = ((next((b for b in reversed(beads[:pos]) if b.b), None), -1),
             (next((b for b in beads[pos + 1 :] if b.b), None), 0))
    for nb, end in sides:
        if nb is None or not nb.a:
            continue
        sentences = _inner_sentences(ctx.segments[lang][nb.b[end]].text)
        if len(sentences) < 2 or not _judged(ctx, lang, sentences[end]):
            continue
        vec = np.asarray(ctx.encode([sentences[end]]), dtype=np.float64)[0]
        mine = float(vec @ ctx.vectors[pivot][k]) / scale
        own = float(vec @ unit_sum(ctx.vectors[pivot], nb.a)) / scale
        if mine >= floor and mine > own:
            return True
    return False


def _holders(ctx: CheckContext, k: int) -> list[str]:
    """The versions (the pivot included) that have pivot segment k."""
    return [ctx.pivot, *(o for o in ctx.others if ctx.pivot_beads[o].get(k) is not None and ctx.pivot_beads[o][k].b)]


def _support(ctx: CheckContext, k: int) -> int:
    """How many versions (the pivot included) have pivot segment k."""
    return len(_holders(ctx, k))


def _blamed(ctx: CheckContext, lang: str, k: int) -> bool:
    """Is ``lang``, which lacks pivot segment k, to blame for it? (CheckContext.blame)"""
    blame = ctx.blame(_holders(ctx, k))
    return blame is not None and lang in blame.lacking


def _segment_finding(ctx: CheckContext, lang: str, beads, lo: int, hi: int) -> Finding:
    pivot = ctx.pivot
    missing = [i for b in beads[lo:hi] for i in b.a]
    psegs = ctx.segments[pivot]
    before = next((b for b in reversed(beads[:lo]) if b.b), None)
    after = next((b for b in beads[hi:] if b.b), None)
    if before is not None:
        loc = ctx.location(lang, (before.b[-1],))
        where = f"after «{shorten(ctx.quote_segments(lang, (before.b[-1],)), 40)}»"
    else:
        loc = ctx.location(lang, (after.b[0],))  # type: ignore[union-attr]
        where = f"before «{shorten(ctx.quote_segments(lang, (after.b[0],)), 40)}»"  # type: ignore[union-attr]
    # A gap next to an insertion is a replacement: the text there says something else.
    swapped = [b for b in (beads[lo - 1] if lo else None, beads[hi] if hi < len(beads) else None)
               if b is not None and b.b and not b.a]
    if swapped:
        from .drift import DRIFT, severity

        ref_text = " ".join(psegs[i].text for i in missing)
        # As PC105 itself: an error when the text there is unrelated, else a warning (the
        # encoder scores some short, correct translations low: 然后一脚妙传… for "He then
        # fired a beautiful through ball…" at 0.42 of the usual).
        similarity = ctx.similarity(pivot, tuple(missing), lang, swapped[0].b) / ctx.scale(pivot, lang)
        return DRIFT.finding(
            language=lang,
            location=ctx.location(lang, swapped[0].b),
            reference=ctx.reference(pivot, missing, ref_text),
            score=similarity,
            severity=severity(ctx, similarity, pivot, ref_text, lang, ctx.text(lang, swapped[0].b)),
            message=(
                f"this says something else than {'the source, which has' if ctx.source else 'the other versions, which have'} here: "
                f"{pivot} ¶{psegs[missing[0]].paragraph} «{shorten(ctx.quote_segments(pivot, missing))}»"
            ),
        )
    items = [i for i in missing if psegs[i].kind == "item"]
    ref_text = " ".join(psegs[i].text for i in missing)
    reference = ctx.reference(pivot, missing, ref_text)
    have = _support(ctx, missing[0])
    if items and len(items) == len(missing):
        # the lost items may span paragraphs (one item per paragraph: a row of several)
        return _list_cut(ctx, lang, loc, pivot, missing, sorted({psegs[i].paragraph for i in missing}), where)
    n = len(missing)
    what = "a sentence" if n == 1 else f"{n} sentences"
    return MISSING_SENTENCE.finding(
        language=lang,
        location=loc,
        reference=reference,
        score=None,
        message=(
            f"{what} present in {have} of {len(ctx.languages)} versions {'is' if n == 1 else 'are'} missing here "
            f"({where}): "
            f"{pivot} ¶{psegs[missing[0]].paragraph} «{shorten(ctx.quote_segments(pivot, missing))}»"
        ),
    )


def _list_cut(ctx: CheckContext, lang: str, location, ref_lang: str, lost, paras: list[int], where: str) -> Finding:
    """PC103 on ``lang`` for the list items ``lost`` (segments of ``ref_lang``, whose list
    spans paragraphs ``paras``), each named: a list cut short."""
    total = sum(_list_size(ctx, ref_lang, p) for p in paras)
    span = f"¶{paras[0]}" if len(paras) == 1 else f"¶{paras[0]}-¶{paras[-1]}"
    quoted = " ".join(f"«{shorten(ctx.quote_segments(ref_lang, (u,)), 60)}»" for u in lost)
    return MISSING_ITEMS.finding(
        language=lang,
        location=location,
        reference=ctx.reference(ref_lang, lost, " ".join(ctx.segments[ref_lang][u].text for u in lost)),
        score=None,
        message=f"list cut short: {len(lost)} of {total} items in {ref_lang} {span} are missing here ({where}): {quoted}",
    )


def _list_size(ctx: CheckContext, lang: str, para: int) -> int:
    return sum(1 for s in ctx.docs[lang].paragraphs[para].segments if s.kind == "item")
