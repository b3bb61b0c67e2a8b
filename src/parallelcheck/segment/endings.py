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

from ..languages import profile

_FINAL = ".。．!?！？"
# What can't end a sentence is each language's profile: mid_phrase_chars, mid_phrase_ranges,
# final_range without sentence_final (Korean verb endings, Japanese kana endings) and
# mid_phrase_words (French and English articles, prepositions, auxiliaries).
_WORD = re.compile(r"\w+")


STRONG, WEAK = "strong", "weak"


def ends_mid_phrase(text: str, language: str, item: bool = False) -> bool:
    """True when ``text`` ends with a full stop (or ?/!) placed after an element that can't
    end a sentence in ``language`` (or, weaker evidence, one that ends a phrase about as often
    as a sentence: :func:`mid_phrase_ending`). Unknown languages: False. ``item``: the text is
    a list item, which may be a complete noun phrase (profile.item_mid_phrase_endings)."""
    return mid_phrase_ending(text, language, item) is not None


def mid_phrase_ending(text: str, language: str, item: bool = False) -> str | None:
    """How ``text`` ends: :data:`STRONG` after an element that can't end a sentence (a
    particle, a connective, an article, an open parenthesis), :data:`WEAK` after one that
    ends a phrase about as often as a sentence (profile.weak_mid_phrase_chars: Chinese
    «…还挺难的。»), None when it ends properly (or has no full stop)."""
    t = text.rstrip()
    if not t or t[-1] not in _FINAL:
        return None
    t = t.rstrip(_FINAL).rstrip()
    if not t:
        return None
    if t.count("(") + t.count("（") > t.count(")") + t.count("）"):
        return STRONG  # a parenthesis left open: «헨드릭 스텐슨(Henrik.» (they don't span sentences)
    last = t[-1]
    lang = profile(language)
    if last in lang.weak_mid_phrase_chars:
        return WEAK
    if item:
        found = _WORD.findall(t.lower())
        return STRONG if (last in lang.mid_phrase_chars or t.endswith(lang.item_mid_phrase_endings)
                          or bool(found) and found[-1] in lang.mid_phrase_words) else None
    if last in lang.mid_phrase_chars or any(lo <= last <= hi for lo, hi in lang.mid_phrase_ranges):
        return STRONG
    if lang.final_range is not None and lang.final_range[0] <= last <= lang.final_range[1]:
        return None if last in lang.sentence_final else STRONG
    if not lang.mid_phrase_words:
        return None
    found = _WORD.findall(t.lower())
    return STRONG if found and found[-1] in lang.mid_phrase_words else None
