"""Japanese."""

import re

from ._han import HAN_HALF_HOUR, HAN_NUMERALS
from ._profile import LanguageProfile

# Japanese shinjitai distinct from both Chinese forms, and kokuji (込, 働, 畑...).
JAPANESE_ONLY = frozenset(
    "関発経実対説歳駅売読続広転辺変図権労営単戦挙様総観気価検険験応恵徳黒楽薬両満証児帰継済剤"
    "圧伝囲拡択沢訳駆鉄県郷弾円雑穏隠込働畑枠峠従歩毎渋浄涙焼猟獣盗禅稲穂粋絵縄繊聴脳蔵覚豊賛"
    "軽遅醸釈錬隣霊顔騒髪齢竜亀乗乱亜仮仏併偽効収団圏堕塁塩壊奨娯嬢専巻帯庁廃弁徴悩悪惨懐戸拝"
    "拠挟捨掲揺摂撃斉昼晩暁暦栄桜検楽歓歯歴殴浜渓渉滝潜瀬焼畳砕粛糸緑縁縦芸荘虚覧蛍謡譲賓践辞"
    "逓郷酔醸鉱銭闘陥険隣静頼顕駅騒鶏黙"
)

PROFILE = LanguageProfile(
    code="ja",
    name="Japanese",
    sample="中小企業の成長を支援する。大臣は午後2時30分に「三つの課題がある。」と述べた。",
    scripts=("Hani", "Hira", "Kana"),
    own_script=re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]"),
    cjk=True,
    spaceless=True,
    short_quotes_whole=True,
    # A kanji-only headline reads as Chinese; told apart by the characters only Japanese writes.
    confusable_with=("zh",),
    distinctive_chars=JAPANESE_ONLY,
    quotative_particles=("と", "って", "との", "という", "など", "とか", "や", "の"),
    # Particles, commas and opening brackets cannot end a sentence; kanji and katakana can
    # (headline style) but rarely do before 。 in running text; nor does hiragana other than
    # the verb, adjective and sentence-final endings (a word cut in two: «ひ» of «ひき逃げ»).
    mid_phrase_chars=frozenset("のをにはがでともへや、「（"),
    mid_phrase_ranges=(("\u4e00", "\u9fff"), ("\u30a0", "\u30ff")),
    final_range=("\u3041", "\u309f"),
    sentence_final=frozenset("うくすつぬむるぐずぶたいだかんよねみてなわぞぜさえ"),  # (u-row: dictionary forms)
    clock_pattern=(r"(?<![\d:.,])(\d{1,2})\s?時(?!間|代|点)(?:\s?(\d{1,2})\s?分)?"
                   r"|(?<![\d:.,])(\d{1,2})[:：](\d{2})(?![\d:])"),
    half_hour=HAN_HALF_HOUR,
    myriad_units=HAN_NUMERALS.myriads,
    small_units={"千": 1e3, "百": 1e2},
    han_numerals=HAN_NUMERALS,
    one_as_article=True,
    one_words=r"(?:一|ひと)つ",
    code_terms={"stdout": ("標準出力",), "stdin": ("標準入力",), "stderr": ("標準エラー",)},
    restating_determiners=r"(?:その|これらの|それらの|この|上記の)$",
)
