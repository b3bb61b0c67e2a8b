"""Loading: files and strings → :class:`~parallelcheck.model.Document` versions."""

from .combined import split_combined
from .decode import decode_bytes, read_text
from .langid import identify_language
from .paragraphs import is_boilerplate, split_paragraphs
from .paths import document_from_text, language_from_filename, load_file, load_paths

__all__ = [
    "decode_bytes", "document_from_text", "identify_language", "is_boilerplate",
    "language_from_filename", "load_file", "load_paths", "read_text", "split_combined",
    "split_paragraphs",
]
