"""Baselines: accept today's findings, fail only on new ones (fingerprints ignore offsets)."""

import json
from collections import Counter
from dataclasses import replace

import pytest

from parallelcheck.baseline import apply_baseline, fingerprint, load_baseline, with_fingerprints
from parallelcheck.cli import main
from parallelcheck.errors import InputError
from parallelcheck.model import Finding, Location, Reference

from .conftest import split_seed


def _inputs(paths):
    return [f"{lang}={p}" for lang, p in paths.items()]


def _delete(path, sentence_start, sentence_end_marker="."):
    text = path.read_text(encoding="utf-8")
    i = text.index(sentence_start)
    j = text.index(sentence_end_marker, i) + 1
    path.write_text(text[:i] + text[j:].lstrip(" "), encoding="utf-8")


def test_baseline_accepts_old_findings_and_reports_only_the_new_one(tmp_path, capsys):
    paths = split_seed(tmp_path)
    baseline = tmp_path / "baseline.json"
    # The example fails (the truncated Japanese list); recording a baseline exits 0.
    assert main(["check", *_inputs(paths), "-q"]) == 1
    capsys.readouterr()
    assert main(["check", *_inputs(paths), "-q", "--write-baseline", str(baseline)]) == 0
    assert "recorded 3 findings" in capsys.readouterr().err
    recorded = json.loads(baseline.read_text(encoding="utf-8"))
    assert recorded["schema"] == "parallelcheck/baseline/v1"
    assert sorted((e["rule"], e["language"]) for e in recorded["findings"]) == [
        ("PC103", "ja"), ("PC203", "en"), ("PC203", "fr")]

    # With the baseline the next run is green.
    assert main(["check", *_inputs(paths), "-q", "--baseline", str(baseline), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["findings"] == [] and out["suppressed"] == 3

    # Another sentence deleted from the French file: exit 1, and only that finding. The
    # offsets of the French name-variant finding after it moved; its fingerprint did not.
    _delete(paths["fr"], "Cette séance d'information")
    assert main(["check", *_inputs(paths), "-q", "--baseline", str(baseline), "--format", "json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert [(f["rule"], f["language"], f["location"]["paragraph"]) for f in out["findings"]] == [("PC102", "fr", 2)]
    assert "séance d'information" not in paths["fr"].read_text(encoding="utf-8")
    assert out["suppressed"] == 3


def _finding(start, text="Han Seong-sook", rule="PC203", language="fr"):
    return Finding(rule, "name", "warning", language, Location(1, start, start + len(text), 2),
                   Reference(language, 4, "Han Sung-sook"), None, "two spellings")


def test_fingerprint_ignores_offsets_and_whitespace_but_not_content():
    a = fingerprint(_finding(10), "Han  Seong-sook")
    assert a == fingerprint(_finding(500), "Han Seong-sook\n")  # moved, re-wrapped
    assert a != fingerprint(_finding(10), "Han Seong-sik")  # other text
    assert a != fingerprint(_finding(10, rule="PC202"), "Han Seong-sook")  # other rule
    assert a != fingerprint(_finding(10, language="en"), "Han Seong-sook")  # other version


def test_findings_on_the_same_text_get_distinct_fingerprints():
    # Two names missing from one paragraph: same span, same reference, another subject.
    para = "Le présentateur a parlé aux deux chaînes."
    texts = {"fr": para}
    base = Finding("PC202", "name", "warning", "fr", Location(1, 0, len(para), 1),
                   Reference("en", 1, "He spoke to CNN and MSNBC."), None, "")
    cnn = replace(base, message="«CNN» is in en but not in this paragraph")
    msnbc = replace(base, message="«MSNBC» is in en but not in this paragraph")
    first, second, again = with_fingerprints([cnn, msnbc, msnbc], texts)
    assert first.fingerprint == fingerprint(cnn, para)  # the first keeps the plain fingerprint
    assert len({first.fingerprint, second.fingerprint, again.fingerprint}) == 3
    # Stable: the same findings in the same order get the same fingerprints again.
    assert [f.fingerprint for f in with_fingerprints([cnn, msnbc, msnbc], texts)] == [
        first.fingerprint, second.fingerprint, again.fingerprint]
    # A baseline that accepted CNN alone does not hide MSNBC.
    kept, suppressed = apply_baseline([first, second], Counter({first.fingerprint: 1}))
    assert suppressed == 1 and [f.message for f in kept] == [msnbc.message]


def test_baseline_counts_occurrences():
    f = replace(_finding(0), fingerprint="abc")
    accepted = Counter({"abc": 1})
    kept, suppressed = apply_baseline([f, replace(f, location=Location(3, 90, 99, 5))], accepted)
    assert suppressed == 1 and len(kept) == 1  # one accepted occurrence hides one, not both
    assert accepted["abc"] == 1  # the caller's counts are not consumed


@pytest.mark.parametrize("content, message", [
    (None, "baseline file not found"),
    ("not json", "invalid JSON"),
    ('{"schema": "other"}', "expected schema"),
    ('{"schema": "parallelcheck/baseline/v1", "findings": [{}]}', "no fingerprint"),
])
def test_bad_baseline_is_one_clear_error(tmp_path, content, message):
    path = tmp_path / "baseline.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_baseline(path)


def test_bad_baseline_exits_2_without_traceback(tmp_path, capsys):
    paths = split_seed(tmp_path)
    assert main(["check", *_inputs(paths), "--baseline", str(tmp_path / "nope.json")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "baseline file not found" in err and "Traceback" not in err


def test_write_baseline_never_overwrites_an_input(tmp_path, capsys):
    paths = split_seed(tmp_path)
    before = paths["ko"].read_bytes()
    assert main(["check", *_inputs(paths), "--write-baseline", str(paths["ko"])]) == 2
    assert "one of the inputs" in capsys.readouterr().err
    assert paths["ko"].read_bytes() == before
