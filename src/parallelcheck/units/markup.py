"""What in a unit's text must survive translation, and what is prose.

Placeholders are the tokens a translation must carry over unchanged: reStructuredText roles
(``:func:`print```, compared by their target: ``:ref:`Title <label>``` and
``:ref:`제목 <label>``` are the same link), ``` ``literals`` ```, substitutions
(``|version|``), link targets (```text <https://…>`_``), and — where the unit is a format
string (PO ``python-format``/``c-format``/``python-brace-format``, and always in XLIFF and
TMX) — printf conversions (``%s``, ``%(name)s``) and braces (``{0}``, ``{name}``).

Code is not prose: a Sphinx literal block (``>>> 2 + 2``, a shell line, a function
definition) is kept as it is by every translation, so an empty or copied target is right for
it. :func:`is_code` tells such units apart; :func:`prose_words` counts what a translator
would translate.
"""

from __future__ import annotations

import re
from collections import Counter

from ..settings import DEFAULT

# Prose-run length that makes a unit judgeable: settings.UnitSettings.min_prose_run (the
# default tree: these helpers have no run of their own).
_MIN_PROSE_RUN = DEFAULT.units.min_prose_run

# Roles whose content is text the translator translates (only the role itself must stay).
# :term: too: a translated glossary has translated terms (fr :term:`muable` for mutable).
_TEXT_ROLES = {"term", "abbr", "guilabel", "menuselection", "dfn", "title", "emphasis", "strong", "sub", "sup",
               "file", "samp", "kbd", "command", "program", "manpage", "pep", "rfc"}
_TOKEN = re.compile(
    r"(?P<role>(?<![\w`]):(?P<name>[A-Za-z][\w+.-]*(?::[\w+.-]+)?):`(?P<body>[^`]+)`)"
    r"|(?P<literal>``(?P<lit>[^`]+?)``)"
    r"|(?P<link>`(?P<ltext>[^`<]*)<(?P<url>[^`>]+)>`__?)"
    r"|(?P<subst>(?<![\w|])\|[\w][\w .-]*\|(?![\w|]))"
)
_FORMAT = re.compile(r"%(?:\([\w.]+\))?[-+#0]*(?:\d+|\*)?(?:\.\d+)?[sdifrxXoeEgGcau%](?![A-Za-z])|\{[\w.\[\]]*(?:![rsa])?(?::[^{}]*)?\}")
_FORMAT_FLAGS = {"python-format", "c-format", "python-brace-format", "sh-format", "java-format"}


def _role_token(name: str, body: str) -> str:
    role = name.split(":")[-1]
    if role in _TEXT_ROLES:
        return f":{name}:"
    m = re.search(r"<([^<>]+)>\s*$", body)
    target = m.group(1) if m else body
    return f":{name}:`{target.strip().lstrip('!~')}`"


def placeholders(text: str, *, formats: bool = False) -> Counter[str]:
    """The placeholders in ``text`` as a multiset of normalised tokens; ``formats`` also
    counts printf and brace conversions (``%%`` is not one)."""
    found: Counter[str] = Counter()
    rest = []
    pos = 0
    for m in _TOKEN.finditer(text):
        rest.append(text[pos : m.start()])
        pos = m.end()
        if m.group("role"):
            found[_role_token(m.group("name"), m.group("body"))] += 1
        elif m.group("literal"):
            found[f"``{m.group('lit').strip()}``"] += 1
        elif m.group("link"):
            found[f"<{m.group('url').strip()}>"] += 1
        else:
            found[m.group("subst")] += 1
    rest.append(text[pos:])
    if formats:
        for m in _FORMAT.finditer(" ".join(rest)):
            if m.group() != "%%":
                found[m.group()] += 1
    return found


def is_format_string(flags) -> bool:
    return any(f in _FORMAT_FLAGS for f in flags)


def strip_markup(text: str) -> str:
    """``text`` with markup replaced by what a reader sees (role and link text, literal
    content), for embedding and for reading numbers and prose."""

    def repl(m: re.Match[str]) -> str:
        if m.group("role"):
            body = m.group("body")
            mt = re.match(r"(.*?)\s*<[^<>]+>\s*$", body, re.S)
            return (mt.group(1) if mt and mt.group(1) else body).lstrip("!~")
        if m.group("literal"):
            return m.group("lit")
        if m.group("link"):
            return m.group("ltext").strip() or m.group("url")
        return m.group("subst").strip("|")

    out = _TOKEN.sub(repl, text)
    return re.sub(r"(?<![\w*])\*{1,2}([^*\s][^*]*?)\*{1,2}(?![\w*])", r"\1", out)


def without_markup(text: str) -> str:
    """``text`` with every placeholder removed (what is left is the translatable text)."""
    return _TOKEN.sub(" ", text)


_WORD_RUN = re.compile(r"(?<![\w.(/=])[A-Za-z][a-z']+(?:,?[ \t]+[A-Za-z][a-z']+)+(?![\w(=])")
_CODE_START = re.compile(r"^\s*(?:>>>|\.\.\.|\$ |#!|# -\*-|%|C:\\|PS |pip |python\d?(?:\.\d+)? )")
_PY_START = re.compile(r"^\s*(?:def|class|import|from|raise|return|case|match|for|while|if|with|try|except|"
                       r"print|del|lambda|async|await|yield|assert|global|nonlocal|elif|else)\b(?!')")


def prose_run(text: str) -> int:
    """The most words in one run of plain words in ``text`` (markup taken out)."""
    runs = [len(re.findall(r"[A-Za-z][a-z']+", m.group())) for m in _WORD_RUN.finditer(without_markup(text))]
    return max(runs, default=0)


def is_code(text: str) -> bool:
    """Whether ``text`` is code or program output rather than prose: an interactive session,
    a shell line, a literal block of several lines, or one line of Python."""
    # printf and brace conversions are placeholders of a message, not code
    lines = [_FORMAT.sub("X", ln) for ln in text.splitlines() if ln.strip()]
    if not lines:
        return True
    if any(_CODE_START.match(ln) for ln in lines):
        return True
    if len(lines) > 1:
        # A literal block: prose paragraphs come unwrapped (one line) from Sphinx.
        prose = sum(prose_run(ln) >= _MIN_PROSE_RUN and not _PY_START.match(ln) and "=" not in ln
                    for ln in lines)
        return prose * 2 < len(lines) or any(ln.startswith(("    ", "\t")) for ln in lines)
    line = lines[0]
    if _PY_START.match(line) and re.search(r"[(=:.\[]", line) and line[:1].islower():
        return True
    return prose_run(line) < _MIN_PROSE_RUN and bool(re.search(r"[=()\[\]{}]|\w\.\w|\*\*|->", line))


def has_prose(text: str) -> bool:
    """Whether ``text`` holds prose a translator would translate (not code, not a lone term)."""
    return not is_code(text) and prose_run(text) >= _MIN_PROSE_RUN
