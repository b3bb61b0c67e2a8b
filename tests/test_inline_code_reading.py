"""Inline code that a translation writes where another writes words (issue 14, k8s labels).

The fixture is a selector page in five languages: en, fr and ko write the operators as words
(In, NotIn), ja and zh as inline code (`In`、`NotIn`). The encoder reads short one-word code
(embed.reading), so ja and zh are not taken for cut or missing; a plain word in backticks
that a version translates in its prose (fr «l'opérateur» for `operator`) is no lost code.
"""

from pathlib import Path

import pytest

import parallelcheck
from parallelcheck.embed.reading import ReadingEncoder, reading_texts
from parallelcheck.load import document_from_text
from parallelcheck.segment import segment_document
from parallelcheck.settings import DEFAULT

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "reading"
LANGS = ("en", "ko", "ja", "zh", "fr")


def _texts():
    return {lang: (FIXTURE / f"selectors.{lang}.md").read_text(encoding="utf-8") for lang in LANGS}


def _gating(report):
    return sorted((f.rule, f.language, f.location.line) for f in report.findings if f.severity != "info")


def _segments(lang, text, settings=DEFAULT):
    doc = segment_document(document_from_text(lang, text, source="<t>", input_format="markdown"))
    return [s.text for s in doc.segments], reading_texts(doc, settings.code)


def test_the_encoder_reads_one_word_code_and_the_prose_view_keeps_it_blank():
    text = "# T\n\n`values`のセットは、`In`と`NotIn`では空にできません。`kubectl get pods`で確認します。\n"
    prose, read = _segments("ja", text)
    assert read[1:] == ["values のセットは、In と NotIn では空にできません。",
                        # a command (code with spaces) stays blank
                        "で確認します。"]
    assert "In" not in prose[1] and "values" not in prose[1]  # the checks still see no code
    # a span at a word's end keeps no padding before punctuation; Latin text reads as written
    _, read = _segments("en", "# T\n\nThe operators are `In`, `NotIn` and `Exists`.\n")
    assert read[1] == "The operators are In, NotIn and Exists."


def test_plain_text_and_long_code_are_read_as_before():
    prose, read = _segments("en", "# T\n\nRun `a-very-long-identifier-that-is-more-code-than-word` now.\n")
    assert read == prose
    doc = segment_document(document_from_text("en", "Plain `text` here.", source="<t>"))
    assert reading_texts(doc, DEFAULT.code) == [s.text for s in doc.segments]


def test_texts_cut_from_a_segment_are_read_like_it():
    text = "# T\n\n`values`のセットは、`In`と`NotIn`では空にできません。\n"
    doc = segment_document(document_from_text("ja", text, source="<t>", input_format="markdown"))
    reader = ReadingEncoder(lambda texts: list(texts), [doc], DEFAULT.code)
    segment = doc.segments[1].text
    piece = segment[segment.index("と") :]  # a clause piece, as the aligner's second look cuts it
    assert reader.encode([segment, piece, "と"]) == [
        "values のセットは、In と NotIn では空にできません。", "と NotIn では空にできません。", "と"]
    assert reader.encode(["無関係な文。"]) == ["無関係な文。"]


def test_a_cut_text_is_read_in_the_first_segment_that_holds_it():
    """The reader finds a piece's segment through one index over every segment that shows
    code: each substring of each segment (and text from none) reads as a scan of the segments
    in order would read it."""
    text = ("# T\n\n`values`は`In`を使います。`In`を使います。\n\n"
            "- `NotIn`は否定です。\n- 普通の文です。\n\n`kube-system`に置きます。\n")
    doc = segment_document(document_from_text("ja", text, source="<t>", input_format="markdown"))
    reader = ReadingEncoder(lambda texts: list(texts), [doc], DEFAULT.code)
    parts = reader._parts
    assert len(parts) >= 3

    def scan(piece):  # the reading, segment by segment
        for prose, view, offset in parts:
            at = prose.find(piece)
            if at >= 0:
                lo = 0 if at == 0 else offset + at
                hi = len(view) if at + len(piece) == len(prose) else offset + at + len(piece)
                return view[lo:hi].replace("\x00", "").strip() or piece
        return piece

    pieces = {prose[a:b] for prose, _, _ in parts for a in range(len(prose)) for b in range(a + 1, len(prose) + 1)}
    pieces |= {"無関係な文。", "を使います。`In`"}
    for piece in sorted(pieces):
        if piece not in reader._whole:
            assert reader.read(piece) == scan(piece), piece
    # a segment's whole text reads as that segment: «を使います。» (the second sentence, whose
    # `In` is blank in the prose view) with its code, not as the close of the first
    assert reader.read("を使います。") == "In を使います。" != scan("を使います。")


@pytest.mark.parametrize("source", ["en", None])
def test_operators_written_as_code_are_neither_cut_nor_missing(source):
    assert _gating(parallelcheck.check(_texts(), input_format="markdown", source=source)) == []


def test_blanked_code_made_them_look_cut():
    """The same page read with the code blank (the rule off): ja looks cut short. (zh did too
    until the Markdown calibration stopped counting block marks as content; ja still shows
    what the reading fixes.)"""
    off = DEFAULT.replace("code.read_inline_chars", 0)
    report = parallelcheck.check(_texts(), input_format="markdown", source="en", settings=off)
    assert _gating(report) == [("PC104", "ja", 5)]


def test_a_sentence_really_lost_beside_the_code_is_still_reported():
    texts = _texts()
    texts["ja"] = texts["ja"].replace("`values`のセットは、`In`と`NotIn`においては空にできません。", "")
    report = parallelcheck.check(texts, input_format="markdown", source="en")
    assert _gating(report) == [("PC102", "ja", 5)]
    texts = _texts()
    texts["zh"] = texts["zh"].replace("`In`、`NotIn`、`Exists` 和 `DoesNotExist`。", "`In`。")
    report = parallelcheck.check(texts, input_format="markdown", source="en")
    assert _gating(report) == [("PC104", "zh", 5)]


EN = ("# Selectors\n\nA requirement has a key and an operator. Its `key` field is the label key, the "
      "`operator` is \"In\", and the `values` array holds the value.\n")
FR = ("# Sélecteurs\n\nUne exigence a une clé et un opérateur. Son champ `key` est la clé du label, "
      "l'opérateur est \"In\", et le tableau `values` contient la valeur.\n")
KO = ("# 셀렉터\n\n요건에는 키와 연산자가 있다. `key` 필드는 레이블 키이고, `operator`는 \"In\"이며, "
      "`values` 배열은 값을 가진다.\n")


def _code_findings(fr, settings=DEFAULT):
    report = parallelcheck.check({"en": EN, "fr": fr, "ko": KO}, input_format="markdown", source="en",
                                 settings=settings)
    return [(f.language, f.message.split(" (")[0]) for f in report.findings if f.rule == "PC207"]


def test_a_word_in_backticks_translated_in_the_prose_is_not_lost_code():
    assert _code_findings(FR) == []
    # the rule can fail: with no cognate accepted, fr lacks `operator`
    strict = DEFAULT.replace("code.cognate_similarity", 1.01)
    assert _code_findings(FR, strict) == [("fr", "lacks an inline code span that the en source carries")]


def test_a_word_in_backticks_the_version_leaves_out_is_lost():
    fr = FR.replace("un opérateur", "une condition").replace("l'opérateur est \"In\", ", "")
    assert _code_findings(fr) == [("fr", "lacks an inline code span that the en source carries")]


def test_code_cut_short_is_no_translated_cognate():
    """«`bun» (a sentence cut inside its code span) holds the letters of `bunx` but is shorter:
    the code is lost, not translated."""
    texts = {"en": "# bun x\n\n> This command is an alias of `bunx`.\n",
             "ko": "# bun x\n\n> 이 명령은 `bunx` 의 별칭입니다.\n",
             "ja": "# bun x\n\n> このコマンドは `bun。\n"}
    report = parallelcheck.check(texts, input_format="markdown", source="en")
    assert [(f.language, f.message) for f in report.findings if f.rule == "PC207"] == [
        ("ja", "lacks an inline code span that the en source carries (en ¶1): «bunx»")]


def _content(lang, paragraph, ref_paragraph):
    from parallelcheck.model import Finding, Location, Reference

    return Finding(rule="PC105", kind="drift", severity="warning", language=lang,
                   location=Location(paragraph, 0, 1, 1), reference=Reference("en", ref_paragraph, "x"),
                   score=None, message="drift")


def test_another_revision_counts_each_source_paragraph_it_differs_from():
    """A rewrite that runs several source paragraphs into one of its own differs from each
    (k8s components ko: one long list stands for six English paragraphs)."""
    from types import SimpleNamespace

    from parallelcheck.checks import revision

    ctx = SimpleNamespace(settings=DEFAULT.replace("revision.min_paragraphs", 3), source="en",
                          alignment=SimpleNamespace(paragraphs=SimpleNamespace(rows=[object()] * 6)))
    merged = [_content("ko", 2, ref) for ref in (2, 3, 4)]  # one ko paragraph, three en ones
    assert [f.rule for f in revision.summarise(ctx, merged) if f.severity != "info"] == ["PC108"]
    same = [_content("ko", 2, 2)] * 3  # three findings about one paragraph: one difference
    assert [f.rule for f in revision.summarise(ctx, same) if f.severity != "info"] == ["PC105"] * 3
