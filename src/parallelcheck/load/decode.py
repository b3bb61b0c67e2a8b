"""Bytes → text: UTF-8 (BOM or not) and UTF-16 with a BOM; everything else is refused."""

from __future__ import annotations

import codecs
from pathlib import Path

from ..errors import InputError

MAX_BYTES = 20 * 1024 * 1024  # a document, not a corpus: refuse what is surely a mistake


def decode_bytes(data: bytes, source: str) -> str:
    """Decode a file's bytes. Offsets in reports are code points of the returned text
    (the BOM, if any, is not part of it)."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
        encoding = "utf-8"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8"
        if b"\x00" in data:
            raise InputError(f"{source}: looks like a binary file, not text")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise InputError(
            f"{source}: not UTF-8 or UTF-16 text (invalid byte 0x{bad} at offset {exc.start}); "
            "convert it to UTF-8"
        ) from None
    if encoding == "utf-16" and text.startswith("\ufeff"):
        text = text[1:]
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if "\x00" in text or controls > max(8, len(text) // 100):
        raise InputError(f"{source}: looks like a binary file, not text")
    if not text.strip():
        raise InputError(f"{source}: file is empty")
    return text


def read_text(path: str | Path) -> str:
    """Read and decode one input file, turning every OS problem into one clear line."""
    p = Path(path)
    source = str(path)
    if not p.exists():
        raise InputError(f"{source}: no such file")
    if p.is_dir():
        raise InputError(f"{source}: is a directory, not a file")
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                f"{source}: file is too large ({size / 1e6:.1f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB)"
            )
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{source}: cannot read ({exc.strerror or exc})") from None
    return decode_bytes(data, source)
