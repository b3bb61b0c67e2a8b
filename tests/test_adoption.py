"""The adoption files work as shipped: the pre-commit hook manifest and the example GitHub
Actions workflow (its check script is run here on a docs folder, as the runner would)."""

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import yaml
from pre_commit.clientlib import load_manifest

from .conftest import ROOT, split_seed

WORKFLOW = ROOT / "examples" / "github-actions" / "parallelcheck.yml"
BIN = Path(sys.executable).parent  # where the console script is installed


def _env(tmp_path):
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", NO_COLOR="1")
    env["PARALLELCHECK_CACHE_DIR"] = os.environ.get("PARALLELCHECK_CACHE_DIR", str(tmp_path / "cache"))
    return env


def test_pre_commit_hook_manifest_is_valid_and_runs(tmp_path):
    (hook,) = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))  # pre-commit's own schema
    assert hook["id"] == "parallelcheck" and hook["pass_filenames"] is False
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'{shlex.split(hook["entry"])[0]} = "parallelcheck.cli:main"' in pyproject
    # What pre-commit runs: entry + the args a user lists in .pre-commit-config.yaml.
    paths = split_seed(tmp_path)
    args = [f"{lang}={p}" for lang, p in paths.items()]
    run = subprocess.run([*shlex.split(hook["entry"]), *args], capture_output=True, text=True,
                         env=_env(tmp_path), cwd=tmp_path)
    assert run.returncode == 1, run.stderr  # the truncated list fails the commit
    assert "PC103 error" in run.stdout and "parallelcheck" not in run.stderr
    # tree mode: the hook given a docs folder checks every document in it
    for lang, p in paths.items():
        target = tmp_path / "docs" / "briefing" / f"{lang}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        p.rename(target)
    run = subprocess.run([*shlex.split(hook["entry"]), "docs", "--source", "ko"], capture_output=True, text=True,
                         env=_env(tmp_path), cwd=tmp_path)
    assert run.returncode == 1, run.stderr
    assert "docs/briefing/ja.txt" in run.stdout and "PC103 error" in run.stdout


def _check_step():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = workflow["jobs"]["parallelcheck"]["steps"]
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif") for s in steps)
    (step,) = [s for s in steps if s.get("name") == "Check every document"]
    return step


def test_workflow_check_script_gates_a_docs_folder(tmp_path):
    step = _check_step()
    # A docs folder with two documents: the example (truncated ja list) and a clean one.
    for name in ("briefing", "clean"):
        folder = tmp_path / "docs" / name
        folder.mkdir(parents=True)
        for lang, p in split_seed(folder).items():
            p.rename(folder / f"{lang}.txt")
    clean_ja = tmp_path / "docs" / "clean" / "ja.txt"
    paragraphs = clean_ja.read_text(encoding="utf-8").split("\n\n")
    from .test_seed import RESTORED_JA_LIST

    paragraphs[3] = RESTORED_JA_LIST
    clean_ja.write_text("\n\n".join(paragraphs), encoding="utf-8")
    summary = tmp_path / "step-summary.md"
    env = dict(_env(tmp_path), GITHUB_STEP_SUMMARY=str(summary), **step.get("env", {}))
    env["BASE_REF"] = ""  # a push: the whole tree (a pull request adds --changed-since origin/<base>)
    run = subprocess.run(["bash", "-e", "-c", step["run"]], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert run.returncode == 1, run.stderr  # the briefing fails the gate
    # annotations for the failing document, on its Japanese file
    assert "::error file=docs/briefing/ja.txt" in run.stdout
    assert "::error file=docs/clean/" not in run.stdout
    # one SARIF run for the tree, results at the real files
    (sarif,) = [json.loads(p.read_text(encoding="utf-8")) for p in (tmp_path / "reports").glob("*.sarif")]
    (sarif_run,) = sarif["runs"]
    errors = [(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
              for r in sarif_run["results"] if r["level"] == "error"]
    # the Japanese list's lost items, named by one PC103 (with the English source authoritative too)
    assert errors == [("PC103", "docs/briefing/ja.txt")]
    # the summary of the whole tree reaches the run page, naming both documents' status
    text = summary.read_text(encoding="utf-8")
    assert errors[0][0] in text and "briefing" in text and "parallelcheck" in text
