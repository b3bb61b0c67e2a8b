"""False-alarm classes seen on real documentation (issue 14), each on a small fixture of ours.

The fixture is a short software manual in en, fr, ko and ja that is correct: French section
and version numbers with dots, a version string 6.10, footnote labels numbered differently
per build, Latin tokens with Korean particles glued to them, "GNU" inside "GNUish", and a
sentence that is mostly file paths. Nothing in it is a defect; the same document with real
defects still gets them reported.
"""

from pathlib import Path

import pytest

from parallelcheck import check
from parallelcheck.checks.names import _tokens
from parallelcheck.checks.untranslated import _prose
from parallelcheck.quantities import DOTTED, quantities

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "precision"
LANGS = ("en", "fr", "ko", "ja")


def _texts():
    return {lang: (FIXTURE / f"manual.{lang}.txt").read_text(encoding="utf-8") for lang in LANGS}


def _gating(report):
    return sorted((f.rule, f.language, f.location.paragraph) for f in report.findings if f.severity != "info")


@pytest.fixture(scope="module")
def clean():
    return check(_texts())


def test_correct_manual_has_no_error_or_warning(clean):
    assert _gating(clean) == []


def test_defects_in_the_same_manual_are_still_reported():
    texts = _texts()
    texts["fr"] = texts["fr"].replace("Section 12.1", "Section 12.2").replace(
        "Sur les systèmes Intel x86, exim4 est le serveur de courrier par défaut et ext4 le système de "
        "fichiers par défaut.",
        "On Intel x86 systems, exim4 is the default mail server and ext4 the default file system.",
    )
    texts["ko"] = texts["ko"].replace("exim4는 기본 메일 서버이고", "기본 메일 서버가 있고")
    texts["ja"] = texts["ja"].replace("GCC 8.1.3", "GCC 8.1.4")
    found = _gating(check(texts))
    assert ("PC201", "fr", 1) in found  # 12.2 for 12.1: a dotted number still compared
    assert ("PC201", "ja", 2) in found  # 8.1.4 for 8.1.3: a version string compared as a string
    assert ("PC202", "ko", 3) in found  # exim4 really dropped
    assert ("PC106", "fr", 3) in found  # an English sentence in the French version


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("décrite dans la Section 12.1 et la Section 16.2", "fr", [12.1, 16.2]),
    ("la version 7.7 de X.Org", "fr", [7.7]),
    ("2,5 millions et 1.000 euros", "fr", [2_500_000, 1000]),  # decimals and grouping unchanged
    ("Linux kernel 6.10.[23]", "en", [6.1]),  # a note label is no number
])
def test_dotted_numbers_and_note_labels(text, lang, expected):
    assert [q.value for q in quantities(text, lang) if q.unit != DOTTED] == pytest.approx(expected)


def test_version_strings_are_compared_as_strings():
    def key(text, lang):
        return [(q.value, q.unit) for q in quantities(text, lang)]

    assert key("GCC 8.1.3", "en") == key("GCC 8.1.3", "fr") == key("GCC 8.1.3으로", "ko")
    assert key("GCC 8.1.3", "en") != key("GCC 8.1.4", "en")
    assert key("GCC 8.1.3", "en")[0][1] == DOTTED
    assert key("2.6.10", "en") != key("2.6.1", "en")  # strings: 10 is not 1


def test_korean_particles_after_latin_tokens():
    toks = _tokens("인텔 x86에서 exim4를, ext4를 쓰고 Alt+F1을 누른다. https://www.debian.org/releases/에서 본다.", "ko")
    assert {"x86", "exim4", "ext4", "F1", "https://www.debian.org/releases"} <= set(toks)


def test_path_heavy_sentences_are_judged_on_their_words():
    assert _prose("Convertissez debian/changelog et debian/control en UTF-8.").split() == ["Convertissez", "et", "en"]
    assert "status.phase" not in _prose("Run `kubectl get pods` with --field-selector status.phase=Running.")
    # a component's name as a heading, the same in every version, is not English left in
    assert _prose("### kube-controller-manager").split() == ["###"]
    assert _prose("a state-of-the-art well-known tool").split() == ["a", "well-known", "tool"]


def test_a_component_name_heading_is_not_untranslated():
    texts = {
        "en": "### kube-controller-manager\n\nThe controller manager runs the controllers of the cluster.\n\n"
              "Each controller is a separate process in principle.\n",
        "ja": "### kube-controller-manager\n\nコントローラーマネージャーはクラスターのコントローラーを実行します。\n\n"
              "各コントローラーは論理的には個別のプロセスです。\n",
        "fr": "### kube-controller-manager\n\nLe gestionnaire de contrôleurs exécute les contrôleurs du cluster.\n\n"
              "Chaque contrôleur est en principe un processus distinct.\n",
    }
    report = check(texts, source="en")
    assert [f for f in report.findings if f.rule == "PC106"] == []
    # the same heading followed by an English sentence left in the Japanese version is still found
    texts["ja"] = texts["ja"].replace("各コントローラーは論理的には個別のプロセスです。",
                                      "Each controller is a separate process in principle.")
    assert [(f.language, f.location.paragraph) for f in check(texts, source="en").findings
            if f.rule == "PC106"] == [("ja", 2)]


def test_untranslated_text_inside_an_addition_is_located():
    """PC106 looks inside content no other version has (PC107) and points at the English run."""
    library = FIXTURE.parent / "source"
    texts = {lang: (library / f"library.{lang}.txt").read_text(encoding="utf-8") for lang in ("en", "ko", "ja", "zh", "fr")}
    english_zh = "Audio guides can be rented at the front desk for a small fee."
    english_fr = "The reading room stays open late on Thursdays until ten in the evening."
    texts["zh"] = texts["zh"].replace("小组学习室必须在前台预约。", f"小组学习室必须在前台预约。另外，{english_zh} 请向工作人员询问。")
    texts["fr"] = texts["fr"].replace("Les visiteurs peuvent", f"{english_fr} Les visiteurs peuvent")
    report = check(texts)
    found = {}
    for f in report.findings:
        if f.rule == "PC106":
            doc = next(d.document for d in report.documents if d.language == f.language)
            found[f.language] = doc.text[f.location.start : f.location.end]
    assert found == {"zh": english_zh, "fr": english_fr}
    # the addition itself is not reported a second time
    assert not [f for f in report.findings if f.rule == "PC107" and f.language in found]


def test_terse_list_items_are_not_cut_short():
    """«대부분 개발자 전용 자료와 일부 기타 파일.» is a complete item (a noun phrase), not a
    sentence that stops before its verb; an item that stops on a particle still is cut."""
    texts = {lang: (FIXTURE / f"items.{lang}.txt").read_text(encoding="utf-8") for lang in LANGS}
    assert not [f for f in check(texts).findings if f.rule == "PC104"]
    texts["ko"] = texts["ko"].replace("대부분 개발자 전용 자료와 일부 기타 파일.", "대부분 개발자 전용 자료와.")
    assert [(f.language, f.location.paragraph) for f in check(texts).findings if f.rule in ("PC104", "PC102")] == [("ko", 1)]


def test_a_short_addition_in_the_versions_own_language_is_not_untranslated(monkeypatch):
    """A short French line no other version has, which language identification takes for
    Italian («la documentation de la commande» shares «la» with Italian), reads as French by
    its function words: not untranslated. The English addition is still found."""
    from parallelcheck.load import langid

    library = FIXTURE.parent / "source"
    texts = {lang: (library / f"library.{lang}.txt").read_text(encoding="utf-8") for lang in ("en", "ko", "ja", "zh", "fr")}
    french = "Affiche la documentation de la commande originale dans le terminal."
    texts["fr"] = texts["fr"].replace("Les visiteurs peuvent", f"{french} Les visiteurs peuvent")
    real = langid.identify_language

    def misled(text, settings=None):
        return ("it", 0.99) if "documentation de la commande" in text else real(text, settings)

    monkeypatch.setattr(langid, "identify_language", misled)
    assert not [f for f in check(texts).findings if f.rule == "PC106"]
    english = "The reading room stays open late on Thursdays until ten in the evening."
    texts["fr"] = texts["fr"].replace(french, english)
    assert [(f.language, f.rule) for f in check(texts).findings if f.rule == "PC106"] == [("fr", "PC106")]
