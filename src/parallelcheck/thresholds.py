"""Tunable decision thresholds of the checks (a light module: the config reads it without
loading numpy or the checks)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Thresholds:
    """The decision thresholds a team may tune (``[tool.parallelcheck.thresholds]``).

    Similarities are normalised by the document's own typical similarity for the language
    pair (1.0 = as similar as good translations in this document), so they transfer between
    documents and language pairs; lengths are shares of the other versions' length.
    """

    drift: float = 0.45  # PC105: a match below this is suspect...
    drift_consensus: float = 0.75  # ... when the other versions agree at least this well
    drift_error: float = 0.3  # PC105: below this the text is unrelated: an error
    truncated_length: float = 0.6  # PC104: shorter than this share of the others: a candidate
    truncated_mid_phrase_length: float = 0.85  # PC104: the same for a sentence ending mid-phrase
    name_similarity: float = 0.8  # PC203: two spellings at least this alike are one name
    untranslated_min_letters: int = 20  # PC106: shorter segments are not judged
