"""Segmentation: sentences, list items and leads, with exact offsets."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from parallelcheck.model import Document, SegmentedDocument, Span
from parallelcheck.segment import segment_document, segment_paragraph, split_clauses, split_sentences

SEED = Path(__file__).resolve().parent.parent / "examples" / "sme-ministry-briefing.5lang.txt"
SEED_LANGUAGES = ("ko", "en", "ja", "zh", "fr")


def _seed_documents() -> dict[str, Document]:
    """Split the seed on blank lines; a "•" share-widget line ends each version.

    A deliberately tiny stand-in for the real loader, so these tests do not depend on it.
    """
    text = SEED.read_text(encoding="utf-8")
    spans: dict[str, list[Span]] = {lang: [] for lang in SEED_LANGUAGES}
    version = 0
    for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):
        block = m.group()
        stripped = block.strip()
        if not stripped or stripped.startswith("%d bloggers"):
            continue
        if stripped.startswith("•"):
            version += 1
            continue
        lead = len(block) - len(block.lstrip())
        spans[SEED_LANGUAGES[version]].append(Span(m.start() + lead, m.start() + len(block.rstrip())))
    return {lang: Document(lang, text, str(SEED), tuple(s)) for lang, s in spans.items()}


def _doc(text: str, language: str) -> Document:
    return Document(language, text, "<test>", (Span(0, len(text)),))


def _segments(text: str, language: str) -> list[tuple[str, str]]:
    return [(kind, text[s:e]) for kind, s, e in segment_paragraph(text, language)]


def _assert_tiles(sd: SegmentedDocument) -> None:
    """Offsets exact, trimmed, in order, and every non-space char in exactly one segment."""
    text = sd.document.text
    for p, span in zip(sd.paragraphs, sd.document.paragraphs):
        assert (p.start, p.end, p.text) == (span.start, span.end, text[span.start : span.end])
        covered = []
        prev_end = p.start
        for k, s in enumerate(p.segments):
            assert s.text == text[s.start : s.end]
            assert s.text and not s.text[0].isspace() and not s.text[-1].isspace()
            assert (s.paragraph, s.index) == (p.index, k)
            assert prev_end <= s.start < s.end <= p.end
            assert text[prev_end : s.start].strip() == ""  # nothing skipped between segments
            prev_end = s.end
            covered.append(s.text)
        assert text[prev_end : p.end].strip() == ""
        assert "".join("".join(c.split()) for c in covered) == "".join(p.text.split())


@pytest.fixture(scope="module")
def seed() -> dict[str, SegmentedDocument]:
    return {lang: segment_document(doc) for lang, doc in _seed_documents().items()}


# ------------------------------------------------------------------ the seed


@pytest.mark.parametrize(
    ("language", "lead", "item_starts"),
    [
        ("ko", "보고회에서 제시된 주요 추진과제는", ["▲로컬창업", "▲스타트업", "▲생산적", "▲중소기업"]),
        ("en", "The major tasks presented at the report meeting include", ["▲creating", "▲full", "▲transition", "▲establishment"]),
        ("ja", "報告会で提示された主な推進課題は、", ["▲ローカル", "▲スタートアップ"]),
        ("zh", "报告会议上提出的主要任务包括:", ["▲营造", "▲全面运营", "▲向生产性", "▲建立"]),
        ("fr", "Les principales tâches présentées lors de la réunion de rapport comprennent", ["▲ la création", "▲ le fonctionnement", "▲ la transition", "▲ la création"]),
    ],
)
def test_seed_inline_list_becomes_lead_plus_items(seed, language, lead, item_starts):
    segments = seed[language].paragraphs[3].segments
    assert [s.kind for s in segments] == ["lead"] + ["item"] * len(item_starts)
    assert segments[0].text.startswith(lead)
    for segment, start in zip(segments[1:], item_starts):
        assert segment.text.startswith(start)
    # Separators stay with the item before them; the last item keeps the sentence tail.
    assert segments[-1].text.endswith(("등이다.", "system.", "などだ。", "目标群体。", "performances."))


def test_seed_french_items_keep_their_separator(seed):
    items = [s.text for s in seed["fr"].paragraphs[3].segments[1:]]
    assert all(t.endswith("\u00a0;") for t in items[:-1])
    assert seed["fr"].paragraphs[3].segments[0].text.endswith("comprennent\u00a0:")


@pytest.mark.parametrize(
    ("language", "counts"),
    [
        ("ko", [1, 2, 2, 5, 2]),
        ("en", [1, 3, 2, 5, 3]),
        ("ja", [1, 2, 2, 3, 2]),
        ("zh", [1, 3, 2, 5, 3]),
        ("fr", [1, 3, 2, 5, 3]),
    ],
)
def test_seed_segment_counts(seed, language, counts):
    assert [len(p.segments) for p in seed[language].paragraphs] == counts
    for p in seed[language].paragraphs:
        if p.index != 3:
            assert {s.kind for s in p.segments} == {"sentence"}


def test_seed_sentences_split_where_expected(seed):
    en = [s.text for s in seed["en"].paragraphs[1].segments]
    assert en[1].startswith("This meeting") and en[2].startswith("For the first time")
    zh = [s.text for s in seed["zh"].paragraphs[1].segments]
    assert all(t.endswith("。") for t in zh)
    # The quoted statement stays inside the sentence that reports it.
    ko = seed["ko"].paragraphs[4].segments[1].text
    assert ko.startswith("한성숙 장관은 “") and ko.endswith("제시했다.")
    ja = seed["ja"].paragraphs[4].segments[1].text
    assert "」とし、" in ja and ja.endswith("提示した。")


def test_seed_offsets_tile_every_paragraph(seed):
    for sd in seed.values():
        _assert_tiles(sd)


# ------------------------------------------------------------------ sentences


def test_french_abbreviations_do_not_split():
    text = "M. Dupont est arrivé le 12 janv. la réunion a commencé. Mme Durand est partie le 3 févr. 2026. Fin."
    assert _segments(text, "fr") == [
        ("sentence", "M. Dupont est arrivé le 12 janv. la réunion a commencé."),
        ("sentence", "Mme Durand est partie le 3 févr. 2026."),
        ("sentence", "Fin."),
    ]


def test_english_decimals_urls_abbreviations_ellipses():
    text = (
        "The U.S. economy grew 3.5 percent. Dr. Smith visited www.example.com/a.html today. "
        "It was… fine. See https://ex.org/v1.2/x now."
    )
    assert [t for _, t in _segments(text, "en")] == [
        "The U.S. economy grew 3.5 percent.",
        "Dr. Smith visited www.example.com/a.html today.",
        "It was… fine.",
        "See https://ex.org/v1.2/x now.",
    ]


def test_a_time_zone_after_am_or_pm_continues_the_sentence():
    # NTREX: "...at an 11 a.m. ET news conference." was cut after "a.m.", and the stray
    # "ET news conference." was then reported missing in every version that didn't split it.
    text = "Police announced the arrest at an 11 a.m. ET news conference. We met at 9 a.m. The rain came."
    assert [t for _, t in _segments(text, "en")] == [
        "Police announced the arrest at an 11 a.m. ET news conference.",
        "We met at 9 a.m.",
        "The rain came.",
    ]


def test_a_short_attribution_after_a_quote_stays_with_it():
    ko = '"교회가 있었습니다.” 아담 씨가 말했다. 그는 바가 사라진 것을 이해할 수 있다고 말했다.'
    assert [t for _, t in _segments(ko, "ko")] == [
        '"교회가 있었습니다.” 아담 씨가 말했다.',
        "그는 바가 사라진 것을 이해할 수 있다고 말했다.",  # reports speech itself: a sentence
    ]
    zh = "“我们走。”他说。她点头。"
    assert [t for _, t in _segments(zh, "zh")] == ["“我们走。”他说。", "她点头。"]


def test_long_quotations_are_split_short_ones_are_not():
    ja = "彼は「行きます。準備はできた。」と述べた。"
    assert len(_segments(ja, "ja")) == 1
    zh = "他说：“" + "我们已经讨论了这个问题很长时间了。" * 3 + "现在我们需要做出决定并且马上开始行动。”"
    assert len(zh) > 60 and len(_segments(zh, "zh")) == 4


def test_straight_quotes_sit_on_the_right_side_of_a_break():
    ko = '대통령이 언급했습니다. "우리가 했던 모든 일이 11월에 달려있습니다.'
    assert [t for _, t in _segments(ko, "ko")] == ["대통령이 언급했습니다.", '"우리가 했던 모든 일이 11월에 달려있습니다.']
    en = 'They think you are sad." Patricia Schroeder had worked with Gary Hart. "It was not well thought out," she said.'
    assert [t for _, t in _segments(en, "en")] == [
        'They think you are sad."', "Patricia Schroeder had worked with Gary Hart.",
        '"It was not well thought out," she said.',
    ]


def test_cjk_quotes_stay_with_their_sentence():
    ja = "彼は「行きます。準備はできた。」と述べた。次の文です！本当？はい。"
    assert [t for _, t in _segments(ja, "ja")] == ["彼は「行きます。準備はできた。」と述べた。", "次の文です！", "本当？", "はい。"]
    ko = "그는 “가겠다.”라고 말했다. 두 번째 문장이다! 정말? 네."
    assert [t for _, t in _segments(ko, "ko")] == ["그는 “가겠다.”라고 말했다.", "두 번째 문장이다!", "정말?", "네."]
    zh = "他说:“我们走。”她点头。规模达3.5亿元!下一句?好。"
    assert [t for _, t in _segments(zh, "zh")] == ["他说:“我们走。”", "她点头。", "规模达3.5亿元!", "下一句?", "好。"]


def test_cjk_ascii_bang_before_latin_is_not_a_break():
    assert len(split_sentences("Yahoo! Japanのサービスです。", "ja")) == 1


def test_korean_sentence_without_space_after_period_splits():
    text = "밝혔다.이번 보고회는 3.5% 증가했다."
    assert [text[s:e] for s, e in split_sentences(text, "ko")] == ["밝혔다.", "이번 보고회는 3.5% 증가했다."]


def test_ideographic_space_before_period_does_not_crash():
    # sentencex panics on this input when given it verbatim.
    text = "B\u3000. Next one is here."
    assert [text[s:e] for s, e in split_sentences(text, "en")] == ["B\u3000.", "Next one is here."]


def test_language_tags_and_unknown_languages():
    text = "Hello world. This is a test."
    assert len(split_sentences(text, "en-GB")) == 2
    assert len(split_sentences(text, "xx")) == 2
    assert len(split_sentences("第一句。第二句。", "zh-Hant")) == 2
    assert split_sentences("   \n ", "en") == []


# ------------------------------------------------------------------ lists


def test_bullet_lines_with_lead_continuation_and_tail():
    text = "The plan has three parts:\n• Fund startups.\n• Build a centre. It opens in May.\n• Hire staff\n  across regions.\nThat is all."
    assert _segments(text, "en") == [
        ("lead", "The plan has three parts:"),
        ("item", "• Fund startups."),
        ("item", "• Build a centre. It opens in May."),
        ("item", "• Hire staff\n  across regions."),
        ("sentence", "That is all."),
    ]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("추진과제\n1. 창업 지원\n2. 금융 전환\n3) 기타", "ko"),
        ("主な課題\n① 創業支援\n② 金融転換", "ja"),
        ("Priorités\n- la création\n- le soutien", "fr"),
        ("任务\n一、创业\n二、金融", "zh"),
        ("과제\n가. 첫째\n나. 둘째", "ko"),
        ("Tasks\n(1) first\n(2) second\n(3) third", "en"),
    ],
)
def test_one_item_per_line(text, language):
    lines = text.split("\n")
    assert _segments(text, language) == [("lead", lines[0])] + [("item", line) for line in lines[1:]]


def test_long_line_item_is_split_into_sentences():
    long_item = "• " + " ".join(f"Sentence number {i} is here." for i in range(30))
    segs = _segments("Intro.\n" + long_item, "en")
    assert segs[0] == ("sentence", "Intro.")
    assert len(segs) == 31 and {k for k, _ in segs[1:]} == {"item"}


def test_single_numbered_line_in_prose_is_not_a_list():
    kinds = {k for k, _ in _segments("It happened in\n3 places. Then more.", "en")}
    assert kinds == {"sentence"}
    assert {k for k, _ in _segments("First line\n2. second line", "en")} == {"sentence"}


def test_inline_numbered_list_and_restart():
    text = "Steps: (1) collect data, (2) clean it, (3) train. Then (1) again is fine."
    assert _segments(text, "en") == [
        ("lead", "Steps:"),
        ("item", "(1) collect data,"),
        ("item", "(2) clean it,"),
        ("item", "(3) train."),
        ("sentence", "Then (1) again is fine."),
    ]
    ko = "주요 내용은 ① 창업 지원 ② 금융 전환이다. 끝."
    assert [k for k, _ in _segments(ko, "ko")] == ["lead", "item", "item", "sentence"]


def test_inline_list_spanning_a_sentence_break_keeps_items():
    text = "Tasks are ▲hold events. Support SMEs ▲open a centre."
    assert _segments(text, "en") == [
        ("lead", "Tasks are"),
        ("item", "▲hold events. Support SMEs"),
        ("item", "▲open a centre."),
    ]


def test_two_inline_lists_in_one_paragraph():
    text = "Tasks are ▲Fund startups. ▲Build a centre. The minister spoke. Later goals are ▲Hire staff ▲Open offices."
    assert _segments(text, "en") == [
        ("lead", "Tasks are"),
        ("item", "▲Fund startups."),
        ("item", "▲Build a centre."),
        ("sentence", "The minister spoke."),
        ("lead", "Later goals are"),
        ("item", "▲Hire staff"),
        ("item", "▲Open offices."),
    ]


def test_japanese_inline_list_without_separators():
    text = "主な推進課題は、▲ローカル創業の活性化▲支援センター稼働▲ファンド拡大などだ。次の文。"
    assert _segments(text, "ja") == [
        ("lead", "主な推進課題は、"),
        ("item", "▲ローカル創業の活性化"),
        ("item", "▲支援センター稼働"),
        ("item", "▲ファンド拡大などだ。"),
        ("sentence", "次の文。"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "김○○ 대표와 이○○ 씨가 참석했다.",  # anonymisation, not bullets
        "공공·민간 기관과 안전·재난 관리를 점검했다.",  # word-joining middle dots
        "Only one ▲ marker here.",
        "See (2) and (3) above.",  # references, not a list starting at 1
    ],
)
def test_not_inline_lists(text):
    assert {k for k, _ in _segments(text, "ko")} == {"sentence"}


def test_bullet_dots_with_spaces_are_a_list():
    assert _segments("Points : • un • deux. Fin.", "fr") == [
        ("lead", "Points :"),
        ("item", "• un"),
        ("item", "• deux."),
        ("sentence", "Fin."),
    ]


# ------------------------------------------------------------------ offsets, property style


def test_offsets_exact_on_many_generated_paragraphs():
    pieces = [
        "M. Dupont", "3.5 %", "12 janv.", "la suite", "▲ un", "▲deux", "「引用。」と", "。", "!", "? ",
        "“인용.”라고", "U.S.", "https://a.b/c.d", "…", "\n", "\n• item", "\n1. one", "\n2) two", " ① ", " ② ",
        "(1) ", "(2) ", "  ", "\u00a0;", "B\u3000.", "\u3000", "、", "。」", "Hello world.", "안녕하세요.", "中文句子。", ":", "\n  cont",
    ]
    state = 12345
    paragraphs = []
    for _ in range(600):
        parts = []
        for _ in range(1 + state % 14):
            state = (state * 1103515245 + 12345) % (2**31)
            parts.append(pieces[state % len(pieces)])
        paragraphs.append("".join(parts).strip() or "x")
    for language in ("ko", "ja", "zh", "en", "fr", "de"):
        text = ""
        spans = []
        for p in paragraphs:
            spans.append(Span(len(text), len(text) + len(p)))
            text += p + "\n\n"
        _assert_tiles(segment_document(Document(language, text, "<gen>", tuple(spans))))


def test_whitespace_only_paragraph_has_no_segments():
    text = "A.\n\n\u00a0\n\nB."
    doc = Document("en", text, "<t>", (Span(0, 2), Span(4, 5), Span(7, 9)))
    sd = segment_document(doc)
    assert [len(p.segments) for p in sd.paragraphs] == [1, 0, 1]
    assert sd.segments[1].paragraph == 2 and sd.segments[1].start == 7


def test_ten_thousand_sentences_are_fast():
    sentence = "The ministry announced 3.5 billion won for M. Dupont on Jan. 5 in the U.S. office. "
    text = (sentence * 10_000).strip()
    started = time.perf_counter()
    sd = segment_document(_doc(text, "en"))
    assert time.perf_counter() - started < 5
    assert len(sd.segments) == 10_000
    cjk = "彼は「行きます。」と述べた。▲一つ▲二つなどだ。" * 5_000
    started = time.perf_counter()
    sd = segment_document(_doc(cjk, "ja"))
    assert time.perf_counter() - started < 5
    assert [s.kind for s in sd.segments[:6]] == ["sentence", "item", "item"] * 2
    assert len(sd.segments) == 5_000 * 3


# ------------------------------------------------------------------ clauses


def test_split_clauses():
    text = "추진과제는 1,000억 원, 창업(지원, 금융); 그리고 끝"
    assert [text[s:e] for s, e in split_clauses(text, "ko")] == ["추진과제는 1,000억 원", "창업(지원, 금융)", "그리고 끝"]
    zh = "▲营造热潮,开展活动、支持复苏;建立安全网;"
    assert [zh[s:e] for s, e in split_clauses(zh, "zh")] == ["▲营造热潮", "开展活动", "支持复苏", "建立安全网"]
    fr = "▲ la création, le soutien\u00a0; "
    assert [fr[s:e] for s, e in split_clauses(fr, "fr")] == ["▲ la création", "le soutien"]
    assert split_clauses(" , ;", "en") == []
    # An unclosed bracket does not swallow the rest of the text.
    assert len(split_clauses("a (b, c, d", "en")) == 3
