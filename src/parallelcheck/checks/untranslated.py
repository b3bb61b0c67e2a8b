"""PC106: text left in another language (usually copied from the source)."""

from __future__ import annotations

import re
import unicodedata
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
# Technical tokens are the same in every language and say nothing of the one a sentence is
# in: paths and file names (debian/changelog, README.txt), URLs, options (--quiet),
# identifiers (UTF-8, x86, status.phase, snake_case, kebab-case-names) and `code`. "debian/changelog et
# debian/control en UTF-8." is two French words around three of them, not untranslated text.
# (Tokens are runs of printable ASCII: Chinese and Japanese text has no spaces to end them.)
_TECHNICAL = re.compile(r"`[^`]*`|[!-~]*[/\\_@=<>{}\[\]|~$][!-~]*|[!-~]*[A-Za-z0-9]\.[A-Za-z0-9][!-~]*|[!-~]*\d[!-~]*"
                        r"|(?<!\S)--?[A-Za-z][\w-]*"
                        # kebab-case names of programs and components (kube-controller-manager,
                        # cloud-controller-manager: k8s headings identical in every version)
                        r"|(?<!\S)[a-z0-9]+(?:-[a-z0-9]+){2,}(?!\S)")


def _prose(text: str) -> str:
    """The text without its technical tokens (what PC106 judges)."""
    return _TECHNICAL.sub(" ", text)


def _grams(text: str) -> set[str]:
    t = " ".join(text.lower().split())
    return {t[i : i + 4] for i in range(max(len(t) - 3, 0))}


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(len(a), len(b), 1)  # symmetric: shared names alone are not a copy


def run(ctx: CheckContext) -> Iterator[Finding]:
    limits = ctx.settings.untranslated
    for lang in ctx.languages:
        if lang == ctx.source:
            continue  # the source is what the others translate: never "untranslated"
        doc = ctx.docs[lang]
        counterparts = _counterparts(ctx, lang)
        flagged: list[tuple[int, str]] = []  # (segment index, language it is in)
        for j, seg in enumerate(doc.segments):
            prose = _prose(seg.text)
            letters = sum(1 for ch in prose if ch.isalpha())
            if letters < limits.min_letters or len(_WORD.findall(prose)) < limits.min_words:
                continue
            if _same_everywhere(ctx, lang, j, counterparts):
                continue  # a command name, a title kept in every version, the source included
            script = profile(lang).own_script
            if script is not None:
                # names in Latin letters are normal in CJK text; a sentence almost without the
                # language's own script is not
                if len(script.findall(prose)) < limits.min_own_script * letters:
                    flagged.append((j, _source_language(ctx, lang, j, counterparts) or "?"))
                continue
            copied = _source_language(ctx, lang, j, counterparts)
            if (copied and _not_in_own_language(prose, lang, ctx.settings)
                    and not _mostly_translated(ctx, lang, j, counterparts, copied)
                    and not _names_only(prose, ctx.settings)):
                flagged.append((j, copied))
        yield from _group(ctx, lang, flagged)
        yield from _inside_added(ctx, lang, {j for j, _ in flagged})


# A run of Latin-script words (with the spaces and punctuation between them) inside a text.
_LATIN_RUN = re.compile(r"[A-Za-z][\w'’-]*(?:[ \t,;:()/\"“”-]+[A-Za-z0-9][\w'’.-]*)+[.!?]?")


def _added_segments(ctx: CheckContext, lang: str) -> list[int]:
    """The version's segments that no other version has (what PC107 looks at): aligned to
    no pivot segment."""
    if lang == ctx.pivot:
        return []
    return sorted(j for j, b in ctx.version_beads[lang].items() if b.b and not b.a)


def _inside_added(ctx: CheckContext, lang: str, flagged: set[int]) -> Iterator[Finding]:
    """Untranslated text inside an addition: nothing to compare it with, so it is judged on
    its own — the run of text in another language (English in a French or Chinese version),
    located exactly, when language identification is confident about it and the run has more
    of that language's function words than of the version's own (a short French line taken
    for Italian, «la documentation de la commande», has more French ones)."""
    limits = ctx.settings.untranslated
    base = profile(lang).code
    doc = ctx.docs[lang]
    for j in _added_segments(ctx, lang):
        if j in flagged:
            continue
        seg = doc.segments[j]
        if profile(lang).own_script is None:
            runs = [(0, len(seg.text))]  # a Latin-script version: the sentence is the run
        else:
            runs = [m.span() for m in _LATIN_RUN.finditer(seg.text)]
        for start, end in runs:
            text = seg.text[start:end]
            prose = _prose(text)
            if (sum(ch.isalpha() for ch in prose) < limits.min_letters
                    or len(_WORD.findall(prose)) < limits.min_words):
                continue
            from ..load.langid import identify_language

            guess, conf = identify_language(prose, ctx.settings.langid)
            if guess is None or guess == base or conf < limits.min_language_confidence:
                continue
            words = [w.lower() for w in _WORD.findall(prose)]
            theirs = sum(w in profile(guess).function_words for w in words)
            if theirs < limits.min_function_words_added:
                continue  # names and terms (a table of resource kinds), not sentences
            if sum(w in profile(base).function_words for w in words) >= theirs:
                continue  # reads as the version's own language as much (a short line misidentified)
            text = text.strip()
            start = seg.start + start + (len(seg.text[start:end]) - len(seg.text[start:end].lstrip()))
            yield UNTRANSLATED.finding(
                language=lang,
                location=ctx.span_location(lang, seg.paragraph, start, start + len(text)),
                reference=None,
                score=None,
                message=f"not translated into {lang} (text no other version has, in {guess}): «{shorten(text)}»",
            )


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
    mine = _grams(_prose(ctx.segments[lang][j].text))
    for other, idx in counterparts.get(j, []):
        if _overlap(mine, _grams(_prose(ctx.text(other, idx)))) >= ctx.settings.untranslated.copy_overlap:
            return other
    return None


def _letters_and_digits(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).casefold() if ch.isalnum())


def _same_everywhere(ctx: CheckContext, lang: str, j: int, counterparts) -> bool:
    """Whether a segment reads the same (letters and digits) in every version, and there are
    enough versions for that to be a choice (``untranslated.kept_in_versions``): a command name
    (tldr's «# docker container remove»), a product name kept by every translation team."""
    groups = counterparts.get(j, [])
    if len(ctx.languages) < ctx.settings.untranslated.kept_in_versions:
        return False
    if {o for o, _ in groups} != set(ctx.languages) - {lang}:
        return False
    mine = _letters_and_digits(ctx.segments[lang][j].text)
    return all(_letters_and_digits(ctx.text(o, idx)) == mine for o, idx in groups)


def _mostly_translated(ctx: CheckContext, lang: str, j: int, counterparts, copied: str) -> bool:
    """Whether most words of a Latin-script segment are not its counterpart's (an English
    organisation name inside a French sentence): share ``untranslated.translated_share``."""
    words = [w.lower() for w in _WORD.findall(_prose(ctx.segments[lang][j].text))]
    theirs = {w.lower() for o, idx in counterparts.get(j, []) if o == copied
              for w in _WORD.findall(_prose(ctx.text(o, idx)))}
    own = sum(w not in theirs for w in words)
    return bool(words) and own >= ctx.settings.untranslated.translated_share * len(words)


def _names_only(text: str, settings) -> bool:
    """Whether a copied Latin-script text is only proper names (and numbers: a score): every
    word capitalised, none a function word of the language it reads as («Elite League:
    Dundee Stars 5-3 Belfast Giants», the same in English and French)."""
    from ..load.langid import identify_language

    words = _WORD.findall(text)
    if not words or not all(w[0].isupper() for w in words):
        return False
    guess, _ = identify_language(text, settings.langid)
    common = profile(guess).function_words if guess else frozenset()
    return not any(w.lower() in common for w in words)


def _not_in_own_language(text: str, lang: str, settings) -> bool:
    """Shared names make texts overlap; the copy must also read as another language."""
    from ..load.langid import identify_language

    guess, conf = identify_language(text, settings.langid)
    return guess is not None and guess != profile(lang).code and conf >= settings.untranslated.min_language_confidence


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
