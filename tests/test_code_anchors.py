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
    (which every translation has) is called missing instead, in ja and zh at least."""
    from parallelcheck.settings import DEFAULT

    off = DEFAULT.replace("verification.same_code_bonus", 0.0)
    found = [f for f in _gating(check(_texts(), source="en", input_format="markdown", settings=off))
             if f.rule == "PC101"]
    wrong = sorted(f.language for f in found if "index only" in f.reference.text)
    assert {"ja", "zh"} <= set(wrong)


class _WordEncoder:
    """A stand-in encoder: a text's vector is the sum of its words' hashed vectors (texts
    sharing words are alike), so the aligner's code paths run without the model."""

    def encode(self, texts):
        import hashlib

        import numpy as np

        out = np.zeros((len(texts), 16))
        for n, text in enumerate(texts):
            for word in text.lower().split() or [""]:
                out[n] += np.frombuffer(hashlib.md5(word.encode()).digest(), dtype=np.uint8) - 127.5
            out[n] /= np.linalg.norm(out[n]) or 1.0
        return out

    def info(self):
        return {"name": "word-hash", "version": "0", "dimension": 16}


def _random_page(rng, lang):
    words = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu".split()
    blocks = [f"# T {lang}"]
    for _ in range(rng.randint(0, 8)):
        said = " ".join(rng.choice(words) for _ in range(rng.randint(0, 9)))
        kind = rng.random()
        if kind < 0.4:
            blocks += [f"- {said}:", f"`cmd {rng.randint(0, 3)} {{{{x}}}}`"]
        elif kind < 0.6:
            blocks += [f"{said}.", f"```\ncode {rng.randint(0, 2)}\n```"]
        elif kind < 0.8:
            blocks.append(f"{said}. {said[::-1]}.")
        else:
            blocks.append("```sh\nonly code\n```")
    return "\n\n".join(blocks) + "\n"


@pytest.mark.parametrize("seed", range(40))
def test_random_pages_with_code_are_checked_the_same_twice(seed):
    """Pages of items, sentences and code in any order and number (none at all included):
    the code-anchored alignment never fails, and the same input gives the same findings."""
    import random

    from parallelcheck.load import document_from_text
    from parallelcheck.pipeline import check_documents

    rng = random.Random(seed)
    docs = [document_from_text(lang, _random_page(rng, lang), source=lang, input_format="markdown")
            for lang in ("en", "fr", "de")]
    runs = [check_documents(docs, source="en" if seed % 2 else None, embedder=_WordEncoder(), cache=False)
            for _ in range(2)]
    seen = [[(f.rule, f.language, f.location.start, f.location.end, f.message) for f in r.findings] for r in runs]
    assert seen[0] == seen[1]
    for f in runs[0].findings:
        text = next(d.text for d in docs if d.language == f.language)
        assert 0 <= f.location.start <= f.location.end <= len(text)


def test_with_a_source_paragraphs_are_aligned_with_the_source_alone():
    """With a source named, the source alone decides which paragraphs correspond, at the
    paragraph level as at the sentence level: translations that lag the same way (an older
    example where the source has a newer one) must not pull the source's paragraph vectors
    toward their text. Without a source, the second pass aligns with the other versions'
    consensus."""
    import numpy as np

    from parallelcheck.align.nway import Versions, align_paragraphs
    from parallelcheck.load import document_from_text
    from parallelcheck.segment import segment_document
    from parallelcheck.settings import DEFAULT

    docs = [segment_document(document_from_text(lang, text, source=lang, input_format="markdown"))
            for lang, text in _texts().items()]
    encoder = _WordEncoder()
    vecs = {d.language: np.asarray(encoder.encode([s.text for s in d.segments])) for d in docs}
    v = Versions.build(docs, vecs, "en")
    _, refs, _ = align_paragraphs(v, DEFAULT.alignment, consensus=False)
    assert all(np.array_equal(ref, v.para_vecs["en"]) for ref in refs.values())
    _, refs, _ = align_paragraphs(v, DEFAULT.alignment, consensus=True)
    assert not all(np.array_equal(ref, v.para_vecs["en"]) for ref in refs.values())
