"""Split a file that holds several language versions one after another."""

from __future__ import annotations

from ..errors import InputError
from ..languages import language_name
from ..model import Document, Span
from .langid import identify_language
from .paragraphs import is_boilerplate, split_paragraphs

# Below this confidence a paragraph's own guess is overruled by its neighbours.
_CONFIDENT = 0.75


def split_combined(text: str, source: str) -> list[Document]:
    """Versions are runs of consecutive paragraphs in one language. Weak or missing guesses
    (a title in kanji only, a line of names) take the language of the run they head, else of
    the run they close."""
    spans = [s for s in split_paragraphs(text) if not is_boilerplate(text[s.start : s.end])]
    if not spans:
        raise InputError(f"{source}: no text content")
    guesses = [identify_language(text[s.start : s.end]) for s in spans]
    langs: list[str | None] = [lang if conf >= _CONFIDENT else None for lang, conf in guesses]

    # Fill weak paragraphs from the next confident one (titles head their run), else the previous.
    for i in range(len(langs)):
        if langs[i] is None:
            nxt = next((lang for lang in langs[i + 1 :] if lang), None)
            prev = next((lang for lang in reversed(langs[:i]) if lang), None)
            langs[i] = nxt or prev or guesses[i][0]
    if any(lang is None for lang in langs):
        raise InputError(f"{source}: cannot tell the language of the text")

    # Absorb a single stray paragraph inside a run (a quote in another language).
    for i in range(1, len(langs) - 1):
        if langs[i - 1] == langs[i + 1] != langs[i] and guesses[i][1] < 0.99:
            langs[i] = langs[i - 1]

    runs: list[tuple[str, list[Span]]] = []
    for span, lang in zip(spans, langs):
        if runs and runs[-1][0] == lang:
            runs[-1][1].append(span)
        else:
            runs.append((lang, [span]))  # type: ignore[arg-type]

    seen: dict[str, int] = {}
    for lang, run in runs:
        if lang in seen:
            line = text.count("\n", 0, run[0].start) + 1
            raise InputError(
                f"{source}: {language_name(lang)} text appears in two separate places "
                f"(again at line {line}); give each version as its own file with LANG=PATH"
            )
        seen[lang] = 1
    return [Document(lang, text, source, tuple(run)) for lang, run in runs]
