"""The shape of a language profile: what the code knows about one language.

Every field has a neutral default, and the defaults are the profile of a language no
module describes (:data:`DEFAULT`): sentences split by sentencex with a few generic
abbreviations, no mid-phrase endings, digits with "." as decimal mark, no number words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

# Abbreviations (lowercase, without the full stop) that end no sentence in any language.
GENERIC_ABBREVIATIONS = frozenset("dr prof mr mrs ms st vs".split())


@dataclass(frozen=True, eq=False)
class HanNumerals:
    """Numerals written in Chinese characters (十五, 二〇二六, 三百万), shared by Chinese and
    Japanese (quantities.py)."""

    digits: Mapping[str, int]  # 〇 一 二 … 九 (两/兩 too)
    units: Mapping[str, int]  # 十 百 千
    myriads: Mapping[str, float]  # 万 億 …: a numeral or digits before one are multiplied
    counters: frozenset[str]  # a single numeral before one of these is a number (三项, 五人)
    ordinal_prefix: str = "第"  # ... and after this one (第三)
    weekday_prefixes: tuple[str, ...] = ()  # a numeral after one of these names a weekday (周五, 星期三)

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        return re.compile("[" + "".join(self.digits) + "".join(self.units) + "]+")


@dataclass(frozen=True, eq=False)
class NativeNumerals:
    """Native number words that count things before a counter word (Korean 세 가지, 열 다섯
    마리; quantities.py). ``pattern`` has two groups, the tens word and the unit word."""

    units: Mapping[str, int]
    tens: Mapping[str, int]
    counters: tuple[str, ...]
    pattern: re.Pattern[str]
    article: str = ""  # the unit word that renders "a" as often as "one": alone, it is no number


@dataclass(frozen=True, eq=False)
class LanguageProfile:
    """What the code knows about one language. A module ``languages/<code>.py`` defines one
    as ``PROFILE``; :func:`parallelcheck.languages.profile` finds it."""

    code: str  # ISO 639-1
    name: str  # English name, as in languages.NAMES
    # Two sentences in the language (ending with its full stop): the consistency tests
    # check the profile against it (script, sentence split, no mid-phrase ending).
    sample: str = ""

    # -- script -------------------------------------------------------------------------
    scripts: tuple[str, ...] = ("Latn",)  # ISO 15924
    # One character of the language's own script, when no other language of the checked set
    # shares it: PC106 reports text almost without it as untranslated (checks/untranslated.py).
    own_script: re.Pattern[str] | None = None
    # Written in East Asian scripts (Han, kana, Hangul). Versions of one such family write
    # the same names and codes in Latin letters, or all transliterate them (checks/names.py).
    cjk: bool = False
    # Words are not separated by spaces and sentences end with 。！？: sentences are split by
    # our own rules, not sentencex; any character may end a cut; every 。 inside a segment is
    # a sentence end (segment/sentences.py, checks/truncated.py).
    spaceless: bool = False
    # A short quotation or bracket is not split at the sentence ends inside it
    # (segment/sentences.py: 「…。」と述べた, “…다.”라고).
    short_quotes_whole: bool = False

    # -- language identification (load/langid.py) --------------------------------------
    # Languages whose text identify_language can mistake for this one's. ja/zh: a text in
    # Han characters only is either, told apart by distinctive_chars and function_chars.
    confusable_with: tuple[str, ...] = ()
    distinctive_chars: frozenset[str] = frozenset()  # characters only this language writes so
    function_chars: frozenset[str] = frozenset()  # frequent function characters: weak evidence
    function_words: frozenset[str] = frozenset()  # frequent words: they outvote n-grams on a short line

    # -- sentences (segment/sentences.py) -----------------------------------------------
    abbreviations: frozenset[str] = GENERIC_ABBREVIATIONS  # lowercase, without the full stop
    # Initialisms written without inner full stops (case-sensitive: «US», not «us»), and the
    # words that follow one as a modifier: «US. Secretary of State» is «U.S.» with a dot lost,
    # not a sentence ending in «US.» (a fragment no translation can mirror). A full stop after
    # one of these is a sentence end unless one of title_words (lowercase) follows.
    dotless_initialisms: frozenset[str] = frozenset()
    title_words: frozenset[str] = frozenset()
    # A short attribution after a closing quote, which belongs to the quote's sentence
    # (ko «“…다.” 아담 씨가 말했다.»); its length limit is in segment/sentences.py.
    attribution: re.Pattern[str] | None = None
    # ... unless it reports speech itself (ko «…다고 말했다»).
    reported_speech: re.Pattern[str] | None = None
    # Words that continue a sentence right after a closing quote (ja 「…」と述べた).
    quotative_particles: tuple[str, ...] = ()
    # Particles written attached to the word before them, a Latin token included («AI를»,
    # «OECD의»): longest first. (Not used yet; for issue 14.)
    attaching_particles: tuple[str, ...] = ()

    # -- mid-phrase endings (segment/endings.py) ----------------------------------------
    # A sentence ends mid-phrase when the last character before its full stop is one of
    # mid_phrase_chars or lies in mid_phrase_ranges; or lies in final_range without being
    # one of sentence_final; or when its last word is one of mid_phrase_words.
    mid_phrase_chars: frozenset[str] = frozenset()
    mid_phrase_ranges: tuple[tuple[str, str], ...] = ()
    final_range: tuple[str, str] | None = None
    sentence_final: frozenset[str] = frozenset()
    mid_phrase_words: frozenset[str] = frozenset()  # lowercase
    # Characters that end a phrase about as often as a sentence: weak evidence of a cut, for
    # a sentence clearly shorter than its counterparts only (Chinese 的: «然而踢球对我来说还挺
    # 难的。» is complete; NTREX lines ending 的。: 32 of 1,641 complete, 60 of 1,997 cut).
    weak_mid_phrase_chars: frozenset[str] = frozenset()
    # List items are often terse noun phrases («대부분 개발자 전용 자료와 일부 기타 파일.»,
    # «開発者向けの資料。»): an item ends mid-phrase only after mid_phrase_chars or
    # mid_phrase_words, or after one of these endings (Korean particles that can't close a noun
    # phrase), not merely outside final_range's sentence endings or in mid_phrase_ranges.
    item_mid_phrase_endings: tuple[str, ...] = ()

    # -- numbers (quantities.py, checks/numbers.py) -------------------------------------
    decimal_mark: str = "."
    # Myriad characters that are an SI prefix before a unit word (Chinese 兆 in 兆字节, 兆赫:
    # mega, not 10¹²): read as no multiplier there.
    si_prefix_myriads: re.Pattern[str] | None = None
    group_marks: str = ","  # characters that group thousands
    # Spelled-out numbers are read (by text2num, in this language).
    spelled_numbers: bool = False
    # Words that scale the digits before them (2.5 million); read in any text that doesn't
    # count in myriads, this language's value first.
    large_number_words: Mapping[str, float] = field(default_factory=dict)
    vague_number_words: frozenset[str] = frozenset()  # "hundreds of": not a number
    month_names: tuple[str, ...] = ()  # January … December, lowercase
    months_capitalised: bool = False  # a lowercase month name is a word ("may")
    # Clock times: a regex of alternatives, each with two groups (hour, minutes or empty).
    clock_pattern: str | None = None
    half_hour: tuple[str, ...] = ()  # "half past" after an hour (5時半)
    # Myriad units (万, 億, 만, 억) and the smaller ones mixed with digits (3천 5백만).
    myriad_units: Mapping[str, float] = field(default_factory=dict)
    small_units: Mapping[str, float] = field(default_factory=dict)
    han_numerals: HanNumerals | None = None
    native_numerals: NativeNumerals | None = None
    # "a"/"one" is written as 1 (1つ, 한 명, 一个) where English and French use an article or
    # a pronoun: a stated 1 has no reliable counterpart (checks/numbers.py).
    one_as_article: bool = False
    # Words that say "one" as a count, not as an article or a pronoun (en «one per line», fr
    # «un par ligne», ko 하나, zh 一行): never read as a number nor blamed, they only support
    # the value 1 against a version that writes another digit there (ja «5行ごと» where the
    # others say one per line; checks/numbers.py). A regex, or None.
    one_words: str | None = None
    # Determiners that make the count after them refer back to a group already named («les
    # quatre jeunes gens», "the four men", 这四名, その4人): a regex matched against the text
    # just before the number (it ends with ``$``). Such a count restates a total the
    # document gave earlier, not a changed figure (checks/numbers.py). None: not read.
    restating_determiners: str | None = None
    # Shell terms that English writes as code and this language's prose as its usual words
    # (tldr «to `stdout`», fr «sur la sortie standard», ja «標準出力に»): a code span of the
    # source with one of these renderings in the version's text of its row is translated, not
    # lost (PC207, checks/code.py). Code text -> renderings, lowercase (spaces and the
    # apostrophe's form are not compared).
    code_terms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def counts_in_myriads(self) -> bool:
        """Large numbers are written with myriad units (1,500만, 3億): digits mixed with unit
        characters are read, English/French scale words are not."""
        return bool(self.myriad_units)


# The profile of every language no module describes.
DEFAULT = LanguageProfile(code="und", name="Undetermined")
