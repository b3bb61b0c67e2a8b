"""PC202 (Latin-script tokens) and PC203 (one name spelled two ways), on the example."""

import parallelcheck
from parallelcheck.load import load_paths

from .conftest import SEED


def _seed_paragraphs():
    return {d.language: [d.text[s.start : s.end] for s in d.paragraphs] for d in load_paths([str(SEED)])}


def _check(paras, **kw):
    return parallelcheck.check({lang: "\n\n".join(ps) for lang, ps in paras.items()}, pivot="ko", **kw)


def test_the_example_name_variants_are_found_in_english_and_french():
    report = parallelcheck.check_documents(load_paths([str(SEED)]))
    found = [f for f in report.findings if f.rule == "PC203"]
    assert sorted(f.language for f in found) == ["en", "fr"]
    text = SEED.read_text(encoding="utf-8")
    for f in found:
        assert f.severity == "warning"
        spelled = text[f.location.start : f.location.end]
        assert spelled in ("Han Sung-sook", "Han Seong-sook")
        assert f.reference.text in ("Han Sung-sook", "Han Seong-sook") and f.reference.text != spelled
    assert not [f for f in report.findings if f.rule == "PC202"]  # SME/PME, AI/IA: translated, fine


def test_a_url_dropped_from_one_version_is_found():
    paras = _seed_paragraphs()
    for lang in paras:
        if lang != "zh":
            paras[lang][4] = paras[lang][4][:-1] + " (www.mss.go.kr/site/smba)" + paras[lang][4][-1]
    found = [f for f in _check(paras).findings if f.rule == "PC202"]
    assert [(f.language, f.location.paragraph) for f in found] == [("zh", 4)]
    assert "www.mss.go.kr/site/smba" in found[0].message


def test_an_acronym_is_expected_where_the_version_writes_it_in_latin_letters():
    paras = _seed_paragraphs()

    def mention(lang, k):  # inside the paragraph's last sentence, before its full stop
        paras[lang][k] = paras[lang][k][:-1] + " (KOSME)" + paras[lang][k][-1]

    for lang in paras:
        mention(lang, 4)
        if lang != "ja":
            mention(lang, 2)
    found = [(f.language, f.location.paragraph) for f in _check(paras).findings if f.rule == "PC202"]
    assert found == [("ja", 2)]  # ja writes KOSME in ¶4, so its absence from ¶2 stands out
    paras["ja"][4] = paras["ja"][4].replace(" (KOSME)", "")  # never in Latin letters: its choice
    assert not [f for f in _check(paras).findings if f.rule == "PC202"]


def test_different_names_are_not_variants():
    en = "North Korea and South Korea met. Kim Jong-un and Kim Yo-jong spoke. North Korea agreed."
    fr = "La Corée du Nord et la Corée du Sud se sont rencontrées. Kim Jong-un et Kim Yo-jong ont parlé."
    assert not [f for f in parallelcheck.check({"en": en, "fr": fr}).findings if f.rule == "PC203"]


def test_an_acronym_a_version_mostly_renders_its_own_way_stays_quiet_when_paragraphs_merge():
    paras = _seed_paragraphs()
    for lang in paras:
        for k in (1, 2, 4):
            if lang != "fr" or k == 4:  # fr writes KOSME once, where the others write it three times
                paras[lang][k] = paras[lang][k][:-1] + " (KOSME)" + paras[lang][k][-1]
    assert not [f for f in _check(paras).findings if f.rule == "PC202"]
    # Merging the two fr paragraphs that lack it must not turn its choice into a mistake
    # (counting the rows that lack it, not the whole version, did).
    paras["fr"][1:3] = [paras["fr"][1] + " " + paras["fr"][2]]
    assert not [f for f in _check(paras).findings if f.rule == "PC202"]
