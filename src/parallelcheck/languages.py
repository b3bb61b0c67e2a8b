"""Language codes: ISO 639-1, normalised (zh-CN/zh-Hant → zh, pt_BR → pt), with names for messages."""

from __future__ import annotations

import re

from .errors import UsageError

# The languages langdetect knows, by ISO 639-1 code (its zh-cn and zh-tw are both "zh" here:
# versions are compared by meaning, and the script variant does not change which version it is).
NAMES: dict[str, str] = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "bn": "Bengali", "ca": "Catalan",
    "cs": "Czech", "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek", "en": "English",
    "es": "Spanish", "et": "Estonian", "fa": "Persian", "fi": "Finnish", "fr": "French",
    "gu": "Gujarati", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian",
    "id": "Indonesian", "it": "Italian", "ja": "Japanese", "kn": "Kannada", "ko": "Korean",
    "lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian", "ml": "Malayalam", "mr": "Marathi",
    "ne": "Nepali", "nl": "Dutch", "no": "Norwegian", "pa": "Punjabi", "pl": "Polish",
    "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian",
    "so": "Somali", "sq": "Albanian", "sv": "Swedish", "sw": "Swahili", "ta": "Tamil",
    "te": "Telugu", "th": "Thai", "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian",
    "ur": "Urdu", "vi": "Vietnamese", "zh": "Chinese",
}

# Obsolete ISO codes still produced by some tools (Java locales, old CMS exports).
_ALIASES = {"iw": "he", "in": "id", "nb": "no", "nn": "no", "fil": "tl"}

# "zh", "zh-CN", "zh_Hant", "zh-Hant-TW", "pt-BR", "es-419": a language, then optional
# script (4 letters) and region (2 letters or 3 digits) subtags.
_TAG = re.compile(r"([a-z]{2,3})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|[0-9]{3}))?")


def _parse(code: str) -> str | None:
    tag = code.strip().lower().replace("_", "-")
    m = _TAG.fullmatch(tag)
    if not m:
        return None
    base = _ALIASES.get(m.group(1), m.group(1))
    return base if base in NAMES else None


def normalize_language(code: str) -> str:
    """Normalise a language code or tag to its ISO 639-1 code.

    ``'zh-CN'``, ``'zh_Hant'`` → ``'zh'``, ``'pt-BR'`` → ``'pt'``, ``'EN'`` → ``'en'``.
    Raises :class:`UsageError` for anything that is not a known language.
    """
    base = _parse(code)
    if base is None:
        raise UsageError(
            f"unknown language code '{code}' (expected an ISO 639-1 code such as en, fr, ko, ja, zh)"
        )
    return base


def is_language_code(token: str) -> bool:
    """Whether ``token`` is a language code or tag that :func:`normalize_language` accepts."""
    return _parse(token) is not None


def language_name(code: str) -> str:
    """English name of a language for messages ('ko' → 'Korean'); unknown codes are returned as is."""
    return NAMES.get(code, code)
