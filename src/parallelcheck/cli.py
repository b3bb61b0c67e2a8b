"""Command line: ``parallelcheck check INPUT...``.

Exit codes are the CI contract: 0 nothing at or above ``--fail-on``; 1 findings at or above
it; 2 usage or input error (one line on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .errors import InputError

PROG = "parallelcheck"


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors are one line and exit 2 like every other input error."""

    def error(self, message: str):  # type: ignore[override]
        raise InputError(f"{message} (see '{PROG} check --help')")


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Check that the language versions of a document say the same thing.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    check = sub.add_parser(
        "check",
        help="check language versions against each other",
        description=(
            "Check language versions against each other. INPUT is LANG=PATH (e.g. ko=article.ko.txt), "
            "or PATH (language from the file name or the text). A single PATH may hold all versions "
            "one after another."
        ),
    )
    check.add_argument("inputs", nargs="+", metavar="INPUT")
    check.add_argument("--pivot", metavar="LANG", help="reference version (default: the first)")
    check.add_argument("--model", metavar="NAME_OR_PATH", help="sentence-transformers model (default: bundled USE-multilingual v3)")
    check.add_argument("--format", default="text", choices=["text", "json"], help="report format (default: text)")
    check.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout")
    check.add_argument("--fail-on", default="error", choices=["error", "warning"], help="lowest severity that fails the run (exit 1)")
    check.add_argument("--quiet", "-q", action="store_true", help="no progress bar; text report without header")
    check.add_argument("--no-cache", action="store_true", help="don't read or write the embedding cache")
    check.add_argument("--cache-dir", metavar="DIR", help="embedding cache location (default: ~/.cache/parallelcheck)")
    check.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    return parser


class _ProgressBar:
    """A one-line bar on stderr, shown only once a run has lasted long enough to need it."""

    def __init__(self, enabled: bool, delay: float = 1.0) -> None:
        self.enabled = enabled
        self.start = time.monotonic()
        self.delay = delay
        self.shown = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled or time.monotonic() - self.start < self.delay:
            return
        width = 30
        filled = int(width * done / total) if total else width
        sys.stderr.write(f"\r{stage:<6} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        sys.stderr.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def _run_check(args: argparse.Namespace) -> int:
    from .languages import normalize_language
    from .load import load_paths
    from .pipeline import check_documents
    from .report import render

    inputs = [spec for spec in args.inputs]
    if args.output:
        out = Path(args.output).resolve()
        for spec in inputs:
            path = spec.split("=", 1)[1] if "=" in spec and not Path(spec).exists() else spec
            if Path(path).resolve() == out:
                raise InputError(f"--output {args.output} is one of the inputs; refusing to overwrite it")
    pivot = normalize_language(args.pivot) if args.pivot else None
    docs = load_paths(inputs)
    progress = _ProgressBar(enabled=not args.quiet and sys.stderr.isatty())
    try:
        report = check_documents(
            docs, pivot=pivot, model=args.model, cache=not args.no_cache,
            cache_dir=args.cache_dir, progress=progress,
        )
    finally:
        progress.close()
    color = args.format == "text" and not args.output and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    text = render(report, args.format, color=color)
    if args.quiet and args.format == "text":
        text = "\n".join(text.split("\n")[3:])  # drop the header block
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise InputError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    else:
        sys.stdout.write(text)
    return report.exit_code(args.fail_on)


def main(argv: Sequence[str] | None = None) -> int:
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            raise InputError("no command given; try 'parallelcheck check INPUT...'")
        return _run_check(args)
    except InputError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{PROG}: error: interrupted", file=sys.stderr)
        return 2
    except Exception as exc:  # never a traceback for users; PARALLELCHECK_DEBUG=1 shows it
        if os.environ.get("PARALLELCHECK_DEBUG"):
            raise
        print(f"{PROG}: error: internal error: {type(exc).__name__}: {exc} (please report)", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
