"""Glossaries (termbases): which rendering a term must get in each language.

Two formats:

- CSV, one row per term and target language, with a header::

      source,term,target,required,forbidden
      ko,중기부,ja,中小ベンチャー企業部|中企部,中基部|中期部
      ko,중기부,zh,中小企业和创业部|中企部,
      en,KOSME,*,,

  ``required`` lists the accepted renderings (any one will do), ``forbidden`` renderings
  that must not be used, both separated by ``|``. ``target`` ``*`` means every other
  language; a row with ``*`` and nothing required is a do-not-translate term: the term
  itself must appear in every version.
- TBX (the ISO termbase exchange format translators keep termbases in): each
  ``termEntry`` holds per-language terms; terms marked deprecated or superseded
  (``administrativeStatus``) are forbidden, the others are accepted renderings.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .languages import normalize_language

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_FORBIDDEN_STATUS = ("deprecatedTerm-admn-sts", "supersededTerm-admn-sts")


@dataclass(frozen=True)
class Entry:
    """One concept: the terms that identify it in source text, and per language what a
    rendering must (any of ``required``) and must not (any of ``forbidden``) be."""

    sources: tuple[tuple[str, str], ...]  # (language, term) that mark the concept in a text
    required: dict[str, tuple[str, ...]] = field(default_factory=dict)
    forbidden: dict[str, tuple[str, ...]] = field(default_factory=dict)
    do_not_translate: bool = False


def load_glossary(path: str | Path) -> list[Entry]:
    """Read a CSV or TBX glossary; bad files raise :class:`InputError` with one clear line."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{p}: cannot read glossary: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{p}: glossary is not UTF-8 text") from None
    if p.suffix.lower() in (".tbx", ".xml") or text.lstrip().startswith("<"):
        return _read_tbx(text, p)
    return _read_csv(text, p)


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(x.strip() for x in (cell or "").split("|") if x.strip())


def _read_csv(text: str, path: Path) -> list[Entry]:
    rows = list(csv.DictReader(io.StringIO(text)))
    need = {"source", "term", "target"}
    if not rows or not need <= set(rows[0]):
        raise InputError(f"{path}: glossary CSV needs a header with source,term,target,required,forbidden")
    grouped: dict[tuple[str, str], dict] = {}
    for n, row in enumerate(rows, start=2):
        source, term, target = ((row.get(k) or "").strip() for k in ("source", "term", "target"))
        if not source or not term or not target:
            raise InputError(f"{path}:{n}: source, term and target are required")
        e = grouped.setdefault((normalize_language(source), term), {"required": {}, "forbidden": {}, "dnt": False})
        required, forbidden = _split(row.get("required")), _split(row.get("forbidden"))
        if target == "*":
            if not required and not forbidden:
                e["dnt"] = True
            target = "*"
        else:
            target = normalize_language(target)
        if required:
            e["required"][target] = e["required"].get(target, ()) + required
        if forbidden:
            e["forbidden"][target] = e["forbidden"].get(target, ()) + forbidden
    return [
        Entry(((src, term),), v["required"], v["forbidden"], v["dnt"]) for (src, term), v in sorted(grouped.items())
    ]


def _read_tbx(text: str, path: Path) -> list[Entry]:
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise InputError(f"{path}: not a valid TBX file ({exc})") from None
    entries = []
    for entry in root.iter():
        if _local(entry.tag) not in ("termEntry", "conceptEntry"):
            continue
        required: dict[str, tuple[str, ...]] = {}
        forbidden: dict[str, tuple[str, ...]] = {}
        for lang_set in entry:
            if _local(lang_set.tag) != "langSet":
                continue
            lang = normalize_language(lang_set.get(_XML_LANG) or lang_set.get("lang") or "")
            for holder in lang_set.iter():
                if _local(holder.tag) not in ("tig", "ntig", "termSec"):
                    continue
                term = next((t.text or "" for t in holder.iter() if _local(t.tag) == "term"), "").strip()
                status = next((t.text or "" for t in holder.iter()
                               if _local(t.tag) == "termNote" and t.get("type") == "administrativeStatus"), "")
                if not term:
                    continue
                bucket = forbidden if status.strip() in _FORBIDDEN_STATUS else required
                bucket[lang] = bucket.get(lang, ()) + (term,)
        sources = tuple((lang, t) for lang, terms in sorted(required.items()) for t in terms)
        if sources:
            entries.append(Entry(sources, required, forbidden))
    if not entries:
        raise InputError(f"{path}: no term entries found in the TBX file")
    return entries


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
