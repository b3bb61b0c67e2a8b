"""The HTML report: one self-contained page with the versions side by side, findings marked
in place, a similarity heatmap and severity/language filters.

The page is meant to be attached to a ticket or opened from a CI artefact, so it fetches
nothing (CSS and JS inline, no fonts or images) and treats every document string as hostile:
all of it goes through :func:`html.escape`, and a Content-Security-Policy admits only this
module's own style and script, by hash. Ids are positions, never random or timed, so equal
reports give byte-identical pages.
"""

from __future__ import annotations

import base64
import hashlib
from html import escape

from ..languages import NAMES
from ..model import SEVERITIES, Finding, Report, SegmentedDocument
from .common import SEVERITY_RANK, language_order, shorten, sorted_findings
from .text import reference_role, summary_line

_CSS = """
:root{--err:#c62828;--warn:#a86400;--info:#1565c0;--line:#d5d9df;--muted:#5f6b7a;--bg2:#f4f6f9}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1680px;padding:1rem 1.25rem 3rem;color:#1d232b;background:#fff;
 font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif}
:lang(ja){font-family:"Hiragino Sans","Yu Gothic","Noto Sans CJK JP","Noto Sans JP",sans-serif}
:lang(ko){font-family:"Apple SD Gothic Neo","Malgun Gothic","Noto Sans CJK KR","Noto Sans KR",sans-serif}
:lang(zh){font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Noto Sans SC",sans-serif}
:lang(en){font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif}
h1{font-size:1.4rem;margin:.2rem 0 .4rem}
h2{font-size:1.1rem;margin:1.8rem 0 .6rem;padding-bottom:.2rem;border-bottom:1px solid var(--line)}
a{color:#0b57d0}
.muted,.pn,caption{color:var(--muted)}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid var(--line);padding:.35rem .55rem;vertical-align:top;text-align:left}
thead th{background:var(--bg2)}
.side thead th{position:sticky;top:0;z-index:1}
caption{caption-side:bottom;text-align:left;font-size:.85rem;padding:.4rem 0}
[hidden]{display:none!important}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.6rem 0}
.meta dt{color:var(--muted)}.meta dd{margin:0}
.badge{display:inline-block;padding:0 .5em;border-radius:1em;font-size:.85em;font-weight:600;color:#fff}
.b-error{background:var(--err)}.b-warning{background:var(--warn)}.b-info{background:var(--info)}
.b-other{background:var(--muted)}
#filters{display:flex;flex-wrap:wrap;gap:.4rem 1.4rem;align-items:center;padding:.5rem .8rem;
 background:var(--bg2);border:1px solid var(--line);border-radius:6px}
#filters fieldset{border:0;margin:0;padding:0;display:flex;gap:.2rem .8rem;flex-wrap:wrap}
#filters legend{float:left;font-weight:600;margin-right:.4rem}
.findings td{font-size:.9rem}
.findings .msg{overflow-wrap:anywhere}
.side{table-layout:fixed}
.side td{overflow-wrap:anywhere;line-break:strict}
.side .rowh{width:3.2rem;text-align:center;font-weight:600}
.side tbody tr:target,.side tbody tr:target th{background:#fffbe6}
.para{white-space:pre-line;margin:0}
.para+.para{margin-top:.6rem}
.pn{font-size:.78em;margin-right:.35em;font-family:system-ui,sans-serif}
mark{color:inherit;border-radius:2px;padding:0 .08em;-webkit-box-decoration-break:clone;box-decoration-break:clone}
mark.sev-error{background:#ffd9d6;box-shadow:inset 0 -2px var(--err)}
mark.sev-warning{background:#ffedb8;box-shadow:inset 0 -2px var(--warn)}
mark.sev-info,mark.sev-other{background:#dbeaff;box-shadow:inset 0 -2px var(--info)}
mark.off{background:none;box-shadow:none}
.ref{display:inline;margin:0 .2em;padding:0 .3em;border:1px dashed var(--err);border-radius:3px;
 background:#fff5f4;font-size:.92em}
.ref .lbl{font-family:system-ui,sans-serif;font-weight:600;color:var(--err)}
.gap{background:repeating-linear-gradient(135deg,#fff,#fff 6px,var(--bg2) 6px,var(--bg2) 12px);
 color:var(--muted);font-style:italic;text-align:center;vertical-align:middle}
.notes{list-style:none;margin:.6rem 0 0;padding:0;font-size:.84rem;line-height:1.4}
.notes li{margin-top:.3rem;padding:.2rem .45rem;border-left:3px solid var(--info);background:var(--bg2)}
.notes li.sev-error{border-color:var(--err)}.notes li.sev-warning{border-color:var(--warn)}
.heat{width:auto;min-width:min(100%,44rem)}
.heat td{text-align:center;min-width:4.2rem;font-variant-numeric:tabular-nums}
.h0,.h1,.h2,.h3{background:#c0392b;color:#fff}.h4{background:#e8743b;color:#fff}.h5{background:#f5b461}
.h6{background:#f9e08e}.h7{background:#d5eb9a}.h8{background:#a4d47a}.h9{background:#6bbf62}
.heat .none{color:var(--muted)}
.np{font-family:ui-monospace,"SF Mono",Menlo,Consolas,monospace;font-size:.88em;background:var(--bg2);color:#37414d;
 border-radius:3px}
pre.code{margin:.45rem 0 0;padding:.35rem .55rem;background:var(--bg2);border-left:3px solid var(--line);
 font:.84em/1.45 ui-monospace,"SF Mono",Menlo,Consolas,monospace;white-space:pre-wrap;overflow-wrap:anywhere}
.bt{font-size:.72em;margin-right:.35em;padding:0 .35em;border:1px solid var(--line);border-radius:3px;
 color:var(--muted);font-family:system-ui,sans-serif}
@media print{
 #filters,.noprint{display:none}
 body{max-width:none;padding:0;font-size:10pt}
 .side thead th{position:static}
 tr{break-inside:avoid}
 a{color:inherit;text-decoration:none}
}
"""

# Filters: a finding is shown when its severity and its language are both checked; marks
# lose their colour, notes and references disappear, and with "only rows with findings" the
# side-by-side rows left without a shown finding are hidden. Unchecking a language also hides
# its columns (useful to compare two versions on a small screen).
_JS = """
(function () {
  "use strict";
  var bar = document.getElementById("filters");
  if (!bar) { return; }
  var count = document.getElementById("shown");
  function checked(kind) {
    var out = {};
    bar.querySelectorAll("input[data-" + kind + "]").forEach(function (b) {
      out[b.getAttribute("data-" + kind)] = b.checked;
    });
    return out;
  }
  function update() {
    var sev = checked("sev"), lang = checked("lang"), rule = checked("rule");
    var only = document.getElementById("only").checked;
    var shown = {}, n = 0, total = 0;
    document.querySelectorAll("#findings tr[data-f]").forEach(function (tr) {
      var on = sev[tr.getAttribute("data-s")] !== false && lang[tr.getAttribute("data-l")] !== false
        && rule[tr.getAttribute("data-r")] !== false;
      shown[tr.getAttribute("data-f")] = on;
      total += 1;
      if (on) { n += 1; }
    });
    function anyShown(el) {
      return (el.getAttribute("data-fs") || "").split(" ").some(function (f) { return shown[f] === true; });
    }
    document.querySelectorAll("[data-f]").forEach(function (el) { el.hidden = !shown[el.getAttribute("data-f")]; });
    document.querySelectorAll("mark[data-fs]").forEach(function (m) { m.classList.toggle("off", !anyShown(m)); });
    document.querySelectorAll("tr[data-row]").forEach(function (tr) { tr.hidden = only && !anyShown(tr); });
    document.querySelectorAll("[data-col]").forEach(function (c) { c.hidden = lang[c.getAttribute("data-col")] === false; });
    if (count) { count.textContent = n + " of " + total + " findings shown"; }
  }
  bar.addEventListener("change", update);
  update();
})();
"""


def _sha256(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


# Only our own <style> and <script> may apply (by hash: no 'unsafe-inline', so even markup
# that slipped past escaping could not run); data: for the empty favicon, which stops the
# browser from asking for /favicon.ico.
_CSP = (
    f"default-src 'none'; style-src {_sha256(_CSS)}; script-src {_sha256(_JS)}; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _sev_class(severity: str) -> str:
    # Class names come from a fixed set: a hand-made severity must not inject markup or CSS.
    return severity if severity in SEVERITIES else "other"


def _lang_label(lang: str) -> str:
    name = NAMES.get(lang)
    return f"{lang} · {name}" if name else lang


def _heat_class(value: float) -> str:
    # Fixed buckets of 0.1 (not the report's min–max), so colours mean the same in every report.
    return f"h{min(9, max(0, int(value * 10)))}"


def render(report: Report, *, color: bool = False, quiet: bool = False) -> str:
    """The report as one HTML page (``color`` and ``quiet`` do not apply: ``--quiet`` is about
    the terminal, and a page published by a CI job keeps its side-by-side view and heatmap)."""
    findings = sorted_findings(report)
    docs = {d.language: d for d in report.documents}
    langs = language_order(report)
    columns = [lang for lang in langs if lang in docs]
    # Where each finding sits in the side-by-side view: (language, paragraph) -> row.
    row_of = {(lang, p): r for r, row in enumerate(report.rows) for lang, paras in row.cells for p in paras}
    placed = {i: row_of.get((f.language, f.location.paragraph)) for i, f in enumerate(findings)}

    sources = list(dict.fromkeys(v.source for v in report.versions))
    title = "parallelcheck report" + (f": {shorten(', '.join(sources), 100)}" if sources else "")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(_CSP)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light">',
        '<link rel="icon" href="data:,">',
        f"<title>{_e(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{_e(title)}</h1>",
        _summary(report),
        _filters(report, findings, langs),
        _findings_table(report, findings, placed, docs),
    ]
    if report.rows and columns:
        parts.append(_side_by_side(report, findings, placed, docs, columns))
        if report.row_similarity:
            parts.append(_heatmap(report, columns))
    else:
        parts.append('<p class="muted">No paragraph alignment in this report: the findings are listed above only.</p>')
    if report.signature:
        parts.append(f'<footer class="muted"><small>Signature: <code>{_e(report.signature)}</code></small></footer>')
    parts += [f"<script>{_JS}</script>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _summary(report: Report) -> str:
    counts = " ".join(
        f'<span class="badge b-{s}">{n} {s}</span>' for s, n in report.summary.items()
    )
    model = report.model
    model_text = " · ".join(
        [str(model.get("name") or "unknown model")]
        + [f"{k}: {v}" for k, v in model.items() if k != "name"]
    )
    items = [
        ("Findings", counts),
        ("Versions", f"{len(report.versions)} ({_e(reference_role(report))})"),
        ("Model", _e(model_text)),
        ("Tool", f"parallelcheck {_e(report.tool_version)}"),
    ]
    if report.suppressed > 0:
        items.append(("Baseline", f"{report.suppressed} accepted finding(s) not shown"))
    rows = "".join(
        f'<tr><td lang="{_e(v.language)}">{_e(_lang_label(v.language))}'
        f"{' <b>(pivot)</b>' if v.language == report.pivot else ''}</td><td>{_e(v.source)}</td>"
        f"<td>{v.paragraphs}</td><td>{v.segments}</td></tr>"
        for v in report.versions
    )
    meta = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in items)
    return (
        f'<section id="summary"><p><strong>{_e(summary_line(report))}</strong></p><dl class="meta">{meta}</dl>'
        f'<table class="versions"><thead><tr><th>Version</th><th>Source</th><th>Paragraphs</th>'
        f"<th>Segments</th></tr></thead><tbody>{rows}</tbody></table></section>"
    )


def _filters(report: Report, findings: list[Finding], langs: list[str]) -> str:
    severities = list(SEVERITIES) + sorted({f.severity for f in findings} - set(SEVERITIES))

    def box(kind: str, value: str, label: str, n: int) -> str:
        return f'<label><input type="checkbox" data-{kind}="{_e(value)}" checked> {_e(label)} ({n})</label>'

    sev = "".join(box("sev", s, s, sum(f.severity == s for f in findings)) for s in severities)
    lng = "".join(box("lang", lang, lang, sum(f.language == lang for f in findings)) for lang in langs)
    rules = "".join(box("rule", r, r, sum(f.rule == r for f in findings)) for r in sorted({f.rule for f in findings}))
    return (
        '<div id="filters" class="noprint" role="group" aria-label="Filters">'
        f"<fieldset><legend>Severity</legend>{sev}</fieldset>"
        f"<fieldset><legend>Language</legend>{lng}</fieldset>"
        + (f"<fieldset><legend>Rule</legend>{rules}</fieldset>" if rules else "") +
        '<label><input type="checkbox" id="only"> only rows with findings</label>'
        f'<span id="shown" class="muted">{len(findings)} findings</span></div>'
    )


def _findings_table(report, findings, placed, docs) -> str:
    rows = []
    for i, f in enumerate(findings):
        loc = f.location
        source = loc.file or next((v.source for v in report.versions if v.language == f.language), f.language)
        where = f"{_e(source)}:{loc.line} · {_e(f.language)} ¶{loc.paragraph}"
        if loc.unit:
            where += f" · unit «{_e(loc.unit)}»"
        detail = ""
        doc = docs.get(f.language)
        if doc is not None and 0 <= loc.start < loc.end <= len(doc.document.text):
            excerpt = shorten(doc.document.text[loc.start : loc.end], 120)
            detail += f'<div class="muted">flagged: «<span lang="{_e(f.language)}">{_e(excerpt)}</span>»</div>'
        if f.reference is not None:
            ref = f.reference
            detail += (
                f'<div class="muted">reference {_e(ref.language)} ¶{ref.paragraph}: '
                f'«<span lang="{_e(ref.language)}">{_e(shorten(ref.text, 200))}</span>»</div>'
            )
        row = placed[i]
        link = f'<a href="#row-{row}">row {row + 1}</a>' if row is not None else '<span class="muted">—</span>'
        rows.append(
            f'<tr id="f-{i}" data-f="{i}" data-s="{_e(f.severity)}" data-l="{_e(f.language)}" data-r="{_e(f.rule)}">'
            f'<td>{i + 1}</td><td><span class="badge b-{_sev_class(f.severity)}">{_e(f.severity)}</span></td>'
            f"<td><b>{_e(f.rule)}</b></td><td>{_e(f.kind)}</td><td>{where}</td>"
            f'<td class="msg">{_e(f.message)}{detail}</td><td>{link}</td></tr>'
        )
    body = "".join(rows) or '<tr><td colspan="7">No findings.</td></tr>'
    return (
        '<h2>Findings</h2><table class="findings" id="findings"><thead><tr><th>#</th><th>Severity</th>'
        "<th>Rule</th><th>Kind</th><th>Where</th><th>Message</th><th>View</th></tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def _side_by_side(report, findings, placed, docs, columns) -> str:
    by_cell: dict[tuple[int, str], list[tuple[int, Finding]]] = {}
    for i, f in enumerate(findings):
        if placed[i] is not None:
            by_cell.setdefault((placed[i], f.language), []).append((i, f))
    pivot = ' <span class="muted">(pivot)</span>'
    head = "".join(
        f'<th data-col="{_e(lang)}" lang="en">{_e(_lang_label(lang))}{pivot if lang == report.pivot else ""}</th>'
        for lang in columns
    )
    body = []
    for r, row in enumerate(report.rows):
        cells = dict(row.cells)
        ids = " ".join(str(i) for i, _ in sorted(x for lang in columns for x in by_cell.get((r, lang), [])))
        tds = []
        for lang in columns:
            paras = cells.get(lang, ())
            if not paras:
                tds.append(f'<td class="gap" data-col="{_e(lang)}" lang="en">— no paragraph —</td>')
                continue
            here = by_cell.get((r, lang), [])
            text = "".join(_paragraph(docs[lang], p, here) for p in paras if 0 <= p < len(docs[lang].paragraphs))
            notes = "".join(
                f'<li class="sev-{_sev_class(f.severity)}" data-f="{i}"><a href="#f-{i}"><b>{_e(f.rule)}</b></a> '
                f"{_e(f.severity)} · {_e(f.kind)}: {_e(f.message)}</li>"
                for i, f in here
            )
            notes = f'<ul class="notes" lang="en" dir="ltr">{notes}</ul>' if notes else ""
            tds.append(f'<td data-col="{_e(lang)}" lang="{_e(lang)}" dir="auto">{text}{notes}</td>')
        body.append(
            f'<tr id="row-{r}" data-row="{r}" data-fs="{ids}"><th class="rowh" scope="row">'
            f'<a href="#row-{r}">{r + 1}</a></th>{"".join(tds)}</tr>'
        )
    return (
        '<h2>Side by side</h2><table class="side" id="side"><thead><tr><th class="rowh">Row</th>'
        f"{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def _paragraph(doc: SegmentedDocument, index: int, here: list[tuple[int, Finding]]) -> str:
    """One paragraph's text with the findings' spans marked: the text is cut at every span
    boundary, so overlapping findings still give flat, well-nested <mark>s; a reference
    ("missing here") is inserted where its finding's span ends."""
    text, para = doc.document.text, doc.paragraphs[index]
    markup = doc.document.markup
    inside = [
        (i, f) for i, f in here
        if f.location.paragraph == index and para.start <= f.location.start <= f.location.end <= para.end
    ]
    cuts = sorted({para.start, para.end} | {f.location.start for _, f in inside} | {f.location.end for _, f in inside})
    out = [f'<span class="pn" lang="en">¶{index}</span>']
    if markup is not None and index < len(markup.blocks):
        out.append(f'<span class="bt" lang="en">{_e(markup.blocks[index])}</span>')
    for k, pos in enumerate(cuts):
        for i, f in inside:
            if f.location.end != pos:
                continue
            if f.location.start == pos:  # an insertion point: nothing to highlight, show where
                out.append(f'<mark class="sev-{_sev_class(f.severity)}" data-fs="{i}" title="{_e(f.rule)}">‸</mark>')
            # Inline only text from another version; a same-version reference (a name's
            # other spelling) is already in the message.
            if f.reference is not None and f.reference.language != f.language:
                out.append(_reference(i, f))
        if k + 1 < len(cuts):
            end = cuts[k + 1]
            piece = _shown(doc, pos, end)
            cover = [(i, f) for i, f in inside if f.location.start <= pos and end <= f.location.end]
            if cover:
                worst = min(cover, key=lambda x: SEVERITY_RANK.get(x[1].severity, len(SEVERITY_RANK)))
                tip = "; ".join(f"{f.rule} {f.severity}: {f.message}" for _, f in cover)
                ids = " ".join(str(i) for i, _ in cover)
                sev = _sev_class(worst[1].severity)
                piece = f'<mark class="sev-{sev}" data-fs="{ids}" title="{_e(tip)}">{piece}</mark>'
            out.append(piece)
    code = ""
    if markup is not None and markup.format == "markdown":
        code = "".join(f'<pre class="code" lang="en" dir="ltr"><code>{_e(t.text)}</code></pre>'
                       for t in markup.code if t.paragraph == index and t.kind == "code-block")
    return f'<p class="para">{"".join(out)}</p>{code}'


def _shown(doc: SegmentedDocument, start: int, end: int) -> str:
    """A stretch of a paragraph, escaped. A Markdown version shows its file's text, with
    what is not prose (inline code, link targets, shortcodes, placeholders) marked as code;
    plain text and HTML show the (prose) text."""
    d = doc.document
    if d.markup is None or d.markup.format != "markdown":
        return _e(d.text[start:end])
    source, prose, out, pos = d.markup.source, d.text, [], start
    while pos < end:
        masked = prose[pos] != source[pos]
        k = pos
        # (a space inside inline code is the same in both texts: it continues the run)
        while k < end and ((prose[k] != source[k]) == masked or (source[k] in " \t" and k > pos)):
            k += 1
        piece = _e(source[pos:k])
        out.append(f'<code class="np">{piece}</code>' if masked and source[pos:k].strip() else piece)
        pos = k
    return "".join(out)


def _reference(i: int, f: Finding) -> str:
    ref = f.reference
    label = "missing here:" if f.kind in ("missing", "truncated") else "compare:"
    return (
        f'<span class="ref" data-f="{i}" lang="en" dir="ltr"><span class="lbl">{label}</span> '
        f'«<span lang="{_e(ref.language)}" dir="auto">{_e(ref.text)}</span>» '
        f"({_e(ref.language)} ¶{ref.paragraph})</span>"
    )


def _heatmap(report: Report, columns: list[str]) -> str:
    head = "".join(f'<th data-col="{_e(lang)}">{_e(lang)}</th>' for lang in columns)
    body = []
    for r, row in enumerate(report.rows):
        sims = report.row_similarity[r] if r < len(report.row_similarity) else ()
        value = dict(zip(row.languages, sims))
        paras = dict(row.cells)
        tds = []
        for lang in columns:
            v = value.get(lang)
            where = f"{lang}, row {r + 1}" + (f" (¶{', '.join(map(str, paras[lang]))})" if paras.get(lang) else "")
            if v is None:
                tds.append(f'<td class="none" data-col="{_e(lang)}" title="{_e(where)}: no paragraph">—</td>')
            else:
                tip = f"{where}: mean cosine {v:.4f} to the other versions in this row"
                tds.append(f'<td class="{_heat_class(v)}" data-col="{_e(lang)}" title="{_e(tip)}">{v:.2f}</td>')
        body.append(f'<tr><th scope="row"><a href="#row-{r}">{r + 1}</a></th>{"".join(tds)}</tr>')
    return (
        '<h2>Similarity</h2><table class="heat" id="heatmap">'
        "<caption>Per row and version: the mean cosine similarity of that version's paragraph(s) to the "
        "other versions' in the row (darker red = lower). Raw cosines are not comparable across language "
        "pairs (some pairs always score lower than others), so compare a cell with the rest of its column, "
        "not with its neighbours.</caption>"
        f'<thead><tr><th>Row</th>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'
    )
