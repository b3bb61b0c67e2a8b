"""The HTML reader: the article's main content as paragraphs, page furniture out, code as
code, entities decoded, offsets and lines of the file."""

import parallelcheck
from parallelcheck.checks.structure import heading_level
from parallelcheck.load import load_paths
from parallelcheck.load.html import html_document

from .conftest import FIXTURES

PAGES = FIXTURES / "html"


def _page(lang):
    return html_document(lang, (PAGES / f"article.{lang}.html").read_text(encoding="utf-8"), f"article.{lang}.html")


def _paragraphs(doc):
    return [" ".join(doc.text[s.start : s.end].split()) for s in doc.paragraphs]


def _line(text, needle, after="<article>"):
    return text[: text.index(needle, text.index(after) if after in text else 0)].count("\n") + 1


def test_only_the_article_is_content():
    doc = _page("en")
    paras = _paragraphs(doc)
    assert paras[0] == "# City opens a new library"
    assert paras[2].startswith("The city opened its new central library on Monday.")
    text = " ".join(paras)
    for furniture in ("World", "Example News", "Share on Twitter", "Most read", "Related articles", "rights reserved",
                      "dataLayer", "font-family"):
        assert furniture not in text


def test_blocks_headings_lists_and_lines():
    doc = _page("en")
    assert doc.markup.blocks == ("heading", "paragraph", "paragraph", "heading", "paragraph", "list", "paragraph")
    assert [heading_level(doc.text[s.start : s.end].strip()) for s in doc.paragraphs[:1]] == [1]
    source = doc.markup.source
    for span, needle in zip(doc.paragraphs, ("<h1>", "By Ana", "The city opened", "<h2>", "The library is open",
                                             "<li>Monday", "Readers can check")):
        assert doc.line_of(span.start) == _line(source, needle)
    from parallelcheck.segment import segment_document

    items = [s.text.split() for s in segment_document(doc).paragraphs[5].segments]
    assert [i[:2] for i in items] == [["-", "Monday"], ["-", "Saturday"]]


def test_code_and_links_are_tokens_not_prose():
    doc = _page("en")
    assert "catalog" not in doc.text.replace("catalogue", "")
    kinds = [(c.kind, c.key) for c in doc.markup.code]
    assert kinds == [("inline-code", 'catalog--search"title"'), ("url", "//library.example.org/catalog"),
                     ("code-block", 'catalog--search"title"\ncatalog--reserve12345')]
    assert doc.line_of(doc.markup.code[2].start) == _line(doc.markup.source, "<pre>")


def test_entities_are_decoded_in_place():
    doc = _page("fr")
    assert _paragraphs(doc)[0] == "# La ville ouvre une nouvelle bibliothèque"  # &egrave; inside the word
    body = doc.paragraphs[2]
    assert "120\xa0000" in doc.text[body.start : body.end]  # &#160;
    para = doc.paragraphs[4]
    assert doc.text[para.start : para.end].endswith("tous les jours, &     tard le      jeudi\xa0:")
    assert len(doc.text) == len(doc.markup.source)


def test_without_article_or_main_the_densest_block_is_content():
    page = ("<html><body><div class='menu'><a href='/'>Home</a> <a href='/a'>About us</a></div>"
            "<div id='content'><p>First paragraph of the story, long enough to count.</p>"
            "<p>Second paragraph of the story.</p></div>"
            "<div class='footer-links'>Contact | Imprint</div></body></html>")
    doc = html_document("en", page)
    assert _paragraphs(doc) == ["First paragraph of the story, long enough to count.", "Second paragraph of the story."]


def test_html_pages_are_read_by_extension_and_agree():
    docs = load_paths([str(PAGES / "article.en.html"), str(PAGES / "article.fr.html")])
    assert [d.markup.format for d in docs] == ["html", "html"]
    report = parallelcheck.check_documents(docs)
    assert report.findings == ()


def test_a_changed_command_in_an_html_page_is_pc207_at_its_line():
    fr = (PAGES / "article.fr.html").read_text(encoding="utf-8").replace("catalog --reserve 12345", "catalog --reserve")
    en = (PAGES / "article.en.html").read_text(encoding="utf-8")
    report = parallelcheck.check({"en": en, "fr": fr}, input_format="html")
    (f,) = report.findings
    assert (f.rule, f.language) == ("PC207", "fr")
    assert f.location.line == _line(fr, "catalog --reserve")
