"""Language profiles: every registered profile is consistent with its own sample text, and
the lenient lookup gives the default profile to languages no module describes."""

from __future__ import annotations

import re
import sys

import pytest

from parallelcheck import languages
from parallelcheck.errors import UsageError
from parallelcheck.languages import NAMES, LanguageProfile, normalize_language, profile, profiles
from parallelcheck.languages._profile import GENERIC_ABBREVIATIONS
from parallelcheck.quantities import CLOCK, quantities
from parallelcheck.segment.endings import ends_mid_phrase
from parallelcheck.segment.sentences import split_sentences

PROFILES = profiles()
IDS = [p.code for p in PROFILES]


def test_the_checked_languages_have_profiles():
    assert {"ko", "en", "ja", "zh", "fr"} <= set(IDS)
    assert IDS == sorted(IDS)


@pytest.mark.parametrize("p", PROFILES, ids=IDS)
def test_profile_names_its_language(p: LanguageProfile):
    assert normalize_language(p.code) == p.code
    assert p.name == NAMES[p.code]
    assert profile(p.code) is p and profile(p.code.upper()) is p


@pytest.mark.parametrize("p", PROFILES, ids=IDS)
def test_sample_is_two_sentences_that_end_properly(p: LanguageProfile):
    spans = split_sentences(p.sample, p.code)
    assert len(spans) == 2, [p.sample[s:e] for s, e in spans]
    for s, e in spans:
        assert not ends_mid_phrase(p.sample[s:e], p.code), p.sample[s:e]
    # ... and cut before its last word or character, its first sentence ends mid-phrase where
    # the profile knows how a cut sentence ends (the endings are not empty).
    first = p.sample[spans[0][0] : spans[0][1]]
    if p.mid_phrase_words:
        words = first.rstrip(".").split()
        assert any(ends_mid_phrase(" ".join(words[:k]) + ".", p.code) for k in range(1, len(words)))
    if p.mid_phrase_chars or p.final_range:
        assert any(ends_mid_phrase(first[:k] + "。", p.code) for k in range(1, len(first) - 1))


@pytest.mark.parametrize("p", PROFILES, ids=IDS)
def test_own_script(p: LanguageProfile):
    letters = sum(ch.isalpha() for ch in p.sample)
    if p.own_script is None:
        assert p.scripts == ("Latn",)  # a script other languages share is no evidence
        return
    assert len(p.own_script.findall(p.sample)) >= 0.5 * letters
    assert p.cjk and "Latn" not in p.scripts
    for other in PROFILES:
        if other.scripts == ("Latn",):
            assert not p.own_script.search(other.sample), other.code


@pytest.mark.parametrize("p", PROFILES, ids=IDS)
def test_script_properties_agree(p: LanguageProfile):
    if p.spaceless:
        assert p.cjk and " " not in p.sample
    else:
        assert " " in p.sample
    for code in p.confusable_with:
        assert code in NAMES and code != p.code
        if code in IDS:
            assert p.code in profile(code).confusable_with  # confusion goes both ways
    if p.distinctive_chars:
        for other in PROFILES:
            assert other is p or not p.distinctive_chars & other.distinctive_chars


@pytest.mark.parametrize("p", PROFILES, ids=IDS)
def test_word_lists_are_normalised(p: LanguageProfile):
    for word in p.abbreviations | p.mid_phrase_words | p.function_words:
        assert word == word.lower() and word.strip(". ") == word and word, word
    assert bool(p.final_range) == bool(p.sentence_final)
    if p.final_range:
        assert all(p.final_range[0] <= ch <= p.final_range[1] for ch in p.sentence_final)
    assert all(len(ch) == 1 for ch in p.mid_phrase_chars | p.sentence_final | p.distinctive_chars | p.function_chars)
    lengths = [len(w) for w in p.attaching_particles]
    assert lengths == sorted(lengths, reverse=True)  # longest first


@pytest.mark.parametrize("p", PROFILES, ids=IDS)
def test_number_knowledge(p: LanguageProfile):
    assert p.decimal_mark not in p.group_marks
    assert all(v >= 1000 for v in p.large_number_words.values())
    assert all(v >= 1e4 for v in p.myriad_units.values())
    if p.month_names:
        assert len(set(p.month_names)) == 12 and all(m == m.lower() for m in p.month_names)
        assert [q.value for q in quantities(p.month_names[6].capitalize() + " 2026", p.code) if q.value < 13] == [7]
    if p.clock_pattern:
        # Every alternative has (hour, minutes); the sample says half past two in the afternoon.
        assert re.compile(p.clock_pattern).groups % 2 == 0
        assert [q.value for q in quantities(p.sample, p.code) if q.unit == CLOCK] == [150.0]
    if p.native_numerals is not None:
        assert p.native_numerals.article in p.native_numerals.units
        assert p.native_numerals.pattern.groups == 2


def test_korean_particles_and_counts():
    ko = profile("ko")
    assert {"을", "를", "이", "가", "에서", "의"} <= set(ko.attaching_particles)
    assert all("\uac00" <= ch <= "\ud7a3" for w in ko.attaching_particles for ch in w)
    assert [q.value for q in quantities(ko.sample, "ko") if not q.unit] == [3.0]  # 세 가지


def test_lenient_lookup_and_default_profile():
    assert profile("zh-Hant") is profile("zh") and profile("ja_JP") is profile("ja")
    assert profile("") is profile("en")  # (what the segmenter always did)
    ru = profile("ru")
    assert (ru.code, ru.name) == ("ru", "Russian")
    assert ru.abbreviations is GENERIC_ABBREVIATIONS and not ru.spaceless and ru.own_script is None
    assert profile("xx-YY").code == "xx"  # unknown: the default profile, carrying the code
    assert not ends_mid_phrase("A sentence in an unknown language of.", "xx")
    with pytest.raises(UsageError):
        normalize_language("xx")  # the one normalize_language stays strict


def test_a_language_is_one_module(tmp_path, monkeypatch):
    """A new file in the package is found: Swahili, from a module of its own."""
    text = "Alifika na Bi. Amina jana. Ni kweli."
    assert len(_sentences(text, "sw")) == 3  # the default profile knows no "Bi." (Mrs)
    (tmp_path / "sw.py").write_text(
        "from parallelcheck.languages import LanguageProfile\n"
        "PROFILE = LanguageProfile(code='sw', name='Swahili', abbreviations=frozenset({'bw', 'bi'}))\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(languages, "__path__", [*languages.__path__, str(tmp_path)])
    languages._registry.cache_clear()
    profile.cache_clear()
    try:
        assert profile("sw").abbreviations == {"bw", "bi"}
        assert _sentences(text, "sw") == ["Alifika na Bi. Amina jana.", "Ni kweli."]
    finally:
        monkeypatch.undo()
        languages._registry.cache_clear()
        profile.cache_clear()
        sys.modules.pop("parallelcheck.languages.sw", None)
    assert profile("sw").abbreviations is GENERIC_ABBREVIATIONS


def _sentences(text: str, lang: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, lang)]
