"""Exchange formats (PO, XLIFF 1.2 and 2.x, .sdlxliff, TMX): each fixture carries one defect
of each kind it tests; every one is found at its file, line and unit, and nothing else is
reported. Hostile XML is refused without reading files or opening connections. The TMX
export of a plain document reads back to the same rows. Fixtures: tests/fixtures/units
(written by build.py there)."""

from __future__ import annotations

import json
import socket
import sys
from pathlib import Path

import pytest

from parallelcheck.cli import main
from parallelcheck.units.markup import has_prose, is_code, placeholders

from .conftest import FIXTURES, SEED

UNITS = FIXTURES / "units"


def _run(args, capsys, tmp_path):
    out = tmp_path / "report.json"
    code = main(["check", *args, "--no-config", "--quiet", "--format", f"json:{out}"])
    captured = capsys.readouterr()
    assert code in (0, 1), captured.err
    return code, json.loads(out.read_text(encoding="utf-8"))


def _found(report):
    return {(f["rule"], f["language"], Path(f["location"]["file"]).name, f["location"]["line"], f["location"]["unit"])
            for f in report["findings"]}


def _line_of(path: Path, needle: str) -> int:
    """1-based line of the first line containing ``needle``."""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return n
    raise AssertionError(f"{needle!r} not in {path}")


def test_po_catalogues_of_four_languages(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(UNITS)
    code, report = _run(["ko=po/ko", "ja=po/ja", "zh=po/zh", "fr=po/fr", "--glossary", "po/glossary.csv"],
                        capsys, tmp_path)
    assert code == 1
    po = UNITS / "po"

    def at(lang, name, msgid_start):
        path = po / lang / name
        return _line_of(path, 'msgid "' + msgid_start)

    found = _found(report)
    by_rule = {}
    for rule, lang, name, line, unit in found:
        by_rule.setdefault(rule, set()).add((lang, name, line))
    assert by_rule == {
        "PC301": {("ko", "guide.po", at("ko", "guide.po", "Older versions"))},       # empty msgstr
        "PC106": {("zh", "guide.po", at("zh", "guide.po", "The search also"))},      # msgid copied
        "PC302": {("ko", "guide.po", at("ko", "guide.po", "Save the current"))},     # #, fuzzy
        "PC303": {("fr", "guide.po", at("fr", "guide.po", "Use ``pc --check``")),    # ``literal`` lost
                  ("ja", "guide.po", at("ja", "guide.po", "Found %(count)d"))},      # %(name)s lost
        "PC201": {("ja", "guide.po", at("ja", "guide.po", "Large archives"))},       # 300 for 500
        "PC105": {("ja", "guide.po", at("ja", "guide.po", "Passwords are"))},        # something else
        "PC204": {("fr", "guide.po", at("fr", "guide.po", "Before the first"))},     # glossary
        "PC305": {("ko", "faq.po", at("ko", "faq.po", "Administrators"))},           # pasted translation
        # one source, two French renderings (guide.po and faq.po): one of them is named
        "PC304": by_rule.get("PC304") if by_rule.get("PC304") in (
            {("fr", "guide.po", at("fr", "guide.po", "When the disk"))},
            {("fr", "faq.po", at("fr", "faq.po", "When the disk"))}) else {"(missing)"},
    }
    # Plurals, contexts ("Open" as a menu item and as a state), the obsolete entry, the code
    # block left empty, and "Introduction" = "Introduction" in French gave nothing.
    assert report["pivot"] == "en"
    assert [v["language"] for v in report["versions"]] == ["en", "ko", "ja", "zh", "fr"]
    units = {f["location"]["unit"] for f in report["findings"]}
    assert "Found %(count)d problems in %(name)s." in units


@pytest.mark.parametrize("name, expected", [
    ("guide.tmx", {("PC303", "ja", "s3"), ("PC201", "ko", "s4"), ("PC105", "fr", "s7"), ("PC106", "ko", "s8"),
                   ("PC104", "zh", "s9"), ("PC301", "ja", "s11"), ("PC203", "fr", "s15")}),
    ("app.ja.xlf", {("PC303", "ja", "u2"), ("PC201", "ja", "u3"), ("PC302", "ja", "u4"), ("PC301", "ja", "u5"),
                    ("PC106", "ja", "u6")}),
    ("app.fr.xlf", {("PC303", "fr", "u1"), ("PC302", "fr", "u3"), ("PC301", "fr", "u4"), ("PC201", "fr", "u5")}),
    ("manual.ko.sdlxliff", {("PC303", "ko", "tu2"), ("PC302", "ko", "tu3"), ("PC301", "ko", "tu4")}),
])
def test_xml_exchange_files(name, expected, capsys, tmp_path):
    path = UNITS / name
    _, report = _run([str(path)], capsys, tmp_path)
    found = _found(report)
    assert {(rule, lang, unit) for rule, lang, _, _, unit in found} == expected
    text = path.read_text(encoding="utf-8")
    for rule, lang, file, line, unit in found:
        assert file == name
        # the line is the unit's (its <trans-unit>/<segment>/<target>/<tuv>), inside the unit's element
        lines = text.splitlines()
        start = next(n for n, ln in enumerate(lines, start=1)
                     if f'id="{unit}"' in ln or f'tuid="{unit}"' in ln)
        assert start <= line <= start + 8, (rule, unit, line, start)


def test_tmx_five_languages_source_and_targets():
    from parallelcheck.load.tmx import load_tmx

    doc = load_tmx(str(UNITS / "guide.tmx"))
    assert doc.source_language == "en" and doc.languages == ("ko", "ja", "zh", "fr")
    u = doc.units[2]
    assert u.id == "s3" and u.source.tags == ("<bpt id=1/>", "<ept id=1/>")
    assert u.target("ja").tags == () and u.target("fr").tags == ("<bpt id=1/>", "<ept id=1/>")
    assert "<b>" not in u.source.text and "the line number" in u.source.text


def test_several_xliff_files_are_one_document(capsys, tmp_path):
    """Files of one source in several target languages: one N-language document, units
    matched by file and id."""
    import shutil

    base = (UNITS / "app.ja.xlf").read_text(encoding="utf-8")
    ko = base.replace('target-language="ja"', 'target-language="ko"').replace(
        "バックアップは 24 時間ごとに実行されます。", "백업은 12시간마다 실행됩니다.")
    (tmp_path / "app.ko.xlf").write_text(ko, encoding="utf-8")
    shutil.copy(UNITS / "app.ja.xlf", tmp_path / "app.ja.xlf")
    from parallelcheck.units.inputs import load_units

    doc = load_units([str(tmp_path / "app.ja.xlf"), str(tmp_path / "app.ko.xlf")])
    assert doc.languages == ("ja", "ko") and len(doc.units) == 7
    assert all(len(u.targets) == 2 for u in doc.units)


# --- reports point at file, line and unit --------------------------------------------------

def test_unit_locations_in_every_format(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(UNITS)
    outs = {fmt: tmp_path / f"r.{fmt}" for fmt in ("text", "json", "sarif", "junit", "github", "markdown", "html")}
    code = main(["check", "app.ja.xlf", "--no-config", "--quiet", "--select", "PC303",
                 *[x for fmt, p in outs.items() for x in ("--format", f"{fmt}:{p}")]])
    assert code == 1, capsys.readouterr().err
    line = _line_of(UNITS / "app.ja.xlf", 'id="u2"')
    read = {fmt: p.read_text(encoding="utf-8") for fmt, p in outs.items()}
    assert f"app.ja.xlf:{line}: PC303 error [placeholder] ja unit «u2»" in read["text"]
    loc = json.loads(read["json"])["findings"][0]["location"]
    assert (loc["file"], loc["line"], loc["unit"]) == ("app.ja.xlf", line, "u2")
    result = json.loads(read["sarif"])["runs"][0]["results"][0]
    phys = result["locations"][0]["physicalLocation"]
    assert phys["artifactLocation"]["uri"] == "app.ja.xlf" and phys["region"] == {"startLine": line}
    assert result["locations"][0]["logicalLocations"] == [{"name": "u2", "kind": "element"}]
    assert f"::error file=app.ja.xlf,line={line}," in read["github"] and "unit u2" in read["github"]
    assert f"app.ja.xlf:{line}: PC303 error ja unit «u2»" in read["junit"]
    assert f"app.ja.xlf:{line} unit «u2»" in read["markdown"]
    assert f"app.ja.xlf:{line}" in read["html"] and "unit «u2»" in read["html"]


def test_sarif_of_units_is_valid(capsys, tmp_path, monkeypatch):
    from .test_report_ci import assert_valid_sarif

    monkeypatch.chdir(UNITS)
    out = tmp_path / "r.sarif"
    main(["check", "guide.tmx", "--no-config", "--quiet", "--select", "PC3,PC106", "--format", f"sarif:{out}"])
    assert_valid_sarif(json.loads(out.read_text(encoding="utf-8")))


def test_json_is_byte_identical_and_plain_documents_unchanged(capsys, tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    for out in (a, b):
        main(["check", str(UNITS / "guide.tmx"), "--no-config", "--quiet", "--format", f"json:{out}"])
    assert a.read_bytes() == b.read_bytes()
    # a finding on a plain document has no file/unit keys (the v1 schema, unchanged)
    from parallelcheck.model import Finding, Location
    from parallelcheck.report.json import finding_to_dict

    f = Finding("PC101", "missing", "error", "ja", Location(0, 0, 1, 1), None, None, "m")
    assert set(finding_to_dict(f)["location"]) == {"paragraph", "start", "end", "line"}


# --- hostile XML --------------------------------------------------------------------------

SECRET = "TOP-SECRET-CONTENT-4711"


def _hostile(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    laughs = "".join(f'<!ENTITY l{k} "{"".join(f"&l{k - 1};" for _ in range(10))}">' for k in range(1, 10))
    return {
        "billion-laughs.xlf": f'<?xml version="1.0"?><!DOCTYPE xliff [<!ENTITY l0 "ha">{laughs}]>'
                              '<xliff version="1.2"><file source-language="en" target-language="ja"><body>'
                              '<trans-unit id="1"><source>&l9;</source><target>x</target></trans-unit>'
                              '</body></file></xliff>',
        "external-entity.tmx": f'<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY s SYSTEM "file://{secret}">]>'
                               '<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&s;</seg>'
                               '</tuv><tuv xml:lang="fr"><seg>&s;</seg></tuv></tu></body></tmx>',
        "remote-dtd.xliff": '<?xml version="1.0"?><!DOCTYPE xliff SYSTEM "http://198.51.100.7/xliff.dtd">'
                            '<xliff version="1.2"><file source-language="en" target-language="fr"><body>'
                            '<trans-unit id="1"><source>a</source><target>b</target></trans-unit></body></file></xliff>',
    }, secret


def test_hostile_xml_is_refused_without_reading_or_connecting(capsys, tmp_path, monkeypatch):
    files, secret = _hostile(tmp_path)
    connections = []

    def no_connect(*args, **kwargs):
        connections.append(args)
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", no_connect)
    monkeypatch.setattr(socket, "create_connection", no_connect)
    opened = []
    armed = [True]

    def audit(event, args):
        if armed[0] and event == "open" and args and str(args[0]).endswith("secret.txt"):
            opened.append(args[0])

    sys.addaudithook(audit)
    try:
        for name, content in files.items():
            path = tmp_path / name
            path.write_text(content, encoding="utf-8")
            code = main(["check", str(path), "--no-config", "--quiet", "--no-cache"])
            captured = capsys.readouterr()
            assert code == 2, (name, captured)
            assert captured.out == ""
            err = captured.err.strip().splitlines()
            assert len(err) == 1 and "document type declaration" in err[0], (name, err)
            assert SECRET not in captured.err
    finally:
        armed[0] = False
    assert connections == [] and opened == []


def test_broken_xml_and_po_are_one_line_errors(capsys, tmp_path):
    bad = tmp_path / "bad.xlf"
    bad.write_text("<xliff version='1.2'><file>", encoding="utf-8")
    po = tmp_path / "ko.po"
    po.write_text('msgid "a"\nmsgstr "b"\nbogus line\n', encoding="utf-8")
    for args in ([str(bad)], [f"ko={po}", f"ja={po}"]):
        code = main(["check", *args, "--no-config", "--quiet", "--no-cache"])
        err = capsys.readouterr().err.strip().splitlines()
        assert code == 2 and len(err) == 1 and err[0].startswith("parallelcheck: error:"), err


# --- markup ---------------------------------------------------------------------------------

def test_placeholders_compare_roles_by_target_and_keep_literals():
    assert placeholders(":ref:`Title <tut-x>` and ``x = 1``") == placeholders(":ref:`제목 <tut-x>` 와 ``x = 1``")
    assert placeholders(":func:`~os.path.join`") == placeholders(":func:`os.path.join`")
    assert placeholders("50% of %s", formats=True)["%s"] == 1
    assert "% o" not in placeholders("The % operator (modulo)", formats=True)


@pytest.mark.parametrize("text, code", [
    (">>> 2 + 2\n4", True), ("$ python -m venv tutorial-env", True), ("x = MyClass()", True),
    ("def f(pos1, pos2, /, pos_or_kwd, *, kwd1, kwd2):", True), ("Several other key features of this statement:", False),
    ("Found %(count)d problems in %(name)s.", False), ("0.3", True),
])
def test_code_is_not_prose(text, code):
    assert is_code(text) is code


def test_lone_terms_are_not_judged_as_prose():
    assert not has_prose("Classes") and not has_prose("name") and has_prose("The search finds documents quickly.")


# --- TMX export -----------------------------------------------------------------------------

def test_tmx_export_round_trips_the_alignment(capsys, tmp_path):
    from parallelcheck.export.tmx import report_rows
    from parallelcheck.load import load_paths
    from parallelcheck.load.tmx import load_tmx
    from parallelcheck.pipeline import check_documents

    out = tmp_path / "aligned.tmx"
    code = main(["check", str(SEED), "--no-config", "--quiet", "--export", f"tmx:{out}", "--format",
                 f"json:{tmp_path / 'r.json'}"])
    assert code in (0, 1), capsys.readouterr().err
    report = check_documents(load_paths([str(SEED)]))
    rows = report_rows(report)
    assert len(rows) == len(report.rows) >= 5
    back = load_tmx(str(out))
    assert back.source_language == report.pivot == "ko"
    assert back.languages == ("en", "ja", "zh", "fr")
    read = [[(back.source_language, u.source.text)] + [(lang, t.text) for lang, t in u.targets] for u in back.units]
    assert read == rows
    assert "<tu " in out.read_text(encoding="utf-8") and out.read_bytes().count(b"<tuv") == sum(map(len, rows))


def test_export_refuses_to_overwrite_an_input(capsys):
    code = main(["check", str(SEED), "--no-config", "--quiet", "--export", f"tmx:{SEED}"])
    assert code == 2 and "refusing to overwrite" in capsys.readouterr().err


# --- what a reviewer would dismiss is not reported (patterns of the Python docs catalogues) ---

REAL_PATTERNS = [
    # (msgid, ko, ja): each pair of translations is right
    (">>> import site\n>>> site.getusersitepackages()", "", ">>> import site\n>>> site.getusersitepackages()"),
    ("$ python -m venv tutorial-env", "", "$ python -m venv tutorial-env"),
    ("Classes", "클래스", "Classes"),  # a one-word title kept in Latin letters
    ("name", "", "name"),  # an index entry
    ("See :ref:`the tutorial section <tut-io>` for details on ``open()``.",
     ":ref:`튜토리얼 절 <tut-io>` 에서 ``open()`` 에 대한 자세한 내용을 보세요.",
     "``open()`` の詳細は :ref:`チュートリアルの節 <tut-io>` を参照してください。"),
    ("A *scope* is a textual region of a Python program where a namespace is directly accessible.",
     "*스코프* 는 이름 공간을 직접 액세스할 수 있는 파이썬 프로그램의 텍스트 영역입니다.",
     "*スコープ* とは、名前空間が直接アクセスできる Python プログラムのテキスト上の領域です"
     " (訳注: ``spam.egg`` ではなく ``egg`` のように)。"),  # a translator's note adds literals
    ("(Yes, this is the correct code. Look closely: the ``else`` clause belongs to the ``for`` loop.)",
     "(이것은 올바른 코드입니다. 자세히 보면: ``else`` 절은 :keyword:`for` 루프에 속합니다.)",
     "(はい、これは正しいコードです。よく見てください: ``else`` 節は ``for`` ループに属しています。)"),
    ("See `Fibonacci numbers <https://en.wikipedia.org/wiki/Fibonacci_number>`_ for the sequence.",
     "수열은 `피보나치 수 <https://ko.wikipedia.org/wiki/피보나치_수>`_ 를 보세요.",
     "数列については `フィボナッチ数 <https://ja.wikipedia.org/wiki/フィボナッチ数>`_ を参照してください。"),
]


def _catalogue(lang, entries):
    body = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    for k, (msgid, msgstr) in enumerate(entries):
        q = lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'  # noqa: E731
        body += f"#: tutorial/x.rst:{k + 1}\nmsgid {q(msgid)}\nmsgstr {q(msgstr)}\n\n"
    return body


def test_markup_code_and_translator_choices_are_not_reported(tmp_path):
    from parallelcheck.units.inputs import load_units
    from parallelcheck.units.pipeline import check_units

    stale = ("When a class defines an :meth:`~object.__init__` method, instantiation calls it.",
             "클래스가 :meth:`__init__` 메서드를 정의하면, 인스턴스를 만들 때 호출합니다.",
             "クラスが :meth:`~object.__init__` メソッドを定義すると、インスタンス化のときに呼び出されます。")
    for lang, col in (("ko", 1), ("ja", 2)):
        (tmp_path / f"{lang}.po").write_text(_catalogue(lang, [(e[0], e[col]) for e in [*REAL_PATTERNS, stale]]),
                                             encoding="utf-8")
    doc = load_units([f"ko={tmp_path / 'ko.po'}", f"ja={tmp_path / 'ja.po'}"])
    report = check_units(doc, select=["PC3", "PC106", "PC201"])
    # only the stale link target (object.__init__ lost in ko) is reported
    assert [(f.rule, f.language, f.location.line) for f in report.findings] == [
        ("PC303", "ko", _line_of(tmp_path / "ko.po", "msgid \"When a class"))]
    assert "object.__init__" in report.findings[0].message


def test_po_languages_from_folder_names(tmp_path, capsys):
    import shutil

    for lang, folder in (("ko", "ko"), ("zh", "zh-cn")):
        shutil.copytree(UNITS / "po" / lang, tmp_path / folder / "guide")
    from parallelcheck.units.inputs import load_units

    doc = load_units([str(tmp_path / "ko" / "guide"), str(tmp_path / "zh-cn" / "guide")])
    assert doc.source_language == "en" and doc.languages == ("ko", "zh-CN")
    assert {Path(u.source.file).name for u in doc.units} == {"guide.po", "faq.po"}


def test_units_export_to_tmx_and_back(tmp_path, capsys):
    from parallelcheck.load.tmx import load_tmx
    from parallelcheck.units.inputs import load_units

    out = tmp_path / "guide.tmx"
    main(["check", f"ko={UNITS / 'po' / 'ko'}", f"fr={UNITS / 'po' / 'fr'}", "--no-config", "--quiet",
          "--select", "PC3", "--export", f"tmx:{out}"])
    capsys.readouterr()
    doc = load_units([f"ko={UNITS / 'po' / 'ko'}", f"fr={UNITS / 'po' / 'fr'}"])
    back = load_tmx(str(out))
    assert back.source_language == "en" and back.languages == ("ko", "fr")
    assert [(u.source.text, [(lang, t.text) for lang, t in u.targets]) for u in back.units] == [
        (u.source.text, [(lang, t.text) for lang, t in u.targets if t.text.strip()]) for u in doc.units]


def test_a_word_literal_rendered_as_a_word_is_not_missing(tmp_path):
    """PC303: a ``literal`` that is an ordinary word may be translated as a word of the same
    stem (fr «virtuelles» for ``virtual``, as in python-docs-po classes.po); code literals, a
    keyword translated into another word and a mere shared beginning are still missing."""
    from parallelcheck.units.inputs import load_units
    from parallelcheck.units.pipeline import check_units

    entries = [  # (msgid, fr, ja)
        ("For C++ programmers: all methods in Python are effectively ``virtual``.",
         "Pour les programmeurs C++ : toutes les méthodes de Python sont en effet \"virtuelles\".",
         "C++ プログラマへ: Python のメソッドは事実上すべて ``virtual`` です。"),
        ("A function that returns a ``generator`` is easy to write.",
         "Une fonction qui renvoie un Générateur est facile à écrire.",
         "``generator`` を返す関数は簡単に書けます。"),
        ("The loop runs ``while`` the condition holds.",
         "La boucle tourne tant que la condition est vraie.",
         "条件が成り立つ ``while`` ループが回ります。"),
        ("Call ``print`` to show the value on the screen.",
         "Appelez le principe pour afficher la valeur à l'écran.",
         "画面に値を表示するには ``print`` を呼びます。"),
        ("If you have an object ``x``, you can view its representation.",
         "Si vous avez un objet, vous pouvez voir sa représentation.",
         "オブジェクト ``x`` があれば、その表現を見られます。"),
    ]
    for lang, col in (("fr", 1), ("ja", 2)):
        (tmp_path / f"{lang}.po").write_text(_catalogue(lang, [(e[0], e[col]) for e in entries]),
                                             encoding="utf-8")
    doc = load_units([f"fr={tmp_path / 'fr.po'}", f"ja={tmp_path / 'ja.po'}"])
    report = check_units(doc, select=["PC303"])
    fr = tmp_path / "fr.po"
    assert sorted((f.rule, f.language, f.location.line) for f in report.findings) == sorted([
        ("PC303", "fr", _line_of(fr, 'msgid "The loop runs')),
        ("PC303", "fr", _line_of(fr, 'msgid "Call ``print``')),
        ("PC303", "fr", _line_of(fr, 'msgid "If you have an object')),
    ])
    assert [f.severity for f in report.findings] == ["error"] * 3
