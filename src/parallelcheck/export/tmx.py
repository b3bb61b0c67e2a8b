"""The N-way alignment as a TMX 1.4 translation memory: one ``<tu>`` per aligned row, one
``<tuv>`` per language that has text in the row (a gap has none). The pivot is the
``srclang``. Plain documents export their paragraph rows (each cell: the row's paragraphs of
that version, joined by a blank line); exchange files export their units. Deterministic: no
dates; the same alignment gives the same bytes. Reading the file back with
:func:`parallelcheck.load.tmx.load_tmx` gives the same rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .. import __version__
from ..atomic import write_bytes_atomic
from ..errors import InputError
from ..model import Report

Row = Sequence[tuple[str, str]]  # (language, text), pivot first


def report_rows(report: Report) -> list[list[tuple[str, str]]]:
    """The report's aligned rows as (language, text) cells, pivot first, gaps left out."""
    docs = {d.language: d for d in report.documents}
    order = [report.pivot] + [d.language for d in report.documents if d.language != report.pivot]
    out = []
    for row in report.rows:
        cells = dict(row.cells)
        texts = []
        for lang in order:
            paras = cells.get(lang, ())
            if paras:
                d = docs[lang]
                texts.append((lang, "\n\n".join(d.paragraphs[p].text for p in paras)))
        if texts:
            out.append(texts)
    return out


def tmx_bytes(rows: Sequence[Row], srclang: str, segtype: str = "paragraph") -> bytes:
    from lxml import etree

    XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(root, "header", {
        "creationtool": "parallelcheck", "creationtoolversion": __version__, "datatype": "plaintext",
        "segtype": segtype, "adminlang": "en", "srclang": srclang, "o-tmf": "parallelcheck",
    })
    body = etree.SubElement(root, "body")
    for n, row in enumerate(rows, start=1):
        tu = etree.SubElement(body, "tu", tuid=str(n))
        for lang, text in row:
            tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
            etree.SubElement(tuv, "seg").text = _xml_safe(text)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _xml_safe(text: str) -> str:
    from ..report.junit import xml_safe

    return xml_safe(text)


def write_tmx(rows: Sequence[Row], path: str | Path, srclang: str, segtype: str = "paragraph") -> int:
    """Write ``rows`` to ``path``; returns how many units were written."""
    try:
        write_bytes_atomic(path, tmx_bytes(rows, srclang, segtype))  # never half a file
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
    return len(rows)


def unit_rows(doc) -> list[list[tuple[str, str]]]:
    """A :class:`~parallelcheck.units.UnitDocument`'s units as rows (empty targets left out)."""
    out = []
    for u in doc.units:
        row = [(doc.source_language, u.source.text)]
        row += [(lang, t.text) for lang, t in u.targets if t.text.strip()]
        out.append(row)
    return out
