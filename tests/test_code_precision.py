"""PC207 and friends on real-looking translations (issue 14): who is blamed, and what is no change.

The fixture is a tldr-like page in five languages, en the source: fr, ja and ko keep an older
``rm -i`` where en now writes ``rm --interactive`` (zh follows en); ja and ko carry an extra
example en does not have; the translations write ``z {{foo}}`` where en writes ``z string``
and name the argument `foo` in the description; zh writes `标准输入` for `stdin`; every
translation links to its own localised page (``/fr/docs/…/job/``) where en links to
``/docs/…/jobs-run-to-completion/``.
"""

from pathlib import Path
from types import SimpleNamespace

import pytest

import parallelcheck
from parallelcheck.checks import revision
from parallelcheck.languages import split_url_locale
from parallelcheck.model import Finding, Location
from parallelcheck.settings import DEFAULT

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "code"
LANGS = ("en", "fr", "ja", "ko", "zh")


def _texts():
    return {lang: (FIXTURE / f"shell.{lang}.md").read_text(encoding="utf-8") for lang in LANGS}


def _check(texts, **options):
    return parallelcheck.check(texts, input_format="markdown", **options)


def _gating(report, rule=None):
    return sorted((f.rule, f.language, f.location.line) for f in report.findings
                  if f.severity != "info" and (rule is None or f.rule == rule))


@pytest.fixture(scope="module")
def by_source():
    return _check(_texts(), source="en")


def test_with_a_source_the_translations_that_changed_its_code_are_blamed(by_source):
    # rm --interactive → rm -i in fr, ja and ko, though they are the majority; not en, not zh
    assert _gating(by_source) == [("PC207", lang, 12) for lang in ("fr", "ja", "ko")]
    f = next(f for f in by_source.findings if f.rule == "PC207")
    assert "«alias rm=\"rm -i\"» differs from the en source's «alias rm=\"rm --interactive\"»" in f.message


def test_code_only_some_translations_carry_is_not_blamed_on_the_source(by_source):
    # ja and ko's extra `alias ll="ls -l"`: never a warning on en, nor on fr/zh that lack it
    assert not [f for f in by_source.findings if f.rule == "PC207" and f.language in ("en", "zh")]
    assert not [f for f in by_source.findings if "ls -l" in f.message and f.severity != "info"]


def test_by_consensus_the_majority_still_decides():
    report = _check(_texts())
    assert _gating(report, "PC207") == [("PC207", "en", 12), ("PC207", "zh", 12)]


def test_real_changes_next_to_each_benign_one_are_still_reported():
    """The same page with each benign difference made a real one is reported (the rules can fail)."""
    texts = _texts()
    texts["fr"] = (texts["fr"].replace("`z {{foo}}`", "`z -r {{foo}}`")
                   .replace("/fr/docs/concepts/workloads/controllers/job/", "/docs/concepts/overview/")
                   .replace("`stdin`", "`stdout`"))
    found = {f.location.line for f in _check(texts, source="en").findings if f.rule == "PC207" and f.language == "fr"}
    assert found == {12, 14, 18, 22}  # rm, z -r (its row), stdout, and a link to another, unlocalised page


@pytest.mark.parametrize(("url", "expected"), [
    ("/ko/docs/concepts/overview/", ("ko", "/docs/concepts/overview/")),
    ("/zh-cn/docs/concepts/workloads/controllers/job/", ("zh-cn", "/docs/concepts/workloads/controllers/job/")),
    ("https://kubernetes.io/pt-br/docs/", ("pt-br", "https://kubernetes.io/docs/")),
    ("https://fr.wikipedia.org/wiki/Paris", ("fr", "https://wikipedia.org/wiki/Paris")),
    ("/docs/concepts/overview/", (None, "/docs/concepts/overview/")),
    ("/api/v1/pods", (None, "/api/v1/pods")),  # three letters that are no language
    ("/go/doc", (None, "/go/doc")),
])
def test_a_locale_is_any_language_segment(url, expected):
    assert split_url_locale(url) == expected


def _finding(rule, lang, paragraph, severity="warning"):
    return Finding(rule=rule, kind="x", severity=severity, language=lang,
                   location=Location(paragraph, paragraph * 10, paragraph * 10 + 5, paragraph + 1),
                   reference=None, score=None, message=f"{rule} at {paragraph}")


def test_under_an_other_revision_summary_heading_and_code_findings_drop_to_info():
    """PC108 on ko: its PC206/PC207 are details of the revision, like its PC101-PC105; fr's stay."""
    rows = [object()] * 6
    ctx = SimpleNamespace(settings=DEFAULT.replace("revision.min_paragraphs", 3), source="en",
                          alignment=SimpleNamespace(paragraphs=SimpleNamespace(rows=rows)))
    findings = [_finding("PC102", "ko", p, "error") for p in (1, 2, 3)]
    findings += [_finding("PC206", "ko", 4), _finding("PC207", "ko", 5), _finding("PC207", "fr", 5)]
    out = revision.summarise(ctx, findings)
    levels = sorted((f.rule, f.language, f.severity) for f in out)
    assert levels == [("PC102", "ko", "info")] * 3 + [
        ("PC108", "ko", "error"), ("PC206", "ko", "info"), ("PC207", "fr", "warning"), ("PC207", "ko", "info")]


# -- PC106 -----------------------------------------------------------------------------------

_PAGE = {
    "en": "# docker container remove\n\n> Remove containers from the machine.\n",
    "fr": "# docker container remove\n\n> Supprime des conteneurs de la machine.\n",
    "ja": "# docker container remove\n\n> マシンからコンテナを削除します。\n",
    "ko": "# docker container remove\n\n> 머신에서 컨테이너를 삭제합니다.\n",
}


def test_a_command_name_heading_the_same_in_every_version_is_not_untranslated():
    report = _check(_PAGE, source="en")
    assert not [f for f in report.findings if f.rule == "PC106"]


def test_a_copied_heading_is_untranslated_when_other_versions_translate_it():
    texts = dict(_PAGE, fr="# supprimer des conteneurs docker\n\n> Supprime des conteneurs de la machine.\n")
    report = _check(texts, source="en")
    assert sorted(f.language for f in report.findings if f.rule == "PC106") == ["ja", "ko"]
    # with two versions a copy reads the same too: still untranslated
    report = _check({"en": _PAGE["en"], "ja": _PAGE["ja"]}, source="en")
    assert [f.language for f in report.findings if f.rule == "PC106"] == ["ja"]


_ORG = {
    "en": "The Royal Society for the Protection of Birds and the British Trust for Ornithology published "
          "the survey.\n\nThe agency expects another warm summer.",
    "fr": "La Royal Society for the Protection of Birds et le British Trust for Ornithology ont publié "
          "l'enquête.\n\nL'agence prévoit un autre été chaud.",
    "ko": "왕립조류보호협회와 영국조류학재단이 조사를 발표했다.\n\n이 기관은 또 한 번의 더운 여름을 예상한다.",
}


def test_an_english_organisation_name_inside_a_french_sentence_is_not_untranslated():
    assert not [f for f in parallelcheck.check(_ORG).findings if f.rule == "PC106"]
    copied = dict(_ORG, fr=_ORG["en"].split("\n\n")[0] + "\n\nL'agence prévoit un autre été chaud.")
    assert [(f.rule, f.language, f.location.paragraph) for f in parallelcheck.check(copied).findings
            if f.rule == "PC106"] == [("PC106", "fr", 0)]


def test_a_headline_of_names_and_a_score_is_not_untranslated():
    texts = {"en": "Elite League: Dundee Stars 5-3 Belfast Giants\n\nThe home side scored twice in the last period.",
             "fr": "Elite League : Dundee Stars 5-3 Belfast Giants\n\nL'équipe locale a marqué deux fois dans la "
                   "dernière période.",
             "ko": "엘리트 리그 던디 스타즈가 5-3으로 벨파스트 자이언츠에 승리\n\n홈팀은 마지막 피리어드에 두 골을 넣었다."}
    assert not [f for f in parallelcheck.check(texts).findings if f.rule == "PC106"]
    # a sentence of the same headline's language left untranslated still is
    texts["fr"] = texts["fr"].split("\n\n")[0] + "\n\nThe home side scored twice in the last period."
    assert [(f.language, f.location.paragraph) for f in parallelcheck.check(texts).findings
            if f.rule == "PC106"] == [("fr", 1)]


# -- PC101 message ---------------------------------------------------------------------------

def test_a_missing_paragraph_is_quoted_with_its_inline_code():
    texts = {
        "en": "# Field selectors\n\nYou can select resources by field.\n\n"
              "Set operators (`in`, `notin`) do not work with [field selectors](/docs/selectors/).\n\n"
              "Use `kubectl get` to list them.\n",
        "fr": "# Sélecteurs de champ\n\nVous pouvez sélectionner des ressources par champ.\n\n"
              "Utilisez `kubectl get` pour les lister.\n",
        "ko": "# 필드 셀렉터\n\n필드로 리소스를 선택할 수 있다.\n\n`kubectl get`을 사용해 목록을 본다.\n",
    }
    report = _check(texts, source="en")
    messages = [f.message for f in report.findings if f.rule == "PC101"]
    assert len(messages) == 2
    # the inline code as written, the link as its text (not its target)
    assert all("«Set operators (`in`, `notin`) do not work with field selectors.»" in m for m in messages)


def test_links_pair_with_their_moved_counterpart_and_names_in_another_form_are_no_change():
    texts = {
        "en": "# Selectors\n\nObjects such as [`services`](/docs/services) use label selectors.\n\n"
              "![The cluster](/images/docs/cluster.png)\n\n"
              "* Learn about [Controllers](/docs/architecture/controller/)\n"
              "* Learn about [kube-scheduler](/docs/scheduling-eviction/kube-scheduler/)\n",
        "ja": "# セレクター\n\n[`Service`](/docs/services)のようなオブジェクトはラベルセレクターを使います。\n\n"
              "{{< figure src=\"/images/docs/cluster.svg\" alt=\"クラスター\" >}}\n\n"
              "* [kube-scheduler](/docs/scheduling/kube-scheduler/)について学ぶ\n",
        "ko": "# 셀렉터\n\n[`services`](/ko/docs/services) 같은 오브젝트는 레이블 셀렉터를 사용한다.\n\n"
              "![클러스터](/images/docs/cluster.png)\n\n"
              "* [컨트롤러](/ko/docs/architecture/controller/)에 대해 배우기\n"
              "* [kube-scheduler](/ko/docs/scheduling-eviction/kube-scheduler/)에 대해 배우기\n",
    }
    report = _check(texts, source="en")
    code = sorted((f.language, f.message.split(" (")[0]) for f in report.findings if f.rule == "PC207")
    assert code == [
        ("ja", "lacks a link target that the en source carries"),
        ("ja", "link target «/docs/scheduling/kube-scheduler/» differs from the en source's "
               "«/docs/scheduling-eviction/kube-scheduler/»"),
    ]


def test_code_written_out_in_the_prose_is_not_lost():
    en = "# Nodes\n\nThe example Pod selects nodes with the label `accelerator=nvidia-tesla-p100`.\n"
    fr = ("# Nœuds\n\nLe Pod d'exemple sélectionne les nœuds où le label \"accelerator\" existe et vaut "
          "\"nvidia-tesla-p100\".\n")
    ko = "# 노드\n\n예제 파드는 `accelerator=nvidia-tesla-p100` 레이블이 있는 노드를 선택한다.\n"
    assert not [f for f in _check({"en": en, "fr": fr, "ko": ko}, source="en").findings if f.rule == "PC207"]
    fr = "# Nœuds\n\nLe Pod d'exemple sélectionne les nœuds qui ont le bon label.\n"
    assert [f.language for f in _check({"en": en, "fr": fr, "ko": ko}, source="en").findings
            if f.rule == "PC207"] == ["fr"]
