"""`newsfacts validate` on the real package and on copies broken one way each."""
from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

from newsfacts.validate import LAYERS, validate

from .conftest import ROOT, snapshot


def kinds(report):
    return {(f.layer, f.table, f.check) for f in report.findings}


def test_committed_package_is_valid():
    report = validate(ROOT)
    assert report.valid, report.to_text()
    assert set(report.checked) == {"frictionless", "gx", "provenance"}
    assert all(n > 0 for n in report.checked.values())


def edit_csv(pkg, table, old, new):
    p = pkg / "data" / "csv" / f"{table}.csv"
    text = p.read_text(encoding="utf-8")
    assert old in text
    p.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def broken(package_copy):
    """Yields the copy; afterwards asserts the original package was not touched."""
    before = snapshot(ROOT / "data")
    yield package_copy
    assert snapshot(ROOT / "data") == before


def test_csv_cell_edited_is_a_hash_mismatch(broken):
    edit_csv(broken, "events", "Geneva-2", "Geneva-3")
    report = validate(broken, only="provenance")
    assert ("provenance", "events", "hash-mismatch") in kinds(report)
    assert ("frictionless", "events", "hash-count") in kinds(validate(broken, only="frictionless"))


def test_parquet_truncated(broken):
    p = broken / "data" / "parquet" / "actors.parquet"
    p.write_bytes(p.read_bytes()[:100])
    found = kinds(validate(broken, only="provenance"))
    assert ("provenance", "actors-parquet", "hash-mismatch") in found
    assert ("provenance", "actors-parquet", "unreadable") in found


def test_actor_row_deleted_leaves_a_dangling_foreign_key(broken):
    p = broken / "data" / "csv" / "actors.csv"
    lines = p.read_text(encoding="utf-8").splitlines(keepends=True)
    p.write_text("".join(l for l in lines if not l.startswith("tass-2015-10-22-ivanov/tass,")), encoding="utf-8")
    found = kinds(validate(broken, only="frictionless"))
    assert ("frictionless", "events", "foreign-key") in found


def test_duplicated_primary_key(broken):
    p = broken / "data" / "csv" / "places.csv"
    lines = p.read_text(encoding="utf-8").splitlines(keepends=True)
    p.write_text("".join(lines + [lines[1]]), encoding="utf-8")
    report = validate(broken, only="provenance")
    dup = [f for f in report.findings if f.check == "unique-key"]
    assert dup and dup[0].table == "places" and dup[0].row == len(lines)  # the appended copy of row 1
    assert ("frictionless", "places", "primary-key") in kinds(validate(broken, only="frictionless"))


def test_quote_text_no_longer_matching_its_offsets(broken):
    edit_csv(broken, "quotes", "It is, in my view", "It is, in our view")
    report = validate(broken, only="provenance")
    off = [f for f in report.findings if f.check == "offsets"]
    assert off and off[0].table == "quotes" and off[0].value == "It is, in our view"


def test_out_of_list_code(broken):
    edit_csv(broken, "events", ",0232,", ",0299,")
    report = validate(broken, only="provenance")
    bad = [f for f in report.findings if f.check == "code-not-in-list"]
    assert [(f.table, f.value) for f in bad] == [("events", "0299")]


def test_end_date_before_start_date(broken):
    p = broken / "data" / "parquet" / "events.parquet"
    t = pq.read_table(p).to_pylist()
    import datetime as dt
    import pyarrow as pa
    for r in t:
        if r["event_id"].endswith("geneva-2"):
            r["date_end"] = dt.date(2013, 1, 1)
    pq.write_table(pa.Table.from_pylist(t, schema=pq.read_schema(p)), p)
    report = validate(broken, only="gx")
    assert ("gx", "events", "expect_column_pair_values_a_to_be_greater_than_b") in kinds(report)


def test_file_missing_from_disk(broken):
    (broken / "data" / "csv" / "quotes.csv").unlink()
    report = validate(broken, only="provenance")
    assert ("provenance", "quotes", "file-missing") in kinds(report)
    assert "Traceback" not in report.to_text()


def test_datapackage_that_is_not_json(broken):
    (broken / "datapackage.json").write_text("{not json", encoding="utf-8")
    report = validate(broken)
    assert kinds(report) == {("package", "datapackage.json", "descriptor-not-json")}
    assert "newsfacts build" in report.findings[0].fix


@pytest.mark.parametrize("change", ["extra", "missing"])
def test_table_with_an_extra_or_missing_column(broken, change):
    import csv
    import io

    p = broken / "data" / "csv" / "places.csv"
    rows = list(csv.reader(io.StringIO(p.read_text(encoding="utf-8"), newline="")))
    rows = [r + ["extra" if i == 0 else "x"] for i, r in enumerate(rows)] if change == "extra" else [r[:-1] for r in rows]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    p.write_text(buf.getvalue(), encoding="utf-8")
    report = validate(broken, only="provenance")
    unreadable = [f for f in report.findings if f.check == "unreadable" and f.table == "places"]
    assert unreadable and "differ from the schema" in unreadable[0].message


def test_report_as_data_and_layers_alone(broken):
    report = validate(broken, only="frictionless")
    data = report.to_dict()
    assert data["valid"] is True and data["layers"] == ["frictionless"]
    json.dumps(data)
    with pytest.raises(ValueError, match="only must be one of"):
        validate(broken, only="everything")


def test_great_expectations_data_docs(broken, tmp_path):
    docs = tmp_path / "docs"
    report = validate(broken, only="gx", docs=docs)
    assert report.valid
    assert (docs / "index.html").is_file()
    assert not (ROOT / "gx").exists()


def rewrite_parquet(pkg, table, change):
    import pyarrow as pa

    p = pkg / "data" / "parquet" / f"{table}.parquet"
    schema = pa.schema([f.with_nullable(True) for f in pq.read_schema(p)])  # let a test write nulls
    rows = change(pq.read_table(p).to_pylist())
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), p)


@pytest.mark.parametrize("table, change, check", [
    ("events", lambda rows: [{**r, "polarity": "maybe"} if i == 2 else r for i, r in enumerate(rows)], "enum"),
    ("places", lambda rows: rows + [rows[0]], "unique"),
    ("quotes", lambda rows: [{**r, "speaker_id": "tass-2015-10-22-ivanov/nobody"} for r in rows], "foreign-key"),
    ("actors", lambda rows: [{**r, "country": "Russia"} if r["country"] else r for r in rows], "pattern"),
    ("segments", lambda rows: [{**r, "text": None} for r in rows], "required"),
])
def test_vectorised_parquet_checks_catch_what_frictionless_would(broken, table, change, check):
    rewrite_parquet(broken, table, change)
    fast = validate(broken, only="provenance")
    assert ("provenance", f"{table}-parquet", check) in kinds(fast), fast.to_text()


def test_fast_by_default_full_adds_frictionless_on_parquet_rows(broken):
    rewrite_parquet(broken, "events", lambda rows: [{**r, "tense": "someday"} for r in rows])
    full = validate(broken, only="frictionless", full=True)
    fast = validate(broken, only="frictionless")
    assert any(f.table == "events-parquet" for f in full.findings)
    assert fast.valid and fast.checked["frictionless"] < full.checked["frictionless"]
    # The default loses no guarantee: the provenance layer's vectorised checks catch it.
    assert ("provenance", "events-parquet", "enum") in kinds(validate(broken, only="provenance"))


UNGUARDED = """\
import sys
from newsfacts.validate import LAYERS, validate
report = validate(sys.argv[1], parallel={parallel})
print("VALID" if report.valid else report.to_text())
"""


@pytest.mark.parametrize("parallel", [True, None])
def test_validate_from_a_script_without_a_main_guard(tmp_path, parallel):
    """A second process must not re-run the caller's script (multiprocessing's spawn did, and a
    valid package came out INVALID with BrokenProcessPool)."""
    import subprocess
    import sys

    script = tmp_path / "check.py"
    script.write_text(UNGUARDED.format(parallel=parallel), encoding="utf-8")
    r = subprocess.run([sys.executable, str(script), str(ROOT)], capture_output=True, text=True, cwd=tmp_path, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.strip() == "VALID"
    assert "Traceback" not in r.stderr and "Warning" not in r.stderr


def test_parallel_and_serial_report_the_same(tmp_path):
    a, b = validate(ROOT, parallel=True), validate(ROOT, parallel=False)
    assert a.valid and b.valid and a.checked == b.checked
    assert set(a.seconds) == set(LAYERS) and all(s > 0 for s in a.seconds.values())


def test_a_child_that_cannot_answer_leaves_the_layer_to_this_process(monkeypatch):
    """If the second interpreter dies, the layer runs here: never a false finding, never a skipped layer."""
    from newsfacts.validate import gx_process

    monkeypatch.setattr(gx_process.sys, "executable", "/bin/false")
    report = validate(ROOT, parallel=True)
    assert report.valid and report.checked["gx"] > 0


@pytest.mark.parametrize("column,value", [("summary", "A different summary."), ("place_id", "")])
def test_csv_and_parquet_that_differ_in_one_cell_are_a_finding(package_copy, column, value):
    """Only the CSV is edited (hashes recomputed): the comparison names the column, the row and the CSV's value."""
    from . import forge
    from newsfacts.pipeline.publish import write_csv

    rows = forge.read_rows(package_copy, "events")
    i = next(k for k, r in enumerate(rows) if r[column] != value)
    rows[i][column] = value
    schema = forge.schema_of(package_copy, "events")
    typed = [{f["name"]: forge._typed(r.get(f["name"], ""), f["type"]) for f in schema["fields"]} for r in rows]
    write_csv(package_copy / "data" / "csv" / "events.csv", schema, typed)
    forge.rehash(package_copy)
    report = validate(package_copy, only="provenance")
    got = [f for f in report.findings if f.check == "csv-parquet-differ"]
    assert [(f.table, f.row, f.value) for f in got] == [("events", i + 1, value or "(empty)")]
    assert f"column {column} differs" in got[0].message
