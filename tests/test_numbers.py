"""PC201 number-mismatch and the quantity reader behind it, on the example and NTREX text."""

import pytest

import parallelcheck
from parallelcheck.load import load_paths
from parallelcheck.quantities import quantities

from .conftest import SEED, ntrex_documents, paragraphs_of, render_texts


@pytest.mark.parametrize(
    ("text", "lang", "values"),
    [
        ("Fifteen public institutions and 2.5 million people", "en", [15, 2.5e6]),
        ("the twelfth of May, 1,000 cars, 11%", "en", [12, 1000, 11]),
        ("Quinze institutions, 2,5 millions, 1 000 voitures, 11,4 %", "fr", [15, 2.5e6, 1000, 11.4]),
        ("la troisième fois", "fr", [3]),
        ("15개 과제, 1,500만 명, 세 가지, 제3차, 2026년 12일", "ko", [15, 1.5e7, 3, 3, 2026, 12]),
        ("1억 5천만 원", "ko", [1.5e8]),
        ("十五项措施、1500万人、第3次、二十五日、１５件、三大", "zh", [15, 1.5e7, 3, 25, 15, 3]),
        ("周五取得两场四分胜利", "zh", [2, 4]),  # 周五 is Friday; 四分, four points
        ("돼지 열 다섯 마리, 스무 살", "ko", [15, 20]),
        ("had trained two of the missing, the fifth-floor room", "en", [2, 5]),
        ("deux des athlètes, au cinquième étage", "fr", [2, 5]),
        ("中小企業15社、3万人、二〇二六年", "ja", [15, 3e4, 2026]),
        # 兆 before a unit word is the SI prefix mega (500 MB, 3 MHz); before 元 it is 10¹²,
        # and in Japanese always 10¹².
        ("文件为500兆字节，主频3兆赫，投资3兆元", "zh", [500, 3, 3e12]),
        ("予算は3兆円", "ja", [3e12]),
    ],
)
def test_numbers_are_read_as_values_in_every_script(text, lang, values):
    assert [q.value for q in quantities(text, lang)] == values


@pytest.mark.parametrize(
    ("text", "lang"),
    [("一些人一直在统一", "zh"), ("one of the biggest", "en"), ("une réunion", "fr"), ("한편 그는", "ko"),
     ("the final one", "en"), ("un an", "fr"), ("한 명", "ko"), ("星期三", "zh")],
)
def test_words_that_only_look_like_numbers_are_not_read(text, lang):
    assert quantities(text, lang) == []


def test_spans_point_at_the_number_words():
    text = "She presented three core missions"
    (q,) = quantities(text, "en")
    assert text[q.start : q.end] == "three"


def _seed_versions():
    return {d.language: d.text[d.paragraphs[0].start : d.paragraphs[-1].end] for d in load_paths([str(SEED)])}


def _numbers(report):
    return [f for f in report.findings if f.rule == "PC201"]


def test_the_example_has_no_number_findings():
    # "Fifteen" / "Quinze" / "15" and "three" / "三" / "3" are the same numbers
    assert _numbers(parallelcheck.check_documents(load_paths([str(SEED)]))) == []


def test_a_changed_digit_is_blamed_on_its_version_with_both_values():
    versions = _seed_versions()
    assert "15" in versions["ja"]
    versions["ja"] = versions["ja"].replace("15", "50", 1)
    found = _numbers(parallelcheck.check(versions, pivot="ko"))
    assert [(f.language, f.severity) for f in found] == [("ja", "error")]
    f = found[0]
    assert "50" in f.message and "15" in f.message
    assert versions["ja"][f.location.start : f.location.end] == "50"


def test_a_changed_number_word_is_found():
    versions = _seed_versions()
    versions["fr"] = versions["fr"].replace("Quinze", "Seize", 1)
    found = _numbers(parallelcheck.check(versions, pivot="ko"))
    assert [f.language for f in found] == ["fr"] and "Seize" in found[0].message


def test_a_number_left_implicit_is_not_an_error():
    versions = _seed_versions()
    versions["en"] = versions["en"].replace("Fifteen public institutions", "Public institutions", 1)
    assert _numbers(parallelcheck.check(versions, pivot="ko")) == []


@pytest.mark.parametrize("doc", ntrex_documents(), ids=lambda d: d["id"])
def test_clean_news_documents_have_no_number_findings(doc):
    paras = {lang: paragraphs_of(lines) for lang, lines in doc["lines"].items()}
    assert _numbers(parallelcheck.check(render_texts(paras))) == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("winds of 85 mph", "en", [(85, "mile")]),
        ("시속 85마일의 바람", "ko", [(85, "mile")]),
        ("des vents de 135 km/h", "fr", [(135, "km")]),
        ("1 to 4 inches of rain", "en", [(1, "inch"), (4, "inch")]),
        ("a 650 pound pig, 20 people", "en", [(650, "lb"), (20, "")]),
        ("80 degrees", "en", []),  # temperatures are converted with shifts: left out
        # clock times are minutes past 12 in their own family: 7:55, 2:00, 14:30 = 2:30
        ("at 7.55am, or 2pm", "en", [(475, "clock"), (120, "clock")]),
        ("오후 2시", "ko", [(120, "clock")]),
        ("vers 14 h 30", "fr", [(150, "clock")]),
        ("午後5時半、02：30", "ja", [(330, "clock"), (150, "clock")]),
        ("3시간 동안", "ko", [(3, "")]),  # hours of duration are a count
        # pounds sterling are money, not weight
        ("1억 2천만 파운드", "ko", [(1.2e8, "")]),
        ("1500億ポンド", "ja", [(1.5e11, "")]),
    ],
)
def test_lengths_and_weights_keep_their_unit_and_times_are_read_as_clock_times(text, lang, expected):
    assert [(q.value, q.unit) for q in quantities(text, lang)] == expected


# Real NTREX sentences (bbc.381760, bbc.381780, independent.226301), one number changed in
# one version as the defect benchmark changes them.
CLOCK_ROW = {
    "en": 'Officers described the shooting, which took place at about 02:30 BST, as a "random act."',
    "ko": "경찰은 영국 서머 타임 기준 오전 2시 30분에 일어난 총격에 대해 ‘무작위적인 행위’라고 서술했다.",
    "ja": "警察官は、英国夏時間の午前 2:30 前後に発生した射撃を「無差別乱射」と説明した。",
    "zh": "警方称这起发生在英国02：30左右的枪击事件是“随机行为”。",
    "fr": "Les policiers ont décrit l’incident, qui a eu lieu vers 2 h 30 BST, comme étant un « acte aléatoire ».",
}
AGES_ROW = {
    "en": "Three men, aged 33, 34 and 39, have been arrested after a car was repeatedly rammed into a house in Londonderry.",
    "ko": "33세, 34세, 39세인 세 명의 남자들이 차 한 대가 계속해서 런던데리의 집을 들이받고 체포됐다.",
    "ja": "33歳、34歳、39歳の3人の男は、ロンドンベリーの家に何回も衝突していたところを逮捕された。",
    "zh": "一辆小轿车反复撞进伦敦德里的一所房屋后，年龄分别为 33、34 和39 岁的三名男子被捕。",
    "fr": "Trois hommes âgés de 33, 34 et 39 ans, ont été arrêtés après avoir foncé à plusieurs reprises sur une maison à Londonderry.",
}


def _with_context(row):
    """The row as the middle paragraph of a short document (the fixture's first document
    around it), so that the aligner has context to calibrate on."""
    doc = ntrex_documents()[0]["lines"]
    return render_texts({lang: [doc[lang][:2], [row[lang]], doc[lang][2:5]] for lang in row})


@pytest.mark.parametrize(("row", "lang", "old", "new"), [
    (CLOCK_ROW, "fr", "2 h 30", "6 h 30"),  # a clock time, against 02:30, 오전 2시 30분, 2:30
    (CLOCK_ROW, "ko", "2시 30분", "3시 30분"),
    (AGES_ROW, "zh", "33、34", "39、34"),  # the wrong value is one the sentence states anyway
])
def test_a_changed_clock_time_or_repeated_value_is_found(row, lang, old, new):
    assert not _numbers(parallelcheck.check(_with_context(row)))
    changed = dict(row, **{lang: row[lang].replace(old, new, 1)})
    texts = _with_context(changed)
    found = _numbers(parallelcheck.check(texts))
    assert [(f.language, f.location.paragraph) for f in found] == [(lang, 1)]
    assert texts[lang][found[0].location.start : found[0].location.end] in new


def test_numbers_of_different_sentences_are_not_paired_as_a_substitution():
    # ko leaves "1 to 4" implicit in one sentence and writes "half an inch" as 0.5 in the
    # next: each sentence row shows no substitution, so the paragraph must not pair them.
    texts = {
        "en": "Locally, 1 to 4 inches of rain will cause flooding in the desert. Totals of over half an inch are possible on the coast.",
        "fr": "Localement, 1 à 4 pouces de pluie provoqueront des inondations dans le désert. Des cumuls de plus d'un demi-pouce sont possibles sur la côte.",
        "ko": "국지적으로 몇 인치의 비가 사막에 홍수를 일으킬 것이다. 해안에는 0.5인치 이상의 강수량이 가능하다.",
    }
    assert not [f for f in parallelcheck.check(texts).findings if f.rule == "PC201"]
    texts["ko"] = texts["ko"].replace("몇 인치의", "1~5인치의")  # a real change in the same sentence still shows
    found = [f for f in parallelcheck.check(texts).findings if f.rule == "PC201"]
    assert [(f.language, f.location.paragraph) for f in found] == [("ko", 0)] and "5" in found[0].message


def _ls_page(**edits):
    """A tldr-style page (written for this test) whose first example says "one per line" in
    words everywhere but Japanese, which writes the digit (1行ごと)."""
    lines = {
        "en": ("List directory contents.", "List files one per line:", "List all files, including hidden files:"),
        "ko": ("폴더의 내용물을 나열합니다.", "한줄에 하나의 파일씩 나열:", "숨겨진 파일을 포함해 모든 파일 나열:"),
        "ja": ("ディレクトリの内容を一覧表示します。", "ファイルを1行ごとに一覧表示:", "隠しファイルを含むすべてのファイルを一覧表示:"),
        "zh": ("列出目录中的内容。", "列出目录中的文件，每个文件占一行：", "列出包含隐藏文件的所有文件："),
        "fr": ("Liste le contenu d'un répertoire.", "Liste les fichiers, un par ligne :",
               "Liste tous les fichiers, ainsi que les fichiers cachés :"),
    }
    texts = {lang: f"# ls\n\n> {d}\n\n- {one}\n\n`ls -1`\n\n- {every}\n\n`ls -a`\n"
             for lang, (d, one, every) in lines.items()}
    for lang, (old, new) in edits.items():
        assert old in texts[lang]
        texts[lang] = texts[lang].replace(old, new)
    return texts


def test_a_digit_changed_where_the_others_say_one_in_words_is_found():
    # tldr common/ls: ja «5行ごと» where en, ko, zh, fr say one per line (one, 하나, 一行, un par)
    clean = _ls_page()
    assert _numbers(parallelcheck.check(clean, pivot="en", input_format="markdown")) == []
    edited = _ls_page(ja=("1行ごと", "5行ごと"))
    found = _numbers(parallelcheck.check(edited, pivot="en", input_format="markdown"))
    assert [(f.language, f.severity, f.location.line) for f in found] == [("ja", "error", 5)]
    assert edited["ja"][found[0].location.start : found[0].location.end] == "5"
    assert "where the other versions have 1" in found[0].message


@pytest.mark.parametrize(("text", "lang", "ones"), [
    ("List files one per line, one at a time", "en", ["one", "one"]),
    ("run more than one copy, at least one, no one, the one, one of them, one another, someone", "en", []),
    ("un par ligne, une seule fois ; un fichier, une commande", "fr", ["un", "une"]),
    ("한줄에 하나의 파일씩, 한 개", "ko", ["하나"]),
    ("每个文件占一行，一个文件，统一，第一行", "zh", ["一"]),
    ("一つのファイル、ひとつずつ", "ja", ["一つ", "ひとつ"]),
])
def test_one_words_are_counts_not_articles_or_pronouns(text, lang, ones):
    from parallelcheck.checks.numbers import _one_words

    assert [q.text for q in _one_words(text, lang, [], 0)] == ones


def test_one_words_support_only_a_whole_number():
    # k8s components (--source en): en «run more than one copy» where fr, following an older
    # text, says «introduite dans la version 1.6»; a version number is no count of one
    page = _ls_page()
    texts = {"en": page["en"], "fr": page["fr"].replace("Liste les fichiers, un par ligne :",
                                                        "Liste les fichiers (depuis la version 1.6) :")}
    assert _numbers(parallelcheck.check(texts, source="en", input_format="markdown")) == []
    texts["fr"] = page["fr"].replace("un par ligne", "5 par ligne")
    found = _numbers(parallelcheck.check(texts, source="en", input_format="markdown"))
    assert [(f.language, f.location.line) for f in found] == [("fr", 5)]


def _arrests(**edits):
    """A short news item written for this test: the title gives the count (four), the body
    breaks it down by age; fr restates the count with a definite article («les quatre
    hommes») where en and ko list the ages."""
    texts = {
        "en": "Four arrested after fire at market\n\n"
              "A fire destroyed part of the old market in the town centre on Saturday night. "
              "Police said a 19-year-old, two 22-year-olds and a 30-year-old man were held overnight.\n\n"
              "Traders have asked the council for help to rebuild their stalls.",
        "fr": "Quatre arrestations après un incendie au marché\n\n"
              "Un incendie a détruit une partie du vieux marché du centre-ville samedi soir. "
              "La police a indiqué avoir arrêté les quatre hommes (âgés de 19, 22 et 30 ans) dans la nuit.\n\n"
              "Les commerçants ont demandé l'aide de la mairie pour reconstruire leurs étals.",
        "ko": "시장 화재 후 네 명 체포\n\n"
              "토요일 밤 화재로 시내 중심가의 오래된 시장 일부가 불탔다. "
              "경찰은 19세 한 명, 22세 두 명, 30세 남성 한 명을 밤사이 체포했다고 밝혔다.\n\n"
              "상인들은 가게를 다시 짓기 위해 시의회에 도움을 요청했다.",
    }
    for lang, (old, new) in edits.items():
        assert old in texts[lang]
        texts[lang] = texts[lang].replace(old, new)
    return texts


def test_a_count_that_restates_a_total_given_before_is_no_substitution():
    # NTREX bbc.381765 fr (half A) in our own words: «les quatre» refers back to the title's
    # four, where the others break the group down by age ("two 22-year-olds").
    assert _numbers(parallelcheck.check(_arrests(), pivot="en")) == []


@pytest.mark.parametrize("edits", [
    {"fr": ("les quatre hommes", "les cinq hommes")},  # a count the document never gave
    {"fr": ("avoir arrêté les quatre hommes", "avoir arrêté quatre hommes")},  # not referring back
    {"en": ("Four arrested", "Arrests"), "ko": ("네 명 체포", "체포")},  # only fr ever states four
])
def test_a_count_is_a_substitution_unless_it_refers_back_to_a_total_all_state(edits):
    texts = _arrests(**edits)
    found = _numbers(parallelcheck.check(texts, pivot="en"))
    assert [(f.language, f.severity, f.location.paragraph) for f in found] == [("fr", "error", 1)]
    assert texts["fr"][found[0].location.start : found[0].location.end] in ("quatre", "cinq")
