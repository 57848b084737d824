"""`newsfacts draft-corpus` on a real local Dask cluster of two worker processes: the rows equal
the single-process draft of each text, whatever the format, partitions or workers; bad texts
are error rows; a worker or a whole run killed midway ends, after a rerun, with exactly the
rows of an uninterrupted run. The texts are made from the repository's real articles
(benchmarks/archive_synth.py), never from the reserved ones."""
from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import newsfacts
from newsfacts.cli import cli
from newsfacts.draft import draft
from newsfacts.errors import DataError
from newsfacts.safeio import MAX_TEXT_CHARS
from newsfacts.scale import draft_corpus
from newsfacts.scale.tables import ERRORS, draft_tables, file_schema
from newsfacts.scale.writer import KILL_ENV

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

from archive_synth import SOURCES, Archive, write_folder, write_jsonl, write_parquet  # noqa: E402

N = 260
KILLED, KILLED_PARTITION = 80, 8  # texts of the kill tests, and their partition size: 10 partitions
PUBLISHER = "Archive Desk"
UNDATED = SOURCES[1][0].read_text(encoding="utf-8")  # a DoD story that prints no date
DATED = SOURCES[3][0].read_text(encoding="utf-8")    # a VOA story that prints its date


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return list(Archive(median_words=180).records(N))


RENAME = {"id": "doc_id", "text": "body", "publication_date": "date"}  # the archive's names, mapped by --column
MAPPING = [arg for f, name in RENAME.items() for arg in ("--column", f"{f}={name}")]


def broken_lines(records: list[dict]) -> list[bytes]:
    """One line for each way a record of an archive can fail, and two that still draft."""
    good = records[-1]

    def line(**kw) -> bytes:
        return json.dumps({RENAME.get(k, k): v for k, v in kw.items()}, ensure_ascii=False).encode() + b"\n"

    return [
        b"\n",                                                                  # line 31: blank, no text
        b"not json\n",
        b"[1, 2]\n",
        line(id="empty-1", text="   \n", publisher="P", publication_date="2016-01-05"),
        line(id="nodate-1", text=UNDATED, publisher="P"),
        b'{"doc_id": "latin-1", "body": "caf\xe9"}\n',                            # line 36: not UTF-8
        line(id="big-1", text="a" * (MAX_TEXT_CHARS + 1), publisher="P", publication_date="2016-01-05"),
        line(text=good["text"], publisher="P", publication_date="2016-01-05"),  # no id
        line(id="crlf-1", text="Russia said.\r\nUkraine said.\r\n", publication_date="2016-01-05"),
        line(id="baddate-1", text=good["text"], publication_date="22/10/2015"),
        line(id="Weird ID/1", text=DATED),                                       # line 41: drafted, id made from it
        line(id=12345, text=DATED, publication_date="2016-04-14T08:16:00-04:00", url="https://example.org/a"),
    ]


@pytest.fixture(scope="module")
def inputs(records, tmp_path_factory) -> dict:
    """The records split over every format, with the archive's column names: gzipped JSON Lines,
    Parquet, a folder with metadata.csv, and JSON Lines with the broken lines."""
    d = tmp_path_factory.mktemp("inputs")
    write_jsonl(d / "a.jsonl.gz", records[:100], RENAME)
    write_parquet(d / "b.parquet", records[100:180], RENAME)
    folder = write_folder(d / "texts", records[180:230], RENAME)
    with open(folder / "metadata.csv", "a", encoding="utf-8") as fh:
        fh.write("gone.txt,gone-1,,,,2016-01-05\n")
    (folder / "extra-note.txt").write_text(DATED, encoding="utf-8")  # not in metadata.csv
    with open(d / "c.jsonl", "wb") as fh:
        for r in records[230:]:
            fh.write(json.dumps({RENAME.get(k, k): v for k, v in r.items()}).encode() + b"\n")
        for b in broken_lines(records):
            fh.write(b)
    write_jsonl(d / "d.jsonl", records[:KILLED])  # for the kill tests
    return {"dir": d, "files": [d / "a.jsonl.gz", d / "b.parquet", folder, d / "c.jsonl"]}


def drafted_texts(records: list[dict]) -> list[tuple[str, str, str, str | None, str | None, str | None]]:
    """(id, text, publisher, publication date, title, url) of every text the run must draft."""
    out = [(r["id"], r["text"], r["publisher"], r["publication_date"], r["title"], r["url"]) for r in records]
    out.append(("extra-note", DATED, PUBLISHER, None, None, None))
    out.append(("Weird ID/1", DATED, PUBLISHER, None, None, None))
    out.append(("12345", DATED, PUBLISHER, "2016-04-14", None, "https://example.org/a"))
    return out


def built(d: dict, table: str) -> list[dict]:
    """The draft's rows as the build makes them: events less the date suggestions the draft
    appends for a coder (the last ones, one per suggestion, with no trigger and no code)."""
    rows = d["tables"].get(table, [])
    if table != "events" or not d["suggestions"]:
        return rows
    cut = len(rows) - len(d["suggestions"])
    assert all(r.get("trigger_text") is None and r.get("cameo_code") is None for r in rows[cut:])
    assert all(r["trigger_text"] for r in rows[:cut])
    return rows[:cut]


@pytest.fixture(scope="module")
def reference(records, tmp_path_factory) -> dict[str, dict]:
    """The single-process `newsfacts draft` of each text (the function the command wraps), by input id."""
    d = tmp_path_factory.mktemp("single")
    out = {}
    for i, (rid, text, publisher, date, title, url) in enumerate(drafted_texts(records)):
        path = d / f"{i}.txt"
        path.write_text(text, encoding="utf-8")
        aid = rid if re.fullmatch(r"[a-z0-9][a-z0-9-]*", rid) else None
        if aid is None:
            aid = re.sub(r"[^a-z0-9]+", "-", rid.lower()).strip("-") + "-" + hashlib.sha256(rid.encode()).hexdigest()[:8]
        out[rid] = draft(path, publisher, date, title, aid, url)
    return out


def plain(v):
    if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v):
        return None
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat()
    if hasattr(v, "item") and not isinstance(v, (list, str)):
        return v.item()
    return v


def loaded_rows(root: Path, table: str) -> list[dict]:
    frame = newsfacts.load(table, root=root)
    return [{k: plain(v) for k, v in row.items()} for row in frame.astype(object).to_dict("records")]


def assert_equals_reference(root: Path, reference: dict[str, dict], only: set[str] | None = None) -> None:
    """Every table of the corpus holds exactly the reference rows (sorted by key), plus its marks."""
    ids = {d["article_id"]: rid for rid, d in reference.items() if only is None or rid in only}
    months = {r["article_id"]: r["publication_date"][:7] for r in loaded_rows(root, "articles")}
    for table in draft_tables():
        schema = file_schema(table)
        key = schema["primaryKey"]
        lists = {f["name"] for f in schema["fields"] if f["type"] == "list"}
        got = loaded_rows(root, table)
        for r in got:
            assert r.pop("machine_draft") is True
            assert r.pop("month") == months[r["article_id"]]
            if table == "articles":
                assert r.pop("input_id") == ids[r["article_id"]]
        want = [{k: (v or [] if k in lists else v) for k, v in r.items()}
                for a, rid in ids.items() for r in built(reference[rid], table)]
        assert sorted(got, key=lambda r: [r[k] for k in key]) == sorted(want, key=lambda r: [r[k] for k in key]), table
        assert len({tuple(r[k] for k in key) for r in got}) == len(got), f"{table}: a row twice"


@pytest.fixture(scope="module")
def shared():
    """A local cluster of two worker processes, for the runs that do not test starting one."""
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        yield client


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != ".lock"}


@pytest.fixture(scope="module")
def corpus(inputs, tmp_path_factory) -> tuple[Path, object]:
    """One run of the command over every format, on its own local cluster of two workers."""
    out = tmp_path_factory.mktemp("corpus") / "out"
    args = ["draft-corpus", *map(str, inputs["files"]), "--out", str(out), "--workers", "2", "--partition-size", "25",
            "--publisher", PUBLISHER, *MAPPING]
    result = CliRunner().invoke(cli, args)
    return out, result


def test_every_format_gives_the_rows_of_the_single_process_draft(corpus, reference, records):
    out, result = corpus
    assert result.exit_code == 0, result.output
    months = sorted({d["tables"]["articles"][0]["publication_date"][:7] for d in reference.values()})
    # 4 partitions of a.jsonl.gz, 4 of b.parquet, 3 of the folder (52 entries), 2 of c.jsonl (42 lines)
    assert result.stdout == (
        f"drafted {len(reference)} of {len(reference) + 10} texts into {out} (13 partitions, 0 already done; "
        f"{len(months)} months); 10 failed (bad-metadata 1, empty 1, no-date 1, no-id 1, not-plain-text 1, "
        f"not-utf-8 1, too-large 1, unreadable 3): see {out / 'errors'}\n")
    assert_equals_reference(out, reference)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["complete"] is True and manifest["texts"] == {"in": len(reference) + 10, "drafted": len(reference), "failed": 10}
    assert manifest["months"] == months and manifest["partitions"] == 13 and manifest["duplicate_ids"]["count"] == 0
    assert manifest["rows"]["articles"] == len(reference)
    assert sorted(p.name for p in (out / "events").iterdir()) == [f"month={m}" for m in months]
    weird = newsfacts.load("articles", root=out, articles=[reference["Weird ID/1"]["article_id"]])
    assert weird["input_id"].tolist() == ["Weird ID/1"] and re.fullmatch(r"weird-id-1-[0-9a-f]{8}", weird["article_id"][0])


def test_texts_that_cannot_be_drafted_are_error_rows(corpus):
    out, _ = corpus
    errors = newsfacts.load(ERRORS, root=out)
    got = {(r.file, r.record): (r.id if r.id is not pd.NA else None, r.reason, r.message) for r in errors.itertuples()}
    assert got == {
        ("c.jsonl", "line 32"): (None, "unreadable", "the line is not JSON (Expecting value at character 0); one JSON object a line"),
        ("c.jsonl", "line 33"): (None, "unreadable", "the line is a JSON list, not an object; one JSON object a line"),
        ("c.jsonl", "line 34"): ("empty-1", "empty", "the text is empty"),
        ("c.jsonl", "line 35"): ("nodate-1", "no-date", "no publication date: the record has no 'date' and the text prints none; "
                                 "give it in the 'date' column (YYYY-MM-DD)"),
        ("c.jsonl", "line 36"): (None, "not-utf-8", "the line is not UTF-8 (byte 34); save the file as UTF-8"),
        ("c.jsonl", "line 37"): ("big-1", "too-large", f"the text has {MAX_TEXT_CHARS + 1:,} characters; an article text is "
                                 f"limited to {MAX_TEXT_CHARS:,}"),
        ("c.jsonl", "line 38"): (None, "no-id", "no id: the record has no 'doc_id'; map the id's column with --column id=NAME"),
        ("c.jsonl", "line 39"): ("crlf-1", "not-plain-text", "the text has CR line endings; offsets are defined on LF text; "
                                 "convert the file to LF line endings"),
        ("c.jsonl", "line 40"): ("baddate-1", "bad-metadata", "'date' '22/10/2015' is not a date: give YYYY-MM-DD, or an ISO "
                                 "date-time beginning with it"),
        ("texts", "gone.txt"): ("gone-1", "unreadable", "metadata.csv lists gone.txt, which is not in the folder; add it or "
                                "remove its row"),
    }


def test_a_rerun_skips_every_partition_and_changes_no_byte(corpus, shared, inputs, tmp_path):
    out, _ = corpus
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    before = snapshot(copy)
    args = ["draft-corpus", *map(str, inputs["files"]), "--out", str(copy), "--scheduler", shared.scheduler.address,
            "--partition-size", "25", "--publisher", PUBLISHER, *MAPPING]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "(13 partitions, 13 already done;" in result.stdout
    assert snapshot(copy) == before


def test_fewer_inputs_leave_exactly_their_rows(corpus, shared, inputs, reference, records, tmp_path):
    """The folder holds the draft of the inputs given: a rerun without some removes their rows."""
    out, _ = corpus
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    r = draft_corpus([inputs["files"][0]], copy, partition_size=25, publisher=PUBLISHER, client=shared, columns=RENAME)
    assert r.complete and (r.partitions, r.skipped, r.texts, r.failed) == (4, 4, 100, 0) and r.removed > 0
    assert_equals_reference(copy, reference, only={x["id"] for x in records[:100]})
    assert len(newsfacts.load(ERRORS, root=copy)) == 0
    assert not list(copy.rglob("*.tmp"))


def test_a_worker_killed_mid_partition_is_replaced_and_nothing_is_lost(inputs, reference, records, tmp_path, monkeypatch):
    flag = tmp_path / "killed"
    monkeypatch.setenv(KILL_ENV, f"3:{flag}")  # the worker dies after renaming 3 files of a partition
    out = tmp_path / "out"
    r = draft_corpus([inputs["dir"] / "d.jsonl"], out, partition_size=KILLED_PARTITION, workers=2)
    assert flag.exists(), "no worker was killed"
    assert r.complete and (r.partitions, r.texts, r.drafted) == (10, KILLED, KILLED)
    assert_equals_reference(out, reference, only={x["id"] for x in records[:KILLED]})
    assert not list(out.rglob("*.tmp"))


def test_a_run_killed_midway_ends_after_a_rerun_with_exactly_the_rows(inputs, reference, records, shared, tmp_path):
    out = tmp_path / "out"
    cmd = [sys.executable, "-c", "from newsfacts.cli import main; main()", "draft-corpus", str(inputs["dir"] / "d.jsonl"),
           "--out", str(out), "--workers", "2", "--partition-size", str(KILLED_PARTITION)]
    proc = subprocess.Popen(cmd, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list((out / "_partitions").glob("*.json"))) < 2:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)  # the client, the scheduler and every worker at once
    proc.wait()
    for _ in range(200):  # no process of the run is left writing
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        pytest.fail("a process of the killed run is still alive")
    finished = len(list((out / "_partitions").glob("*.json")))
    assert 2 <= finished < 10, f"{finished} partitions finished: not killed midway"
    with pytest.raises(DataError, match="has not finished"):
        newsfacts.load("events", root=out)
    r = draft_corpus([inputs["dir"] / "d.jsonl"], out, partition_size=KILLED_PARTITION, client=shared)
    assert r.complete and r.partitions == 10 and r.skipped >= finished and r.texts == KILLED
    assert_equals_reference(out, reference, only={x["id"] for x in records[:KILLED]})
    assert not list(out.rglob("*.tmp")) and not list(out.rglob(".part-*"))


def test_the_single_process_command_gives_the_library_rows(records, reference, tmp_path):
    """`newsfacts draft --json` prints the rows the reference holds (the command wraps `draft`)."""
    r = records[7]
    path = tmp_path / "t.txt"
    path.write_text(r["text"], encoding="utf-8")
    args = ["draft", str(path), "--publisher", r["publisher"], "--id", r["id"], "--url", r["url"], "--json"]
    args += ["--publication-date", r["publication_date"]] if r["publication_date"] else []
    args += ["--title", r["title"]] if r["title"] else []
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == json.loads(json.dumps(reference[r["id"]]["tables"], default=str))


SMALL = [0, 27, 54, 81, 3, 30]  # TASS and VOA copies of two publication months


@pytest.fixture(scope="module")
def small(records, shared, tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("small")
    rows = [records[k] for k in SMALL] + [{"id": "empty-1", "text": "", "publisher": "P"}]
    write_jsonl(d / "in.jsonl", rows)
    r = draft_corpus([d / "in.jsonl"], d / "corpus", partition_size=4, client=shared)
    assert r.complete and r.failed == 1 and len(r.months) == 2
    return d / "corpus"


def frictionless(descriptor: Path) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).parent / "frictionless"
    return subprocess.run([str(exe), "validate", "--json", str(descriptor)], capture_output=True, text=True)


def test_frictionless_validates_every_part_and_catches_a_broken_row(small, tmp_path):
    r = frictionless(small / "datapackage.json")
    report = json.loads(r.stdout)
    assert r.returncode == 0 and report["valid"], r.stdout[-3000:]
    desc = json.loads((small / "datapackage.json").read_text())
    assert len(report["tasks"]) == len(desc["resources"]) > 2 * len(draft_tables())
    # A row that breaks its schema (an event's PLOVER mode outside the code list's enum) is found.
    import pyarrow as pa
    import pyarrow.parquet as pq

    bad = tmp_path / "bad"
    shutil.copytree(small, bad)
    part = next(p for p in sorted((bad / "events").rglob("*.parquet")) if pq.read_metadata(p).num_rows)
    t = pq.read_table(part)
    polarity = t.column("polarity").to_pylist()
    polarity[0] = "sideways"
    pq.write_table(t.set_column(t.schema.get_field_index("polarity"), "polarity", pa.array(polarity)), part)
    one = {**desc, "resources": [r for r in desc["resources"] if r["path"] == part.relative_to(bad).as_posix()]}
    (bad / "one.json").write_text(json.dumps(one))
    r = frictionless(bad / "one.json")
    flagged = [(e["type"], e.get("fieldName")) for task in json.loads(r.stdout)["tasks"] for e in task["errors"]]
    assert r.returncode == 1 and flagged == [("constraint-error", "polarity")]


def test_duckdb_polars_and_pandas_read_it_as_the_readme_shows(small, monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```py\n(.*?)```", readme, re.S)
    assert len(blocks) == 3  # DuckDB, polars, pandas
    monkeypatch.chdir(small.parent)
    shown = {}
    for code in blocks:
        scope: dict = {}
        exec(compile(code, "README.md", "exec"), scope)
        shown.update({k: v for k, v in scope.items() if k in ("per_month", "events_pl", "events_pd")})
    events = newsfacts.load("events", root=small)
    per_month = shown["per_month"]
    assert sorted(map(tuple, per_month.values.tolist())) == sorted(
        (m, root, n) for (m, root), n in events.groupby(["month", "cameo_root"]).size().items() if n)
    assert len(shown["events_pl"]) == len(shown["events_pd"]) == len(events)
    assert set(shown["events_pd"]["month"].astype(str)) == set(events["month"])


def test_ids_given_twice_are_said(shared, records, tmp_path):
    rows = [records[0], {**records[9], "id": records[0]["id"]}, {**records[1], "publisher": None}]
    write_jsonl(tmp_path / "in.jsonl", rows)
    result = CliRunner().invoke(cli, ["draft-corpus", str(tmp_path / "in.jsonl"), "--out", str(tmp_path / "out"),
                                      "--scheduler", shared.scheduler.address])
    assert result.exit_code == 0, result.output
    assert result.stderr == (f"note: 1 ids are given to more than one text (first: {records[0]['id']}); their rows share "
                             "an article_id (manifest.json lists the first ten)\n")
    assert result.stdout == (f"drafted 2 of 3 texts into {tmp_path / 'out'} (1 partitions, 0 already done; 2 months); "
                             f"1 failed (no-publisher 1): see {tmp_path / 'out' / 'errors'}\n")


def test_without_dask_the_command_says_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "distributed", None)  # what an install without the extra has
    result = CliRunner().invoke(cli, ["draft-corpus", str(tmp_path / "in.jsonl"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr == ("newsfacts draft-corpus needs Dask (dask.distributed), which is not installed: "
                             "pip install 'newsfacts[scale]'\n")


@pytest.mark.parametrize("args, code, message", [
    (["--column", "text"], 2, "Error: --column 'text': give FIELD=NAME, e.g. --column text=body"),
    (["--column", "body=text"], 1, "--column body=...: 'body' is not a field; map one of id, text, title, url, publisher, "
                                    "publication_date, file"),
    (["--workers", "2", "--scheduler", "tcp://127.0.0.1:8786"], 2,
     "Error: --workers sizes a local cluster; the cluster at --scheduler has its own workers"),
    (["--partition-size", "0"], 2, "Error: Invalid value for '--partition-size': 0 is not in the range x>=1."),
])
def test_usage_errors(args, code, message, tmp_path):
    (tmp_path / "in.jsonl").write_text("{}\n")
    result = CliRunner().invoke(cli, ["draft-corpus", str(tmp_path / "in.jsonl"), "--out", str(tmp_path / "out"), *args])
    assert result.exit_code == code
    assert message in result.stderr.strip().splitlines()[-1]
    assert not (tmp_path / "out").exists()


def test_inputs_and_outputs_that_cannot_be_used(tmp_path):
    (tmp_path / "in.jsonl").write_text("{}\n")
    (tmp_path / "notes.csv").write_text("a\n")
    (tmp_path / "b.parquet").write_bytes(b"PAR1 not really")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.docx").write_text("x")
    cases = [
        ([str(tmp_path / "missing.jsonl")], tmp_path / "o1",
         f"{tmp_path / 'missing.jsonl'}: no such file or folder; give JSON Lines (.jsonl, .jsonl.gz), Parquet (.parquet) "
         "or a folder of .txt files"),
        ([str(tmp_path / "notes.csv")], tmp_path / "o2",
         f"{tmp_path / 'notes.csv'}: not an input newsfacts reads; give JSON Lines (.jsonl, .jsonl.gz), Parquet (.parquet) "
         "or a folder of .txt files with metadata.csv"),
        ([str(tmp_path / "b.parquet")], tmp_path / "o3", None),
        ([str(tmp_path / "in.jsonl")], mine,
         f"--out {mine} holds files and no manifest.json of a newsfacts corpus; give a new or empty folder (nothing in it "
         "is overwritten), or the folder of an earlier run to resume it"),
    ]
    for inputs, out, message in cases:
        result = CliRunner().invoke(cli, ["draft-corpus", *inputs, "--out", str(out)])
        assert result.exit_code == 1, result.output
        if message:
            assert result.stderr == message + "\n"
        else:
            assert result.stderr.startswith(f"{tmp_path / 'b.parquet'}: cannot be read as Parquet (")
    assert not any((tmp_path / o).exists() for o in ("o1", "o2", "o3")) and os.listdir(mine) == ["thesis.docx"]


def test_a_folder_input_reads_metadata_and_unlisted_files(tmp_path):
    from newsfacts.scale.plan import Options, plan, read

    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text("x")
    (folder / "b.txt").write_bytes(b"\xef\xbb\xbfx")
    (folder / "metadata.csv").write_text("file,publisher,date\nb.txt,Wire,2016-01-02\n../up.txt,Wire,\n")
    recs = [r for s in plan([folder], Options(columns=(("publication_date", "date"),), publisher="Desk")) for r in
            read(s, Options(columns=(("publication_date", "date"),), publisher="Desk"))]
    assert [(r.position, r.id, r.publisher, r.publication_date, r.failure and r.failure[0]) for r in recs] == [
        ("b.txt", "b", None, None, "not-plain-text"),
        ("../up.txt", None, None, None, "unreadable"),
        ("a.txt", "a", "Desk", None, None),
    ]


def test_gzip_damage_is_an_error_row_not_a_silent_end(tmp_path, records):
    data = gzip.compress(b"".join(json.dumps(r).encode() + b"\n" for r in records[:3]))
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    from newsfacts.scale.plan import Options, plan, read

    recs = [r for s in plan([tmp_path / "cut.jsonl.gz"], Options()) for r in read(s, Options())]
    assert recs[-1].failure[0] == "unreadable" and "repair or re-download the file" in recs[-1].failure[1]
    assert all(r.failure is None for r in recs[:-1])


def test_dates_are_read_as_archives_write_them():
    from newsfacts.scale.records import Failure, check_date

    assert check_date("2015-10-22", "d") == "2015-10-22"
    assert check_date("2015-10-22T23:30:00+03:00", "d") == "2015-10-22"  # the date as written, not converted
    assert check_date(dt.datetime(2015, 10, 22, 1, 0), "d") == "2015-10-22"
    assert check_date(dt.date(2015, 10, 22), "d") == "2015-10-22"
    for bad in ("2015-10-22 and more", "October 22", 20151022):
        with pytest.raises(Failure):
            check_date(bad, "d")
