"""The human report, for translators and editors: one block per finding, grouped by version."""

from __future__ import annotations

from ..model import Report

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[34m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def _shorten(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def render(report: Report, *, color: bool = False) -> str:
    def paint(s: str, code: str) -> str:
        return f"{code}{s}{_RESET}" if color else s

    lines = []
    versions = ", ".join(f"{v.language} ({v.paragraphs} ¶, {v.segments} segments)" for v in report.versions)
    lines.append(paint(f"parallelcheck {report.tool_version} · model {report.model.get('name')} · pivot {report.pivot}", _DIM))
    lines.append(paint(f"versions: {versions}", _DIM))
    lines.append("")
    order = [v.language for v in report.versions]
    sources = {v.language: v.source for v in report.versions}
    for lang in order:
        for f in (f for f in report.findings if f.language == lang):
            sev = paint(f.severity, _COLORS[f.severity])
            lines.append(
                f"{sources[lang]}:{f.location.line}: {paint(f.rule, _BOLD)} {sev} [{f.kind}] "
                f"{lang} ¶{f.location.paragraph}: {f.message}"
            )
            if f.reference is not None:
                lines.append(f"    {f.reference.language} ¶{f.reference.paragraph}: «{_shorten(f.reference.text)}»")
            if f.score is not None:
                lines.append(paint(f"    score {f.score:.2f}", _DIM))
            lines.append("")
    s = report.summary
    n = len(report.versions)
    if report.findings:
        def plural(k: int, word: str) -> str:
            return f"{k} {word}" + ("" if k == 1 else "s")

        lines.append(
            f"Found {plural(s['error'], 'error')}, {plural(s['warning'], 'warning')}, {s['info']} info "
            f"in {n} versions (pivot: {report.pivot})."
        )
    else:
        lines.append(f"No issues found in {n} versions (pivot: {report.pivot}).")
    return "\n".join(lines) + "\n"
