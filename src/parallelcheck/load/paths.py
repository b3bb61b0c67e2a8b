"""From command-line inputs (``LANG=PATH`` or ``PATH``) to documents."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from ..errors import InputError, UsageError
from ..languages import is_language_code, language_name, normalize_language
from ..model import Document
from .combined import split_combined
from .decode import read_text
from .langid import identify_language
from .paragraphs import is_boilerplate, split_paragraphs

_SPEC = re.compile(r"^([A-Za-z]{2,3}(?:[-_][A-Za-z]{2,4})?)=(.+)$", re.S)


def document_from_text(language: str, text: str, source: str = "<string>") -> Document:
    """A single-language version from text in memory (boilerplate paragraphs dropped)."""
    lang = normalize_language(language)
    if not text.strip():
        raise InputError(f"{source}: the '{lang}' version is empty")
    spans = tuple(s for s in split_paragraphs(text) if not is_boilerplate(text[s.start : s.end]))
    if not spans:
        raise InputError(f"{source}: the '{lang}' version has no text content")
    return Document(lang, text, source, spans)


def language_from_filename(path: str | Path) -> str | None:
    """'article.ko.txt', 'ko.txt', 'article_ko.md', 'ko/article.txt' → 'ko'."""
    p = Path(path)
    tokens = re.split(r"[._\-]", p.name)[:-1] if "." in p.name else [p.name]
    for token in reversed(tokens):
        if len(token) == 2 and is_language_code(token):
            return normalize_language(token)
    parent = p.parent.name
    if len(parent) == 2 and is_language_code(parent):
        return normalize_language(parent)
    return None


def load_file(path: str | Path, language: str | None = None) -> Document:
    """One file holding one version; the language is given, read from the name, or detected."""
    text = read_text(path)
    lang = language or language_from_filename(path) or _detect_whole(text, str(path))
    return document_from_text(lang, text, source=str(path))


def _detect_whole(text: str, source: str) -> str:
    votes: dict[str, float] = {}
    for span in split_paragraphs(text):
        lang, conf = identify_language(text[span.start : span.end])
        if lang:
            votes[lang] = votes.get(lang, 0.0) + conf * (span.end - span.start)
    if not votes:
        raise InputError(f"{source}: cannot tell the language; name it as LANG={source}")
    return max(sorted(votes), key=votes.__getitem__)


def load_paths(specs: Sequence[str]) -> list[Document]:
    """Load the inputs of one check. A single ``PATH`` without ``LANG=`` is a combined file
    holding several versions; otherwise each input is one version."""
    if not specs:
        raise UsageError("no input files given")
    parsed: list[tuple[str | None, str]] = []
    for spec in specs:
        m = _SPEC.match(spec)
        if m and not Path(spec).exists():
            parsed.append((normalize_language(m.group(1)), m.group(2)))
        else:
            parsed.append((None, spec))

    if len(parsed) == 1 and parsed[0][0] is None:
        path = parsed[0][1]
        docs = split_combined(read_text(path), path)
        if len(docs) < 2:
            found = ", ".join(language_name(d.language) for d in docs)
            raise InputError(
                f"only one language version found in {path} ({found}); need at least two"
            )
        return docs

    docs = [load_file(path, lang) for lang, path in parsed]
    seen: dict[str, str] = {}
    for d in docs:
        if d.language in seen:
            raise UsageError(f"two versions in language '{d.language}': {seen[d.language]} and {d.source}")
        seen[d.language] = d.source
    if len(docs) < 2:
        raise UsageError("need at least two language versions to compare")
    return docs
