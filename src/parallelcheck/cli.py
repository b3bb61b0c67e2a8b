"""Command line: ``parallelcheck check [OPTIONS] INPUT...``.

Exit codes are the CI contract: 0 nothing at or above ``--fail-on``; 1 findings at or above
it; 2 usage or input error, reported as one line on stderr, never a traceback
(``PARALLELCHECK_DEBUG=1`` re-raises unexpected errors for a bug report).

Importing this module is cheap: the loader, the pipeline and with them numpy and any
model backend are imported only when a check runs.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from . import __version__
from .errors import InputError, UsageError
from .report import FORMATS

if TYPE_CHECKING:
    from .model import Document, Report

PROG = "parallelcheck"


# Thin lazy wrappers, so that `import parallelcheck.cli` stays light and tests can
# monkeypatch `parallelcheck.cli.load_paths` / `parallelcheck.cli.check_documents`.
def load_paths(specs: Sequence[str]) -> list[Document]:
    """:func:`parallelcheck.load.load_paths`, imported on first use."""
    from .load import load_paths as _load_paths

    return _load_paths(specs)


def check_documents(documents: Sequence[Document], **options: Any) -> Report:
    """:func:`parallelcheck.pipeline.check_documents`, imported on first use."""
    from .pipeline import check_documents as _check_documents

    return _check_documents(documents, **options)


class _Parser(argparse.ArgumentParser):
    """argparse whose usage errors become one-line :class:`UsageError` (exit 2), like
    every other input error, instead of argparse's own usage dump."""

    def error(self, message: str) -> NoReturn:  # type: ignore[override]
        raise UsageError(f"{message} (see '{self.prog} --help')")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``parallelcheck`` command."""
    version = f"{PROG} {__version__}"
    parser = _Parser(prog=PROG, description="Check that the language versions of a document say the same thing.")
    parser.add_argument("--version", action="version", version=version)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    check = sub.add_parser(
        "check",
        help="check language versions against each other",
        description=(
            "Check language versions against each other. INPUT is LANG=PATH (e.g. ko=article.ko.txt) "
            "or PATH (language from the file name or detected from the text). A single PATH may hold "
            "all versions one after another."
        ),
        epilog="Exit status: 0 no findings at or above --fail-on, 1 findings, 2 usage or input error.",
    )
    check.add_argument("inputs", nargs="+", metavar="INPUT", help="LANG=PATH or PATH")
    check.add_argument("--pivot", metavar="LANG", help="reference version (default: the first)")
    check.add_argument(
        "--model", metavar="NAME_OR_PATH",
        help="sentence-transformers model name or local path (default: bundled USE-multilingual v3)",
    )
    check.add_argument("--format", default="text", choices=list(FORMATS), help="report format (default: text)")
    check.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout")
    check.add_argument(
        "--fail-on", default="error", choices=["error", "warning"],
        help="lowest severity that makes the run fail with exit 1 (default: error)",
    )
    check.add_argument("--quiet", "-q", action="store_true", help="no progress bar; text report without its header")
    check.add_argument("--no-cache", action="store_true", help="neither read nor write the embedding cache")
    check.add_argument("--cache-dir", metavar="DIR", help="embedding cache directory")
    check.add_argument(
        "--threads", type=int, default=None, metavar="N",
        help="CPU threads for the bundled model (default: 2; use 1 on a busy machine)",
    )
    check.add_argument(
        "--select", metavar="IDS", type=_id_list,
        help="run only these rules (comma-separated ids or prefixes, e.g. PC1,PC201)",
    )
    check.add_argument("--ignore", metavar="IDS", type=_id_list, default=[], help="skip these rules")
    check.add_argument("--glossary", metavar="PATH", help="termbase (CSV or TBX) for the glossary rule PC204")
    check.add_argument(
        "--severity", metavar="ID=LEVEL", action="append", default=[],
        help="give a rule's findings another severity (error, warning, info); repeatable",
    )
    check.add_argument("--version", action="version", version=version)
    sub.add_parser(
        "rules",
        help="list the checks with their ids, severities and what they find",
        description="List every rule: stable id, name, kind, default severity and what it finds.",
    )
    explain = sub.add_parser(
        "explain",
        help="explain one rule: what it finds, an example, how to configure it",
        description="Explain one rule: what it finds, an example, and how to configure it.",
    )
    explain.add_argument("rule", metavar="ID", help="a rule id, e.g. PC201")
    return parser


def _id_list(value: str) -> list[str]:
    return [x.strip() for x in value.split(",") if x.strip()]


def _severity_map(items: list[str]) -> dict[str, str]:
    out = {}
    for item in items:
        rule, sep, level = item.partition("=")
        if not sep or not rule.strip() or not level.strip():
            raise UsageError(f"--severity expects ID=LEVEL (e.g. PC104=error), not '{item}'")
        out[rule.strip()] = level.strip().lower()
    return out


def _run_explain(rule_id: str) -> int:
    from .checks import get_rule

    rule = get_rule(rule_id)
    if rule is None:
        raise UsageError(f"unknown rule '{rule_id}' (see '{PROG} rules')")
    text = f"{rule.id} {rule.name}\n  kind: {rule.kind}; default severity: {rule.severity}\n\n{rule.doc}\n"
    if rule.example:
        text += f"\nExample: {rule.example}\n"
    text += (
        f"\nConfigure: turn it off with --ignore {rule.id}; run it alone with --select {rule.id}; "
        f"change its severity with --severity {rule.id}=warning (error, warning or info). "
        "From Python: parallelcheck.check(texts, ignore=[...], select=[...], severity={...}).\n"
    )
    _write_stdout(text)
    return 0


def _run_rules() -> int:
    from .checks import all_rules

    for rule in all_rules():
        _write_stdout(f"{rule.id}  {rule.name}  [{rule.kind}, {rule.severity}]\n    {rule.doc}\n")
    return 0


class ProgressBar:
    """A single-line bar on stderr, fed by the pipeline's ``progress(stage, done, total)``.

    It appears only when the run is long enough to need one — a big embedding job or more
    than ``delay`` seconds elapsed — so short runs keep a clean terminal.
    """

    def __init__(self, enabled: bool, *, delay: float = 1.5, min_items: int = 200, stream: Any = None) -> None:
        self.enabled = enabled
        self.delay = delay
        self.min_items = min_items
        self.stream = stream if stream is not None else sys.stderr
        self.started = time.monotonic()
        self.shown = False
        self._last_draw = 0.0
        self._width = 0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not self.shown and not (
            (stage == "embed" and total > self.min_items) or now - self.started > self.delay
        ):
            return
        # Redrawing on every callback would cost more than the work on fast stages.
        if self.shown and now - self._last_draw < 0.1 and done < total:
            return
        columns = shutil.get_terminal_size((80, 24)).columns
        bar_width = max(10, min(40, columns - 30))
        filled = bar_width if total <= 0 else min(bar_width, bar_width * done // total)
        line = f"{stage:<6} [{'#' * filled}{'.' * (bar_width - filled)}] {done}/{total}"[: max(1, columns - 1)]
        self.stream.write("\r" + line.ljust(self._width))
        self.stream.flush()
        self._width = len(line)
        self.shown = True
        self._last_draw = now

    def close(self) -> None:
        """Erase the bar, leaving the cursor at the start of a clean line."""
        if self.shown:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self.shown = False


def _input_paths(spec: str) -> list[Path]:
    """Every path an INPUT may name: itself, and for LANG=PATH the part after '='."""
    paths = [Path(spec)]
    if "=" in spec:
        paths.append(Path(spec.split("=", 1)[1]))
    return paths


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.resolve() == b.resolve():
            return True
        return a.exists() and b.exists() and os.path.samefile(a, b)  # hard links
    except OSError:
        return False


def _check_output_target(output: str, inputs: Sequence[str]) -> None:
    out = Path(output)
    for spec in inputs:
        for path in _input_paths(spec):
            if _same_file(out, path):
                raise UsageError(f"--output {output} is one of the inputs; refusing to overwrite it")


def _use_color(args: argparse.Namespace) -> bool:
    # https://no-color.org: a non-empty NO_COLOR turns colour off.
    return (
        args.format == "text" and not args.output and not os.environ.get("NO_COLOR")
        and _isatty(sys.stdout)
    )


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def _write_stdout(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except UnicodeEncodeError:
        # A terminal or pipe with a legacy encoding: the report is UTF-8 anyway.
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:
            raise
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    except BrokenPipeError:
        # `parallelcheck check … | head`: the reader left; don't let Python's exit flush
        # complain about stdout a second time.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass
        raise


def _run_check(args: argparse.Namespace) -> int:
    from .languages import normalize_language

    if args.output:
        _check_output_target(args.output, args.inputs)
    pivot = normalize_language(args.pivot) if args.pivot else None
    documents = load_paths(args.inputs)
    progress = ProgressBar(enabled=not args.quiet and _isatty(sys.stderr))
    try:
        report = check_documents(
            documents,
            pivot=pivot,
            model=args.model,
            cache=not args.no_cache,
            cache_dir=args.cache_dir,
            progress=progress,
            select=args.select,
            ignore=args.ignore,
            severity=_severity_map(args.severity),
            glossary=args.glossary,
            **({"threads": args.threads} if args.threads else {}),
        )
    finally:
        progress.close()

    from .report import render

    text = render(report, args.format, color=_use_color(args), quiet=args.quiet)
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise InputError(f"cannot write report to {args.output}: {exc.strerror or exc}") from None
    else:
        try:
            _write_stdout(text)
        except OSError as exc:
            raise InputError(f"cannot write report to stdout: {exc.strerror or exc}") from None
    return report.exit_code(args.fail_on)


def _one_line(message: str) -> str:
    return re.sub(r"\s*[\r\n]+\s*", " ", message).strip()


def _describe_os_error(exc: OSError) -> str:
    if exc.filename is not None and exc.strerror:
        return f"{exc.filename}: {exc.strerror}"
    return str(exc) or type(exc).__name__


def _fail(message: str) -> int:
    print(f"{PROG}: error: {_one_line(message)}", file=sys.stderr)
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); returns the exit code."""
    parser = build_parser()
    try:
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # --help / --version: argparse has printed and "exits"
            return exc.code if isinstance(exc.code, int) else 0
        if args.command is None:
            raise UsageError(f"no command given; try '{PROG} check INPUT...' (see '{PROG} --help')")
        if args.command == "rules":
            return _run_rules()
        if args.command == "explain":
            return _run_explain(args.rule)
        if args.threads is not None and args.threads < 1:
            raise UsageError("--threads must be at least 1")
        return _run_check(args)
    except InputError as exc:  # UsageError included
        return _fail(str(exc) or type(exc).__name__)
    except KeyboardInterrupt:
        return _fail("interrupted")
    except UnicodeError as exc:  # a decoding problem the loader did not word itself
        return _fail(f"cannot decode input: {exc}")
    except OSError as exc:
        return _fail(_describe_os_error(exc))
    except Exception as exc:
        if os.environ.get("PARALLELCHECK_DEBUG") == "1":
            raise
        print(
            f"{PROG}: internal error: {type(exc).__name__}: {_one_line(str(exc))} (please report)",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
