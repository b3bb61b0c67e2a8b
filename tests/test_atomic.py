"""Report and baseline files are written atomically, and Ctrl-C is exit 130 with one line."""

from __future__ import annotations

import os

import pytest

from parallelcheck import atomic, cli
from parallelcheck.atomic import write_text_atomic

from .test_cli import _report  # a small real Report


def test_write_replaces_the_file_whole(tmp_path):
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o640)
    write_text_atomic(target, "new «text»\n")
    assert target.read_text(encoding="utf-8") == "new «text»\n"
    assert (target.stat().st_mode & 0o777) == 0o640  # the file keeps its mode
    assert os.listdir(tmp_path) == ["report.json"]


@pytest.mark.parametrize("failure", [KeyboardInterrupt, OSError])
def test_an_interrupted_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch, failure):
    target = tmp_path / "baseline.json"
    target.write_text("the old, complete file", encoding="utf-8")

    def interrupted(fd):  # the moment between writing the text and renaming it
        raise failure()

    monkeypatch.setattr(atomic.os, "fsync", interrupted)
    with pytest.raises(failure):
        write_text_atomic(target, "x" * 1_000_000)
    assert target.read_text(encoding="utf-8") == "the old, complete file"
    assert os.listdir(tmp_path) == ["baseline.json"]


def test_ctrl_c_while_writing_reports_exits_130_and_keeps_old_reports(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(cli, "load_paths", lambda specs, **kw: [])
    monkeypatch.setattr(cli, "check_documents", lambda docs, **kw: _report())
    old = tmp_path / "r.json"
    old.write_text("previous report", encoding="utf-8")
    calls = []

    def ctrl_c_on_second(fd):
        calls.append(fd)
        if len(calls) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "fsync", ctrl_c_on_second)
    code = cli.main(["check", "ko=a", "en=b", "--no-config", "--format", f"sarif:{tmp_path / 'r.sarif'}",
                     "--format", f"json:{old}"])
    assert code == 130
    assert capsys.readouterr().err == "parallelcheck: interrupted\n"
    assert old.read_text(encoding="utf-8") == "previous report"  # not half a report
    assert sorted(os.listdir(tmp_path)) == ["r.json", "r.sarif"]  # the first was complete; no temporaries


def test_write_baseline_is_atomic(tmp_path, monkeypatch):
    from parallelcheck.baseline import write_baseline

    target = tmp_path / "parallelcheck-baseline.json"
    target.write_text('{"schema": "old"}', encoding="utf-8")
    monkeypatch.setattr(atomic.os, "replace", lambda *a: (_ for _ in ()).throw(OSError(28, "No space left on device")))
    with pytest.raises(Exception, match="No space left"):
        write_baseline(_report(), target)
    assert target.read_text(encoding="utf-8") == '{"schema": "old"}'
    assert os.listdir(tmp_path) == ["parallelcheck-baseline.json"]
