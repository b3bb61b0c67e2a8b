"""Config files ([tool.parallelcheck] / parallelcheck.toml) and several formats from one run."""

import json

import pytest

from parallelcheck.cli import main
from parallelcheck.config import find_config, load_config
from parallelcheck.errors import UsageError
from parallelcheck.thresholds import Thresholds

from .conftest import SEED


def _check_json(capsys, *args):
    code = main(["check", str(SEED), "-q", "--format", "json", *args])
    captured = capsys.readouterr()
    return code, (json.loads(captured.out) if captured.out else None), captured.err


def _rules(report):
    return sorted((f["rule"], f["language"], f["severity"]) for f in report["findings"])


def test_pyproject_table_is_found_upwards_and_applied(tmp_path, monkeypatch, capsys):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "docs"\n\n[tool.parallelcheck]\nignore = ["PC203"]\nseverity = { PC103 = "warning" }\n',
        encoding="utf-8",
    )
    sub = tmp_path / "docs" / "press"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    code, report, _ = _check_json(capsys)
    assert _rules(report) == [("PC103", "ja", "warning")]
    assert code == 0  # the only finding is now a warning
    # the command line overrides the file
    code, report, _ = _check_json(capsys, "--severity", "PC103=error", "--ignore", "PC2")
    assert _rules(report) == [("PC103", "ja", "error")] and code == 1
    # --no-config ignores it
    _, report, _ = _check_json(capsys, "--no-config")
    assert _rules(report) == [("PC103", "ja", "error"), ("PC203", "en", "warning"), ("PC203", "fr", "warning")]


def test_parallelcheck_toml_with_paths_relative_to_it(tmp_path, monkeypatch, capsys):
    (tmp_path / "terms.csv").write_text(
        "source,term,target,required,forbidden\nko,중기부,ja,中小ベンチャー企業部|中企部,中基部|中期部\n", encoding="utf-8"
    )
    (tmp_path / "parallelcheck.toml").write_text(
        'languages = ["ko", "ja", "fr"]\npivot = "ko"\nfail-on = "warning"\nglossary = "terms.csv"\n'
        "select = [\"PC1\", \"PC2\"]\n", encoding="utf-8"
    )
    elsewhere = tmp_path / "a" / "b"
    elsewhere.mkdir(parents=True)
    monkeypatch.chdir(elsewhere)
    code, report, _ = _check_json(capsys)
    assert [v["language"] for v in report["versions"]] == ["ko", "ja", "fr"]  # only the configured versions
    assert ("PC204", "ja", "error") in _rules(report)  # the glossary was found relative to the file
    assert code == 1


def test_boilerplate_patterns_from_config(tmp_path, capsys):
    texts = {
        "en": "The ministry met on the 12th.\n\nPhoto: Ministry of SMEs\n\nFifteen agencies attended the meeting.",
        "fr": "Le ministère s'est réuni le 12.\n\nQuinze organismes ont participé à la réunion.",
    }
    for lang, text in texts.items():
        (tmp_path / f"a.{lang}.txt").write_text(text, encoding="utf-8")
    config = tmp_path / "parallelcheck.toml"
    config.write_text("boilerplate = ['Photo: .*']\n", encoding="utf-8")
    inputs = [str(tmp_path / "a.en.txt"), str(tmp_path / "a.fr.txt")]
    main(["check", *inputs, "-q", "--format", "json", "--config", str(config)])
    with_pattern = json.loads(capsys.readouterr().out)
    assert [v["paragraphs"] for v in with_pattern["versions"]] == [2, 2]
    main(["check", *inputs, "-q", "--format", "json", "--no-config"])
    without = json.loads(capsys.readouterr().out)
    assert [v["paragraphs"] for v in without["versions"]] == [3, 2]


def test_thresholds_reach_the_checks(tmp_path, capsys):
    config = tmp_path / "parallelcheck.toml"
    # Every pair of spellings counts as one name at 0.0 similarity... and none at 1.0.
    config.write_text("[thresholds]\nname-similarity = 1.0\n", encoding="utf-8")
    assert load_config(config).settings == Thresholds(name_similarity=1.0).apply()
    assert load_config(config).settings.names.similarity == 1.0
    _, report, _ = _check_json(capsys, "--config", str(config))
    assert not any(f["rule"] == "PC203" for f in report["findings"])
    assert report["signature"].endswith("|settings:" + load_config(config).settings.digest()
                                        + "[names.similarity=1]|glossary:none|baseline:none")


def test_a_setting_from_the_config_file_changes_behaviour_and_signature(tmp_path, capsys):
    # PC105 with every match "suspect" and any agreement enough: the seed's free translations
    # are reported as drift; with the defaults they are not.
    config = tmp_path / "parallelcheck.toml"
    config.write_text("[settings.drift]\nsuspect = 5.0\nconsensus = -1\n", encoding="utf-8")
    _, default, _ = _check_json(capsys, "--no-config")
    assert not any(f["rule"] == "PC105" for f in default["findings"])
    assert "|settings:default|" in default["signature"]
    _, tuned, _ = _check_json(capsys, "--config", str(config))
    assert any(f["rule"] == "PC105" for f in tuned["findings"])
    settings = load_config(config).settings
    assert (settings.drift.suspect, settings.drift.consensus) == (5.0, -1.0)
    assert f"|settings:{settings.digest()}[drift.consensus=-1,drift.suspect=5]|" in tuned["signature"]


def test_settings_tree_from_pyproject_and_api(tmp_path):
    from parallelcheck.settings import EvidenceTier, Settings

    (tmp_path / "pyproject.toml").write_text(
        "[tool.parallelcheck.settings.truncation]\nlength = 0.5\ntiers = [[0.0, -3, 0.02]]\n"
        "tail-min-reference = { ko = 30 }\n", encoding="utf-8")
    settings = load_config(tmp_path / "pyproject.toml").settings
    assert settings.truncation.length == 0.5
    assert settings.truncation.tiers == (EvidenceTier(0.0, -3.0, 0.02),)
    assert settings.truncation.tail_min_reference == {"*": 50, "ko": 30, "ja": 20, "zh": 20}
    assert settings == Settings().replace("truncation.length", 0.5).replace(
        "truncation.tiers", (EvidenceTier(0.0, -3.0, 0.02),)).replace(
        "truncation.tail_min_reference", {"*": 50, "ko": 30, "ja": 20, "zh": 20})
    assert Settings().changed() == {} and settings.changed()["truncation.length"] == 0.5


@pytest.mark.parametrize("content, message", [
    ("colour = 'red'\n", "unknown key 'colour'"),
    ("[thresholds]\ndrfit = 0.3\n", "unknown key 'thresholds.drfit'"),
    ("[thresholds]\ndrift = 3\n", "between 0 and 1"),
    ("[settings.truncaton]\nlength = 0.5\n", "unknown settings group 'settings.truncaton'"),
    ("[settings.truncation]\nlenght = 0.5\n", "unknown key 'settings.truncation.lenght'"),
    ("[settings.truncation]\nlength = 'short'\n", "'settings.truncation.length' must be a number"),
    ("[settings.verification]\nmax-pieces = 2.5\n", "'settings.verification.max-pieces' must be an integer"),
    ("[settings.truncation]\ntiers = [1, 2]\n", "must be a list of [longer-by, max-z, min-part-gain] triples"),
    ("settings = 3\n", "'settings' must be a table of groups"),
    ("fail-on = 'sometimes'\n", "'fail-on' must be one of error, warning"),
    ("select = 5\n", "'select' must be a list of strings"),
    ("severity = { PC104 = 'fatal' }\n", "must be error, warning or info"),
    ("boilerplate = ['(unclosed']\n", "not a valid regular expression"),
    ("threads = 0\n", "'threads' must be a positive integer"),
    ("languages = [\n", "invalid TOML"),
])
def test_bad_config_is_one_line_exit_2(tmp_path, capsys, content, message):
    config = tmp_path / "parallelcheck.toml"
    config.write_text(content, encoding="utf-8")
    code = main(["check", str(SEED), "--config", str(config)])
    err = capsys.readouterr().err
    assert code == 2 and message in err and err.count("\n") == 1 and "Traceback" not in err
    assert str(config) in err  # the file is named


def test_pyproject_without_table_is_not_a_config(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    assert find_config(tmp_path / "sub").path is None or find_config(tmp_path / "sub").path.parent != tmp_path
    with pytest.raises(UsageError, match="no \\[tool.parallelcheck\\] table"):
        load_config(tmp_path / "pyproject.toml")


def test_several_formats_from_one_run(tmp_path, capsys):
    out_json, out_md = tmp_path / "r.json", tmp_path / "r.md"
    code = main(["check", str(SEED), "-q", "--format", f"json:{out_json}", "--format", "text",
                 "--format", f"markdown:{out_md}"])
    assert code == 1
    stdout = capsys.readouterr().out
    assert "PC103 error" in stdout  # text on stdout
    report = json.loads(out_json.read_text(encoding="utf-8"))
    assert ("PC103", "ja", "error") in _rules(report)
    assert "PC103" in out_md.read_text(encoding="utf-8")


@pytest.mark.parametrize("args, message", [
    (["--format", "json", "--format", "text"], "only one format can go to standard output"),
    (["--format", "pdf"], "unknown format 'pdf'"),
    (["--format", "json:"], "give a file after ':'"),
    (["--format", "json:x.out", "--format", "text:x.out"], "two formats would be written to x.out"),
    (["--format", "json:a.json", "--output", "b.txt"], "--output needs exactly one --format"),
])
def test_format_usage_errors(tmp_path, monkeypatch, capsys, args, message):
    monkeypatch.chdir(tmp_path)
    assert main(["check", str(SEED), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []  # nothing written
