"""GitHub Actions workflow commands: each finding becomes an annotation on its file and line.

``::error file=PATH,line=N,endLine=M,col=C,endColumn=D,title=PC103 missing-list-items (ja)::message``
— ``error`` for errors, ``warning`` for warnings, ``notice`` for info. ``PATH`` is the source
relative to the working directory (a workflow runs at the repository root); an in-memory
source (``<ko>``) gets no ``file``. Columns are given only for a span on one line.

Escaping follows the runner's rules: in the message (data) ``%`` → ``%25``, CR → ``%0D``,
LF → ``%0A``; in properties also ``:`` → ``%3A`` and ``,`` → ``%2C``. The message is therefore
always one line, and document text cannot start a workflow command of its own.

GitHub shows at most 10 error, 10 warning and 10 notice annotations per step. Rather than
let it drop the rest silently, at most 10 of each level are emitted (errors first, each level
in the canonical order) and then one ``::notice::`` says how many were not annotated
(the notice cap then leaves room for it). The output ends with the plain summary line.
"""

from __future__ import annotations

from ..model import Finding, Report
from .common import shorten, sorted_findings
from .locations import display_path, positions_by_language, sources_by_language, span_region
from .text import summary_line

ANNOTATIONS_PER_LEVEL = 10
COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
_LEVEL_WORDS = {
    "error": ("error", "errors"),
    "warning": ("warning", "warnings"),
    "info": ("info finding", "info findings"),
}


def escape_data(text: str) -> str:
    """Escape a workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(f: Finding, path: str | None, region: dict[str, int]) -> str:
    """The workflow command for one finding."""
    from ..checks import get_rule

    rule = get_rule(f.rule)
    title = f"{f.rule} {rule.name} ({f.language})" if rule is not None else f"{f.rule} ({f.language})"
    props: list[tuple[str, object]] = []
    if path is not None:
        props.append(("file", path))
    line = region.get("startLine", max(1, f.location.line))
    end_line = region.get("endLine", line)
    props += [("line", line), ("endLine", end_line)]
    if "startColumn" in region and end_line == line:
        props += [("col", region["startColumn"]), ("endColumn", region["endColumn"])]
    if f.location.unit:
        title += f" unit {f.location.unit}"
    props.append(("title", title))
    message = f.message
    if f.reference is not None:
        message += f"\n{f.reference.language} ¶{f.reference.paragraph}: «{shorten(f.reference.text, 300)}»"
    rendered = ",".join(f"{k}={escape_property(str(v))}" for k, v in props)
    return f"::{COMMANDS.get(f.severity, 'warning')} {rendered}::{escape_data(message)}"


def _count(n: int, severity: str) -> str:
    one, many = _LEVEL_WORDS[severity]
    return f"{n} more {one if n == 1 else many}"


def render(report: Report, *, color: bool = False, quiet: bool = False) -> str:
    """The report as workflow commands plus a summary line (``color``/``quiet`` do not apply:
    the runner reads every line)."""
    findings = sorted_findings(report)
    by_level = {s: [f for f in findings if f.severity == s] for s in COMMANDS}
    overflow = any(len(fs) > ANNOTATIONS_PER_LEVEL for fs in by_level.values())
    caps = {s: ANNOTATIONS_PER_LEVEL for s in COMMANDS}
    if overflow:
        caps["info"] -= 1  # the summary notice takes one of the ten notice annotations

    sources = sources_by_language(report)
    positions = positions_by_language(report)
    lines = []
    for severity in COMMANDS:
        for f in by_level[severity][: caps[severity]]:
            path = display_path(f.location.file or sources[f.language]) if f.location.file or f.language in sources \
                else None
            lines.append(annotation(f, path, span_region(f, positions.get(f.language))))

    left = [(s, len(by_level[s]) - caps[s]) for s in COMMANDS if len(by_level[s]) > caps[s]]
    if left:
        parts = [_count(n, s) for s, n in left]
        listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        lines.append(
            f"::notice title=parallelcheck::parallelcheck: {listed} not annotated "
            f"(GitHub shows {ANNOTATIONS_PER_LEVEL} per kind); see the full report"
        )
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"
