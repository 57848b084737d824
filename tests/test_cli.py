"""The CLI through click's CliRunner: exact output and exit codes."""
from __future__ import annotations

import json

from click.testing import CliRunner

import newsfacts
from newsfacts.cli import cli
from newsfacts.summary import summary

from .conftest import ROOT


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_version():
    r = run("--version")
    assert r.exit_code == 0 and r.output == f"newsfacts, version {newsfacts.__version__}\n"


def test_help_on_everything():
    for cmd in ([], ["build"], ["validate"], ["info"], ["draft"], ["view"]):
        r = run(*cmd, "--help")
        assert r.exit_code == 0 and "Usage:" in r.output


def test_info_prints_the_summary():
    r = run("info", "--path", str(ROOT))
    assert r.exit_code == 0
    assert r.output == summary(ROOT) + "\n"
    width = max(map(len, newsfacts.tables(root=ROOT)))
    assert f"  {'events':<{width}}  {len(newsfacts.load('events', root=ROOT)):>6} rows" in r.output
    assert "  tass-2015-10-22-ivanov  2015-10-22  TASS Russian News Agency: Attempts to isolate Russia failed" in r.output


def test_build_check_is_clean(monkeypatch):
    monkeypatch.chdir(ROOT)
    r = run("build", "--check")
    assert r.exit_code == 0, r.output
    assert r.output.startswith("up to date: ")


def test_build_check_names_stale_files(repo_copy):
    p = repo_copy / "datapackage.json"
    p.write_text(p.read_text(encoding="utf-8").replace('"newsfacts"', '"newsfactz"', 1), encoding="utf-8")
    r = run("build", "--check", "--root", str(repo_copy))
    assert r.exit_code == 1
    assert "- datapackage.json" in r.output


def test_build_bad_coding_exits_1_with_the_fix(repo_copy):
    coding = repo_copy / "build" / "articles" / "tass-2015-10-22-ivanov" / "coding.yaml"
    coding.write_text(coding.read_text(encoding="utf-8").replace("trigger: fired", "trigger: launched"), encoding="utf-8")
    r = run("build", "--root", str(repo_copy))
    assert r.exit_code == 1
    assert "events 'kalibr-strike' trigger: evidence 'launched' is not in the article" in r.output
    assert "fix: copy the words exactly" in r.output


def test_validate_exit_codes(package_copy):
    assert run("validate", "--path", str(package_copy), "--only", "provenance").exit_code == 0
    (package_copy / "data" / "csv" / "assets.csv").write_text("broken\n", encoding="utf-8")
    r = run("validate", "--path", str(package_copy), "--only", "provenance", "--json")
    assert r.exit_code == 1
    report = json.loads(r.output)
    assert report["valid"] is False
    assert {"provenance", "assets", "hash-mismatch"} <= set(report["findings"][0].values()) | {"provenance"}
    assert run("validate", "--only", "nonsense").exit_code == 2
    assert run("validate", "--path", str(package_copy / "nowhere")).exit_code == 2


def test_progress_only_on_a_terminal(monkeypatch, capsys):
    r = CliRunner().invoke(cli, ["validate", "--path", str(ROOT), "--only", "provenance"])
    assert r.exit_code == 0 and "…" not in r.output  # CliRunner is no terminal: quiet
    from newsfacts.validate import validate

    monkeypatch.setenv("NEWSFACTS_PROGRESS", "1")  # what the CLI sets on a terminal
    validate(ROOT, only="provenance")
    err = capsys.readouterr().err
    assert "… validating: provenance layer" in err and "… provenance: events" in err
