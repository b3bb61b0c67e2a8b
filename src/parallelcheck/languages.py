"""Language codes: ISO 639-1, normalised (zh-cn/zh-tw → zh), with names for messages."""

from __future__ import annotations

from .errors import UsageError

# The languages langdetect knows, by ISO 639-1 code.
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


def normalize_language(code: str) -> str:
    """'zh-CN' → 'zh', 'pt_BR' → 'pt', 'EN' → 'en'; unknown codes raise UsageError."""
    base = code.strip().lower().replace("_", "-").split("-")[0]
    if base not in NAMES:
        raise UsageError(
            f"unknown language code '{code}' (expected an ISO 639-1 code such as en, fr, ko, ja, zh)"
        )
    return base


def is_language_code(token: str) -> bool:
    try:
        normalize_language(token)
    except UsageError:
        return False
    return True


def language_name(code: str) -> str:
    return NAMES.get(code, code)
