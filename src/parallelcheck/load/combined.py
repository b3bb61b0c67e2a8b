"""Split a file that holds several language versions one after another."""

from __future__ import annotations

import re

from ..errors import InputError
from ..languages import language_name
from ..model import Document, Span
from ..settings import DEFAULT, Settings
from .boilerplate import content_paragraphs
from .langid import identify_language


def split_combined(text: str, source: str, boilerplate: re.Pattern[str] | None = None,
                   settings: Settings = DEFAULT) -> list[Document]:
    """Split one file holding several language versions one after another.

    Paragraphs (boilerplate removed) are identified one by one; a version is a run of
    consecutive paragraphs in one language. A paragraph without a confident language — a
    kanji-only title, a line of names — joins the run it heads (else the run it closes, or
    the neighbour matching its own weak guess). Returns one :class:`Document` per version in
    file order, each holding the whole ``text`` and its paragraph spans. Raises
    :class:`InputError` when a language appears in two separate places.
    """
    spans = content_paragraphs(text, extra=boilerplate, settings=settings.boilerplate)
    if not spans:
        raise InputError(f"{source}: no text content")
    guesses = [identify_language(text[s.start : s.end], settings.langid) for s in spans]
    # Below `confident` a paragraph's own guess yields to its neighbours.
    langs: list[str | None] = [lang if conf >= settings.langid.confident else None for lang, conf in guesses]
    if not any(langs):
        raise InputError(f"{source}: cannot tell the language of the text; give it as LANG={source}")

    filled = list(langs)
    for i, lang in enumerate(langs):
        if lang is not None:
            continue
        prev = next((x for x in reversed(langs[:i]) if x), None)
        nxt = next((x for x in langs[i + 1 :] if x), None)
        weak = guesses[i][0]
        # A weak guess that agrees with a neighbour decides; otherwise titles head their run.
        filled[i] = weak if weak in (prev, nxt) else (nxt or prev)

    # A single stray paragraph inside a run (a quoted sentence, an English name list) is
    # part of that run unless it is unmistakably another language (`stray_keep`).
    for i in range(1, len(filled) - 1):
        if filled[i - 1] == filled[i + 1] != filled[i] and guesses[i][1] < settings.langid.stray_keep:
            filled[i] = filled[i - 1]

    runs: list[tuple[str, list[Span], int]] = []  # language, spans, index of first paragraph
    for i, (span, lang) in enumerate(zip(spans, filled)):
        assert lang is not None
        if runs and runs[-1][0] == lang:
            runs[-1][1].append(span)
        else:
            runs.append((lang, [span], i))

    first: dict[str, Span] = {}
    for lang, run, _ in runs:
        if lang in first:
            line = text.count("\n", 0, run[0].start) + 1
            first_line = text.count("\n", 0, first[lang].start) + 1
            raise InputError(
                f"{source}: {language_name(lang)} ({lang}) text appears in two separate places "
                f"(lines {first_line} and {line}: «{_shorten(text[run[0].start : run[0].end])}»); "
                "give each version as its own file with LANG=PATH"
            )
        first[lang] = run[0]
    return [Document(lang, text, source, tuple(run)) for lang, run, _ in runs]


def _shorten(s: str, width: int = 40) -> str:
    s = " ".join(s.split())
    return s if len(s) <= width else s[: width - 1] + "…"
