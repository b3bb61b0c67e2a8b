"""A Markdown page is calibrated as its prose: what the page repeats (its front-matter title,
again as its heading) and the markup blanked out of its prose view (a link's target) must
not change what a version's sentences are measured against (issue 13: PC104 found fewer cut
sentences on the NTREX documents rendered as Markdown than on the same text as plain text).

Fixture: tests/fixtures/calibration/harbour.<lang>.{md,txt} — one short news item written
for these tests in five languages, as a Markdown page (front matter, heading, a link in
en/fr/ko) and as plain text (the headline once, no markup)."""

from pathlib import Path

import pytest

from parallelcheck.align.nway import content_length
from parallelcheck.checks.truncated import _cut_at
from parallelcheck.load import document_from_text
from parallelcheck.load.markdown import markdown_document

FIXTURE = Path(__file__).parent / "fixtures" / "calibration"
LANGS = ("en", "fr", "ko", "zh", "ja")


def _calibration(suffix: str, input_format: str, embedder):
    from parallelcheck.align.nway import align_documents
    from parallelcheck.segment import segment_document

    docs = [segment_document(document_from_text(
        lang, (FIXTURE / f"harbour.{lang}.{suffix}").read_text(encoding="utf-8"), input_format=input_format))
        for lang in LANGS]
    vecs = {d.language: embedder.encode([s.text for s in d.segments]) for d in docs}
    return align_documents(docs, vecs, "en", encode=embedder.encode).calibration


@pytest.fixture(scope="module")
def calibrations():
    from parallelcheck.embed import get_embedder

    embedder = get_embedder()
    return _calibration("md", "markdown", embedder), _calibration("txt", "text", embedder)


def test_the_fixture_pages_repeat_their_title():
    # what the tests below rely on: the page's prose has the title twice, the text once
    for lang in LANGS:
        page = markdown_document(lang, (FIXTURE / f"harbour.{lang}.md").read_text(encoding="utf-8"))
        title = page.paragraph_text(0)
        assert page.paragraph_text(1) == "# " + title
        text = (FIXTURE / f"harbour.{lang}.txt").read_text(encoding="utf-8")
        assert text.count(title) == 1


def test_a_repeated_title_does_not_weigh_double_in_the_length_ratio(calibrations):
    # The headline's length ratio (zh 9 characters for en's 33 letters) is not the body's:
    # counted twice, it moved every length the checks judge against (PC104's relative length).
    markdown, text = calibrations
    for lang in LANGS[1:]:
        assert markdown[lang].length_ratio == pytest.approx(text[lang].length_ratio, rel=1e-9)


def test_a_repeated_title_is_one_observation_of_the_segment_scale(calibrations):
    # The scale normalises every coverage PC104 compares between versions (the close of a
    # sentence a version fails to express); the heading's match is the title's again.
    markdown, text = calibrations
    for lang in LANGS[1:]:
        assert markdown[lang].segment_scale == pytest.approx(text[lang].segment_scale, abs=1e-6)


def test_a_blanked_link_target_does_not_move_the_close_of_a_sentence():
    # PC104 compares what a version says of the reference sentence's close (its last 40%).
    # In the prose view the link's target is a run of spaces: counted, it pushed the cut
    # towards the end (NTREX scotsman.133801: a cut French sentence missed in Markdown only).
    page = markdown_document("en", (FIXTURE / "harbour.en.md").read_text(encoding="utf-8"))
    prose = page.paragraph_text(2).split(". ")[0]
    plain = (FIXTURE / "harbour.en.txt").read_text(encoding="utf-8").split("\n\n")[1].split(". ")[0]
    assert "  " in prose and " ".join(prose.split()) == plain
    for share in (0.2, 0.6, 0.9):
        cut, plain_cut = _cut_at(prose, share, "en"), _cut_at(plain, share, "en")
        assert prose[:cut].split() == plain[:plain_cut].split()
        assert prose[cut:].split() == plain[plain_cut:].split()


def test_spacing_of_plain_text_cuts_as_before():
    # one space between words: the offset is the share of the characters, moved back to a space
    text = "Engineers expect the cranes to be working again by the end of next week."
    assert _cut_at(text, 0.6, "en") == text.rfind(" ", 0, int(len(text) * 0.6))
    assert _cut_at("工程师预计起重机将在下周末前恢复运行。", 0.5, "zh") == 9


def test_block_marks_are_not_content():
    # The prose view keeps a heading's mark and a list item's bullet; the same in every
    # version, counted they pulled every length ratio towards 1 (NTREX bbc.381705: a cut
    # French sentence at 0.602 of its counterparts' length in Markdown, 0.600 as text).
    assert content_length("- Les Giants ont ouvert le score.") == content_length("Les Giants ont ouvert le score.")
    assert content_length("## Port Ellis") == content_length("Port Ellis")
    assert content_length("- one\n  * two\n+ three") == len("onetwothree")
    # a sign, a hashtag, a dash inside a sentence are text
    assert content_length("-5 degrees") == 9
    assert content_length("#harbour") == 8
    assert content_length("Ships - and boats") == 14


def test_only_a_repeat_every_version_shares_is_one_observation():
    # The title and the heading are the page's structure, repeated in every version; a tldr
    # page's description and its first example («Remove containers.», «- Remove containers:»)
    # say the same words in English only: two observations (counted once, the scale moved
    # and a faithful French description read as drifted).
    import numpy as np

    from parallelcheck.align.nway import Versions
    from parallelcheck.segment import segment_document

    def page(lang, title, description, example):
        text = (f'---\ntitle: "{title}"\n---\n\n# {title}\n\n> {description}\n\n'
                f"- {example}\n\n`docker rm {{{{container}}}}`\n")
        return segment_document(markdown_document(lang, text))

    docs = [page("en", "docker rm", "Remove containers.", "Remove containers:"),
            page("fr", "docker rm", "Supprime un ou plusieurs conteneurs.", "Supprimer des conteneurs :")]
    v = Versions.build(docs, {d.language: np.zeros((len(d.segments), 4)) for d in docs}, "en")
    assert v.repeated_paragraphs == {1}
    assert [docs[0].segments[i].text for i in sorted(v.repeated_pivot_segments)] == ["# docker rm"]
    for d in docs:
        total = sum(content_length(p.text) for p in d.paragraphs)
        assert v.distinct_length(d.language) == total - len("dockerrm")
