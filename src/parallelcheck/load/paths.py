"""From inputs (``LANG=PATH`` or ``PATH``) to documents."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from ..errors import InputError, UsageError
from ..languages import language_tag, resolve_language
from ..model import Document
from ..settings import DEFAULT, Settings
from .boilerplate import compile_patterns, content_paragraphs
from .combined import split_combined
from .decode import read_text
from .langid import identify_language
from .paragraphs import has_visible, split_paragraphs
from .prose import DEFAULT_SETTINGS, ProseSettings
from .structured import check_input_format, format_of, prose_of, structured_document

# Anything word-like before "=" is meant as a language, so "english=a.txt" gets a clear
# "unknown language code" rather than "no such file".
_SPEC = re.compile(r"^([A-Za-z][A-Za-z0-9_-]{0,15})=(.+)$", re.S)
# A language token in a file name: "ko", "zh-CN", "zh_Hant", "pt-BR" (not "so-what").
_NAME_TAG = re.compile(r"[a-z]{2}(?:[-_](?:[a-z]{2}|hans|hant))?", re.I)


def document_from_text(
    language: str, text: str, source: str = "<string>", boilerplate: re.Pattern[str] | None = None,
    settings: Settings = DEFAULT, input_format: str | None = None, prose: ProseSettings | None = None,
) -> Document:
    """A single-language version from text in memory.

    The language tag is kept as given, in canonical case (``zh-cn`` → ``zh-CN``: locale
    variants are distinct versions; see :func:`~parallelcheck.languages.language_tag`), the text split into paragraphs
    and boilerplate paragraphs (share widgets, "see more" links) dropped. ``text`` is kept
    as given, so the spans are offsets into it. ``boilerplate``: extra line patterns
    (:func:`~parallelcheck.load.boilerplate.compile_patterns`). ``input_format``: ``markdown``
    or ``html`` read the text as such (:mod:`parallelcheck.load.structured`); ``prose``: what
    of it is prose (front-matter keys…).
    """
    fmt = check_input_format(input_format)  # text in memory is plain unless told ("auto" too)
    if fmt not in ("auto", "text"):
        return structured_document(fmt, language, text, source, prose or DEFAULT_SETTINGS)
    lang = language_tag(language)
    if not text.strip():
        raise InputError(f"{source}: the '{lang}' version is empty")
    if not has_visible(text):
        raise InputError(f"{source}: the '{lang}' version has no text (only invisible characters)")
    spans = tuple(content_paragraphs(text, extra=boilerplate, settings=settings.boilerplate))
    if not spans:
        raise InputError(f"{source}: the '{lang}' version has no text content")
    return Document(lang, text, source, spans)


def _name_language(token: str) -> str | None:
    if not _NAME_TAG.fullmatch(token):
        return None
    try:
        return language_tag(token)
    except UsageError:
        return None


def language_from_filename(path: str | Path) -> str | None:
    """The language a file name announces, or None.

    ``article.ko.txt``, ``ko.txt``, ``article_ko.txt``, ``article-ko.md``, ``article.zh-CN.txt``
    and ``ko/article.txt`` all give ``'ko'`` (or ``'zh-CN'``: the tag as written). Only the last token of the name
    before its extension, or the whole parent folder name, is considered, and only when it is
    a known language code, so that ``go-to-market.txt`` names no language.
    """
    p = Path(path)
    stem = p.name.split(".")[:-1] if "." in p.name.lstrip(".") else [p.name]
    if stem:
        last_dotted = stem[-1]
        candidates = [last_dotted]
        parts = re.split(r"[_\-]", last_dotted)
        if len(parts) >= 2:
            candidates += ["-".join(parts[-2:]), parts[-1]]
        for token in candidates:
            lang = _name_language(token)
            if lang:
                return lang
    return _name_language(p.parent.name) if p.parent.name else None


def load_file(path: str | Path, language: str | None = None, boilerplate: re.Pattern[str] | None = None,
              settings: Settings = DEFAULT, input_format: str | None = None,
              prose: ProseSettings | None = None) -> Document:
    """Load one file holding one version. The language is ``language`` when given, else the
    one the file name announces, else the one detected from the content (its prose, for
    Markdown and HTML). ``input_format``: ``auto`` (by extension), ``text``, ``markdown``,
    ``html``."""
    text = read_text(path)
    fmt = format_of(path, input_format)
    markup = prose or DEFAULT_SETTINGS
    lang = language or language_from_filename(path) or detect_document_language(
        prose_of(fmt, text, markup), str(path), settings)
    return document_from_text(lang, text, source=str(path), boilerplate=boilerplate, settings=settings,
                              input_format=fmt, prose=markup)


def detect_document_language(text: str, source: str = "<string>", settings: Settings = DEFAULT) -> str:
    """The language of a whole single-language text: paragraph guesses weighted by length."""
    votes: dict[str, float] = {}
    for span in split_paragraphs(text):
        lang, conf = identify_language(text[span.start : span.end], settings.langid)
        if lang:
            votes[lang] = votes.get(lang, 0.0) + conf * (span.end - span.start)
    if not votes:
        raise InputError(f"{source}: cannot tell the language; give it as LANG={source}")
    return max(sorted(votes), key=votes.__getitem__)


def _parse_spec(spec: str) -> tuple[str | None, str]:
    m = _SPEC.match(spec)
    # A path that exists is a path, even with "=" in its name.
    if m and not Path(spec).exists():
        return language_tag(m.group(1)), m.group(2)
    return None, spec


def load_paths(
    specs: Sequence[str], *, languages: Sequence[str] | None = None, boilerplate: Sequence[str] = (),
    settings: Settings = DEFAULT, input_format: str | None = None, prose: ProseSettings | None = None,
) -> list[Document]:
    """Load the inputs of one check, in the order given.

    Each spec is ``LANG=PATH`` or ``PATH``. A single ``PATH`` without ``LANG=`` is a combined
    file holding several versions (see :func:`split_combined`); otherwise every input is one
    version whose language is given, announced by its file name, or detected (``settings``:
    language identification and boilerplate, settings.Settings). ``languages``,
    when given, keeps only those versions (each must be found); ``boilerplate`` adds regexes
    for lines that are page furniture (each matched against a whole line); ``input_format``
    and ``prose`` choose the reader (see :func:`load_file`). Raises :class:`InputError`
    (or :class:`UsageError`) with one line for anything wrong: unreadable or empty inputs,
    unknown codes, two versions in one language, fewer than two versions.
    """
    if not specs:
        raise UsageError("no input files given")
    wanted = [language_tag(code) for code in languages] if languages is not None else None
    parsed = [_parse_spec(spec) for spec in specs]
    extra = compile_patterns(boilerplate)

    if len(parsed) == 1 and parsed[0][0] is None:
        path = parsed[0][1]
        docs = split_combined(read_text(path), path, extra, settings)
        if len(docs) < 2 and wanted is None:
            found = ", ".join(d.language for d in docs)
            raise InputError(f"only one language version found in {path} ({found}); need at least two")
    else:
        docs = [load_file(path, lang, extra, settings, input_format, prose) for lang, path in parsed]
        seen: dict[str, str] = {}
        for d in docs:
            if d.language in seen:
                raise UsageError(
                    f"two versions in language '{d.language}': {seen[d.language]} and {d.source}"
                )
            seen[d.language] = d.source

    if wanted is not None:
        have = [d.language for d in docs]
        # "zh" names the one Chinese version, whatever its region
        wanted = [resolve_language(code, have) or code for code in wanted]
        missing = [code for code in dict.fromkeys(wanted) if code not in have]
        if missing:
            raise InputError(
                f"no '{missing[0]}' version in the inputs (found: {', '.join(d.language for d in docs)})"
            )
        docs = [d for d in docs if d.language in wanted]
    if len(docs) < 2:
        d = docs[0]
        raise InputError(f"only one language version given ({d.language}: {d.source}); need at least two")
    return docs
