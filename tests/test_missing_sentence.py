"""PC102 missing-sentence on what is not missing (issue 14): a sentence the version ran into
its neighbour, and a sentence the source's segmenter split off at an abbreviation.

Fixtures in tests/fixtures/merged (written for these tests):

- ``plan``: a short report in five languages; ko keeps a quotation whole, so its last
  sentence («Drop the plan and start listening to people.») sits inside the segment that
  also holds the sentence before it.
- ``envoy``: a short report whose English writes «US. Secretary of State» (U.S. with a dot
  lost); every translation has the whole sentence.
"""

from pathlib import Path

import pytest

from parallelcheck import check
from parallelcheck.segment.sentences import split_sentences
from parallelcheck.settings import DEFAULT

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "merged"
LANGS = ("en", "ko", "ja", "zh", "fr")
DROPPED = " 제발 계획을 철회하고 시민의 말을 들어라."  # ko's rendering of «Drop the plan and start listening to people.»
# Verification that sees no clause as expressed (an encoder that scores this pair low): the
# merge is left to PC102's own look at the neighbouring segment.
BLIND = DEFAULT.replace("verification.trusted", 5.0).replace("verification.expressed", 5.0)


def _texts(stem: str, langs=LANGS) -> dict[str, str]:
    return {lang: (FIXTURE / f"{stem}.{lang}.txt").read_text(encoding="utf-8") for lang in langs}


def _missing(report):
    return sorted((f.rule, f.language, f.location.paragraph) for f in report.findings if f.rule == "PC102")


@pytest.mark.parametrize("langs", [LANGS, ("en", "ko")])
def test_a_sentence_run_into_its_neighbour_is_not_missing(langs):
    texts = _texts("plan", langs)
    assert DROPPED in texts["ko"]
    assert _missing(check(texts, settings=BLIND)) == []
    assert _missing(check(texts)) == []


@pytest.mark.parametrize("settings", [DEFAULT, BLIND])
def test_the_same_sentence_really_dropped_is_missing(settings):
    texts = _texts("plan")
    texts["ko"] = texts["ko"].replace(DROPPED, "")
    report = check(texts, settings=settings)
    assert _missing(report) == [("PC102", "ko", 2)]
    (f,) = [f for f in report.findings if f.rule == "PC102"]
    assert f.reference.text == "Drop the plan and start listening to people."


def test_a_source_split_at_a_dotless_initialism_is_not_a_missing_sentence():
    report = check(_texts("envoy"), source="en")
    assert [(f.rule, f.language) for f in report.findings if f.severity in ("error", "warning")] == []
    en = _texts("envoy", ("en",))["en"].split("\n\n")[1]
    sentences = [en[a:b] for a, b in split_sentences(en, "en")]
    assert sentences[-1].startswith("His remarks come as US. Secretary of State Mike Pompeo")


@pytest.mark.parametrize("text, expected", [
    ("His comments come as US. Secretary of State Mike Pompeo spoke.", 1),  # U.S. with a dot lost
    ("The UK. Government officials disagreed.", 1),
    ("He moved to the US. Then he left.", 2),  # a sentence that ends in the initialism
    ("Tell us. Secretary Smith came.", 2),  # the pronoun, not the initialism (case-sensitive)
])
def test_a_dotless_initialism_before_a_title_is_not_a_sentence_end(text, expected):
    assert len(split_sentences(text, "en")) == expected


def test_a_full_stop_before_a_no_break_space_and_guillemet_ends_the_sentence():
    # (the end of a quotation opened in an earlier paragraph; a quotation follows)
    text = ("Comment pouvons-nous changer cela\u00a0? Quelque chose ne va pas.\u00a0» Dans l’interview, "
            "il a parlé des «\u00a0champs de bataille\u00a0».")
    assert [text[a:b] for a, b in split_sentences(text, "fr")] == [
        "Comment pouvons-nous changer cela\u00a0?", "Quelque chose ne va pas.\u00a0»",
        "Dans l’interview, il a parlé des «\u00a0champs de bataille\u00a0»."]
    text = "« Il part.\u00a0» dit-il."  # a lowercase word continues the sentence
    assert len(split_sentences(text, "fr")) == 1
