"""Markdown versions: CommonMark (markdown-it-py) with front matter, tables, definition lists,
footnotes and admonitions (mdit-py-plugins).

The content paragraphs are the Markdown blocks: a heading, a paragraph, a whole list (its
items stay one structure: the segmenter splits them by their markers), a blockquote, a
table cell, a definition list, an admonition, a footnote, and the prose values of the front
matter (``title``, ``description``… see :class:`~parallelcheck.load.prose.ProseSettings`).
Code blocks, HTML comments and blocks of markup are no paragraph; inside the prose, code
spans, link targets, tags, shortcodes and placeholders are masked (see
:mod:`parallelcheck.load.prose`). Offsets and lines are those of the file.

>>> doc = markdown_document("en", "# Title\\n\\nRun `ls -l` now.\\n\\n```\\ncode\\n```\\n")
>>> [doc.text[s.start:s.end] for s in doc.paragraphs]
['# Title', 'Run         now.']
>>> [(c.kind, c.text) for c in doc.markup.code]
[('inline-code', 'ls -l'), ('code-block', 'code')]
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..errors import InputError
from ..languages import normalize_language
from ..model import Document
from .prose import DEFAULT_SETTINGS, ProseBuilder, ProseSettings, _Lines, block_code_key, scan_inline

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")

# Blocks that are one content paragraph each, with everything inside them.
_CONTAINERS = {
    "bullet_list_open": "list", "ordered_list_open": "list", "blockquote_open": "blockquote",
    "dl_open": "definition-list", "admonition_open": "admonition", "footnote_open": "footnote",
}
_LEAVES = {"heading_open": "heading", "paragraph_open": "paragraph"}
_QUOTE_PREFIX = re.compile(r"[ \t]{0,3}(?:>[ \t]?)+")
_ADMONITION = re.compile(r"[ \t]*(?:!!!|\?\?\?\+?|:::)[ \t]*[\w-]*")
_FRONT_KEY = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*)")
_DEFINITION = re.compile(r"[ \t]{0,3}[:~][ \t]")
_FOOTNOTE_LABEL = re.compile(r"\[\^[^\]\s]+\](?::)?")


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt
    from mdit_py_plugins.admon import admon_plugin
    from mdit_py_plugins.deflist import deflist_plugin
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    return (MarkdownIt("commonmark").enable("table").use(front_matter_plugin).use(deflist_plugin)
            .use(footnote_plugin).use(admon_plugin))


def markdown_document(language: str, text: str, source: str = "<string>",
                      settings: ProseSettings = DEFAULT_SETTINGS) -> Document:
    """A Markdown version from text in memory (see the module docstring)."""
    lang = normalize_language(language)
    if not text.strip():
        raise InputError(f"{source}: the '{lang}' version is empty")
    prose, spans, markup = read_markdown(text, settings)
    if not spans:
        raise InputError(f"{source}: the '{lang}' version has no prose (only code or markup)")
    return Document(lang, prose, source, spans, markup)


def read_markdown(text: str, settings: ProseSettings = DEFAULT_SETTINGS):
    """``(prose view, content paragraph spans, Markup)`` of a Markdown text."""
    b = ProseBuilder(text)
    lines = _Lines.of(text)
    tokens = _parser().parse(text)
    i = 0
    while i < len(tokens):
        i = _block(b, lines, tokens, i, settings)
    return b.build("markdown")


def _close_index(tokens, i: int) -> int:
    """Index of the token closing the block opened at ``i``."""
    level, depth = tokens[i].level, 0
    for j in range(i, len(tokens)):
        t = tokens[j]
        if t.nesting == 1 and t.level == level:
            depth += 1
        elif t.nesting == -1 and t.level == level:
            depth -= 1
            if depth == 0:
                return j
    return len(tokens) - 1


def _block(b: ProseBuilder, lines: _Lines, tokens, i: int, settings: ProseSettings) -> int:
    """Handle the top-level block at ``tokens[i]``; the index after it."""
    t = tokens[i]
    if t.type == "front_matter":
        _front_matter(b, lines, t, settings)
        return i + 1
    if t.type in ("fence", "code_block"):
        _code_block(b, lines, t)
        return i + 1
    if t.type == "html_block":
        _html_block(b, lines, t, settings, unit=True)
        return i + 1
    if t.type == "table_open":
        end = _close_index(tokens, i)
        _table(b, lines, tokens[i : end + 1], settings)
        return end + 1
    if t.type in _LEAVES or t.type in _CONTAINERS:
        end = _close_index(tokens, i)
        if t.map is None:  # a footnote: its paragraphs carry the lines
            inner = [x for x in tokens[i + 1 : end] if x.map]
            if inner:
                lo, hi = lines.span(inner[0].map[0], inner[-1].map[1])
                _unit(b, lines, _LEAVES.get(t.type) or _CONTAINERS[t.type], lo, hi, tokens[i : end + 1], settings)
        else:
            lo, hi = lines.span(t.map[0], t.map[1])
            _unit(b, lines, _LEAVES.get(t.type) or _CONTAINERS[t.type], lo, hi, tokens[i : end + 1], settings)
        return end + 1
    if t.type == "footnote_block_open":  # a wrapper: its footnotes are handled one by one
        return i + 1
    if t.nesting == 1:  # a block we do not know (a plugin's): skip it whole, masked
        return _close_index(tokens, i) + 1
    return i + 1  # hr, footnote_block markers…: markup


def _unit(b: ProseBuilder, lines: _Lines, kind: str, lo: int, hi: int, tokens, settings: ProseSettings) -> None:
    """One content paragraph over ``source[lo:hi]``: prose, then its markup masked."""
    b.prose(lo, hi)
    src = b.source
    if kind == "blockquote" or any(t.type == "blockquote_open" for t in tokens):
        for m in _QUOTE_PREFIX.finditer(src, lo, hi):
            if m.start() == lo or src[m.start() - 1] in "\r\n":
                b.mask(m.start(), m.end())
    if kind == "admonition":
        m = _ADMONITION.match(src, lo, hi)
        if m:
            b.mask(m.start(), m.end())
    if kind == "definition-list":
        for m in _DEFINITION.finditer(src, lo, hi):
            if m.start() == lo or src[m.start() - 1] in "\r\n":
                b.mask(m.start(), m.end())
    if kind == "footnote":
        for m in _FOOTNOTE_LABEL.finditer(src, lo, hi):
            b.mask(m.start(), m.end())
    # Nested blocks that are not prose: code, HTML, rules.
    code_lines: list[tuple[int, int]] = []
    for t in tokens:
        if t.map is None:
            continue
        if t.type in ("fence", "code_block"):
            code_lines.append(_code_block(b, lines, t))
        elif t.type == "html_block":
            code_lines.append(lines.span(*t.map))
            _html_block(b, lines, t, settings, unit=False)
        elif t.type == "hr":
            b.mask(*lines.span(*t.map))
    pos = lo
    for clo, chi in sorted(code_lines) + [(hi, hi)]:
        if clo > pos:
            scan_inline(b, pos, clo, settings)
        pos = max(pos, chi)
    b.add_unit(kind, lo, hi)


def _code_block(b: ProseBuilder, lines: _Lines, t) -> tuple[int, int]:
    lo, hi = lines.span(*t.map)
    b.mask(lo, hi)
    body = t.content.rstrip("\n")
    if body.strip():
        # The token's own text: the content lines, without fences or indentation.
        clo, chi = (lines.span(t.map[0] + 1, t.map[1] - 1) if t.type == "fence" and t.map[1] - t.map[0] > 2
                    else (lo, hi))
        b.add_code("code-block", block_code_key(body), body, clo, chi)
    return lo, hi


_TAG_OR_COMMENT = re.compile(r"<!--[\s\S]*?(?:-->|\Z)|<\?[\s\S]*?\?>|<![A-Za-z][^>]*>|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_RAW_TEXT = re.compile(r"<(script|style|pre|textarea)\b[\s\S]*?</\1\s*>", re.I)


def _html_block(b: ProseBuilder, lines: _Lines, t, settings: ProseSettings, *, unit: bool) -> None:
    """A block of raw HTML: comments, tags and script/style/pre bodies are not prose; text
    between tags is (a unit of its own at top level)."""
    lo, hi = lines.span(*t.map)
    src = b.source
    b.prose(lo, hi)
    for m in _RAW_TEXT.finditer(src, lo, hi):
        b.mask(m.start(), m.end())
    for m in _TAG_OR_COMMENT.finditer(src, lo, hi):
        b.mask(m.start(), m.end())
    if unit:
        b.add_unit("html", lo, hi)


def _table(b: ProseBuilder, lines: _Lines, tokens, settings: ProseSettings) -> None:
    """Each cell of each row is a content paragraph (the delimiter row is markup)."""
    src = b.source
    for t in tokens:
        if t.type != "tr_open" or t.map is None:
            continue
        lo, hi = lines.span(*t.map)
        cells = _cells(src, lo, hi)
        for clo, chi in cells:
            b.prose(clo, chi)
            scan_inline(b, clo, chi, settings)
            b.add_unit("table-cell", clo, chi)


def _cells(src: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Cell spans of one table row: split at ``|`` outside code spans and not escaped."""
    bounds, i, ticks = [], lo, 0
    while i < hi:
        ch = src[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "`":
            j = i
            while j < hi and src[j] == "`":
                j += 1
            run = j - i
            ticks = 0 if ticks == run else (run if ticks == 0 else ticks)
            i = j
            continue
        if ch == "|" and not ticks:
            bounds.append(i)
        i += 1
    edges = [lo - 1] + bounds + [hi]
    cells = []
    for a, z in zip(edges, edges[1:]):
        if z - a > 1 and src[a + 1 : z].strip():
            cells.append((a + 1, z))
    return cells


def _front_matter(b: ProseBuilder, lines: _Lines, t, settings: ProseSettings) -> None:
    """YAML (``---``) or TOML (``+++``) front matter: only the values of the prose keys are
    prose, each a paragraph of its own; the rest is metadata."""
    first, last = t.map[0] + 1, t.map[1] - 1  # without the fences
    src = b.source
    keys = set(settings.front_matter_keys)
    n = first
    while n < last:
        lo, hi = lines.starts[n], lines.ends[n]
        line = src[lo:hi]
        m = _FRONT_KEY.fullmatch(line.replace("=", ":", 1) if "=" in line and ":" not in line else line)
        n += 1
        if not m or line[:1].isspace() or m.group(1) not in keys:
            continue
        value = m.group(2).strip()
        if value in ("", ">", "|", ">-", "|-", ">+", "|+"):  # a block scalar: the indented lines below
            start = n
            while n < last and (not src[lines.starts[n] : lines.ends[n]].strip()
                                or src[lines.starts[n] : lines.ends[n]][:1].isspace()):
                n += 1
            if n > start:
                vlo, vhi = lines.span(start, n)
                b.prose(vlo, vhi)
                b.add_unit("front-matter", vlo, vhi)
            continue
        vlo = lo + m.start(2)
        vhi = hi
        while vhi > vlo and src[vhi - 1].isspace():
            vhi -= 1
        if vhi - vlo >= 2 and src[vlo] in "\"'" and src[vhi - 1] == src[vlo]:
            vlo, vhi = vlo + 1, vhi - 1
        b.prose(vlo, vhi)
        b.add_unit("front-matter", vlo, vhi)
