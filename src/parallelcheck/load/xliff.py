"""XLIFF 1.2 and 2.x (also Trados ``.sdlxliff`` and memoQ ``.mqxliff``, read as 1.2).

Each ``<trans-unit>`` (1.2) or ``<segment>`` of a ``<unit>`` (2.x) is a unit: ``<source>``
and ``<target>``, the target's state, and the inline tags of both (``<g>``, ``<x/>``,
``<bx/>``/``<ex/>``, ``<ph>``, ``<bpt>``/``<ept>``, ``<it>``; in 2.x ``<pc>``, ``<ph/>``,
``<sc/>``/``<ec/>``) as tokens that must survive translation. One file holds one target
language; several files of one source are one N-language document (units matched by file
``original`` and unit id). Parsing refuses DTDs and entities (:mod:`.safexml`).

States: 1.2 ``new``, ``needs-translation``, ``needs-review-*``, ``needs-adaptation``,
``needs-l10n`` with a target, a Trados ``Draft`` or rejected segment, a memoQ rejected or
partially edited one, and 2.x ``initial`` with a target read as fuzzy (not final); no target
or an empty one as untranslated; ``approved="yes"``, ``final``, ``signed-off``,
``reviewed`` and Trados ``Approved*`` as approved.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import InputError
from ..languages import normalize_language
from ..units import APPROVED, FUZZY, TRANSLATED, UNTRANSLATED, Unit, UnitDocument, UnitText
from .safexml import attr, local, parse_xml, read_xml_bytes

EXTENSIONS = (".xlf", ".xliff", ".sdlxliff", ".mqxliff")
_FUZZY_12 = {"new", "needs-translation", "needs-adaptation", "needs-l10n", "needs-review-adaptation",
             "needs-review-l10n", "needs-review-translation"}
_APPROVED_12 = {"final", "signed-off"}
_SDL_FUZZY = {"Draft", "RejectedTranslation", "RejectedSignOff"}
_SDL_APPROVED = {"ApprovedTranslation", "ApprovedSignOff"}
_MQ_FUZZY = {"Rejected", "PartiallyEdited", "MachineTranslated", "Pretranslated"}
# Inline elements whose content is native code (a token only), and those whose content is text.
_CODE = {"x", "bx", "ex", "ph", "bpt", "ept", "it", "sc", "ec", "sm", "em", "ut"}
_PAIRED = {"g", "pc"}
_TRANSPARENT = {"mrk", "sub", "hi"}


def inline(el) -> tuple[str, tuple[str, ...]]:
    """(plain text, inline tag tokens) of a ``<source>``/``<target>``/``<seg>`` element."""
    text: list[str] = []
    tags: list[str] = []

    def walk(node) -> None:
        if node.text:
            text.append(node.text)
        for child in node:
            name = local(child.tag)
            ident = attr(child, "id") or attr(child, "i") or attr(child, "x") or attr(child, "startRef") \
                or attr(child, "rid") or attr(child, "mid")
            if name in _PAIRED:
                tags.append(f"<{name} id={ident}>")
                walk(child)
            elif name in _CODE:
                tags.append(f"<{name} id={ident}/>")
            elif name == "cp":
                try:
                    text.append(chr(int(attr(child, "hex"), 16)))
                except ValueError:
                    pass
            elif name in _TRANSPARENT or name:
                walk(child)
            if child.tail:
                text.append(child.tail)

    walk(el)
    return "".join(text), tuple(tags)


def _children(el, name: str):
    return [c for c in el if local(c.tag) == name]


def _first(el, name: str):
    return next(iter(_children(el, name)), None)


def _sdl_states(tu) -> list[str]:
    return [attr(seg, "conf") for defs in _children(tu, "seg-defs") for seg in _children(defs, "seg")]


def _state_12(tu, target, text: str) -> tuple[str, str]:
    if target is None or not text.strip():
        return UNTRANSLATED, "untranslated"
    confs = [c for c in _sdl_states(tu) if c]
    mq = attr(tu, "status")
    state = attr(target, "state")
    if any(c in _SDL_FUZZY for c in confs):
        return FUZZY, next(c for c in confs if c in _SDL_FUZZY)
    if mq in _MQ_FUZZY:
        return FUZZY, mq
    if state in _FUZZY_12:
        return FUZZY, state
    if attr(tu, "approved") == "yes" or state in _APPROVED_12 or confs and all(c in _SDL_APPROVED for c in confs):
        return APPROVED, state or "approved"
    return TRANSLATED, state or "translated"


def _read(path: str, language: str | None) -> tuple[str, str, list[tuple[str, Unit]]]:
    """(source language, target language, [(key, unit)]) of one XLIFF file."""
    root = parse_xml(read_xml_bytes(path), path)
    if local(root.tag) != "xliff":
        raise InputError(f"{path}: not an XLIFF file (root element <{local(root.tag)}>)")
    version = attr(root, "version")
    out: list[tuple[str, Unit]] = []
    if version.startswith("2"):
        src_lang, trg_lang = attr(root, "srcLang"), attr(root, "trgLang")
        for f in root.iter():
            if local(f.tag) != "file":
                continue
            for unit in f.iter():
                if local(unit.tag) != "unit" or attr(unit, "translate") == "no":
                    continue
                segments = [s for s in unit if local(s.tag) == "segment"]
                for k, seg in enumerate(segments):
                    source_el, target_el = _first(seg, "source"), _first(seg, "target")
                    if source_el is None:
                        continue
                    s_text, s_tags = inline(source_el)
                    t_text, t_tags = inline(target_el) if target_el is not None else ("", ())
                    st = attr(seg, "state")
                    if target_el is None or not t_text.strip():
                        state, status = UNTRANSLATED, "untranslated"
                    elif st == "initial":
                        state, status = FUZZY, "initial"
                    elif st == "final":
                        state, status = APPROVED, st
                    else:
                        state, status = TRANSLATED, st or "translated"
                    uid = attr(unit, "id") + (f"/{attr(seg, 'id') or k + 1}" if len(segments) > 1 else "")
                    line = (target_el if target_el is not None else seg).sourceline or unit.sourceline or 0
                    out.append((f"xliff\x04{attr(f, 'id') or attr(f, 'original')}\x04{uid}", Unit(
                        id=uid, key="", source=UnitText(s_text, APPROVED, path, source_el.sourceline or 0, s_tags),
                        targets=(("", UnitText(t_text, state, path, line, t_tags, (), status)),))))
    elif version.startswith("1") or not version:
        src_lang = trg_lang = ""
        for f in root.iter():
            if local(f.tag) != "file":
                continue
            src_lang = src_lang or attr(f, "source-language")
            trg_lang = trg_lang or attr(f, "target-language")
            for tu in f.iter():
                if local(tu.tag) != "trans-unit" or attr(tu, "translate") == "no":
                    continue
                source_el = _first(tu, "source") if _first(tu, "seg-source") is None else _first(tu, "seg-source")
                target_el = _first(tu, "target")
                if source_el is None:
                    continue
                s_text, s_tags = inline(source_el)
                if not s_text.strip() and not s_tags:
                    continue
                t_text, t_tags = inline(target_el) if target_el is not None else ("", ())
                state, status = _state_12(tu, target_el, t_text)
                uid = attr(tu, "id")
                line = tu.sourceline or 0
                out.append((f"xliff\x04{attr(f, 'original')}\x04{uid}", Unit(
                    id=uid, key="", source=UnitText(s_text, APPROVED, path, source_el.sourceline or line, s_tags),
                    targets=(("", UnitText(t_text, state, path, line, t_tags, (), status)),))))
    else:
        raise InputError(f"{path}: XLIFF version '{version}' is not supported (1.2 and 2.x are)")
    try:
        src = normalize_language(src_lang) if src_lang else ""
        trg = language or (normalize_language(trg_lang) if trg_lang else "")
    except InputError as exc:
        raise InputError(f"{path}: {exc}") from None
    if not trg:
        raise InputError(f"{path}: the file names no target language; give it as LANG={path}")
    return src, trg, out


def load_xliff(inputs: Sequence[tuple[str | None, str]], source_language: str | None = None) -> UnitDocument:
    """The N-language document of XLIFF files ``[(language or None, path), …]``."""
    from dataclasses import replace

    units: dict[str, dict] = {}
    languages: list[str] = []
    sources = []
    src_lang = normalize_language(source_language) if source_language else ""
    for lang, path in inputs:
        src, trg, read = _read(path, lang)
        if src and src_lang and src != src_lang and not source_language:
            raise InputError(f"{path}: source language '{src}' differs from the other files' ('{src_lang}')")
        src_lang = src_lang or src
        if trg in languages:
            raise InputError(f"two XLIFF files with target language '{trg}' ({path})")
        languages.append(trg)
        sources.append((trg, path))
        for key, u in read:
            slot = units.setdefault(key, {"unit": u, "targets": {}})
            slot["targets"].setdefault(trg, u.targets[0][1])
    if not src_lang:
        raise InputError(f"{inputs[0][1]}: the file names no source language; give it with --source-language")
    out = tuple(replace(s["unit"], key=key, targets=tuple((lg, s["targets"][lg]) for lg in languages
                                                          if lg in s["targets"]))
                for key, s in units.items())
    return UnitDocument(src_lang, tuple(languages), ((src_lang, inputs[0][1]), *sources), out, "xliff")
