"""Writing alignments out for other tools (``--export FORMAT:FILE``)."""

from __future__ import annotations

from ..errors import UsageError

EXPORT_FORMATS = ("tmx",)


def parse_export(value: str) -> tuple[str, str]:
    """``FORMAT:FILE`` → (format, file)."""
    fmt, sep, path = value.partition(":")
    fmt = fmt.strip().lower()
    if not sep or not path:
        raise UsageError(f"--export expects FORMAT:FILE (e.g. tmx:aligned.tmx), not '{value}'")
    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"unknown export format '{fmt}' (choose from {', '.join(EXPORT_FORMATS)})")
    return fmt, path
