"""PC204 glossary terms: CSV and TBX termbases, on the example."""

import pytest

import parallelcheck
from parallelcheck.cli import main
from parallelcheck.errors import InputError
from parallelcheck.glossary import load_glossary
from parallelcheck.load import load_paths

from .conftest import ROOT, SEED

GLOSSARY = next((ROOT / "examples").glob("*glossary*"))

TBX = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en"><text><body>
  <termEntry id="c1">
    <langSet xml:lang="ko"><tig><term>중기부</term></tig></langSet>
    <langSet xml:lang="ja">
      <tig><term>中小ベンチャー企業部</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
      <tig><term>中企部</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig>
      <tig><term>中基部</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
    </langSet>
  </termEntry>
</body></text></martif>
"""


def _glossary_findings(path):
    report = parallelcheck.check_documents(load_paths([str(SEED)]), glossary=path)
    return [f for f in report.findings if f.rule == "PC204"]


def test_the_example_glossary_flags_the_japanese_title_and_body():
    found = _glossary_findings(GLOSSARY)
    text = SEED.read_text(encoding="utf-8")
    spans = [(f.language, f.location.paragraph, text[f.location.start : f.location.end]) for f in found]
    assert ("ja", 0, "中基部") in spans  # the title
    assert any(lang == "ja" and p > 0 and s == "中期部" for lang, p, s in spans)  # the body
    assert {f.language for f in found} == {"ja"}  # en, zh, fr render it as required
    assert all(f.severity == "error" and f.reference.language == "ko" for f in found)


def test_a_tbx_termbase_works_the_same_way(tmp_path):
    tbx = tmp_path / "terms.tbx"
    tbx.write_text(TBX, encoding="utf-8")
    (entry,) = load_glossary(tbx)
    assert entry.forbidden == {"ja": ("中基部",)} and "中企部" in entry.required["ja"]
    found = _glossary_findings(tbx)
    # ¶0 uses the deprecated 中基部; ¶4 writes 中期部, which this termbase doesn't list, so
    # it lacks every accepted rendering there (¶1 has 中小ベンチャー企業部)
    assert [(f.language, f.location.paragraph) for f in found] == [("ja", 0), ("ja", 4)]
    assert "forbids" in found[0].message and "should be rendered" in found[1].message


def test_without_a_glossary_the_rule_is_silent():
    assert _glossary_findings(None) == []


def test_a_missing_required_rendering_is_found(tmp_path):
    csv = tmp_path / "g.csv"
    csv.write_text("source,term,target,required,forbidden\nko,중기부,en,Ministry of Small Business,\n", encoding="utf-8")
    found = _glossary_findings(csv)
    assert found and {f.language for f in found} == {"en"}
    assert "Ministry of Small Business" in found[0].message


@pytest.mark.parametrize("content", ["not,a,glossary\n1,2,3\n", "<martif><broken", ""])
def test_a_bad_glossary_is_one_clear_line_and_exit_2(tmp_path, capsys, content):
    bad = tmp_path / "bad.csv"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(InputError):
        load_glossary(bad)
    assert main(["check", str(SEED), "-q", "--glossary", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and ("glossary" in err.lower() or "tbx" in err.lower())
