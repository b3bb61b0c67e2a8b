"""segment.endings: a full stop after an element that can't end a sentence."""

import pytest

from parallelcheck.segment.endings import ends_mid_phrase


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("정부는 중소기업의 성장을 위해.", "ko"),  # cut after a connective
        ("中小企業の成長を支援するための。", "ja"),  # cut after a particle
        ("政府将为中小企业的。", "zh"),
        ("Le gouvernement soutiendra la croissance des.", "fr"),
        ("The ministry will support the growth of the.", "en"),
        ("チャイルダーストリートでのひ。", "ja"),  # a word cut in two (ひき逃げ)
        ("她却养成了一种习惯，那就。", "zh"),  # an adverb waiting for its verb
        ("le ministre russe de l’énergie Alexandre Novak a.", "fr"),  # an auxiliary
        ("파트너 헨드릭 스텐슨(Henrik.", "ko"),  # a parenthesis left open
    ],
)
def test_sentence_cut_mid_phrase(text, lang):
    assert ends_mid_phrase(text, lang)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("정부는 중소기업의 성장을 지원한다.", "ko"),
        ("중소기업 지원을 확대하겠습니다.", "ko"),
        ("中小企業の成長を支援する。", "ja"),
        ("政府将支持中小企业的发展。", "zh"),
        ("Le gouvernement soutiendra la croissance.", "fr"),
        ("The ministry will support growth.", "en"),
        ("生息地管理業務のメリットを決定するうえで役立つ。", "ja"),  # a verb's dictionary form
        ("調査は来週行われるという。", "ja"),
        ("他说这件事很难。", "zh"),
        ("Il y a trois ans, la croissance (2 %) était faible.", "fr"),
        ("정부는 중소기업의 성장을 위해", "ko"),  # no full stop: a heading, not a cut sentence
        ("A sentence in an unknown language of.", "xx"),
    ],
)
def test_complete_sentence_is_not_flagged(text, lang):
    assert not ends_mid_phrase(text, lang)


def test_a_cut_sentence_inside_a_kept_together_quotation_is_seen():
    # PC104 looks at every 。 of a Chinese or Japanese segment (the segmenter keeps a
    # quotation's sentences together), but not at a quoted sentence's own end: speech ends
    # informally («「本当ならすごいこと。」», "Big if true").
    from types import SimpleNamespace

    from parallelcheck.align.pairwise import Bead
    from parallelcheck.checks.truncated import _ends_mid_phrase

    def ends(text, lang):
        segments = {"en": [SimpleNamespace(text="She said it was over.")], lang: [SimpleNamespace(text=text)]}
        ctx = SimpleNamespace(segments=segments, pivot="en")
        return _ends_mid_phrase(ctx, lang, Bead((0,), (0,), 1.0), {})

    assert ends("她继续说道，“我曾被帮助过，那就。不，那是因为我生气了。”", "zh")
    assert not ends("她继续说道，“我曾被帮助过。不，那是因为我生气了。”", "zh")
    assert not ends("「本当ならすごいこと。」と彼はつぶやいた。", "ja")


def test_a_cut_sentence_followed_by_a_heading_in_the_same_match_is_seen():
    # bbc.381746 ko: the cut «…두 개의 패널티 킥이.» shares its match with the next line, a
    # subheading without a full stop; every sentence of the match is looked at, not only its last.
    from types import SimpleNamespace

    from parallelcheck.align.pairwise import Bead
    from parallelcheck.checks.truncated import _ends_mid_phrase

    segments = {"en": [SimpleNamespace(text="Two penalty claims were waved away.")],
                "ko": [SimpleNamespace(text="할킷의 도전과 핸드볼로 생긴 두 개의 패널티 킥이."),
                       SimpleNamespace(text="리빙스턴의 ‘경이로움’ 분석")]}
    ctx = SimpleNamespace(segments=segments, pivot="en")
    assert _ends_mid_phrase(ctx, "ko", Bead((0,), (0, 1), 1.0), {})
    assert not _ends_mid_phrase(ctx, "ko", Bead((0,), (1,), 1.0), {})
