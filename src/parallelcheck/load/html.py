"""HTML versions: an article or docs page, its main content as paragraphs.

Parsed with the standard library's tolerant ``html.parser`` with character references left
alone, so that every tag, text run and entity has its exact place in the file: the prose
view (:mod:`parallelcheck.load.prose`) keeps the file's length and every offset and line a
finding reports points into the page's source.

The main content is ``<main>`` (or ``role="main"``), else the ``<article>`` with the most
text, else the element whose own paragraphs hold the most text; inside it ``nav``, ``aside``,
``footer``, ``form``, ``script``, ``style``, ``template`` and share / related / comment
widgets (by class or id) are left out. Headings, paragraphs, lists (one structure: each
``<li>`` shown as a ``-`` item on its own line), table cells, blockquotes, definition lists
and figure captions are the paragraphs; ``<pre>`` and ``<code>`` are code, link targets
are kept for PC207, entities are decoded. A heading's tag is shown as Markdown's ``#``
marks, so the heading rule (PC206) reads HTML headings too.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..errors import InputError
from ..languages import normalize_language
from ..model import Document
from .prose import DEFAULT_SETTINGS, ProseBuilder, ProseSettings, block_code_key, code_key, scan_inline, url_key

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
_SKIP = {"script", "style", "noscript", "template", "svg", "math", "nav", "aside", "footer", "form", "button",
         "iframe", "object", "select", "textarea", "dialog", "head", "title"}
_UNITS = {"p": "paragraph", "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading",
          "h6": "heading", "ul": "list", "ol": "list", "dl": "definition-list", "blockquote": "blockquote",
          "td": "table-cell", "th": "table-cell", "figcaption": "caption", "pre": "code", "caption": "caption",
          "summary": "heading"}
_BLOCKS = {"address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figcaption", "figure",
           "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
           "pre", "section", "table", "ul", "dd", "dt", "tr", "td", "th", "tbody", "thead", "tfoot", "summary"}
# Page furniture by class or id (share buttons, related links, comments, ads, cookie banners).
_WIDGET = re.compile(r"(?:^|[-_\s])(?:share|sharing|social|related|comments?|newsletter|subscribe|advert\w*|ads?"
                     r"|sponsor\w*|cookie\w*|breadcrumbs?|sidebar|promo|popular|recommend\w*|tags|toc)(?:$|[-_\s])",
                     re.I)
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str]
    start: int  # the start tag
    open_end: int
    close_start: int = -1  # the end tag (or where the element ends)
    end: int = -1
    children: list = field(default_factory=list)  # _Node or ("data"|"entity"|"comment", start, end)
    parent: "_Node | None" = None


class _Parser(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self._line_starts = [0] + [m.end() for m in re.finditer(r"\n", source)]
        self.root = _Node("#root", {}, 0, 0)
        self.stack = [self.root]

    def _pos(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def _close(self, node: _Node, at: int, end: int) -> None:
        node.close_start, node.end = at, end

    def handle_starttag(self, tag, attrs):
        s = self._pos()
        raw = self.get_starttag_text() or ""
        top = self.stack[-1]
        # Implied ends: a block closes an open <p>; an <li> closes the previous <li>, <dt>/<dd> likewise.
        if top.tag == "p" and tag in _BLOCKS:
            self._pop_to("p", s)
        if tag == "li":
            self._pop_to("li", s, stop={"ul", "ol"})
        if tag in ("dt", "dd"):
            self._pop_to("dd", s, stop={"dl"})
            self._pop_to("dt", s, stop={"dl"})
        if tag in ("td", "th"):
            self._pop_to("td", s, stop={"tr", "table"})
            self._pop_to("th", s, stop={"tr", "table"})
        node = _Node(tag, {k: v or "" for k, v in attrs}, s, s + len(raw), parent=self.stack[-1])
        self.stack[-1].children.append(node)
        if tag in _VOID or raw.endswith("/>"):
            self._close(node, s + len(raw), s + len(raw))
        else:
            self.stack.append(node)

    def _pop_to(self, tag: str, at: int, stop: set[str] = frozenset()) -> None:
        for k in range(len(self.stack) - 1, 0, -1):
            if self.stack[k].tag in stop:
                return
            if self.stack[k].tag == tag:
                for node in self.stack[k:]:
                    self._close(node, at, at)
                del self.stack[k:]
                return

    def handle_endtag(self, tag):
        s = self._pos()
        gt = self.source.find(">", s)
        e = gt + 1 if gt >= 0 else len(self.source)
        for k in range(len(self.stack) - 1, 0, -1):
            if self.stack[k].tag == tag:
                for node in self.stack[k + 1 :]:
                    self._close(node, s, s)
                self._close(self.stack[k], s, e)
                del self.stack[k:]
                return

    def handle_data(self, data):
        s = self._pos()
        self.stack[-1].children.append(("data", s, s + len(data)))

    def handle_entityref(self, name):
        self._entity()

    def handle_charref(self, name):
        self._entity()

    def _entity(self):
        s = self._pos()
        m = _ENTITY.match(self.source, s)
        if m:
            self.stack[-1].children.append(("entity", s, m.end()))

    def close(self):
        super().close()
        end = len(self.source)
        for node in self.stack[1:]:
            self._close(node, end, end)
        self.root.close_start = self.root.end = end


def html_document(language: str, text: str, source: str = "<string>",
                  settings: ProseSettings = DEFAULT_SETTINGS) -> Document:
    """An HTML version from text in memory (see the module docstring)."""
    lang = normalize_language(language)
    if not text.strip():
        raise InputError(f"{source}: the '{lang}' version is empty")
    prose, spans, markup = read_html(text, settings)
    if not spans:
        raise InputError(f"{source}: the '{lang}' version has no text content")
    return Document(lang, prose, source, spans, markup)


def read_html(text: str, settings: ProseSettings = DEFAULT_SETTINGS):
    """``(prose view, content paragraph spans, Markup)`` of an HTML page."""
    parser = _Parser(text)
    parser.feed(text)
    parser.close()
    b = ProseBuilder(text)
    _units(b, _main(parser.root, text), settings)
    return b.build("html")


def _iter(node: _Node):
    for c in node.children:
        if isinstance(c, _Node):
            yield c
            yield from _iter(c)


def _skipped(node: _Node) -> bool:
    if node.tag in _SKIP or node.attrs.get("hidden") is not None or node.attrs.get("aria-hidden") == "true":
        return True
    marks = f"{node.attrs.get('class', '')} {node.attrs.get('id', '')} {node.attrs.get('role', '')}"
    return bool(_WIDGET.search(marks)) or node.attrs.get("role") in ("navigation", "banner", "contentinfo",
                                                                    "complementary")


def _text_length(node: _Node, src: str, own_paragraphs: bool = False) -> int:
    total = 0
    for c in node.children:
        if isinstance(c, _Node):
            if _skipped(c):
                continue
            if own_paragraphs and c.tag not in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote"):
                continue
            total += _text_length(c, src)
        elif c[0] == "data":
            total += len(src[c[1] : c[2]].strip())
        elif c[0] == "entity":
            total += 1
    return total


def _main(root: _Node, src: str) -> _Node:
    """The page's main content: <main> or role=main, else the <article> with the most text,
    else the element whose own paragraphs hold the most text."""
    nodes = [n for n in _iter(root) if not _skipped(n)]
    for n in nodes:
        if n.tag == "main" or n.attrs.get("role") == "main":
            return n
    articles = [n for n in nodes if n.tag == "article"]
    if articles:
        return max(articles, key=lambda n: (_text_length(n, src), -n.start))
    candidates = [n for n in nodes if n.tag in ("div", "section", "body", "td")]
    if not candidates:
        return root
    return max(candidates, key=lambda n: (_text_length(n, src, own_paragraphs=True), -n.start))


def _units(b: ProseBuilder, node: _Node, settings: ProseSettings) -> None:
    """Units are the unit elements under ``node``, and runs of loose inline text."""
    run: list = []

    def flush():
        if run:
            lo = run[0][1] if isinstance(run[0], tuple) else run[0].start
            hi = run[-1][2] if isinstance(run[-1], tuple) else run[-1].end
            _fill(b, run, settings)
            b.add_unit("text", lo, hi)
            run.clear()

    for c in node.children:
        if isinstance(c, tuple):
            if c[0] != "comment":
                run.append(c)
            continue
        if _skipped(c):
            flush()
            continue
        if c.tag in _UNITS:
            flush()
            _unit(b, c, settings)
        elif c.tag in _BLOCKS or c.tag in ("header", "body", "html", "span") and _has_blocks(c):
            flush()
            _units(b, c, settings)
        else:
            run.append(c)
    flush()


def _has_blocks(node: _Node) -> bool:
    return any(n.tag in _BLOCKS or n.tag in _UNITS for n in _iter(node))


def _unit(b: ProseBuilder, node: _Node, settings: ProseSettings) -> None:
    src = b.source
    if node.tag == "pre":
        body = html.unescape(_raw_text(node, src))
        if body.strip():
            b.add_code("code-block", block_code_key(body), body.strip("\n"), node.open_end, max(node.close_start, node.open_end))
        return
    _fill(b, node.children, settings, in_list=node.tag in ("ul", "ol"))
    level = int(node.tag[1]) if node.tag in ("h1", "h2", "h3", "h4", "h5", "h6") else 0
    if level:
        b.substitute(node.start, node.open_end, "#" * level + " ")
    b.add_unit(_UNITS[node.tag], node.start, max(node.end, node.open_end))


def _raw_text(node: _Node, src: str) -> str:
    out = []
    for c in node.children:
        if isinstance(c, _Node):
            out.append(_raw_text(c, src))
        elif c[0] in ("data", "entity"):
            out.append(src[c[1] : c[2]])
    return "".join(out)


def _fill(b: ProseBuilder, children, settings: ProseSettings, in_list: bool = False) -> None:
    """Make the text of ``children`` prose: data and entities, through inline elements;
    code, skipped elements and comments stay masked."""
    src = b.source
    for c in children:
        if isinstance(c, tuple):
            kind, lo, hi = c
            if kind == "data":
                b.prose(lo, hi)
                scan_inline(b, lo, hi, settings, markdown=False)
            elif kind == "entity":
                b.substitute(lo, hi, html.unescape(src[lo:hi])[: hi - lo], inline=True)
            continue
        if _skipped(c):
            continue
        if c.tag in ("code", "kbd", "samp", "tt", "var"):
            body = html.unescape(_raw_text(c, src))
            if body.strip():
                b.add_code("inline-code", code_key(body), body.strip(), c.start, max(c.end, c.open_end))
            continue
        if c.tag == "pre":
            _unit(b, c, settings)
            continue
        if c.tag == "a" and c.attrs.get("href"):
            b.add_code("url", url_key(c.attrs["href"]), c.attrs["href"], c.start, c.open_end)
        if c.tag == "li" and in_list:
            b.substitute(c.start, c.open_end, "\n- ")
        elif c.tag == "br" or (c.tag in _BLOCKS and c.tag != "li"):
            b.substitute(c.start, c.open_end, "\n")
        _fill(b, c.children, settings, in_list=c.tag in ("ul", "ol") or (in_list and c.tag == "li"))
