"""Language identification of a paragraph: script evidence first, langdetect second.

langdetect alone misreads CJK: it calls an all-kanji Japanese title Korean (p=0.86) and some
Chinese paragraphs Korean, and short English lines Danish. Scripts settle most cases: Hangul
is Korean, kana is Japanese, and Han text without kana is told apart by characters that exist
only in simplified Chinese, only in traditional Chinese, or only in Japanese (shinjitai and
kokuji). langdetect is used for everything else, restricted to the languages of the script
it sees, and seeded so that results are reproducible.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..settings import DEFAULT, LanguageIdSettings
from ..languages import LATIN_SCRIPT_LANGUAGES as _LATIN_LANGS
from ..languages import profile, profiles
from ..languages.ja import JAPANESE_ONLY  # noqa: F401 - (moved there; importers of this module keep them)
from ..languages.zh import SIMPLIFIED_ONLY, TRADITIONAL_ONLY  # noqa: F401

# Han text without kana: Chinese (characters only Chinese writes, in either form; function
# characters Japanese writes with kana, as weak evidence) or Japanese (shinjitai and kokuji),
# each profile's distinctive_chars and function_chars.
_ZH, _JA = profile("zh"), profile("ja")
# Function words of the languages most often paired in translated documents (profile.function_words):
# on a line of a few words langdetect's n-grams say little ("%d bloggers like this:" → Danish),
# these say more.
_FUNCTION_WORDS: dict[str, frozenset[str]] = {p.code: p.function_words for p in profiles() if p.function_words}
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)
_PLACEHOLDER = re.compile(r"%(?:\d+\$)?[-+ 0#]*\d*(?:\.\d+)?[a-zA-Z]")
_URL = re.compile(r"https?://\S+|www\.\S+|\S+@\S+")


def _scripts(text: str) -> dict[str, int]:
    counts = {"hangul": 0, "kana": 0, "han": 0, "latin": 0, "other": 0}
    for ch in text:
        o = ord(ch)
        if 0xAC00 <= o <= 0xD7A3 or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F:
            counts["hangul"] += 1
        elif 0x3041 <= o <= 0x3096 or 0x30A1 <= o <= 0x30FA or 0x31F0 <= o <= 0x31FF or 0xFF66 <= o <= 0xFF9D:
            counts["kana"] += 1  # without ・ and ー, which Chinese and Korean texts borrow
        elif 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF:
            counts["han"] += 1
        elif ch.isalpha():
            counts["latin" if o < 0x250 or 0x1E00 <= o <= 0x1EFF else "other"] += 1
    return counts


def identify_language(text: str, settings: LanguageIdSettings = DEFAULT.langid) -> tuple[str | None, float]:
    """Best guess of a paragraph's language as an ISO 639-1 code, with a confidence in [0, 1].

    Returns ``(None, 0.0)`` when there is too little evidence (digits, names, a lone symbol).
    Deterministic: the same text always gets the same answer. ``settings``: the shares and
    confidences it weighs (settings.LanguageIdSettings).
    """
    s = settings
    c = _scripts(text)
    letters = sum(c.values())
    if letters == 0:
        return None, 0.0
    cjk = c["hangul"] + c["kana"] + c["han"]
    # Korean text may quote Hanja and Japanese may hold a Latin name; a share settles it.
    if c["hangul"] >= 2 and c["hangul"] >= s.script_share * letters:
        return "ko", min(1.0, s.hangul_base + c["hangul"] / letters)
    if c["kana"] and c["kana"] >= max(1, s.kana_share * (c["kana"] + c["han"])) and cjk >= s.script_share * letters:
        return "ja", min(1.0, s.kana_base + 2 * c["kana"] / (c["kana"] + c["han"]))
    if c["han"] >= 2 and c["han"] >= s.script_share * letters:
        return _han_only(text, s)
    if c["latin"] + c["other"] < 3:
        return None, 0.0
    return _alphabetic(text, s, latin=c["latin"] >= c["other"])


def _han_only(text: str, s: LanguageIdSettings) -> tuple[str | None, float]:
    """Han text without kana or Hangul: Chinese or a (kanji-only) Japanese headline."""
    zh = sum(1.0 for ch in text if ch in _ZH.distinctive_chars)
    zh += s.zh_function_weight * sum(1 for ch in text if ch in _ZH.function_chars)
    ja = sum(1.0 for ch in text if ch in _JA.distinctive_chars)
    if zh == ja:
        han = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
        if zh == 0 and han >= s.han_sentence_min and text.rstrip()[-1:] in "。！？":
            # A full sentence without kana is hardly Japanese (only headlines drop kana, and
            # they do not end with a full stop): a weak vote for Chinese.
            return "zh", s.han_sentence_vote
        return None, 0.0
    lang, diff, total = ("zh", zh - ja, zh + ja) if zh > ja else ("ja", ja - zh, zh + ja)
    # One distinctive character in a headline is good evidence; several in prose is certainty.
    return lang, min(1.0, s.han_base + s.han_step * diff) * (diff / total)


def _alphabetic(text: str, s: LanguageIdSettings, latin: bool) -> tuple[str | None, float]:
    clean = _PLACEHOLDER.sub(" ", _URL.sub(" ", text))
    words = [w.lower() for w in _TOKEN.findall(clean)]
    if not words:
        return None, 0.0
    lang, prob = _langdetect(clean, latin)
    if lang is None:
        return None, 0.0
    if latin and len(words) < s.short_line_words:
        # Short line: function words outvote n-grams.
        votes = {code: sum(1 for w in words if w in fw) for code, fw in _FUNCTION_WORDS.items()}
        best = max(sorted(votes), key=votes.__getitem__)
        if votes[best] >= 2 and votes[best] > votes.get(lang, 0) and list(votes.values()).count(votes[best]) == 1:
            lang, prob = best, s.function_word_vote
    # Short lines are weak evidence whatever the detector says.
    return lang, prob * min(1.0, len(words) / s.short_line_words)


@lru_cache(maxsize=1)
def _detector_factory():
    """Our own langdetect factory (profiles loaded once, seeded), leaving the global one alone."""
    # Imported lazily: loading langdetect's profiles takes most of a second.
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(0)  # langdetect is random by default; reports must be reproducible
    return factory


def _langdetect(text: str, latin: bool) -> tuple[str | None, float]:
    from langdetect.lang_detect_exception import LangDetectException

    try:
        detector = _detector_factory().create()
        if latin:
            # Latin letters cannot be Russian or Chinese: only let Latin-script languages compete.
            detector.set_prior_map(dict.fromkeys(_LATIN_LANGS, 1.0))
        detector.append(text)
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return None, 0.0
    code = "zh" if best.lang.startswith("zh") else best.lang.split("-")[0]
    return code, float(best.prob)
