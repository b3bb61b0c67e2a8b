"""Rules on pre-aligned translation units (PO, XLIFF, TMX): the PC3xx family, plus the
content rules of the document checks applied unit by unit.

The aligner is bypassed: a unit already pairs its source with each language's target. Each
target is judged against its source *and* against the other languages' targets of the same
unit, so a Japanese target that says something else than the Korean, French and Chinese ones
stands out even when the source was edited after translation.

Own rules: PC301 an empty target where the source is prose; PC302 a fuzzy or unapproved
(draft) target left in; PC303 placeholders and inline tags lost or added; PC304 one source
translated in different ways in one language; PC305 different sources sharing one
translation. Reused rules, on units: PC106 (a target that copies the source, or is in the
source's script), PC105 (drift, against the other languages' consensus), PC104 (a target cut
short), PC201 (numbers), PC203 (a name spelled two ways across a language's units), PC204
(glossary).

Code is left alone: a literal block or an interactive session (``>>> 2 + 2``) is the same in
every language, so an empty or copied target is right for it (:func:`~parallelcheck.units.markup.is_code`).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from statistics import median

from ..languages import profile
from ..model import Finding, Location, Reference
from ..settings import DEFAULT, Settings, UnitSettings
from ..text import strip_accents
from ..units import APPROVED, FUZZY, TRANSLATED, UNTRANSLATED, Unit, UnitDocument, UnitText
from ..units.markup import has_prose, is_code, is_format_string, placeholders, strip_markup, without_markup
from .base import Rule, shorten
from .drift import DRIFT
from .glossary import GLOSSARY_TERM
from .names import NAME_VARIANTS
from .numbers import NUMBER_MISMATCH, _plausible
from .truncated import TRUNCATED
from .untranslated import UNTRANSLATED as UNTRANSLATED_RULE

# Standard deviations of a normal distribution per unit of median absolute deviation (a
# constant of statistics, not a tuned number).
MAD_TO_SD = 1.4826

EMPTY_TARGET = Rule(
    "PC301", "empty-target", "missing", "error",
    "A unit of an exchange file (PO, XLIFF, TMX) has no translation in this language although "
    "its source is prose (code, lone terms and index entries are not counted); the message says "
    "which other languages translated it.",
    example="msgid \"Several other key features of this statement:\" with msgstr \"\" in ko.po, while "
            "ja, fr and zh translate it.",
)
FUZZY_TARGET = Rule(
    "PC302", "fuzzy-target", "state", "warning",
    "A translation is left marked as not final: a PO entry flagged `#, fuzzy`, an XLIFF target "
    "whose state asks for review or translation (needs-review-translation, initial, a Trados "
    "Draft or rejected segment). Tools ship such text as if it were translated, or drop it.",
    example="#, fuzzy / msgid \"Using Lists as Stacks\" / msgstr \"リストをキューとして使う\" (stale: "
            "the source changed since).",
)
PLACEHOLDER_MISMATCH = Rule(
    "PC303", "placeholder-mismatch", "placeholder", "error",
    "A placeholder or inline tag of the source is missing from the translation, or the "
    "translation has one the source does not: reST roles (compared by target, so a translated "
    "link title is fine) and ``literals``, |substitutions|, link URLs, XLIFF/TMX inline tags "
    "(<g>, <x/>, <ph>, <pc>, <bpt>…), and printf/brace conversions (%s, %(name)s, {0}) in "
    "format strings.",
    example="msgid \"Use :func:`print` to show ``x``\" / msgstr \"Utilisez :func:`print` pour afficher x\": "
            "``x`` is missing.",
)
INCONSISTENT_TRANSLATION = Rule(
    "PC304", "inconsistent-translation", "consistency", "warning",
    "One source text is translated in different ways in one language across the catalogue "
    "(units with different contexts are not compared).",
    example="\"Footnotes\" is «脚注» in classes.po and «注釈» in modules.po.",
)
INCONSISTENT_SOURCE = Rule(
    "PC305", "inconsistent-source", "consistency", "warning",
    "Two different source texts share one translation in one language: one of them is most "
    "likely a copy of the other's translation (a stale or pasted entry).",
    example="\"Reading and Writing Files\" and \"Methods of File Objects\" both translated «ファイルを読み書きする».",
)
RULES = (EMPTY_TARGET, FUZZY_TARGET, PLACEHOLDER_MISMATCH, INCONSISTENT_TRANSLATION, INCONSISTENT_SOURCE)





def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


class UnitContext:
    """A run over one :class:`UnitDocument`: the units, where each text sits in the
    report's documents (``layout``), and the settings."""

    def __init__(self, doc: UnitDocument, layout, settings: Settings = DEFAULT, glossary=(), vectors=None,
                 encode=None, documents=()) -> None:
        # Per language, the units' texts as one document (paragraph k = the k-th unit that
        # language has): what document rules that read a whole version (PC203) look at.
        self.docs = {d.language: d for d in documents}
        self._unit_at = {(lang, p): i for (i, lang), (p, _, _) in layout.items()}
        self.encode = encode  # the embedder's encode (truncation looks at parts of a source)
        self.doc = doc
        self.layout = layout  # (unit index, language) -> (paragraph, start, end)
        self.settings = settings
        self.glossary = tuple(glossary)
        self.vectors = vectors  # (unit index, language) -> unit vector, or None
        self.src = doc.source_language

    def text(self, u: Unit, lang: str) -> UnitText | None:
        return u.source if lang == self.src else u.target(lang)

    def location(self, i: int, lang: str) -> Location:
        u = self.doc.units[i]
        t = self.text(u, lang)
        p, start, end = self.layout[(i, lang)]
        return Location(p, start, end, t.line, file=t.file, unit=u.id)

    def reference(self, i: int, lang: str | None = None) -> Reference:
        u = self.doc.units[i]
        lang = lang or self.src
        return Reference(lang, self.layout[(i, lang)][0], self.text(u, lang).text)

    def span_location(self, lang: str, paragraph: int, start: int, end: int) -> Location:
        """A span of a language's units document, located in its unit's file."""
        i = self._unit_at[(lang, paragraph)]
        u = self.doc.units[i]
        t = self.text(u, lang)
        return Location(paragraph, start, end, t.line, file=t.file, unit=u.id)

    def judged(self, u: Unit) -> dict[str, UnitText]:
        """Versions of the unit with a translation to judge (source included)."""
        out = {self.src: u.source}
        for lang, t in u.targets:
            if t.state in (TRANSLATED, APPROVED) and t.text.strip():
                out[lang] = t
        return out


def _code(u: Unit) -> bool:
    return "literal-block" in u.flags or is_code(u.source.text)


def _prose(u: Unit) -> bool:
    return not _code(u) and has_prose(u.source.text)


def run(ctx) -> Iterator[Finding]:
    """Document checks call every module's ``run``; unit rules run through :func:`run_units`."""
    return iter(())


def run_units(ctx: UnitContext, enabled=lambda rule_id: True) -> list[Finding]:
    findings: list[Finding] = []
    steps = [
        (EMPTY_TARGET.id, _empty), (UNTRANSLATED_RULE.id, _copied), (FUZZY_TARGET.id, _fuzzy),
        (PLACEHOLDER_MISMATCH.id, _placeholders), (NUMBER_MISMATCH.id, _numbers),
        (GLOSSARY_TERM.id, _glossary), (INCONSISTENT_TRANSLATION.id, _inconsistent_translation),
        (INCONSISTENT_SOURCE.id, _inconsistent_source),
    ]
    for rule_id, step in steps:
        if enabled(rule_id):
            findings += step(ctx)
    if enabled(NAME_VARIANTS.id) and ctx.docs:
        # One name spelled two ways across a language's catalogue (the source's own
        # spellings are not the translators' to fix).
        from .names import _name_variants

        findings += [f for f in _name_variants(ctx) if f.language != ctx.src]
    if ctx.vectors is not None and (enabled(DRIFT.id) or enabled(TRUNCATED.id)):
        drifted = list(_drift(ctx)) if enabled(DRIFT.id) else []
        findings += drifted
        if enabled(TRUNCATED.id):
            seen = {(f.language, f.location.unit, f.location.file) for f in drifted}
            findings += [f for f in _truncated(ctx) if (f.language, f.location.unit, f.location.file) not in seen]
    # One finding per defect: a copied or pasted translation also fails to say what the
    # others say; the specific finding says it all.
    explained = {(f.language, f.location.unit, f.location.file) for f in findings
                 if f.rule in (UNTRANSLATED_RULE.id, INCONSISTENT_SOURCE.id)}
    return [f for f in findings if not (f.rule in (DRIFT.id, TRUNCATED.id)
                                        and (f.language, f.location.unit, f.location.file) in explained)]


# --- state ------------------------------------------------------------------------------

def _empty(ctx: UnitContext) -> Iterator[Finding]:
    for i, u in enumerate(ctx.doc.units):
        if not _prose(u):
            continue
        done = [lang for lang, t in u.targets if t.state in (TRANSLATED, APPROVED, FUZZY) and t.text.strip()]
        for lang, t in u.targets:
            if t.state == UNTRANSLATED:
                also = f"; {', '.join(done)} translated it" if done else ""
                yield EMPTY_TARGET.finding(
                    language=lang, location=ctx.location(i, lang), reference=ctx.reference(i), score=None,
                    message=f"no translation{also}: {ctx.src} «{shorten(u.source.text)}»",
                )


def _copied(ctx: UnitContext) -> Iterator[Finding]:
    for i, u in enumerate(ctx.doc.units):
        src = u.source.text
        if not _prose(u) or _letters(strip_markup(without_markup(src))) < ctx.settings.units.min_copied_letters:
            continue
        for lang, t in u.targets:
            if t.state == UNTRANSLATED or not t.text.strip():
                continue
            if _norm(t.text) == _norm(src):
                why = "the translation is the source text, copied"
            elif profile(lang).cjk and not profile(lang).own_script.search(t.text) and has_prose(t.text):
                why = f"the translation has no {lang} text: it is left in the source's language"
            else:
                continue
            yield UNTRANSLATED_RULE.finding(
                language=lang, location=ctx.location(i, lang), reference=ctx.reference(i), score=None,
                message=f"untranslated: {why} («{shorten(t.text)}»)",
            )


def _fuzzy(ctx: UnitContext) -> Iterator[Finding]:
    for i, u in enumerate(ctx.doc.units):
        for lang, t in u.targets:
            if t.state == FUZZY:
                yield FUZZY_TARGET.finding(
                    language=lang, location=ctx.location(i, lang), reference=ctx.reference(i), score=None,
                    message=f"translation marked {t.status or 'fuzzy'}, not final: «{shorten(t.text)}» "
                            f"for {ctx.src} «{shorten(u.source.text)}»"
                            + (f" (it was made for «{shorten(t.previous)}»)" if t.previous else ""),
                )


# --- placeholders -----------------------------------------------------------------------

def _tokens(u: Unit, text: str, tags: tuple[str, ...] = ()) -> tuple[Counter, Counter]:
    """(reST tokens, each counted once; format conversions and inline tags, counted)."""
    fmt = is_format_string(u.flags) or not u.key.startswith("po\x04")
    plain = placeholders(text)
    counted = placeholders(text, formats=fmt) - plain + Counter(tags)
    return Counter(set(plain)), counted


def _placeholders(ctx: UnitContext) -> Iterator[Finding]:
    for i, u in enumerate(ctx.doc.units):
        src = u.source.text
        if _code(u) and not u.source.tags:
            continue
        s_set, s_cnt = _tokens(u, src, u.source.tags)
        if u.plural:  # either source form may carry a conversion
            p_set, p_cnt = _tokens(u, u.plural)
            s_set, s_cnt = s_set | p_set, s_cnt | p_cnt
        for lang, t in u.targets:
            if t.state == UNTRANSLATED or not t.text.strip():
                continue
            forms = t.forms or (t.text,)
            read = [_tokens(u, f, t.tags if k == 0 else ()) for k, f in enumerate(forms)]
            t_set = sum((r[0] for r in read), Counter())
            t_set = Counter(set(t_set))
            t_cnt = read[0][1] if len(read) == 1 else Counter(set(sum((r[1] for r in read), Counter())))
            if len(read) > 1:
                # A singular may leave the count implicit ("One file"): with plural forms
                # conversions are required across all forms, each at least once.
                s_cmp = Counter(set(s_cnt))
            else:
                s_cmp = s_cnt
            missing = (s_set - t_set) + (s_cmp - t_cnt)
            extra = (t_set - s_set) + (t_cnt - s_cmp)
            missing, extra = _excused(missing, extra, src, t.text, ctx.settings.units)
            if not missing and not extra:
                continue
            parts = []
            if missing:
                parts.append("missing " + ", ".join(f"«{_shown(k, src)}»" for k in sorted(missing)))
            if extra:
                parts.append("not in the source " + ", ".join(f"«{_shown(k, t.text)}»" for k in sorted(extra)))
            yield PLACEHOLDER_MISMATCH.finding(
                language=lang, location=ctx.location(i, lang), reference=ctx.reference(i), score=None,
                message=f"placeholders differ from the source: {'; '.join(parts)} "
                        f"({ctx.src} «{shorten(src)}»)",
            )


def _shown(token: str, text: str) -> str:
    """A role compared by its name alone (:term:) as the text writes it (:term:`namespace`)."""
    if re.fullmatch(r":[\w:+.-]+:", token):
        m = re.search(re.escape(token) + r"`[^`]+`", text)
        if m:
            return m.group()
    return token


def _inner(token: str) -> str:
    """What a reST token names: a literal's code, a role's target, a link's URL."""
    m = re.fullmatch(r"``(.*)``|:[^`]*:`(.*)`|<(.*)>|\|(.*)\|", token, re.S)
    return next((g for g in m.groups() if g is not None), "") if m else ""


def _excused(missing: Counter, extra: Counter, source: str, target: str,
             settings: UnitSettings = DEFAULT.units) -> tuple[Counter, Counter]:
    """Differences a reviewer would dismiss, taken out: a literal whose code is in the
    translation without its backticks; a literal that is an ordinary word translated as a
    word of the same stem (``virtual``, «virtuelles»); literals of the source replaced by
    literals of the translation (example names and strings translated on purpose: ``nomfonction`` for
    ``funcname``, ``ask_ok('정말 끝내길 원하세요?')``); markup the translation adds around words
    the source has as plain text (a link or ``literal`` added for the reader)."""
    plain_target = strip_markup(target)
    plain_source = strip_markup(source).casefold()
    added = [k for k in extra if k.startswith("``")]

    def in_source(token: str) -> bool:
        name = _inner(token).casefold()
        last = re.split(r"[.~]", name)[-1]
        return bool(name) and (name in plain_source or bool(last) and bool(
            re.search(rf"(?<!\w){re.escape(last)}(?!\w)", plain_source)))

    out_missing = Counter({k: n for k, n in missing.items() if not (
        k.startswith("``") and (_inner(k) in plain_target or added
                                or _rendered_word(_inner(k), plain_target, settings)))})
    # Literals the translation adds are the translator's additions for the reader (a
    # translator's note with an example, ``match`` before "statement"); markup around words
    # the source has (:keyword:`for` for ``for``, :class:`~string.Template` for "Template");
    # formatting roles (:sup:).
    out_extra = Counter({k: n for k, n in extra.items() if not (
        k.startswith("``") or in_source(k) or re.fullmatch(r":[\w:+.-]+:", k))})
    # A link replaced by one to the same site in the translation's language (Wikipedia),
    # or http by https; a role whose example name is translated (:attr:`la_reponse`).
    for k in list(out_missing):
        for x in list(out_extra):
            if k.startswith("<") and x.startswith("<") and _site(k) == _site(x) \
                    or _role_name(k) and _role_name(k) == _role_name(x) and _example_name(_inner(k)) \
                    and _example_name(_inner(x)):
                del out_missing[k], out_extra[x]
                break
    return out_missing, out_extra


def _rendered_word(code: str, target: str, settings: UnitSettings) -> bool:
    """Whether a literal is an ordinary word that the translation renders as a word of its
    own language: the literal is lowercase letters only (no code characters: ``virtual``, not
    ``x``, ``sys.path``, ``__init__`` or ``None``), and a word of the translation shares its
    stem («virtuelles»). A keyword translated into another word (``while``, «tant que») or
    into another script stays missing."""
    if not re.fullmatch(r"[a-z]+", code) or len(code) < settings.word_literal_min_letters:
        return False
    need = max(settings.word_literal_min_letters, math.ceil(settings.word_literal_stem_share * len(code)))
    stem = code[:need]
    return any(strip_accents(word.casefold()).startswith(stem) for word in re.findall(r"[^\W\d_]+", target))


def _site(token: str) -> str:
    m = re.match(r"<\w+://(?:[\w-]+\.)*?([\w-]+\.[\w-]+)(?:[/:]|>)", token)
    return m.group(1) if m else token


def _role_name(token: str) -> str:
    m = re.match(r"(:[^`]*:)`", token)
    return m.group(1) if m else ""


def _example_name(target: str) -> bool:
    """A made-up name of an example (no module path, not a dunder): translators may translate it."""
    return bool(re.fullmatch(r"[^\W\d]\w*", target)) and not target.startswith("__")


# --- numbers ----------------------------------------------------------------------------

def _numbers(ctx: UnitContext) -> Iterator[Finding]:
    from ..quantities import quantities, value_key

    for i, u in enumerate(ctx.doc.units):
        if _code(u):
            continue
        versions = ctx.judged(u)
        if len(versions) < 2:
            continue
        stated: dict[str, list[tuple[float, str]]] = {}
        values: dict[str, set[float]] = {}
        for lang, t in versions.items():
            text = strip_markup(without_markup(t.text))
            found = [(value_key(q.value), q.text) for q in quantities(text, lang) if not q.unit]
            # Every digit string as written too: quantities reads a French «3.1» (a version
            # number) as 3, and leaves some out («24 時間»); a value written is never "lacking".
            raw = _digit_values(text)
            stated[lang] = found + [(v, f"{v:g}") for v in sorted(raw) if v not in {x for x, _ in found}]
            values[lang] = {v for v, _ in found} | set(raw)
        for lang in versions:
            if lang == ctx.src:
                continue
            others = [o for o in versions if o != lang]
            support = Counter(v for o in others for v in values[o])
            lacks = {v for v, n in support.items() if n * 2 > len(others) and v not in values[lang]
                     and v in values[ctx.src]}
            # Only numbers written with digits are blamed: a numeral inside a word is no
            # number (Japanese 二次 "secondary").
            extra = [(v, text) for v, text in stated[lang] if support[v] == 0 and re.search(r"\d", text)]
            pairs = [(v, text) for v in lacks for x, text in extra if _plausible(v, x, ctx.settings.numbers.max_ratio)]
            if not pairs:
                continue
            said = ", ".join(dict.fromkeys(f"«{text}»" for _, text in pairs))
            expected = ", ".join(sorted({f"{v:g}" for v, _ in pairs}))
            yield NUMBER_MISMATCH.finding(
                language=lang, location=ctx.location(i, lang), reference=ctx.reference(i), score=None,
                message=f"number differs: this translation has {said} where the source and the other "
                        f"languages have {expected} ({ctx.src} «{shorten(u.source.text)}»)",
            )


# --- glossary ---------------------------------------------------------------------------

def _glossary(ctx: UnitContext) -> Iterator[Finding]:
    def find(text: str, term: str) -> int:
        return text.casefold().find(term.casefold())

    for i, u in enumerate(ctx.doc.units):
        versions = ctx.judged(u)
        for entry in ctx.glossary:
            marked = [(lang, term) for lang, term in entry.sources
                      if lang in versions and find(versions[lang].text, term) >= 0]
            if not marked:
                continue
            src_lang, src_term = marked[0]
            for lang, t in versions.items():
                if any(lang == m for m, _ in marked):
                    continue
                required = entry.required.get(lang, ()) + entry.required.get("*", ())
                forbidden = entry.forbidden.get(lang, ()) + entry.forbidden.get("*", ())
                if entry.do_not_translate:
                    required += (src_term,)
                bad = next((b for b in forbidden if find(t.text, b) >= 0), None)
                if bad is not None:
                    msg = f"«{bad}» renders «{src_term}», which the glossary forbids"
                    msg += "; use " + " or ".join(f"«{r}»" for r in required) if required else ""
                elif required and not any(find(t.text, r) >= 0 for r in required):
                    msg = (f"«{src_term}» should be rendered " + " or ".join(f"«{r}»" for r in required)
                           + " here, as the glossary requires")
                else:
                    continue
                yield GLOSSARY_TERM.finding(language=lang, location=ctx.location(i, lang),
                                            reference=ctx.reference(i, src_lang), score=None, message=msg)


# --- consistency ------------------------------------------------------------------------

def _consistency_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", strip_markup(text).casefold()).split())


def _inconsistent_translation(ctx: UnitContext) -> Iterator[Finding]:
    for lang in ctx.doc.languages:
        groups: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i, u in enumerate(ctx.doc.units):
            t = u.target(lang)
            if t is None or t.state not in (TRANSLATED, APPROVED) or not t.text.strip() or _code(u):
                continue
            groups[(u.context, _norm(u.source.text))].append(i)
        for (_, source), members in groups.items():
            renderings = Counter(_norm(ctx.doc.units[i].target(lang).text) for i in members)
            if len(renderings) < 2:
                continue
            ranked = sorted(renderings, key=lambda r: (-renderings[r], min(
                i for i in members if _norm(ctx.doc.units[i].target(lang).text) == r)))
            usual = ranked[0]
            first = next(i for i in members if _norm(ctx.doc.units[i].target(lang).text) == usual)
            for i in members:
                t = ctx.doc.units[i].target(lang)
                if _norm(t.text) == usual:
                    continue
                where = ctx.doc.units[first].target(lang)
                yield INCONSISTENT_TRANSLATION.finding(
                    language=lang, location=ctx.location(i, lang), reference=ctx.reference(first, lang), score=None,
                    message=f"«{shorten(source, 60)}» is translated «{shorten(t.text, 60)}» here but "
                            f"«{shorten(usual, 60)}» at {_where(where)}",
                )


def _inconsistent_source(ctx: UnitContext) -> Iterator[Finding]:
    for lang in ctx.doc.languages:
        groups: dict[str, list[int]] = defaultdict(list)
        for i, u in enumerate(ctx.doc.units):
            t = u.target(lang)
            if t is None or t.state not in (TRANSLATED, APPROVED) or _code(u):
                continue
            if _letters(strip_markup(t.text)) < ctx.settings.units.min_shared_letters:
                continue
            groups[_norm(t.text)].append(i)
        for text, members in groups.items():
            by_source: dict[str, int] = {}
            for i in members:
                by_source.setdefault(_consistency_key(ctx.doc.units[i].source.text), i)
            if len(by_source) < 2:
                continue
            # The unit the translation belongs to: the one whose source it matches best
            # (without embeddings, the first); the others carry a copy.
            first = max(members, key=lambda i: _fit(ctx, i, lang))
            first_key = _consistency_key(ctx.doc.units[first].source.text)
            for key, i in by_source.items():
                if key == first_key:
                    continue
                u = ctx.doc.units[i]
                yield INCONSISTENT_SOURCE.finding(
                    language=lang, location=ctx.location(i, lang), reference=ctx.reference(i), score=None,
                    message=f"this translation «{shorten(text, 60)}» is also the translation of a different "
                            f"source at {_where(ctx.doc.units[first].target(lang))} "
                            f"(«{shorten(ctx.doc.units[first].source.text, 60)}»); here the source is "
                            f"«{shorten(u.source.text, 60)}»",
                )


def _fit(ctx: UnitContext, i: int, lang: str) -> float:
    """How well unit ``i``'s translation in ``lang`` matches its source (0 without vectors;
    ties keep the first unit)."""
    if not ctx.vectors or (i, lang) not in ctx.vectors or (i, ctx.src) not in ctx.vectors:
        return -i * 1e-9
    return float(ctx.vectors[(i, lang)] @ ctx.vectors[(i, ctx.src)]) - i * 1e-9


def _digit_values(text: str) -> set[float]:
    out = set()
    for m in re.finditer(r"\d+(?:[.,]\d+)?", unicodedata.normalize("NFKC", text)):
        try:
            out.add(float(m.group().replace(",", ".")))
        except ValueError:
            pass
    return out


def _where(t: UnitText) -> str:
    from pathlib import PurePath

    return f"{PurePath(t.file).name}:{t.line}" if t.file else f"line {t.line}"


# --- embeddings: drift and truncation ---------------------------------------------------

def _embeddable(u: Unit, settings: UnitSettings) -> bool:
    return not _code(u) and _letters(strip_markup(u.source.text)) >= settings.min_embed_letters


def _scales(ctx: UnitContext) -> dict[tuple[str, str], float]:
    from ..align.pairwise import typical_similarity
    import numpy as np

    sims: dict[tuple[str, str], list[float]] = defaultdict(list)
    for i, u in enumerate(ctx.doc.units):
        if not _embeddable(u, ctx.settings.units):
            continue
        langs = sorted(ctx.judged(u))
        for a in range(len(langs)):
            for b in range(a + 1, len(langs)):
                x, y = langs[a], langs[b]
                sims[(x, y)].append(float(ctx.vectors[(i, x)] @ ctx.vectors[(i, y)]))
    return {k: typical_similarity(np.array(v)) for k, v in sims.items()
            if len(v) >= ctx.settings.units.min_units_for_calibration}


def _normalised(ctx: UnitContext):
    if getattr(ctx, "_scale_cache", None) is None:
        ctx._scale_cache = _scales(ctx)
    scales = ctx._scale_cache

    def score(i: int, x: str, y: str) -> float | None:
        k = (min(x, y), max(x, y))
        if k not in scales:
            return None
        return float(ctx.vectors[(i, x)] @ ctx.vectors[(i, y)]) / scales[k]

    return score


def _drift(ctx: UnitContext) -> Iterator[Finding]:
    limits = ctx.settings
    score = _normalised(ctx)
    for i, u in enumerate(ctx.doc.units):
        if not _embeddable(u, ctx.settings.units) or _letters(strip_markup(u.source.text)) < ctx.settings.units.min_drift_letters:
            continue
        versions = sorted(ctx.judged(u))
        if len(versions) < ctx.settings.units.min_consensus_versions + 1:
            continue
        for lang in versions:
            if lang == ctx.src:
                continue
            others = [o for o in versions if o != lang]
            mine = [s for o in others if (s := score(i, lang, o)) is not None]
            agree = [s for a in range(len(others)) for b in range(a + 1, len(others))
                     if (s := score(i, others[a], others[b])) is not None]
            if len(mine) < ctx.settings.units.min_consensus_versions or not agree:
                continue
            s = median(mine)
            if s >= limits.drift.suspect * limits.units.drift_factor or median(agree) < limits.drift.consensus:
                continue
            yield DRIFT.finding(
                language=lang, location=ctx.location(i, lang), reference=ctx.reference(i), score=s,
                severity="error" if s < limits.drift.error else "warning",
                message=f"this translation does not seem to say what the source and the other languages say "
                        f"(similarity {s:.2f} of the usual; {', '.join(others)} agree): "
                        f"«{shorten(u.target(lang).text)}» for {ctx.src} «{shorten(u.source.text)}»",
            )


def _part_gain(ctx: UnitContext, i: int, lang: str) -> float | None:
    """How much better the translation matches the best leading or trailing run of the
    source's clauses than the whole source (None without an encoder or with one clause)."""
    import numpy as np

    from ..align.verify import clause_spans

    if ctx.encode is None:
        return None
    src = " ".join(strip_markup(ctx.doc.units[i].source.text).split())
    spans = clause_spans(src, min_chars=8)
    if len(spans) < 2:
        return None
    parts = [src[spans[0][0] : spans[k][1]] for k in range(len(spans) - 1)]
    parts += [src[spans[k][0] : spans[-1][1]] for k in range(1, len(spans))]
    vecs = np.asarray(ctx.encode(parts), dtype=np.float32)
    vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)
    target = ctx.vectors[(i, lang)]
    return float((vecs @ target).max() - target @ ctx.vectors[(i, ctx.src)])


def _truncated(ctx: UnitContext) -> Iterator[Finding]:
    from ..align.nway import content_length
    from ..segment.endings import ends_mid_phrase

    limits = ctx.settings
    score = _normalised(ctx)
    ratios: dict[str, list[float]] = defaultdict(list)
    per_unit: dict[int, dict[str, float]] = {}
    for i, u in enumerate(ctx.doc.units):
        if not _embeddable(u, ctx.settings.units):
            continue
        versions = ctx.judged(u)
        n_src = content_length(strip_markup(u.source.text))
        logs = {}
        for lang, t in versions.items():
            if lang != ctx.src:
                logs[lang] = math.log(max(content_length(strip_markup(t.text)), 1) / max(n_src, 1))
                ratios[lang].append(logs[lang])
        per_unit[i] = logs
    centre = {}
    for lang, xs in ratios.items():
        if len(xs) >= ctx.settings.units.min_units_for_calibration:
            m = median(xs)
            spread = max(MAD_TO_SD * median(abs(x - m) for x in xs), ctx.settings.units.truncated_min_spread)
            centre[lang] = (m, spread)
    for i, logs in per_unit.items():
        u = ctx.doc.units[i]
        if _letters(strip_markup(u.source.text)) < ctx.settings.units.min_truncated_letters:
            continue
        for lang, lg in logs.items():
            if lang not in centre:
                continue
            m, spread = centre[lang]
            rel = math.exp(lg - m)  # length relative to this language's usual ratio to the source
            peers = [math.exp(logs[o] - centre[o][0]) for o in logs if o != lang and o in centre]
            if peers and rel / median(peers) >= limits.truncation.length:
                continue
            z = (lg - m) / spread
            text = strip_markup(u.target(lang).text)
            mid = (ends_mid_phrase(text, lang) and rel < limits.truncation.mid_phrase_length
                   and z <= limits.units.truncated_mid_phrase_max_z)
            if not (mid or (rel < limits.truncation.length and z <= ctx.settings.units.truncated_max_z)):
                continue
            # Meaning evidence: a cut translation matches a run of the source's clauses (its
            # opening or its close) better than the whole source; a concise complete one
            # (Chinese 索引越界会报错 for a long English sentence) does not. Without an encoder:
            # a similarity to the source well below the usual.
            sims = score(i, lang, ctx.src)
            gain = _part_gain(ctx, i, lang)
            if sims is None or (gain < ctx.settings.units.truncated_min_part_gain if gain is not None
                                else sims >= ctx.settings.units.truncated_max_similarity):
                continue
            yield TRUNCATED.finding(
                language=lang, location=ctx.location(i, lang), reference=ctx.reference(i), score=sims,
                message=f"translation cut short: {rel:.0%} of the length this language usually has for such a "
                        f"source" + (", ending mid-phrase" if mid else "")
                        + f": «{shorten(u.target(lang).text)}» for {ctx.src} «{shorten(u.source.text)}»",
            )
