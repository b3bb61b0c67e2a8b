"""The human report, for translators and editors (Ruff-like): a header naming the model and
versions, one block per finding grouped by version (pivot first), and a summary line."""

from __future__ import annotations

from collections.abc import Mapping

from ..model import Finding, Report
from .common import language_order, shorten, sorted_findings

# Plain ANSI SGR codes: colour needs no dependency.
_SEVERITY_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[34m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def model_name(model: Mapping[str, object]) -> str:
    name = str(model.get("name") or "unknown model")
    backend = model.get("backend")
    return f"{name} ({backend})" if backend else name


def reference_role(report: Report) -> str:
    """'source: en' when the report was made with the source authoritative, else 'pivot: ko'."""
    role = "source" if f"|source:{report.pivot}|" in f"|{report.signature}|" else "pivot"
    return f"{role}: {report.pivot}"


def summary_line(report: Report) -> str:
    """'Found 1 error, 0 warnings, 0 info in 5 versions (pivot: ko).' or 'No issues found…'."""
    n = plural(len(report.versions), "version")
    accepted = f" {plural(report.suppressed, 'finding')} accepted by the baseline not shown." if report.suppressed else ""
    if not report.findings:
        return f"No issues found in {n} ({reference_role(report)}).{accepted}"
    s = report.summary
    return (
        f"Found {plural(s['error'], 'error')}, {plural(s['warning'], 'warning')}, {s['info']} info "
        f"in {n} ({reference_role(report)}).{accepted}"
    )


def render(report: Report, *, color: bool = False, quiet: bool = False) -> str:
    """The report as text; ANSI colour only when ``color``; ``quiet`` leaves out the header."""

    def paint(s: str, code: str) -> str:
        return f"{code}{s}{_RESET}" if color else s

    lines: list[str] = []
    if not quiet:
        lines.append(paint(f"parallelcheck {report.tool_version} · model: {model_name(report.model)}", _DIM))
        if report.signature:
            lines.append(paint(f"  signature: {report.signature}", _DIM))
        for v in report.versions:
            mark = " (pivot)" if v.language == report.pivot else ""
            lines.append(paint(
                f"  {v.language}{mark}: {v.source} — {plural(v.paragraphs, 'paragraph')}, "
                f"{plural(v.segments, 'segment')}",
                _DIM,
            ))
        lines.append("")

    sources = {v.language: v.source for v in report.versions}
    by_lang: dict[str, list[Finding]] = {}
    for f in sorted_findings(report):
        by_lang.setdefault(f.language, []).append(f)
    for lang in language_order(report):
        for f in by_lang.get(lang, []):
            sev = paint(f.severity, _SEVERITY_COLORS.get(f.severity, ""))
            where = f"unit «{f.location.unit}»" if f.location.unit else f"¶{f.location.paragraph}"
            lines.append(
                f"{f.location.file or sources.get(lang, lang)}:{f.location.line}: {paint(f.rule, _BOLD)} {sev} "
                f"[{f.kind}] {lang} {where}: {' '.join(f.message.split())}"
            )
            if f.reference is not None:
                ref_where = "" if f.location.unit else f" ¶{f.reference.paragraph}"
                lines.append(f"  {f.reference.language}{ref_where}: «{shorten(f.reference.text)}»")
            if f.score is not None:
                lines.append(paint(f"  score: {f.score:.2f}", _DIM))
            lines.append("")

    summary = summary_line(report)
    if report.findings and color:
        summary = paint(summary, _BOLD)
    lines.append(summary)
    return "\n".join(lines) + "\n"
