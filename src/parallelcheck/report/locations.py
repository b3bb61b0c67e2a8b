"""Where a finding is, for the formats that point into files (SARIF, GitHub annotations,
JUnit, Markdown): a version's source as a path relative to the working directory or a URI,
line and column of an offset, and a stable key naming the checked document.

A source under the working directory is made relative to it (GitHub resolves paths against
the repository root, where a workflow runs), with forward slashes; another absolute path
becomes a ``file://`` URI; a source that is no file (``<ko>`` from the in-memory API) is
percent-encoded into a relative reference that cannot name a real path by accident.
"""

from __future__ import annotations

import hashlib
import os
import re
from bisect import bisect_right
from pathlib import Path, PurePosixPath, PureWindowsPath
from urllib.parse import quote

from ..model import Finding, Report

# Characters kept as they are in a URI path: RFC 3986 unreserved plus '/'.
_URI_SAFE = "/-._~"
_WINDOWS_ABSOLUTE = re.compile(r"[A-Za-z]:[\\/]")


def is_file_source(source: str) -> bool:
    """False for in-memory sources such as ``<ko>`` or ``<string>``."""
    return bool(source) and not (source.startswith("<") and source.endswith(">"))


def display_path(source: str) -> str | None:
    """The source as a path with forward slashes, relative to the working directory when
    it lies under it; None for a source that is not a file."""
    if not is_file_source(source):
        return None
    if os.sep == "\\" or _WINDOWS_ABSOLUTE.match(source):
        source = PureWindowsPath(source).as_posix()
    path = PurePosixPath(source)
    if path.is_absolute():
        try:
            rel = Path(source).resolve().relative_to(Path.cwd().resolve())
        except (ValueError, OSError):
            return path.as_posix()
        return rel.as_posix()
    parts = [p for p in path.parts if p != "."]
    return "/".join(parts) if parts else path.as_posix()


def artifact_uri(source: str) -> str:
    """A valid URI reference for the source (see the module docstring)."""
    path = display_path(source)
    if path is None:
        return quote(source or "<unknown>", safe="-._~")
    if path.startswith("/") or _WINDOWS_ABSOLUTE.match(path):
        # Absolute outside the working directory: a file URI.
        drive_path = path if path.startswith("/") else "/" + path
        return "file://" + quote(drive_path, safe=_URI_SAFE + ":")
    return quote(path, safe=_URI_SAFE)


class Positions:
    """Line and column (both 1-based, columns in code points) of offsets in one text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts = [0] + [m.end() for m in re.finditer("\r\n|\r|\n", text)]  # as Document.line_of

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


def finding_source(finding: Finding, sources: dict[str, str]) -> str | None:
    """The file a finding is in: its own (a translation unit's file) or its version's source."""
    return finding.location.file or sources.get(finding.language)


def unit_label(finding: Finding) -> str:
    """`` unit «ID»`` for a finding on a translation unit, else ''."""
    return f" unit «{finding.location.unit}»" if finding.location.unit else ""


def span_region(finding: Finding, positions: Positions | None) -> dict[str, int]:
    """The finding's span as a SARIF region: ``startLine``, ``startColumn``, ``endLine``,
    ``endColumn`` (exclusive), ``charOffset``, ``charLength``. Without the text (or with
    offsets that do not fit it) only the line the finding states and the offsets."""
    loc = finding.location
    if loc.file:  # a translation unit: its line in its own file (offsets are the report's)
        return {"startLine": max(1, loc.line)}
    start, end = loc.start, loc.end
    if positions is not None and 0 <= start <= end <= len(positions.text):
        # A span never usefully ends on a line break: end the region on the text's last line.
        while end > start and positions.text[end - 1] in "\r\n":
            end -= 1
        start_line, start_col = positions.line_col(start)
        end_line, end_col = positions.line_col(end)
        return {
            "startLine": start_line,
            "startColumn": start_col,
            "endLine": end_line,
            "endColumn": end_col,
            "charOffset": start,
            "charLength": end - start,
        }
    region: dict[str, int] = {"startLine": max(1, loc.line)}
    if 0 <= start <= end:
        region.update(charOffset=start, charLength=end - start)
    return region


def positions_by_language(report: Report) -> dict[str, Positions]:
    """Positions for every version whose text the report carries."""
    return {d.language: Positions(d.document.text) for d in report.documents}


def sources_by_language(report: Report) -> dict[str, str]:
    """Each language's source: from the versions, else from the documents."""
    sources = {d.language: d.document.source for d in report.documents}
    sources.update({v.language: v.source for v in report.versions})
    return sources


# --- document key (automationDetails) -------------------------------------------------------

def _strip_language(stem: str, languages: set[str]) -> str:
    if stem.lower() in languages:
        return ""
    for lang in languages:
        for sep in ".-_":
            if stem.lower().endswith(sep + lang):
                return stem[: -len(lang) - 1]
    return stem


def _common_prefix(items: list[list[str]]) -> list[str]:
    out: list[str] = []
    for column in zip(*items):
        if len(set(column)) != 1:
            break
        out.append(column[0])
    return out


def document_key(report: Report) -> str:
    """A stable, readable key for the checked document, from its sources: the folder they
    share plus the file-name stem they share once extension and language tag are removed
    (``docs/briefing/ko.txt`` + ``…/en.txt`` → ``docs/briefing``; ``a/article.ko.txt`` +
    ``a/article.en.txt`` → ``a/article``). Characters outside ``[A-Za-z0-9._-]`` become
    ``-`` and then a short hash of the sources is appended, so distinct documents keep
    distinct keys. In-memory sources give ``inline``."""
    sources = sorted(set(sources_by_language(report).values()))
    files = [s for s in sources if is_file_source(s)]
    if not files:
        return "inline"
    languages = {lang.lower() for lang in sources_by_language(report)}
    paths = [PurePosixPath(display_path(s) or s) for s in files]
    folders = _common_prefix([[p for p in path.parent.parts if p not in ("/", ".", "..")] for path in paths])
    stems = []
    for path in paths:
        name = path.name
        stem = name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name
        stems.append(_strip_language(stem, languages))
    if len(set(stems)) == 1:
        stem = stems[0]
    else:
        stem = os.path.commonprefix(stems).rstrip(".-_ ")
    raw = [*folders, stem] if stem else folders
    safe = [re.sub(r"-{2,}", "-", re.sub(r"[^A-Za-z0-9._-]", "-", part)).strip("-") or "-" for part in raw]
    key = "/".join(safe)
    if safe != raw or not key:
        digest = hashlib.sha256("\n".join(files).encode("utf-8")).hexdigest()[:8]
        key = f"{key}-{digest}" if key else f"document-{digest}"
    return key
