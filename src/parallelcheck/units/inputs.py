"""Which inputs are exchange files, and loading them into one :class:`UnitDocument`.

``.po`` files or folders of them (one per language), ``.xlf``/``.xliff``/``.sdlxliff``/
``.mqxliff`` files (one per target language), or one ``.tmx`` file. A run takes one kind.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from ..errors import InputError, UsageError
from ..languages import language_tag
from . import UnitDocument

PO = (".po",)
XLIFF = (".xlf", ".xliff", ".sdlxliff", ".mqxliff")
TMX = (".tmx",)
_SPEC = re.compile(r"^([A-Za-z][A-Za-z0-9_-]{0,15})=(.+)$", re.S)


def _split(spec: str) -> tuple[str | None, str]:
    m = _SPEC.match(spec)
    if m and not Path(spec).exists():
        return language_tag(m.group(1)), m.group(2)
    return None, spec


def kind_of(path: str) -> str | None:
    """'po', 'xliff', 'tmx' or None (a plain document)."""
    p = Path(path)
    name = p.name.lower()
    if name.endswith(PO) or p.is_dir() and any(p.rglob("*.po")):
        return "po"
    if name.endswith(XLIFF):
        return "xliff"
    if name.endswith(TMX):
        return "tmx"
    return None


def unit_kind(specs: Sequence[str]) -> str | None:
    """The exchange format of the inputs, None when they are plain documents; mixing is an error."""
    kinds = {kind_of(_split(s)[1]) for s in specs}
    if kinds == {None}:
        return None
    if len(kinds) > 1:
        raise UsageError("inputs mix exchange files (PO, XLIFF, TMX) with other kinds; check them separately")
    return kinds.pop()


def _folder_language(path: Path) -> str | None:
    """The language a folder or one of its parents is named after (``zh-cn/tutorial``)."""
    from ..load.paths import language_from_filename

    for part in reversed(path.resolve().parts[-3:]):
        lang = language_from_filename(Path(part) / "x")
        if lang:
            return lang
    return None


def load_units(specs: Sequence[str], source_language: str | None = None) -> UnitDocument:
    """One :class:`UnitDocument` from the inputs (see the module docstring)."""
    kind = unit_kind(specs)
    parsed = [_split(s) for s in specs]
    if kind == "tmx":
        from ..load.tmx import load_tmx

        if len(parsed) != 1:
            raise UsageError("give one TMX file (it holds every language)")
        return load_tmx(parsed[0][1], source_language)
    if kind == "xliff":
        from ..load.xliff import load_xliff

        return load_xliff(parsed, source_language)
    if kind == "po":
        from ..load.paths import language_from_filename
        from ..load.po import header_language, load_po

        inputs = []
        for lang, path in parsed:
            if lang is None:
                p = Path(path)
                lang = language_from_filename(p) if p.is_file() else None
                lang = lang or (header_language(p) if p.is_file() else None) or (
                    _folder_language(p) if p.is_dir() else None)
                if lang is None:
                    raise InputError(f"{path}: cannot tell the catalogue's language; give it as LANG={path}")
            inputs.append((lang, path))
        seen: dict[str, str] = {}
        for lang, path in inputs:
            if lang in seen:
                raise UsageError(f"two catalogues in language '{lang}': {seen[lang]} and {path}")
            seen[lang] = path
        return load_po(inputs, source_language or "en")
    raise UsageError("no exchange files among the inputs")
