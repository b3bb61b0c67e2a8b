"""The Markdown benchmarks' harnesses: the NTREX documents rendered as Markdown pages, and
the tldr-pages edits (no ../shared: the committed NTREX fixture and hand-written pages)."""

import json
import random
from pathlib import Path

from benchmarks import defects, tldr
from benchmarks.markdown_docs import render_markdown
from parallelcheck.load.markdown import markdown_document

FIXTURE = Path(__file__).parent / "fixtures" / "ntrex" / "documents.json"
DOCS = json.loads(FIXTURE.read_text(encoding="utf-8"))["documents"]


def _base():
    lines = DOCS[0]["lines"]
    ranges = defects.paragraphs(len(lines["en"]), random.Random(1))
    return {lang: [ls[a:b] for a, b in ranges] for lang, ls in lines.items()}


def test_markdown_rendering_keeps_the_prose_and_the_same_non_prose_everywhere():
    base = _base()
    pages = render_markdown(base, base, DOCS[0]["id"])
    docs = {lang: markdown_document(lang, text) for lang, text in pages.items()}
    keys = {lang: [(c.kind, c.key) for c in d.markup.code] for lang, d in docs.items()}
    assert len({tuple(k) for k in keys.values()}) == 1
    assert {k for k, _ in keys["en"]} == {"shortcode", "url", "inline-code", "code-block"}
    for lang, d in docs.items():
        # front matter title + the base paragraphs, one Markdown block each
        assert len(d.paragraphs) == 1 + len(base[lang])
        assert "list" in d.markup.blocks and d.markup.blocks[:2] == ("front-matter", "heading")
        assert "weight" not in d.text and "curl" not in d.text and "source:" not in d.text


def test_markdown_defect_benchmark_runs(tmp_path):
    d = tmp_path / "parallel"
    d.mkdir()
    for lang in DOCS[0]["lines"]:
        (d / f"{lang}.txt").write_text("\n".join(DOCS[0]["lines"][lang]) + "\n", encoding="utf-8")
    payload = defects.main(["--data", str(d), "--docs", "1", "--markup", "markdown", "--json",
                            str(tmp_path / "md.json"), "--cache-dir", str(tmp_path / "cache")])
    found = {r["kind"]: r["found"] for r in payload["records"]}
    assert found["del_para"] and found["untrans"]
    assert payload["parts"]["tuning"]["clean_non_prose"] == 0 and payload["markup"] == "markdown"


PAGE = {
    "en": "# tar\n\n> Archiving utility.\n> More information: <https://www.gnu.org/software/tar>.\n\n"
          "- Create an archive from files:\n\n`tar cf {{path/to/target.tar}} {{path/to/file1}}`\n\n"
          "- Extract an archive:\n\n`tar xf {{path/to/source.tar}}`\n\n"
          "- List the contents of 2 archives:\n\n`tar tvf {{path/to/source.tar}}`\n",
    "fr": "# tar\n\n> Utilitaire d'archivage.\n> Plus d'informations : <https://www.gnu.org/software/tar>.\n\n"
          "- Créer une archive à partir de fichiers :\n\n`tar cf {{chemin/vers/cible.tar}} {{chemin/vers/fichier1}}`\n\n"
          "- Extraire une archive :\n\n`tar xf {{chemin/vers/source.tar}}`\n\n"
          "- Lister le contenu de 2 archives :\n\n`tar tvf {{chemin/vers/source.tar}}`\n",
}


def _edit(kind, seed=0):
    pages = {lang: PAGE["fr" if lang != "en" else "en"] for lang in tldr.LANGS}
    for s in range(seed, seed + 50):
        made = tldr.inject(kind, pages, random.Random(s), pages)
        if made is not None:
            return pages, made
    raise AssertionError(kind)


def test_tldr_drop_example_removes_description_and_code():
    pages, (texts, lang, at) = _edit("drop_example")
    assert texts[lang].count("\n- ") == pages[lang].count("\n- ") - 1
    assert texts[lang].count("`tar ") == pages[lang].count("`tar ") - 1


def test_tldr_benign_edits_keep_the_checked_content():
    pages, (texts, lang, _) = _edit("placeholder_english")
    mine, theirs = markdown_document(lang, texts[lang]), markdown_document(lang, pages[lang])
    assert mine.text.split() == theirs.text.split()
    assert [c.key for c in mine.markup.code] == [c.key for c in theirs.markup.code]
    assert "{{path/to/" in texts[lang] and texts[lang] != pages[lang]
    pages, (texts, lang, _) = _edit("blank_lines")
    assert markdown_document(lang, texts[lang]).text.split() == markdown_document(lang, pages[lang]).text.split()


def test_tldr_number_and_untranslated_edits():
    pages, (texts, lang, _) = _edit("number")
    assert "de 2 archives" not in texts[lang] and "Lister le contenu de" in texts[lang]
    pages, (texts, lang, _) = _edit("untranslated")
    assert sum(line.startswith("- ") and line in PAGE["en"].split("\n") for line in texts[lang].split("\n")) == 1
