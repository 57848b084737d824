"""How much of a final coding the draft already holds: each published row of an article is
looked for, field by field, among the rows its draft builds (issue 17: a draft reviewed as it
is codes at least half of the final rows unchanged).

    python benchmarks/draft_agreement.py [ARTICLE_ID ...]     # default: every article

A row counts as unchanged when a drafted row has the same values in the fields a coder decides
(ids aside: the draft names rows its own way, so actors, places and assets are compared by the
names they stand for, case, stops and spaces aside; an event's trigger by the words it shares
with the final one, in the same sentence). Prints per table: final rows, rows the draft has unchanged, share."""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

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


def _key(table: str, row: dict, names: dict) -> tuple:
    vals = []
    for f in FIELDS[table]:
        v = row.get(f)
        if f in REFS and v is not None:
            v = names[REFS[f]].get(v, v)
        elif f == "name":
            v = _norm(v)
        elif f == "date_start" and isinstance(v, str):
            v = v[:10]  # the published column is a datetime, the draft's a date
        vals.append(None if v != v else v)  # NaN as None
    return tuple(vals)


def _same_words(table: str, final: dict, drafted: dict) -> bool:
    """An event's trigger is the same when the two spans share words ("held" in "held a video
    conference"): the coder keeps the drafted event and its codes."""
    if table != "events":
        return True
    return drafted["trigger_start"] < final["trigger_end"] and final["trigger_start"] < drafted["trigger_end"]


def agreement(aid: str) -> dict[str, tuple[int, int]]:
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
        free = [(_key(t, r, dn), r) for r in drafted.get(t, [])]
        same = 0
        for r in final[t]:
            k = _key(t, r, fn)
            hit = next((i for i, (dk, dr) in enumerate(free) if dk == k and _same_words(t, r, dr)), None)
            if hit is not None:
                free.pop(hit)
                same += 1
        out[t] = (len(final[t]), same)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("articles", nargs="*")
    a = ap.parse_args()
    ids = a.articles or sorted(p.name for p in (ROOT / "build" / "articles").iterdir() if (p / "coding.yaml").exists())
    grand = [0, 0]
    for aid in ids:
        res = agreement(aid)
        n, s = sum(v[0] for v in res.values()), sum(v[1] for v in res.values())
        grand[0] += n
        grand[1] += s
        parts = "  ".join(f"{t} {v[1]}/{v[0]}" for t, v in res.items())
        print(f"{aid:52} unchanged {s}/{n} ({s / max(n, 1):.0%})  {parts}")
    print(f"TOTAL unchanged {grand[1]}/{grand[0]} ({grand[1] / max(grand[0], 1):.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
