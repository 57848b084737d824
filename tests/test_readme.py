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
    # Every question the example asks gets an answer: nothing empty after its question mark,
    # no empty frame or list printed alone.
    for line in out.splitlines():
        if "?" in line:
            assert line.rsplit("?", 1)[1].strip() not in ("", "[]", "{}", "set()", "0"), line
        assert line.strip() not in ("[]", "{}") and not line.startswith(("Empty DataFrame", "shape: (0,")), line


def test_plain_csv_readers_keep_code_columns_as_text_as_the_dictionary_says(pkg_root):
    """The data dictionary's line per table (generated from the schema) works in pandas and polars,
    and is needed: without it a guessing reader drops CAMEO's leading zeros."""
    import pandas as pd
    import polars as pl

    import newsfacts
    from newsfacts.pipeline.docs import csv_readers_line, digit_codes

    schemas = newsfacts.loading.shipped_schemas()
    checked = 0
    for t in newsfacts.tables(root=pkg_root):
        cols = digit_codes(schemas[t])
        if not cols:
            continue
        assert csv_readers_line(schemas[t]) in README
        path = pkg_root / "data" / "csv" / f"{t}.csv"
        want = newsfacts.load(t, root=pkg_root)
        by_pandas = pd.read_csv(path, dtype={c: str for c in cols})
        by_polars = pl.read_csv(path, schema_overrides={c: pl.String for c in cols})
        for c in cols:
            expected = [None if pd.isna(v) else v for v in want[c]]
            assert [None if pd.isna(v) else v for v in by_pandas[c]] == expected
            assert by_polars[c].to_list() == expected
            if any(v and v.startswith("0") for v in expected):
                guessed = pd.read_csv(path)[c].tolist()
                assert [str(v) for v in guessed] != expected  # the zeros are lost without it
        checked += 1
    assert checked >= 2  # events and event_dyads carry CAMEO codes
