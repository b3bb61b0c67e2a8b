"""Layouts of documentation trees: which files are the language versions of one document.

A layout maps a file's path inside the tree to ``(language token, document path)``; the files
that share a document path are the versions of one document. Built-in layouts, detected in
this order (or named with ``--layout NAME``):

- ``docusaurus``: ``docs/{path}`` (the default language) and
  ``i18n/{lang}/docusaurus-plugin-content-docs/current/{path}``;
- ``tldr``: ``pages/{path}`` (the default language) and ``pages.{lang}/{path}``;
- ``hugo``: ``content/{lang}/{path}``, or ``{lang}/{path}`` at the top of the tree;
- ``folder-per-document``: ``{path}/{lang}.{ext}`` (``docs/<document>/ko.txt``);
- ``suffix``: ``{path}.{lang}.{ext}`` or ``{path}_{lang}.{ext}`` (MkDocs ``page.fr.md``,
  ``name_ko.txt``); a file without a language suffix is the default language.

Anything else is a template: ``--layout 'content/{lang}/{path}'`` (``{lang}`` one path part,
``{path}`` the rest), with ``--lang-map en=pages,zh=zh-cn`` naming the folders whose names are
not language codes. The default-language folder of a layout (tldr's ``pages/``) holds the source
language: ``--source`` names it (the convention of the project otherwise: English).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..errors import UsageError
from ..languages import normalize_language

# Files that can be a document's version; everything else in the tree (images, YAML data,
# build output) is not a page.
PAGE_EXTENSIONS = frozenset({".md", ".markdown", ".mdx", ".txt", ".rst", ".html", ".htm"})
# Folders never walked: version control, tool caches, dependencies.
SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox",
                       ".parallelcheck-cache", "public", "build", "site"})
# The default language of a layout's default-language folder (``pages/``, ``docs/``) when the
# source is not named: these projects write their default pages in English.
DEFAULT_FOLDER_LANGUAGE = "en"

DEFAULT = "{default}"  # marks a rule whose files are in the default language


@dataclass(frozen=True)
class Rule:
    """One path pattern: a compiled regex with groups ``lang`` (absent for the default-language
    rule) and ``path``; ``ext`` (optional) is put back on the document path."""

    pattern: re.Pattern[str]
    default: bool = False


@dataclass(frozen=True)
class Layout:
    name: str
    rules: tuple[Rule, ...]
    # language token as written in the tree (folder or suffix) -> language code
    lang_map: Mapping[str, str] = field(default_factory=dict)
    description: str = ""

    def match(self, relpath: str, default_language: str) -> tuple[str, str] | None:
        """``(language, document path)`` of a file (a POSIX path relative to the tree), or None
        when the file is not a version of a document in this layout."""
        for rule in self.rules:
            m = rule.pattern.fullmatch(relpath)
            if not m:
                continue
            doc = m.group("path")
            ext = m.groupdict().get("ext")
            if ext:
                doc += ext
            if rule.default:
                return default_language, doc
            lang = language_of_token(m.group("lang"), self.lang_map)
            if lang is not None:
                return lang, doc
        return None


def language_of_token(token: str, lang_map: Mapping[str, str] | None = None) -> str | None:
    """The language a folder name or suffix stands for, or None when it is not one."""
    if lang_map and token in lang_map:
        return lang_map[token]
    if not re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?", token):
        return None
    try:
        return normalize_language(token)
    except UsageError:
        return None


def _rx(text: str) -> re.Pattern[str]:
    return re.compile(text, re.S)


_EXT = r"(?P<ext>\.[A-Za-z0-9]+)"
BUILTIN: dict[str, Layout] = {
    "docusaurus": Layout("docusaurus", (
        Rule(_rx(r"docs/(?P<path>.+)"), default=True),
        Rule(_rx(r"i18n/(?P<lang>[^/]+)/docusaurus-plugin-content-docs/current/(?P<path>.+)")),
    ), description="docs/{path} and i18n/{lang}/docusaurus-plugin-content-docs/current/{path}"),
    "tldr": Layout("tldr", (
        Rule(_rx(r"pages/(?P<path>.+)"), default=True),
        Rule(_rx(r"pages\.(?P<lang>[^/]+)/(?P<path>.+)")),
    ), description="pages/{path} and pages.{lang}/{path}"),
    "hugo": Layout("hugo", (
        Rule(_rx(r"content/(?P<lang>[^/]+)/(?P<path>.+)")),
        Rule(_rx(r"(?P<lang>[^/]+)/(?P<path>.+)")),
    ), description="content/{lang}/{path} (or {lang}/{path})"),
    "folder-per-document": Layout("folder-per-document", (
        Rule(_rx(r"(?P<path>.+)/(?P<lang>[^/.]+)\.[A-Za-z0-9]+")),
    ), description="{document}/{lang}.{ext}"),
    "suffix": Layout("suffix", (
        Rule(_rx(r"(?P<path>[^/]+(?:/[^/]+)*?)[._](?P<lang>[A-Za-z]{2,3}(?:[-_][A-Za-z]{2,4})?)" + _EXT)),
        Rule(_rx(r"(?P<path>.+?)" + _EXT), default=True),
    ), description="{path}.{lang}.{ext} or {path}_{lang}.{ext}; no suffix: the default language"),
}


def template_layout(template: str, lang_map: Mapping[str, str]) -> Layout:
    """A layout from a template such as ``content/{lang}/{path}`` or ``docs/{path}.{lang}.md``."""
    if "{lang}" not in template or "{path}" not in template:
        raise UsageError(f"--layout '{template}': a template needs {{lang}} and {{path}} "
                         f"(or one of: {', '.join(BUILTIN)})")
    parts = re.split(r"(\{lang\}|\{path\})", template.strip("/"))
    rx = ""
    for part in parts:
        if part == "{lang}":
            rx += r"(?P<lang>[^/]+?)"
        elif part == "{path}":
            rx += r"(?P<path>.+?)"
        else:
            rx += re.escape(part)
    rules = [Rule(_rx(rx))]
    # A folder the lang map names for a language is matched through the same template.
    return Layout(f"template:{template}", tuple(rules), dict(lang_map), description=template)


def parse_lang_map(items: Iterable[str]) -> dict[str, str]:
    """``["en=pages", "zh=zh-cn"]`` (or one comma-separated string each) → ``{"pages": "en", "zh-cn": "zh"}``:
    folder or suffix token → language."""
    out: dict[str, str] = {}
    for item in items:
        for pair in item.split(","):
            if not pair.strip():
                continue
            lang, sep, token = pair.partition("=")
            if not sep or not lang.strip() or not token.strip():
                raise UsageError(f"--lang-map expects LANG=FOLDER pairs (e.g. en=pages,zh=zh-cn), not '{pair}'")
            out[token.strip()] = normalize_language(lang.strip())
    return out


def walk_pages(root: Path) -> list[str]:
    """Every page file under ``root``, as sorted POSIX paths relative to it."""
    out = []
    for path in _walk(root):
        out.append(path.relative_to(root).as_posix())
    return sorted(out)


def _walk(folder: Path):
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        raise UsageError(f"{folder}: cannot read folder: {exc.strerror or exc}") from None
    for entry in entries:
        if entry.name.startswith(".") and entry.name not in (".",):
            continue
        if entry.is_dir() and not entry.is_symlink():
            if entry.name not in SKIP_DIRS:
                yield from _walk(entry)
        elif entry.is_file() and entry.suffix.lower() in PAGE_EXTENSIONS:
            yield entry


def detect_layout(root: Path, pages: Sequence[str], lang_map: Mapping[str, str]) -> Layout:
    """The built-in layout of a tree (see the module docstring), or a :class:`UsageError` asking
    for ``--layout``."""
    top = {p.split("/", 1)[0] for p in pages if "/" in p}

    def with_map(layout: Layout) -> Layout:
        return Layout(layout.name, layout.rules, dict(lang_map), layout.description)

    def langs(names: Iterable[str]) -> set[str]:
        return {n for n in names if language_of_token(n, lang_map)}

    if "i18n" in top and "docs" in top and any(
        re.fullmatch(r"i18n/[^/]+/docusaurus-plugin-content-docs/current/.+", p) for p in pages
    ):
        return with_map(BUILTIN["docusaurus"])
    if "pages" in top and any(re.fullmatch(r"pages\.[^/]+", t) and language_of_token(t[6:], lang_map) for t in top):
        return with_map(BUILTIN["tldr"])
    content = {p.split("/")[1] for p in pages if p.startswith("content/") and p.count("/") >= 2}
    if len(langs(content)) >= 2 or len(langs(top)) >= 2:
        return with_map(BUILTIN["hugo"])
    leaves = [PurePosixPath(p) for p in pages if "/" in p]
    if leaves and sum(1 for p in leaves if language_of_token(p.stem, lang_map)) >= max(2, len(leaves) // 2):
        return with_map(BUILTIN["folder-per-document"])
    suffixed = [p for p in pages if re.search(r"[._][A-Za-z]{2,3}(?:[-_][A-Za-z]{2,4})?\.[A-Za-z0-9]+$", p)]
    if sum(1 for p in suffixed if BUILTIN["suffix"].match(p, "") and BUILTIN["suffix"].match(p, "")[0]) >= 2:
        return with_map(BUILTIN["suffix"])
    raise UsageError(f"{root}: cannot tell how the language versions are laid out; give --layout "
                     f"({', '.join(BUILTIN)}, or a template such as 'content/{{lang}}/{{path}}')")


def resolve_layout(root: Path, pages: Sequence[str], layout: str | None, lang_map: Mapping[str, str]) -> Layout:
    """The layout named (built-in name or template) or detected."""
    if layout is None or layout == "auto":
        return detect_layout(root, pages, lang_map)
    if layout in BUILTIN:
        base = BUILTIN[layout]
        return Layout(base.name, base.rules, dict(lang_map), base.description)
    return template_layout(layout, lang_map)


@dataclass(frozen=True)
class PageSet:
    """One document of the tree: its path (the same in every language) and, per language, the
    file of its version (relative to the tree root), in language order."""

    path: str
    files: tuple[tuple[str, str], ...]

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(lang for lang, _ in self.files)

    def file(self, language: str) -> str | None:
        return next((f for lang, f in self.files if lang == language), None)


def pair_pages(layout: Layout, pages: Sequence[str], source: str,
               languages: Sequence[str] | None = None) -> tuple[list[PageSet], tuple[str, ...]]:
    """The documents of the tree, sorted by path, and the tree's languages (the source first, then
    in order of code). ``languages`` keeps only those versions. Two files of one language for one
    document (``a.md`` and ``a.markdown``) are a :class:`UsageError` naming both."""
    docs: dict[str, dict[str, str]] = {}
    for rel in pages:
        hit = layout.match(rel, source)
        if hit is None:
            continue
        lang, doc = hit
        if languages is not None and lang not in languages:
            continue
        versions = docs.setdefault(doc, {})
        if lang in versions:
            raise UsageError(f"two '{lang}' versions of document {doc}: {versions[lang]} and {rel}")
        versions[lang] = rel
    found = {lang for v in docs.values() for lang in v}
    order = tuple([source] * (source in found or bool(languages and source in languages))
                  + sorted(found - {source}))
    out = [PageSet(doc, tuple((lang, versions[lang]) for lang in order if lang in versions))
           for doc, versions in sorted(docs.items())]
    return out, order


def expected_file(layout: Layout, page: PageSet, language: str) -> str | None:
    """Where the ``language`` version of ``page`` would be, by analogy with an existing version
    (for the message of a missing page), or None when the layout cannot say."""
    for lang, rel in page.files:
        for rule in layout.rules:
            m = rule.pattern.fullmatch(rel)
            if not m or rule.default or "lang" not in m.groupdict():
                continue
            token = m.group("lang")
            tokens = [t for t, code in layout.lang_map.items() if code == language]
            new = tokens[0] if tokens else language
            if language_of_token(token, layout.lang_map) != lang:
                continue
            return rel[: m.start("lang")] + new + rel[m.end("lang"):]
    return None
