"""Pre-aligned translation units: what the translators' exchange formats hold.

A PO catalogue, an XLIFF file or a TMX memory is already aligned: each unit pairs a source
text with its translations. The readers (:mod:`parallelcheck.load.po`,
:mod:`~parallelcheck.load.xliff`, :mod:`~parallelcheck.load.tmx`) turn them into a
:class:`UnitDocument`; the aligner is bypassed and the unit rules
(:mod:`parallelcheck.checks.units`) run on the units directly
(:func:`parallelcheck.units.pipeline.check_units`).
"""

from __future__ import annotations

from dataclasses import dataclass

# Normalised states of a target (the file's own word is kept in UnitText.status).
TRANSLATED, UNTRANSLATED, FUZZY, APPROVED = "translated", "untranslated", "fuzzy", "approved"


@dataclass(frozen=True)
class UnitText:
    """One side of a unit: the source or one language's target."""

    text: str  # plain text (XLIFF/TMX inline tags taken out; PO text as is)
    state: str = TRANSLATED  # translated | untranslated | fuzzy | approved
    file: str = ""  # the file it was read from
    line: int = 0  # 1-based line of the unit in that file (PO: the msgid line; XLIFF: <trans-unit>/<unit>)
    tags: tuple[str, ...] = ()  # inline tags as tokens ("<g id=1>", "<x id=2/>"), in document order
    forms: tuple[str, ...] = ()  # PO plural forms (msgstr[0], msgstr[1]…); text is the first
    status: str = ""  # the state as the file words it (fuzzy, needs-review-translation, Draft…)
    previous: str = ""  # PO: the source the fuzzy translation was made for (#| msgid)


@dataclass(frozen=True)
class Unit:
    """One aligned unit: a source and its translations by language."""

    id: str  # as reports show it: trans-unit id, tuid, or the PO msgid (with its msgctxt)
    key: str  # what matches the unit across files (file name, context and source)
    source: UnitText
    targets: tuple[tuple[str, UnitText], ...]  # (language, target), in input order
    context: str = ""  # PO msgctxt
    flags: tuple[str, ...] = ()  # PO flags other than fuzzy (python-format…)
    plural: str = ""  # PO msgid_plural

    def target(self, language: str) -> UnitText | None:
        return next((t for lang, t in self.targets if lang == language), None)


@dataclass(frozen=True)
class UnitDocument:
    """Units of one source in several languages (catalogues of one template, XLIFF files of
    one source, or one TMX)."""

    source_language: str
    languages: tuple[str, ...]  # target languages, in input order
    sources: tuple[tuple[str, str], ...]  # (language, where it was read from), source language first
    units: tuple[Unit, ...]
    format: str = ""  # po | xliff | tmx
