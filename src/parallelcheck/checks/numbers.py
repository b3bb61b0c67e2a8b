"""PC201: a number that disagrees with the other versions.

Embeddings barely notice a changed number, so numbers are compared as values
(see :mod:`parallelcheck.quantities`: digits in any width and grouping, number words in
English and French, Chinese/Japanese numerals, Korean counts, 万/억 units), paragraph row
by paragraph row of the N-way alignment. A version is blamed only when it both *lacks* a
value most other versions state and *states* a value none of them has — a substitution
(15 → 50). A number that some versions spell out and others leave implicit is style, not
an error, so a value merely absent (or merely extra) is never reported. Words that say "one"
as a count (profile.one_words: «one per line», «un par ligne», 하나, 一行) are not numbers
(they are too often articles or pronouns) but support the value 1: ja «5行ごと» where the
others say one per line is a substitution; the words themselves are never blamed. A count
after a restating determiner (profile.restating_determiners: «les quatre jeunes gens») that
the version stated before and most others state in the document restates that total (the
title's «quatre arrestations»), where the others may break the group down: no substitution.

With a source (``--source``) the source is authoritative: a translation is judged against
the source alone — a value the source states that the translation replaced is an error on
the translation even when other translations share the wrong value — and the source is
never the one blamed. A row the source has no part in is not judged (its content is an
addition, PC107).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator

from ..languages import profile
from ..model import Finding, Reference
from ..quantities import CLOCK, DOTTED, Quantity, quantities, value_key
from .base import CheckContext, Rule, shorten

NUMBER_MISMATCH = Rule(
    "PC201", "number-mismatch", "number", "error",
    "A number differs from the other versions: this version states a value none of them has, "
    "where most of them state one it lacks (15 written as 50; 1,500만 as 150만).",
    example="en «Fifteen measures were announced» · fr «Quinze mesures» · ja «50の措置» → ja is blamed: "
            "50 where the others have 15.",
    settings=("numbers",),
)
# (With a source, "the other versions" are the source alone; see the module doc.)
RULES = (NUMBER_MISMATCH,)


def run(ctx: CheckContext) -> Iterator[Finding]:
    # Sentence rows first: there a changed number stands out even when the paragraph states
    # the original value elsewhere ("6 points" for "4 points", with "4" in the next
    # sentence), and values are counted ("aged 39, 34 and 39" for "33, 34 and 39").
    # Paragraph rows then catch what sentence alignment groups differently, with values
    # collected, not counted (a paragraph may repeat a number another version states once).
    # Each segment is read once; a paragraph's numbers are its segments' numbers.
    read: dict[tuple[str, int], list[tuple[int, Quantity]]] = {}
    segment_of: dict[tuple[str, int], int] = {}  # (language, a quantity's start) -> its segment
    # (language, start) of "one" words (profile.one_words): they support the value 1 and are
    # never blamed themselves.
    support_only: set[tuple[str, int]] = set()

    def numbers_of(lang: str, indices) -> list[tuple[int, Quantity]]:
        out = []
        for i in indices:
            if (lang, i) not in read:
                seg = ctx.segments[lang][i]
                read[(lang, i)] = [
                    (seg.paragraph, Quantity(q.value, seg.start + q.start, seg.start + q.end, q.text, q.unit))
                    for q in quantities(seg.text, lang)
                ]
                for q in _one_words(seg.text, lang, [q for _, q in read[(lang, i)]], seg.start):
                    read[(lang, i)].append((seg.paragraph, q))
                    support_only.add((lang, q.start))
                for _, q in read[(lang, i)]:
                    segment_of[(lang, q.start)] = i
            out += read[(lang, i)]
        return out

    document_values: dict[str, dict[tuple[str, float], int]] = {}

    def values_in_document(lang: str) -> dict[tuple[str, float], int]:
        """(unit, value key) of every number ``lang`` states -> where it first states it;
        read once, when needed."""
        if lang not in document_values:
            first: dict[tuple[str, float], int] = {}
            for _, x in numbers_of(lang, range(len(ctx.segments[lang]))):
                if (lang, x.start) not in support_only:
                    key = (x.unit, value_key(x.value))
                    first[key] = min(first.get(key, x.start), x.start)
            document_values[lang] = first
        return document_values[lang]

    def restated(lang: str, q: Quantity, judges: list[str]) -> bool:
        return _restates(ctx, lang, q, judges, values_in_document)

    reported: set[tuple[str, int]] = set()
    # Where each sentence's numbers were judged: (language, segment) -> its sentence row's
    # values by language.
    judged: dict[tuple[str, int], dict[str, set[tuple[str, float]]]] = {}
    for cells in ctx.sentence_rows:
        found = {lang: numbers_of(lang, segs) for lang, segs in cells.items()}
        values = {lang: {(q.unit, value_key(q.value)) for _, q in qs} for lang, qs in found.items()}
        for lang, segs in cells.items():
            for i in segs:
                judged[(lang, i)] = values
        for f in _compare(ctx, found, counted=True, support_only=support_only, restated=restated):
            reported.add((f.language, f.location.paragraph))
            yield f

    def seen_in_its_sentence_row(n_versions: int, lang: str, q: Quantity, unit: str, value: float) -> bool:
        """Whether the sentence that states ``q`` sat in a sentence row with all
        ``n_versions`` versions of the paragraph row, none of which states ``value`` there:
        that row already showed ``q`` is no substitution for it (a paragraph only adds
        coincidences: "half an inch" written 0.5 in one sentence, "1 to 4 inches" in another)."""
        values = judged.get((lang, segment_of[(lang, q.start)]))
        return values is not None and len(values) >= n_versions and not any(
            (unit, value) in values[o] for o in _judges(ctx, lang, values))

    for cells in ctx.paragraph_rows:
        found = {lang: numbers_of(lang, [i for p in paras for i in ctx.docs[lang].segment_ranges[p]])
                 for lang, paras in cells.items()}
        for f in _compare(ctx, found, excused=functools.partial(seen_in_its_sentence_row, len(cells)),
                          support_only=support_only, restated=restated):
            if (f.language, f.location.paragraph) not in reported:
                yield f


def _compare(ctx: CheckContext, found: dict[str, list[tuple[int, Quantity]]], counted: bool = False,
             excused=None, support_only=frozenset(), restated=None) -> Iterator[Finding]:
    """Findings for one row: ``found`` maps each version to its (paragraph, quantity) pairs,
    offsets absolute in the version's text; ``counted``: compare how often each value occurs;
    ``excused(lang, quantity, unit, value)``: the stated quantity is known not to replace value;
    ``support_only``: (language, start) of quantities that support a value but are never blamed
    (the "one" words); ``restated(lang, quantity, judges)``: the stated quantity restates a
    count the document gave before."""
    if len(found) < 2:
        return
    for lang, qs in found.items():
        others = _judges(ctx, lang, found)
        if not others or len(others) == 1 and lang == ctx.pivot:
            continue  # two versions: the reference is not the one blamed; the source never is
        lacks: set[tuple[str, float]] = set()
        extra: list = []
        # Plain numbers against every other version; lengths and weights only against
        # the versions that state them in the same unit family (mph with 마일, not km/h).
        for unit in sorted({q.unit for _, q in qs}):
            mine = _values(qs, unit, counted)
            peers = {o: _values(found[o], unit, counted) for o in others}
            peers = {o: v for o, v in peers.items() if v or not unit}
            if not peers or unit and len(peers) < 2 and ctx.source is None:
                continue  # a unit family stated by one other version: no majority to side with

            def support(v: float, times: int = 1) -> int:
                return sum(counts[v] >= times for counts in peers.values())

            # lacking: most others state it more often; extra: no other states it as often
            unit_lacks = {v for v in set().union(*peers.values()) if support(v, mine[v] + 1) * 2 > len(peers)}
            unit_extra = [(p, q) for p, q in qs if q.unit == unit and support(value_key(q.value), mine[value_key(q.value)]) == 0
                          and not (q.value == 1 and profile(lang).one_as_article) and (lang, q.start) not in support_only
                          and not (restated is not None and restated(lang, q, others))]
            # A substitution changes a number, not its order of magnitude: 15 → 50,
            # 1,500 → 150, 2026 → 2025. "1930s" against "30年代", or a year against a
            # month another version leaves implicit, are different numbers, not a wrong one.
            # A 1 that only "one" words state is a count: a version number (1.6) is no
            # substitution for it.
            said = {v for o in peers for _, q in found[o] if q.unit == unit and (o, q.start) not in support_only
                    for v in [value_key(q.value)]}
            pairs = [(v, x) for v in unit_lacks for x in unit_extra if (unit in (CLOCK, DOTTED) or _plausible(v, x[1].value, ctx.settings.numbers.max_ratio))
                     and not (excused and excused(lang, x[1], unit, v))
                     and (v in said or x[1].value == int(x[1].value))]
            lacks |= {(unit, v) for v, _ in pairs}
            extra += [x for _, x in pairs if x not in extra]
        if lacks and extra:
            yield _finding(ctx, lang, sorted(extra, key=lambda x: x[1].start), sorted(lacks), found)


def _restates(ctx: CheckContext, lang: str, q: Quantity, judges: list[str], values_in_document) -> bool:
    """A count after a restating determiner (profile.restating_determiners: «les quatre jeunes
    gens», "the four men") refers back to a group the document has named: when this version
    stated the same count earlier and most ``judges`` state it somewhere in the document, it
    restates that total («quatre arrestations» in the title) where the others may break it
    down ("a 17-year-old, two 18-year-olds and a 20-year-old") — no substitution. Plain
    counts only, up to settings.numbers.restated_count_max (a year after "the" is a figure).
    ``values_in_document(lang)``: (unit, value key) of every number a version states -> where
    it first states it."""
    pattern = _restating_pattern(lang)
    if pattern is None or q.unit or q.value != int(q.value) or not 1 < q.value <= ctx.settings.numbers.restated_count_max:
        return False
    if not pattern.search(ctx.docs[lang].document.text, max(0, q.start - 24), q.start):
        return False
    key = (q.unit, value_key(q.value))
    if values_in_document(lang).get(key, q.start) >= q.start:
        return False  # not stated before
    return sum(key in values_in_document(o) for o in judges) * 2 > len(judges)


@functools.lru_cache(maxsize=None)
def _restating_pattern(lang: str) -> re.Pattern[str] | None:
    words = profile(lang).restating_determiners
    return re.compile(words) if words else None


@functools.lru_cache(maxsize=None)
def _one_pattern(lang: str) -> re.Pattern[str] | None:
    words = profile(lang).one_words
    return re.compile(words) if words else None


def _one_words(text: str, lang: str, stated: list[Quantity], offset: int) -> list[Quantity]:
    """The "one" words of ``text`` (profile.one_words) outside the quantities ``stated`` (spans
    in the whole version), as quantities of value 1, spans shifted by ``offset``."""
    pattern = _one_pattern(lang)
    if pattern is None:
        return []
    return [Quantity(1.0, offset + m.start(), offset + m.end(), m.group()) for m in pattern.finditer(text)
            if not any(q.start < offset + m.end() and offset + m.start() < q.end for q in stated)]


def _judges(ctx: CheckContext, lang: str, found) -> list[str]:
    """The versions ``lang``'s numbers are judged against: the others of the row; with a
    source, the source alone (none for the source itself, or where it has no part)."""
    if ctx.source is None:
        return [o for o in found if o != lang]
    return [ctx.source] if lang != ctx.source and ctx.source in found else []


def _values(qs, unit: str, counted: bool) -> Counter[float]:
    values = Counter(value_key(q.value) for _, q in qs if q.unit == unit)
    return values if counted else Counter(set(values))


def _plausible(expected: float, stated: float, max_ratio: float) -> bool:
    """Could ``stated`` be ``expected`` written wrong? (Within ``max_ratio`` of it.)"""
    if expected <= 0 or stated <= 0:
        return expected == stated
    return max(expected, stated) / min(expected, stated) <= max_ratio


def _fmt(v: float, unit: str = "") -> str:
    if unit == CLOCK:
        return f"{int(v) // 60}:{int(v) % 60:02d} (12-hour)"
    return f"{int(v):,}" if v == int(v) else f"{v:g}"


def _as_written(found, unit: str, value: float) -> str:
    """A value other versions state, as one of them writes it when it has a dot (6.10, not
    6.1; a version string, not its key), else formatted."""
    written = next((x.text for qs in found.values() for _, x in qs
                    if x.unit == unit and value_key(x.value) == value), None)
    if unit == DOTTED or written is not None and re.fullmatch(r"\d+\.\d+", written.strip()):
        return written or _fmt(value, unit)
    return _fmt(value, unit)


def _finding(ctx: CheckContext, lang: str, extra, lacks: list[tuple[str, float]], found) -> Finding:
    p, q = extra[0]
    # The reference: where the pivot (or else the first version that has it) states the value.
    unit, value = lacks[0]
    ref_lang = next(o for o in [ctx.pivot, *ctx.languages] if o != lang and o in found
                    and any(value_key(x.value) == value and x.unit == unit for _, x in found[o]))
    ref_p, ref_q = next((rp, x) for rp, x in found[ref_lang] if value_key(x.value) == value and x.unit == unit)
    ref_para = ctx.docs[ref_lang].paragraphs[ref_p]
    seg = next((s for s in ctx.docs[ref_lang].segments if s.start <= ref_q.start < s.end), None)
    ref_text = seg.text if seg is not None else ref_para.text
    stated = ", ".join(f"«{x.text}»" for _, x in extra)
    expected = ", ".join(_as_written(found, u, v) for u, v in lacks)
    return NUMBER_MISMATCH.finding(
        language=lang,
        location=ctx.span_location(lang, p, q.start, q.end),
        reference=Reference(ref_lang, ref_p, ref_text),
        score=None,
        message=(
            f"number differs: this version has {stated} where {'the source has' if ctx.source else 'the other versions have'} {expected} "
            f"({ref_lang} ¶{ref_p} «{shorten(ctx.quote(ref_lang, seg.start, seg.end) if seg is not None else ref_text)}»)"
        ),
    )
