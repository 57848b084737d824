"""How right the draft is on the development material, with a tune/check split (issue 30).

    python benchmarks/draft_scores.py                     # both parts, in this process
    python benchmarks/draft_scores.py --part tune --details
    python benchmarks/draft_scores.py --write             # also rewrite its section of RESULTS.md
    python benchmarks/draft_scores.py --cli               # run the scorers on the `newsfacts` command

The material lives outside the repository (`../shared`, beside the checkout):
- `plover-gsr/dev.json`, split by this script into two halves, stratified by gold event type
  (within each type, records ordered by the sha256 of their id, alternately tune and check):
  rules are tuned on `tune` and `check` shows whether they hold on sentences nobody tuned to;
- `dev-articles/` (three articles with gold): all `tune` (there are too few to split; the
  corpus texts of `corpus-articles/` have no gold yet and are read by eye).
Scoring is the shared scorers' own (`tools/score_events.py`, `tools/score_draft.py`): their
counting functions are imported and only the drafting is done in this process (`--cli` runs
them as they are, through the command, as the held-out measurement does; slower, same figures).
Prints the scorers' lines; exit 0 always (it measures, it does not judge)."""
from __future__ import annotations

import argparse
import collections
import contextlib
import hashlib
import importlib.util
import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
if "--code" in sys.argv[:-1]:  # measure another checkout's draft (a before), as benchmarks/run.py does
    sys.path.insert(0, sys.argv[sys.argv.index("--code") + 1])
else:
    sys.path.insert(0, str(ROOT / "src"))
BEGIN, END = "<!-- draft_scores.py: begin -->", "<!-- draft_scores.py: end -->"


def _tool(name: str):
    spec = importlib.util.spec_from_file_location(name, SHARED / "tools" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def split(records: list[dict]) -> dict[str, list[dict]]:
    """tune/check halves, stratified by gold type, stable under reordering of the file."""
    by_type = collections.defaultdict(list)
    for r in records:
        by_type[r["event"]].append(r)
    out = {"tune": [], "check": []}
    for t in sorted(by_type):
        rows = sorted(by_type[t], key=lambda r: hashlib.sha256(r["id"].encode()).hexdigest())
        for k, r in enumerate(rows):
            out["tune" if k % 2 == 0 else "check"].append(r)
    return out


def _in_process_draft(text: str, publisher: str, publication_date: str | None, title: str | None):
    from newsfacts.draft import draft

    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "article.txt"
        p.write_text(text, encoding="utf-8")
        d = draft(p, publisher, publication_date, title)
    return json.loads(json.dumps(d["tables"], default=str))


def score_events(records: list[dict], details: bool, cli: bool) -> str:
    se = _tool("score_events")
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "part.json"
        f.write_text(json.dumps(records), encoding="utf-8")
        if cli:
            exe = str(Path(sys.executable).parent / "newsfacts")
            args = [sys.executable, str(SHARED / "tools" / "score_events.py"), "--cmd", exe, str(f)]
            return subprocess.run(args + (["--details"] if details else []), capture_output=True, text=True).stdout

        def draft(cmd, text):
            try:
                return _in_process_draft(text.strip() + "\n", "PLOVER gold standard", "2000-01-01",
                                         "PLOVER gold standard record"), ""
            except Exception as exc:  # noqa: BLE001 - counted as the scorer counts a failed command
                return None, f"{type(exc).__name__}: {exc}"

        se.draft = draft
        out = io.StringIO()
        argv = sys.argv
        sys.argv = ["score_events", str(f)] + (["--details"] if details else [])
        try:
            with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
                se.main()
        finally:
            sys.argv = argv
        return out.getvalue()


def score_articles(dirs: list[Path], cli: bool) -> str:
    if cli:
        exe = str(Path(sys.executable).parent / "newsfacts")
        args = [sys.executable, str(SHARED / "tools" / "score_draft.py"), "--cmd", exe, *map(str, dirs)]
        return subprocess.run(args, capture_output=True, text=True).stdout
    sd = _tool("score_draft")

    def run_draft(cmd, d, gold):
        basis = str(gold.get("published_date_basis", "")).lower()
        pub = None if basis.startswith("stated") else gold["published_date"]
        title = gold["title"] if gold.get("title_in_text") is False else None
        try:
            return _in_process_draft((d / "article.txt").read_text(encoding="utf-8"), gold.get("publisher", ""), pub, title), ""
        except Exception as exc:  # noqa: BLE001
            return None, f"{type(exc).__name__}: {exc}"

    sd.run_draft = run_draft
    out = io.StringIO()
    argv = sys.argv
    sys.argv = ["score_draft", *map(str, dirs)]
    try:
        with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
            sd.main()
    finally:
        sys.argv = argv
    return out.getvalue()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--part", choices=("tune", "check", "both"), default="both")
    ap.add_argument("--details", action="store_true", help="one line per PLOVER record")
    ap.add_argument("--cli", action="store_true", help="run the shared scorers on the newsfacts command")
    ap.add_argument("--write", action="store_true", help="write this run's table into this script's section of benchmarks/RESULTS.md")
    ap.add_argument("--label", default="", help="a label for this run's table in RESULTS.md (e.g. 'before: main at 2e93cb2')")
    ap.add_argument("--code", type=Path, help="draft with this src/ folder instead of the checkout's (in process only)")
    a = ap.parse_args()
    if not (SHARED / "plover-gsr" / "dev.json").is_file():
        print(f"no development material at {SHARED}: this benchmark needs ../shared beside the checkout", file=sys.stderr)
        return 0
    records = json.loads((SHARED / "plover-gsr" / "dev.json").read_text(encoding="utf-8"))
    halves = split([r for r in records if r.get("text")])
    parts = ("tune", "check") if a.part == "both" else (a.part,)
    report = []
    for part in parts:
        got = score_events(halves[part], a.details, a.cli)
        print(f"== PLOVER dev.json, {part} half ({len(halves[part])} records)\n{got}")
        report.append((f"PLOVER dev.json, {part} half ({len(halves[part])} records)", got.strip().splitlines()[-1]))
    if "tune" in parts:
        dirs = sorted(p for p in (SHARED / "dev-articles").iterdir() if (p / "gold.json").is_file())
        got = score_articles(dirs, a.cli)
        print(f"== dev articles (tune)\n{got}")
        report.append(("dev articles (tune, 3 articles)", got.strip().splitlines()[-1]))
    if a.write:
        write_results(report, a.label or "this checkout", a)
    return 0


def write_results(report: list[tuple[str, str]], label: str, a) -> None:
    """This script's section of RESULTS.md: one table per label (a new run of a label replaces its table)."""
    path = ROOT / "benchmarks" / "RESULTS.md"
    body = path.read_text(encoding="utf-8")
    head, tables, tail = body, {}, ""
    if BEGIN in body:
        head, rest = body.split(BEGIN, 1)
        inner, tail = rest.split(END, 1)
        for block in inner.split("\n#### ")[1:]:
            tables[block.split("\n", 1)[0].strip()] = "#### " + block.strip()
    cmd = "python benchmarks/draft_scores.py" + (" --cli" if a.cli else "") + (f" --code {a.code}" if a.code else "")
    rows = [f"#### {label}", "", f"`{cmd}`", "", "| material | the scorer's total line |", "|---|---|"]
    rows += [f"| {what} | {line} |" for what, line in report]
    tables[label] = "\n".join(rows)
    intro = ("## The draft on the development material (issue 30), written by `benchmarks/draft_scores.py`\n\n"
             "Tune on the `tune` half of the PLOVER development records and the dev articles; the `check` half is "
             "looked at only as totals. Held-out goals: events found >= 75 %, precision >= 0.80, source right >= 70 %, "
             "target right >= 60 %; actors found >= 80 %, precision >= 0.80, country right >= 70 %; event dates >= 85 %.\n")
    text = "\n".join([BEGIN, intro] + [tables[k] + "\n" for k in tables] + [END])
    body = (head.rstrip("\n") + "\n\n" + text + tail) if BEGIN in body else body.rstrip("\n") + "\n\n" + text + "\n"
    path.write_text(body, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
