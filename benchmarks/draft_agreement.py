"""How much of a final coding the draft already holds (issues 17 and 29): each published row of
an article is looked for among the rows its draft builds, table by table.

    python benchmarks/draft_agreement.py [ARTICLE_ID ...]     # default: every article
    python benchmarks/draft_agreement.py --write              # also rewrite its sections of
                                                              # benchmarks/RESULTS.md and README.md

Per table, every final row is one of:
- right: a drafted row has the same values in every field a coder decides (ids aside: the draft
  names rows its own way, so actors, places and assets are compared by the names they stand for,
  case, stops and spaces aside; an event's trigger by the words it shares with the final one);
- with an error: a drafted row stands for the same thing (the same quoted span, name, or trigger
  in the same sentence; for a link, the same event and actor) but a decided field differs;
- missed: no drafted row stands for it;
and every drafted row left over is a wrong suggestion (the coder deleted it). The draft is
deterministic, so the figures can be re-run at any time."""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

# The fields a coder decides, by table; *_id fields are compared through the name they refer to.
FIELDS = {
    "quotes": ("kind", "start", "end", "speaker_id"),
    "actors": ("name", "actor_type", "country", "cameo_code"),
    "places": ("name", "place_type", "country", "geonames_id"),
    "assets": ("name", "category", "designation", "operator_id", "quantity_value"),
    "events": ("sentence_id", "cameo_code", "plover_type", "polarity", "modality", "date_start", "place_id"),
    "event_actors": ("event_id", "actor_id", "role"),
}
REFS = {"speaker_id": "actors", "operator_id": "actors", "actor_id": "actors", "place_id": "places", "event_id": "events"}


def _norm(name: object) -> object:
    """'U.S. Navy' and 'US Navy' are one name: case, stops and spaces aside."""
    return re.sub(r"[\s.’']", "", name).lower() if isinstance(name, str) else name


def _names(tables: dict[str, list[dict]]) -> dict[str, dict[str, object]]:
    out = {t: {r[f"{t[:-1]}_id"]: _norm(r["name"]) for r in tables.get(t, [])} for t in ("actors", "places")}
    out["events"] = {r["event_id"]: (r["sentence_id"], r.get("cameo_code")) for r in tables.get("events", [])}
    return out


def _values(row: dict, fields: tuple[str, ...], names: dict) -> tuple:
    """The row's values in `fields`, references through the names they stand for."""
    vals = []
    for f in fields:
        v = row.get(f)
        if f in REFS and v is not None:
            v = names[REFS[f]].get(v, v)
        elif f == "name":
            v = _norm(v)
        elif f == "date_start" and isinstance(v, str):
            v = v[:10]  # the published column is a datetime, the draft's a date
        vals.append(None if v != v else v)  # NaN as None
    return tuple(vals)


def _key(table: str, row: dict, names: dict) -> tuple:
    return _values(row, FIELDS[table], names)


# What a row stands for, field by field: the second pass pairs a drafted row with the final row it
# meant (its values then differ in some decided field).
IDENTITY = {
    "quotes": (),  # any quote whose span overlaps (_overlap)
    "actors": ("name",),
    "places": ("name",),
    "assets": ("name",),
    "events": ("sentence_id",),  # with overlapping triggers
    "event_actors": ("event_id", "actor_id"),
}


def _identity(table: str, row: dict, names: dict) -> tuple:
    return _values(row, IDENTITY[table], names)


def _overlap(table: str, final: dict, drafted: dict) -> bool:
    if table == "quotes":
        return drafted["start"] < final["end"] and final["start"] < drafted["end"]
    return _same_words(table, final, drafted)


def _same_words(table: str, final: dict, drafted: dict) -> bool:
    """An event's trigger is the same when the two spans share words ("held" in "held a video
    conference"): the coder keeps the drafted event and its codes."""
    if table != "events":
        return True
    ds, de, fs, fe = (r.get(c) for r in (drafted, final) for c in ("trigger_start", "trigger_end"))
    return None not in (ds, de, fs, fe) and ds < fe and fs < de


class Counts(NamedTuple):
    final: int
    right: int
    error: int
    missed: int
    wrong: int


def agreement(aid: str) -> dict[str, Counts]:
    import pandas as pd

    import newsfacts
    from newsfacts.draft import draft

    art = ROOT / "build" / "articles" / aid
    import yaml

    source = yaml.safe_load((art / "source.yaml").read_text(encoding="utf-8"))
    d = draft(art / "article.txt", source["publisher"], source.get("publication_date"), source.get("title"), aid)
    final: dict[str, list[dict]] = {}
    for t in FIELDS:
        df = newsfacts.load(t)
        df = df[df["article_id"] == aid]
        final[t] = [{k: (None if pd.isna(v) else (v.isoformat() if hasattr(v, "isoformat") else v)) if not isinstance(v, list) else v
                     for k, v in r.items()} for r in df.to_dict("records")]
    drafted = {t: [{k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in r.items()} for r in rows]
               for t, rows in d["tables"].items()}
    fn, dn = _names(final), _names(drafted)
    out = {}
    for t in FIELDS:
        free = [(_key(t, r, dn), _identity(t, r, dn), r) for r in drafted.get(t, [])]
        left = []
        right = 0
        for r in final[t]:
            k = _key(t, r, fn)
            hit = next((i for i, (dk, _, dr) in enumerate(free) if dk == k and _same_words(t, r, dr)), None)
            if hit is not None:
                free.pop(hit)
                right += 1
            else:
                left.append(r)
        error = 0
        for r in left:
            k = _identity(t, r, fn)
            hit = next((i for i, (_, di, dr) in enumerate(free) if di == k and _overlap(t, r, dr)), None)
            if hit is not None:
                free.pop(hit)
                error += 1
        out[t] = Counts(len(final[t]), right, error, len(left) - error, len(free))
    return out


BEGIN, END = "<!-- draft_agreement.py: begin -->", "<!-- draft_agreement.py: end -->"


def table(results: dict[str, dict[str, Counts]]) -> str:
    """One line per article and a total: right / final rows per table, and the four counts summed."""
    cols = list(FIELDS)
    lines = ["| article | " + " | ".join(cols) + " | right | with an error | missed | wrong suggestions |",
             "|---|" + "---|" * (len(cols) + 4)]
    total = {t: Counts(0, 0, 0, 0, 0) for t in cols}
    for aid, res in results.items():
        s = Counts(*(sum(getattr(v, f) for v in res.values()) for f in Counts._fields))
        cells = [f"{res[t].right}/{res[t].final}" for t in cols]
        lines.append(f"| `{aid}` | " + " | ".join(cells) + f" | {s.right}/{s.final} ({s.right / max(s.final, 1):.0%}) | "
                     f"{s.error} | {s.missed} | {s.wrong} |")
        total = {t: Counts(*(a + b for a, b in zip(total[t], res[t]))) for t in cols}
    s = Counts(*(sum(getattr(v, f) for v in total.values()) for f in Counts._fields))
    lines.append(f"| **all {len(results)} articles** | " + " | ".join(f"{total[t].right}/{total[t].final}" for t in cols)
                 + f" | {s.right}/{s.final} ({s.right / max(s.final, 1):.0%}) | {s.error} | {s.missed} | {s.wrong} |")
    per_table = "; ".join(f"{t}: {v.right} right, {v.error} with an error, {v.missed} missed, {v.wrong} wrong"
                          for t, v in total.items())
    return "\n".join(lines) + f"\n\nPer table, all articles: {per_table}.\n"


def _write(path: Path, block: str, intro: str) -> None:
    text = path.read_text(encoding="utf-8")
    body = f"{BEGIN}\n{intro}\n\n{block}{END}"
    if BEGIN in text:
        text = text[:text.index(BEGIN)] + body + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + body + "\n"
    path.write_text(text, encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("articles", nargs="*")
    ap.add_argument("--write", action="store_true", help="rewrite the sections of benchmarks/RESULTS.md and README.md")
    a = ap.parse_args()
    ids = a.articles or sorted(p.name for p in (ROOT / "build" / "articles").iterdir() if (p / "coding.yaml").exists())
    results = {}
    for aid in ids:
        res = results[aid] = agreement(aid)
        n, r = sum(v.final for v in res.values()), sum(v.right for v in res.values())
        parts = "  ".join(f"{t} {v.right}/{v.final}" for t, v in res.items())
        print(f"{aid:52} right {r}/{n} ({r / max(n, 1):.0%})  {parts}  "
              f"(error {sum(v.error for v in res.values())}, missed {sum(v.missed for v in res.values())}, "
              f"wrong {sum(v.wrong for v in res.values())})")
    block = table(results)
    print(block)
    if a.write and not a.articles:
        intro = ("`python benchmarks/draft_agreement.py --write`: for each article, `newsfacts draft` (deterministic) against "
                 "the published coding. A cell is rows the draft proposed exactly right / final rows; *with an error*: "
                 "a drafted row for the same thing with a decided field wrong; *missed*: final rows the draft has nothing "
                 "for; *wrong suggestions*: drafted rows the coder deleted.")
        _write(ROOT / "benchmarks" / "RESULTS.md", block, "### The draft against the final coding, per article\n\n" + intro)
        _write(ROOT / "README.md", block, intro)
    return 0


if __name__ == "__main__":
    sys.exit(main())
