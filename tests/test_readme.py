"""The README's promises: its commands are what CI runs, its examples run."""
from __future__ import annotations

import re

import pytest

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def quickstart() -> list[str]:
    block = README.split("## Quickstart", 1)[1].split("```bash\n", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line.strip()]


def test_quickstart_has_exactly_two_commands_and_ci_runs_the_second():
    commands = quickstart()
    assert len(commands) == 2
    assert "newsfacts build" in commands[0] and "newsfacts validate" in commands[0]
    assert "pytest" in commands[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci.splitlines()


EXAMPLES = re.findall(r"```python\n(.*?)```", README, re.S)


@pytest.mark.parametrize("code", EXAMPLES, ids=[f"example-{i}" for i in range(len(EXAMPLES))])
def test_readme_examples_run(code, capsys, pkg_root, monkeypatch):
    monkeypatch.setenv("NEWSFACTS_PACKAGE", str(pkg_root))  # the committed package, and a grown copy
    exec(compile(code, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert out.strip() and "<NA>" not in out
