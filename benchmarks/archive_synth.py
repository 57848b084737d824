"""An archive of N synthetic news texts of realistic length, for `newsfacts draft-corpus`.

Used by benchmarks/corpus_scale.py and tests/test_scale.py; written to a temporary folder,
never into the repository. Built from the real texts of the repository (the package's
articles and the test fixtures: wire, government and broadcaster styles), never from the
reserved articles. Text k:
- takes the header and body of one real article in turn (its dateline, title and byline lines
  stay, so the printed dates and layouts of every style are met);
- is lengthened to a length drawn around 450 words (120 to 1,500; wire stories run 300 to
  800) with body paragraphs of the other articles;
- renames the lead article's main speaker with a made-up name of letters only, and shifts
  every year by whole 28-year calendar cycles (weekdays and leap days stay true), as
  benchmarks/synth.py does;
- gets metadata as an archive gives it: id, title (when the text prints none), url, publisher
  and publication date (left out, now and then, for a text that prints its own date).
`Archive(block=1)` (the tests) turns to the next real article (and so, often, month) at every
text; the benchmarks' `Archive(block=1000)` every 1,000 texts, so that the texts come in runs of
one publication month, as archives do (daily dumps, in date order).
Same N, same texts: every choice comes from random.Random(k)."""
from __future__ import annotations

import csv
import datetime as dt
import gzip
import json
import random
import re
import sys
from pathlib import Path
from typing import Any, Iterable, Iterator

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import PUBLISHERS, YEAR, made_up_name  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
# (text, speaker to rename or None, publisher, publication date, title when the text prints none,
#  whether the text prints its own full date)
SOURCES: list[tuple[Path, str | None, str, str, str | None, bool]] = [
    (ROOT / "build/articles/tass-2015-10-22-ivanov/article.txt", "Ivanov", "TASS Russian News Agency", "2015-10-22", None, False),
    (ROOT / "build/articles/dod-2015-10-07-carter-sigonella-russia-syria/article.txt", "Carter",
     "U.S. Department of Defense, DoD News", "2015-10-07", "Carter Talks to Troops About Russia, Women in Combat", False),
    (ROOT / "build/articles/dod-2016-12-21-us-russia-flight-safety-syria/article.txt", "Slotkin",
     "U.S. Department of Defense, DoD News", "2016-12-21", "U.S., Russian Officials Discuss Flight Safety in Syria", True),
    (ROOT / "build/articles/voa-2016-04-14-russian-jets-flybys-uss-donald-cook/article.txt", None, "Voice of America",
     "2016-04-14", None, True),
    (FIXTURES / "grow/testwire-2016-03-03-donetsk-shelling/article.txt", "Hug", "Test Wire", "2016-03-03", None, True),
    (FIXTURES / "grow/voa-2016-05-10-test-clashes/article.txt", None, "Voice of America", "2016-05-10", None, True),
    (FIXTURES / "codes/testwire-2015-03-03-nato-briefing/article.txt", None, "Test Wire", "2015-03-03", None, True),
    (FIXTURES / "styles/ap.txt", None, "Associated Press", "2016-04-13", None, False),
    (FIXTURES / "styles/reuters.txt", "Konashenkov", "Reuters", "2015-10-06", None, False),
]
CYCLE = 28
MEDIAN_WORDS, MIN_WORDS, MAX_WORDS = 450, 120, 1500


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def _body(paras: list[str]) -> list[str]:
    """Paragraphs that read as body text: a sentence of some length, no header line."""
    return [p for p in paras if len(p.split()) >= 12 and p.rstrip().endswith((".", '"', "”"))]


def _shift(s: str, cycles: int) -> str:
    return YEAR.sub(lambda m: str(int(m.group()) - CYCLE * cycles), s) if cycles else s


class Archive:
    """The real texts, read once; `record(k)` is text k with its metadata."""

    def __init__(self, median_words: int = MEDIAN_WORDS, block: int = 1) -> None:
        self.median_words = median_words  # the tests use shorter texts, to stay quick
        self.block = block
        self.texts = [src[0].read_text(encoding="utf-8") for src in SOURCES]
        self.bodies = [_body(_paragraphs(t)) for t in self.texts]

    def record(self, k: int) -> dict[str, Any]:
        rng = random.Random(k)
        run = k // self.block
        i = run % len(SOURCES)
        _, speaker, publisher, date, title, prints_date = SOURCES[i]
        cycles = (run // len(SOURCES)) % 3
        paras = _paragraphs(self.texts[i])
        target = min(MAX_WORDS, max(MIN_WORDS, int(rng.lognormvariate(0, 0.45) * self.median_words)))
        words = sum(len(p.split()) for p in paras)
        while words < target:
            others = self.bodies[rng.randrange(len(SOURCES))]
            p = others[rng.randrange(len(others))]
            paras.append(p)
            words += len(p.split())
        text = "\n\n".join(paras) + "\n"
        if speaker:
            text = text.replace(speaker, made_up_name(k))
        text = _shift(text, cycles)
        day = dt.date.fromisoformat(date)
        pub = day.replace(year=day.year - CYCLE * cycles).isoformat()
        give_date = not prints_date or rng.random() < 0.7
        return {"id": f"synth-{k:06d}", "text": text, "title": title,
                "url": f"https://news.example.org/{k // 1000}/{k:06d}.html",
                "publisher": publisher if rng.random() < 0.5 else PUBLISHERS[k % len(PUBLISHERS)],
                "publication_date": pub if give_date else None}

    def records(self, n: int, start: int = 0) -> Iterator[dict[str, Any]]:
        return (self.record(k) for k in range(start, start + n))


def _renamed(r: dict[str, Any], rename: dict[str, str] | None) -> dict[str, Any]:
    return {(rename or {}).get(k, k): v for k, v in r.items()}


def write_jsonl(path: Path, records: Iterable[dict[str, Any]], rename: dict[str, str] | None = None) -> Path:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "wt", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(_renamed(r, rename), ensure_ascii=False) + "\n")
    return path


def write_parquet(path: Path, records: list[dict[str, Any]], rename: dict[str, str] | None = None,
                  row_group_size: int = 10_000) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rename = rename or {}
    cols = {rename.get(k, k): [r.get(k) for r in records] for k in ("id", "text", "title", "url", "publisher")}
    dates = [dt.date.fromisoformat(r["publication_date"]) if r.get("publication_date") else None for r in records]
    cols[rename.get("publication_date", "publication_date")] = pa.array(dates, type=pa.date32())
    pq.write_table(pa.table(cols), path, row_group_size=row_group_size)
    return path


def write_folder(folder: Path, records: list[dict[str, Any]], rename: dict[str, str] | None = None) -> Path:
    """One .txt per text and metadata.csv (file, id, title, url, publisher, publication_date)."""
    folder.mkdir(parents=True, exist_ok=True)
    fields = ["id", "title", "url", "publisher", "publication_date"]
    with open(folder / "metadata.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["file"] + [(rename or {}).get(f, f) for f in fields])
        for r in records:
            name = f"{r['id']}.txt"
            (folder / name).write_text(r["text"], encoding="utf-8")
            w.writerow([name] + [r[f] or "" for f in fields])
    return folder


if __name__ == "__main__":
    out, n = Path(sys.argv[1]), int(sys.argv[2])
    print(write_jsonl(out, Archive().records(n)))
