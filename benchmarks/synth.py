"""Make a corpus of N synthetic articles from the real ones (varied names, dates, publishers).

Used by the benchmarks and one test; the corpus goes to a temporary folder, never into data/.
Copy k takes the real articles in turn and changes, consistently in the text, the coding and
the source metadata:
- a person's surname, to a made-up name of letters only (never digits: a number glued to a
  name would read as a year, and the date reader would infer the wrong publication year);
- every year, by a whole number of 28-year cycles: the calendar repeats every 28 years between
  1901 and 2099, so weekdays, leap days and the inferred year stay consistent with the text;
- the publisher, from a list of made-up ones.
The four real articles stay in as they are (the code-list rules in build/codelists/rules.yaml
cite their rows), so every copy builds and validates like the original."""
from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "build" / "articles"
PARTS = ("build/codelists", "build/package.yaml", "build/links.yaml", "schemas", "validation/custom.yaml", "README.md",
         "LICENSE-DATA.md", "CITATION.cff")
# The surname each copy renames, per real article (one that is no other word of the text).
SURNAMES = {
    "tass-2015-10-22-ivanov": "Ivanov",
    "dod-2015-10-07-carter-sigonella-russia-syria": "Carter",
    "dod-2016-12-21-us-russia-flight-safety-syria": "Slotkin",
    "voa-2016-04-14-russian-jets-flybys-uss-donald-cook": "Donald Cook",
}
PUBLISHERS = ("Northgate Wire", "Harbor Ledger", "Plains Courier", "Meridian News Service",
              "Eastbay Dispatch", "Summit Press Agency", "Lakeside Herald")
SYLLABLES = ("ka", "ro", "vi", "ne", "lu", "sa", "mo", "ti", "re", "da", "po", "ze", "gu", "fa", "bi", "ho")
YEAR = re.compile(r"\b(19[5-9]\d|20[0-3]\d)\b")
CYCLE = 28


def made_up_name(k: int) -> str:
    """A distinct capitalised name of letters only for every k >= 0 (base-16 digits as syllables)."""
    parts = []
    while True:
        k, digit = divmod(k, len(SYLLABLES))
        parts.append(SYLLABLES[digit])
        if k == 0:
            break
        k -= 1  # bijective numbering: 'ka' and 'kaka' are different names
    return ("".join(parts) + "nov").capitalize()


def _shift_years(s: str, cycles: int) -> str:
    return YEAR.sub(lambda m: str(int(m.group()) - CYCLE * cycles), s) if cycles else s


def made_up_publisher(k: int, seed: int, seeds: int) -> str:
    """A made-up publisher for copy k of seed article `seed`: each name stands for one seed's publisher
    only, so one publisher keeps one CAMEO code across the corpus (actor keys are checked for that)."""
    mine = PUBLISHERS[seed::seeds]
    return mine[(k // seeds) % len(mine)]


def make_corpus(dest: Path, n: int) -> Path:
    """dest/ becomes a checkout of n articles: the real ones, then synthetic copies up to n."""
    for part in PARTS:
        src, dst = ROOT / part, dest / part
        dst.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, dst)
    seeds = sorted(SURNAMES)
    for seed in seeds:
        shutil.copytree(ARTICLES / seed, dest / "build" / "articles" / seed)
    files = {s: {f: (ARTICLES / s / f).read_text(encoding="utf-8") for f in ("article.txt", "coding.yaml", "source.yaml")}
             for s in seeds}
    publisher = {s: re.search(r"(?m)^publisher: (.*)$", files[s]["source.yaml"]).group(1) for s in seeds}
    for k in range(len(seeds), n):
        seed = seeds[k % len(seeds)]
        surname = SURNAMES[seed]
        name = made_up_name(k)
        new = surname.rsplit(" ", 1)[0] + " " + name if " " in surname else name
        cycles = (k // len(seeds)) % 3
        folder = dest / "build" / "articles" / f"synth-{k:06d}"
        folder.mkdir(parents=True)
        for fname, body in files[seed].items():
            body = _shift_years(body.replace(surname, new), cycles)
            if fname != "article.txt":  # the text keeps its words; the metadata and the coding name the new publisher
                body = body.replace(publisher[seed], made_up_publisher(k, seeds.index(seed), len(seeds)))
            (folder / fname).write_text(body, encoding="utf-8")
    return dest


if __name__ == "__main__":
    print(make_corpus(Path(sys.argv[1]), int(sys.argv[2])))
