"""Chinese (simplified and traditional: one version either way)."""

import re

from ._han import HAN_HALF_HOUR, HAN_NUMERALS
from ._profile import LanguageProfile

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

PROFILE = LanguageProfile(
    code="zh",
    name="Chinese",
    sample="政府将支持中小企业的发展。部长在下午2点30分说：“我们有三项任务。”他说。",
    scripts=("Hans", "Hant"),
    own_script=re.compile(r"[\u4e00-\u9fff]"),
    cjk=True,
    spaceless=True,
    short_quotes_whole=True,
    # Han text without kana may be a kanji-only Japanese headline.
    confusable_with=("ja",),
    distinctive_chars=SIMPLIFIED_ONLY | TRADITIONAL_ONLY,
    function_chars=frozenset("的了是这這们們吗嗎呢吧也很于"),  # Japanese writes these with kana
    attribution=re.compile(r"(说|表示|称|指出|补充|说道|问道|回答|写道)[道了]?[。！]?$"),
    # Function characters and commas can't end a sentence; nor can adverbs, which modify a
    # verb to come. 的 ends a sentence as well (是…的, «还挺难的。»): weak evidence only.
    mid_phrase_chars=frozenset("在和与及对将把被从向为于以而或但是，、“《（" "就也都很最再曾且"),
    weak_mid_phrase_chars=frozenset("的"),
    clock_pattern=(r"(?<![\d:.,])(\d{1,2})\s?点(?:\s?(\d{1,2})\s?分)?(?!钟)"
                   r"|(?<![\d:.,])(\d{1,2})[:：](\d{2})(?![\d:])"),
    half_hour=HAN_HALF_HOUR,
    myriad_units=HAN_NUMERALS.myriads,
    si_prefix_myriads=re.compile(r"兆(?=字节|位元组|比特|位|赫|瓦|帕|欧|焦|伏|吨|克)"),
    small_units={"千": 1e3, "百": 1e2},
    han_numerals=HAN_NUMERALS,
    one_as_article=True,
    # 一 before a counter of lines, times, items, pages, columns (一个 is as often "a").
    one_words=r"(?<![第统唯])一(?=[行次条项份页列段])",
    code_terms={"stdout": ("标准输出",), "stdin": ("标准输入",), "stderr": ("标准错误",)},
    restating_determiners=r"(?:这|那|该|此|上述|这些|那些)$",
)
