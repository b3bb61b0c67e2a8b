"""The numbers a text states, as values, whatever script or style writes them.

"15", "１５", "Fifteen", "Quinze", "十五", "15개", "15日" and "the 15th" are all 15;
"1,500만", "15 million", "1500万" and "15 millions" are all 15,000,000; French "11,4" is
11.4 and "1 000" is 1000. Each value comes with the span of text it was read from.

English and French number words go through text2num (a maintained library). Chinese and
Japanese numerals, Korean native counts ("세 가지") and the myriad units (万/億/만/억) are
read here: they are few and regular, and a general converter also turns words like 一些
("some") into numbers.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from .languages import HanNumerals, LanguageProfile, profile, profiles


@dataclass(frozen=True)
class Quantity:
    value: float
    start: int  # span in the text given to :func:`quantities`
    end: int
    text: str
    unit: str = ""  # a length or weight unit family ("mile", "km", "lb"…); "" for plain numbers


# -- digits -----------------------------------------------------------------------------------
# Decimal and grouping marks, large-number words, myriad units, number words, month names and
# clock times are each language's profile (parallelcheck.languages). Large-number words and
# myriad units are read whatever the language of the text (an English text may quote "2,5
# milliards", a Japanese one 3亿); a word's value is its language's (French "billion" is 10^12),
# else that of the first language, by code, that has the word.
def _every_language(table: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for p in profiles():
        for word, value in getattr(p, table).items():
            out.setdefault(word, value)
    return out


_LARGE_WORDS = _every_language("large_number_words")
_MYRIAD = _every_language("myriad_units")
_SMALL = _every_language("small_units")


def _number_pattern(lang: LanguageProfile) -> re.Pattern[str]:
    dec, group = lang.decimal_mark, lang.group_marks
    g = re.escape(group)
    return re.compile(
        rf"(?<![A-Za-z0-9.,])(\d{{1,3}}(?:[{g}]\d{{3}})+|\d+)(?:{re.escape(dec)}(\d+))?(?!\d)"
    )


_UNIT_CHARS = "".join(sorted({*_SMALL, *_MYRIAD}))
_MIXED = re.compile(
    rf"(?<![\d.,])\d[\d,]*(?:\.\d+)?(?:\s?[{_UNIT_CHARS}](?:\s?\d[\d,]*(?:\.\d+)?)?)+"
)


def _mixed_value(s: str) -> float:
    """3천 5백만 → 35,000,000; 1억 5천만 → 150,000,000; 1万6000 → 16,000."""
    total = section = 0.0
    num: float | None = None
    for t in re.findall(rf"\d[\d,]*(?:\.\d+)?|[{_UNIT_CHARS}]", s):
        if t[0].isdigit():
            num = float(t.replace(",", ""))
        elif t in _SMALL:
            section += (1.0 if num is None else num) * _SMALL[t]
            num = None
        else:
            total += (section + (num or 0.0)) * _MYRIAD[t]
            section, num = 0.0, None
    return total + section + (num or 0.0)


def _digits_value(m: re.Match[str]) -> float:
    whole = re.sub(r"\D", "", m.group(1))
    frac = m.group(2)
    return float(f"{whole}.{frac}") if frac else float(whole)


# -- CJK numerals (profile.han_numerals) -------------------------------------------------------


def _cjk_numeral_is_number(s: str, text: str, start: int, end: int, han: HanNumerals) -> bool:
    """A single numeral is a number before a counter (三项, 五人) or after 第; elsewhere it is
    usually part of a word (一些 "some", 四球 "fourball", 统一 "unify")."""
    if any(text[max(0, start - len(w)) : start] == w for w in han.weekday_prefixes):
        return False  # 周五, 星期三: weekdays (Friday, Wednesday), not numbers
    if any(ch in han.units for ch in s):
        return not (len(s) == 1 and text[end : end + 1] not in han.counters and text[start - 1 : start] != han.ordinal_prefix)
    if len(s) == 4:
        return True  # a year written digit by digit: 二〇二六
    if len(s) == 1 and s not in ("一", "零", "〇"):  # 一名男子 is "a man"; 两名 is two
        # 四分 is four points (but 四分之一 a quarter, 四分钟 minutes are durations, counted too)
        points = text[end : end + 1] == "分" and text[end + 1 : end + 2] != "之"
        return text[end : end + 1] in han.counters or text[start - 1 : start] == han.ordinal_prefix or points
    return False


def _cjk_value(s: str, han: HanNumerals) -> float | None:
    """十五 → 15, 二十五 → 25, 三百 → 300, 二〇二六 → 2026."""
    if all(ch in han.digits for ch in s):  # digit by digit (years: 二〇二六)
        return float("".join(str(han.digits[ch]) for ch in s))
    total, digit = 0, None
    for ch in s:
        if ch in han.digits:
            digit = han.digits[ch]
        else:
            total += (1 if digit is None else digit) * han.units[ch]
            digit = None
    return float(total + (digit or 0))


# Native numbers that count things (Korean "세 가지", "두 명"): profile.native_numerals.


# Numbers with two dots or more (8.1.3, 192.168.0.1, 2.6.32) are version, section or address
# strings, not decimals: their own family, compared as strings (dotted_key), so that 6.10 and
# 6.1 differ and no digit of them is read as a count.
DOTTED = "dotted"
_DOTTED = re.compile(r"(?<![\w.,])\d+(?:\.\d+){2,}(?!\.?\d)")
_DOT_DECIMAL = re.compile(r"(?<![\w.,])(\d+)\.(\d+)(?!\.?\d|,\d)")
_FOOTNOTE = re.compile(r"\[\d{1,3}\]")


def dotted_key(text: str) -> float:
    """A dotted string as a value: a stable hash of its parts below 10^6 (value_key keeps six
    digits), equal only for equal strings (leading zeros aside)."""
    import zlib

    parts = ".".join(str(int(p)) for p in text.split("."))
    return float(zlib.crc32(parts.encode("ascii")) % 1_000_000)


def value_key(value: float) -> float:
    """A quantity's value as versions are compared on: rounded to 6 significant digits, so
    that float noise from parsing different notations doesn't count."""
    return float(f"{value:.6g}")


# Full-width digits → ASCII (their NFKC form), one code point each.
_FULLWIDTH_DIGITS = {0xFF10 + d: str(d) for d in range(10)}


def quantities(text: str, language: str) -> list[Quantity]:
    """Every number stated in ``text`` (a sentence or paragraph in ``language``)."""
    lang_profile = profile(language)
    lang = lang_profile.code
    # Full-width digits become ASCII (one character each, so spans stay valid). Full-width
    # punctuation stays: "，24岁" must not read as the grouping comma of a number.
    norm = text.translate(_FULLWIDTH_DIGITS)
    if lang_profile.si_prefix_myriads is not None:
        # 500兆字节 is 500 megabytes, not 500×10¹²: a myriad character used as an SI prefix
        # is blanked (one space for one character, so spans stay valid).
        norm = lang_profile.si_prefix_myriads.sub(lambda m: " " * len(m.group()), norm)
    found: list[Quantity] = []
    taken = bytearray(len(norm))  # one byte a character (a list took 8)

    def add(value: float, start: int, end: int, unit: str = "") -> None:
        if any(taken[start:end]):
            return
        for i in range(start, end):
            taken[i] = True
        found.append(Quantity(value, start, end, text[start:end], unit))

    for value, start, end in _clock_times(norm, lang_profile):
        add(value, start, end, CLOCK)
    for m in _FOOTNOTE.finditer(norm):
        # [22]: a note label a build numbers anew in each version (often shifted by one), no number
        for i in range(m.start(), m.end()):
            taken[i] = True
    for m in _DOTTED.finditer(norm):
        add(dotted_key(m.group()), m.start(), m.end(), DOTTED)
    if lang_profile.decimal_mark != ".":
        # "Section 12.1", "la version 7.7", "16.2" in French: a dotted number is written as in
        # every other version (a section, a version), not cut short at its dot. (A dot before
        # three digits stays a thousands mark where the language groups with dots: 1.000.)
        for m in _DOT_DECIMAL.finditer(norm):
            whole, frac = m.group(1), m.group(2)
            if not (len(frac) == 3 and len(whole) <= 3 and "." in lang_profile.group_marks):
                add(float(f"{whole}.{frac}"), m.start(), m.end())
    number = _number_pattern(lang_profile)
    if lang_profile.counts_in_myriads:
        # Digits mixed with unit characters: 1,500만, 3천 5백만, 1億2,500万, 1万6000.
        for m in _MIXED.finditer(norm):
            add(_mixed_value(m.group()), m.start(), m.end())
    # Digits, with a large-number word after them in English and French: 2.5 million, £125m.
    for m in number.finditer(norm):
        value = _digits_value(m)
        end = m.end()
        tail = norm[end : end + 80]  # enough for a large-number word; a copy of the rest made this quadratic
        if not lang_profile.counts_in_myriads:
            word = re.match(r"\s?([A-Za-z]+)", tail)
            abbrev = re.match(r"(bn|m|k)\b", tail)
            if abbrev and (abbrev.group(1) == "bn" or norm[max(m.start() - 1, 0) : m.start()] in "£$€¥" and m.start() > 0):
                value *= {"bn": 1e9, "m": 1e6, "k": 1e3}[abbrev.group(1)]  # £125m, $2.8bn
                end += abbrev.end()
            elif word and word.group(1).lower() in _LARGE_WORDS:
                key = word.group(1).lower()
                value *= lang_profile.large_number_words.get(key, _LARGE_WORDS[key])
                end += word.end()
        add(value, m.start(), end)

    han, native = lang_profile.han_numerals, lang_profile.native_numerals
    if han is not None:
        for m in han.pattern.finditer(norm):
            s = m.group()
            if not _cjk_numeral_is_number(s, norm, m.start(), m.end(), han):
                continue
            value = _cjk_value(s, han)
            end = m.end()
            unit = norm[end : end + 1] if norm[end : end + 1] in han.myriads else None
            if value is not None and unit:
                value *= han.myriads[unit]
                end += 1
            if value is not None:
                add(value, m.start(), end)
    elif native is not None:
        for m in native.pattern.finditer(norm):
            tens, unit = m.group(1), m.group(2)
            if tens is None and unit in (None, native.article):
                continue  # 한 alone renders "a" as often as "one"
            add(float(native.tens.get(tens, 0) + native.units.get(unit, 0)), m.start(), m.end())
    elif lang_profile.spelled_numbers:
        found.extend(q for q in _number_words(norm, lang, number) if not any(taken[q.start : q.end]))
        for mm in _MONTH_NAME.finditer(norm):
            name = mm.group()
            if lang_profile.months_capitalised and name[0].islower() or _MONTHS[name.lower()] in (3, 5) and not _NEXT_TO_NUMBER(norm, mm):
                continue  # "may", "March on", "mars", "mai": words too, unless a date surrounds them
            found.append(Quantity(float(_MONTHS[name.lower()]), mm.start(), mm.end(), name))
    out = []
    for q in found:
        unit = q.unit if q.unit in (CLOCK, DOTTED) else _unit_of(norm, q)
        if unit is not None:
            out.append(Quantity(q.value, q.start, q.end, q.text, unit))
    return sorted(out, key=lambda q: q.start)


# Lengths, distances and weights keep their unit family: a translation may convert them
# (85 mph → 135 km/h), so values are compared only between versions that use the same
# family. Temperatures, clock times and other measures are left out: they are converted
# with shifts (80 °F → 26 °C, 2pm → 14 h) that no value comparison can follow.
_UNIT_FAMILIES = tuple((family, re.compile(r"\s?-?(?:" + pattern + ")", re.IGNORECASE)) for family, pattern in (
    ("mile", r"mph|miles?|mi\b|마일|マイル|英里"),
    ("km", r"km/h|kmh|km\b|kilom[eè]tres?|kilometers?|kilometres?|킬로미터|公里"),
    ("inch", r"inch(?:es)?|pouces?|인치|インチ|英寸"),
    ("ft", r"feet|foot|ft\b|pieds?|피트|フィート|英尺"),
    ("cm", r"cm\b|센티미터|센티|センチ|厘米"),
    ("m", r"m\b|m[eè]tres?|meters?|metres?|미터|メートル|米"),
    ("lb", r"pounds?|lbs?\b|livres?|파운드|ポンド|磅"),
    ("kg", r"kg\b|kilos?\b|kilogram(?:me)?s?|킬로그램|公斤"),
))
# Measures outside those families, and the marks of a clock time left to _clock_times: a
# number before one of these is not a plain count. (Family units are tried first.)
_UNIT_AFTER = re.compile(
    r"\s?-?(?:mm\b|tonnes?|tons?|gallons?|litres?|liters?|acres?|hectares?|degrees?|degr[ée]s?|°|"
    r"a\.m\.|p\.m\.|am\b|pm\b|h\b|h\d|heures?|o'clock|"
    r"시(?!장|간|민|즌)|時|点|時間|킬로|도(?=[^가-힣]|$)|华氏|摄氏|キロ|度)",
    re.IGNORECASE,
)
# ... and the minutes of a clock time (10시 15분, 10時15分); other minutes are durations
# ("7분 전", "seven minutes before") and count.
_UNIT_BEFORE = re.compile(r"(?:시속|華氏|摂氏|华氏|摄氏|오전|오후|午前|午後|上午|下午|凌晨|晚上|\d\s?(?:시|時|点))\s?$")
_CLOCK = re.compile(r"\d{1,2}[.:]\d{2}\s?(?:a\.m\.|p\.m\.|am\b|pm\b|h\b)|(?<![\d:])\d{1,2}:\d{2}(?![\d:])", re.IGNORECASE)


# Clock times are their own unit family, compared as minutes past noon or midnight: a
# translation may write 2:30 p.m. as 14:30, 14 h 30 or 오후 2시 30분, so the 12-hour value
# is what all of them state (an am/pm mix-up goes unnoticed; a changed hour does not).
CLOCK = "clock"
# The languages' words for "half past" (반, 半), read in any language that has one.
_HALF_HOUR = re.compile(r"\s?(?:" + "|".join(dict.fromkeys(w for p in profiles() for w in p.half_hour)) + ")")


def _clock_times(text: str, lang: LanguageProfile) -> list[tuple[float, int, int]]:
    """(minutes past 12, start, end) of each clock time: 10:15, 2:30 p.m., 14 h 30, 10시 15분
    (the patterns are profile.clock_pattern)."""
    pattern = lang.clock_pattern
    if pattern is None:
        return []
    out = []
    for m in re.finditer(pattern, text):
        groups = [g for g in m.groups()]
        hour, minute = next((groups[i], groups[i + 1]) for i in range(0, len(groups), 2) if groups[i] is not None)
        h, mins, end = int(hour), int(minute or 0), m.end()
        half = _HALF_HOUR.match(text, end) if minute is None and lang.half_hour else None
        if half:  # 5時半, 5点半, 5시 반: half past
            mins, end = 30, half.end()  # (matched at pos: end() is absolute)
        if h > 24 or mins > 59:
            continue
        out.append((float((h % 12) * 60 + mins), m.start(), end))
    return out


def _is_money(q: Quantity) -> bool:
    """Pounds that are money, not weight: amounts in the tens of thousands and more, or
    written with a myriad or million unit."""
    return q.value >= 10_000 or any(ch in q.text for ch in "만억万萬億亿") or bool(re.search(r"[A-Za-z]", q.text))


_RANGE_TO = re.compile(r"\s*(?:to|à|-|–|~|～|and|et|or|ou|至|到|에서|から)\s*[\d.,]+")


def _unit_of(text: str, q: Quantity) -> str | None:
    """The unit family of ``q`` ("" for a plain number), or None for a measure or clock
    time that is left out."""
    if any(m.start() <= q.start < m.end() for m in _CLOCK.finditer(text, max(0, q.start - 6), q.end + 12)):
        return None  # "7.55am": the hour and minutes read as one decimal
    if _UNIT_BEFORE.search(text[max(0, q.start - 5) : q.start]) and not text[max(0, q.start - 3) : q.start].strip().endswith("속"):
        return None  # 오후 2시, 華氏80度 (but 시속 85마일 is a speed in miles)
    at = q.end
    to = _RANGE_TO.match(text, q.end)  # "1 to 4 inches": the unit comes after the range
    for start in (at, to.end() if to else None):
        if start is None:
            continue
        for family, pattern in _UNIT_FAMILIES:
            if pattern.match(text, start):
                if family == "lb" and _is_money(q):
                    return ""  # 1억 2천만 파운드, 1億2千万ポンド: pounds sterling, a plain amount
                return family
        if _UNIT_AFTER.match(text, start):
            return None
    return ""


# Month names count as their number, as other versions write 6월 / 6月 — March/May (mars,
# mai) only next to a day or a year, since they are words too.
# (profile.month_names of every language, read in every language that reads number words)
_MONTHS = {name: i % 12 + 1 for p in profiles() for i, name in enumerate(p.month_names)}
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_MONTH_NAME = re.compile(rf"(?i:\b(?:{_MONTH_NAMES})\b)")


def _NEXT_TO_NUMBER(text: str, m: re.Match[str]) -> bool:
    if _SPACE_DIGIT.match(text, m.end()):
        return True
    j = m.start()  # a digit, then whitespace, right before (scanned back: no copy of the prefix)
    while j > 0 and text[j - 1].isspace():
        j -= 1
    return 0 < j < m.start() and text[j - 1].isdecimal()


_SPACE_DIGIT = re.compile(r"\s+\d")

_VAGUE = {w for p in profiles() for w in p.vague_number_words}

_WORD_RUN = re.compile(r"[^\W\d_]+(?:[\s-]+[^\W\d_]+)*")


def _bounded_runs(text: str):
    """The word runs of ``text``, a run longer than ``Limits.number_run_chars`` cut at spaces
    into pieces of at most that length (the line-up below is quadratic in a run's words)."""
    from .limits import LIMITS

    limit = LIMITS.number_run_chars
    for m in _WORD_RUN.finditer(text):
        if m.end() - m.start() <= limit:
            yield m
            continue
        pos = m.start()
        while pos < m.end():
            end = min(m.end(), pos + limit)
            if end < m.end():
                space = text.rfind(" ", pos + 1, end)
                end = space if space > pos else end
            piece = _WORD_RUN.match(text, pos, end)
            if piece is not None:
                yield piece
            pos = end
            while pos < m.end() and not text[pos].isalpha():
                pos += 1


def _number_words(text: str, lang: str, number: re.Pattern[str]) -> list[Quantity]:
    """Spelled-out numbers (Fifteen, Quinze, trois, twenty-five) via text2num, mapped back
    to their spans: each run of words is converted alone, so a changed run is a number."""
    from text_to_num import alpha2digit

    out = []
    for m in _bounded_runs(text):
        # Hyphens become spaces (same length, so spans hold): "fifth-floor", "twenty-five".
        run = m.group().replace("-", " ")
        # threshold 0: "two of the missing", "deux des", "second", "cinquième" are numbers too
        converted = alpha2digit(run, lang, threshold=0)
        if converted == run:
            continue
        # The number words are what changed: line the words up, and each changed stretch
        # of the original is one number.
        words = [(w.start(), w.end(), w.group()) for w in re.finditer(r"\S+", run)]
        new = converted.split()
        matcher = difflib.SequenceMatcher(a=[w[2] for w in words], b=new, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal" or i1 == i2:
                continue
            d = number.search(" ".join(new[j1:j2]))
            if d is None:
                continue
            value = _digits_value(d)
            start, end = words[i1][0], words[i2 - 1][1]
            if run[start:end].lower() in _VAGUE:
                continue  # "hundreds of people" is not 100
            if value == 1:
                continue  # "one of", "the final one", "un an", "first": pronouns, articles, rarely counts
            out.append(Quantity(value, m.start() + start, m.start() + end, m.group()[start:end]))
    return out
