"""Replays the cases fuzzing found (``tests/fuzz_corpus/*.json``), each once a crash or a
broken contract, against the same contract checks as ``test_fuzz.py``.

A case is a JSON file: ``target`` (``loader:NAME``, ``cli``, ``cli:combined``, ``numbers:LANG``
or ``segment:LANG``), the input (``data_base64`` for file bytes, ``text`` for strings,
``files`` — name to base64 — for the command line), and ``found``/``was`` for the record.
"""

from __future__ import annotations

import base64
import json
import tempfile
from pathlib import Path

import pytest

from . import strategies as S
from .test_fuzz import _hashing_model, check_cli_contract  # noqa: F401  (the fixture is used)

CORPUS = Path(__file__).parent / "fuzz_corpus"
CASES = sorted(CORPUS.glob("*.json"))


def test_the_corpus_is_not_empty():
    assert CASES, "tests/fuzz_corpus holds the cases fuzzing found"


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_replay(path):
    case = json.loads(path.read_text(encoding="utf-8"))
    target, _, arg = case["target"].partition(":")
    if target == "loader":
        with tempfile.TemporaryDirectory() as tmp:
            S.check_loader_contract(S.LOADERS[arg], base64.b64decode(case["data_base64"]), Path(tmp))
    elif target == "cli":
        files = {name: base64.b64decode(data) for name, data in case["files"].items()}
        check_cli_contract(files, combined=arg == "combined")
    elif target == "numbers":
        from .test_fuzz import test_numbers_are_finite_and_on_their_text as prop

        prop.hypothesis.inner_test(text=case["text"], lang=arg)
    elif target == "segment":
        from .test_fuzz import test_segments_cover_each_paragraph_in_order as prop

        prop.hypothesis.inner_test(text=case["text"], lang=arg)
    else:
        raise AssertionError(f"{path.name}: unknown target {case['target']!r}")
