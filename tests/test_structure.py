"""PC205 list-item counts, on the example's ▲ lists."""

import parallelcheck
from parallelcheck.load import load_paths

from .conftest import SEED


def _rules(report, rule):
    return [f for f in report.findings if f.rule == rule]


def test_the_shorter_list_is_counted_and_its_lost_items_named():
    report = parallelcheck.check_documents(load_paths([str(SEED)]), ignore=["PC103"])
    (f,) = _rules(report, "PC205")
    assert (f.language, f.location.paragraph, f.severity) == ("ja", 3, "warning")
    assert "2 items where the other versions have 4" in f.message
    assert "생산적 금융 전환" in f.reference.text and "기술손해산정센터" in f.reference.text


def test_no_second_finding_where_pc103_names_the_lost_items():
    report = parallelcheck.check_documents(load_paths([str(SEED)]))
    assert _rules(report, "PC103") and not _rules(report, "PC205")


def test_a_list_with_as_many_items_is_not_reported():
    docs = load_paths([str(SEED)])
    texts = {d.language: d.text[d.paragraphs[0].start : d.paragraphs[-1].end] for d in docs if d.language != "ja"}
    assert not _rules(parallelcheck.check(texts, ignore=["PC103"]), "PC205")
