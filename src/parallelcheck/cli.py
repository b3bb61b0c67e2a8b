"""Command line: ``parallelcheck check [OPTIONS] INPUT...``.

Exit codes are the CI contract: 0 nothing at or above ``--fail-on``; 1 findings at or above
it; 2 usage or input error, reported as one line on stderr, never a traceback; 130
interrupted (Ctrl-C), also one line
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
def load_paths(specs: Sequence[str], **options: Any) -> list[Document]:
    """:func:`parallelcheck.load.load_paths`, imported on first use."""
    from .load import load_paths as _load_paths

    return _load_paths(specs, **options)


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
    check.add_argument("--source", metavar="LANG",
                       help="the version the others were translated from: it is the reference, and what it "
                            "has that a translation lacks is reported however many others lack it too")
    check.add_argument(
        "--languages", metavar="CODES", type=_id_list,
        help="check only these versions (comma-separated codes); each must be in the inputs",
    )
    check.add_argument(
        "--model", metavar="NAME_OR_PATH",
        help="sentence-transformers model name or local path (default: bundled USE-multilingual v3)",
    )
    check.add_argument(
        "--format", action="append", type=_format_target, metavar="FORMAT[:FILE]",
        help=f"report format ({', '.join(FORMATS)}; default: text), to standard output or to FILE; "
             "repeatable: --format json:out.json --format html:report.html",
    )
    check.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout")
    check.add_argument(
        "--fail-on", choices=["error", "warning"],
        help="lowest severity that makes the run fail with exit 1 (default: error)",
    )
    check.add_argument("--config", metavar="PATH", help="config file (default: parallelcheck.toml or "
                       "[tool.parallelcheck] in pyproject.toml, searched upwards from here)")
    check.add_argument("--no-config", action="store_true", help="ignore config files")
    check.add_argument("--baseline", metavar="FILE", help="leave out the findings recorded in FILE; report only new ones")
    check.add_argument(
        "--write-baseline", metavar="FILE",
        help="record the current findings in FILE (for --baseline) and exit 0",
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
    check.add_argument("--ignore", metavar="IDS", type=_id_list, help="skip these rules")
    check.add_argument(
        "--input-format", choices=("auto", "text", "markdown", "html"), default=None,
        help="how to read the inputs (default: auto — Markdown for .md/.markdown/.mdx, HTML for .html/.htm)",
    )
    check.add_argument("--glossary", metavar="PATH", help="termbase (CSV or TBX) for the glossary rule PC204")
    check.add_argument(
        "--severity", metavar="ID=LEVEL", action="append", default=[],
        help="give a rule's findings another severity (error, warning, info); repeatable",
    )
    check.add_argument(
        "--source-language", metavar="LANG",
        help="language of the source text of PO catalogues (their msgids; default: en), or of a TMX "
             "whose srclang is *all* (XLIFF files name theirs)",
    )
    check.add_argument(
        "--export", metavar="FORMAT:FILE", action="append", default=[],
        help="also write the N-way alignment to FILE: tmx (one <tu> per aligned row, every language a <tuv>)",
    )
    from .tree.cli import add_tree_options

    add_tree_options(check)
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


def _format_target(value: str) -> tuple[str, str | None]:
    """``FORMAT`` or ``FORMAT:FILE`` → (format, file or None for standard output)."""
    fmt, sep, path = value.partition(":")
    fmt = fmt.strip().lower()
    if fmt not in FORMATS:
        raise argparse.ArgumentTypeError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
    if sep and not path:
        raise argparse.ArgumentTypeError(f"'{value}': give a file after ':' or leave out the ':'")
    return fmt, (path or None)


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
    text += _explain_settings(rule)
    text += (
        f"\nConfigure: turn it off with --ignore {rule.id}; run it alone with --select {rule.id}; "
        f"change its severity with --severity {rule.id}=warning (error, warning or info). "
        f"In parallelcheck.toml or [tool.parallelcheck]: ignore = [\"{rule.id}\"], "
        f"severity = {{ {rule.id} = \"error\" }}. "
        "From Python: parallelcheck.check(texts, ignore=[...], select=[...], severity={...}).\n"
    )
    _write_stdout(text)
    return 0


def _explain_settings(rule) -> str:
    """The settings a rule reads, with their defaults, as ``explain`` lists them."""
    from dataclasses import fields

    from .settings import DEFAULT

    keys: list[str] = []
    for entry in rule.settings:
        group, _, name = entry.partition(".")
        names = [name] if name else [f.name for f in fields(getattr(DEFAULT, group))]
        keys += [f"{group}.{n}" for n in names]
    keys.append("alignment, verification (every rule reads the alignment)")
    lines = []
    for key in keys:
        group, _, name = key.partition(".")
        if " " in key:
            lines.append(f"  {key}")
            continue
        value = getattr(getattr(DEFAULT, group), name)
        lines.append(f"  {group.replace('_', '-')}.{name.replace('_', '-')} = {_toml_value(value)}")
    table = "[tool.parallelcheck.settings.GROUP] in pyproject.toml, or [settings.GROUP] in parallelcheck.toml"
    return "\nSettings it reads (" + table + "; defaults shown):\n" + "\n".join(lines) + "\n"


def _toml_value(value: Any) -> str:
    from dataclasses import astuple, is_dataclass

    if isinstance(value, dict):
        return "{ " + ", ".join(f'"{k}" = {v}' for k, v in value.items()) + " }"
    if isinstance(value, tuple):
        return "[" + ", ".join(str(list(astuple(t))) if is_dataclass(t) else str(t) for t in value) + "]"
    return repr(value)


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


def _check_output_target(output: str, inputs: Sequence[str], what: str = "--output") -> None:
    out = Path(output)
    for spec in inputs:
        for path in _input_paths(spec):
            if _same_file(out, path):
                raise UsageError(f"{what} {output} is one of the inputs; refusing to overwrite it")


def _report_targets(args: argparse.Namespace) -> list[tuple[str, str | None]]:
    """(format, file or None for stdout) for every report the run writes; ``--output`` is the
    file of the one format given without a file of its own."""
    targets = list(args.format or [("text", None)])
    to_stdout = [fmt for fmt, path in targets if path is None]
    if args.output:
        if len(to_stdout) != 1:
            raise UsageError("--output needs exactly one --format without a file of its own")
        targets = [(fmt, path or args.output) for fmt, path in targets]
    elif len(to_stdout) > 1:
        raise UsageError(f"only one format can go to standard output ({', '.join(to_stdout)} given); "
                         "write the others to files: --format FORMAT:FILE")
    files = [path for _, path in targets if path]
    for path in files:
        if files.count(path) > 1:
            raise UsageError(f"two formats would be written to {path}")
    return targets


def _use_color(fmt: str, path: str | None) -> bool:
    # https://no-color.org: a non-empty NO_COLOR turns colour off.
    return fmt == "text" and path is None and not os.environ.get("NO_COLOR") and _isatty(sys.stdout)


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


def _settings(args: argparse.Namespace):
    """The config file's settings, with the command line's on top."""
    from .config import Config, find_config, load_config

    if args.no_config:
        config = Config()
    elif args.config:
        config = load_config(args.config)
    else:
        config = find_config()
    severity = {**config.severity, **_severity_map(args.severity)}
    return config, {
        "languages": args.languages or config.languages,
        "pivot": args.pivot or config.pivot,
        "source": args.source or config.source,
        "model": args.model or config.model,
        "fail_on": args.fail_on or config.fail_on or "error",
        "select": args.select if args.select is not None else config.select,
        "ignore": args.ignore if args.ignore is not None else list(config.ignore),
        "severity": severity,
        "glossary": args.glossary or config.glossary,
        "baseline": args.baseline or config.baseline,
        "cache_dir": args.cache_dir or config.cache_dir,
        "threads": args.threads or config.threads,
        "input_format": args.input_format or config.input_format,
    }


def _run_check(args: argparse.Namespace) -> int:
    from .languages import language_tag, normalize_language

    targets = _report_targets(args)
    for _, path in targets:
        if path:
            _check_output_target(path, args.inputs, "report file")
    if args.write_baseline:
        _check_output_target(args.write_baseline, args.inputs, "--write-baseline")
    from .export import parse_export
    from .units.inputs import unit_kind

    exports = [parse_export(x) for x in args.export]
    for _, path in exports:
        _check_output_target(path, args.inputs, "--export")
    config, opts = _settings(args)
    from .tree.cli import is_tree, run_tree

    if is_tree(args):
        return run_tree(args, opts, config, targets, _write_stdout, _use_color, _isatty)
    pivot = language_tag(opts["pivot"]) if opts["pivot"] else None
    source_language = normalize_language(args.source_language) if args.source_language else None
    source = language_tag(opts["source"]) if opts["source"] else None
    progress = ProgressBar(enabled=not args.quiet and _isatty(sys.stderr))
    if unit_kind(args.inputs):
        report = _check_units(args, opts, pivot, source_language, config, progress, exports)
    else:
        report = None
    documents = load_paths(args.inputs, languages=opts["languages"], boilerplate=config.boilerplate,
                           settings=config.settings, input_format=opts["input_format"],
                           prose=config.prose) if report is None else []
    try:
        report = report or check_documents(
            documents,
            pivot=pivot,
            source=source,
            model=opts["model"],
            cache=not args.no_cache,
            cache_dir=opts["cache_dir"],
            progress=progress,
            select=opts["select"],
            ignore=opts["ignore"],
            severity=opts["severity"],
            glossary=opts["glossary"],
            # Writing a baseline records every current finding, whatever an older one accepted.
            baseline=None if args.write_baseline else opts["baseline"],
            settings=config.settings,
            **({"threads": opts["threads"]} if opts["threads"] else {}),
        )
    finally:
        progress.close()
    if documents:
        from .export.tmx import report_rows, write_tmx

        for _, path in exports:
            write_tmx(report_rows(report), path, report.pivot)

    from .atomic import write_text_atomic
    from .report import render

    for fmt, path in targets:
        text = render(report, fmt, color=_use_color(fmt, path), quiet=args.quiet)
        if path:
            try:
                write_text_atomic(path, text)  # never half a report, even if interrupted
            except OSError as exc:
                raise InputError(f"cannot write report to {path}: {exc.strerror or exc}") from None
        else:
            try:
                _write_stdout(text)
            except OSError as exc:
                raise InputError(f"cannot write report to stdout: {exc.strerror or exc}") from None
    if args.write_baseline:
        from .baseline import write_baseline

        n = write_baseline(report, args.write_baseline)
        print(f"{PROG}: recorded {n} finding{'s' if n != 1 else ''} in {args.write_baseline}", file=sys.stderr)
        return 0
    return report.exit_code(opts["fail_on"])


def _check_units(args, opts, pivot, source_language, config, progress, exports):
    """Exchange files (PO, XLIFF, TMX): already aligned, checked unit by unit."""
    from .units.inputs import load_units
    from .units.pipeline import check_units

    doc = load_units(args.inputs, source_language)
    if pivot is not None and pivot != doc.source_language:
        raise UsageError(f"--pivot {pivot}: the reference of exchange files is their source language "
                         f"({doc.source_language}); use --source-language for PO catalogues")
    for _, path in exports:
        from .export.tmx import unit_rows, write_tmx

        write_tmx(unit_rows(doc), path, doc.source_language, segtype="block")
    try:
        return check_units(
            doc, model=opts["model"], cache=not args.no_cache, cache_dir=opts["cache_dir"], progress=progress,
            select=opts["select"], ignore=opts["ignore"], severity=opts["severity"], glossary=opts["glossary"],
            baseline=None if args.write_baseline else opts["baseline"], settings=config.settings,
            languages=opts["languages"], **({"threads": opts["threads"]} if opts["threads"] else {}),
        )
    finally:
        progress.close()


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
    except KeyboardInterrupt:  # Ctrl-C: the shell's convention, 128 + SIGINT
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
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
