"""Korean."""

import re

from ._profile import LanguageProfile, NativeNumerals

_NATIVE_UNITS = {"한": 1, "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9}
# Tens before a unit word: 열 다섯 (15), 스무 (20), 서른 두 (32); 한 (one) counts after them.
_NATIVE_TENS = {"열": 10, "스물": 20, "스무": 20, "서른": 30, "마흔": 40, "쉰": 50}
_COUNTERS = ("개", "명", "가지", "곳", "번", "차례", "건", "대", "마리", "권", "장", "척", "군데", "달", "해", "살",
             "시간", "주일", "사람", "아이", "자녀", "형제")

PROFILE = LanguageProfile(
    code="ko",
    name="Korean",
    sample="정부는 중소기업의 성장을 지원한다. 장관은 오후 2시 30분에 “세 가지를 하겠다.”라고 말했다.",
    scripts=("Hang",),
    own_script=re.compile(r"[\uac00-\ud7a3]"),
    cjk=True,
    short_quotes_whole=True,
    attribution=re.compile(r"(말|밝|전|덧붙|설명|강조|주장|지적|언급|답|물|발표)[가-힣]*(다|니다)[.!]?$"),
    reported_speech=re.compile(r"[다라냐자]고\s"),
    attaching_particles=("에서", "에게", "한테", "으로", "부터", "까지", "처럼", "보다",
                         "을", "를", "이", "가", "은", "는", "에", "의", "와", "과", "로", "도", "만"),
    # Korean sentences end with a verb ending: these are its last syllables.
    final_range=("\uac00", "\ud7a3"),
    sentence_final=frozenset("다요까죠네오라자군나지음함임됨기"),
    # (이, 가, 도, 로, 만 end many nouns too: 코드, 지도, 디렉터리 — not listed)
    item_mid_phrase_endings=("에서", "에게", "으로", "부터", "까지", "처럼", "보다", "을", "를", "의", "와", "과", "및"),
    clock_pattern=(r"(?<![\d:.,])(\d{1,2})\s?시(?!간|장|민|즌|대|작|즉)(?:\s?(\d{1,2})\s?분)?"
                   r"|(?<![\d:.,])(\d{1,2})[:：](\d{2})(?![\d:])"),
    half_hour=("반",),
    myriad_units={"만": 1e4, "억": 1e8, "조": 1e12},
    small_units={"천": 1e3, "백": 1e2},
    # Native numbers count things: "세 가지", "두 명" (only before a counter word; 한, "one",
    # alone renders the article "a" as often as a count).
    native_numerals=NativeNumerals(
        units=_NATIVE_UNITS,
        tens=_NATIVE_TENS,
        counters=_COUNTERS,
        pattern=re.compile(  # particles may follow: 세 가지를, 두 번째로
            rf"(?<![가-힣])(?:({'|'.join(_NATIVE_TENS)})\s?)?({'|'.join(_NATIVE_UNITS)})?(?<=[가-힣])\s?"
            rf"(?:{'|'.join(_COUNTERS)})"
        ),
        article="한",
    ),
    one_as_article=True,
    # 하나 (one, the count); 한 before a noun is as often the article "a".
    one_words=r"하나",
    code_terms={"stdout": ("표준 출력",), "stdin": ("표준 입력",), "stderr": ("표준 오류", "표준 에러")},
    restating_determiners=r"(?:^|[\s(])(?:그|이|이들|해당|상기)\s*$",
)
