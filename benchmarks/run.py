"""Benchmarks: medians and ratios against the raw tools, measured in the same run.

    python benchmarks/run.py [--sizes 1 10 100 1000] [--repeat 5] [--out benchmarks/RESULTS.md]

No timed assertions anywhere: this prints (and writes) numbers to read."""
from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

CHILD = r"""
import json, sys, time
from pathlib import Path
what, root = sys.argv[1], Path(sys.argv[2])
t0 = time.perf_counter()
if what == "build":
    from newsfacts.pipeline import build
    r = build(root, validate=False)
    assert not r.findings
elif what.startswith("validate"):
    from newsfacts.validate import validate
    parts = what.split(":")
    layer = parts[1] if len(parts) > 1 else None
    rep = validate(root, only=layer or None, full="full" in parts)
    assert rep.valid, rep.to_text()[:2000]
t = time.perf_counter() - t0
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec from the parent process.
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(json.dumps({"seconds": t, "peak_mb": hwm / 1024}))
"""


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def child(what: str, root: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, what, str(root)], capture_output=True, text=True)
    if out.returncode:
        raise RuntimeError(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_import(repeat: int) -> list[str]:
    bare = median_time(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), repeat)
    nf = median_time(lambda: subprocess.run([sys.executable, "-c", "import newsfacts"], check=True), repeat)
    return ["| `python -c pass` | {:.1f} ms | | |".format(bare * 1000),
            "| `python -c 'import newsfacts'` | {:.1f} ms | +{:.1f} ms | target < +50 ms |".format(nf * 1000, (nf - bare) * 1000)]


def bench_load(repeat: int) -> list[str]:
    import pandas as pd

    import newsfacts

    rows = []
    for t in newsfacts.tables(root=ROOT):
        for fmt, raw in (("parquet", lambda p: pd.read_parquet(p)), ("csv", lambda p: pd.read_csv(p))):
            path = ROOT / "data" / fmt / f"{t}.{fmt}"
            base = median_time(lambda: raw(path), repeat)
            ours = median_time(lambda: newsfacts.load(t, fmt, root=ROOT), repeat)
            fast = median_time(lambda: newsfacts.load(t, fmt, verify=False, root=ROOT), repeat)
            rows.append(f"| {t} | {fmt} | {base * 1000:.2f} | {ours * 1000:.2f} | {ours / base:.2f} | {fast * 1000:.2f} | {fast / base:.2f} |")
    return rows


def bench_load_at_scale(n: int, repeat: int) -> list[str]:
    """load() against the raw pandas read on the largest tables of an n-article corpus."""
    import pandas as pd

    import newsfacts
    from newsfacts.pipeline import build
    from synth import make_corpus

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = make_corpus(Path(tmp), n)
        build(root, validate=False)
        for t in ("mentions", "segments", "events", "quotes"):
            for fmt, raw in (("parquet", pd.read_parquet), ("csv", pd.read_csv)):
                path = root / "data" / fmt / f"{t}.{fmt}"
                base = median_time(lambda: raw(path), repeat)
                ours = median_time(lambda: newsfacts.load(t, fmt, root=root), repeat)
                fast = median_time(lambda: newsfacts.load(t, fmt, verify=False, root=root), repeat)
                size = len(newsfacts.load(t, fmt, root=root))
                rows.append(f"| {t} | {fmt} | {size} | {base * 1000:.1f} | {ours * 1000:.1f} | {ours / base:.2f} | {fast * 1000:.1f} | {fast / base:.2f} |")
    return rows


def bench_scaling(sizes: list[int]) -> list[str]:
    from synth import make_corpus

    rows = []
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = make_corpus(Path(tmp), n)
            b = child("build", root)
            cells = [f"| {n} | {b['seconds']:.2f} | {b['seconds'] / n * 1000:.1f} | {b['peak_mb']:.0f} |"]
            for what in ("validate:frictionless:full", "validate:frictionless", "validate:gx", "validate:provenance", "validate"):
                v = child(what, root)
                cells.append(f" {v['seconds']:.2f} | {v['peak_mb']:.0f} |")
            rows.append("".join(cells))
            print(rows[-1], flush=True)
    return rows


def bench_side_by_side(repeat: int) -> list[str]:
    """The real package: `newsfacts validate` and each layer against `frictionless validate`, same run."""
    bindir = Path(sys.executable).parent
    cmds = [("frictionless validate datapackage.json", [str(bindir / "frictionless"), "validate", "datapackage.json"]),
            ("newsfacts validate", [str(bindir / "newsfacts"), "validate"]),
            ("newsfacts validate --only frictionless", [str(bindir / "newsfacts"), "validate", "--only", "frictionless"]),
            ("newsfacts validate --only gx", [str(bindir / "newsfacts"), "validate", "--only", "gx"]),
            ("newsfacts validate --only provenance", [str(bindir / "newsfacts"), "validate", "--only", "provenance"]),
            ("newsfacts validate --full", [str(bindir / "newsfacts"), "validate", "--full"])]
    times = {name: median_time(lambda c=c: subprocess.run(c, cwd=ROOT, capture_output=True, check=True), repeat) for name, c in cmds}
    base = times["frictionless validate datapackage.json"]
    return [f"| `{name}` | {t:.2f} | {t / base:.2f} |" for name, t in times.items()]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="*", default=[1, 10, 100, 1000])
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = ap.parse_args()
    import frictionless
    import great_expectations
    import pandas
    import pyarrow

    import newsfacts

    lines = ["# Benchmark results", "",
             f"Machine: {platform.machine()}, {platform.processor() or 'cpu'}, {__import__('os').cpu_count()} cores; "
             f"Python {platform.python_version()}; newsfacts {newsfacts.__version__}, pandas {pandas.__version__}, "
             f"pyarrow {pyarrow.__version__}, frictionless {frictionless.__version__}, great_expectations {great_expectations.__version__}.",
             f"Command: `python benchmarks/run.py --sizes {' '.join(map(str, args.sizes))} --repeat {args.repeat}`. Medians of {args.repeat} runs.", "",
             "## Import (whole process, cold interpreter)", "", "| what | median | over bare | target |", "|---|---|---|---|"]
    lines += bench_import(args.repeat)
    lines += ["", "## `newsfacts.load(t)` against the raw pandas read of the same file", "",
              "| table | format | pandas ms | load ms (verify=True) | ratio | load ms (verify=False) | ratio |", "|---|---|---|---|---|---|---|"]
    lines += bench_load(args.repeat)
    big = max(args.sizes)
    lines += ["", f"## `newsfacts.load(t)` at scale: the largest tables of a {big}-article corpus", "",
              "| table | format | rows | pandas ms | load ms (verify=True) | ratio | load ms (verify=False) | ratio |",
              "|---|---|---|---|---|---|---|---|"]
    lines += bench_load_at_scale(big, args.repeat)
    lines += ["", "## Validate the real package, side by side (whole processes, same run)", "",
              "| command | median s | x frictionless alone |", "|---|---|---|"]
    lines += bench_side_by_side(args.repeat)
    lines += ["", "## Build and validate, by corpus size (synthetic copies of the real article)", "",
              "Each cell is one fresh process; peak = max RSS of that process.", "",
              "`frictionless --full` also reads every Parquet row (the old default); `frictionless` (the default now) reads the "
              "descriptor, CSV tables and texts, and the provenance layer runs the vectorised Parquet checks. `validate` is the "
              "whole default command (all three layers, Great Expectations in a second process).", "",
              "| articles | build s | build ms/article | build peak MB | frictionless --full s | peak MB | frictionless s | peak MB | gx s | peak MB | provenance s | peak MB | validate (all) s | peak MB |",
              "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    lines += bench_scaling(args.sizes)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
