"""PC202 and PC203: Latin-script tokens and names.

- PC202: a URL, e-mail address or code (COVID-19, A380) that most other versions carry,
  absent from this version's counterpart paragraph; likewise an acronym (FBI, AI) or brand
  (YouTube) — but only in a version that writes that token in Latin letters elsewhere in
  the document. A version that renders it its own way throughout (French IA for AI,
  Chinese 联邦调查局 for FBI) made a choice, not a mistake. An acronym or brand missing
  from a clause this version renders as well as the versions that keep the token do (HIV
  as 艾滋病毒 in one sentence, SNL as 《周六夜现场》) was translated there: info. One missing
  with its clause («… watching MSNBC while recording CNN» gone) is a warning. An acronym
  written in lower case (LIST as «list») is there. With a source, the source is never
  blamed, and a token the source lacks is not expected.
- PC203: one name written two ways inside one version ("Han Sung-sook" and
  "Han Seong-sook"): a reader can't tell whether they are two people.
"""

from __future__ import annotations

import difflib
import functools
import re
from statistics import median
from collections.abc import Iterator

import numpy as np

from ..align.verify import clause_spans
from ..languages import profile
from ..model import Finding, Reference
from .base import CheckContext, Rule, shorten

LATIN_TOKEN_MISSING = Rule(
    "PC202", "latin-token-missing", "name", "warning",
    "A URL, e-mail address or code that the other versions carry is absent from this version's "
    "paragraph; or an acronym or brand that this version writes in Latin letters elsewhere, "
    "while here it is missing. When the clause that carries an acronym or brand elsewhere is "
    "rendered here as well as in the versions that keep it (the token was translated or "
    "localised: HIV as 艾滋病毒, BBC as 英国广播公司), the finding is info: a token to check, not a gap.",
    example="«www.mss.go.kr» dropped from one version is reported; «FBI» absent from a Chinese "
            "paragraph only if that version writes «FBI» elsewhere (else it translates it); "
            "«… watching MSNBC while recording CNN» with that clause gone from zh: a warning.",
    settings=("names",),
)
NAME_VARIANTS = Rule(
    "PC203", "name-variants", "name", "warning",
    "One name is written two ways inside one version (a transliteration changed halfway): "
    "readers can't tell whether it is one person or two.",
    example="en «Minister Han Sung-sook» … «Han Seong-sook said» → one of the two spellings is wrong.",
    settings=("names",),
)
RULES = (LATIN_TOKEN_MISSING, NAME_VARIANTS)

_URL = r"(?:https?://|www\.)[^\s<>\"'«»「」（）()]+[^\s<>\"'«»「」（）().,;:!?。、]"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
# Codes and brands end where Latin letters and digits do: kana, Hangul or Han glued to one
# («x86システム», «exim4가») is the next word (Korean particles are blanked first anyway).
_CODE = r"(?<![A-Za-z0-9_-])(?=[A-Za-z-]*\d)(?=[\w-]*[A-Za-z])[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*(?![A-Za-z0-9_-])"
_BRAND = r"(?<![A-Za-z0-9_-])(?!Mc|Mac)[a-z]*[A-Z][a-z]+[A-Z][A-Za-z]*(?![A-Za-z0-9_-])"  # YouTube, iPhone (not McCarthy)
_ACRONYM = r"(?<![A-Za-z])[A-Z]{2,6}s?(?![A-Za-z])"
_TOKEN = re.compile("|".join(f"(?P<{n}>{p})" for n, p in
                             (("url", _URL), ("email", _EMAIL), ("code", _CODE), ("brand", _BRAND), ("acronym", _ACRONYM))))


@functools.lru_cache(maxsize=None)
def _particles_after_latin(lang: str) -> re.Pattern[str] | None:
    """The language's particles glued to a Latin token (profile.attaching_particles: Korean
    «x86에서», «exim4를», «Alt+F1을», a URL then «에서»), up to the next non-letter."""
    particles = profile(lang).attaching_particles
    if not particles:
        return None
    alternatives = "|".join(map(re.escape, sorted(particles, key=len, reverse=True)))
    return re.compile(rf"(?<=[A-Za-z0-9/+#.)])(?:{alternatives})+(?![^\W\d_])")


def _tokens(text: str, lang: str) -> dict[str, tuple[str, int, int]]:
    """Normalised token -> (kind, start, end) of its first occurrence."""
    out: dict[str, tuple[str, int, int]] = {}
    particles = _particles_after_latin(lang)
    if particles is not None:  # blanked, same length: offsets hold
        text = particles.sub(lambda m: " " * len(m.group()), text)
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or ""
        out.setdefault(_normalised(kind, m.group()), (kind, m.start(), m.end()))
    return out


def _normalised(kind: str, token: str) -> str:
    """One spelling per token: acronyms without a plural s, URLs and addresses lowercased."""
    if kind == "acronym":
        token = token.rstrip("s") if len(token) > 2 and token.endswith("s") else token
    return token.lower().rstrip("/") if kind in ("url", "email") else token


def run(ctx: CheckContext) -> Iterator[Finding]:
    yield from _latin_tokens(ctx)
    yield from _name_variants(ctx)


def _latin_tokens(ctx: CheckContext) -> Iterator[Finding]:
    rows = []
    for cells in ctx.paragraph_rows:
        if len(cells) >= 3:  # fewer: too few versions for "the others agree"
            texts = {lang: " ".join(ctx.docs[lang].paragraphs[p].text for p in paras) for lang, paras in cells.items()}
            toks = {lang: _tokens(text, lang) for lang, text in texts.items()}
            rows.append((cells, toks, texts))
    # How often each version writes each token in Latin letters, in the whole version: one
    # that writes an acronym or brand under half as often as the others do (French IA for
    # AI, Chinese 欧盟 for EU) renders it its own way — a choice, not a mistake. Whole-version
    # counts, not rows: merging or splitting paragraphs must not change the verdict.
    writes: dict[tuple[str, str], int] = {}
    for lang, doc in ctx.docs.items():
        for m in _TOKEN.finditer("\n\n".join(p.text for p in doc.paragraphs)):
            if m.lastgroup in ("acronym", "brand"):
                key = _normalised(m.lastgroup, m.group())
                writes[(lang, key)] = writes.get((lang, key), 0) + 1
    candidates = []
    for cells, toks, texts in rows:
        for lang in cells:
            if lang == ctx.source:
                continue  # with a source, the source is never the one blamed
            others = [o for o in cells if o != lang]
            for token in sorted(set().union(*(toks[o] for o in others)) - set(toks[lang])):
                if _written_within(token, texts[lang]):
                    continue  # part of a longer word here: "GNU" in "GNUish"
                if _written_lowercase(token, texts[lang], ctx.settings.names.lowercase_min_letters):
                    continue  # «LIST and WATCH operations» as «**list** et **watch**»
                holders = [o for o in others if token in toks[o]]
                family = [o for o in others if profile(o).cjk == profile(lang).cjk]
                if len(holders) * 4 < len(others) * 3 or any(token not in toks[o] for o in family):
                    continue  # expected only where most others, and all of its script family, have it
                if ctx.source is not None and ctx.source not in holders:
                    continue  # not in the source: nothing a translation should carry
                candidates.append((lang, token, toks[holders[0]][token][0], cells, holders))
    texts_of = {id(cells): (toks, texts) for cells, toks, texts in rows}
    for lang, token, kind, cells, holders in candidates:
        if kind in ("acronym", "brand"):
            usual = median(writes.get((o, token), 0) for o in ctx.languages if o != lang)
            if writes.get((lang, token), 0) * 2 < usual:
                continue
        toks, texts = texts_of[id(cells)]
        # An acronym or a brand is a word a translation may render (HIV as 艾滋病毒, HMC as
        # CSM, YouTube as 유튜브): when its clause is rendered here, the finding is a hint. A
        # URL, an address or a code (exim4, A380) is an identifier, carried as it is.
        rendered = kind in ("acronym", "brand") and _clause_rendered(ctx, lang, token, cells, holders, toks, texts)
        yield _missing_token(ctx, lang, cells, token, holders, "info" if rendered else None)


def _clause_rendered(ctx: CheckContext, lang: str, token: str, cells, holders: list[str], toks, texts) -> bool:
    """Does this version's paragraph render the clause that carries ``token`` in the reference
    version about as well as the other versions that keep the token do? Then the token was
    translated or localised (HIV as 艾滋病毒, SNL as 《周六夜现场》), not dropped with its
    clause («… watching MSNBC while recording CNN» gone from a Chinese sentence).
    Similarities are normalised by each language pair's usual match in this document."""
    if ctx.encode is None:
        return False
    ref = ctx.pivot if ctx.pivot in holders else holders[0]
    peers = [h for h in holders if h != ref]
    if not peers:
        return False
    limits = ctx.settings.names
    _, start, _ = toks[ref][token]
    text = texts[ref]
    a, b = next(((a, b) for a, b in clause_spans(text, limits.clause_min_letters) if a <= start < b), (0, len(text)))
    vector = np.asarray(ctx.encode([text[a:b].strip()]), dtype=np.float64)[0]

    def rendering(version: str) -> float:
        idx = tuple(i for p in cells[version] for i in ctx.docs[version].segment_ranges[p])
        return ctx.matchers[version].best(vector, idx) / ctx.scale(ref, version)

    here = rendering(lang)
    usual = median(rendering(h) for h in peers)
    return here >= limits.rendered_clause * usual


def _written_lowercase(token: str, text: str, min_letters: int) -> bool:
    """Is an acronym of at least ``min_letters`` letters there as a word in lower case
    ("LIST" written «list»)? Shorter ones are ordinary words in lower case (IT, US, WHO)."""
    if not token.isupper() or len(token) < min_letters:
        return False
    return re.search(rf"(?<![A-Za-z0-9]){re.escape(token.lower())}(?![A-Za-z0-9])", text) is not None


def _written_within(token: str, text: str) -> bool:
    """Is the token there, at the start of a longer word ("GNU" in "GNUish"; not "AI" in
    "MAIN")? URLs and addresses are compared lowercased, as _normalised keeps them."""
    pattern = re.compile(rf"(?<![A-Za-z0-9]){re.escape(token)}")
    return bool(pattern.search(text) or token.islower() and pattern.search(text.lower()))


def _missing_token(ctx: CheckContext, lang: str, cells, token: str, holders: list[str],
                   severity=None) -> Finding:
    ref_lang = ctx.pivot if ctx.pivot in holders else holders[0]
    ref_paras = cells[ref_lang]
    ref_text = " ".join(ctx.docs[ref_lang].paragraphs[p].text for p in ref_paras)
    return LATIN_TOKEN_MISSING.finding(
        language=lang,
        location=ctx.paragraph_location(lang, cells[lang][0]),
        reference=Reference(ref_lang, ref_paras[0], ref_text),
        score=None,
        severity=severity,
        message=(
            f"«{token}» is in {', '.join(holders)} but not in this paragraph "
            f"({ref_lang} ¶{ref_paras[0]} «{shorten(ref_text)}»)"
            + ("; the sentence around it is rendered here: it may be translated (check)" if severity == "info" else "")
        ),
    )


# -- name variants ------------------------------------------------------------------------
_NAME_WORD = r"[A-Z][a-z]+(?:-[A-Za-z][a-z]+)*"
_NAME = re.compile(rf"(?<![\w-]){_NAME_WORD}(?:\s+{_NAME_WORD})+(?![\w-])")


def _fold(name: str) -> str:
    return re.sub(r"[\s-]+", " ", name.lower())


def _one_word_apart(names) -> list[tuple[str, str, tuple[str, str]]]:
    """Pairs of names (a < b) with the same words but one: (a, b, (a's word, b's word)).
    Bucketed by the words they share, so a long document's names are not compared all
    against all."""
    buckets: dict[tuple, list[str]] = {}
    for name in names:
        words = name.split()
        for k in range(len(words)):
            buckets.setdefault((len(words), k, *words[:k], *words[k + 1 :]), []).append(name)
    pairs = set()
    for (_, k, *_rest), group in buckets.items():
        group = sorted(group)
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                pairs.add((a, b, (a.split()[k], b.split()[k])))
    return sorted(pairs)


def _name_variants(ctx: CheckContext) -> Iterator[Finding]:
    for lang, sdoc in ctx.docs.items():
        # Every run of 2+ capitalised words, and its 2+-word parts ("Minister Han Sung-sook"
        # holds "Han Sung-sook"), with where each spelling occurs.
        names: dict[str, list[int]] = {}
        for p in sdoc.paragraphs:
            for m in _NAME.finditer(p.text):
                words = list(re.finditer(_NAME_WORD, m.group()))
                for i in range(len(words)):
                    for j in range(i + 2, len(words) + 1):
                        name = m.group()[words[i].start() : words[j - 1].end()]
                        names.setdefault(name, []).append(p.start + m.start() + words[i].start())
        reported: set[tuple[str, str]] = set()
        for a, b, (x, y) in _one_word_apart(names):
            if tuple(sorted((x, y))) in reported or x.startswith(y) or y.startswith(x):
                continue  # Korea / Korean: a different word, not a different spelling
            if difflib.SequenceMatcher(a=_fold(x), b=_fold(y)).ratio() < ctx.settings.names.similarity:
                continue
            reported.add(tuple(sorted((x, y))))
            # Blame the rarer spelling (the later one on a tie); quote the other.
            rare, common = (b, a) if len(names[b]) <= len(names[a]) else (a, b)
            start = names[rare][-1]
            end = start + len(rare)
            para = next(p for p in sdoc.paragraphs if p.start <= start < p.end)
            cpara = next(p for p in sdoc.paragraphs if p.start <= names[common][0] < p.end)
            yield NAME_VARIANTS.finding(
                language=lang,
                location=ctx.span_location(lang, para.index, start, end),
                reference=Reference(lang, cpara.index, common),
                score=None,
                message=(
                    f"the name «{rare}» is also written «{common}» in this version (¶{cpara.index}); "
                    "use one spelling"
                ),
            )
