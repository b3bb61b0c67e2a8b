"""gettext PO catalogues (polib): each entry is a unit, ``msgid`` its source, ``msgstr`` the
translation.

Several catalogues of one template are one N-language document:
``ko=ko/intro.po ja=ja/intro.po fr=fr/intro.po`` (entries matched by ``msgctxt`` and
``msgid``), or whole folders ``ko=ko/tutorial ja=ja/tutorial`` (catalogues matched by their
path inside the folder). The source language is that of the ``msgid``\\ s: English unless
told otherwise. Plural forms (``msgstr[n]``), ``msgctxt``, ``#, fuzzy`` and obsolete (``#~``)
entries are kept on the unit; a unit's line is the line of its ``msgid`` in each catalogue.
A catalogue that lacks an entry simply has no target for it (catalogues of different
branches differ a little); an entry with an empty ``msgstr`` has an empty one.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..errors import InputError
from ..languages import normalize_language
from ..units import APPROVED, FUZZY, TRANSLATED, UNTRANSLATED, Unit, UnitDocument, UnitText
from .decode import read_text

OBSOLETE = "obsolete"
MAX_FILES = 2000  # one folder per language, a documentation set at most


def _catalogues(path: Path) -> dict[str, Path]:
    """relative name -> file: one file (name ''), or every .po under a folder."""
    if path.is_dir():
        found = sorted(p for p in path.rglob("*.po") if p.is_file())
        if not found:
            raise InputError(f"{path}: no .po files in this folder")
        if len(found) > MAX_FILES:
            raise InputError(f"{path}: more than {MAX_FILES} .po files")
        return {p.relative_to(path).as_posix(): p for p in found}
    if not path.exists():
        raise InputError(f"{path}: no such file or folder")
    return {"": path}


def _parse(path: Path):
    import polib

    text = read_text(path)
    try:
        return text, polib.pofile(text)
    except (OSError, ValueError, UnicodeError) as exc:
        raise InputError(f"{path}: not a readable PO file: {' '.join(str(exc).split())}") from None


def header_language(path: Path) -> str | None:
    """The ``Language:`` of a catalogue's header, normalised, or None."""
    try:
        _, po = _parse(path)
    except InputError:
        return None
    code = (po.metadata.get("Language") or "").strip()
    try:
        return normalize_language(code) if code else None
    except InputError:
        return None


def _msgid_line(lines: list[str], first: int, obsolete: bool) -> int:
    """1-based line of the entry's msgid, searching from the entry's first line."""
    prefix = "#~ msgid" if obsolete else "msgid"
    for i in range(max(first - 1, 0), min(len(lines), first + 400)):
        if lines[i].startswith(prefix):
            return i + 1
    return first


def _state(entry) -> tuple[str, str]:
    if entry.obsolete:
        return OBSOLETE, "obsolete"
    forms = [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)] if entry.msgid_plural else [entry.msgstr]
    if not any(f.strip() for f in forms):
        return UNTRANSLATED, "untranslated"
    if "fuzzy" in entry.flags:
        return FUZZY, "fuzzy"
    return TRANSLATED, "translated"


def _literal_block(entry) -> bool:
    """Sphinx unwraps paragraphs into one line: a msgid of several lines from a reST or
    Markdown source is a literal block (code, a session, program output)."""
    return "\n" in entry.msgid.strip() and any(
        str(path).endswith((".rst", ".md", ".txt")) for path, _ in entry.occurrences)


def load_po(inputs: Sequence[tuple[str, str]], source_language: str = "en") -> UnitDocument:
    """The N-language document of catalogues ``[(language, path), …]`` (files or folders)."""
    source_language = normalize_language(source_language)
    units: dict[tuple[str, str, str], dict] = {}
    languages = []
    for lang, spec in inputs:
        if lang == source_language:
            raise InputError(f"{spec}: the catalogue's language '{lang}' is the source language; "
                             f"name the msgids' language with --source-language")
        languages.append(lang)
        for rel, path in _catalogues(Path(spec)).items():
            text, po = _parse(path)
            lines = text.splitlines()
            for entry in po:  # obsolete entries included (polib keeps them in the list)
                if not entry.msgid:
                    continue
                key = (rel, entry.msgctxt or "", entry.msgid)
                line = _msgid_line(lines, entry.linenum, entry.obsolete)
                state, status = _state(entry)
                forms = (tuple(entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural))
                         if entry.msgid_plural else ())
                target = UnitText(forms[0] if forms else entry.msgstr, state, str(path), line, (), forms, status,
                                  entry.previous_msgid or "")
                u = units.setdefault(key, {"entry": entry, "file": str(path), "line": line, "targets": {}})
                if state != OBSOLETE and u["entry"].obsolete:
                    u.update(entry=entry, file=str(path), line=line)
                u["targets"].setdefault(lang, target)
    out = []
    for (rel, ctx, msgid), u in units.items():
        e = u["entry"]
        shown = " ".join(msgid.split())
        shown = shown if len(shown) <= 60 else shown[:59] + "…"
        out.append(Unit(
            id=(f"{ctx} | " if ctx else "") + shown,
            key="\x04".join(("po", rel, ctx, msgid)),
            source=UnitText(msgid, APPROVED if not e.obsolete else OBSOLETE, u["file"], u["line"]),
            targets=tuple((lang, u["targets"][lang]) for lang in languages if lang in u["targets"]),
            context=ctx,
            flags=tuple(f for f in e.flags if f != "fuzzy") + (("literal-block",) if _literal_block(e) else ()),
            plural=e.msgid_plural or "",
        ))
    sources = ((source_language, inputs[0][1]),) + tuple((lang, spec) for lang, spec in inputs)
    return UnitDocument(source_language, tuple(languages), sources, tuple(out), "po")
