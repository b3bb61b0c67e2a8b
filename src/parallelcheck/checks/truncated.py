"""PC104: a sentence that is present but lacks part of its content.

Signals, all measured against the *other versions* rather than fixed thresholds, so
that a loose but complete translation stays quiet:

- it is much shorter than its counterparts (each pair against its usual length ratio, then
  against the median of the other versions);
- that shortfall is far outside what this version does elsewhere in the document (a loose
  translation is short everywhere; a cut stands out);
- it matches a *part* of the other versions' sentences (a clause or a run of clauses)
  better than their whole sentence — what a cut-off sentence does and a complete one
  does not;
- or, instead of the part gain: the close of the reference sentence is what it fails to
  express, while the other versions express it (and it expresses the opening as they do);
- or, instead of the part gain and the close: a number that the reference sentence and
  every other version's counterpart state is nowhere in it or its neighbours (then it may
  be a little longer, under 0.8 of its counterparts);
- or, instead of the last four: it ends mid-phrase (a full stop after a particle, a
  connective or an article) where the reference sentence ends properly — what text cut at
  a character limit looks like — and is clearly shorter than its counterparts.

Not a cut (issue 14, read on real translations): a sentence whose neighbour in the paragraph
matches no reference sentence and says the reference's close (one sentence rendered as two);
a sentence without a sentence end whose verb follows the list it introduces; an ending the
counterparts share (a noun phrase in every language); a sentence ending on inline code; a
number stated elsewhere in the paragraph; a Chinese 的 ending (weak evidence) unless the
sentence is clearly short. With a source named, a sentence is also judged against the source
alone, on content evidence only (its close or a number the source states is lost), since
the other translations may lag the same way.

The reference quoted is the part that is lost: the reference sentence's clauses that this
version does not express while the others do (the whole sentence when that can't be told).
Always a warning: free translations of real news are often half the length of their
counterparts (NTREX has many), so length-based evidence can't fail a build on its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from statistics import median

import numpy as np

from ..align.nway import content_length
from ..align.pairwise import Bead
from ..align.verify import clause_spans
from ..languages import profile
from ..model import Finding
from ..quantities import quantities, value_key
from ..segment.endings import STRONG, WEAK, ends_mid_phrase, mid_phrase_ending
from ..segment.sentences import CLOSERS
from .base import CheckContext, Rule, shorten

TRUNCATED = Rule(
    "PC104", "truncated-sentence", "truncated", "warning",
    "A sentence is present but part of its content is lost: it is much shorter than its "
    "counterparts in the other versions and matches only a part of them (or leaves out what "
    "they say at its end, or a number they all state).",
    example="ko «정부는 중소기업의 성장을 위해.» (a full stop after a connective, half as long as its "
            "counterparts) is reported, with the reference clauses it lacks.",
    settings=("truncation",),
)
RULES = (TRUNCATED,)

# Every threshold is in settings.TruncationSettings (ctx.settings.truncation), with what it
# was measured on. A candidate is shorter than `length` of the others' length; the three
# kinds of evidence trade off in `tiers`: a sentence a little longer than the limit, or one
# less far out of this language's usual spread, still counts when the rest is stronger. A
# sentence that ends mid-phrase (segment.endings) needs less: `mid_phrase_length`.


def run(ctx: CheckContext) -> Iterator[Finding]:
    pivot = ctx.pivot
    psegs = ctx.segments[pivot]
    # First pass: every sentence's relative length, so each language can be judged against
    # its own spread in this document (a loose translation is short everywhere; a cut
    # stands out). With a source named, also against the source alone.
    table: list[tuple[int, dict, dict[str, float], dict[str, float]]] = []
    spread: dict[str, list[float]] = {}
    source_spread: dict[str, list[float]] = {}
    seen: set[tuple[str, str, str]] = set()
    for k in range(len(psegs)):
        beads = {
            lang: ctx.pivot_beads[lang][k]
            for lang in ctx.others
            if ctx.pivot_beads[lang].get(k) is not None and ctx.pivot_beads[lang][k].b
        }
        if not beads:
            continue
        relative = _relative_lengths(ctx, beads)
        to_source = _relative_lengths(ctx, beads, consensus=False) if ctx.source is not None else {}
        table.append((k, beads, relative, to_source))
        for lang, bead in beads.items():
            # A sentence the document repeats (a Markdown page's title, in its front matter
            # and as its heading) is one observation of how this version translates.
            key = (lang, _letters(ctx, ctx.pivot, bead.a), _letters(ctx, lang, bead.b))
            if key in seen:
                continue
            seen.add(key)
            spread.setdefault(lang, []).append(float(np.log(max(relative[lang], 1e-3))))
            if lang in to_source:
                source_spread.setdefault(lang, []).append(float(np.log(max(to_source[lang], 1e-3))))
    logs = {lang: np.asarray(v) for lang, v in spread.items()}
    source_logs = {lang: np.asarray(v) for lang, v in source_spread.items()}

    reported: set[tuple[str, tuple[int, ...]]] = set()
    for k, beads, relative, to_source in table:
        for lang, bead in beads.items():
            if (lang, bead.b) in reported:
                continue
            r = relative[lang]
            verdict = _verdict(ctx, lang, bead, beads, r, logs[lang])
            if verdict is None and to_source.get(lang, np.inf) < r:
                # With a source named, the other translations may lack the same clause (a
                # lagging revision), so that by their measure the sentence is not short: it
                # is judged against the source alone then — on content evidence only (its
                # close or a number the source states is lost), since how long a sentence
                # is in translation is what the other versions know.
                r = to_source[lang]
                verdict = _verdict(ctx, lang, bead, beads, r, source_logs[lang], by_source=True)
            if verdict is None:
                continue
            reported.add((lang, bead.b))
            yield _finding(ctx, k, lang, bead, beads, r, *verdict)


def _letters(ctx: CheckContext, lang: str, idx) -> str:
    """The letters and digits of segments ``idx``: their text without markup or spacing."""
    return "".join(ch for i in idx for ch in ctx.segments[lang][i].text if ch.isalnum())


def _verdict(ctx: CheckContext, lang: str, bead, beads, r: float, lang_logs: np.ndarray,
             by_source: bool = False) -> tuple[bool, list[str], bool] | None:
    """Is this sentence (relative length ``r``; ``lang_logs``: its language's log relative
    lengths in the document) cut short? None, or (ends mid-phrase, lost numbers, by_source).
    ``by_source``: judged against the source alone, where only a lost close or a lost number
    counts."""
    s = ctx.settings.truncation
    ending = _ends_mid_phrase(ctx, lang, bead, beads) if r < s.mid_phrase_length and not by_source else None
    if ending is not None and r < (s.mid_phrase_length if ending == STRONG else s.weak_mid_phrase_length):
        return True, _lost_values(ctx, lang, bead, beads), False  # (the numbers, for the message)
    limit = s.length
    if r >= limit + max(max(t.longer_by for t in s.tiers), s.value_longer_by):
        return None
    z = (_z_score(lang_logs, float(np.log(max(r, 1e-3))), s.min_spread)
         if len(lang_logs) >= s.min_sentences_for_spread else -np.inf)
    tiers = [t for t in s.tiers if r < limit + t.longer_by and z <= t.max_z] if not by_source else []
    lost_values = (_lost_values(ctx, lang, bead, beads, by_source)
                   if r < limit + s.value_longer_by and z <= s.tail_max_z else [])
    if lost_values:
        return False, lost_values, by_source
    part_evidence = (bool(tiers) and _part_gain(ctx, lang, bead, beads, r)
                     > min(t.min_part_gain for t in tiers))
    if not part_evidence and not (r < limit + s.tail_longer_by and z <= s.tail_max_z
                                  and _tail_lost(ctx, lang, bead, beads, by_source)
                                  and (by_source or _opening_gain(ctx, lang, bead, beads, r) >= s.tail_opening_gain)):
        return None
    # Content moved into a neighbour excuses a short sentence — but not one that ends
    # mid-phrase (translators don't put a full stop after a particle), nor one whose lost
    # number the neighbours don't state either; nor does a sentence split in two, nor one
    # that expresses every part of the reference (compressed, not cut).
    if (_moved_to_neighbour(ctx, lang, bead) or _split_remainder(ctx, lang, bead, beads, by_source)
            or _nothing_lost(ctx, lang, bead, beads, by_source)):
        return None
    return False, [], by_source


# What ends a sentence, or a line that introduces what follows (a list after a colon).
_SENTENCE_END = frozenset(".。．!?！？:：;；")
_FULL_STOPS = frozenset(".。．!?！？")
_CJK_SENTENCE_END = re.compile(r"([^。！？]*[。！？])\s*")
_SPACE_RUN = re.compile(r"\s{2,}")


def _ends_mid_phrase(ctx: CheckContext, lang: str, bead, beads) -> str | None:
    """How one of this version's sentences here ends mid-phrase (segment.endings: STRONG or
    WEAK; None: none does) while its counterparts end properly. (Any of them: a cut sentence
    may share its bead with a following line that has no full stop, such as a subheading; and
    in Chinese and Japanese, any 。 inside a segment — the segmenter keeps a quotation's
    sentences together.)

    The counterparts are the reference sentence and the other versions' sentences: when one
    of them ends the same way (a terse description that every language writes as a noun
    phrase, ko «안드로이드 자바 가상 머신.», ja «Android Java 仮想環境。» for "Android Java virtual
    machine."), the ending is the sentence's form, not a cut. A sentence that ends on code
    (inline code or a link, masked out of the prose: zh «…包括 `In`、`NotIn` 和 `DoesNotExist`。»)
    ends on what the code says, never mid-phrase."""
    segs = [ctx.segments[lang][j] for j in bead.b]
    counterparts = [(ctx.pivot, bead.a)] + [(o, b.b) for o, b in beads.items() if o != lang]
    # Terse list items end in nouns; but an item that a language which shows a sentence's
    # form in its ending (Korean, Japanese) writes as a full sentence is judged as one.
    item = (all(getattr(seg, "kind", "") == "item" for seg in segs)
            and not any(_ends_as_sentence(ctx, o, idx) for o, idx in counterparts if idx))
    found = [mid_phrase_ending(text, lang, item) for text in _sentences(ctx, lang, bead.b)]
    ending = STRONG if STRONG in found else WEAK if WEAK in found else None
    if ending is None:
        return None
    if any(ends_mid_phrase(_with_code(ctx, o, ctx.segments[o][idx[-1]]), o,
                           getattr(ctx.segments[o][idx[-1]], "kind", "") == "item")
           for o, idx in counterparts if idx):
        return None
    return ending


def _ends_as_sentence(ctx: CheckContext, lang: str, idx) -> bool:
    """Segments ``idx`` end with a full stop after a sentence ending, in a language whose
    endings tell a sentence from a noun phrase (profile.final_range or mid_phrase_ranges)."""
    p = profile(lang)
    if p.final_range is None and not p.mid_phrase_ranges:
        return False
    text = _with_code(ctx, lang, ctx.segments[lang][idx[-1]]).rstrip().rstrip(CLOSERS)
    return text[-1:] in _FULL_STOPS and not ends_mid_phrase(text, lang)


def _sentences(ctx: CheckContext, lang: str, idx) -> list[str]:
    """The texts of segments ``idx`` (code shown as such), and in Chinese and Japanese every
    sentence that ends in 。 inside them — not a quoted sentence's end, 「…こと。」: speech ends
    informally."""
    texts = [_with_code(ctx, lang, ctx.segments[lang][j]) for j in idx]
    if profile(lang).spaceless:
        texts = [m.group(1) for text in texts for m in _CJK_SENTENCE_END.finditer(text)
                 if m.end() == len(text) or text[m.end()] not in CLOSERS]
    return texts


def _with_code(ctx: CheckContext, lang: str, seg) -> str:
    """The segment's text with the non-prose the reader masked out (inline code, a link
    target) written as ``0`` again, so that a sentence ending on code does not seem to end on
    the word before it. Plain text: the text itself."""
    docs = getattr(ctx, "docs", None)
    doc = docs[lang].document if docs and lang in docs else None
    if doc is None or getattr(doc, "markup", None) is None:
        return seg.text
    prose, source = doc.text[seg.start : seg.end], doc.source_text[seg.start : seg.end]
    if prose != seg.text or len(source) != len(prose):
        return seg.text
    return "".join("0" if p.isspace() and not c.isspace() else p for p, c in zip(prose, source))


def _z_score(values: np.ndarray, x: float, min_spread: float) -> float:
    """Standard deviations (at least ``min_spread``) between ``x`` and the median of the
    *other* values (the sentence under test must not widen the spread it is judged by:
    documents are short)."""
    rest = np.delete(values, int(np.argmin(np.abs(values - x))))
    return (x - float(np.median(rest))) / max(float(np.std(rest)), min_spread)


def _part_gain(ctx: CheckContext, lang: str, bead, beads, relative: float = 1.0) -> float:
    """Median over the other versions of (best match with a part of their text) minus (match
    with their whole text), for this version's text. Parts are clause pieces and — for text
    that was cut off — the opening of their text as long as this version's (``relative``)."""
    mine = ctx.matchers[lang].group_vector(bead.b)
    gains = []
    others = [(o, b.b) for o, b in beads.items() if o != lang] + [(ctx.pivot, bead.a)]
    openings = _openings(ctx, others, relative)
    for (other, idx), opening in zip(others, openings):
        m = ctx.matchers[other]
        parts = m.piece_vectors(idx)[len(idx) :]
        if opening is not None:
            parts = np.vstack([parts, opening[None, :]])
        if not len(parts):
            continue  # no parts to compare with
        whole = float(m.group_vector(idx) @ mine)
        gains.append(float((parts @ mine).max()) - whole)
    return float(median(gains)) if gains else -1.0


def _openings(ctx: CheckContext, groups, relative: float) -> list:
    """For each (language, segment indices): the vector of the first ``relative`` share of
    its text (cut at a space where the script has them), or None."""
    texts = [_opening(ctx, " ".join(ctx.segments[lang][i].text for i in idx), relative, lang) or None
             for lang, idx in groups]
    wanted = [t for t in texts if t]
    if ctx.encode is None or not wanted:
        return [None] * len(groups)
    vecs = iter(np.asarray(ctx.encode(wanted), dtype=np.float64))
    return [next(vecs) if t else None for t in texts]


def _opening(ctx: CheckContext, text: str, relative: float, lang: str) -> str:
    """The first ``relative`` share of ``text`` (within truncation.opening_min_share and
    opening_max_share), cut at a space where the script has them."""
    s = ctx.settings.truncation
    share = min(max(relative, s.opening_min_share), s.opening_max_share)
    return text[: _cut_at(text, share, lang)].strip()


def _cut_at(text: str, share: float, lang: str) -> int:
    """The offset that keeps about ``share`` of ``text``, moved back to a space where the
    script has them. A run of spaces counts as one: in a Markdown or HTML version's prose
    view the non-prose (a link's target, inline code) is blanked out, and the share is of
    the words, not of the markup between them."""
    runs = [(m.start(), m.end()) for m in _SPACE_RUN.finditer(text)]
    cut = int((len(text) - sum(b - a - 1 for a, b in runs)) * share)
    for a, b in runs:  # back to an offset in ``text``
        if a >= cut:
            break
        cut += b - a - 1
    if " " in text[:cut] and not profile(lang).spaceless:
        cut = text.rfind(" ", 0, cut)
    return cut


def _coverage(ctx: CheckContext, vecs: np.ndarray, lang: str, idx) -> np.ndarray:
    """How well ``lang``'s segments ``idx`` express each of the pivot text pieces ``vecs``
    (best match among their clause pieces, normalised for the language pair)."""
    return (vecs @ ctx.matchers[lang].piece_vectors(idx).T).max(axis=1) / ctx.scale(ctx.pivot, lang)


def _relative_lengths(ctx: CheckContext, beads, consensus: bool = True) -> dict[str, float]:
    """Each version's length for the content, against its expected ratio to the pivot, and
    then (``consensus``) against the median of the other versions (so loose-but-short
    languages don't count)."""
    psegs = ctx.segments[ctx.pivot]
    ratio = {}
    for lang, bead in beads.items():
        plen = sum(content_length(psegs[i].text) for i in bead.a)
        xlen = sum(content_length(ctx.segments[lang][j].text) for j in bead.b)
        ratio[lang] = xlen / (ctx.alignment.calibration[lang].length_ratio * max(plen, 1))
    if len(ratio) < 2 or not consensus:
        return ratio
    return {
        lang: r / max(median([v for o, v in ratio.items() if o != lang]), 1e-6) for lang, r in ratio.items()
    }


def _lost_clauses(ctx: CheckContext, k: int, lang: str, beads, by_source: bool = False) -> str | None:
    """The reference sentence's clauses this version does not express (None if unknown)."""
    seg = ctx.segments[ctx.pivot][k]
    spans = clause_spans(seg.text, ctx.settings.truncation.min_clause_chars)
    if len(spans) < 2 or ctx.encode is None:
        return None
    vecs = np.asarray(ctx.encode([seg.text[a:b] for a, b in spans]), dtype=np.float64)
    mine = _coverage(ctx, vecs, lang, beads[lang].b)
    if not by_source and not [o for o in beads if o != lang]:
        return None
    lost = mine < ctx.settings.truncation.lost_ratio * _usual_coverage(ctx, vecs, lang, beads, by_source)
    if not lost.any() or lost.all():
        return None
    return " … ".join(seg.text[a:b].strip() for (a, b), x in zip(spans, lost) if x)


def _finding(ctx: CheckContext, k: int, lang: str, bead, beads, relative: float, mid_phrase: bool,
             lost_values: list[str], by_source: bool = False) -> Finding:
    psegs = ctx.segments[ctx.pivot]
    lost = _lost_clauses(ctx, k, lang, beads, by_source) if len(bead.a) == 1 else None
    ref_text = lost or " ".join(psegs[i].text for i in bead.a)
    what = f"it lacks «{shorten(lost)}»" if lost else f"compare «{shorten(ctx.quote_segments(ctx.pivot, bead.a))}»"
    states = "which the source states" if by_source else "which every other version states"
    lacks = f"lacks {', '.join(f'«{v}»' for v in lost_values)}, {states}, and is "
    if mid_phrase:
        how = "it ends mid-phrase, " + lacks if lost_values else "it ends mid-phrase and is "
    else:
        how = "it " + lacks if lost_values else ""
    length = "the source sentence has" if by_source else "its counterparts have"
    part = ", and it lacks the close of the source sentence" if by_source else ", and it matches only part of them"
    return TRUNCATED.finding(
        language=lang,
        location=ctx.location(lang, bead.b),
        reference=ctx.reference(ctx.pivot, bead.a, ref_text),
        score=bead.score,
        message=(
            f"sentence seems cut short: {how}about {relative:.0%} of the length {length}"
            f"{'' if mid_phrase or lost_values else part}; "
            f"in {ctx.pivot} ¶{psegs[bead.a[0]].paragraph} {what}"
        ),
    )


# The other kind of evidence for a short sentence (under length + tail_longer_by, z-score at
# most tail_max_z): the close of the reference sentence (its last tail_share) is what this
# version fails to express, at under tail_lost of the coverage the other versions give it,
# while it expresses the opening about as well as they do — text cut off, not text
# rephrased. (Read off NTREX's clean documents and cut sentences; benchmarks/RESULTS.md.)


def _tail_lost(ctx: CheckContext, lang: str, bead, beads, by_source: bool = False) -> bool:
    ratios = _tail_ratios(ctx, lang, bead, beads, by_source)
    s = ctx.settings.truncation
    lost = s.tail_lost
    # against the source alone the close must be clearly gone: no other version's coverage
    # tells what a complete rendering of it scores
    return ratios is not None and ratios[0] < (s.source_tail_lost if by_source else lost) and ratios[1] >= lost


def _tail_ratios(ctx: CheckContext, lang: str, bead, beads, by_source: bool = False) -> tuple[float, float] | None:
    """How well this version expresses the reference sentence's close and its opening, each
    as a share of the other versions' median coverage (None: can't be told)."""
    if ctx.encode is None or (len(beads) < 3 and not by_source):
        return None
    s = ctx.settings.truncation
    text = " ".join(ctx.segments[ctx.pivot][i].text for i in bead.a)
    if content_length(text) < s.tail_min_reference.get(profile(ctx.pivot).code, s.tail_min_reference["*"]):
        return None  # the close of a short sentence is a word or two: too noisy to judge
    cut = _cut_at(text, 1 - s.tail_share, ctx.pivot)
    head, tail = text[:cut].strip(), text[cut:].strip()
    if not head or not tail:
        return None
    vecs = np.asarray(ctx.encode([head, tail]), dtype=np.float64)
    mine = _coverage(ctx, vecs, lang, beads[lang].b)
    usual = _usual_coverage(ctx, vecs, lang, beads, by_source)
    return float(mine[1] / usual[1]), float(mine[0] / usual[0])


def _opening_gain(ctx: CheckContext, lang: str, bead, beads, relative: float) -> float:
    """How much better this version's sentence matches the reference's opening (its first
    ``relative`` share, as in _openings) than the whole reference sentence, beyond the median
    of the same for the other versions (normalised for each language pair). Whole sentences
    are compared, not clause pieces: a text cut off matches the opening it keeps better than
    the whole, where a complete rendering does as the other versions do. (-inf: can't be told.)"""
    others = [o for o in beads if o != lang]
    text = " ".join(ctx.segments[ctx.pivot][i].text for i in bead.a)
    opening = _opening(ctx, text, relative, ctx.pivot)
    if ctx.encode is None or not others or not opening:
        return -np.inf
    head, whole = np.asarray(ctx.encode([opening, text]), dtype=np.float64)

    def gain(language: str) -> float:
        v = ctx.matchers[language].group_vector(beads[language].b)
        return float(v @ head - v @ whole) / ctx.scale(ctx.pivot, language)

    return gain(lang) - float(median(gain(o) for o in others))


def _nothing_lost(ctx: CheckContext, lang: str, bead, beads, by_source: bool = False) -> bool:
    """Does this version express every part of the reference sentence — each of its clauses
    and each of its ``expressed_parts`` consecutive shares — at ``lost_ratio`` or more of the
    coverage the other versions give it (against the source alone, of a good match's)? Then
    it is a compressed rendering: what a cut loses is some part, its close most of all."""
    s = ctx.settings.truncation
    if ctx.encode is None:
        return False
    text = " ".join(ctx.segments[ctx.pivot][i].text for i in bead.a)
    spans = clause_spans(text, s.min_clause_chars)
    parts = [text[a:b].strip() for a, b in spans] if len(spans) > 1 else []
    cuts = [0] + [_cut_at(text, i / s.expressed_parts, ctx.pivot) for i in range(1, s.expressed_parts)] + [len(text)]
    parts += [text[a:b].strip() for a, b in zip(cuts, cuts[1:]) if a < b]
    parts = [p for p in dict.fromkeys(parts) if p]
    if not parts:
        return False
    vecs = np.asarray(ctx.encode(parts), dtype=np.float64)
    mine = _coverage(ctx, vecs, lang, beads[lang].b)
    return bool((mine >= s.lost_ratio * _usual_coverage(ctx, vecs, lang, beads, by_source)).all())


def _usual_coverage(ctx: CheckContext, vecs: np.ndarray, lang: str, beads, by_source: bool = False) -> np.ndarray:
    """What a complete rendering's coverage of the reference pieces ``vecs`` is: the median
    of the other versions'; judged against the source alone (``by_source``), the coverage a
    good match has (1.0, coverage being normalised by the language pair's usual similarity)
    — the other translations may lack the same clause (a lagging revision)."""
    others = [_coverage(ctx, vecs, o, b.b) for o, b in beads.items() if o != lang]
    if by_source or not others:
        return np.ones(len(vecs))
    return np.maximum(np.median(np.array(others), axis=0), 1e-6)


# A third kind of evidence, for a sentence under length + value_longer_by of its
# counterparts' length and at most tail_max_z: a number that the reference sentence and
# every other version's counterpart state is in neither this sentence nor its neighbours in
# the paragraph. (A number merely left out is style for PC201, which never reports an
# absence; here the sentence is short as well, and the number is nowhere near. Codes and
# acronyms in Latin letters, tried the same way, found nothing more on NTREX and added a
# clean-document warning.)


def _lost_values(ctx: CheckContext, lang: str, bead, beads, by_source: bool = False) -> list[str]:
    """The numbers (as the reference writes them) that the reference sentence and at least
    two other versions' counterparts — all of them — state, and this sentence and its
    paragraph neighbours don't."""
    others = [(o, b.b) for o, b in beads.items() if o != lang]
    if by_source:
        others = []  # the source's statement is enough
    elif len(others) < 2:
        return []

    def values(language: str, idx) -> dict[float, str]:
        return {value_key(q.value): q.text for i in idx for q in quantities(ctx.segments[language][i].text, language)}

    stated = values(ctx.pivot, bead.a)
    for other, idx in others:
        held = values(other, idx)
        stated = {v: t for v, t in stated.items() if v in held}
    if not stated:
        return []
    segs = ctx.segments[lang]
    paragraphs = {segs[j].paragraph for j in bead.b}
    near = [j for j, seg in enumerate(segs) if seg.paragraph in paragraphs]
    mine = values(lang, near)
    return [t for v, t in sorted(stated.items()) if v not in mine]


def _moved_to_neighbour(ctx: CheckContext, lang: str, bead) -> bool:
    """Translators move clauses into the next (or previous) sentence: then the reference
    sentence matches this sentence plus its neighbour clearly better than it alone — and
    the two together are as long as what they render (a cut-off sentence gains similarity
    from any neighbour on its topic, but the lost words are nowhere). Thresholds:
    settings.truncation.moved_gain and moved_min_length."""
    s = ctx.settings.truncation
    segs = ctx.segments[lang]
    alone = ctx.similarity(ctx.pivot, bead.a, lang, bead.b)
    for j in (bead.b[0] - 1, bead.b[-1] + 1):
        if 0 <= j < len(segs) and segs[j].paragraph == segs[bead.b[0]].paragraph:
            joined = tuple(sorted(set(bead.b) | {j}))
            if (ctx.similarity(ctx.pivot, bead.a, lang, joined) >= alone + s.moved_gain
                    and _joined_length(ctx, lang, bead, j) >= s.moved_min_length):
                return True
    return False


def _joined_length(ctx: CheckContext, lang: str, bead, j: int) -> float:
    """Relative length (as in _relative_lengths) of this sentence and its neighbour ``j``
    together, against what every version has for the pivot sentences of both."""
    neighbour = ctx.version_beads[lang].get(j)
    if neighbour is None or not neighbour.a:
        return np.inf  # the neighbour matches no pivot sentence: it may well hold the clause
    a = tuple(sorted(set(bead.a) | set(neighbour.a)))
    beads = {lang: Bead(a, tuple(sorted(set(bead.b) | set(neighbour.b))), 0.0)}
    for other in ctx.others:
        if other != lang:
            idx = {x for i in a if ctx.pivot_beads[other].get(i) is not None for x in ctx.pivot_beads[other][i].b}
            if idx:
                beads[other] = Bead(a, tuple(sorted(idx)), 0.0)
    return _relative_lengths(ctx, beads)[lang]


def _split_remainder(ctx: CheckContext, lang: str, bead, beads, by_source: bool = False) -> bool:
    """A version that renders one sentence as two: the short sentence's neighbour in the
    paragraph matches no reference sentence, and it expresses the reference's close (its last
    tail_share) at least at split_close of the coverage the other versions give it. (The
    neighbour of a cut sentence renders the next reference sentence, or nothing of this one.)

    A sentence without a sentence end continues in the next block: a Japanese sentence that
    introduces a list puts its verb after it («次の項目が» / list / «準備できていることを確認して
    ください。»), so the first segment after the list is its neighbour too."""
    s = ctx.settings.truncation
    segs = ctx.segments[lang]
    paragraph = segs[bead.b[0]].paragraph
    near = [j for j in (bead.b[-1] + 1, bead.b[0] - 1) if 0 <= j < len(segs) and segs[j].paragraph == paragraph]
    if segs[bead.b[-1]].text.rstrip().rstrip(CLOSERS)[-1:] not in _SENTENCE_END:
        j = bead.b[-1] + 1
        while j < len(segs) and segs[j].kind == "item" and segs[j].paragraph != paragraph:
            j += 1  # (the list the sentence introduces)
        if j < len(segs) and segs[j].paragraph != paragraph:
            near.append(j)
    remainders = [j for j in near if ctx.version_beads[lang].get(j) is None or not ctx.version_beads[lang][j].a]
    if not remainders or ctx.encode is None:
        return False
    text = " ".join(ctx.segments[ctx.pivot][i].text for i in bead.a)
    cut = _cut_at(text, 1 - s.tail_share, ctx.pivot)
    tail = text[cut:].strip()
    if not tail or not text[:cut].strip():
        return False
    vec = np.asarray(ctx.encode([tail]), dtype=np.float64)
    usual = float(_usual_coverage(ctx, vec, lang, beads, by_source)[0])
    return any(float(_coverage(ctx, vec, lang, (j,))[0]) / usual >= s.split_close for j in remainders)
