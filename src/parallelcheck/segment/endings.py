"""Does a sentence end mid-phrase? A full stop right after a particle, a connective or an
article is what a sentence cut at a character limit looks like ("… in order to the." /
"…를 위해." / "…政府の。"), and what complete sentences almost never do.

Measured on NTREX-128 (1,997 lines per language; `python -m benchmarks.endings`): complete
sentences (lines with a final stop) end this way in 1.6% (ko), 0.9% (ja), 2.6% (zh), 0.3%
(fr), 1.4% (en) of cases; the same lines cut at half their length in 90%, 82%, 17%, 40% and
31% (before the Japanese kana, Chinese adverb, French auxiliary and open-parenthesis rules:
87%, 73%, 14%, 38%, 30%, with complete sentences at 1.6%, 0.8%, 2.6%, 0.3%, 1.4%). So the
signal is strong where it fires (Korean and Japanese most), and is only ever used together
with length.
"""

from __future__ import annotations

import re

from .sentences import normalize_language

_FINAL = ".。．!?！？"
# Korean sentences end with a verb ending; these are its last syllables.
_KO_FINAL = set("다요까죠네오라자군나지음함임됨기")
# Japanese: particles, commas and opening brackets cannot end a sentence; kanji and
# katakana can (headline style) but rarely do before 。 in running text; nor does hiragana
# other than the verb, adjective and sentence-final endings below (a word cut in two: «ひ»
# of «ひき逃げ»).
_JA_BAD = set("のをにはがでともへや、「（")
_JA_FINAL_KANA = set("うくすつぬむるぐずぶたいだかんよねみてなわぞぜさえ")  # (u-row: dictionary forms)
_ZH_BAD = set("的在和与及对将把被从向为于以而或但是，、“《（" "就也都很最再曾且")  # (then adverbs: they modify a verb to come)
_FUNCTION_WORDS = {
    "fr": set("de du des la le les l un une et à au aux en pour par que qui dans sur avec ou mais d qu ce "
              "cette ces son sa ses leur leurs plus très a ont".split()),  # (a, ont: auxiliaries)
    "en": set("the a an of to and or in on at for with by from that which who as but their his her its "
              "this these".split()),
}
_WORD = re.compile(r"\w+")


def ends_mid_phrase(text: str, language: str) -> bool:
    """True when ``text`` ends with a full stop (or ?/!) placed after an element that can't
    end a sentence in ``language``. Unknown languages: False."""
    t = text.rstrip()
    if not t or t[-1] not in _FINAL:
        return False
    t = t.rstrip(_FINAL).rstrip()
    if not t:
        return False
    if t.count("(") + t.count("（") > t.count(")") + t.count("）"):
        return True  # a parenthesis left open: «헨드릭 스텐슨(Henrik.» (they don't span sentences)
    last = t[-1]
    lang = normalize_language(language)
    if lang == "ko":
        return "\uac00" <= last <= "\ud7a3" and last not in _KO_FINAL
    if lang == "ja":
        return (last in _JA_BAD or "\u4e00" <= last <= "\u9fff" or "\u30a0" <= last <= "\u30ff"
                or ("\u3041" <= last <= "\u309f" and last not in _JA_FINAL_KANA))
    if lang == "zh":
        return last in _ZH_BAD
    words = _FUNCTION_WORDS.get(lang)
    if words is None:
        return False
    found = _WORD.findall(t.lower())
    return bool(found) and found[-1] in words
