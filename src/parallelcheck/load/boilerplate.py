"""Web-page furniture that belongs to no version's content.

Pages pasted from a CMS carry share widgets ("Share this:", "%d bloggers like this:"),
"see more related articles" links, advertisement labels and cookie notices. They must not be
aligned as content. The rules are deliberately narrow: a line qualifies only when it is short
and (almost) nothing but such a phrase, so titles and real sentences never match.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..errors import UsageError
from ..model import Span
from ..settings import DEFAULT, BoilerplateSettings
from .paragraphs import is_blank, iter_lines, split_paragraphs, trim

_BULLETS = "•·»›▸▹◦‣●○■□▪▫➤➢→"

# Navigation / share-widget phrases in en, ko, ja, zh, fr, de, es.
_NAV = re.compile(
    r"\b(?:see|read|view|show|load|discover|explore)\s+(?:more|all)\b"
    r"|\b(?:more|similar|related|recommended|popular|latest)\s+(?:articles?|posts?|stories|news|reads?|content)\b"
    r"|\brelated\s+(?:links|reading|coverage|content)\b|\bread\s+(?:next|also)\b|\bcontinue\s+reading\b|\bkeep\s+reading\b"
    r"|\bshare\s+(?:this|on|via|the)\b|\b(?:bloggers?\s+)?like\s+this\b|\bclick\s+to\s+(?:share|print|email|tweet)(?:\s+on\s+\w+)?"
    r"|\b(?:share|post)\s+(?:on|to)\s+(?:facebook|twitter|x|linkedin|whatsapp|reddit|pinterest|telegram|tumblr|pocket)\b"
    r"|\bprint\s+this\b|\bemail\s+this\b|\bopens\s+in\s+new\s+window\b|\bloading\s*(?:\.\.\.|…)"
    r"|\badvertisements?\b|\bsponsored(?:\s+content)?\b|\bback\s+to\s+top\b"
    r"|관련\s*(?:기사|뉴스|글)|(?:기사\s*)?더\s*보기|더보기|공유\s*하기|이전\s*기사|다음\s*기사"
    r"|関連(?:記事|ニュース)|もっと見る|続きを読む|シェアする|記事一覧"
    r"|相[关關](?:文章|新[闻聞]|[阅閱][读讀]|[报報][导導])|查看更多|[阅閱][读讀]更多|更多(?:文章|新[闻聞])|分享到"
    r"|\bvoir\s+(?:plus|aussi|tout)\b|\barticles?\s+(?:connexes|similaires|li[ée]s)\b|\blire\s+(?:aussi|la\s+suite|plus)\b"
    r"|[àa]\s+lire\s+aussi|\bpartager\s+(?:sur|cet|ceci)\b|\bpublicit[ée]\b"
    r"|\bweitere\s+(?:artikel|nachrichten|beitr[äa]ge)\b|\b[äa]hnliche\s+artikel\b|\bmehr\s+(?:lesen|artikel|zum\s+thema)\b"
    r"|\bweiterlesen\b|\bteilen\s+(?:auf|mit)\b|\bwerbung\b|\banzeige\b"
    r"|\bver\s+m[áa]s\b|\bleer\s+m[áa]s\b|\b(?:art[íi]culos|noticias)\s+relacionad[oa]s\b|\bcompartir\s+en\b|\bpublicidad\b",
    re.IGNORECASE,
)
_PLACEHOLDER = re.compile(r"%(?:\d+\$)?[-+ 0#]*\d*(?:\.\d+)?[dsifu]\b")
_COOKIE = re.compile(
    r"^(?:this\s+(?:web)?site|we|our\s+(?:web)?site)\s+uses?\s+cookies\b|\baccept\s+(?:all\s+)?cookies\b"
    r"|\buse\s+of\s+cookies\b|\bcookie\s+(?:policy|settings|preferences)\b"
    r"|쿠키를?\s*사용|クッキーを使用|Cookieを使用|使用\s*cookies?|utilise\s+des\s+cookies|verwendet\s+cookies",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+", re.UNICODE)


def _cjk(text: str) -> int:
    return sum(1 for ch in text if "\u2e80" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7a3" or "\uf900" <= ch <= "\ufaff")


def _short(text: str, words: int, cjk: int, chars: int) -> bool:
    return len(_WORD.findall(text)) <= words and _cjk(text) <= cjk and len(text) <= chars


def _coverage(text: str, pattern: re.Pattern[str]) -> float:
    """Share of the line's word characters inside matches of ``pattern``."""
    total = sum(len(w) for w in _WORD.findall(text))
    if not total:
        return 0.0
    covered = sum(len(w) for m in pattern.finditer(text) for w in _WORD.findall(m.group()))
    return covered / total


def compile_patterns(patterns: Sequence[str]) -> re.Pattern[str] | None:
    """The user's own boilerplate patterns (config ``boilerplate``) as one regex, each to
    match a whole line; a bad pattern is a :class:`UsageError` naming it."""
    if not patterns:
        return None
    for p in patterns:
        try:
            re.compile(p)
        except re.error as exc:
            raise UsageError(f"boilerplate pattern '{p}' is not a valid regular expression: {exc}") from None
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def is_boilerplate_line(line: str, extra: re.Pattern[str] | None = None,
                        settings: BoilerplateSettings = DEFAULT.boilerplate) -> bool:
    """One line of page furniture (see the module docstring); ``extra`` is a pattern of the
    user's own (see :func:`compile_patterns`) that a whole line may match; ``settings`` the
    sizes and shares it weighs (settings.BoilerplateSettings)."""
    s = settings
    text = line.strip().strip("\u200b\ufeff").strip()
    if not text:
        return True
    if extra is not None and extra.fullmatch(text):
        return True
    # printf placeholders only ever reach a page through a broken widget template.
    if _PLACEHOLDER.search(text) and _short(text, s.placeholder_words, s.short_cjk, s.short_chars):
        return True
    if _COOKIE.search(text) and len(_WORD.findall(text)) <= s.cookie_words:
        return True
    body = text.lstrip(_BULLETS + "-–*>").strip()
    if not body:
        return True  # a lone bullet or arrow
    if not _short(body, s.short_words, s.short_cjk, s.short_chars):
        return False
    if body is not text and text[0] in _BULLETS + "-–*>" and _NAV.search(body):
        # A short bulleted link whose words are navigation vocabulary.
        return _coverage(body, _NAV) >= s.nav_share_bulleted
    return _coverage(body, _NAV) >= s.nav_share


def is_boilerplate(paragraph_text: str) -> bool:
    """Whether a paragraph is page furniture: every line of it is a share widget, a
    "see more related articles" link, a ``%d`` placeholder line, an advertisement label or a
    cookie notice. Short titles and real sentences are never boilerplate."""
    lines = [paragraph_text[lo:hi] for lo, hi in iter_lines(paragraph_text)]
    return all(is_boilerplate_line(line) for line in lines)


def content_paragraphs(
    text: str, start: int = 0, end: int | None = None, extra: re.Pattern[str] | None = None,
    settings: BoilerplateSettings = DEFAULT.boilerplate,
) -> list[Span]:
    """Paragraphs of ``text[start:end]`` without boilerplate: furniture paragraphs are dropped,
    and furniture lines glued to the top or bottom of a content paragraph are trimmed off
    (``extra``: the user's own patterns, see :func:`compile_patterns`)."""
    out: list[Span] = []
    for span in split_paragraphs(text, start, end):
        lines = [(lo, hi) for lo, hi in iter_lines(text, span.start, span.end) if not is_blank(text[lo:hi])]
        while lines and is_boilerplate_line(text[lines[0][0] : lines[0][1]], extra, settings):
            lines.pop(0)
        while lines and is_boilerplate_line(text[lines[-1][0] : lines[-1][1]], extra, settings):
            lines.pop()
        if lines:
            lo, hi = trim(text, lines[0][0], lines[-1][1])
            out.append(Span(lo, hi))
    return out
