"""Documents of the defect benchmark rendered as Markdown pages (``--markup markdown``).

Each version becomes what a docs tree holds: YAML front matter (the headline as ``title``,
plus metadata with numbers), the headline as a ``#`` heading, a figure shortcode, an HTML
comment, a link and an inline code span in the first body paragraph, a fenced code block
after it, and the second body paragraph as a bullet list (one sentence an item). The
non-prose is identical in every version (the shortcode, the link target, the code), so
anything reported about it on a clean document is a false finding.

Which sentences get the link, the code and the list is decided by content — the sentences of
the base document's first / second body paragraph (in any language) — so an injected edit (a
paragraph split, merged, dropped, left in English) moves them with their paragraph as an
editor's edit would; the link, code and fence go with the first linked sentence only.
"""

from __future__ import annotations

from .defects import JOIN

# The Document paragraphs the rendering puts before the base paragraphs: the front matter's
# title (the heading is the base headline itself).
PROSE_BEFORE = 1


def _blocks(paragraph: list[str], list_marks: set[str]) -> list[tuple[str, list[str]]]:
    """The Markdown blocks of one (edited) paragraph: a list when all its sentences but at
    most one (an edited one) are the base list's; else runs of list sentences as lists and
    the rest as prose (Markdown cannot merge a list into a paragraph: an editor's merge of the
    two leaves two blocks)."""
    marked = [s in list_marks for s in paragraph]
    if sum(marked) and len(paragraph) - sum(marked) <= 1:
        return [("list", list(paragraph))]
    out: list[tuple[str, list[str]]] = []
    for s, m in zip(paragraph, marked):
        kind = "list" if m else "prose"
        if out and out[-1][0] == kind:
            out[-1][1].append(s)
        else:
            out.append((kind, [s]))
    return out


def render_markdown(paras: dict[str, list[list[str]]], base: dict[str, list[list[str]]], doc_id: str) -> dict[str, str]:
    """``{lang: Markdown page}`` for the (edited) paragraphs ``paras`` of the base document ``base``."""
    link_marks = {s for ps in base.values() if len(ps) > 1 for s in ps[1]}
    list_marks = {s for ps in base.values() if len(ps) > 2 for s in ps[2]}
    slug = "".join(ch if ch.isalnum() else "-" for ch in doc_id.lower())
    headline_en = next(iter(base.values()))[0][0] if next(iter(base.values())) else ""
    out = {}
    for lang, ps in paras.items():
        join = JOIN.get(lang, " ")
        blocks = []
        title = ps[0][0] if ps and ps[0] else ""
        blocks.append(f'---\ntitle: "{title.replace(chr(34), chr(39))}"\nslug: {slug}\nweight: 30\n'
                      f"date: 2019-11-28\nreviewers:\n- editor-1\n---")
        blocks.append(f"<!-- source: {headline_en} -->")
        linked = False
        for i, p in enumerate(ps):
            if not p:
                continue
            if i == 0:
                blocks.append("# " + join.join(p))
                blocks.append(f'{{{{< figure src="/images/{slug}.png" width="640" >}}}}')
                continue
            for kind, sentences in _blocks(p, list_marks):
                if kind == "list":
                    blocks.append("\n".join(f"- {s}" for s in sentences))
                    continue
                at = next((k for k, s in enumerate(sentences) if s in link_marks), None) if not linked else None
                if at is None:
                    blocks.append(join.join(sentences))
                    continue
                linked = True
                sentences = list(sentences)
                first = sentences[at]
                cut = first.find(" ") if join == " " else 2
                cut = cut if cut > 0 else len(first)
                sentences[at] = f"[{first[:cut]}](https://example.org/news/{slug}){first[cut:]}"
                blocks.append(f"{join.join(sentences)} `ref:{slug}`")
                blocks.append(f"```shell\ncurl -s https://example.org/api/{slug}?page=2\n\njq .items data.json\n```")
        out[lang] = "\n\n".join(blocks) + "\n"
    return out

def non_prose_findings(report) -> list:
    """Findings of a report on Markdown versions that are about no prose: PC207 on a document
    whose non-prose is identical everywhere, or a span without one prose letter or digit."""
    docs = {d.language: d.document for d in report.documents}
    out = []
    for f in report.findings:
        prose = docs[f.language].text[f.location.start : f.location.end]
        if f.rule == "PC207" or not any(ch.isalnum() for ch in prose):
            out.append(f)
    return out
