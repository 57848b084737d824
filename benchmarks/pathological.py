"""Pathological inputs for `newsfacts draft`, the text analysis and the JSON readers: each must
take time linear in the input (issue: no input hangs, crawls or crashes).

    python benchmarks/pathological.py            # every case at 50 and 100 KB, and a 1 MB article
    python benchmarks/pathological.py --size 200000
    python benchmarks/pathological.py --code /tmp/before/src   # measure another source tree

Prints one line per case: the seconds `draft()` took in this process (start-up excluded) at
half the size and at the size, and their ratio. Targets: doubling the text at most triples the
time (linear is 2; a quadratic path shows 4), and the 1 MB article of real sentences in under
30 s (about 200 wire stories at once).

Then the readers of untrusted JSON: datapackage.json through `read_descriptor` (at --json-size
and half of it) and .newsfacts/journal.json through `read_journal` (within its 64,000-byte limit),
each a document built to make a backtracking pre-check rescan (an unclosed string of escaped
quotes, runs of backslashes, brackets inside strings); same target."""
from __future__ import annotations

import argparse
import itertools
import string
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if "--code" in sys.argv:  # before anything imports newsfacts
    sys.path.insert(0, str(Path(sys.argv[sys.argv.index("--code") + 1]).resolve()))
else:
    sys.path.insert(0, str(ROOT / "src"))


def names():
    """Distinct two-word proper names: Aaab Baaa, ..."""
    for a, b in itertools.product(itertools.product(string.ascii_lowercase, repeat=3), repeat=2):
        yield "".join(a).capitalize() + " " + "".join(b).capitalize()


def fill(unit: str, size: int, sep: str = "") -> str:
    return sep.join([unit] * max(1, size // (len(unit) + len(sep))))


def cases(size: int) -> dict[str, str]:
    head = "A pathological article\n\nWASHINGTON, Oct. 22, 2015 — Officials said Thursday that the test begins.\n\n"
    gen = names()
    speakers = []
    while sum(map(len, speakers)) < size:
        speakers.append(f'"We will see," said Minister {next(gen)}.')
    described = []  # a named minister each time, then "the minister" and "the agency" as speakers
    while sum(map(len, described)) < size:
        described.append(f"Defense Minister {next(gen)} met Russian officials. The talks failed, the minister said. "
                         "Rebels shelled Aleppo, the agency said.")
    return {
        "quote-marks": head + fill('"a" ', size),
        "unclosed-marks": head + fill('"', size),
        "initials-no-spaces": head + fill("A.", size),
        "initials-spaced": head + fill("A. ", size),
        "yes-he-said-paragraphs": head + fill('"Yes," he said.', size, "\n\n"),
        "yes-he-said-one-paragraph": head + fill('"Yes," he said.', size, " "),
        "distinct-speakers": head + " ".join(speakers),
        "described-speakers": head + "\n\n".join(described),
        "it-rained": head + fill("It rained.", size, " "),
        "said-said": head + fill("said ", size),
        "capitalised-words": head + fill("Aa Bb Cc Dd ", size) + "said.",
        "dates-in-one-clause": head + fill("on October 22, 2015, Monday and 2014 ", size),
        "bare-years-no-full-stop": head + fill("2015 ", size),
    }


def json_cases(size: int) -> dict[str, str]:
    """Documents a JSON pre-check may rescan: each is refused (not JSON, or nested too deep)."""
    return {
        "json-unclosed-escaped-quotes": '{"resources": "' + fill('\\"', size),
        "json-unclosed-backslashes": '{"resources": "' + fill("\\", size),
        "json-brackets-in-a-string": '{"resources": "' + fill("[{", size) + '"' + "}" * 70,
        "json-empty-strings": '{"resources": [' + fill('"",', size) + '"",',
        "json-deep-then-unclosed": "[" * 60 + '"' + fill('\\"', size),
    }


def timed_json(kind: str, text: str) -> float:
    """Seconds a reader takes to refuse `text` as datapackage.json or as the build journal."""
    from newsfacts.errors import NewsfactsError

    with tempfile.TemporaryDirectory() as tmp:
        if kind == "descriptor":
            from newsfacts.loading import read_descriptor as read

            (Path(tmp) / "datapackage.json").write_text(text, encoding="utf-8")
        else:
            from newsfacts.journal import read_journal as read

            (Path(tmp) / ".newsfacts").mkdir()
            (Path(tmp) / ".newsfacts" / "journal.json").write_text(text, encoding="utf-8")
        t0 = time.perf_counter()
        try:
            read(tmp)
        except NewsfactsError:
            pass
        else:
            raise AssertionError(f"{kind}: the pathological document was read as valid")
        return time.perf_counter() - t0


def realistic(size: int) -> str:
    dev = sorted((ROOT / "tests" / "fixtures" / "dev-articles").glob("*/article.txt")) or sorted(
        (ROOT / "build" / "articles").glob("*/article.txt"))
    body = "\n\n".join(p.read_text(encoding="utf-8").split("\n\n", 3)[-1] for p in dev)
    text = "A long article\n\nWASHINGTON, Oct. 22, 2015 — Officials said Thursday that the review begins.\n\n"
    while len(text) < size:
        text += body + "\n\n"
    return text[:size].rsplit("\n\n", 1)[0] + "\n"


def timed(text: str) -> float:
    from newsfacts.draft import draft

    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "article.txt"
        p.write_text(text, encoding="utf-8")
        t0 = time.perf_counter()
        draft(p, "Benchmark", "2015-10-22", None, "pathological")
        return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=int, default=100_000)
    ap.add_argument("--json-size", type=int, default=2_000_000, help="size of the datapackage.json cases (journal cases stay within its limit)")
    ap.add_argument("--code", type=Path, help="the src/ folder of the newsfacts to measure (default: this checkout)")
    ap.add_argument("--only", choices=["draft", "json"], help="run one group of cases")
    ap.add_argument("--case", action="append", help="run only these draft cases (and no 1 MB article); repeatable")
    a = ap.parse_args()
    worst = 0.0
    if a.only in (None, "draft"):
        timed("Warm up\n\nWASHINGTON, Oct. 22, 2015 — He said Thursday that it works.\n")
        halves = cases(a.size // 2)
        for name, text in cases(a.size).items():
            if not a.case or name in a.case:
                worst = max(worst, line(name, len(text), timed(halves[name]), timed(text), "chars"))
        if not a.case:
            text = realistic(1_000_000)
            s = timed(text)
            worst = max(worst, s / 30.0)
            print(f"{'one-megabyte-article':44} {len(text):>9,} chars  {s:7.2f} s  {'ok' if s < 30.0 else 'SLOW'}")
    if a.only in (None, "json"):
        from newsfacts.journal import MAX_JOURNAL_BYTES

        for kind, size in (("descriptor", a.json_size), ("journal", MAX_JOURNAL_BYTES - 1000)):
            halves = json_cases(size // 2)
            for name, text in json_cases(size).items():
                worst = max(worst, line(f"{kind}: {name}", len(text), timed_json(kind, halves[name]), timed_json(kind, text), "bytes"))
    return 0 if worst < 1 else 1


def line(name: str, size: int, half: float, full: float, unit: str) -> float:
    """Print one case; its share of the target (under 1 is met)."""
    ratio = full / max(half, 1e-3)
    print(f"{name:44} {size:>9,} {unit:5}  {half:7.3f} s -> {full:7.3f} s  x{ratio:4.1f}  {'ok' if ratio < 3.0 else 'SUPERLINEAR'}")
    return ratio / 3.0


if __name__ == "__main__":
    sys.exit(main())
