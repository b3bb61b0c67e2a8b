"""Code blocks anchor the alignment of Markdown pages (issue 14, tldr-pages).

A tldr page is a list of examples, each one paragraph followed by its command. Translations
that lag the source lack an example, and the examples say much the same ("refresh the
package index …"), so the encoder alone pairs them one off and merges two source examples
into one translated item: the lost example went unreported and a present one was named as
lost. The fixture is our own page (a made-up ``pkgtool``) in five languages; the
translations lack the first example.
"""

from pathlib import Path

import pytest

from parallelcheck import check

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "code_anchors"
LANGS = ("en", "ko", "ja", "zh", "fr")


def _texts():
    return {lang: (FIXTURE / f"pkgtool.{lang}.md").read_text(encoding="utf-8") for lang in LANGS}


def _gating(report):
    return [f for f in report.findings if f.severity != "info"]


def test_the_lost_example_is_the_one_reported_in_every_translation():
    found = _gating(check(_texts(), source="en", input_format="markdown"))
    assert sorted((f.rule, f.language, f.location.line) for f in found) == [
        ("PC101", lang, 3) for lang in ("fr", "ja", "ko", "zh")]
    for f in found:
        assert "Refresh the package index and upgrade every installed package" in f.reference.text
        assert "index only" not in f.message


def test_an_example_lost_in_the_middle_is_named():
    texts = _texts()
    texts["fr"] = texts["fr"].replace("- Installe un paquet depuis l'index :\n\n`pkgtool add {{paquet}}`\n\n", "")
    found = [(f.rule, f.language, f.reference.text) for f in _gating(check(texts, source="en", input_format="markdown"))
             if f.language == "fr"]
    assert [rule for rule, _, _ in found] == ["PC101", "PC101"]
    assert "upgrade every installed package" in found[0][2] and "Install a package" in found[1][2]


@pytest.mark.parametrize("source", ["en", None])
def test_a_paragraph_split_around_its_code_block_is_no_loss(source):
    """A translation that splits a paragraph and keeps the code block after its first half
    has as many code blocks as the source there: one piece of content, nothing lost."""
    code = "```shell\ncurl -s https://example.org/api/harbour\n```"
    en = ("# Harbour works\n\nThe city council approved the harbour works on Monday after a long debate. "
          "The works will start in spring and last two years.\n\n" + code +
          "\n\nResidents of the old town will be informed by letter before the works begin.\n")
    fr = ("# Travaux du port\n\nLe conseil municipal a approuvé lundi les travaux du port après un long débat.\n\n"
          + code + "\n\nLes travaux commenceront au printemps et dureront deux ans.\n\n"
          "Les habitants de la vieille ville seront informés par courrier avant le début des travaux.\n")
    de = ("# Hafenarbeiten\n\nDer Stadtrat hat die Hafenarbeiten am Montag nach einer langen Debatte genehmigt. "
          "Die Arbeiten beginnen im Frühling und dauern zwei Jahre.\n\n" + code +
          "\n\nDie Bewohner der Altstadt werden vor Beginn der Arbeiten per Brief informiert.\n")
    assert _gating(check({"en": en, "fr": fr, "de": de}, source=source, input_format="markdown")) == []


def test_without_the_command_the_encoder_names_the_wrong_example():
    """What the code decides: with the same-code bonus off, «Refresh the package index only»
    (which every translation has) is called missing instead."""
    from parallelcheck.settings import DEFAULT

    off = DEFAULT.replace("verification.same_code_bonus", 0.0)
    found = [f for f in _gating(check(_texts(), source="en", input_format="markdown", settings=off))
             if f.rule == "PC101"]
    assert found and all("index only" in f.reference.text for f in found)
