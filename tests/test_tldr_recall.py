"""PC105's row test on tldr-style pages (hand-written fixtures in tests/fixtures/tldr): a
list item replaced by another page's description is reported where the pair test alone
misses it; faithful lines, terse ones included, are not."""

from pathlib import Path

import pytest

import parallelcheck
from parallelcheck.settings import DEFAULT

FIXTURES = Path(__file__).parent / "fixtures" / "tldr"
LANGS = ("en", "ko", "ja", "zh", "fr")
ROW_TEST_OFF = DEFAULT.replace("odd_one_out.ratio", 0.0)


def _page(name, langs=LANGS, **edits):
    texts = {lang: (FIXTURES / f"{name}.{lang}.md").read_text(encoding="utf-8") for lang in langs}
    for lang, (old, new) in edits.items():
        assert old in texts[lang], old
        texts[lang] = texts[lang].replace(old, new)
    return texts


def _check(texts, **options):
    return parallelcheck.check(texts, input_format="markdown", **options)


def _drift(report):
    return [f for f in report.findings if f.rule == "PC105"]


def _line(text, needle):
    return text[: text.index(needle)].count("\n") + 1


ALIAS_FR = "- Affiche la documentation de la commande originale :"


@pytest.mark.parametrize("name", ["arc", "arc-x"])
@pytest.mark.parametrize("mode", ["pivot", "source"])
def test_clean_pages_have_no_finding(name, mode):
    assert _check(_page(name), **{mode: "en"}).findings == ()


@pytest.mark.parametrize("mode", ["pivot", "source"])
def test_a_replaced_alias_description_is_drift_at_its_line(mode):
    # The alias page's one example, replaced by another page's description: every line of a
    # tldr page embeds alike, and the pair test (similarity to en relative to the page) misses it.
    new = "- Liste le contenu d'une archive :"
    texts = _page("arc-x", fr=(ALIAS_FR, new))
    assert _drift(_check(texts, settings=ROW_TEST_OFF, **{mode: "en"})) == []
    found = _drift(_check(texts, **{mode: "en"}))
    assert [(f.language, f.location.line) for f in found] == [("fr", _line(texts["fr"], new))]
    assert found[0].severity in ("error", "warning") and "View documentation" in found[0].reference.text
    assert _check(texts, **{mode: "en"}).findings == tuple(found)  # nothing else


def test_a_replaced_item_is_found_with_three_versions():
    # k8s components: only en, ja and fr still have the controller list; ja's item names
    # another controller
    new = "- ネットワークサービスを再起動する:"
    texts = _page("arc", ("en", "ja", "fr"), ja=("- アーカイブの内容を一覧表示する:", new))
    found = _drift(_check(texts, source="en"))
    assert [(f.language, f.location.line) for f in found] == [("ja", _line(texts["ja"], new))]


@pytest.mark.parametrize("old,new", [
    ("- Extrait un fichier compressé dans le répertoire courant :", "- Décompresse dans le dossier courant :"),
    ("- Vérifie l'intégrité d'une archive :", "- Teste l'archive :"),
    (ALIAS_FR, "- Voir la documentation de la commande d'origine :"),
])
def test_a_faithful_terse_description_is_not_drift(old, new):
    name = "arc-x" if old == ALIAS_FR else "arc"
    texts = _page(name, fr=(old, new))
    assert _check(texts, source="en").findings == ()


def test_prose_is_left_to_the_pair_test():
    # the row test judges list items only: the page description (prose) is not its business
    texts = _page("arc", fr=("> Compresse et extrait des archives.", "> Gère les comptes des utilisateurs."))
    on, off = _check(texts, source="en"), _check(texts, source="en", settings=ROW_TEST_OFF)
    assert [f.message for f in _drift(on)] == [f.message for f in _drift(off)]


def test_the_benchmark_replaces_a_description_by_one_that_says_something_else():
    import random

    from benchmarks import tldr

    alias, page = _page("arc-x"), _page("arc")
    for seed in range(20):
        # the first donor is another alias page: its one line says the same, so it is passed over
        texts, lang, at = tldr.inject("replace", alias, random.Random(seed), [alias, page])
        old = alias[lang].split("\n")
        new = texts[lang].split("\n")
        changed = [(a, b) for a, b in zip(old, new) if a != b]
        assert len(changed) == 1 and changed[0][1] in page[lang].split("\n")
        assert texts[lang][at:].startswith(changed[0][1])
    # only donors that say the same: no edit
    assert tldr.inject("replace", alias, random.Random(0), [alias]) is None


def test_the_benchmark_changes_no_number_in_a_code_line_only_one_version_has():
    import random

    from benchmarks import tldr

    # no description holds a number; zh alone has an example whose code line does (tldr
    # common/tldr: «shuf -n 1»), the other code line with a number is on every page
    base = {lang: f"# x\n\n> Page {lang}.\n\n- Example {lang}:\n\n`x --level 3 {{{{file}}}}`\n" for lang in LANGS}
    pages = dict(base, zh=base["zh"] + "\n- 随机:\n\n`x --list | shuf -n 1`\n")
    edited = set()
    for seed in range(40):
        texts, lang, at = tldr.inject("number", pages, random.Random(seed), None)
        changed = [b for a, b in zip(pages[lang].split("\n"), texts[lang].split("\n")) if a != b]
        assert len(changed) == 1 and changed[0].startswith("`x --level ") and "3" not in changed[0]
        edited.add(lang)
    assert "zh" in edited
