"""Numerals in Chinese characters, shared by the Chinese and Japanese profiles."""

from __future__ import annotations

from ._profile import HanNumerals

HAN_NUMERALS = HanNumerals(
    digits={"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
            "六": 6, "七": 7, "八": 8, "九": 9},
    units={"十": 10, "百": 100, "千": 1000},
    myriads={"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8, "兆": 1e12},
    # A single numeral is a number before a counter (三项, 五人) or after 第; elsewhere it is
    # usually part of a word (一些 "some", 四球 "fourball", 统一 "unify").
    counters=frozenset("个個名人项項次年月日天岁歲位家种種条條件大届屆座所台辆輛架只艘枚倍成期轮輪场場号號章节節点點"),
    ordinal_prefix="第",
    weekday_prefixes=("周", "週", "星期", "礼拜", "禮拜"),
)
# Clock times after an hour: "half past" (5時半, 5点半).
HAN_HALF_HOUR = ("半",)
