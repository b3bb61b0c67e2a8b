"""In-file suppression markers for Markdown and HTML versions.

A reviewer who has read a finding and dismissed it can say so where the text is, in a
comment of the version the finding is about (comments are not prose, so the marker changes
nothing else)::

    <!-- parallelcheck-disable PC104 -->          rules off from here (ids or prefixes: PC1)
    <!-- parallelcheck-enable PC104 -->           ... and on again
    <!-- parallelcheck-disable -->                every rule off from here
    <!-- parallelcheck-disable-next PC106 -->     off for the next block only (up to a blank line)

A disable without an enable runs to the end of the file. A finding is suppressed when its
start lies in a region where its rule is off; the report counts it with the baseline's
(``suppressed``). Plain-text versions have no comments, so no markers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .model import Finding, SegmentedDocument

_MARKER = re.compile(r"<!--\s*parallelcheck-(disable-next|disable|enable)\b([^>]*?)-->", re.IGNORECASE)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _rules(spec: str) -> tuple[str, ...] | None:
    """The rule ids or prefixes a marker names (None: every rule)."""
    ids = tuple(x.upper() for x in re.split(r"[\s,]+", spec.strip()) if x)
    return ids or None


def regions(source: str) -> list[tuple[int, int, tuple[str, ...] | None]]:
    """``(start, end, rules)`` where ``rules`` (None: all) are off, in file offsets."""
    out: list[tuple[int, int, tuple[str, ...] | None]] = []
    open_: dict[tuple[str, ...] | None, int] = {}
    for m in _MARKER.finditer(source):
        kind, rules = m.group(1).lower(), _rules(m.group(2))
        if kind == "disable-next":
            after = m.end()
            # the next block: skip the blank lines after the marker, stop at the next blank line
            while after < len(source) and source[after] in " \t\r\n":
                after += 1
            gap = _BLANK_LINE.search(source, after)
            out.append((m.end(), gap.start() if gap else len(source), rules))
        elif kind == "disable":
            open_.setdefault(rules, m.end())
        else:
            closed = [k for k in open_ if rules is None or k == rules]
            for k in closed:
                out.append((open_.pop(k), m.start(), k))
    out += [(start, len(source), rules) for rules, start in open_.items()]
    return sorted(out, key=lambda r: (r[0], r[1]))


def _covers(rules: tuple[str, ...] | None, rule: str) -> bool:
    return rules is None or any(rule.startswith(r) for r in rules)


def apply_markers(findings: Iterable[Finding], documents: Sequence[SegmentedDocument]) -> tuple[list[Finding], int]:
    """The findings that no marker of their version suppresses, and how many were."""
    off = {d.language: regions(d.document.source_text) for d in documents if d.document.markup is not None}
    kept: list[Finding] = []
    suppressed = 0
    for f in findings:
        spans = off.get(f.language, ())
        if any(start <= f.location.start < end and _covers(rules, f.rule) for start, end, rules in spans):
            suppressed += 1
        else:
            kept.append(f)
    return kept, suppressed
