"""Sentence boundaries with exact offsets.

`sentencex` supplies the language-aware rules for alphabetic scripts; CJK full stops are
handled here (。！？ end a sentence, closing quotes and brackets stay with it, and a closing
bracket followed by a quotative particle such as と/라고 continues it).
"""

from __future__ import annotations

import re

_CJK_LANGS = {"ja", "zh"}
_CJK_END = re.compile(r"[。！？!?]+[」』”’）)\]】〉》\"']*")
_CONTINUES = re.compile(r"\s*(と|って|라고|이라고|고\s)")
# Fragments sentencex leaves after abbreviations ("M.", "janv.") that must rejoin their sentence.
_MIN_SENTENCE = 4


def sentence_spans(text: str, language: str) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of the sentences of ``text``, trimmed of whitespace."""
    if language in _CJK_LANGS:
        spans = _cjk_spans(text)
    else:
        spans = _sentencex_spans(text, language)
    return _merge_fragments(text, spans)


def _cjk_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for m in _CJK_END.finditer(text):
        end = m.end()
        if _CONTINUES.match(text, end) and m.group().rstrip("。！？!?"):
            continue  # 「…。」と述べた — the quote is part of the sentence
        # ASCII ! or ? inside Latin text (a brand name "Yahoo!") is not a CJK boundary
        if m.group()[0] in "!?" and end < len(text) and text[end].isascii() and text[end].isalnum():
            continue
        spans.append((pos, end))
        pos = end
    spans.append((pos, len(text)))
    return [_trim(text, a, b) for a, b in spans if text[a:b].strip()]


def _sentencex_spans(text: str, language: str) -> list[tuple[int, int]]:
    from sentencex import segment

    spans = []
    pos = 0
    try:
        pieces = list(segment(language, text))
    except Exception:  # unknown language code inside sentencex: fall back to English rules
        pieces = list(segment("en", text))
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        start = text.find(piece, pos)
        if start < 0:  # sentencex normalised something; give up on exact mapping for the rest
            spans.append((pos, len(text)))
            pos = len(text)
            break
        spans.append((start, start + len(piece)))
        pos = start + len(piece)
    if pos < len(text) and text[pos:].strip():
        spans.append((pos, len(text)))
    return [_trim(text, a, b) for a, b in spans if text[a:b].strip()]


def _merge_fragments(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in spans:
        short = sum(1 for ch in text[a:b] if ch.isalnum()) < _MIN_SENTENCE
        if out and short:
            out[-1] = (out[-1][0], b)  # a trailing fragment joins the sentence before it
        elif out and _is_abbreviation_tail(text, out[-1]):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


_ABBREV = re.compile(r"(?:^|\s)(?:[A-Z]|M|Mme|Mlle|Dr|Pr|St|janv|févr|avr|juil|sept|oct|nov|déc|etc|cf|p|n°|No)\.$")


def _is_abbreviation_tail(text: str, span: tuple[int, int]) -> bool:
    return bool(_ABBREV.search(text[span[0] : span[1]]))


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b
