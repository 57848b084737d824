"""Benchmarks: every ratio measured side by side, in one run, and RESULTS.md written from it.

    python benchmarks/run.py [--sizes 1000 10000] [--repeat 15] [--runs 5] [--code SRC] [--json OUT]
    python benchmarks/run.py --report before.json after.json   # RESULTS.md from saved runs

How it measures (so the figures can be trusted, and checked):
- Each ratio alternates its two sides: peer, ours, peer, ours... in the same process (load) or
  as back-to-back processes (validate), so drift and noise hit both sides alike.
- Medians: `--repeat` alternations in process (load; default 15), `--runs` process pairs for
  commands (validate on the real package; default 5). Corpus-scale commands (build, validate,
  view at N articles) run once per size and say so: each takes minutes at 10,000 articles.
- Memory is the whole process tree's peak: the sum of the resident sets of the command and
  every process under it, sampled every 20 ms from /proc (the Great Expectations layer runs in
  a second interpreter, which one process's maxrss would miss).
- `build` is the `newsfacts build` a maintainer runs (it validates the staged package).
- `--code SRC` measures another newsfacts source tree (e.g. a worktree of an older commit) with
  the same harness and the same peers: that is how the "before" columns are made.
No timed assertions anywhere: this prints numbers to read."""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
# The command users run, as a process of this interpreter (so --code's PYTHONPATH decides which newsfacts).
CLI = [sys.executable, "-c", "import sys; from newsfacts.cli import main; sys.argv[0] = 'newsfacts'; main()"]
sys.path.insert(0, str(HERE))

LOAD_CHILD = r"""
import gc, json, statistics, sys, time
from pathlib import Path
import pandas as pd
import newsfacts
root, repeat, only = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
out = {}
for t in (only or newsfacts.tables(root=root)):
    path = root / "data" / "parquet" / f"{t}.parquet"
    newsfacts.load(t, root=root); pd.read_parquet(path)  # warm: imports, descriptor, page cache
    peer, ours = [], []
    for _ in range(repeat):
        t0 = time.perf_counter(); a = pd.read_parquet(path); peer.append(time.perf_counter() - t0); del a
        t0 = time.perf_counter(); b = newsfacts.load(t, root=root); ours.append(time.perf_counter() - t0)
        rows = len(b); del b
    out[t] = {"rows": rows, "peer_ms": statistics.median(peer) * 1000, "ours_ms": statistics.median(ours) * 1000}
print(json.dumps(out))
"""


def env_for(code: Path | None) -> dict[str, str]:
    env = dict(os.environ, NEWSFACTS_PROGRESS="0")
    if code is not None:
        env["PYTHONPATH"] = str(code)
    return env


def _tree_rss_kb(pid: int) -> int:
    """Resident kB of `pid` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
            rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") // 1024
        except (OSError, IndexError, ValueError):
            continue
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        total += rss.get(p, 0)
        stack.extend(children.get(p, []))
    return total


def run_tree(cmd: list[str], cwd: Path, env: dict[str, str], check: bool = True) -> dict[str, float]:
    """Wall seconds and whole-tree peak MB of one command (which must succeed, if `check`)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], _tree_rss_kb(proc.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - t0
    sampler.join()
    if proc.returncode and check:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}:\n{(out + err)[-3000:]}")
    return {"seconds": seconds, "peak_mb": peak[0] / 1024}


def median_of(runs: list[dict[str, float]]) -> dict[str, float]:
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


def bench_import(runs: int, env: dict[str, str]) -> dict[str, float]:
    bare, ours = [], []
    for _ in range(runs * 2):
        bare.append(run_tree([sys.executable, "-c", "pass"], ROOT, env)["seconds"])
        ours.append(run_tree([sys.executable, "-c", "import newsfacts"], ROOT, env)["seconds"])
    return {"bare_ms": statistics.median(bare) * 1000, "import_ms": statistics.median(ours) * 1000}


def bench_load(root: Path, repeat: int, env: dict[str, str], only: list[str] | None = None) -> dict[str, dict[str, float]]:
    out = subprocess.run([sys.executable, "-c", LOAD_CHILD, str(root), str(repeat), *(only or [])],
                         capture_output=True, text=True, env=env, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_validate(root: Path, runs: int, env: dict[str, str]) -> dict[str, dict[str, float]]:
    """`frictionless validate` alone against `newsfacts validate`, alternating, whole processes."""
    cmds = {"frictionless validate": [str(BIN / "frictionless"), "validate", "datapackage.json"],
            "newsfacts validate": [*CLI, "validate", "--path", str(root)]}
    got: dict[str, list[dict[str, float]]] = {k: [] for k in cmds}
    for _ in range(runs):
        for name, cmd in cmds.items():
            got[name].append(run_tree(cmd, root, env))
    return {k: median_of(v) for k, v in got.items()}


def validate_layers(root: Path, env: dict[str, str]) -> dict[str, float]:
    out = subprocess.run([*CLI, "validate", "--path", str(root), "--json"],
                         capture_output=True, text=True, env=env, cwd=root)
    try:
        return json.loads(out.stdout).get("seconds", {})
    except ValueError:
        return {}


def bench_corpus(n: int, repeat: int, env: dict[str, str]) -> dict[str, object]:
    from synth import make_corpus

    with tempfile.TemporaryDirectory() as tmp:
        root = make_corpus(Path(tmp) / "corpus", n)
        cli = CLI
        res: dict[str, object] = {"articles": n}
        res["build"] = run_tree(cli + ["build"], root, env)
        res["validate"] = run_tree(cli + ["validate", "--path", str(root)], root, env)
        res["validate_layers"] = validate_layers(root, env)
        res["view"] = run_tree(cli + ["view", "--path", str(root), "--out", str(Path(tmp) / "site")], root, env)
        res["load"] = bench_load(root, repeat, env, ["mentions", "segments", "events", "quotes", "actors"])
        print(json.dumps(res), flush=True)
        return res


def measure(args: argparse.Namespace) -> dict[str, object]:
    import frictionless
    import great_expectations
    import pandas
    import pyarrow

    env = env_for(args.code)
    version = subprocess.run([sys.executable, "-c", "import newsfacts; print(newsfacts.__version__)"],
                             capture_output=True, text=True, env=env, check=True).stdout.strip()
    commit = subprocess.run(["git", "-C", str(args.code or ROOT), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    res: dict[str, object] = {
        "label": args.label or f"newsfacts {version} ({commit})",
        "machine": f"{platform.machine()}, {os.cpu_count()} cores; Python {platform.python_version()}; pandas {pandas.__version__}, "
                   f"pyarrow {pyarrow.__version__}, frictionless {frictionless.__version__}, great_expectations {great_expectations.__version__}",
        "command": " ".join(["python benchmarks/run.py", *sys.argv[1:]]), "repeat": args.repeat, "runs": args.runs,
        "date": time.strftime("%Y-%m-%d"),
    }
    pkg = ROOT if args.code is None else args.code.parent
    res["import"] = bench_import(args.runs, env)
    res["load"] = bench_load(pkg, args.repeat, env)
    res["validate"] = bench_validate(pkg, args.runs, env)
    res["validate_layers"] = validate_layers(pkg, env)
    res["corpus"] = [bench_corpus(n, args.repeat, env) for n in args.sizes]
    return res


def _ratio_rows(load: dict[str, dict[str, float]]) -> tuple[list[str], float]:
    rows = [f"| {t} | {v['rows']} | {v['peer_ms']:.2f} | {v['ours_ms']:.2f} | {v['ours_ms'] / v['peer_ms']:.2f} |" for t, v in load.items()]
    return rows, statistics.median(v["ours_ms"] / v["peer_ms"] for v in load.values())


def targets(r: dict[str, object]) -> list[tuple[str, str, bool]]:
    """(target, measured, met) for the goals set in issues 20 and 23, from one run's figures."""
    out = []
    med = _ratio_rows(r["load"])[1]
    out.append(("load within 1.2x of `pandas.read_parquet`, median over tables, real package", f"{med:.2f}x", med <= 1.2))
    v = r["validate"]
    ratio = v["newsfacts validate"]["seconds"] / v["frictionless validate"]["seconds"]
    out.append(("`newsfacts validate` within 1.5x of `frictionless validate`, real package", f"{ratio:.2f}x", ratio <= 1.5))
    for c in r["corpus"]:
        if c["articles"] != 1000:
            continue
        per = c["build"]["seconds"] / c["articles"] * 1000
        out.append(("`newsfacts build` <= 100 ms per article at 1,000", f"{per:.1f} ms", per <= 100))
        out.append(("`newsfacts validate` <= 20 s at 1,000", f"{c['validate']['seconds']:.1f} s", c["validate"]["seconds"] <= 20))
        view = c["view"]["seconds"] / c["articles"] * 1000
        out.append(("`newsfacts view` <= 20 ms per article at 1,000", f"{view:.1f} ms", view <= 20))
        worst = max(v["ours_ms"] / v["peer_ms"] for v in c["load"].values())
        med = _ratio_rows(c["load"])[1]
        out.append(("load within 1.2x of `pandas.read_parquet` on the largest tables at 1,000",
                    f"median {med:.2f}x, worst {worst:.2f}x", worst <= 1.2))
    return out


def report(results: list[dict[str, object]]) -> str:
    """RESULTS.md's measured part: only what the runs in `results` measured."""
    last = results[-1]
    lines = ["# Benchmark results", "", "<!-- Written by benchmarks/run.py from its own measurements; do not edit by hand. -->", "",
             f"Machine: {last['machine']}.", ""]
    for r in results:
        lines.append(f"- **{r['label']}**, {r['date']}: `{r['command']}`; load: medians of {r['repeat']} alternations "
                     f"in one process; validate on the real package: medians of {r['runs']} alternating process pairs; "
                     "corpus rows: one run each.")
    lines += ["", "## Side by side: the ratios", "",
              "| measured | " + " | ".join(str(r["label"]) for r in results) + " |", "|---|" + "---|" * len(results)]
    cells = {"load, median over tables, real package (x `pandas.read_parquet`)": [],
             "`newsfacts validate`, real package (x `frictionless validate` alone)": [],
             "`import newsfacts` over a bare interpreter": []}
    for r in results:
        cells["load, median over tables, real package (x `pandas.read_parquet`)"].append(f"{_ratio_rows(r['load'])[1]:.2f}x")
        v = r["validate"]
        cells["`newsfacts validate`, real package (x `frictionless validate` alone)"].append(
            f"{v['newsfacts validate']['seconds'] / v['frictionless validate']['seconds']:.2f}x "
            f"({v['newsfacts validate']['seconds']:.2f} s vs {v['frictionless validate']['seconds']:.2f} s)")
        cells["`import newsfacts` over a bare interpreter"].append(f"+{r['import']['import_ms'] - r['import']['bare_ms']:.1f} ms")
    for corpus_size in sorted({c["articles"] for r in results for c in r["corpus"]}):
        key = f"load, median over the 5 largest tables, {corpus_size:,} articles (x `pandas.read_parquet`)"
        cells[key] = []
        for r in results:
            c = next((c for c in r["corpus"] if c["articles"] == corpus_size), None)
            cells[key].append(f"{_ratio_rows(c['load'])[1]:.2f}x" if c else "not run")
    lines += [f"| {k} | " + " | ".join(v) + " |" for k, v in cells.items()]
    lines += ["", "## Targets (issues 20 and 23), per run", "",
              "| target | " + " | ".join(str(r["label"]) for r in results) + " |", "|---|" + "---|" * len(results)]
    per_run = [{what: (got, ok) for what, got, ok in targets(r)} for r in results]
    for what in dict.fromkeys(w for run in per_run for w in run):
        cells_ = [f"{run[what][0]} ({'met' if run[what][1] else '**not met**'})" if what in run else "not run" for run in per_run]
        lines.append(f"| {what} | " + " | ".join(cells_) + " |")
    for r in results:
        lines += ["", f"## {r['label']}", "", "### `newsfacts.load(t)` against `pandas.read_parquet` of the same file, real package", "",
                  "| table | rows | pandas ms | load ms | ratio |", "|---|---|---|---|---|"]
        rows, med = _ratio_rows(r["load"])
        lines += rows + ["", f"Median ratio over tables: {med:.2f}.", "",
                         "### Validation of the real package (whole process trees)", "",
                         "| command | median s | peak MB (tree) |", "|---|---|---|"]
        lines += [f"| `{k}` | {v['seconds']:.2f} | {v['peak_mb']:.0f} |" for k, v in r["validate"].items()]
        if r.get("validate_layers"):
            lines += ["", "Layers, as `newsfacts validate --json` reports them (seconds; Great Expectations runs in a second "
                      "interpreter while the others run, so they overlap): "
                      + ", ".join(f"{k} {v:.2f}" for k, v in r["validate_layers"].items()) + "."]
        if r["corpus"]:
            lines += ["", "### Synthetic corpora (benchmarks/synth.py), one run each", "",
                      "| articles | `newsfacts build` s | ms/article | peak MB | `newsfacts validate` s | peak MB | `newsfacts view` s | ms/article | peak MB |",
                      "|---|---|---|---|---|---|---|---|---|"]
            for c in r["corpus"]:
                n, b, v, w = c["articles"], c["build"], c["validate"], c["view"]
                lines.append(f"| {n:,} | {b['seconds']:.1f} | {b['seconds'] / n * 1000:.1f} | {b['peak_mb']:.0f} | {v['seconds']:.1f} | "
                             f"{v['peak_mb']:.0f} | {w['seconds']:.1f} | {w['seconds'] / n * 1000:.1f} | {w['peak_mb']:.0f} |")
            for c in r["corpus"]:
                lines += ["", f"Load at {c['articles']:,} articles (medians of {r['repeat']} alternations):", "",
                          "| table | rows | pandas ms | load ms | ratio |", "|---|---|---|---|---|"]
                lines += _ratio_rows(c["load"])[0]
                if c.get("validate_layers"):
                    lines += ["", "Validate layers at this size (s): " + ", ".join(f"{k} {v:.2f}" for k, v in c["validate_layers"].items()) + "."]
    return "\n".join(lines) + "\n"


MARK = "<!-- end of benchmarks/run.py output -->"


def write_results(text: str, out: Path) -> None:
    """Replace run.py's part of RESULTS.md, keep what the other benchmarks wrote below the mark."""
    old = out.read_text(encoding="utf-8") if out.exists() else ""
    rest = old.split(MARK, 1)[1] if MARK in old else ""
    out.write_text(text + "\n" + MARK + rest, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="*", default=[1000])
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--code", type=Path, help="the src/ folder of the newsfacts to measure (default: this checkout)")
    ap.add_argument("--label")
    ap.add_argument("--json", type=Path, help="also save the measurements here")
    ap.add_argument("--report", type=Path, nargs="+", help="write RESULTS.md from saved measurements, measure nothing")
    ap.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = ap.parse_args()
    if args.report:
        results = [json.loads(p.read_text(encoding="utf-8")) for p in args.report]
    else:
        results = [measure(args)]
        if args.json:
            args.json.write_text(json.dumps(results[0], indent=1), encoding="utf-8")
    text = report(results)
    write_results(text, args.out)
    print(text)


if __name__ == "__main__":
    main()
