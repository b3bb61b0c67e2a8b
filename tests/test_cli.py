"""The command line: exit codes (0/1/2), one-line errors without tracebacks, options.

Tests marked "real loader" below go through parallelcheck.load; the others replace the
loader and the pipeline with stand-ins so that they test the CLI alone.
"""

import io
import json
import subprocess
import sys

import pytest

import parallelcheck
from parallelcheck import cli
from parallelcheck.cli import ProgressBar, main
from parallelcheck.model import Document, Finding, Location, Reference, Report, Span, VersionSummary

KO = "중소벤처기업부는 오늘 업무보고를 했다. 주요 과제는 창업 붐 조성이다.\n\n지역 벤처펀드를 확대한다.\n"
JA = "中小ベンチャー企業部は本日、業務報告を行った。主な課題は創業ブームの造成だ。\n\n地域ベンチャーファンドを拡大する。\n"
EN = (
    "The Ministry of SMEs and Startups presented its work plan today. The main task is to create a "
    "startup boom in the regions.\n\nThe ministry will also expand regional venture funds and support "
    "small merchants with a new safety net.\n"
)


def _finding(severity, lang="ja"):
    return Finding("PC103", "truncated", severity, lang, Location(3, 100, 150, 12),
                   Reference("ko", 3, "▲생산적 금융 전환"), 0.41, "list cut short")


def _report(*severities):
    return Report(
        tool_version=parallelcheck.__version__,
        model={"name": "usem3"},
        pivot="ko",
        versions=(VersionSummary("ko", "a.ko.txt", 2, 3), VersionSummary("ja", "a.ja.txt", 2, 3)),
        findings=tuple(_finding(s) for s in severities),
    )


@pytest.fixture
def fake_check(monkeypatch):
    """Replace the pipeline (not the loader) with one that returns a chosen report."""
    state = {"report": _report(), "calls": []}

    def check_documents(documents, **options):
        state["calls"].append((documents, options))
        if isinstance(state["report"], BaseException):
            raise state["report"]
        return state["report"]

    monkeypatch.setattr(cli, "check_documents", check_documents)
    return state


@pytest.fixture
def fake_load(monkeypatch):
    """Replace the loader too: no files needed."""
    docs = [Document("ko", KO, "a.ko.txt", (Span(0, 10),)), Document("ja", JA, "a.ja.txt", (Span(0, 10),))]
    monkeypatch.setattr(cli, "load_paths", lambda specs, **options: docs)
    return docs


@pytest.fixture
def pair(tmp_path):
    ko = tmp_path / "a.ko.txt"
    ja = tmp_path / "a.ja.txt"
    ko.write_text(KO, encoding="utf-8")
    ja.write_text(JA, encoding="utf-8")
    return ko, ja


def _one_error_line(capsys):
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("parallelcheck: error: ")
    assert "Traceback" not in err
    return lines[0]


# --- version, usage ---------------------------------------------------------------------------

@pytest.mark.parametrize("argv", [["--version"], ["check", "--version"]])
def test_version(argv, capsys):
    assert main(argv) == 0
    assert capsys.readouterr().out.strip() == f"parallelcheck {parallelcheck.__version__}"


def test_help_exits_zero(capsys):
    assert main(["check", "--help"]) == 0
    assert "--fail-on" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv, needle",
    [
        ([], "no command"),
        (["check"], "required: INPUT"),
        (["check", "--bogus", "a.txt"], "--bogus"),
        (["check", "--format", "xml", "a.txt"], "xml"),
        (["check", "--fail-on", "info", "a.txt"], "info"),
        (["frobnicate"], "frobnicate"),
    ],
)
def test_usage_errors_exit_2_with_one_line(argv, needle, capsys):
    assert main(argv) == 2
    assert needle in _one_error_line(capsys)


# --- exit codes and --fail-on -----------------------------------------------------------------

@pytest.mark.parametrize(
    "severities, fail_on, code",
    [
        ((), "error", 0),
        (("error",), "error", 1),
        (("warning",), "error", 0),
        (("warning",), "warning", 1),
        (("info",), "warning", 0),
        (("info", "error"), "warning", 1),
        (("info",), "error", 0),
    ],
)
def test_exit_code_follows_fail_on(severities, fail_on, code, fake_load, fake_check, capsys):
    fake_check["report"] = _report(*severities)
    assert main(["check", "ko=a.ko.txt", "ja=a.ja.txt", "--fail-on", fail_on]) == code
    captured = capsys.readouterr()
    assert captured.err == ""
    assert "(pivot: ko)." in captured.out


def test_fail_on_defaults_to_error(fake_load, fake_check):
    fake_check["report"] = _report("warning")
    assert main(["check", "a.ko.txt", "a.ja.txt"]) == 0


def test_options_reach_the_pipeline(fake_load, fake_check, tmp_path):
    cache = tmp_path / "cache"
    assert main(["check", "ko=a", "ja=b", "--pivot", "JA", "--model", "LaBSE", "--no-cache",
                 "--cache-dir", str(cache), "-q"]) == 0
    ((documents, options),) = fake_check["calls"]
    assert documents is fake_load
    assert options["pivot"] == "ja"  # normalised
    assert options["model"] == "LaBSE"
    assert options["cache"] is False
    assert options["cache_dir"] == str(cache)
    assert callable(options["progress"])


def test_defaults_reach_the_pipeline(fake_load, fake_check):
    assert main(["check", "ko=a", "ja=b"]) == 0
    ((_, options),) = fake_check["calls"]
    assert options["pivot"] is None and options["model"] is None and options["cache"] is True


def test_unknown_pivot_code_is_a_usage_error(fake_load, fake_check, capsys):
    assert main(["check", "ko=a", "ja=b", "--pivot", "xx"]) == 2
    assert "xx" in _one_error_line(capsys)
    assert fake_check["calls"] == []


# --- formats and output ----------------------------------------------------------------------

def test_json_to_stdout(fake_load, fake_check, capsys):
    fake_check["report"] = _report("error")
    assert main(["check", "ko=a", "ja=b", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "parallelcheck/report/v1"
    assert data["summary"] == {"error": 1, "warning": 0, "info": 0}


def test_text_to_stdout_has_header_unless_quiet(fake_load, fake_check, capsys):
    fake_check["report"] = _report("error")
    main(["check", "ko=a", "ja=b"])
    loud = capsys.readouterr().out
    main(["check", "ko=a", "ja=b", "--quiet"])
    quiet = capsys.readouterr().out
    assert "usem3" in loud and "usem3" not in quiet
    for out in (loud, quiet):
        assert "a.ja.txt:12: PC103 error [truncated] ja ¶3: list cut short" in out
        assert out.splitlines()[-1] == "Found 1 error, 0 warnings, 0 info in 2 versions (pivot: ko)."


def test_output_file(fake_load, fake_check, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    fake_check["report"] = _report("error")
    out = tmp_path / "report.txt"
    assert main(["check", "ko=a", "ja=b", "--output", str(out)]) == 1
    assert capsys.readouterr().out == ""
    text = out.read_text(encoding="utf-8")
    assert "PC103" in text and "\033" not in text  # never colour in a file


def test_output_write_failure_is_one_line(fake_load, fake_check, tmp_path, capsys):
    out = tmp_path / "no-such-dir" / "report.json"
    assert main(["check", "ko=a", "ja=b", "--format", "json", "--output", str(out)]) == 2
    assert str(out) in _one_error_line(capsys)


@pytest.mark.parametrize("form", ["plain", "lang", "dotted"])
def test_output_equal_to_an_input_is_refused(form, pair, fake_check, tmp_path, capsys, monkeypatch):
    ko, ja = pair
    monkeypatch.chdir(tmp_path)
    inputs = {"plain": [str(ko), str(ja)], "lang": [f"ko={ko}", f"ja={ja}"],
              "dotted": ["ko=a.ko.txt", "ja=./a.ja.txt"]}[form]
    target = {"plain": str(ja), "lang": str(ja), "dotted": "a.ja.txt"}[form]
    assert main(["check", *inputs, "--output", target]) == 2
    assert "refusing to overwrite" in _one_error_line(capsys)
    assert ja.read_text(encoding="utf-8") == JA
    assert fake_check["calls"] == []


# --- colour and progress ---------------------------------------------------------------------

def test_color_on_a_tty_unless_no_color(fake_load, fake_check, capsys, monkeypatch):
    fake_check["report"] = _report("error")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    main(["check", "ko=a", "ja=b"])
    assert "\033[31merror" in capsys.readouterr().out
    monkeypatch.setenv("NO_COLOR", "1")
    main(["check", "ko=a", "ja=b"])
    assert "\033" not in capsys.readouterr().out


def test_no_color_when_not_a_tty(fake_load, fake_check, capsys):
    fake_check["report"] = _report("error")
    main(["check", "ko=a", "ja=b"])
    assert "\033" not in capsys.readouterr().out


def test_progress_bar_shows_for_big_embedding_jobs_and_clears():
    stream = io.StringIO()
    bar = ProgressBar(True, stream=stream)
    bar("embed", 256, 1000)
    assert "\r" in stream.getvalue() and "256/1000" in stream.getvalue()
    bar("embed", 1000, 1000)
    assert "1000/1000" in stream.getvalue()
    bar.close()
    assert stream.getvalue().endswith("\r")
    assert not bar.shown


def test_progress_bar_stays_silent_for_short_runs_or_when_disabled():
    stream = io.StringIO()
    bar = ProgressBar(True, stream=stream)
    bar("embed", 50, 50)
    bar("align", 1, 1)
    bar.close()
    assert stream.getvalue() == ""
    off = ProgressBar(False, stream=stream)
    off("embed", 10, 5000)
    off.close()
    assert stream.getvalue() == ""


def test_progress_bar_appears_after_the_delay():
    stream = io.StringIO()
    bar = ProgressBar(True, delay=0.0, stream=stream)
    bar("check", 1, 3)
    assert "check" in stream.getvalue() and "1/3" in stream.getvalue()


def test_no_progress_on_stderr_when_not_a_tty(fake_load, monkeypatch, capsys):
    def check_documents(documents, **options):
        options["progress"]("embed", 500, 1000)
        return _report()

    monkeypatch.setattr(cli, "check_documents", check_documents)
    assert main(["check", "ko=a", "ja=b"]) == 0
    assert capsys.readouterr().err == ""


# --- errors -----------------------------------------------------------------------------------

def test_keyboard_interrupt_is_one_line(fake_load, fake_check, capsys):
    fake_check["report"] = KeyboardInterrupt()
    assert main(["check", "ko=a", "ja=b"]) == 130  # 128 + SIGINT, as shells report Ctrl-C
    err = capsys.readouterr().err
    assert err == "parallelcheck: interrupted\n"


def test_os_and_decode_errors_are_one_line(fake_load, fake_check, capsys):
    fake_check["report"] = PermissionError(13, "Permission denied", "/some/file")
    assert main(["check", "ko=a", "ja=b"]) == 2
    assert "/some/file: Permission denied" in _one_error_line(capsys)
    fake_check["report"] = UnicodeDecodeError("utf-8", b"\xe9", 0, 1, "invalid continuation byte")
    assert main(["check", "ko=a", "ja=b"]) == 2
    _one_error_line(capsys)


def test_unexpected_error_is_one_line_unless_debug(fake_load, fake_check, capsys, monkeypatch):
    monkeypatch.delenv("PARALLELCHECK_DEBUG", raising=False)
    fake_check["report"] = RuntimeError("boom\nsecond line")
    assert main(["check", "ko=a", "ja=b"]) == 2
    err = capsys.readouterr().err
    assert err == "parallelcheck: internal error: RuntimeError: boom second line (please report)\n"
    monkeypatch.setenv("PARALLELCHECK_DEBUG", "1")
    with pytest.raises(RuntimeError, match="boom"):
        main(["check", "ko=a", "ja=b"])


# --- real loader: bad inputs are exit 2, one line, no traceback --------------------------------

@pytest.fixture
def clean_check(fake_check):
    """The pipeline is stubbed with a clean report: if the loader wrongly accepted the input,
    the run would exit 0 and the test would fail."""
    return fake_check


def _bad_input_cases(tmp_path, ko):
    empty = tmp_path / "empty.ja.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.ja.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    latin1 = tmp_path / "latin1.fr.txt"
    latin1.write_bytes("Le ministère a présenté son programme à la presse.\n".encode("latin-1"))
    single = tmp_path / "english-only.txt"
    single.write_text(EN, encoding="utf-8")
    return {
        "missing": [f"ko={ko}", f"ja={tmp_path / 'nope.txt'}"],
        "empty": [f"ko={ko}", f"ja={empty}"],
        "binary": [f"ko={ko}", f"ja={binary}"],
        "latin1": [f"ko={ko}", f"fr={latin1}"],
        "single-language": [str(single)],
        "unknown-language": [f"ko={ko}", f"xx={ko}"],
        "duplicate-language": [f"ja={ko}", f"ja={ko}"],
        "one-input": [f"ko={ko}"],
        "directory": [f"ko={ko}", f"ja={tmp_path}"],
    }


@pytest.mark.parametrize(
    "case",
    ["missing", "empty", "binary", "latin1", "single-language", "unknown-language",
     "duplicate-language", "one-input", "directory"],
)
def test_bad_input_exits_2_with_one_line(case, pair, clean_check, tmp_path, capsys):  # real loader
    ko, _ = pair
    argv = ["check", *_bad_input_cases(tmp_path, ko)[case]]
    assert main(argv) == 2
    _one_error_line(capsys)
    assert clean_check["calls"] == []


def test_good_input_reaches_the_pipeline(pair, clean_check, capsys):  # real loader
    ko, ja = pair
    assert main(["check", f"ko={ko}", f"ja={ja}"]) == 0
    ((documents, _),) = clean_check["calls"]
    assert [d.language for d in documents] == ["ko", "ja"]


def test_subprocess_missing_file_has_no_traceback(tmp_path):  # real loader, python -m
    proc = subprocess.run(
        [sys.executable, "-m", "parallelcheck", "check", str(tmp_path / "missing.txt")],
        capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("parallelcheck: error: ") and "missing.txt" in lines[0]


def test_importing_the_cli_loads_no_numpy():
    code = (
        "import sys, parallelcheck.cli; "
        "heavy = [m for m in ('numpy', 'torch', 'parallelcheck.pipeline', 'parallelcheck.load') if m in sys.modules]; "
        "print(heavy)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_explain_prints_what_a_rule_finds_and_how_to_configure_it(capsys):
    from parallelcheck.cli import main

    assert main(["explain", "pc201"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("PC201 number-mismatch") and "Example:" in out and "--ignore PC201" in out


def test_explain_an_unknown_rule_is_a_usage_error(capsys):
    from parallelcheck.cli import main

    assert main(["explain", "PC999"]) == 2
    assert "unknown rule 'PC999'" in capsys.readouterr().err


def test_rules_can_be_ignored_selected_and_given_another_severity(capsys):
    from parallelcheck.cli import main

    from .conftest import SEED

    seed = str(SEED)
    assert main(["check", seed, "-q", "--format", "json"]) == 1  # the PC103 error
    capsys.readouterr()
    assert main(["check", seed, "-q", "--ignore", "PC103"]) == 0
    assert main(["check", seed, "-q", "--select", "PC2"]) == 0  # number rules only: none fire
    capsys.readouterr()
    assert main(["check", seed, "-q", "--format", "json", "--severity", "PC103=warning"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert ("PC103", "warning") in [(f["rule"], f["severity"]) for f in report["findings"]]
    assert all(f["severity"] == "warning" for f in report["findings"])
    assert main(["check", seed, "-q", "--severity", "PC103=fatal"]) == 2
    assert main(["check", seed, "-q", "--ignore", "XY1"]) == 2
    assert "unknown rule 'XY1'" in capsys.readouterr().err


def test_every_rule_has_a_doc_and_an_example():
    from parallelcheck.checks import all_rules

    rules = all_rules()
    assert len({r.id for r in rules}) == len(rules)
    for rule in rules:
        assert rule.doc and rule.example, rule.id
        assert rule.severity in ("error", "warning", "info")
