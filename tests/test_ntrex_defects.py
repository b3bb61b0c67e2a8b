"""Defects injected into real news (NTREX fixtures) are found at the right language and
paragraph; benign edits (a paragraph split or merged) are not reported."""

import pytest

import parallelcheck

from .conftest import LANGS, alignment_document, ntrex_documents, paragraphs_of, render_texts

DOCS = ntrex_documents()

# Cases the checker gets wrong today (measured 2026-11-29; see the closing note).
# Strict: a fix makes them fail loudly so the entry is removed; they never count as passing.
# What they have in common: a translator (or NTREX) joined or split sentences differently,
# so content sits inside a neighbour's segment —
# - bbc.381790-ja: Japanese line 1 already carries most of line 2, so deleting line 2
#   leaves little to miss; nothing is reported.
# - bbc.381790-zh truncated: no finding; the cut Chinese sentence doesn't reach PC104's
#   evidence tiers (a Chinese cut leaves no mid-phrase ending to see).
KNOWN_GAPS = {
    "test_deleted_sentence_is_found[bbc.381790-ja]",
    "test_truncated_sentence_is_found[bbc.381790-zh]",
}


@pytest.fixture(autouse=True)
def _known_gap(request):
    if request.node.name in KNOWN_GAPS:
        request.node.add_marker(pytest.mark.xfail(strict=True, reason="known aligner gap"))


def _versions(doc):
    return {lang: paragraphs_of(doc["lines"][lang]) for lang in LANGS}


def _check(paras):
    return parallelcheck.check(render_texts(paras))  # pivot: en (first)


def _new(report, baseline):
    """The report's findings that the clean document's report doesn't have. Identity is rule,
    language and fingerprint or message — not the paragraph number, which a split or merge
    earlier in the version shifts (as in benchmarks/defects.py)."""
    pool = list(baseline.findings)
    out = []
    for f in report.findings:
        same = next((c for c in pool if c.rule == f.rule and c.language == f.language
                     and (c.fingerprint == f.fingerprint or c.message == f.message)), None)
        if same is None:
            out.append(f)
        else:
            pool.remove(same)
    return out


@pytest.fixture(scope="module", params=range(len(DOCS)), ids=[d["id"] for d in DOCS])
def doc(request):
    d = DOCS[request.param]
    return d, _check(_versions(d))


def test_clean_documents_have_no_errors(doc):
    _, clean = doc
    assert [f for f in clean.findings if f.severity == "error"] == []


@pytest.mark.parametrize("lang", ["ko", "ja", "zh", "fr"])
def test_deleted_sentence_is_found(doc, lang):
    d, clean = doc
    paras = _versions(d)
    del paras[lang][1][1]
    found = _new(_check(paras), clean)
    assert any(f.language == lang and f.kind == "missing" and f.location.paragraph in (0, 1, 2) for f in found), found
    assert all(f.language == lang for f in found if f.severity == "error")


@pytest.mark.parametrize("lang", ["ja", "fr"])
def test_deleted_paragraph_is_found(doc, lang):
    d, clean = doc
    paras = _versions(d)
    paras[lang].pop(2)
    found = _new(_check(paras), clean)
    hits = [f for f in found if f.language == lang and f.kind == "missing" and f.severity == "error"]
    assert hits and hits[0].location.paragraph in (1, 2), found
    assert any(ref_part_in(f.reference.text, paras["en"], 2) for f in hits)


def ref_part_in(text, en_paras, index):
    return en_paras[index][0][:30] in text


@pytest.mark.parametrize("lang", ["ko", "ja", "zh", "fr"])
def test_truncated_sentence_is_found(doc, lang):
    d, clean = doc
    paras = _versions(d)
    # the longest sentence of paragraph 2, cut to about half
    k = max(range(len(paras[lang][2])), key=lambda i: len(paras[lang][2][i]))
    s = paras[lang][2][k]
    cut = len(s) // 2
    if lang in ("ko", "fr"):
        cut = s.rfind(" ", 0, cut)
    paras[lang][2][k] = s[:cut] + ("。" if lang in ("ja", "zh") else ".")
    found = _new(_check(paras), clean)
    assert any(
        f.language == lang and f.kind in ("truncated", "missing", "drift") and f.location.paragraph == 2
        for f in found
    ), found


@pytest.mark.parametrize("lang", ["ko", "ja", "fr"])
def test_replaced_sentence_is_found(doc, lang):
    d, clean = doc
    other = next(o for o in DOCS if o["id"] != d["id"])
    paras = _versions(d)
    paras[lang][1][0] = other["lines"][lang][5]
    found = _new(_check(paras), clean)
    assert any(f.language == lang and f.location.paragraph == 1 and f.severity == "error" for f in found), found


def test_untranslated_paragraph_is_found(doc):
    d, clean = doc
    paras = _versions(d)
    paras["ja"][1] = list(paras["en"][1])
    found = _new(_check(paras), clean)
    assert any(f.language == "ja" and f.kind == "untranslated" and f.location.paragraph == 1 for f in found), found


@pytest.mark.parametrize("lang", ["ko", "fr"])
def test_split_or_merged_paragraphs_are_not_reported(doc, lang):
    d, clean = doc
    split = _versions(d)
    p = split[lang][1]
    split[lang][1:2] = [p[:1], p[1:]]
    merged = _versions(d)
    merged[lang][2:4] = [merged[lang][2] + merged[lang][3]]
    for paras in (split, merged):
        assert _new(_check(paras), clean) == []


def test_a_correct_translation_the_encoder_scores_low_is_a_warning_not_an_error():
    # upi.176249 zh ¶3: «然后一脚妙传，哈扎德紧跟突入禁区。» renders "He then fired a beautiful
    # through ball, leading Hazard into the box." The encoder scores the pair at about 0.4 of
    # the usual, so verification unpairs it; a sentence from another document scores under
    # 0.3 (the error level) — this one is only worth a warning.
    report = _check(alignment_document("upi.176249"))
    found = [f for f in report.findings if f.language == "zh" and f.rule == "PC105"
             and "Hazard into the box" in f.reference.text]
    assert [f.severity for f in found] == ["warning"] and 0.3 <= found[0].score < 0.6
    assert not [f for f in report.findings if f.severity == "error" and f.language == "zh"]


@pytest.mark.parametrize("doc_id, lang, paragraph, sentence", [
    ("nytimes.184853", "zh", 4, 0),  # «…由此撤出。而一直在附近做礼拜的黑人会众则鸠占鹊巢。»
    ("bbc.381790", "ja", 1, 1),
])
def test_two_sentences_run_together_without_a_full_stop_are_not_reported(doc_id, lang, paragraph, sentence):
    # A dropped 。 runs two sentences into one segment that no clause boundary splits; the
    # reference sentence the first half renders must still count as there (it used to be
    # reported missing: PC102).
    d = next(x for x in DOCS if x["id"] == doc_id)
    clean = _check(_versions(d))
    glued = _versions(d)
    text = glued[lang][paragraph][sentence]
    assert text.endswith("。")
    glued[lang][paragraph][sentence] = text[:-1]
    assert _new(_check(glued), clean) == []


def test_a_short_sentence_that_lost_a_number_every_other_version_states_is_cut_short():
    # cnn.304447 ko ¶1: «"우리가 했던 모든 일이 11월에 달려있습니다.» ("All of what we've done
    # is at stake in November.") shortened to «"우리가 했던 모든 일입니다.» ("It's all we did."):
    # half as long as its counterparts and a proper sentence, whose words match theirs about
    # as well as the whole does — only the lost month, which en, ja, zh and fr all state and
    # no Korean sentence nearby does, tells the cut.
    paras = alignment_document("cnn.304447")
    clean = _check(paras)
    sentence = paras["ko"][1][1]
    assert sentence.startswith('"우리가 했던 모든 일이 11월에')
    paras["ko"][1][1] = '"우리가 했던 모든 일입니다.'
    found = [f for f in _new(_check(paras), clean) if f.severity in ("error", "warning")]
    assert [(f.rule, f.language, f.location.paragraph) for f in found] == [("PC104", "ko", 1)]
    assert "«November»" in found[0].message
