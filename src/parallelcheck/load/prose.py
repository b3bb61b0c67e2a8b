"""The prose view of a structured document (Markdown, HTML), and its non-prose skeleton.

A structured reader decides, code point by code point, what is prose. Everything else —
markup, code, comments, front matter, shortcodes, placeholders — is *masked*: replaced by a
space in the prose view, line breaks kept. The prose view therefore has the length and the
lines of the file, so the segmenter, the aligner and every prose check run on it unchanged
and each offset they report is an offset into the file. The pieces that carry meaning
without being prose (code, link targets, shortcodes, placeholders) are kept as
:class:`~parallelcheck.model.CodeToken` for the code-mismatch rule (PC207).

This module holds what the Markdown and HTML readers share: the mask builder, the inline
scanner (code spans, comments, shortcodes, tags, autolinks, link targets, placeholders) and
the keys tokens are compared by.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..languages import split_url_locale, url_parts
from ..model import CodeToken, Markup, Span
from .paragraphs import trim


@dataclass(frozen=True)
class ProseSettings:
    """What is prose in a structured document (language-independent markup knowledge)."""

    # Front-matter keys whose values are prose (Hugo, Docusaurus, MkDocs, Jekyll); every other
    # key is metadata. Measured on the k8s-docs pages (title, description, linkTitle translated;
    # weight, content_type, reviewers not).
    front_matter_keys: tuple[str, ...] = ("title", "description", "summary", "linkTitle")
    # Shortcode attributes that hold prose (Hugo's glossary_tooltip text=, figure alt=/caption=):
    # their value stays in the prose view and is left out of the shortcode's PC207 key.
    shortcode_prose_attributes: tuple[str, ...] = ("text", "title", "alt", "caption", "description", "label")
    # Shortcodes that are page layout, not content: the k8s translations use {{% capture %}} or
    # plain <!-- body --> comments for the same template, so PC207 does not compare them.
    layout_shortcodes: tuple[str, ...] = ("capture",)


DEFAULT_SETTINGS = ProseSettings()


class ProseBuilder:
    """Marks which code points of ``source`` are prose and collects the skeleton."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._mask = bytearray(b"\x01") * len(source)  # 1 = not prose
        self._subst: dict[int, str] = {}  # offset -> the code point shown there (entities, markers)
        self._joins: list[tuple[int, int, int]] = []  # entities inside words: start, end, decoded length
        self.code: list[tuple[str, str, str, int, int]] = []  # kind, key, text, start, end
        self.units: list[tuple[str, int, int]] = []  # block type, start, end

    # -- the mask --------------------------------------------------------------------
    def prose(self, start: int, end: int) -> None:
        self._mask[start:end] = bytes(end - start)

    def mask(self, start: int, end: int) -> None:
        self._mask[start:end] = b"\x01" * (end - start)

    def substitute(self, start: int, end: int, text: str, *, inline: bool = False) -> None:
        """Show ``text`` in place of ``source[start:end]`` (a list marker for an HTML tag),
        padded with spaces; nothing when it does not fit. ``inline`` (a decoded entity): when
        the entity sits inside a word or number (``120&#160;000``, ``don&rsquo;t``), the
        word's beginning is moved right to meet it, so the prose view reads ``120 000`` —
        the moved characters' offsets are then off by the padding, within their line."""
        if len(text) > end - start:
            return
        self.mask(start, end)
        for i, ch in enumerate(text):
            self._mask[start + i] = 0
            self._subst[start + i] = ch
        if inline and len(text) < end - start:
            self._joins.append((start, end, len(text)))

    def is_prose(self, offset: int) -> bool:
        return not self._mask[offset]

    def add_code(self, kind: str, key: str, text: str, start: int, end: int) -> None:
        self.code.append((kind, key, text, start, end))

    def add_unit(self, kind: str, start: int, end: int) -> None:
        self.units.append((kind, start, end))

    def text(self) -> str:
        src, mask, out, i, n = self.source, self._mask, [], 0, len(self.source)
        while i < n:
            j = mask.find(b"\x01" if not mask[i] else b"\x00", i)
            j = n if j < 0 else j
            if not mask[i]:
                out.append(src[i:j])
            else:
                out.append("".join(ch if ch in "\r\n" else " " for ch in src[i:j]))
            i = j
        text = "".join(out)
        if self._subst:
            chars = list(text)
            for pos, ch in self._subst.items():
                if not mask[pos]:
                    chars[pos] = ch
            for start, end, n in sorted(self._joins):
                self._join(chars, start, end, n)
            text = "".join(chars)
        return text

    def _join(self, chars: list[str], start: int, end: int, n: int) -> None:
        """Close the gap after a decoded entity inside a word (see :meth:`substitute`)."""
        if end >= len(chars) or start == 0 or chars[end].isspace() or chars[start - 1].isspace():
            return
        if self._mask[start] or self._mask[end]:
            return
        w = start
        while w > 0 and not chars[w - 1].isspace() and not self._mask[w - 1] and start - w < 64:
            w -= 1
        pad = end - start - n
        moved = chars[w : start + n]
        chars[w : w + pad] = [" "] * pad
        chars[w + pad : end] = moved

    def build(self, fmt: str) -> tuple[str, tuple[Span, ...], Markup]:
        """The prose view, the content paragraphs (units with prose in them, trimmed, in
        order) and the markup record."""
        text = self.text()
        spans: list[Span] = []
        kinds: list[str] = []
        blocks: list[tuple[int, int, int]] = []  # a unit's untrimmed range -> its paragraph
        for kind, lo, hi in sorted(self.units, key=lambda u: (u[1], u[2])):
            tlo, thi = trim(text, lo, hi)
            if thi > tlo and _HAS_WORD.search(text, tlo, thi) and (not spans or tlo >= spans[-1].end):
                spans.append(Span(tlo, thi))
                kinds.append(kind)
                blocks.append((lo, hi, len(spans) - 1))

        def paragraph_of(offset: int) -> int:
            """The paragraph whose block holds ``offset``, else the last one before it."""
            i = bisect.bisect_right(blocks, (offset, len(text) + 1, 0)) - 1
            return blocks[i][2] if i >= 0 else 0

        code = tuple(
            CodeToken(kind, key, snippet, lo, hi, paragraph_of(lo))
            for kind, key, snippet, lo, hi in sorted(self.code, key=lambda c: (c[3], c[4]))
        )
        return text, tuple(spans), Markup(fmt, self.source, tuple(kinds), code)


_HAS_WORD = re.compile(r"[^\W_]")

# ---------------------------------------------------------------------------- inline

_INLINE = re.compile(
    r"""
      (?P<comment><!--[\s\S]*?(?:-->|\Z))
    | (?P<ticks>`+)(?P<code>[\s\S]*?[^`])(?P=ticks)(?!`)
    | (?P<shortcode>\{\{[<%][\s\S]*?[%>]\}\})
    | (?P<tag>\{%[\s\S]*?%\})
    | (?P<braces>\{\{[\s\S]*?\}\})
    | (?P<autolink><(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>)
    | (?P<html></?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)
    | (?P<target>\]\((?P<url><[^>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\))
    | (?P<footref>\[\^[^\]\s]+\])
    | (?P<refl>\]\[[^\]\n]*\])
    | (?P<attrs>\{[#:.][^{}\n]*\})
    | (?P<printf>(?<![\w%])%(?:\(\w+\)|\d+\$)?[-+0#]?\d*(?:\.\d+)?[sdifuxXeEgG](?![A-Za-z]))
    | (?P<brace>(?<![{\w])\{(?:\d+|[A-Za-z_]\w*)(?:[:!][^{}\s]*)?\}(?!\}))
    | (?P<colon>(?<![^\s(]):[A-Za-z_]\w*(?![\w:]))
    | (?P<dollar>\$\{[A-Za-z_]\w*\}|\$[A-Z_][A-Z0-9_]{2,}\b)
    | (?P<escape>\\(?=[!-/:-@\[-`{-~]))
    """,
    re.X,
)

_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_SHORTCODE = re.compile(r"\{\{([<%])\s*(/?)\s*([\w./-]+)([\s\S]*?)\s*[%>]\}\}")
_ATTR = re.compile(r"""([\w-]+)\s*=\s*("(?:[^"\\]|\\.)*"|'[^']*'|[^\s"']+)|("(?:[^"\\]|\\.)*"|'[^']*'|[^\s"']+)""")
_PLACEHOLDER_BRACES = re.compile(r"\{\{[\s\S]*?\}\}")


def code_key(code: str) -> str:
    """The form a code span or block line is compared by: ``{{…}}`` placeholder names
    blanked (translators may translate them), whitespace left out (``{key: tier}`` and
    ``{ key: tier }`` are one flow mapping; no translation changes a command by spacing)."""
    return "".join(_PLACEHOLDER_BRACES.sub("{{}}", code).split())


def code_lines(code: str) -> list[tuple[str, str]]:
    """``(key, line)`` for the lines of a code block that hold code: comments (``#``, ``//``,
    often translated) and blank lines left out."""
    out = []
    for line in code.splitlines():
        bare = re.sub(r"(?:^|\s)(?:#|//).*$", "", line)
        if bare.strip():
            out.append((code_key(bare), line))
    return out


def block_code_key(code: str) -> str:
    """The key of a code block: the keys of its :func:`code_lines`, one a line."""
    return "\n".join(k for k, _ in code_lines(code))


def url_key(url: str) -> str:
    """The form a link target is compared by: without its scheme, its fragment (translated
    anchors), and a locale (:func:`~parallelcheck.languages.split_url_locale`: ``/ko/docs/…``,
    ``/zh-cn/…``, ``fr.wikipedia.org``)."""
    url = url.strip().strip("<>")
    url = url.split("#", 1)[0]
    _, host, path = url_parts(split_url_locale(url)[1])
    return (f"//{host}" if host else "") + (path.rstrip("/") or "/")


def shortcode_key(match: re.Match[str], settings: ProseSettings) -> str | None:
    """A shortcode's name and non-prose arguments (None for a closing tag or a layout one)."""
    m = _SHORTCODE.fullmatch(match.group())
    if m is None:
        return " ".join(match.group().split())
    if m.group(2) or m.group(3) in settings.layout_shortcodes:
        return None
    args = []
    for a in _ATTR.finditer(m.group(4)):
        if a.group(1):
            if a.group(1) not in settings.shortcode_prose_attributes:
                args.append(f"{a.group(1)}={a.group(2)}")
        else:
            args.append(a.group(3))
    close = ">}}" if m.group(1) == "<" else "%}}"
    return " ".join(["{{" + m.group(1), m.group(3), *sorted(args), close])


def _prose_attribute_values(match: re.Match[str], settings: ProseSettings) -> list[tuple[int, int]]:
    """Spans (absolute) of the quoted values of a shortcode's prose attributes."""
    m = _SHORTCODE.fullmatch(match.group())
    if m is None:
        return []
    base = match.start() + m.start(4)
    out = []
    for a in _ATTR.finditer(m.group(4)):
        if a.group(1) in settings.shortcode_prose_attributes and a.group(2)[:1] in "\"'":
            out.append((base + a.start(2) + 1, base + a.end(2) - 1))
    return out


def _open_bracket(text: str, close: int, floor: int) -> int | None:
    """The ``[`` that the ``]`` at ``close`` closes, scanning back no further than ``floor``."""
    depth = 0
    for i in range(close - 1, floor - 1, -1):
        ch = text[i]
        if ch == "]" and (i == 0 or text[i - 1] != "\\"):
            depth += 1
        elif ch == "[" and (i == 0 or text[i - 1] != "\\"):
            if depth == 0:
                return i
            depth -= 1
    return None


def scan_inline(b: ProseBuilder, start: int, end: int, settings: ProseSettings = DEFAULT_SETTINGS,
                *, markdown: bool = True) -> None:
    """Mask the inline non-prose of ``source[start:end]`` (which the caller has marked as
    prose) and record its skeleton tokens. ``markdown``: also code spans, link syntax and
    backslash escapes (HTML text has none)."""
    src = b.source
    for m in _INLINE.finditer(src, start, end):
        kind = m.lastgroup if m.lastgroup not in ("ticks", "url") else None
        if kind is None:
            kind = "code" if m.group("ticks") else "target"
        lo, hi = m.start(), m.end()
        if not markdown and kind in ("code", "target", "refl", "escape", "footref"):
            continue
        if kind == "code":
            b.mask(lo, hi)
            body = m.group("code")
            if body.strip():
                b.add_code("inline-code", code_key(body), body.strip(), lo, hi)
        elif kind == "comment":
            b.mask(lo, hi)
        elif kind == "shortcode":
            b.mask(lo, hi)
            for vlo, vhi in _prose_attribute_values(m, settings):
                b.prose(vlo, vhi)
            key = shortcode_key(m, settings)
            if key is not None:
                b.add_code("shortcode", key, " ".join(m.group().split()), lo, hi)
        elif kind == "tag":
            b.mask(lo, hi)
            if not re.match(r"\{%-?\s*end", m.group()):
                b.add_code("shortcode", " ".join(m.group().split()), " ".join(m.group().split()), lo, hi)
        elif kind == "braces":
            b.mask(lo, hi)
            b.add_code("placeholder", "{{}}", m.group(), lo, hi)
        elif kind == "autolink":
            b.mask(lo, hi)
            b.add_code("url", url_key(m.group()), m.group()[1:-1], lo, hi)
        elif kind == "html":
            b.mask(lo, hi)
            h = _HREF.search(m.group())
            if h:
                url = next(g for g in h.groups() if g is not None)
                b.add_code("url", url_key(url), url, lo, hi)
        elif kind == "target":
            b.mask(lo, hi)
            opener = _open_bracket(src, lo, start)
            if opener is not None:
                b.mask(opener, opener + 1)
                if opener > start and src[opener - 1] == "!":
                    b.mask(opener - 1, opener)
            url = m.group("url").strip("<>")
            if url:
                b.add_code("url", url_key(url), url, lo, hi)
        elif kind == "refl":
            b.mask(lo, hi)
            opener = _open_bracket(src, lo, start)
            if opener is not None:
                b.mask(opener, opener + 1)
        elif kind in ("attrs", "escape", "footref"):
            b.mask(lo, hi)
        else:  # printf, brace, colon, dollar: placeholders, compared as written
            b.mask(lo, hi)
            b.add_code("placeholder", m.group(), m.group(), lo, hi)


@dataclass
class _Lines:
    """Offsets of the lines of a text (markdown-it's line numbers → code points)."""

    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, text: str) -> "_Lines":
        from .paragraphs import iter_lines

        out = cls()
        for lo, hi in iter_lines(text):
            out.starts.append(lo)
            out.ends.append(hi)
        if not out.starts or (text and text[-1] in "\r\n"):
            out.starts.append(len(text))
            out.ends.append(len(text))
        return out

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Code points of lines ``[first, last)`` (0-based), without the final line break."""
        first = min(first, len(self.starts) - 1)
        last = max(min(last, len(self.starts)), first + 1)
        return self.starts[first], self.ends[last - 1]
