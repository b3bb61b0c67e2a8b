"""Languages: codes (ISO 639-1, normalised: zh-CN/zh-Hant → zh, pt_BR → pt), names for
messages, and a profile per language of what the code knows about it.

``languages/<code>.py`` defines ``PROFILE``, a :class:`LanguageProfile` (script, word
spacing, abbreviations, mid-phrase endings, number words, clock times…); a language no
module describes gets the default profile. :func:`normalize_language` is strict (an unknown
code is a usage error); :func:`profile` is lenient (the segmenter and the checks call it
with whatever code a document carries).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import replace
from functools import lru_cache

from ..errors import UsageError
from ._profile import DEFAULT, HanNumerals, LanguageProfile, NativeNumerals

__all__ = [
    "DEFAULT", "HanNumerals", "LATIN_SCRIPT_LANGUAGES", "LanguageProfile", "NAMES", "NativeNumerals",
    "is_language_code", "language_name", "language_tag", "normalize_language", "profile", "profiles",
    "resolve_language", "split_url_locale", "url_parts",
]

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

# The languages langdetect knows that are written in Latin letters (load/langid.py).
LATIN_SCRIPT_LANGUAGES = (
    "af", "ca", "cs", "cy", "da", "de", "en", "es", "et", "fi", "fr", "hr", "hu", "id", "it",
    "lt", "lv", "nl", "no", "pl", "pt", "ro", "sk", "sl", "so", "sq", "sv", "sw", "tl", "tr", "vi",
)

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


def language_tag(code: str) -> str:
    """A version's identity: the language tag as given, in canonical case — ``'zh-cn'`` →
    ``'zh-CN'``, ``'pt_br'`` → ``'pt-BR'``, ``'zh-hant'`` → ``'zh-Hant'``, ``'EN'`` → ``'en'``.

    Locale variants are distinct versions (zh-CN and zh-TW are checked against each other);
    what the code knows about them is the base language's profile (``profile('zh-TW')`` is
    zh's). Raises :class:`UsageError` as :func:`normalize_language` does.
    """
    base = normalize_language(code)
    subtags = code.strip().replace("_", "-").split("-")[1:]
    out = [base]
    for tag in subtags:
        out.append(tag.title() if len(tag) == 4 else tag.upper())
    return "-".join(out)


def resolve_language(code: str, versions) -> str | None:
    """The version (a tag of ``versions``) that ``code`` names: the same tag, or a bare
    language code that names the one version in that language (``zh`` for ``zh-CN`` alone).
    None when none or several match."""
    tag = language_tag(code)
    if tag in versions:
        return tag
    if "-" not in tag:
        same = [v for v in versions if profile(v).code == tag]
        if len(same) == 1:
            return same[0]
    return None


def is_language_code(token: str) -> bool:
    """Whether ``token`` is a language code or tag that :func:`normalize_language` accepts."""
    return _parse(token) is not None


# A URL: optional scheme and host, then the path (query and fragment included).
_URL = re.compile(r"(?:(?P<scheme>[a-z][a-z0-9+.-]*:)?//(?P<host>[^/]+))?(?P<path>.*)", re.I | re.S)
# A leading path segment that may be a locale: /ko/, /zh-cn/, /pt_BR/, /zh-hant-tw/.
_LOCALE_SEGMENT = re.compile(r"/([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,4}){0,2})(?=[/?#]|$)")


def url_parts(url: str) -> tuple[str, str, str]:
    """``(scheme with its colon, host, path)`` of a link target, each "" when absent."""
    m = _URL.match(url)
    assert m is not None
    return m.group("scheme") or "", m.group("host") or "", m.group("path")


def split_url_locale(url: str) -> tuple[str | None, str]:
    """``(locale, url without it)``: the language of a localised link target — a leading path
    segment (``/ko/docs/…``, ``/zh-cn/docs/…``) or first host label (``fr.wikipedia.org``)
    that is a language code or tag of any language, not only the version's own — and the
    target with that part left out (``(None, url)`` for a target with no locale)."""
    scheme, host, path = url_parts(url)
    labels = host.split(".")
    if len(labels) > 2 and is_language_code(labels[0]):
        return labels[0], f"{scheme}//{'.'.join(labels[1:])}{path}"
    seg = _LOCALE_SEGMENT.match(path)
    if seg and is_language_code(seg.group(1)):
        rest = path[seg.end() :]
        return seg.group(1), (f"{scheme}//{host}" if host else "") + (rest if rest.startswith("/") else "/" + rest)
    return None, url


def language_name(code: str) -> str:
    """English name of a language for messages ('ko' → 'Korean'); unknown codes are returned as is."""
    return NAMES.get(code, code)


@lru_cache(maxsize=1)
def _registry() -> dict[str, LanguageProfile]:
    """Every ``PROFILE`` of a module of this package (not ``_private`` ones), by code."""
    out: dict[str, LanguageProfile] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        found = importlib.import_module(f"{__name__}.{info.name}").PROFILE
        if found.code != info.name or found.code in out:
            raise ImportError(f"languages/{info.name}.py: its PROFILE has code '{found.code}'")
        out[found.code] = found
    return out


def profiles() -> tuple[LanguageProfile, ...]:
    """Every language with a profile of its own, by code."""
    return tuple(_registry().values())


@lru_cache(maxsize=256)
def profile(code: str) -> LanguageProfile:
    """The profile of a language code or tag (``'ko'``, ``'zh-Hant'``, ``'ja_JP'``).

    Lenient, unlike :func:`normalize_language`: a code no module describes gets the default
    profile carrying that code (its primary subtag, lowercased: sentencex still sees it), and
    an empty code is English.
    """
    key = _parse(code) or re.split(r"[-_]", code.strip().lower(), maxsplit=1)[0] or "en"
    found = _registry().get(key)
    if found is not None:
        return found
    return replace(DEFAULT, code=key, name=NAMES.get(key, key))
