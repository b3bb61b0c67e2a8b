"""Sentence splitting with exact code-point offsets.

Latin-script languages and Korean go through ``sentencex`` (fast, rule-based),
Japanese and Chinese through our own terminator rules (。！？ are unambiguous there).
Both then pass one linear filter that removes known false breaks: abbreviations
("M. Dupont", "12 janv. la"), tokens such as 3.5 / U.S. / URLs, tiny fragments,
continuations after a closing quote (「…。」と述べた, “…다.”라고), and breaks
followed by a lowercase word.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping

from sentencex import segment as _sentencex_segment

from ..languages import profile
from ..settings import DEFAULT, SegmentationSettings

CLOSERS = "」』”’）)〕】》〉]»›\"'"
# Characters that cannot begin a sentence: a fragment starting with one continues
# the previous sentence.
_CONTINUATION_START = CLOSERS + ",，、.;:；：!?！？。．…"
# Bracket/quote pairs whose inside is not split where profile.short_quotes_whole (unless long).
_PAIRS = {"「": "」", "『": "』", "（": "）", "(": ")", "“": "”", "‘": "’", "《": "》", "〈": "〉", "【": "】", "〔": "〕"}

# After a closing quote/bracket with no space, these continue the sentence (quotative
# particles): ja 「…」と述べた. Korean: any Hangul right after the closer (“…”라고 / “…”며).
# (In any unspaced text: a Japanese quotation may stand in another version.)
_JA_QUOTE_CONTINUATION = profile("ja").quotative_particles

# Abbreviations: each language's profile.abbreviations.
# After "a.m."/"p.m." these continue the sentence; any other capital starts a new one.
_TIME_ZONES = frozenset("ET EST EDT CT CST CDT MT MST MDT PT PST PDT GMT BST UTC CET CEST JST KST AEST".split())

_CJK_TERMINATOR = re.compile(r"[。！？．!?]+[" + re.escape(CLOSERS) + r"]*")
# Latin only: Korean "네." is a sentence, "M." is not.
_TINY_ABBREVIATION = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]{1,3}\.")
_LEADING_PUNCT = re.compile(r"[\s\"'“‘«‹(\[（「『]*")


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (
        0x3000 <= o <= 0x9FFF  # CJK punctuation, kana, unified ideographs
        or 0xAC00 <= o <= 0xD7AF  # Hangul syllables
        or 0xF900 <= o <= 0xFAFF
        or 0xFF00 <= o <= 0xFFEF  # full-width forms
        or 0x20000 <= o <= 0x2FFFF
    )


def _is_hangul(ch: str) -> bool:
    return 0xAC00 <= ord(ch) <= 0xD7AF or 0x3130 <= ord(ch) <= 0x318F


# sentencex does not split inside a text that starts with a bullet ("• A. B."), so
# bullets are blanked out (same length, offsets unchanged) before calling it.
_BULLETS = re.compile(r"[•·▪■●○▲△▶►◆◇□※◦‣➢➤]")
_ODD_SPACE = re.compile(r"[^\S\n\r\t ]")
# Last-resort splitter if sentencex fails: after . ! ? and following space.
_SIMPLE_SENTENCE = re.compile(r".*?(?:[.!?]+\s+|$)", re.S)


def _sentencex_cuts(text: str, lang: str) -> list[int]:
    """Break positions (start offsets of every piece but the first) from sentencex."""
    # sentencex (Rust) panics on some non-ASCII spaces before a period ("B\u3000."):
    # they become plain spaces, one code point for one, so offsets stay valid.
    text = _BULLETS.sub(" ", _ODD_SPACE.sub(" ", text))
    try:
        pieces = list(_sentencex_segment(lang, text))
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # noqa: BLE001 - a Rust panic is a BaseException
        try:  # an unknown language code: the generic rules
            pieces = list(_sentencex_segment("en", text))
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException:  # noqa: BLE001
            pieces = _SIMPLE_SENTENCE.findall(text)
    cuts: list[int] = []
    if "".join(pieces) == text:
        pos = 0
        for piece in pieces[:-1]:
            pos += len(piece)
            # Pieces carry trailing whitespace, which now includes blanked bullets: cut
            # right after the content so that a bullet starts the next fragment.
            cut = pos
            while cut > (cuts[-1] if cuts else 0) and text[cut - 1].isspace():
                cut -= 1
            cuts.append(cut)
        return cuts
    # sentencex changed the text (whitespace normalisation): locate each piece.
    pos = 0
    for piece in pieces:
        core = piece.strip()
        if not core:
            continue
        found = text.find(core, pos)
        if found < 0:
            continue
        if found > 0:
            cuts.append(found)
        pos = found + len(core)
    return cuts


_OPENING_QUOTES = "\"'“‘«"
_TIGHT_SPACES = "\u00a0\u202f"  # no-break spaces, which French sets inside « » (and before : ; ! ?)


def _at_quote_side(text: str, cut: int) -> int:
    """Move a break to the right side of a quote mark. A quote after a space and before a word
    opens the next sentence; sentencex sometimes leaves it at the end of the previous one
    (ko «…했습니다. "|우리가…»), where it would read as a closing quote. A quote right after a
    full stop and before a space closes the sentence (en «…got to you.|" Patricia…»)."""
    n = len(text)
    if 1 < cut < n and text[cut - 1] in _OPENING_QUOTES and text[cut - 2].isspace() and not text[cut].isspace():
        return cut - 1
    end = cut
    while 0 < end < n and text[cut - 1] in ".!?…":
        if text[end] in CLOSERS:
            end += 1
        elif text[end] in _TIGHT_SPACES and end + 1 < n and text[end + 1] in CLOSERS:
            end += 2  # French typography: «…cloche.\u00a0» Dans…»
        else:
            break
    return end if end > cut and (end == n or text[end].isspace()) else cut


def _cjk_cuts(text: str) -> list[int]:
    """Breaks after 。！？ (plus closing quotes/brackets); after ASCII !? only when CJK follows."""
    cuts: list[int] = []
    n = len(text)
    for m in _CJK_TERMINATOR.finditer(text):
        end = m.end()
        if end >= n:
            break
        run = text[m.start() : m.end()]
        if not any(ch in "。！？．" for ch in run):
            j = end
            while j < n and text[j].isspace():
                j += 1
            if j < n and not _is_cjk(text[j]):
                continue  # "Yahoo! Japan", "Why? Because" inside CJK text
        cuts.append(end)
    return cuts


def _quoted_intervals(text: str, max_length: int | None = None) -> tuple[list[int], list[int]]:
    """Outermost matched bracket/quote pairs as parallel (open, close) lists, sorted (only
    those at most ``max_length`` characters long, when given)."""
    closers = set(_PAIRS.values())
    stack: list[tuple[str, int]] = []
    opens: list[int] = []
    closes: list[int] = []
    for i, ch in enumerate(text):
        if ch in _PAIRS:
            stack.append((_PAIRS[ch], i))
        elif ch in closers and stack and stack[-1][0] == ch:
            _, start = stack.pop()
            if not stack and (max_length is None or i - start <= max_length):
                opens.append(start)
                closes.append(i)
    return opens, closes


def _inside_quote(cut: int, opens: list[int], closes: list[int]) -> bool:
    k = bisect.bisect_left(opens, cut) - 1
    return k >= 0 and opens[k] < cut <= closes[k]


def _last_token(s: str) -> str:
    i = len(s)
    while i > 0 and not s[i - 1].isspace():
        i -= 1
    return s[i:].lstrip("\"'“‘«(（[")


def _first_letter(s: str) -> str:
    m = _LEADING_PUNCT.match(s)
    rest = s[m.end() :] if m else s
    return rest[:1]


# A short attribution after a closing quote belongs to the quote's sentence, as "…," he
# said. does in English: ko «“…다.” 아담 씨가 말했다.», zh «“……。”他说。». (Japanese
# attaches it without a space, 「…」と述べた, handled above.) The words are each language's
# profile.attribution; the longest such attribution (characters) is
# settings.segmentation.attribution_max_chars.
# ... but not a sentence that reports speech itself: ko «…다고 말했다» ("he said that …").
_REPORTED_SPEECH = profile("ko").reported_speech


def _is_attribution(right: str, lang: str, limits: Mapping[str, int]) -> bool:
    pattern, limit = profile(lang).attribution, limits.get(lang)
    return (pattern is not None and limit is not None and len(right) <= limit and bool(pattern.search(right))
            and not _REPORTED_SPEECH.search(right))


def _keep_cut(
    left: str, left_len: int, right: str, spaced: bool, abbreviations: frozenset[str],
    quotes_closed: bool = False, lang: str = "", attribution_limits: Mapping[str, int] | None = None,
) -> bool:
    """Whether a break between ``left`` (the tail of the sentence so far, trimmed; its
    full length is ``left_len``) and ``right`` (the next fragment, trimmed) is a real
    sentence boundary."""
    if not right or not left:
        return False
    if not any(ch.isalnum() for ch in right) or not any(ch.isalnum() for ch in left):
        return False
    opens_quote = right[0] == '"' and spaced and (quotes_closed or right[1:2].isalnum())
    if right[0] in _CONTINUATION_START and not opens_quote:
        return False  # (a straight quote after a space, before a word or with all earlier ones closed, opens one)
    last = left[-1]
    if last in CLOSERS and _is_attribution(right, lang, attribution_limits or {}):
        return False  # “…다.” 아담 씨가 말했다.
    if not spaced:
        if last in CLOSERS:
            if _is_hangul(right[0]):
                return False  # “…다.”라고 / “…”며
            if right.startswith(_JA_QUOTE_CONTINUATION):
                return False  # 「…。」と述べた
        if last == "." and right[0].isascii() and right[0].isalnum():
            return False  # 3.5, U.S.A, example.com/x.html
    if last == ".":
        token = _last_token(left)
        if token[:-1].lower() in abbreviations:
            return False  # "M. Dupont", "12 janv. la"
        lang_profile = profile(lang)
        if token[:-1] in lang_profile.dotless_initialisms and right.split(None, 1)[0].strip(",;:").lower() \
                in lang_profile.title_words:
            return False  # "US. Secretary of State" (U.S. with a dot lost)
        if token.lower() in ("a.m.", "p.m.") and right.split(None, 1)[0].rstrip(".,;:") in _TIME_ZONES:
            return False  # "at an 11 a.m. ET news conference"
        if left_len <= 3 and _TINY_ABBREVIATION.fullmatch(left):
            return False  # a lone "M." or "Mr." fragment
    if left_len <= 3 and not any(ch.isalpha() for ch in left):
        return False  # "1." or "—" alone
    first = _first_letter(right)
    if first and first.islower():
        return False  # a new sentence does not start lowercase
    return True


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` moved inwards past surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str, language: str,
                    settings: SegmentationSettings = DEFAULT.segmentation) -> list[tuple[int, int]]:
    """Split ``text`` into sentences.

    Returns ``(start, end)`` offsets relative to ``text``, in order, trimmed of
    whitespace, never empty; together they cover every non-space character once.
    ``settings``: the quotation and attribution lengths (settings.SegmentationSettings).
    """
    lang_profile = profile(language)
    lang = lang_profile.code
    if not text or text.isspace():
        return []
    cuts = _cjk_cuts(text) if lang_profile.spaceless else _sentencex_cuts(text, lang)
    cuts = [_at_quote_side(text, c) for c in cuts]
    if lang_profile.short_quotes_whole:
        opens, closes = _quoted_intervals(text, settings.max_whole_quote)
        if opens:
            cuts = [c for c in cuts if not _inside_quote(c, opens, closes)]
    abbreviations = lang_profile.abbreviations

    bounds = [0, *(c for c in cuts if 0 < c < len(text)), len(text)]
    out: list[tuple[int, int]] = []
    cur_start = 0
    for i in range(1, len(bounds) - 1):
        cut = bounds[i]
        ls, le = trim_span(text, cur_start, cut)
        rs, re_ = trim_span(text, cut, bounds[i + 1])
        spaced = rs > le
        # Only the tail of the sentence so far matters; slicing all of it would make
        # long runs of rejected breaks quadratic.
        left = text[max(ls, le - 64) : le]
        quotes_closed = text.count('"', ls, le) % 2 == 0
        if _keep_cut(left, le - ls, text[rs:re_], spaced, abbreviations, quotes_closed, lang,
                     settings.attribution_max_chars):
            if le > ls:
                out.append((ls, le))
            cur_start = cut
    ls, le = trim_span(text, cur_start, len(text))
    if le > ls:
        out.append((ls, le))
    return out
