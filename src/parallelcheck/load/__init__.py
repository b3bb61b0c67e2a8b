"""Loading: files and strings → :class:`~parallelcheck.model.Document` versions.

Offsets in the spans are code points of the decoded text (a leading BOM removed, newlines
kept as they are in the file).
"""

from .boilerplate import content_paragraphs, is_boilerplate
from .combined import split_combined
from .decode import MAX_BYTES, decode_bytes, read_text
from .langid import identify_language
from .paragraphs import split_paragraphs
from .paths import (
    detect_document_language,
    document_from_text,
    language_from_filename,
    load_file,
    load_paths,
)

__all__ = [
    "MAX_BYTES", "content_paragraphs", "decode_bytes", "detect_document_language",
    "document_from_text", "identify_language", "is_boilerplate", "language_from_filename",
    "load_file", "load_paths", "read_text", "split_combined", "split_paragraphs",
]
