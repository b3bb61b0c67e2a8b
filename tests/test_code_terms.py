"""PC207 and shell terms written as code in the source and as words in a translation (issue 14).

The fixture is a tldr-like page (``tee``) in five languages, en the source, which writes
`stdin` and `stdout` as code. fr and ja write them as their usual words (fr «l'entrée standard»,
«la sortie standard»; ja 標準入力, 標準出力), ko keeps the code, zh writes `标准输入` in
backticks. fr's third example drops the term altogether («Affiche le texte dans le terminal»).
"""

from pathlib import Path

import pytest

import parallelcheck
from parallelcheck.languages import profile

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "terms"
LANGS = ("en", "fr", "ja", "ko", "zh")


@pytest.fixture(scope="module")
def report():
    texts = {lang: (FIXTURE / f"tee.{lang}.md").read_text(encoding="utf-8") for lang in LANGS}
    return parallelcheck.check(texts, input_format="markdown", source="en")


def test_a_term_rendered_as_its_usual_words_is_not_lost(report):
    # fr ¶2 and ja ¶2, ¶4 say «l'entrée standard», 標準入力 …: nothing to report there
    flagged = sorted((f.language, f.location.line) for f in report.findings
                     if f.rule == "PC207" and f.severity != "info")
    assert flagged == [("fr", 14)]


def test_a_term_the_translation_does_not_render_is_still_lost(report):
    (f,) = [f for f in report.findings if f.rule == "PC207" and f.language == "fr"]
    assert "lacks an inline code span" in f.message and "«stdin»" in f.message


def test_the_renderings_are_language_knowledge():
    assert "sortie standard" in profile("fr").code_terms["stdout"]
    assert "標準入力" in profile("ja").code_terms["stdin"]
    assert profile("en").code_terms == {}
