"""build/codelists/cameo_goldstein.csv: the Goldstein score of each CAMEO event code, from GDELT's
lookup table CAMEO.goldsteinscale.txt (vendor/gdelt/; derive/sources.py pins it and its terms).

One row per code of the table, the score as the table writes it. The build joins it to each
event's CAMEO code for event_dyads.goldstein_scale; a code the table lacks (CAMEO 1.1b3's 1951
and 1952, which GDELT's table predates) has no row, so its score stays empty rather than guessed."""
from __future__ import annotations

import re

from .codelists import to_csv

FILE = "CAMEO.goldsteinscale.txt"


def compile_goldstein(table: str) -> str:
    """The code list's CSV text from the table's text (tab-separated: code, score; a header line)."""
    rows, seen = [], set()
    lines = table.splitlines()
    if not lines or lines[0].split("\t")[:2] != ["CAMEOEVENTCODE", "GOLDSTEINSCALE"]:
        raise ValueError(f"{FILE}: the first line is not the header CAMEOEVENTCODE<TAB>GOLDSTEINSCALE")
    for n, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        code, score = (x.strip() for x in line.split("\t")[:2])
        if not re.fullmatch(r"\d{2,4}", code) or not re.fullmatch(r"-?\d+(\.\d+)?", score) or not -10 <= float(score) <= 10:
            raise ValueError(f"{FILE} line {n}: {line[:40]!r} is not a CAMEO code and a score from -10 to 10")
        if code in seen:
            raise ValueError(f"{FILE} line {n}: code {code} a second time")
        seen.add(code)
        rows.append({"code": code, "label": f"Goldstein {score}",
                     "description": f"{FILE} row for {code}, as written", "goldstein": score})
    return to_csv(sorted(rows, key=lambda r: r["code"]))
