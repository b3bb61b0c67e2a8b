"""PC207: the non-prose skeleton of a Markdown/HTML document differs in this version.

Code blocks, inline code, link targets, shortcodes and placeholders are not translated: the
readers mask them out of the prose (:mod:`parallelcheck.load.prose`) and keep them as
tokens, each with a *key* — its text with ``{{…}}`` placeholder names blanked (translators
may translate those; their number and place still count), link targets without a language
prefix or fragment. Per key, the count most versions carry is the reference (the pivot's
count when there is no majority); with a source named, the source's count, and the source is
never reported (what only some translations carry is theirs). A version with fewer is
missing that token: if the same aligned paragraph row holds a token of the same kind that the
others lack, the token was *changed* (a different command, a lost ``--flag``, another URL;
the most alike pairs first); otherwise it was lost.
Tokens of a paragraph the version lacks altogether are left to PC101, which already says so.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from difflib import SequenceMatcher

from ..languages import profile, split_url_locale
from ..model import CodeToken, Finding, Reference
from ..text import strip_accents
from .base import CheckContext, Rule, shorten

CODE_MISMATCH = Rule(
    "PC207", "code-mismatch", "code", "warning",
    "A code block, inline code, link target, shortcode or placeholder that most versions of a "
    "Markdown or HTML document carry is missing here or written differently (placeholder names "
    "inside {{…}} may be translated; their number and place may not).",
    example="en and ja «`tar czf {{path/to/target.tar.gz}} {{path/to/dir}}`» · fr «`tar cf {{chemin/"
            "vers/cible.tar.gz}} {{chemin/vers/dossier}}`» → fr is reported: it changes «tar czf {{}} "
            "{{}}» to «tar cf {{}} {{}}».",
    settings=("code",),
)
RULES = (CODE_MISMATCH,)

_KIND_NAMES = {"code-block": "code block", "inline-code": "inline code span", "url": "link target",
               "shortcode": "shortcode", "placeholder": "placeholder"}


def run(ctx: CheckContext) -> Iterator[Finding]:
    tokens = {lang: d.document.markup.code for lang, d in ctx.docs.items() if d.document.markup is not None}
    if len(tokens) < 2:
        return
    row_of = {(lang, p): r for r, cells in enumerate(ctx.paragraph_rows) for lang, paras in cells.items() for p in paras}
    counts = {lang: Counter((t.kind, t.key) for t in toks) for lang, toks in tokens.items()}
    keys = sorted(set().union(*counts.values()))
    # With a source named, its tokens are the reference however many translations differ from
    # it (content it lacks is the translations' own: never a finding on the source, which
    # follows its own current revision); by consensus, the count most versions carry.
    source = ctx.source if ctx.source in tokens else None
    reference: dict[tuple[str, str], int] = {}
    for key in keys:
        if source is not None:
            reference[key] = counts[source][key]
            continue
        have = Counter(counts[lang][key] for lang in tokens)
        n, votes = have.most_common(1)[0]
        reference[key] = n if votes * 2 > len(tokens) else counts.get(ctx.pivot, counts[next(iter(tokens))])[key]
    for lang in ctx.languages:
        if lang in tokens and lang != source:
            yield from _version(ctx, lang, tokens, counts, reference, row_of)


def _version(ctx, lang, tokens, counts, reference, row_of) -> Iterator[Finding]:
    mine = counts[lang]
    lacking = {k: reference[k] - mine[k] for k in reference if mine[k] < reference[k]}
    surplus = {k: mine[k] - reference[k] for k in mine if mine[k] > reference[k]}
    if not lacking:
        return
    # Lost tokens, quoted from the version that best shows them (the pivot when it has them).
    lost: list[tuple[str, CodeToken, int | None]] = []  # (holder language, token, row)
    for key, n in sorted(lacking.items()):
        holder = next((o for o in (ctx.pivot, *ctx.languages) if o != lang and o in counts
                       and counts[o][key] >= reference[key]), None)
        if holder is None:
            continue
        occurrences = [t for t in tokens[holder] if (t.kind, t.key) == key]
        # The occurrences whose row this version fills least are the lost ones.
        ranked = sorted(occurrences, key=lambda t: (_present(ctx, lang, holder, t, tokens, row_of), t.start))
        lost += [(holder, t, row_of.get((holder, t.paragraph))) for t in ranked[:n]]
    added = [t for t in tokens[lang] if surplus.get((t.kind, t.key), 0) > 0]
    names = _placeholder_names(ctx, lang, lost, added, row_of, tokens.get(ctx.pivot, ()))
    by_row: dict[int | None, list[tuple[str, CodeToken, CodeToken | None]]] = {}
    used: set[int] = set()

    def consume(change: CodeToken) -> None:
        nonlocal added
        used.add(id(change))
        key = (change.kind, change.key)
        surplus[key] -= 1
        if surplus[key] <= 0:
            added = [a for a in added if (a.kind, a.key) != key or id(a) in used]

    remaining: list[tuple[str, CodeToken, int | None]] = []
    for holder, t, row in sorted(lost, key=lambda x: (x[2] is None, x[2] or 0, x[1].start)):
        if row is not None and lang not in ctx.paragraph_rows[row]:
            continue  # the whole paragraph is missing here: PC101 says it
        if t.kind == "inline-code" and _written_in_row(ctx, lang, holder, t, row, tokens, row_of):
            continue  # the same code without its backticks, or inside a code block here
        if t.kind == "inline-code" and (_translated_word(ctx, lang, t, row) or _usual_term(ctx, lang, t, row)):
            continue  # a plain word in backticks that the version translates in its prose
        if t.kind == "inline-code" and t.text.strip() in names:
            continue  # a placeholder's name («`string`» for «z {{string}}»), which the version may translate
        if t.kind == "url" and _linked_otherwise(t, [a for a in tokens[lang] if row_of.get((lang, a.paragraph)) == row]):
            continue  # the same image or page, through a shortcode or in another format (.svg for .png)
        in_row = [a for a in added if id(a) not in used and a.kind == t.kind and row_of.get((lang, a.paragraph)) == row]
        same = next((a for a in in_row if _same_but_placeholders(t.text, a.text)
                     or (t.kind == "inline-code" and _same_name(t.text, a.text))
                     or (t.kind == "url" and (_localised(a.text) or _localised(t.text)))
                     or (t.kind == "inline-code" and _in_own_script(a.text, lang))), None)
        if same is not None:
            # One command with a placeholder where the other writes an example value
            # («z {{foo}}» = «z string»); a link to the version's own localised page, whose
            # path is the localised site's (/zh-cn/docs/…/job/ for /docs/…/jobs-run-to-completion/);
            # a term translated inside backticks (zh «标准输入» for «stdin»); a name in
            # another grammatical form (the kind «Service» for the resource «services»).
            consume(same)
            continue
        remaining.append((holder, t, row))
    # A lost token and an added one of its kind in its row are one change; the most alike pairs
    # first (a kube-scheduler link that moved pairs with the moved link, not with the
    # Controllers link lost before it).
    pairs = sorted(((SequenceMatcher(None, t.key, a.key, autojunk=False).ratio(), i, j)
                    for i, (_, t, row) in enumerate(remaining) for j, a in enumerate(added)
                    if id(a) not in used and a.kind == t.kind and row_of.get((lang, a.paragraph)) == row),
                   key=lambda x: (-x[0], x[1], x[2]))
    change_of: dict[int, CodeToken] = {}
    for ratio, i, j in pairs:
        a = added[j]
        if ratio < ctx.settings.code.change_similarity:
            break
        if i in change_of or id(a) in used or surplus[(a.kind, a.key)] <= 0:
            continue
        change_of[i] = a
        used.add(id(a))
        surplus[(a.kind, a.key)] -= 1
    for i, (holder, t, row) in enumerate(remaining):
        change = change_of.get(i)
        if (change is not None and t.kind == "code-block"
                and _translated(t, change, lang, ctx.settings.code.translated_confidence)):
            continue
        by_row.setdefault(row, []).append((holder, t, change))
    for row, items in sorted(by_row.items(), key=lambda kv: (kv[0] is None, kv[0] or 0)):
        yield from _findings(ctx, lang, row, items, tokens)


_PLACEHOLDER = re.compile(r"\{\{([\s\S]*?)\}\}")


def _wildcards(text: str) -> re.Pattern[str]:
    """``text`` as a pattern where each ``{{…}}`` placeholder is any one argument (captured)."""
    parts = []
    for piece in re.split(r"(\{\{[\s\S]*?\}\}|\s+)", text.strip()):
        if piece.startswith("{{"):
            parts.append(r"(\{\{[\s\S]*?\}\}|\S+)")
        elif piece.isspace():
            parts.append(r"\s+")
        elif piece:
            parts.append(re.escape(piece))
    return re.compile("".join(parts))


def _same_but_placeholders(a: str, b: str) -> bool:
    """Whether two code texts are one command once each ``{{…}}`` placeholder of either is
    read as any one argument (a placeholder in one, an example value in the other)."""
    if "{{" not in a and "{{" not in b:
        return False
    return bool(_wildcards(a).fullmatch(b.strip()) or _wildcards(b).fullmatch(a.strip()))


def _placeholder_names(ctx, lang, lost, added, row_of, reference_tokens) -> set[str]:
    """The names the lost tokens give their placeholders: what ``{{…}}`` holds (``string`` of
    «z {{string}}») and the example values that stand where this version has a placeholder
    («string1» of «z string1 string2» against «z {{foo}} {{bar}}»). A description that names
    one in backticks names an argument, which translations may name otherwise."""
    held = [*reference_tokens, *(t for _, t, _ in lost)]
    names = {n for t in held if t.kind != "url" for m in _PLACEHOLDER.finditer(t.text)
             for n in (m.group(1).strip(), m.group(1).strip().rsplit("/", 1)[-1])}
    for _, t, row in lost:
        for a in added:
            if a.kind == t.kind and "{{" in a.text and row_of.get((lang, a.paragraph)) == row:
                m = _wildcards(a.text).fullmatch(t.text.strip())
                if m is not None:
                    names.update(g for g in m.groups() if not g.startswith("{{"))
    return {n for n in names if n}


def _same_name(a: str, b: str) -> bool:
    """Whether two code spans are one word in another case or number (``Service`` and
    ``services``, ``ReplicationController`` and ``replicationcontrollers``); options and
    commands are compared as written (``-a`` is not ``-A``)."""
    a, b = a.strip(), b.strip()
    return (a != b and a.isalpha() and b.isalpha()
            and a.lower().removesuffix("s") == b.lower().removesuffix("s"))


def _linked_otherwise(lost: CodeToken, mine: list[CodeToken]) -> bool:
    """Whether the version's tokens of the row name the lost link target's resource — its
    path without the file extension — in another token (an image as a figure shortcode)."""
    path = split_url_locale(lost.key)[1]
    stem = path.rsplit(".", 1)[0] if "." in path.rsplit("/", 1)[-1] else path
    return len(stem.strip("/")) > 0 and "/" in stem.strip("/") and any(
        t is not lost and t.kind != "url" and stem in t.text for t in mine)


def _localised(url: str) -> bool:
    """Whether a link target points into a localised site (``/ko/docs/…``)."""
    return split_url_locale(url.strip().strip("<>"))[0] is not None


def _in_own_script(text: str, lang: str) -> bool:
    """Whether a code span is written in the version's own script (a term translated inside
    backticks); never for Latin-script languages, whose code looks the same."""
    script = profile(lang).own_script
    letters = sum(ch.isalpha() for ch in text)
    return script is not None and letters > 0 and len(script.findall(text)) * 2 >= letters


def _present(ctx, lang, holder, token, tokens, row_of) -> int:
    """1 when ``lang`` has a token of the same key in the row of ``token`` (so that occurrence is not the lost one)."""
    row = row_of.get((holder, token.paragraph))
    return int(any((t.kind, t.key) == (token.kind, token.key) and row_of.get((lang, t.paragraph)) == row
                   for t in tokens[lang]))


def _row_texts(ctx, lang: str, row: int) -> list[str]:
    """The version's prose of paragraph row ``row``, paragraph by paragraph."""
    doc = ctx.docs[lang].document
    return [doc.paragraph_text(p) for p in ctx.paragraph_rows[row].get(lang, ())]


def _written_in_row(ctx, lang, holder, token, row, tokens, row_of) -> bool:
    """Whether ``lang`` writes the token's text in the row (without backticks, or inside a
    code block) as often as ``holder`` does, the token included."""
    if row is None:
        return False
    needle = "".join(token.text.split()).lower()

    def count(language: str) -> int:
        hay = _row_texts(ctx, language, row)
        hay += [t.text for t in tokens[language] if row_of.get((language, t.paragraph)) == row]
        return sum("".join(h.split()).lower().count(needle) for h in hay)

    return count(lang) >= count(holder) or _spelled_out(ctx, lang, token, row)


_RUN = re.compile(r"[^\W_]+")


def _spelled_out(ctx, lang, token, row) -> bool:
    """Whether a one-word code span of several parts (``accelerator=nvidia-tesla-p100``) has
    all its parts, in order, in the version's prose of the row (fr «le label "accelerator"
    … sur "nvidia-tesla-p100"»): the same content written out, not lost."""
    parts = [p.lower() for p in _RUN.findall(token.text)]
    if len(token.text.split()) != 1 or len(parts) < 2:
        return False
    words = iter(w.lower() for text in _row_texts(ctx, lang, row) for w in _RUN.findall(text))
    return all(any(w == part for w in words) for part in parts)


_PLAIN_WORD = re.compile(r"[a-z]{4,}")


def _translated_word(ctx, lang, token, row) -> bool:
    """Whether a code span that is one plain lower-case word (``operator``, ``selector``: a
    field named in the sentence, not a command or a value) is written in the version's prose
    of the row as a translated cognate (fr «l'opérateur»): a word at least as long (a
    translation adapts the ending; a shorter run of the same letters is the code cut short,
    «`bun» for `bunx`) that, case and accents folded, is at least ``code.cognate_similarity``
    alike. As for a term translated inside backticks (``_in_own_script``), the content is
    there; the formatting differs."""
    if row is None or not _PLAIN_WORD.fullmatch(token.text.strip()):
        return False
    word = token.text.strip()
    floor = ctx.settings.code.cognate_similarity
    for text in _row_texts(ctx, lang, row):
        for w in _RUN.findall(text):
            folded = strip_accents(w.lower())
            if (len(folded) >= len(word) and folded[:1] == word[0]
                    and SequenceMatcher(None, word, folded, autojunk=False).ratio() >= floor):
                return True
    return False


def _compact(text: str) -> str:
    return "".join(text.split()).lower().replace("\u2019", "'")


def _usual_term(ctx, lang, token, row) -> bool:
    """Whether a code span names a shell term that the version's language renders with its
    usual words (``stdout``: fr «la sortie standard», ja «標準出力»; the language profile's
    ``code_terms``) and the version's text of the row has one of them."""
    renderings = profile(lang).code_terms.get(token.text.strip().lower())
    if row is None or not renderings:
        return False
    text = _compact(" ".join(_row_texts(ctx, lang, row)))
    return any(_compact(r) in text for r in renderings)


def _translated(lost: CodeToken, change: CodeToken, lang: str, confidence: float) -> bool:
    """Whether a code block differs only by lines this version writes in its own language
    (translated output or messages), which is deliberate."""
    from ..load.langid import identify_language
    from ..load.prose import code_lines

    mine, theirs = code_lines(change.text), code_lines(lost.text)
    ops = SequenceMatcher(None, [k for k, _ in theirs], [k for k, _ in mine], autojunk=False).get_opcodes()
    changed = [mine[j][1] for tag, _, _, j1, j2 in ops if tag != "equal" for j in range(j1, j2)]
    if not changed or any(tag == "delete" for tag, *_ in ops):
        return False
    for line in changed:
        guess, conf = identify_language(line)
        if guess != lang or conf < confidence:
            return False
    return True


def _first_difference(lost: CodeToken, change: CodeToken) -> tuple[str, str]:
    """The first line where two code blocks differ (the whole texts for one-line tokens)."""
    if lost.kind != "code-block":
        return lost.text, change.text
    from ..load.prose import code_lines

    theirs, mine = code_lines(lost.text), code_lines(change.text)
    for (ka, a), (kb, b) in zip(theirs, mine):
        if ka != kb:
            return a.strip(), b.strip()
    if len(theirs) > len(mine):
        return theirs[len(mine)][1].strip(), "(no such line)"
    return "(no such line)", mine[len(theirs)][1].strip() if len(mine) > len(theirs) else change.text


def _whose(ctx, holder) -> str:
    return f"the {holder} source's" if holder == ctx.source else "the other versions'"


def _carriers(ctx, holder) -> str:
    return f"the {holder} source carries" if holder == ctx.source else "most versions carry"


def _findings(ctx, lang, row, items, tokens) -> Iterator[Finding]:
    for holder, t, change in items:
        if change is None:
            continue
        theirs, mine = _first_difference(t, change)
        source = ctx.docs[lang].document.source_text
        at = source.find(mine, change.start, change.end) if t.kind == "code-block" else -1
        start, end = (at, at + len(mine)) if at >= 0 else (change.start, change.end)
        yield CODE_MISMATCH.finding(
            language=lang,
            location=ctx.span_location(lang, change.paragraph, start, end),
            reference=Reference(holder, t.paragraph, t.text),
            score=None,
            message=(f"{_KIND_NAMES[t.kind]} «{shorten(mine, 60)}» differs from {_whose(ctx, holder)} "
                     f"«{shorten(theirs, 60)}» ({holder} ¶{t.paragraph})"),
        )
    gone = [(h, t) for h, t, change in items if change is None]
    if not gone:
        return
    paras = ctx.paragraph_rows[row].get(lang) if row is not None else None
    where = ctx.paragraph_location(lang, paras[0] if paras else 0)
    kinds = Counter(_KIND_NAMES[t.kind] for _, t in gone)
    what = ", ".join(f"{n} {k}s" if n > 1 else f"{'an' if k[0] in 'aeiou' else 'a'} {k}"
                     for k, n in sorted(kinds.items()))
    quoted = " ".join(f"«{shorten(t.text, 60)}»" for _, t in gone[: ctx.settings.code.quoted])
    more = f" and {len(gone) - ctx.settings.code.quoted} more" if len(gone) > ctx.settings.code.quoted else ""
    holder, first = gone[0]
    yield CODE_MISMATCH.finding(
        language=lang,
        location=where,
        reference=Reference(holder, first.paragraph, "\n".join(t.text for _, t in gone)),
        score=None,
        message=f"lacks {what} that {_carriers(ctx, holder)} ({holder} ¶{first.paragraph}): {quoted}{more}",
    )

