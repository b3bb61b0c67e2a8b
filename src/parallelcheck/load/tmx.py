"""TMX 1.4 translation memories: each ``<tu>`` with its ``<tuv>``\\ s is one multilingual unit
— the natural N-way input. The source is the ``<tuv>`` in the header's ``srclang`` (or the
language given with ``--source-language`` when it is ``*all*``); the others are targets.
Inline ``<bpt>``/``<ept>``/``<ph>``/``<it>``/``<ut>`` are tokens that must survive
translation; ``<hi>`` and ``<sub>`` content is text. Parsing refuses DTDs and entities
(:mod:`.safexml`).
"""

from __future__ import annotations

from ..errors import InputError
from ..languages import normalize_language
from ..units import APPROVED, TRANSLATED, UNTRANSLATED, Unit, UnitDocument, UnitText
from .safexml import attr, local, parse_xml, read_xml_bytes
from .xliff import inline


def load_tmx(path: str, source_language: str | None = None) -> UnitDocument:
    root = parse_xml(read_xml_bytes(path), path)
    if local(root.tag) != "tmx":
        raise InputError(f"{path}: not a TMX file (root element <{local(root.tag)}>)")
    header = next((el for el in root if local(el.tag) == "header"), None)
    declared = attr(header, "srclang") if header is not None else ""
    try:
        src = normalize_language(source_language) if source_language else (
            normalize_language(declared) if declared and declared != "*all*" else "")
    except InputError as exc:
        raise InputError(f"{path}: {exc}") from None
    rows = []
    languages: list[str] = []
    for n, tu in enumerate((el for el in root.iter() if local(el.tag) == "tu"), start=1):
        tuvs = {}
        for tuv in tu:
            if local(tuv.tag) != "tuv":
                continue
            code = attr(tuv, "lang")
            if not code:
                raise InputError(f"{path}:{tuv.sourceline}: a <tuv> without xml:lang")
            try:
                lang = normalize_language(code)
            except InputError as exc:
                raise InputError(f"{path}:{tuv.sourceline}: {exc}") from None
            seg = next((el for el in tuv if local(el.tag) == "seg"), None)
            text, tags = inline(seg) if seg is not None else ("", ())
            tuvs.setdefault(lang, (text, tags, tuv.sourceline or 0))
            if not src:
                src = lang
        if not tuvs:
            continue
        for lang in tuvs:
            if lang != src and lang not in languages:
                languages.append(lang)
        rows.append((attr(tu, "tuid") or str(n), tu.sourceline or 0, tuvs))
    if not rows:
        raise InputError(f"{path}: no <tu> translation units")
    units = []
    for uid, line, tuvs in rows:
        if src not in tuvs:
            continue  # a unit without the source language: nothing to judge it against
        s_text, s_tags, s_line = tuvs[src]
        targets = tuple(
            (lang, UnitText(tuvs[lang][0], TRANSLATED if tuvs[lang][0].strip() else UNTRANSLATED, path,
                            tuvs[lang][2], tuvs[lang][1]))
            for lang in languages if lang in tuvs)
        units.append(Unit(id=uid, key=f"tmx\x04{uid}", source=UnitText(s_text, APPROVED, path, s_line, s_tags),
                          targets=targets))
    return UnitDocument(src, tuple(languages), ((src, path), *((lang, path) for lang in languages)),
                        tuple(units), "tmx")
