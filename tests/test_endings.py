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
        ("정부는 중소기업의 성장을 위해", "ko"),  # no full stop: a heading, not a cut sentence
        ("A sentence in an unknown language of.", "xx"),
    ],
)
def test_complete_sentence_is_not_flagged(text, lang):
    assert not ends_mid_phrase(text, lang)
