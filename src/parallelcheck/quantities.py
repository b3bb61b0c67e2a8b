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

from .segment.sentences import normalize_language


@dataclass(frozen=True)
class Quantity:
    value: float
    start: int  # span in the text given to :func:`quantities`
    end: int
    text: str
    unit: str = ""  # a length or weight unit family ("mile", "km", "lb"…); "" for plain numbers


# -- digits -----------------------------------------------------------------------------------
_SPACE_GROUP = "\u00a0\u202f\u2009 "
_DIGITS = {
    # language -> (decimal mark, grouping characters)
    "fr": (",", _SPACE_GROUP + "."),
    "de": (",", _SPACE_GROUP + "."),
}
_DEFAULT_MARKS = (".", ",")

_LARGE_WORDS = {
    "thousand": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9, "billions": 1e9, "trillion": 1e12,
    "mille": 1e3, "milliard": 1e9, "milliards": 1e9, "billion_fr": 1e12,
}
_MYRIAD = {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8, "兆": 1e12, "만": 1e4, "억": 1e8, "조": 1e12}


def _number_pattern(lang: str) -> re.Pattern[str]:
    dec, group = _DIGITS.get(lang, _DEFAULT_MARKS)
    g = re.escape(group)
    return re.compile(
        rf"(?<![A-Za-z0-9.,])(\d{{1,3}}(?:[{g}]\d{{3}})+|\d+)(?:{re.escape(dec)}(\d+))?(?!\d)"
    )


_UNIT_CHARS = "천千백百만万萬억億亿조兆"
_MIXED = re.compile(
    rf"(?<![\d.,])\d[\d,]*(?:\.\d+)?(?:\s?[{_UNIT_CHARS}](?:\s?\d[\d,]*(?:\.\d+)?)?)+"
)
_SMALL = {"천": 1e3, "千": 1e3, "백": 1e2, "百": 1e2}


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


# -- CJK numerals ------------------------------------------------------------------------------
_CJK_DIGIT = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CJK_UNIT = {"十": 10, "百": 100, "千": 1000}
_CJK_NUMERAL = re.compile(r"[〇零一二两兩三四五六七八九十百千]+")


# A single numeral is a number before a counter (三项, 五人) or after 第; elsewhere it is
# usually part of a word (一些 "some", 四球 "fourball", 统一 "unify").
_CJK_COUNTER = set("个個名人项項次年月日天岁歲位家种種条條件大届屆座所台辆輛架只艘枚倍成期轮輪场場号號章节節点點")


def _cjk_numeral_is_number(s: str, text: str, start: int, end: int) -> bool:
    if text[start - 1 : start] in ("周", "週") or text[max(0, start - 2) : start] in ("星期", "礼拜", "禮拜"):
        return False  # 周五, 星期三: weekdays (Friday, Wednesday), not numbers
    if any(ch in _CJK_UNIT for ch in s):
        return not (len(s) == 1 and text[end : end + 1] not in _CJK_COUNTER and text[start - 1 : start] != "第")
    if len(s) == 4:
        return True  # a year written digit by digit: 二〇二六
    if len(s) == 1 and s not in ("一", "零", "〇"):  # 一名男子 is "a man"; 两名 is two
        # 四分 is four points (but 四分之一 a quarter, 四分钟 minutes are durations, counted too)
        points = text[end : end + 1] == "分" and text[end + 1 : end + 2] != "之"
        return text[end : end + 1] in _CJK_COUNTER or text[start - 1 : start] == "第" or points
    return False


def _cjk_value(s: str) -> float | None:
    """十五 → 15, 二十五 → 25, 三百 → 300, 二〇二六 → 2026."""
    if all(ch in _CJK_DIGIT for ch in s):  # digit by digit (years: 二〇二六)
        return float("".join(str(_CJK_DIGIT[ch]) for ch in s))
    total, digit = 0, None
    for ch in s:
        if ch in _CJK_DIGIT:
            digit = _CJK_DIGIT[ch]
        else:
            total += (1 if digit is None else digit) * _CJK_UNIT[ch]
            digit = None
    return float(total + (digit or 0))


# Korean native numbers count things: "세 가지", "두 명" (only before a counter word; not
# 한, "one", which renders the article "a" as often as a count).
_KO_NATIVE = {"두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9, "열": 10}
# Tens before a unit word: 열 다섯 (15), 스무 (20), 서른 두 (32); 한 (one) counts after them.
_KO_TENS = {"열": 10, "스물": 20, "스무": 20, "서른": 30, "마흔": 40, "쉰": 50}
_KO_UNITS = {"한": 1, **{k: v for k, v in _KO_NATIVE.items() if v < 10}}
_KO_COUNTER = "개|명|가지|곳|번|차례|건|대|마리|권|장|척|군데|달|해|살|시간|주일|사람|아이|자녀|형제"
_KO_NATIVE_RE = re.compile(  # particles may follow: 세 가지를, 두 번째로
    rf"(?<![가-힣])(?:({'|'.join(_KO_TENS)})\s?)?({'|'.join(_KO_UNITS)})?(?<=[가-힣])\s?(?:{_KO_COUNTER})"
)


def value_key(value: float) -> float:
    """A quantity's value as versions are compared on: rounded to 6 significant digits, so
    that float noise from parsing different notations doesn't count."""
    return float(f"{value:.6g}")


# Full-width digits → ASCII (their NFKC form), one code point each.
_FULLWIDTH_DIGITS = {0xFF10 + d: str(d) for d in range(10)}


def quantities(text: str, language: str) -> list[Quantity]:
    """Every number stated in ``text`` (a sentence or paragraph in ``language``)."""
    lang = normalize_language(language)
    # Full-width digits become ASCII (one character each, so spans stay valid). Full-width
    # punctuation stays: "，24岁" must not read as the grouping comma of a number.
    norm = text.translate(_FULLWIDTH_DIGITS)
    found: list[Quantity] = []
    taken = bytearray(len(norm))  # one byte a character (a list took 8)

    def add(value: float, start: int, end: int, unit: str = "") -> None:
        if any(taken[start:end]):
            return
        for i in range(start, end):
            taken[i] = True
        found.append(Quantity(value, start, end, text[start:end], unit))

    for value, start, end in _clock_times(norm, lang):
        add(value, start, end, CLOCK)
    number = _number_pattern(lang)
    if lang in ("ko", "ja", "zh"):
        # Digits mixed with unit characters: 1,500만, 3천 5백만, 1億2,500万, 1万6000.
        for m in _MIXED.finditer(norm):
            add(_mixed_value(m.group()), m.start(), m.end())
    # Digits, with a large-number word after them in English and French: 2.5 million, £125m.
    for m in number.finditer(norm):
        value = _digits_value(m)
        end = m.end()
        tail = norm[end : end + 80]  # enough for a large-number word; a copy of the rest made this quadratic
        if lang not in ("ko", "ja", "zh"):
            word = re.match(r"\s?([A-Za-z]+)", tail)
            abbrev = re.match(r"(bn|m|k)\b", tail)
            if abbrev and (abbrev.group(1) == "bn" or norm[max(m.start() - 1, 0) : m.start()] in "£$€¥" and m.start() > 0):
                value *= {"bn": 1e9, "m": 1e6, "k": 1e3}[abbrev.group(1)]  # £125m, $2.8bn
                end += abbrev.end()
            elif word and word.group(1).lower() in _LARGE_WORDS:
                key = word.group(1).lower()
                value *= 1e12 if (lang == "fr" and key == "billion") else _LARGE_WORDS[key]
                end += word.end()
        add(value, m.start(), end)

    if lang in ("zh", "ja"):
        for m in _CJK_NUMERAL.finditer(norm):
            s = m.group()
            if not _cjk_numeral_is_number(s, norm, m.start(), m.end()):
                continue
            value = _cjk_value(s)
            end = m.end()
            unit = re.match(r"([万萬亿億兆])", norm[end : end + 1])
            if value is not None and unit:
                value *= _MYRIAD[unit.group(1)]
                end += 1
            if value is not None:
                add(value, m.start(), end)
    elif lang == "ko":
        for m in _KO_NATIVE_RE.finditer(norm):
            tens, unit = m.group(1), m.group(2)
            if tens is None and unit in (None, "한"):
                continue  # 한 alone renders "a" as often as "one"
            add(float(_KO_TENS.get(tens, 0) + _KO_UNITS.get(unit, 0)), m.start(), m.end())
    elif lang in ("en", "fr"):
        found.extend(q for q in _number_words(norm, lang, number) if not any(taken[q.start : q.end]))
        for mm in _MONTH_NAME.finditer(norm):
            name = mm.group()
            if lang == "en" and name[0].islower() or _MONTHS[name.lower()] in (3, 5) and not _NEXT_TO_NUMBER(norm, mm):
                continue  # "may", "March on", "mars", "mai": words too, unless a date surrounds them
            found.append(Quantity(float(_MONTHS[name.lower()]), mm.start(), mm.end(), name))
    out = []
    for q in found:
        unit = CLOCK if q.unit == CLOCK else _unit_of(norm, q)
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
_MERIDIEM = r"a\.m\.|p\.m\.|am\b|pm\b|AM\b|PM\b"
_CLOCK_PATTERNS = {
    "en": (rf"(?<![\d:.])(\d{{1,2}})[:.](\d{{2}})(?:\s?(?:{_MERIDIEM}))|(?<![\d:.,])(\d{{1,2}}):(\d{{2}})(?![\d:])"
           rf"|(?<![\d:.,])(\d{{1,2}})()\s?(?:{_MERIDIEM})"),
    "fr": r"(?<![\d:.,])(\d{1,2})\s?h\s?(\d{2})?(?![\w])|(?<![\d:.,])(\d{1,2}):(\d{2})(?![\d:])",
    "ko": r"(?<![\d:.,])(\d{1,2})\s?시(?!간|장|민|즌|대|작|즉)(?:\s?(\d{1,2})\s?분)?|(?<![\d:.,])(\d{1,2})[:：](\d{2})(?![\d:])",
    "ja": r"(?<![\d:.,])(\d{1,2})\s?時(?!間|代|点)(?:\s?(\d{1,2})\s?分)?|(?<![\d:.,])(\d{1,2})[:：](\d{2})(?![\d:])",
    "zh": r"(?<![\d:.,])(\d{1,2})\s?点(?:\s?(\d{1,2})\s?分)?(?!钟)|(?<![\d:.,])(\d{1,2})[:：](\d{2})(?![\d:])",
}


def _clock_times(text: str, lang: str) -> list[tuple[float, int, int]]:
    """(minutes past 12, start, end) of each clock time: 10:15, 2:30 p.m., 14 h 30, 10시 15분."""
    pattern = _CLOCK_PATTERNS.get(lang)
    if pattern is None:
        return []
    out = []
    for m in re.finditer(pattern, text):
        groups = [g for g in m.groups()]
        hour, minute = next((groups[i], groups[i + 1]) for i in range(0, len(groups), 2) if groups[i] is not None)
        h, mins, end = int(hour), int(minute or 0), m.end()
        half = re.match(r"\s?(?:반|半)", text[end : end + 2]) if minute is None and lang in ("ko", "ja", "zh") else None
        if half:  # 5時半, 5点半, 5시 반: half past
            mins, end = 30, end + half.end()
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
_MONTHS = {name: i % 12 + 1 for i, name in enumerate(
    "january february march april may june july august september october november december "
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split())}
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

_VAGUE = {"hundreds", "thousands", "millions", "billions", "dozens", "tens", "centaines", "milliers",
          "millions", "milliards", "dizaines", "douzaines"}

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
