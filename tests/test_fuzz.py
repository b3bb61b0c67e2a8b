"""Property-based tests (hypothesis) of the input contract: loaders, segmenter, number
reader and the command line, on arbitrary Unicode, broken encodings, odd line endings,
long tokens, thousands of tiny paragraphs and one version far longer than the others.

CI runs a bounded, derandomised number of examples (a few tens of seconds in all);
``python -m benchmarks.fuzz --examples N`` runs the same properties much longer. Cases a
run found live in ``tests/fuzz_corpus/`` and are replayed by ``test_fuzz_corpus.py``.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from parallelcheck.errors import InputError
from parallelcheck.quantities import quantities
from parallelcheck.segment import segment_document

from . import strategies as S

# FUZZ_EXAMPLES (set by benchmarks.fuzz) scales every test; CI uses the defaults below.
_SCALE = int(os.environ.get("PARALLELCHECK_FUZZ_EXAMPLES", "0"))
_LONG = _SCALE > 0


def fuzz(examples: int):
    """Hypothesis settings: ``examples`` in CI (derandomised, so CI is reproducible), the
    long run's number otherwise (random, with hypothesis' example database)."""
    return settings(
        max_examples=_SCALE if _LONG else examples,
        deadline=None,
        derandomize=not _LONG,
        database=None if not _LONG else settings.default.database,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
        print_blob=True,
    )


# --- loaders -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(S.LOADERS))
@fuzz(40)
@given(encoded=S.file_bytes())
def test_loader_contract(name, encoded):
    with tempfile.TemporaryDirectory() as tmp:
        S.check_loader_contract(S.LOADERS[name], encoded.data, Path(tmp))


@pytest.mark.parametrize("name", sorted(n for n, ld in S.LOADERS.items() if ld.wrap is not None))
@fuzz(30)
@given(text=S.documents())
def test_exchange_format_contract(name, text):
    # Fuzz text inside a structurally valid TMX/XLIFF/PO file (random bytes rarely get past
    # the XML parser): a clean refusal or units, never a crash.
    loader = S.LOADERS[name]
    with tempfile.TemporaryDirectory() as tmp:
        S.check_loader_contract(loader, loader.wrap(text), Path(tmp))


# --- segmenter -----------------------------------------------------------------------------


@fuzz(40)
@given(text=S.documents(), lang=st.sampled_from(S.LANGS))
def test_segments_cover_each_paragraph_in_order(text, lang):
    from parallelcheck.load import document_from_text

    try:
        doc = document_from_text(lang, text)
    except InputError:
        assume(False)
    seg = segment_document(doc)
    for para in seg.paragraphs:
        covered = set()
        last = para.start
        for s in para.segments:
            assert last <= s.start < s.end <= para.end, (s, para.start, para.end)
            assert s.text == doc.text[s.start : s.end]
            assert not s.text[0].isspace() and not s.text[-1].isspace()
            covered.update(range(s.start, s.end))
            last = s.end
        # Every visible character of the paragraph is in exactly one segment.
        for i in range(para.start, para.end):
            ch = doc.text[i]
            if not ch.isspace() and ch not in "\u200b\u200c\u200d\u2060\ufeff":
                assert i in covered, (i, ch, para.text)


# --- number reader -------------------------------------------------------------------------


@fuzz(80)
@given(text=st.one_of(S.documents(), st.lists(st.sampled_from(
    ["1", "15", "1,500", "2.5", " million", "만", "十五", "열", " ", "first", "twenty", "-", "five", "£",
     "125m", "2:30", " p.m.", "시", "時", "半", "３", "mai", "12", "h", "30", "\u0301", "miles", "°"]),
    max_size=25).map("".join)), lang=st.sampled_from(S.LANGS))
def test_numbers_are_finite_and_on_their_text(text, lang):
    found = quantities(text, lang)
    assert [q.start for q in found] == sorted(q.start for q in found)
    for q in found:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert not math.isnan(q.value)


# --- the command line ----------------------------------------------------------------------


def run_cli(args: list[str]) -> tuple[int, str, str]:
    from parallelcheck.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(autouse=True)
def _hashing_model(monkeypatch):
    """The pipeline with a hashing stand-in for the encoder: the contract is about inputs
    and outputs, and a model load per example would make fuzzing a hundred times slower."""
    import parallelcheck.embed as embed

    monkeypatch.setattr(embed, "get_embedder", lambda *a, **k: S.HashingEmbedder())


def check_cli_contract(files: dict[str, bytes], combined: bool) -> int:
    """Run ``parallelcheck check`` on the files; the contract: exit 0, 1 or 2; for 2 exactly
    one line on stderr (never an internal error); otherwise a JSON report valid against the
    schema with every location inside its text; the inputs unchanged."""
    from parallelcheck.load import read_text

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        paths = {}
        for name, data in files.items():
            paths[name] = root / name
            paths[name].write_bytes(data)
        before = S.fingerprint_files(list(paths.values()))
        report = root / "report.json"
        specs = [str(p) for p in paths.values()] if combined else [f"{n.split('.')[0]}={p}" for n, p in paths.items()]
        code, _, err = run_cli(["check", *specs, "--no-config", "--no-cache", "--quiet", "--format", f"json:{report}"])
        assert code in (0, 1, 2), (code, err)
        if code == 2:
            assert S.one_line(err.rstrip("\n")) and err.startswith("parallelcheck: error: "), err
            assert "internal error" not in err and "Traceback" not in err
            assert not report.exists()
        else:
            raw = report.read_text(encoding="utf-8")
            texts = {v["language"]: read_text(v["source"]) for v in json.loads(raw)["versions"]}
            S.check_json_report(raw, texts)
        assert S.fingerprint_files(list(paths.values())) == before, "an input was written"
        leftovers = [p.name for p in root.iterdir() if p.name.startswith(".report.json")]
        assert not leftovers, leftovers  # no temporary file left behind
        return code


@fuzz(12)
@given(versions=S.versions_text(), data=st.data())
def test_cli_contract_on_separate_files(versions, data):
    files = {}
    for lang, text in versions.items():
        broken = data.draw(st.integers(0, 7)) == 0  # now and then one file is badly encoded
        encoded = data.draw(S.file_bytes(st.just(text))) if broken else S.Encoded(text.encode("utf-8"), "utf-8")
        files[f"{lang}.txt"] = encoded.data
    check_cli_contract(files, combined=False)


@fuzz(8)
@given(versions=S.versions_text())
def test_cli_contract_on_a_combined_file(versions):
    text = "\n\n".join(versions.values())
    check_cli_contract({"combined.txt": text.encode("utf-8")}, combined=True)


def test_invisible_only_version_is_no_text(tmp_path):
    # The case from the issue: zero-width and control characters, a lone RLO and combining
    # marks were accepted as a two-paragraph English version (seven errors, exit 1).
    ko = tmp_path / "ko.txt"
    ko.write_text("중소벤처기업부는 15개 과제를 발표했다.\n", encoding="utf-8")
    en = tmp_path / "en.txt"
    en.write_text("\u200b\u200e\ufeff\n\n\u202e\u0301\u0302\n", encoding="utf-8")
    code, _, err = run_cli(["check", f"ko={ko}", f"en={en}", "--no-config", "--no-cache"])
    assert code == 2
    assert err.count("\n") == 1 and "no text" in err and str(en) in err
