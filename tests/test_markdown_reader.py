"""The Markdown reader: blocks as paragraphs, non-prose masked, offsets and lines of the file
(no model needed)."""

import pytest

from parallelcheck.checks.structure import heading_level
from parallelcheck.config import load_config
from parallelcheck.errors import UsageError
from parallelcheck.load import document_from_text, load_paths
from parallelcheck.load.markdown import markdown_document
from parallelcheck.load.prose import ProseSettings
from parallelcheck.segment import segment_document

from .conftest import FIXTURES

GUIDE = FIXTURES / "markdown"


def _guide(lang):
    return markdown_document(lang, (GUIDE / f"guide.{lang}.md").read_text(encoding="utf-8"), f"guide.{lang}.md")


def _paragraphs(doc):
    return [doc.text[s.start : s.end] for s in doc.paragraphs]


def _line(source: str, needle: str) -> int:
    return source[: source.index(needle)].count("\n") + 1


def test_prose_view_has_the_files_length_and_lines():
    doc = _guide("en")
    assert len(doc.text) == len(doc.markup.source)
    assert doc.text.count("\n") == doc.markup.source.count("\n")
    for span in doc.paragraphs:
        # every prose character is the file's own character at that offset
        assert all(a == b for a, b in zip(doc.text[span.start : span.end], doc.markup.source[span.start : span.end])
                   if not a.isspace())
    restore = next(s for s in doc.paragraphs if doc.text[s.start : s.end].startswith("The restore"))
    assert doc.line_of(restore.start) == _line(doc.markup.source, "The restore takes")


def test_front_matter_only_translatable_values_are_prose():
    doc = _guide("en")
    paras = _paragraphs(doc)
    assert paras[:2] == ["Backing up a database", "How to save and restore the tables of a database."]
    assert doc.markup.blocks[:2] == ("front-matter", "front-matter")
    assert "30" not in doc.text and "weight" not in doc.text and "alice" not in doc.text
    only_title = markdown_document("en", doc.markup.source, settings=ProseSettings(front_matter_keys=("title",)))
    assert _paragraphs(only_title)[:2] == ["Backing up a database", "Backups\n======="]


def test_a_fence_with_blank_lines_is_one_code_block_and_no_paragraph():
    doc = _guide("en")
    (block,) = [c for c in doc.markup.code if c.kind == "code-block"]
    assert block.text == "dbtool dump --all {{path/to/backup.sql}}\n\ndbtool verify {{path/to/backup.sql}}"
    assert block.key == "dbtooldump--all{{}}\ndbtoolverify{{}}"
    assert not any("dbtool" in p for p in _paragraphs(doc))
    assert doc.line_of(block.start) == _line(doc.markup.source, "dbtool dump --all")


def test_a_fence_without_a_blank_line_after_it_does_not_swallow_the_next_paragraph():
    doc = _guide("en")
    i = next(i for i, p in enumerate(_paragraphs(doc)) if p.startswith("The verify step"))
    assert doc.markup.blocks[i] == "paragraph"
    assert doc.line_of(doc.paragraphs[i].start) == _line(doc.markup.source, "The verify step")


def test_a_nested_list_stays_one_paragraph_of_items():
    doc = _guide("en")
    i = doc.markup.blocks.index("list")
    seg = segment_document(doc)
    items = [s.text for s in seg.paragraphs[i].segments]
    assert items == ["1. Stop the application servers.", "2. Load the file:", "- on a test machine first,",
                     "- then on the production server.", "3. Start the application servers again."]


def test_setext_and_atx_headings_keep_their_level():
    doc = _guide("fr")
    heads = [p for p, k in zip(_paragraphs(doc), doc.markup.blocks) if k == "heading"]
    assert [heading_level(h) for h in heads] == [1, 2]


def test_comments_holding_the_source_text_are_not_prose():
    doc = _guide("ko")
    assert "Backing up" not in doc.text and "A backup" not in doc.text and "operations guide" not in doc.text
    assert _paragraphs(doc)[2] == "백업\n===="
    assert doc.line_of(doc.paragraphs[2].start) == _line(doc.markup.source, "백업\n====")


def test_inline_code_link_targets_and_shortcodes_are_masked_and_kept_as_tokens():
    doc = _guide("fr")
    body = _paragraphs(doc)[3]
    assert "dbtool" not in body and "/fr/docs" not in body and "guide d'exploitation" in body
    kinds = {(c.kind, c.key) for c in doc.markup.code}
    # the localised link and its translated anchor compare equal to the English one
    assert ("url", "/docs/operations/guide") in kinds
    assert ("inline-code", "dbtooldump") in kinds and ("shortcode", "{{< note >}}") in kinds
    assert "{{<" not in doc.text and "note" not in _paragraphs(doc)[5]


def test_shortcode_prose_attribute_stays_prose_and_out_of_the_key():
    doc = markdown_document("en", 'Labels attach to {{< glossary_tooltip text="objects" term_id="object" >}} here.\n')
    (para,) = _paragraphs(doc)
    assert " ".join(para.split()) == "Labels attach to objects here."
    assert para.index("objects") == doc.markup.source.index("objects")
    (tok,) = doc.markup.code
    assert tok.key == '{{< glossary_tooltip term_id="object" >}}'


@pytest.mark.parametrize("placeholder", ["{{name}}", "%s", "%(count)d", "{0}", ":id", "$HOME", "${USER}"])
def test_placeholders_in_prose_are_masked(placeholder):
    doc = markdown_document("en", f"Give the value {placeholder} to the program.\n")
    assert placeholder not in doc.text
    assert [c.text for c in doc.markup.code if c.kind == "placeholder"] == [placeholder]


def test_percentages_and_prices_are_prose():
    doc = markdown_document("en", "Prices rose 50% during the year, to $5 a day (5 $US in the French text).\n")
    assert doc.text.strip() == "Prices rose 50% during the year, to $5 a day (5 $US in the French text)."
    assert not doc.markup.code


def test_admonitions_and_definition_lists_lose_their_markers():
    doc = markdown_document("en", '!!! note "Be careful"\n    Back up first.\n\nTerm\n: The definition here.\n')
    assert [" ".join(p.split()) for p in _paragraphs(doc)] == ['"Be careful" Back up first.',
                                                               "Term The definition here."]
    assert doc.markup.blocks == ("admonition", "definition-list")


def test_footnote_references_and_bodies():
    doc = markdown_document("en", "The rule changed in 2019[^1].\n\n[^1]: See the minutes of the meeting.\n")
    assert [" ".join(p.split()) for p in _paragraphs(doc)] == ["The rule changed in 2019 .",
                                                               "See the minutes of the meeting."]
    assert doc.markup.blocks == ("paragraph", "footnote")


def test_translated_placeholder_names_give_the_same_code_key():
    en = markdown_document("en", "- Create an archive:\n\n`tar cf {{path/to/target.tar}} {{path/to/file}}`\n")
    ja = markdown_document("ja", "- アーカイブを作成する:\n\n`tar cf {{出力ファイル名.tar}} {{ファイル}}`\n")
    assert [c.key for c in en.markup.code] == [c.key for c in ja.markup.code] == ["tarcf{{}}{{}}"]
    assert _paragraphs(ja) == ["- アーカイブを作成する:"]  # the code line is no paragraph


def test_html_blocks_tables_and_blockquotes():
    text = ("> Archiving utility.\n> More information: <https://example.org/tar>.\n\n"
            "| Kind | Fields |\n|---|---|\n| Pod | `spec.nodeName` |\n\n"
            "<div class=\"warning\">\nCheck twice.\n</div>\n\n<!-- a comment -->\n")
    doc = markdown_document("en", text)
    assert [" ".join(p.split()) for p in _paragraphs(doc)] == [
        "Archiving utility. More information: .", "Kind", "Fields", "Pod", "Check twice."]
    assert doc.markup.blocks == ("blockquote", "table-cell", "table-cell", "table-cell", "html")
    assert {c.key for c in doc.markup.code} == {"//example.org/tar", "spec.nodeName"}


def test_markdown_is_chosen_by_extension_and_can_be_overridden(tmp_path):
    paths = [str(GUIDE / f"guide.{lang}.md") for lang in ("en", "fr")]
    docs = load_paths(paths)
    assert all(d.markup is not None and d.markup.format == "markdown" for d in docs)
    plain = load_paths(paths, input_format="text")
    assert all(d.markup is None for d in plain) and "weight: 30" in plain[0].text
    txt = tmp_path / "guide.en.txt"
    txt.write_text((GUIDE / "guide.en.md").read_text(encoding="utf-8"), encoding="utf-8")
    (doc,) = [d for d in load_paths([f"en={txt}", paths[1]], input_format="markdown") if d.language == "en"]
    assert doc.markup is not None
    with pytest.raises(UsageError, match="unknown input format 'rst'"):
        load_paths(paths, input_format="rst")


def test_text_in_memory_stays_plain_unless_told():
    text = "# Title\n\nRun `ls` now.\n"
    assert document_from_text("en", text).markup is None
    assert document_from_text("en", text, input_format="markdown").markup.format == "markdown"


def test_config_names_the_input_format_and_front_matter_keys(tmp_path):
    cfg = tmp_path / "parallelcheck.toml"
    cfg.write_text('input-format = "markdown"\nfront-matter-keys = ["title", "subtitle"]\n', encoding="utf-8")
    config = load_config(cfg)
    assert config.input_format == "markdown"
    assert config.prose.front_matter_keys == ("title", "subtitle")
    cfg.write_text('input-format = "rst"\n', encoding="utf-8")
    with pytest.raises(UsageError, match="input-format"):
        load_config(cfg)


def test_a_page_of_code_only_is_an_input_error():
    from parallelcheck.errors import InputError

    with pytest.raises(InputError, match="no prose"):
        markdown_document("en", "```\nls -l\n```\n", "page.md")

