"""The check of a :class:`~parallelcheck.units.UnitDocument`: no segmentation and no
alignment (the units are aligned), the unit rules of :mod:`parallelcheck.checks.units`, and a
:class:`~parallelcheck.model.Report` like any other — every report format works on it.

For the report, each language becomes a document whose paragraphs are its units' texts, one
per unit, in unit order, and the rows of the side-by-side view are the units. Findings point
at the unit's own file and line (``Location.file``/``line``) and name the unit
(``Location.unit``); their offsets are those of the paragraph in that per-language text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from .. import __version__
from ..model import AlignedRow, Document, Paragraph, Report, Segment, SegmentedDocument, Span, VersionSummary
from ..settings import Settings
from ..thresholds import Thresholds
from . import UnitDocument


def _layout(doc: UnitDocument):
    """Per language, the text of its units joined by blank lines, and for every (unit index,
    language) the (paragraph, start, end) of that unit's text in it."""
    langs = (doc.source_language, *doc.languages)
    texts = {lang: [] for lang in langs}
    pos = {lang: 0 for lang in langs}
    spans: dict[str, list[Span]] = {lang: [] for lang in langs}
    layout = {}
    rows = []
    for i, u in enumerate(doc.units):
        cells = []
        for lang in langs:
            t = u.source if lang == doc.source_language else u.target(lang)
            if t is None:
                cells.append((lang, ()))
                continue
            body = t.text.replace("\r", "")
            start = pos[lang]
            texts[lang].append(body + "\n\n")
            pos[lang] += len(body) + 2
            layout[(i, lang)] = (len(spans[lang]), start, start + len(body))
            cells.append((lang, (len(spans[lang]),)))
            spans[lang].append(Span(start, start + len(body)))
        rows.append(AlignedRow(tuple(cells)))
    sources = dict(doc.sources)
    segmented = []
    for lang in langs:
        text = "".join(texts[lang])
        document = Document(lang, text, sources.get(lang, ""), tuple(spans[lang]))
        paragraphs = tuple(
            Paragraph(k, s.start, s.end, text[s.start : s.end],
                      (Segment("sentence", k, 0, s.start, s.end, text[s.start : s.end]),))
            for k, s in enumerate(spans[lang])
        )
        segmented.append(SegmentedDocument(document, paragraphs))
    return segmented, layout, tuple(rows)


def check_units(
    doc: UnitDocument,
    *,
    model: str | None = None,
    embedder=None,
    cache: bool = True,
    cache_dir: str | Path | None = None,
    progress=None,
    threads: int = 2,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    severity: Mapping[str, str] | None = None,
    glossary: str | Path | None = None,
    baseline: str | Path | None = None,
    thresholds: Thresholds | None = None,
    settings: Settings | None = None,
    languages: Sequence[str] | None = None,
) -> Report:
    """Check the units of ``doc`` (rule selection, glossary, baseline, settings and thresholds
    as in :func:`parallelcheck.check`); ``languages`` keeps only those target languages."""
    from dataclasses import replace

    from ..baseline import apply_baseline, load_baseline, with_fingerprints
    from ..checks import RuleSelection
    from ..checks.units import UnitContext, run_units, _embeddable
    from ..errors import InputError
    from ..glossary import load_glossary
    from ..settings import DEFAULT
    from ..signature import make_signature

    settings = (thresholds or Thresholds()).apply(settings or DEFAULT)

    if languages is not None:
        from ..languages import normalize_language

        wanted = [normalize_language(x) for x in languages]
        missing = [x for x in wanted if x not in doc.languages and x != doc.source_language]
        if missing:
            raise InputError(f"no '{missing[0]}' version in the inputs (found: {', '.join(doc.languages)})")
        doc = replace(doc, languages=tuple(x for x in doc.languages if x in wanted),
                      sources=tuple((lang, s) for lang, s in doc.sources
                                    if lang == doc.source_language or lang in wanted),
                      units=tuple(replace(u, targets=tuple((lang, t) for lang, t in u.targets if lang in wanted))
                                  for u in doc.units))
    if not doc.units:
        raise InputError(f"{dict(doc.sources).get(doc.source_language, 'input')}: no translation units found")
    if not doc.languages:
        raise InputError("no target language in the inputs; need at least one translation")
    selection = RuleSelection.build(select, ignore, severity)
    terms = load_glossary(glossary) if glossary is not None else ()
    accepted = load_baseline(baseline) if baseline is not None else None
    segmented, layout, rows = _layout(doc)

    vectors = None
    model_info: Mapping[str, object] = {"name": "none", "backend": "units (no embedding needed)"}
    if selection.enabled("PC105") or selection.enabled("PC104"):
        import numpy as np

        from ..embed import get_embedder
        from ..embed.pieces import PieceEmbedder
        from ..pipeline import _encode
        from .markup import strip_markup

        if embedder is None:
            embedder = get_embedder(model, cache=cache, cache_dir=cache_dir, threads=threads)
        embedder = PieceEmbedder(embedder)  # encoder memory O(Limits.embed_chars)
        model_info = embedder.info()
        keys = []
        texts = []
        for i, u in enumerate(doc.units):
            if not _embeddable(u, settings.units):
                continue
            for lang in (doc.source_language, *doc.languages):
                t = u.source if lang == doc.source_language else u.target(lang)
                if t is not None and t.text.strip():
                    keys.append((i, lang))
                    texts.append(" ".join(strip_markup(t.text).split()))
        vectors = {}
        if texts:
            out = np.asarray(_encode(embedder, texts, progress), dtype=np.float32)
            norms = np.linalg.norm(out, axis=1, keepdims=True)
            out = out / np.where(norms == 0, 1, norms)
            vectors = dict(zip(keys, out))
    ctx = UnitContext(doc, layout, settings, terms, vectors,
                      encode=embedder.encode if embedder is not None else None, documents=segmented)
    findings = [selection.apply(f) for f in run_units(ctx, selection.enabled)]
    order = {lang: k for k, lang in enumerate((doc.source_language, *doc.languages))}
    findings.sort(key=lambda f: (order.get(f.language, 99), f.location.start, f.rule, f.message))
    findings = with_fingerprints(findings, {d.language: d.document.text for d in segmented})
    suppressed = 0
    if accepted is not None:
        findings, suppressed = apply_baseline(findings, accepted)
    return Report(
        tool_version=__version__,
        model=model_info,
        pivot=doc.source_language,
        versions=tuple(VersionSummary(d.language, d.document.source, len(d.paragraphs), len(d.paragraphs))
                       for d in segmented),
        findings=tuple(findings),
        documents=tuple(segmented),
        rows=rows,
        row_similarity=tuple(tuple(None for _ in r.cells) for r in rows),
        suppressed=suppressed,
        signature=make_signature(
            version=__version__, model=model_info, pivot=doc.source_language,
            languages=[doc.source_language, *doc.languages], select=selection.select, ignore=selection.ignore,
            severity=selection.severity, settings=settings, glossary=glossary, baseline=baseline,
        ),
    )
