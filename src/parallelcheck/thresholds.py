"""The short form of the settings most often tuned (``[tool.parallelcheck.thresholds]``,
``parallelcheck.Thresholds``), kept for configs and scripts written before the settings tree.
Each field is one key of :mod:`parallelcheck.settings`; the defaults are read from there.
A light module: the config reads it without loading numpy or the checks.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from .settings import DEFAULT, Settings

# field of Thresholds -> key of the settings tree
SETTINGS_KEY = {
    "drift": "drift.suspect",
    "drift_consensus": "drift.consensus",
    "drift_error": "drift.error",
    "truncated_length": "truncation.length",
    "truncated_mid_phrase_length": "truncation.mid_phrase_length",
    "name_similarity": "names.similarity",
    "untranslated_min_letters": "untranslated.min_letters",
}


@dataclass(frozen=True)
class Thresholds:
    """The decision thresholds a team tunes most (each is a setting: see SETTINGS_KEY).

    Similarities are normalised by the document's own typical similarity for the language
    pair (1.0 = as similar as good translations in this document), so they transfer between
    documents and language pairs; lengths are shares of the other versions' length.
    """

    drift: float = DEFAULT.drift.suspect  # PC105: a match below this is suspect...
    drift_consensus: float = DEFAULT.drift.consensus  # ... when the other versions agree at least this well
    drift_error: float = DEFAULT.drift.error  # PC105: below this the text is unrelated: an error
    truncated_length: float = DEFAULT.truncation.length  # PC104: shorter than this share of the others
    truncated_mid_phrase_length: float = DEFAULT.truncation.mid_phrase_length  # ... ending mid-phrase
    name_similarity: float = DEFAULT.names.similarity  # PC203: spellings at least this alike are one name
    untranslated_min_letters: int = DEFAULT.untranslated.min_letters  # PC106: shorter segments not judged

    def apply(self, settings: Settings = DEFAULT) -> Settings:
        """``settings`` with every threshold that differs from its default written in."""
        for f in fields(self):
            value = getattr(self, f.name)
            if value != getattr(Thresholds, f.name):
                settings = settings.replace(SETTINGS_KEY[f.name], value)
        return settings
