"""The end-to-end check: segment → embed → align → checks → report.

Two entry points: :func:`check` for texts in memory (QA scripts), :func:`check_documents`
for already-loaded :class:`~parallelcheck.model.Document` objects (the CLI).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .errors import UsageError
from .model import Document, Report, VersionSummary
from .settings import Settings
from .thresholds import Thresholds

if TYPE_CHECKING:
    from .embed import Embedder

Progress = Callable[[str, int, int], None]


def check(
    texts: Mapping[str, str],
    *,
    pivot: str | None = None,
    source: str | None = None,
    model: str | None = None,
    cache: bool = True,
    cache_dir: str | Path | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    severity: Mapping[str, str] | None = None,
    glossary: str | Path | None = None,
    baseline: str | Path | None = None,
    thresholds: Thresholds | None = None,
    settings: Settings | None = None,
    input_format: str = "text",
) -> Report:
    """Check language versions given as ``{language: text}``.

    The first language is the reference (pivot) unless ``pivot`` names another. ``source``
    names the version the others were translated from: it becomes the pivot, and blame
    follows it instead of the majority (see :class:`parallelcheck.checks.base.CheckContext`).
    ``model``
    is None for the bundled USE-multilingual encoder, or a sentence-transformers model
    name or local path. ``select``/``ignore`` take rule ids or id prefixes (``"PC2"``);
    ``severity`` maps a rule id to the severity its findings get (``{"PC104": "error"}``).
    ``glossary`` is the path of a CSV or TBX termbase for PC204; ``baseline`` the path of a
    baseline file (:mod:`parallelcheck.baseline`) whose findings are left out;
    ``settings`` is the tree of tuned numbers (:class:`parallelcheck.settings.Settings`;
    default: the one every benchmark was measured with), ``thresholds`` the short form of
    its most tuned keys (:class:`parallelcheck.thresholds.Thresholds`), applied on top.
    ``input_format``: ``text`` (default), ``markdown`` or ``html`` — how the texts are read.
    """
    from .load import document_from_text
    from .settings import DEFAULT

    loading = settings or DEFAULT
    docs = [document_from_text(lang, text, source=f"<{lang}>", settings=loading, input_format=input_format)
            for lang, text in texts.items()]
    return check_documents(docs, pivot=pivot, source=source, model=model, cache=cache, cache_dir=cache_dir,
                           select=select, ignore=ignore, severity=severity, glossary=glossary,
                           baseline=baseline, thresholds=thresholds, settings=settings)


def check_documents(
    documents: Sequence[Document],
    *,
    pivot: str | None = None,
    source: str | None = None,
    model: str | None = None,
    embedder: Embedder | None = None,
    cache: bool = True,
    cache_dir: str | Path | None = None,
    progress: Progress | None = None,
    threads: int = 2,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    severity: Mapping[str, str] | None = None,
    glossary: str | Path | None = None,
    baseline: str | Path | None = None,
    thresholds: Thresholds | None = None,
    settings: Settings | None = None,
) -> Report:
    """Check loaded documents against each other and return the report (rule selection,
    source, glossary, baseline, settings and thresholds as in :func:`check`)."""
    import numpy as np

    from .align.nway import align_documents
    from .baseline import apply_baseline, load_baseline, with_fingerprints
    from .checks import RuleSelection, run_checks
    from .embed import get_embedder
    from .embed.pieces import PieceEmbedder
    from .embed.reading import ReadingEncoder, reading_texts, reading_view
    from .glossary import load_glossary
    from .segment import segment_document
    from .settings import DEFAULT
    from .signature import make_signature
    from .suppress import apply_markers

    settings = (thresholds or Thresholds()).apply(settings or DEFAULT)
    docs = list(documents)
    # "zh" names the one Chinese version, whatever its region (zh-CN)
    pivot, source = (_resolve(docs, code) for code in (pivot, source))
    _validate(docs, pivot)
    if source is not None:
        _validate(docs, source, "source")
        if pivot is not None and pivot != source:
            raise UsageError(f"pivot '{pivot}' and source '{source}' differ: the source is the reference")
        pivot = source
    selection = RuleSelection.build(select, ignore, severity)
    terms = load_glossary(glossary) if glossary is not None else ()
    accepted = load_baseline(baseline) if baseline is not None else None
    pivot = pivot or docs[0].language
    # The pivot goes first: rows and reports read in its order.
    docs.sort(key=lambda d: d.language != pivot)

    segmented = [segment_document(d, settings.segmentation) for d in docs]
    if progress:
        progress("segment", len(docs), len(docs))
    if embedder is None:
        embedder = get_embedder(model, cache=cache, cache_dir=cache_dir, threads=threads)
    # Texts over Limits.embed_chars are encoded by pieces: encoder memory is O(limit).
    embedder = PieceEmbedder(embedder)
    # What the encoder reads: each segment's prose, short inline code included (embed.reading);
    # texts cut from segments are read as their segments are.
    views = [reading_view(d.document, settings.code) for d in segmented]
    encode = ReadingEncoder(embedder.encode, segmented, settings.code, views).encode
    texts = [t for d, view in zip(segmented, views) for t in reading_texts(d, settings.code, view)]
    vectors_all = _encode(embedder, texts, progress)
    vectors: dict[str, np.ndarray] = {}
    k = 0
    for d in segmented:
        n = len(d.segments)
        vectors[d.language] = vectors_all[k : k + n]
        k += n

    if progress:
        progress("align", 0, 1)
    alignment = align_documents(segmented, vectors, pivot, encode=encode, settings=settings,
                                consensus=source is None)
    if progress:
        progress("align", 1, 1)
    if progress:
        progress("check", 0, 1)
    findings = run_checks(segmented, vectors, alignment, encode=encode, selection=selection, glossary=terms,
                          settings=settings, source=source)
    if progress:
        progress("check", 1, 1)
    findings = _quote_markdown_sources(findings, segmented)
    findings = with_fingerprints(findings, {d.language: d.document.text for d in segmented})
    # what a reviewer dismissed in the file (<!-- parallelcheck-disable … -->), then the baseline
    findings, suppressed = apply_markers(findings, segmented)
    if accepted is not None:
        findings, accepted_n = apply_baseline(findings, accepted)
        suppressed += accepted_n

    model_info = embedder.info()
    return Report(
        tool_version=__version__,
        model=model_info,
        pivot=pivot,
        versions=tuple(
            VersionSummary(d.language, d.document.source, len(d.paragraphs), len(d.segments))
            for d in segmented
        ),
        findings=tuple(findings),
        documents=tuple(segmented),
        rows=alignment.paragraphs.rows,
        row_similarity=_row_similarity(segmented, vectors, alignment.paragraphs.rows),
        suppressed=suppressed,
        signature=make_signature(
            version=__version__, model=model_info, pivot=pivot, source=source is not None, languages=[d.language for d in segmented],
            select=selection.select, ignore=selection.ignore, severity=selection.severity, settings=settings,
            glossary=glossary, baseline=baseline,
        ),
    )


def _quote_markdown_sources(findings, segmented):
    """A reference quoted from a Markdown version's prose view reads «two labels and :»;
    quote the file's text at the same place instead («two labels `app: nginx` and …»)."""
    from dataclasses import replace

    docs = {d.language: d.document for d in segmented}
    out = []
    for f in findings:
        ref = f.reference
        doc = docs.get(ref.language) if ref is not None else None
        if doc is not None and doc.markup is not None and doc.markup.format == "markdown" and ref.text:
            at = doc.text.find(ref.text)
            if at >= 0 and doc.text.find(ref.text, at + 1) < 0:
                f = replace(f, reference=replace(ref, text=doc.markup.source[at : at + len(ref.text)]))
        out.append(f)
    return out


def _row_similarity(segmented, vectors, rows) -> tuple[tuple[float | None, ...], ...]:
    """Per paragraph row and version: the mean cosine between that version's paragraphs and
    each other version's in the row (None where the version has nothing). Raw cosines are not
    comparable across language pairs; this feeds a picture, not a decision."""
    import numpy as np

    from .align.nway import _sum_dtype

    dtypes = {d.language: _sum_dtype(len(d.paragraphs)) for d in segmented}
    ranges = {d.language: d.segment_ranges for d in segmented}

    def para_vecs(lang: str, paras) -> np.ndarray:
        # The rows of paragraph_vectors(doc, vectors) for these paragraphs only, computed
        # the same way (a copy of every version's paragraph vectors at once was the peak
        # memory of a long document).
        seg = vectors[lang]
        out = np.zeros((len(paras), seg.shape[1]), dtype=dtypes[lang])
        for k, p in enumerate(paras):
            r = ranges[lang][p]
            out[k] = seg[r.start : r.stop].sum(axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return out / norms

    out = []
    for row in rows:
        group = {}
        for lang, paras in row.cells:
            if paras:
                v = para_vecs(lang, list(paras)).sum(axis=0)
                n = float(np.linalg.norm(v))
                group[lang] = v / n if n else v
        cells = []
        for lang, _ in row.cells:
            others = [group[o] for o in group if o != lang]
            if lang not in group or not others:
                cells.append(None)
            else:
                cells.append(round(float(np.mean([group[lang] @ o for o in others])), 4))
        out.append(tuple(cells))
    return tuple(out)


def _resolve(docs: list[Document], code: str | None) -> str | None:
    from .languages import resolve_language

    if code is None:
        return None
    try:
        return resolve_language(code, [d.language for d in docs]) or code
    except UsageError:
        return code


def _validate(docs: list[Document], pivot: str | None, role: str = "pivot") -> None:
    if len(docs) < 2:
        raise UsageError("need at least two language versions to compare")
    seen: dict[str, str] = {}
    for d in docs:
        if d.language in seen:
            raise UsageError(f"two versions in language '{d.language}': {seen[d.language]} and {d.source}")
        seen[d.language] = d.source
        if not d.paragraphs:
            raise UsageError(f"{d.source}: the '{d.language}' version has no text")
    if pivot is not None and pivot not in seen:
        raise UsageError(f"{role} '{pivot}' is not one of the versions ({', '.join(seen)})")


def _encode(embedder: Embedder, texts: list[str], progress: Progress | None, batch: int = 256):
    import numpy as np

    if not progress or len(texts) <= batch:
        out = embedder.encode(texts)
        if progress:
            progress("embed", len(texts), len(texts))
        return np.asarray(out)
    out = None  # filled in place: one copy of the vectors, not the parts plus their concatenation
    for i in range(0, len(texts), batch):
        part = np.asarray(embedder.encode(texts[i : i + batch]))
        if out is None:
            out = np.empty((len(texts), part.shape[1]), dtype=part.dtype)
        out[i : i + len(part)] = part
        progress("embed", min(i + batch, len(texts)), len(texts))
    return out
