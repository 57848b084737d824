"""Pathological inputs for `newsfacts draft` and the text analysis: each must take time linear
in the text (issue: no input hangs, crawls or crashes).

    python benchmarks/pathological.py            # every case at 50 and 100 KB, and a 1 MB article
    python benchmarks/pathological.py --size 200000

Prints one line per case: the seconds `draft()` took in this process (start-up excluded) at
half the size and at the size, and their ratio. Targets: doubling the text at most triples the
time (linear is 2; a quadratic path shows 4), and the 1 MB article of real sentences in under
30 s (about 200 wire stories at once)."""
from __future__ import annotations

import argparse
import itertools
import string
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
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
    }


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
    a = ap.parse_args()
    worst = 0
    timed("Warm up\n\nWASHINGTON, Oct. 22, 2015 — He said Thursday that it works.\n")
    halves = cases(a.size // 2)
    for name, text in cases(a.size).items():
        half, full = timed(halves[name]), timed(text)
        ratio = full / max(half, 1e-3)
        worst = max(worst, ratio / 3.0)
        print(f"{name:28} {len(text):>9,} chars  {half:6.2f} s -> {full:6.2f} s  x{ratio:4.1f}  {'ok' if ratio < 3.0 else 'SUPERLINEAR'}")
    text = realistic(1_000_000)
    s = timed(text)
    worst = max(worst, s / 30.0)
    print(f"{'one-megabyte-article':28} {len(text):>9,} chars  {s:6.2f} s  {'ok' if s < 30.0 else 'SLOW'}")
    return 0 if worst < 1 else 1


if __name__ == "__main__":
    sys.exit(main())
