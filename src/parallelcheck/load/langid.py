"""Language identification of a paragraph: script evidence first, langdetect second.

langdetect alone misreads CJK: it calls an all-kanji Japanese title Korean and some Chinese
paragraphs Korean. Scripts settle most cases: Hangul is Korean, kana is Japanese, and Han
text without kana is told apart by characters that exist only in simplified Chinese or
only in Japanese (shinjitai and traditional forms).
"""

from __future__ import annotations

# Characters used in simplified Chinese but not in Japanese, and vice versa (common words).
SIMPLIFIED_ONLY = set(
    "这们说为发对经过还进关业务报门长东车开时实现问题间应该点们让说话认识记会议计划设员员队导层"
    "习书买卖币尔两严个丰临为举义乐乡亲产们从仓众优伤传伦体众动劳区华协单卖卫厂历压县参双发变"
    "台叶号吗后听启员响团园围图圣场块坏坚垒处备复头夺奋妇学宁宝实审宪对导将尽层岁岛币师帐带帮"
    "广庄库应庙废开异张弹强归当录彻总恶惊惯戏战户护报担拥择换据摄无时旧显晓术机杀杂权条来极构"
    "标树样桥档检欢残毁气汉汇沟没泽洁浅济测浓润涨渐温湾满灭灯灵炉点炼热爱牵状独猎环现产电画种"
    "积称稳穷竞笔筹简类级纪纯纲纳纵纷纸线练组细织终经结给络统继续维综绿编缘网罗职联肃胜脑脚节"
    "苏范荣药获营虑补规视览觉观触让训议记讲许论设证评识诉词试话询该详语误说请读课谁调谈费资赛"
    "赵车转轮软载较辑输边过运还这进远连选递通逻邮钱铁银锁错键镇门问间闻阅队阳阶际陆陈险随隐难"
    "飞饭馆马驻验骑鱼鲜鸟黄齐龙龟"
) - set("会点体来台号区双当学宝将尽旧条温湾灯炉状独称随残画担机浅没据黄")
# Traditional forms that Japanese replaced with shinjitai: evidence for (traditional) Chinese.
TRADITIONAL_ONLY = set("們這說會國對關發經過現個還點體學實與舊當區們爲麼裡樣機務報業開門長東車時問題間")
TRADITIONAL_ONLY -= set("務報業開門長東車時問題間")  # also Japanese
JAPANESE_ONLY = set(
    "報務業関門長東車開時実現問題間応該点経過進発対説話認識記会議計画設員隊導層習書買売両厳個豊"
    "臨為挙義楽郷親産従倉衆優傷伝倫体動労区華協単衛廠歴圧県参双変台葉号後聴啓員響団園囲図聖場塊"
    "壊堅塁処備復頭奪奮婦学寧宝審憲将尽歳島幣師帳帯幇広荘庫廟廃異張弾強帰当録徹総悪驚慣戯戦戸護"
    "担擁択換拠摂無旧顕暁術殺雑権条来極構標樹様橋検歓残毀気漢彙溝没沢潔浅済測濃潤漲漸温湾満滅灯"
    "霊炉錬熱愛牽状独猟環電画種積称穏窮競筆籌簡類級紀純綱納縦紛紙線練組細織終結給絡統継続維綜緑"
    "編縁網羅職聯粛勝脳脚節蘇範栄薬獲営慮補規視覧覚観触譲訓議講許論証評訴詞試詢詳語誤請読課誰調"
    "談費資賽趙転輪軟載較輯輸辺運遠連選逓通邏郵銭鉄銀鎖錯鍵鎮閲隊陽階際陸陳険随隠難飛飯館馬駐験"
    "騎魚鮮鳥斉竜亀"
)


def _counts(text: str) -> tuple[int, int, int, int, int]:
    hangul = kana = han = latin = other = 0
    for ch in text:
        o = ord(ch)
        if 0xAC00 <= o <= 0xD7A3 or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F:
            hangul += 1
        elif 0x3040 <= o <= 0x30FA or 0x31F0 <= o <= 0x31FF:  # kana, without ・ and ー
            kana += 1
        elif 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF:
            han += 1
        elif ch.isalpha():
            if o < 0x250:
                latin += 1
            else:
                other += 1
    return hangul, kana, han, latin, other


def identify_language(text: str) -> tuple[str | None, float]:
    """Best guess of a paragraph's language and a confidence in [0, 1]; (None, 0.0) when
    there is too little evidence (digits, names, a lone symbol)."""
    hangul, kana, han, latin, other = _counts(text)
    letters = hangul + kana + han + latin + other
    if letters == 0:
        return None, 0.0
    if hangul >= 0.2 * letters:
        return "ko", min(1.0, hangul / letters + 0.3)
    if kana and kana >= 0.02 * (kana + han):
        return "ja", min(1.0, 0.6 + kana / (kana + han))
    if han >= 0.3 * letters:
        simp = sum(1 for ch in text if ch in SIMPLIFIED_ONLY or ch in TRADITIONAL_ONLY)
        jp = sum(1 for ch in text if ch in JAPANESE_ONLY)
        if simp > jp:
            return "zh", min(1.0, 0.5 + 0.1 * (simp - jp))
        if jp > simp:
            return "ja", min(1.0, 0.5 + 0.1 * (jp - simp))
        return None, 0.0
    if latin + other < 3:
        return None, 0.0
    return _langdetect(text)


def _langdetect(text: str) -> tuple[str | None, float]:
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0  # langdetect is random by default; reports must be reproducible
    try:
        best = detect_langs(text)[0]
    except LangDetectException:
        return None, 0.0
    code = best.lang.split("-")[0]
    # Short lines are weak evidence whatever langdetect says.
    weight = min(1.0, len(text.split()) / 8)
    return code, float(best.prob) * weight
