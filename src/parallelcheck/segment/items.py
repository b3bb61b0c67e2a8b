"""List items: one-per-line bullets/numbers, and inline runs ("과제는 ▲… ▲… 등이다").

Everything here works on one paragraph's text and returns ``(kind, start, end)``
triples relative to it, trimmed, in order, covering every non-space character once.
"""

from __future__ import annotations

import bisect
import re
from typing import Callable

from ..settings import DEFAULT
from .sentences import trim_span as _trim

Piece = tuple[str, int, int]  # (kind, start, end)
SentenceSplitter = Callable[[str], "list[tuple[int, int]]"]


# One-per-line markers at the start of a line.
_LINE_MARKER = re.compile(
    r"""[ \t\u3000\u00a0]*(?:
        (?P<sym>[•·・▪■●○▲△▶►◆◇□※◦‣➢➤])(?!(?P=sym))     # "○○기업" is anonymisation, not a bullet
      | (?P<dash>[-*–+－])(?=\s)
      | (?P<num>
            (?:\(\d{1,3}\)|（\d{1,3}）|\d{1,3}[.)）]|[a-z][.)]|\([a-z]\)
              |[가나다라마바사아자차카타파하][.)]|[ivx]{1,4}[.)])(?=\s)
          | [①-⑳]
          | [一二三四五六七八九十]{1,3}[、．.]
          | [ⅰ-ⅻⅠ-Ⅻ]
        )
    )""",
    re.X,
)

# Inline markers inside running text.
_INLINE_MARKER = re.compile(
    r"""
        (?P<sym>[▲△■□●○◆◇▶►※])
      | (?<!\S)(?P<dot>[•·])(?=\s)          # "공공·민간" is a word joiner, not a bullet
      | (?P<circ>[①-⑳])
      | (?<![\w(])\((?P<pnum>\d{1,2})\)
      | (?<!\S)(?P<rnum>\d{1,2})\)
    """,
    re.X,
)

_TERMINAL = tuple(".!?。！？…」』”’）)\"'»")
_CIRCLED_ONE = ord("①")




# ---------------------------------------------------------------- inline lists


def _inline_chains(text: str, sentence_starts: list[int]) -> list[list[int]]:
    """Runs of same-type inline markers (positions) that form a list: >= 2 markers,
    numbered ones counting 1, 2, 3…, no complete marker-free sentence in between."""
    by_key: dict[str, list[tuple[int, int]]] = {}
    for m in _INLINE_MARKER.finditer(text):
        kind = m.lastgroup or ""
        pos = m.start()
        if kind == "sym":
            ch = m.group("sym")
            # A doubled symbol ("김○○", "■■■") is not a bullet.
            if (pos > 0 and text[pos - 1] == ch) or (pos + 1 < len(text) and text[pos + 1] == ch):
                continue
            by_key.setdefault(ch, []).append((pos, 0))
        elif kind == "dot":
            by_key.setdefault(m.group("dot"), []).append((pos, 0))
        elif kind == "circ":
            by_key.setdefault("circ", []).append((pos, ord(m.group("circ")) - _CIRCLED_ONE + 1))
        else:
            by_key.setdefault(kind, []).append((pos, int(m.group(kind))))

    def gap_breaks(a: int, b: int) -> bool:
        # Two sentence starts in (a, b] mean a whole sentence without a marker lies
        # between: the markers belong to different lists. One is fine: an item may
        # itself contain a sentence break.
        return bisect.bisect_right(sentence_starts, b) - bisect.bisect_right(sentence_starts, a) >= 2

    chains: list[list[int]] = []
    for key, marks in by_key.items():
        numbered = key in ("circ", "pnum", "rnum")
        chain: list[int] = []
        expected = 1
        for pos, num in marks:
            if numbered:
                if num == 1:
                    if len(chain) >= 2:
                        chains.append(chain)
                    chain, expected = [pos], 2
                elif chain and num == expected:
                    if gap_breaks(chain[-1], pos):
                        if len(chain) >= 2:
                            chains.append(chain)
                        chain = []
                    else:
                        chain.append(pos)
                        expected += 1
                # other numbers (references like "(3)") stay inside the item text
            else:
                if chain and gap_breaks(chain[-1], pos):
                    if len(chain) >= 2:
                        chains.append(chain)
                    chain = []
                chain.append(pos)
        if len(chain) >= 2:
            chains.append(chain)
    chains.sort()
    return chains


def prose_pieces(text: str, start: int, end: int, split: SentenceSplitter) -> list[Piece]:
    """Segments of ``text[start:end]``: sentences, with any sentence(s) that carry an
    inline list replaced by a lead and one item per marker."""
    region = text[start:end]
    sentences = split(region)
    if not sentences:
        return []
    starts = [s for s, _ in sentences]
    chains = _inline_chains(region, starts) if _INLINE_MARKER.search(region) else []

    # Pick lists greedily from the left; an overlapping later chain is nested inside an
    # item of the outer list (or interleaved) and stays part of that item's text.
    lists: list[tuple[int, int, list[int]]] = []  # (first sentence, last sentence, markers)
    covered_until = -1
    for chain in chains:
        first = bisect.bisect_right(starts, chain[0]) - 1
        last = bisect.bisect_right(starts, chain[-1]) - 1
        if first <= covered_until:
            continue
        lists.append((first, last, chain))
        covered_until = last

    out: list[Piece] = []
    i = 0
    for first, last, chain in lists:
        for s, e in sentences[i:first]:
            out.append(("sentence", start + s, start + e))
        lead_s, lead_e = _trim(region, sentences[first][0], chain[0])
        if lead_e > lead_s:
            out.append(("lead", start + lead_s, start + lead_e))
        bounds = [*chain, sentences[last][1]]
        for a, b in zip(bounds, bounds[1:]):
            s, e = _trim(region, a, b)
            if e > s:
                out.append(("item", start + s, start + e))
        i = last + 1
    for s, e in sentences[i:]:
        out.append(("sentence", start + s, start + e))
    return out


# ---------------------------------------------------------------- line lists


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for line in text.splitlines(keepends=True):
        spans.append((pos, pos + len(line.rstrip("\r\n\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e"))))
        pos += len(line)
    return spans


def _blocks(text: str) -> list[tuple[str, int, int]] | None:
    """Split a paragraph into ("item" | "prose", start, end) blocks when some of its
    lines start with a list marker; None when it is plain prose."""
    lines = [(s, e) for s, e in _line_spans(text) if text[s:e].strip()]
    if not lines:
        return None
    markers = []
    for s, e in lines:
        m = _LINE_MARKER.match(text, s, e)
        markers.append(m.lastgroup if m else None)
    numbered = sum(1 for k in markers if k == "num")
    # A single numbered line inside wrapped prose ("…in March\n3. The…") is not a list.
    if numbered == 1 and len(lines) > 1:
        markers = [None if k == "num" else k for k in markers]
    if not any(markers):
        return None

    blocks: list[list] = []
    for (s, e), kind in zip(lines, markers):
        if kind:
            blocks.append(["item", s, e])
            continue
        indented = s < e and text[s].isspace()
        first = text[s:e].lstrip()[:1]
        if blocks and blocks[-1][0] == "item" and (indented or first.islower()):
            blocks[-1][2] = e  # a wrapped continuation of the item
        elif blocks and blocks[-1][0] == "prose":
            blocks[-1][2] = e
        else:
            blocks.append(["prose", s, e])
    return [(k, s, e) for k, s, e in blocks]


def paragraph_pieces(text: str, split: SentenceSplitter,
                     long_item_chars: int = DEFAULT.segmentation.long_item_chars) -> list[Piece]:
    """All segments of one paragraph's text, relative offsets. An item longer than
    ``long_item_chars`` is split into sentences (all still kind "item")."""
    blocks = _blocks(text)
    if blocks is None:
        return prose_pieces(text, 0, len(text), split)
    out: list[Piece] = []
    for n, (kind, s, e) in enumerate(blocks):
        s, e = _trim(text, s, e)
        if e <= s:
            continue
        if kind == "item":
            if e - s > long_item_chars:
                out.extend(("item", s + a, s + b) for a, b in split(text[s:e]))
            else:
                out.append(("item", s, e))
            continue
        pieces = prose_pieces(text, s, e, split)
        followed_by_item = n + 1 < len(blocks) and blocks[n + 1][0] == "item"
        if pieces and followed_by_item and pieces[-1][0] == "sentence":
            _, ps, pe = pieces[-1]
            # "Results:" or an unterminated line introduces the list below it.
            if text[pe - 1] in ":：" or not text[ps:pe].endswith(_TERMINAL):
                pieces[-1] = ("lead", ps, pe)
        out.extend(pieces)
    return out
