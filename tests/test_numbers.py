"""PC201 number-mismatch and the quantity reader behind it, on the example and NTREX text."""

import pytest

import parallelcheck
from parallelcheck.load import load_paths
from parallelcheck.quantities import quantities

from .conftest import SEED, ntrex_documents, paragraphs_of, render_texts


@pytest.mark.parametrize(
    ("text", "lang", "values"),
    [
        ("Fifteen public institutions and 2.5 million people", "en", [15, 2.5e6]),
        ("the twelfth of May, 1,000 cars, 11%", "en", [12, 1000, 11]),
        ("Quinze institutions, 2,5 millions, 1 000 voitures, 11,4 %", "fr", [15, 2.5e6, 1000, 11.4]),
        ("la troisième fois", "fr", [3]),
        ("15개 과제, 1,500만 명, 세 가지, 제3차, 2026년 12일", "ko", [15, 1.5e7, 3, 3, 2026, 12]),
        ("1억 5천만 원", "ko", [1.5e8]),
        ("十五项措施、1500万人、第3次、二十五日、１５件、三大", "zh", [15, 1.5e7, 3, 25, 15, 3]),
        ("中小企業15社、3万人、二〇二六年", "ja", [15, 3e4, 2026]),
    ],
)
def test_numbers_are_read_as_values_in_every_script(text, lang, values):
    assert [q.value for q in quantities(text, lang)] == values


@pytest.mark.parametrize(
    ("text", "lang"),
    [("一些人一直在统一", "zh"), ("one of the biggest", "en"), ("une réunion", "fr"), ("한편 그는", "ko")],
)
def test_words_that_only_look_like_numbers_are_not_read(text, lang):
    assert quantities(text, lang) == []


def test_spans_point_at_the_number_words():
    text = "She presented three core missions"
    (q,) = quantities(text, "en")
    assert text[q.start : q.end] == "three"


def _seed_versions():
    return {d.language: d.text[d.paragraphs[0].start : d.paragraphs[-1].end] for d in load_paths([str(SEED)])}


def _numbers(report):
    return [f for f in report.findings if f.rule == "PC201"]


def test_the_example_has_no_number_findings():
    # "Fifteen" / "Quinze" / "15" and "three" / "三" / "3" are the same numbers
    assert _numbers(parallelcheck.check_documents(load_paths([str(SEED)]))) == []


def test_a_changed_digit_is_blamed_on_its_version_with_both_values():
    versions = _seed_versions()
    assert "15" in versions["ja"]
    versions["ja"] = versions["ja"].replace("15", "50", 1)
    found = _numbers(parallelcheck.check(versions, pivot="ko"))
    assert [(f.language, f.severity) for f in found] == [("ja", "error")]
    f = found[0]
    assert "50" in f.message and "15" in f.message
    assert versions["ja"][f.location.start : f.location.end] == "50"


def test_a_changed_number_word_is_found():
    versions = _seed_versions()
    versions["fr"] = versions["fr"].replace("Quinze", "Seize", 1)
    found = _numbers(parallelcheck.check(versions, pivot="ko"))
    assert [f.language for f in found] == ["fr"] and "Seize" in found[0].message


def test_a_number_left_implicit_is_not_an_error():
    versions = _seed_versions()
    versions["en"] = versions["en"].replace("Fifteen public institutions", "Public institutions", 1)
    assert _numbers(parallelcheck.check(versions, pivot="ko")) == []


@pytest.mark.parametrize("doc", ntrex_documents(), ids=lambda d: d["id"])
def test_clean_news_documents_have_no_number_findings(doc):
    paras = {lang: paragraphs_of(lines) for lang, lines in doc["lines"].items()}
    assert _numbers(parallelcheck.check(render_texts(paras))) == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("winds of 85 mph", "en", [(85, "mile")]),
        ("시속 85마일의 바람", "ko", [(85, "mile")]),
        ("des vents de 135 km/h", "fr", [(135, "km")]),
        ("1 to 4 inches of rain", "en", [(1, "inch"), (4, "inch")]),
        ("a 650 pound pig, 20 people", "en", [(650, "lb"), (20, "")]),
        ("80 degrees at 7.55am, or 2pm", "en", []),  # converted with shifts: left out
        ("오후 2시", "ko", []),
    ],
)
def test_lengths_and_weights_keep_their_unit_and_times_are_left_out(text, lang, expected):
    assert [(q.value, q.unit) for q in quantities(text, lang)] == expected
