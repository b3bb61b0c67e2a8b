"""PC104 on real translations (issue 14): complete sentences are not "cut short".

False-alarm classes seen on NTREX's clean documents, tldr-pages and the Kubernetes pages, each
on a small fixture of ours: a Chinese sentence ending in 的 (which closes sentences as well as
phrases), a terse description every language writes as a noun phrase, a sentence that ends on
inline code, a version that splits one sentence in two, a number the version states elsewhere
in the paragraph; and, with a source named, a translation judged against the source rather
than against other translations that lag the same way.
"""

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from parallelcheck import check
from parallelcheck.align.pairwise import Bead
from parallelcheck.checks import truncated
from parallelcheck.segment.endings import STRONG, WEAK, ends_mid_phrase, mid_phrase_ending
from parallelcheck.settings import DEFAULT

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "truncation"
LANGS = ("en", "ko", "ja", "zh", "fr")


# -- endings ------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("然而踢球对我来说还挺难的。", "zh", WEAK),  # complete: 的 closes sentences too
    ("这个决定是他自己做的。", "zh", WEAK),  # 是…的
    ("政府将为中小企业的。", "zh", WEAK),  # cut after 的: weak evidence still
    ("政府将为中小企业和。", "zh", STRONG),  # cut after a conjunction
    ("정부는 중소기업의 성장을 위해.", "ko", STRONG),
    ("政府将支持中小企业的发展。", "zh", None),
    ("중소기업 지원을 확대하겠습니다.", "ko", None),
])
def test_ending_strength(text, lang, expected):
    assert mid_phrase_ending(text, lang) == expected
    assert ends_mid_phrase(text, lang) == (expected is not None)


def _ctx(texts: dict[str, str], docs=None):
    segments = {lang: [SimpleNamespace(text=t, kind="sentence", start=0, end=len(t))] for lang, t in texts.items()}
    return SimpleNamespace(segments=segments, pivot="en", docs=docs)


def test_a_noun_phrase_every_version_writes_is_not_a_cut():
    # tldr dalvikvm: «안드로이드 자바 가상 머신.» ends on a noun, as the Japanese does: the
    # sentence is a noun phrase in every language, not a Korean sentence cut before its verb.
    texts = {"en": "Android Java virtual machine.", "ko": "안드로이드 자바 가상 머신.",
             "ja": "Android Java 仮想環境。", "zh": "Android Java 虚拟机。"}
    beads = {lang: Bead((0,), (0,), 1.0) for lang in ("ko", "ja", "zh")}
    assert truncated._ends_mid_phrase(_ctx(texts), "ko", beads["ko"], beads) is None
    # when every counterpart ends properly, the Korean ending is the only one: a cut
    texts["ja"] = "Android の Java 仮想マシンです。"
    assert truncated._ends_mid_phrase(_ctx(texts), "ko", beads["ko"], beads) == STRONG


def test_a_list_item_written_as_a_full_sentence_is_judged_as_a_sentence():
    # a Markdown list of news sentences: the Korean item ends with a verb, so the Japanese
    # item cut inside a word («…でのひ。») is a cut sentence, not a terse noun-phrase item
    texts = {"en": "- Another cyclist died in a hit-and-run on Childers Street a mile away.",
             "ko": "- 1마일 떨어진 차일더스 거리에서는 다른 자전거 운전자가 뺑소니 사고로 사망했습니다.",
             "ja": "- 1マイル離れたチャイルダーストリートでのひ。"}
    ctx = _ctx(texts)
    for seg in (s for segs in ctx.segments.values() for s in segs):
        seg.kind = "item"
    beads = {lang: Bead((0,), (0,), 1.0) for lang in ("ko", "ja")}
    assert truncated._ends_mid_phrase(ctx, "ja", beads["ja"], beads) == STRONG
    # a terse item (the Korean a noun phrase too) keeps the item rule: a noun ending is no cut
    ctx.segments["ko"][0].text = "- 차일더스 거리의 뺑소니 사고."
    ctx.segments["ja"][0].text = "- チャイルダーストリートのひき逃げ事故。"
    assert truncated._ends_mid_phrase(ctx, "ja", beads["ja"], beads) is None


def test_a_sentence_ending_on_inline_code_does_not_end_mid_phrase():
    # k8s labels zh: «有效的运算符包括 `In`、`NotIn` 和 `DoesNotExist`。» — the reader masks the
    # code, so the prose view ends on 和 (and): the sentence ends on code, not on a conjunction.
    source = "有效的运算符包括 `In`、`NotIn` 和 `DoesNotExist`。"
    prose = "".join(" " if 8 < i < len(source) - 1 and ch not in "、和 " else ch for i, ch in enumerate(source))
    assert prose.rstrip("。").rstrip().endswith("和")  # what the check saw
    doc = SimpleNamespace(document=SimpleNamespace(text=prose, source_text=source, markup=object()))
    texts = {"en": "Valid operators include In, NotIn, Exists, and DoesNotExist.", "zh": prose}
    bead = Bead((0,), (0,), 1.0)
    assert truncated._ends_mid_phrase(_ctx(texts, {"zh": doc}), "zh", bead, {}) is None
    # the same prose view in plain text (no code there) does end mid-phrase
    assert truncated._ends_mid_phrase(_ctx(texts), "zh", bead, {}) == STRONG


# -- a sentence split in two --------------------------------------------------------------

WORDS = ("year", "tough", "injuries", "staff", "club", "happy", "team", "now", "pitch", "council")


def _bag(text: str) -> np.ndarray:
    """A transparent stand-in for the encoder: which of WORDS a text holds (ko/en alike)."""
    ko = {"작년": "year", "힘든": "tough", "부상": "injuries", "코치진": "staff", "클럽": "club",
          "만족": "happy", "팀": "team", "이제": "now", "경기장": "pitch", "시의회": "council"}
    found = {w for w in WORDS if w in text.lower()} | {w for k, w in ko.items() if k in text}
    v = np.array([w in found for w in WORDS], dtype=np.float64)
    return v / max(np.linalg.norm(v), 1e-9)


def _split_ctx(ko: list[str], ko_beads: dict[int, Bead]):
    en = ["Last year was tough for the club, between the injuries and the staff changes, but the club "
          "is happy with the team now.", "The council will repair the pitch."]
    others = {"ja": ["昨年はクラブにとって厳しかったが、今ではチームに満足している。", "議会がグラウンドを直す。"],
              "fr": ["L'an dernier a été dur pour le club, mais il est désormais content de l'équipe.",
                     "La mairie réparera le terrain."]}
    # the other versions express everything: coverage 1 for any piece
    segs = {"en": en, "ko": ko, **others}
    segments = {lang: [SimpleNamespace(text=t, paragraph=0, kind="sentence") for t in ts] for lang, ts in segs.items()}

    class Matcher:
        def __init__(self, lang):
            self.lang = lang

        def piece_vectors(self, idx):
            if self.lang == "ko":
                return np.vstack([_bag(segs["ko"][j]) for j in idx])
            return np.vstack([_bag(segs["en"][j]) for j in idx])  # a faithful rendering

    return SimpleNamespace(
        settings=DEFAULT, segments=segments, pivot="en", source=None,
        encode=lambda texts: np.vstack([_bag(t) for t in texts]),
        matchers={lang: Matcher(lang) for lang in segs}, scale=lambda a, b: 1.0,
        version_beads={"ko": ko_beads},
    )


def test_a_sentence_split_in_two_is_not_cut_short():
    # ko renders the sentence as two; the second, matching no reference sentence, holds its close
    ko = ["작년은 부상과 코치진 교체로 클럽에게 힘든 해였습니다.", "이제는 모두가 팀에 만족하고 있습니다.",
          "시의회는 경기장을 고칠 것입니다."]
    first = Bead((0,), (0,), 0.8)
    ctx = _split_ctx(ko, {0: first, 1: Bead((), (1,), 0.0), 2: Bead((1,), (2,), 0.9)})
    beads = {"ko": first, "ja": Bead((0,), (0,), 0.9), "fr": Bead((0,), (0,), 0.9)}
    assert truncated._split_remainder(ctx, "ko", first, beads)
    # a cut sentence: its neighbour renders the next reference sentence, or says nothing of the close
    ctx = _split_ctx(ko, {0: first, 1: Bead((1,), (1,), 0.2), 2: Bead((1,), (2,), 0.9)})
    assert not truncated._split_remainder(ctx, "ko", first, beads)
    ko_cut = ["작년은 부상과 코치진 교체로 클럽에게 힘든 해였습니다.", "시의회는 경기장을 고칠 것입니다."]
    ctx = _split_ctx(ko_cut, {0: first, 1: Bead((), (1,), 0.0)})
    assert not truncated._split_remainder(ctx, "ko", first, beads)


# -- a lost number stated elsewhere in the paragraph --------------------------------------

def test_a_number_stated_elsewhere_in_the_paragraph_is_not_lost():
    en = ["A survey of 20000 pupils found growth in secret accounts."]
    ko = ["조사 결과 비밀 계정이 늘고 있습니다.", "일부는 11살입니다.", "조사는 학생 20000명을 대상으로 했습니다."]
    segs = {"en": en, "ko": ko, "ja": ["20000人の生徒を調査した。"], "fr": ["Une enquête auprès de 20000 élèves."]}
    segments = {lang: [SimpleNamespace(text=t, paragraph=0, kind="sentence") for t in ts] for lang, ts in segs.items()}
    ctx = SimpleNamespace(segments=segments, pivot="en", source=None)
    beads = {"ko": Bead((0,), (0,), 0.8), "ja": Bead((0,), (0,), 0.9), "fr": Bead((0,), (0,), 0.9)}
    assert truncated._lost_values(ctx, "ko", beads["ko"], beads) == []
    segments["ko"][2] = SimpleNamespace(text="조사는 중학생을 대상으로 했습니다.", paragraph=0, kind="sentence")
    assert truncated._lost_values(ctx, "ko", beads["ko"], beads) == ["20000"]
    # in another paragraph it is lost all the same
    segments["ko"][2] = SimpleNamespace(text="조사는 학생 20000명을 대상으로 했습니다.", paragraph=1, kind="sentence")
    assert truncated._lost_values(ctx, "ko", beads["ko"], beads) == ["20000"]


# -- source mode ----------------------------------------------------------------------------

def _notice():
    return {lang: (FIXTURE / f"notice.{lang}.txt").read_text(encoding="utf-8") for lang in LANGS}


def _pc104(report):
    return sorted((f.language, f.location.paragraph) for f in report.findings if f.rule == "PC104")


@pytest.fixture(scope="module")
def notice_by_source():
    return check(_notice(), source="en")


def test_consensus_does_not_blame_translations_that_agree():
    # ko, ja and zh follow an older notice without the café's «run by a local bakery…»: three
    # of four translations agree, so by consensus no sentence is short
    assert _pc104(check(_notice())) == []


def test_source_mode_judges_each_translation_against_the_source(notice_by_source):
    assert _pc104(notice_by_source) == [("ja", 2), ("ko", 2), ("zh", 2)]
    for f in notice_by_source.findings:
        if f.rule == "PC104":
            # the lost clause, or the whole sentence when the clauses can't be told apart
            assert f.reference.language == "en" and "run by a local bakery" in f.reference.text
            assert "the source sentence" in f.message


def test_source_mode_never_blames_the_source():
    texts = _notice()
    # the Korean (now the source) has the short café sentence: the translations that render
    # the bakery have more than the source, which is not a cut in them nor in the source
    report = check(texts, source="ko")
    assert "ko" not in {f.language for f in report.findings if f.rule == "PC104"}
    assert [f for f in report.findings if f.rule == "PC104" and f.language == "fr"] == []


# -- sentences across blocks, and merged sentences ----------------------------------------

def _texts(name):
    return {lang: (FIXTURE / f"{name}.{lang}.txt").read_text(encoding="utf-8") for lang in LANGS}


def test_a_sentence_that_continues_after_a_list_is_not_cut_short():
    # ja puts the verb of the list's lead-in after the list: «…次の項目が» / list /
    # «準備できていることを確認してください。» — the lead-in is not a cut sentence
    report = check(_texts("setup"))
    assert _pc104(report) == []
    assert not [f for f in report.findings if f.severity != "info"]
    # a lead-in really cut short, with nothing after the list to finish it, still is
    texts = _texts("setup")
    texts["ja"] = texts["ja"].replace("準備できていることを確認してください。", "")
    assert ("ja", 1) in _pc104(check(texts))


def test_two_sentences_rendered_as_one_are_not_cut_short():
    # ko and fr join «Then run the installer…» and «The installation takes about ten minutes.»
    # into one sentence
    report = check(_texts("merge"))
    assert [(f.rule, f.language) for f in report.findings if f.severity != "info"] == []


# -- one sentence, one finding -------------------------------------------------------------

def _finding(rule, severity, start, end, lang="fr"):
    from parallelcheck.model import Finding, Location
    kind = {"PC104": "truncated", "PC105": "drift"}[rule]
    return Finding(rule=rule, kind=kind, severity=severity, language=lang, location=Location(3, start, end, 7),
                   reference=None, score=0.4, message=f"{rule} here", fingerprint=f"{rule}{start}")


@pytest.mark.parametrize(("drift_severity", "kept"), [("warning", "PC104"), ("info", "PC104"), ("error", "PC105")])
def test_cut_and_drift_on_one_sentence_are_one_finding(drift_severity, kept):
    """A sentence both "cut short" and "saying something else" is one observation: the cut
    (which names what is lost) stays, unless the drift is an error (unrelated text)."""
    from parallelcheck.checks import _one_finding_per_defect
    found = _one_finding_per_defect([_finding("PC104", "warning", 100, 140),
                                     _finding("PC105", drift_severity, 100, 140)])
    assert [f.rule for f in found] == [kept]


def test_cut_and_drift_elsewhere_both_stay():
    """Another sentence, or the same span in another version, is another observation."""
    from parallelcheck.checks import _one_finding_per_defect
    found = [_finding("PC104", "warning", 100, 140), _finding("PC105", "warning", 150, 190),
             _finding("PC105", "warning", 100, 140, lang="ja")]
    assert _one_finding_per_defect(found) == found
