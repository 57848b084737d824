"""How fast `newsfacts draft` is, as a maintainer meets it (issue 17's targets).

    python benchmarks/draft_speed.py [--repeat 5] [--batch 60]

- one article of about 1,000 words, drafted by the `newsfacts` command in a new process
  (start-up, dictionaries and all): target under 1 s;
- the batch mode, `draft_many()` over the package's articles and the dev articles in one
  process (one core): target at least 20 articles per second.

No timed assertions anywhere: this prints numbers to read (benchmarks/RESULTS.md keeps them)."""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def sources() -> list[Path]:
    return sorted((ROOT / "build" / "articles").glob("*/article.txt")) + sorted(
        (ROOT / "tests" / "fixtures" / "dev-articles").glob("*/article.txt"))


def thousand_words(tmp: Path) -> Path:
    """The first article's header, then body paragraphs of all of them until 1,000 words."""
    texts = [p.read_text(encoding="utf-8") for p in sources()]
    head, body = texts[0].split("\n\n", 1)
    paras = [p for t in texts for p in t.split("\n\n")[1:] if p.strip()]
    out, words = [head], len(head.split())
    for p in paras * 4:
        if words >= 1000:
            break
        out.append(p)
        words += len(p.split())
    path = tmp / "article.txt"
    path.write_text("\n\n".join(out) + "\n", encoding="utf-8")
    return path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--batch", type=int, default=60, help="articles in the batch run")
    a = ap.parse_args()
    exe = shutil.which("newsfacts", path=str(Path(sys.executable).parent)) or shutil.which("newsfacts")
    if exe is None:
        print("newsfacts is not installed beside this python: pip install -e '.[dev]'", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        art = thousand_words(tmp)
        n_words = len(art.read_text(encoding="utf-8").split())
        runs = []
        for _ in range(a.repeat):
            t0 = time.perf_counter()
            r = subprocess.run([exe, "draft", str(art), "--json", "--publisher", "Benchmark",
                                "--publication-date", "2015-10-22", "--title", "Benchmark"],
                               capture_output=True, text=True)
            runs.append(time.perf_counter() - t0)
            if r.returncode != 0:
                print(r.stderr[-2000:], file=sys.stderr)
                return 1
        one = statistics.median(runs)
        print(f"one article, {n_words} words, new process: median {one:.2f} s of {a.repeat}  "
              f"(target < 1 s: {'ok' if one < 1 else 'SLOW'})")

        from newsfacts.draft import draft_many

        files = (sources() * (a.batch // len(sources()) + 1))[:a.batch]
        list(draft_many(files[:1], "Benchmark", "2015-10-22"))  # dictionaries loaded once, as in a batch
        t0 = time.perf_counter()
        results = list(draft_many(files, "Benchmark", "2015-10-22"))
        took = time.perf_counter() - t0
        failed = [p for p, _, err in results if err]
        rate = len(files) / took
        print(f"batch: {len(files)} articles in {took:.2f} s = {rate:.1f} articles/s on one core  "
              f"(target >= 20: {'ok' if rate >= 20 else 'SLOW'}); {len(failed)} failed")
        return 0 if one < 1 and rate >= 20 and not failed else 1


if __name__ == "__main__":
    sys.exit(main())
