"""The compiled lexicon (issue 27): its size against the petrarch2 files, and the draft's first call.

    python benchmarks/lexicon.py [--before SRC --label TEXT] [--runs 9] [--vendor DIR] [--no-write]

- size: the lexicon's four files against the six petrarch2 files the draft used to ship and
  parse (three actor dictionaries, agents, discards, CAMEO.2.0.txt; read from ../shared/vendor/),
  raw and deflated (a wheel is a zip);
- first call, each in a new process of this interpreter: the import, then loading the
  dictionaries alone; the first `draft()` of a 1,000-word article after `import newsfacts.draft`
  and the second one (their difference is what the first call pays for everything it loads);
  and `newsfacts draft --json` on that article, end to end;
- `--before SRC` measures another newsfacts source tree too (e.g. `git archive <commit> | tar -x
  -C /tmp/old`, then `--before /tmp/old/src --label "main at <commit>"`), its processes
  alternating with this checkout's so that drift hits both sides alike.

It rewrites its own section of benchmarks/RESULTS.md (between its markers, after run.py's part),
unless --no-write. No timed assertions anywhere: numbers to read."""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from draft_speed import thousand_words  # noqa: E402

SOURCES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt",
           "Phoenix.agents.txt", "Phoenix.discards.txt", "CAMEO.2.0.txt")
LEXICON = ROOT / "src" / "newsfacts" / "dictionaries" / "lexicon"
START, END = "<!-- benchmarks/lexicon.py:start -->", "<!-- benchmarks/lexicon.py:end -->"

# Each child prints one JSON object of seconds.
LOAD_CHILD = r"""
import json, time
t = time.perf_counter()
from newsfacts.dictionaries import cameo_verbs, phoenix
t1 = time.perf_counter()
phoenix.index(); phoenix.agents(); cameo_verbs.load()
print(json.dumps({"import": t1 - t, "load": time.perf_counter() - t1}))
"""
DRAFT_CHILD = r"""
import json, sys, time
from pathlib import Path
from newsfacts.draft import draft
art = Path(sys.argv[1])
out = {}
for k in ("first", "second"):
    t = time.perf_counter()
    draft(art, "Benchmark", "2015-10-22", title="Benchmark")
    out[k] = time.perf_counter() - t
import newsfacts
out["from"] = newsfacts.__file__
print(json.dumps(out))
"""
CLI = "import sys; from newsfacts.cli import main; sys.argv[0] = 'newsfacts'; main()"


def sizes(vendor: Path) -> dict[str, dict[str, int]]:
    def row(paths: list[Path]) -> dict[str, int]:
        data = [p.read_bytes() for p in paths]
        return {"files": len(paths), "bytes": sum(map(len, data)), "deflated": sum(len(zlib.compress(d, 6)) for d in data),
                "lines": sum(d.count(b"\n") for d in data)}
    return {"sources": row([vendor / n for n in SOURCES]),
            "lexicon": row([LEXICON / n for n in ("actors.tsv", "agents.tsv", "verbs.tsv", "verb_patterns.tsv")])}


def run(child: list[str], src: Path | None) -> dict:
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    p = subprocess.run([sys.executable, *child], capture_output=True, text=True, env=env)
    if p.returncode:
        raise RuntimeError(f"{child[:2]} exited {p.returncode}: {p.stderr[-2000:]}")
    return json.loads(p.stdout) if p.stdout.lstrip().startswith("{") else {}


def timed(child: list[str], src: Path | None) -> float:
    import time
    t = time.perf_counter()
    run(child, src)
    return time.perf_counter() - t


def measure(sides: dict[str, Path | None], runs: int, art: Path) -> dict[str, dict[str, float]]:
    got: dict[str, dict[str, list[float]]] = {s: {"import": [], "load": [], "first": [], "second": [], "cli": []} for s in sides}
    for _ in range(runs):
        for side, src in sides.items():  # alternating: before, after, before, after ...
            got[side]["import"].append((t := run(["-c", LOAD_CHILD], src))["import"])
            got[side]["load"].append(t["load"])
            d = run(["-c", DRAFT_CHILD, str(art)], src)
            want = str(src) if src is not None else str(ROOT / "src")
            if not d["from"].startswith(want):
                raise RuntimeError(f"{side} measured newsfacts from {d['from']}, not {want}")
            got[side]["first"].append(d["first"])
            got[side]["second"].append(d["second"])
            got[side]["cli"].append(timed(["-c", CLI, "draft", str(art), "--json", "--publisher", "Benchmark",
                                           "--publication-date", "2015-10-22", "--title", "Benchmark"], src))
    return {s: {k: statistics.median(v) for k, v in m.items()} for s, m in got.items()}


def report(sz: dict, times: dict, runs: int, words: int, before: str | None, load: tuple[float, float]) -> str:
    s, x = sz["sources"], sz["lexicon"]
    lines = [START, "", "## The compiled lexicon (issue 27)", "",
             f"<!-- Written by benchmarks/lexicon.py; do not edit by hand. -->", "",
             f"`python benchmarks/lexicon.py{' --before <src>' if before else ''} --runs {runs}`"
             f"{f' (before: {before})' if before else ''} on "
             f"{platform.processor() or platform.machine()} ({os.cpu_count()} cores), Python {platform.python_version()}; "
             f"load average {load[0]:.1f} before and {load[1]:.1f} after the run (a shared machine: the sides alternate, "
             "so the load weighs on both alike).", "",
             "| | files | lines | bytes | deflated |", "|---|---|---|---|---|",
             f"| petrarch2 sources (3 actor dictionaries, agents, discards, CAMEO.2.0.txt) | {s['files']} | {s['lines']:,} | "
             f"{s['bytes']:,} | {s['deflated']:,} |",
             f"| compiled lexicon (actors, agents, verbs, verb_patterns .tsv) | {x['files']} | {x['lines']:,} | "
             f"{x['bytes']:,} | {x['deflated']:,} |",
             f"| lexicon / sources | | {x['lines'] / s['lines']:.2f} | {x['bytes'] / s['bytes']:.2f} | "
             f"{x['deflated'] / s['deflated']:.2f} |", "",
             "The lexicon repeats an entry under each word that starts one of its names (a lookup is one bisection) and "
             "writes dates in full; it leaves out comments, the discards dictionary and what no article word can match.", "",
             f"First call, new processes, median of {runs} (seconds; {words}-word article):", "",
             "| | " + " | ".join(times) + " |", "|---|" + "---|" * len(times)]
    for key, label in (("import", "`import newsfacts.dictionaries` (the package's import)"),
                       ("load", "load the actor, agent and verb dictionaries (index, agents, verbs)"), ("first", "first `draft()` after `import newsfacts.draft`"),
                       ("second", "second `draft()`, same process"), ("cli", "`newsfacts draft --json`, whole process")):
        lines.append(f"| {label} | " + " | ".join(f"{t[key]:.3f}" for t in times.values()) + " |")
    lines.append("| first minus second: what the first call pays for what it loads (dictionaries, gazetteer, code lists) | "
                 + " | ".join(f"{t['first'] - t['second']:.3f}" for t in times.values()) + " |")
    return "\n".join(lines + ["", END]) + "\n"


def write(section: str, out: Path) -> None:
    old = out.read_text(encoding="utf-8") if out.exists() else ""
    if START in old and END in old:
        head, rest = old.split(START, 1)
        new = head + section.rstrip("\n") + rest.split(END, 1)[1]
    else:
        new = old.rstrip("\n") + "\n\n" + section
    out.write_text(new, encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--before", type=Path, help="the src/ folder of an older newsfacts to measure beside this one")
    ap.add_argument("--label", help="what --before is, for RESULTS.md (e.g. 'main at 2e93cb2'; default: its path)")
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--vendor", type=Path, default=ROOT.parent / "shared" / "vendor")
    ap.add_argument("--no-write", action="store_true", help="print, do not rewrite RESULTS.md")
    a = ap.parse_args()
    petrarch = a.vendor / "petrarch2"
    if not all((petrarch / n).is_file() for n in SOURCES):
        print(f"error: the petrarch2 files are not in {petrarch}; pass --vendor DIR", file=sys.stderr)
        return 2
    sz = sizes(petrarch)
    sides: dict[str, Path | None] = {}
    if a.before is not None:
        sides["before"] = a.before.resolve()
    sides["after" if a.before is not None else "this checkout"] = None
    with tempfile.TemporaryDirectory() as d:
        art = thousand_words(Path(d))
        words = len(art.read_text(encoding="utf-8").split())
        load0 = os.getloadavg()[0]
        times = measure(sides, a.runs, art)
    section = report(sz, times, a.runs, words, a.label or (str(a.before) if a.before else None), (load0, os.getloadavg()[0]))
    print(section)
    if not a.no_write:
        write(section, HERE / "RESULTS.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
