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

# Simplified forms that Japanese writes differently (报/報, 务/務, 业/業, 关/関, 门/門, ...).
# Forms that simplified Chinese shares with Japanese (会, 国, 区, 点, 学, 体, 当...) are absent.
SIMPLIFIED_ONLY = frozenset(
    "这们说为发对经过还进关业务报门长东车开时实现问题间个样总观气价检险验应乐药两满证儿归继济"
    "剂压传围扩择泽译驱铁县乡弹圆杂稳隐岁驿卖读续转边变图权劳营单战举动员议计设记认识论让话语"
    "请谈调资费贸质负责购贷银钱钟锁错键镇闻阅队阳阶际陆陈难飞饭馆马验骑鱼鲜鸟齐龙龟创韩农项预"
    "领频额风么吗书买亲产从众优伤带帮护岛团园场坏处备复头夺奋妇审宪师库废张强录彻恶惊惯戏显术"
    "杀极构标树桥档欢汉汇沟洁测浓润涨渐灭灵炼热爱牵猎环电积穷竞笔筹简类级纪纯纲纳纵纷纸线练组"
    "细织终结给络统维综绿编缘罗职联肃脑节苏荣获虑补规视览觉训讲许评诉词试询该详误课谁赛赵轮软"
    "载较辑输运远连选递逻邮兴养军决况净减击则势华协卫历听启响执奖导层态讨访财灾监础确筑着"
    "顺须顾倾债储亿仅伟丰临严义亚"
)
# Traditional forms that Japanese replaced with its own shinjitai (們/这, 關/関, 發/発, 會/会...).
TRADITIONAL_ONLY = frozenset(
    "們這說會國對關發經實與當區爲個來點體學歲驛賣讀續廣轉邊變圖權勞營單戰舉樣總觀氣價檢險驗應"
    "樂藥兩滿證兒歸繼濟劑壓傳圍擴擇澤譯驅鐵縣鄉彈圓雜穩隱數麼裡黑處聲顏鹽據爭齊龍龜無萬礙舊"
)
# Japanese shinjitai distinct from both Chinese forms, and kokuji (込, 働, 畑...).
JAPANESE_ONLY = frozenset(
    "関発経実対説歳駅売読続広転辺変図権労営単戦挙様総観気価検険験応恵徳黒楽薬両満証児帰継済剤"
    "圧伝囲拡択沢訳駆鉄県郷弾円雑穏隠込働畑枠峠従歩毎渋浄涙焼猟獣盗禅稲穂粋絵縄繊聴脳蔵覚豊賛"
    "軽遅醸釈錬隣霊顔騒髪齢竜亀乗乱亜仮仏併偽効収団圏堕塁塩壊奨娯嬢専巻帯庁廃弁徴悩悪惨懐戸拝"
    "拠挟捨掲揺摂撃斉昼晩暁暦栄桜検楽歓歯歴殴浜渓渉滝潜瀬焼畳砕粛糸緑縁縦芸荘虚覧蛍謡譲賓践辞"
    "逓郷酔醸鉱銭闘陥険隣静頼顕駅騒鶏黙"
)
# Frequent Chinese function characters; weak evidence (Japanese writes these with kana).
_ZH_FUNCTION = frozenset("的了是这這们們吗嗎呢吧也很于")

_LATIN_LANGS = (
    "af", "ca", "cs", "cy", "da", "de", "en", "es", "et", "fi", "fr", "hr", "hu", "id", "it",
    "lt", "lv", "nl", "no", "pl", "pt", "ro", "sk", "sl", "so", "sq", "sv", "sw", "tl", "tr", "vi",
)
# Function words of the languages most often paired in translated documents: on a line of a
# few words langdetect's n-grams say little ("%d bloggers like this:" → Danish), these say more.
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    code: frozenset(words.split())
    for code, words in {
        "en": "the of and to in is are was for on with this that by from at as it be have has will like our your",
        "fr": "le la les des du de et est une un pour dans sur avec que qui au aux ce cette nous vous par plus",
        "de": "der die das und ist nicht ein eine mit für auf den dem des sich von zu im wir sie auch es wie ich was",
        "es": "el la los las de del y es un una para en con que por su se al más como",
        "it": "il lo la gli le di e è un una per con che del della non si al più come",
        "pt": "o a os as de do da e é um uma para com que não em no na por mais como",
        "nl": "de het een van en is in op met voor dat niet te zijn ook wij",
    }.items()
}
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
    zh = sum(1.0 for ch in text if ch in SIMPLIFIED_ONLY or ch in TRADITIONAL_ONLY)
    zh += s.zh_function_weight * sum(1 for ch in text if ch in _ZH_FUNCTION)
    ja = sum(1.0 for ch in text if ch in JAPANESE_ONLY)
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
