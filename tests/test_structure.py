"""PC205 list-item counts, on the example's ▲ lists; PC206 headings, on NTREX Markdown."""

import parallelcheck
from parallelcheck.load import load_paths

from .conftest import LANGS, SEED, ntrex_documents, paragraphs_of, render_texts


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


def _markdown_versions(marks):
    """An NTREX document in five languages as Markdown: its headline a heading marked per
    language by ``marks`` (e.g. {"en": "# "}), the rest body paragraphs."""
    doc = ntrex_documents()[0]
    texts = {}
    for lang in LANGS:
        paras = paragraphs_of(doc["lines"][lang])
        paras[0] = [marks.get(lang, "# ") + paras[0][0]]
        texts[lang] = render_texts({lang: paras})[lang]
    return texts


def test_a_heading_left_unmarked_or_at_another_level_is_reported():
    report = parallelcheck.check(_markdown_versions({"ja": "", "fr": "## "}))
    found = sorted((f.language, f.location.paragraph, f.severity) for f in _rules(report, "PC206"))
    assert found == [("fr", 0, "warning"), ("ja", 0, "warning")]
    fr = next(f for f in _rules(report, "PC206") if f.language == "fr")
    assert "level-1 heading in 3 of 5 versions is a level-2 heading here" in fr.message
    assert fr.reference.language == "en" and fr.reference.text.startswith("# ")


def test_headings_marked_alike_are_not_reported():
    assert not _rules(parallelcheck.check(_markdown_versions({})), "PC206")
    # one version marking a heading the others do not is not a majority either
    assert not _rules(parallelcheck.check(_markdown_versions({lang: "" for lang in LANGS if lang != "zh"})), "PC206")


def test_tuned_numbers_live_in_the_settings():
    """The aligner, loaders, segmenter and checks hold no tuned float literal: only the
    arithmetic ones (0.0 and 1.0 as neutral values, 1e-3/1e-6 as guards against log(0) and
    division by zero). A tuned number goes to parallelcheck.settings."""
    import io
    import tokenize
    from pathlib import Path

    root = Path(parallelcheck.__file__).parent
    neutral = {"0.0", "1.0", "1e-3", "1e-6"}
    found = []
    for folder in ("align", "checks", "load", "segment"):
        for path in sorted((root / folder).rglob("*.py")):
            for tok in tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline):
                text = tok.string.lower()
                if tok.type == tokenize.NUMBER and ("." in text or "e" in text) and not text.startswith("0x"):
                    if text not in neutral:
                        found.append(f"{path.relative_to(root)}:{tok.start[0]}: {tok.string}")
    assert found == []
