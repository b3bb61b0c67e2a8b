"""Bytes → text: UTF-8 (with or without a BOM) and UTF-16 with a BOM; everything else is refused.

Offsets everywhere in parallelcheck are code points of the text returned here: the file as
decoded, minus a leading BOM. Newlines are *not* normalised (``\\r\\n`` stays two code points),
so an offset always points into the text the user has.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from ..errors import InputError
from .paragraphs import has_visible

MAX_BYTES = 20 * 1024 * 1024  # a document, not a corpus: anything larger is surely a mistake

# Control characters that plain text legitimately holds.
_TEXT_CONTROLS = frozenset("\n\r\t\f\v\x1b")


def decode_bytes(data: bytes, source: str) -> str:
    """Decode an input file's bytes; ``source`` names the file in error messages.

    UTF-8 (a BOM is stripped) and UTF-16 LE/BE with a BOM are accepted. Raises
    :class:`InputError` for undecodable, binary, empty or oversized data.
    """
    if len(data) > MAX_BYTES:
        raise InputError(f"{source}: file is too large (more than {MAX_BYTES // 2**20} MB)")
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise InputError(f"{source}: UTF-32 text is not supported (convert it to UTF-8)")
    if data.startswith(codecs.BOM_UTF8):
        bom, encoding = len(codecs.BOM_UTF8), "utf-8"
    elif data.startswith(codecs.BOM_UTF16_LE):
        bom, encoding = 2, "utf-16-le"
    elif data.startswith(codecs.BOM_UTF16_BE):
        bom, encoding = 2, "utf-16-be"
    else:
        bom, encoding = 0, "utf-8"
        # NUL never occurs in UTF-8 text; it is the mark of a binary file (or BOM-less UTF-16,
        # which we do not guess at).
        if b"\x00" in data:
            raise InputError(f"{source}: looks like a binary file")
    try:
        text = data[bom:].decode(encoding)
    except UnicodeDecodeError as exc:
        offset = bom + exc.start
        raise InputError(
            f"{source}: not UTF-8 or UTF-16 text (invalid byte 0x{data[offset]:02x} at offset {offset})"
        ) from None
    controls = sum(1 for ch in text if (ch < " " and ch not in _TEXT_CONTROLS) or ch == "\x7f")
    if "\x00" in text or controls > max(4, len(text) // 50):
        raise InputError(f"{source}: looks like a binary file")
    if not text.strip() or not text.replace("\ufeff", "").replace("\u200b", "").strip():
        raise InputError(f"{source}: file is empty")
    if not has_visible(text):
        raise InputError(f"{source}: no text (only invisible characters: controls, zero-width or combining marks)")
    return text


def read_text(path: str | Path) -> str:
    """Read and decode one input file (never writing to it), turning every OS problem into
    one :class:`InputError` line."""
    p = Path(path)
    source = str(path)
    try:
        if not p.exists():
            raise InputError(f"{source}: no such file")
        if p.is_dir():
            raise InputError(f"{source}: is a directory, not a file")
        with p.open("rb") as fh:
            # Read one byte past the limit so that pipes and special files are bounded too.
            data = fh.read(MAX_BYTES + 1)
    except InputError:
        raise
    except OSError as exc:
        raise InputError(f"{source}: cannot read ({exc.strerror or exc})") from None
    return decode_bytes(data, source)
