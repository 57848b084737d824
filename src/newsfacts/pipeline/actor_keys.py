"""One identity per actor across the corpus: actors.actor_key, and the checks that keep it one.

An actor's id is per article; its key is the same for the same real-world actor in every
article: the coding's `key:`, else its Wikidata QID, else its name as a slug. Across articles
a QID has one key, a key one QID, and a key keeps one CAMEO code among articles published
less than a year apart, unless the coding states a change of office (office_at_date) or a
note naming the code explains it."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import deque
from typing import Any

from ..errors import Problems
from .coding_rules import names

KEY = re.compile(r"^(Q[1-9][0-9]*|[a-z0-9][a-z0-9-]{0,79})$")
QID = re.compile(r"^Q[1-9][0-9]*$")
PERIOD = dt.timedelta(days=365)
FIX_KEY = "give the same real-world actor the same key: in every article (or remove key: to use the QID or the name)"


def name_key(name: str) -> str:
    """A name as a key: ASCII lower case, apostrophes dropped, every other run of non-letters a hyphen."""
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    s = re.sub(r"[^a-z0-9]+", "-", re.sub(r"['’]", "", ascii_.lower())).strip("-")
    return s[:80].rstrip("-") or "actor"


def actor_key(item: dict[str, Any], name: str) -> str:
    """The key of one coded actor (item is its coding entry), before it is checked."""
    key = item.get("key")
    if isinstance(key, str) and key:
        return key
    qid = item.get("wikidata")
    return qid if isinstance(qid, str) and QID.match(qid) else name_key(name)


def key_problem(item: dict[str, Any]) -> tuple[str, str] | None:
    """(what is wrong, fix) with a coded `key:`, or None."""
    key = item.get("key")
    if key is None:
        return None
    if not isinstance(key, str) or not KEY.match(key):
        return (f"key {str(key)[:40]!r} is neither a Wikidata QID nor a slug",
                "write key: <lowercase letters, digits and hyphens>, e.g. key: russian-armed-forces")
    if QID.match(key) and key != item.get("wikidata"):
        return (f"key {key} is a Wikidata QID but the actor's wikidata is {item.get('wikidata') or 'not given'}",
                f"give wikidata: {key} (only where verified), or use a slug as the key")
    return None


def _where(row: dict[str, Any]) -> str:
    return f"build/articles/{row['article_id']}/coding.yaml (actors {row['actor_id'].split('/', 1)[1]!r})"


def check_keys(actors: list[dict[str, Any]], articles: list[dict[str, Any]], problems: Problems, cameo: bool = True) -> None:
    """The cross-article checks, each problem at the row that breaks the first one's key; cameo=False
    leaves out the coding judgment (one CAMEO code per key and year) and checks identities only."""
    published = {a["article_id"]: a["publication_date"] for a in articles}

    def bad(row: dict[str, Any], message: str, fix: str) -> None:
        problems.add(f"build/articles/{row['article_id']}/coding.yaml", f"actors {row['actor_id'].split('/', 1)[1]!r}", message, fix)

    first_key: dict[str, dict[str, Any]] = {}
    first_qid: dict[str, dict[str, Any]] = {}
    for r in actors:
        qid, key = r.get("wikidata_qid"), r["actor_key"]
        if qid:
            seen = first_key.setdefault(qid, r)
            if seen["actor_key"] != key:
                bad(r, f"Wikidata {qid} has the key {key!r} here but {seen['actor_key']!r} in {_where(seen)}", FIX_KEY)
            other = first_qid.setdefault(key, r)
            if other.get("wikidata_qid") != qid:
                bad(r, f"key {key!r} is Wikidata {qid} here but {other['wikidata_qid']} in {_where(other)}",
                    "give different actors different keys, and the same actor the same QID")
    if not cameo:
        return
    # One CAMEO code per key and office within a year: a sliding window over the dated rows.
    groups: dict[tuple[str, Any], list[tuple[dt.date, dict[str, Any]]]] = {}
    for r in actors:
        # A note explains a code when it names it ("SYRMIL here: ..."); a note on something else
        # (how the QID was verified) does not.
        explained = r.get("cameo_code") and names(r.get("coding_note"), r["cameo_code"])
        if r.get("cameo_code") and not explained and r["article_id"] in published:
            groups.setdefault((r["actor_key"], r.get("office_at_date")), []).append((published[r["article_id"]], r))
    for rows in groups.values():
        if len({r["cameo_code"] for _, r in rows}) < 2:
            continue
        rows.sort(key=lambda x: (x[0], x[1]["actor_id"]))
        window: deque[tuple[dt.date, dict[str, Any]]] = deque()
        for day, r in rows:
            while window and day - window[0][0] >= PERIOD:
                window.popleft()
            other = next((o for _, o in window if o["cameo_code"] != r["cameo_code"]), None)
            if other is not None:
                bad(r, f"key {r['actor_key']!r} is CAMEO {r['cameo_code']} here but {other['cameo_code']} in {_where(other)}, "
                       "published less than a year apart",
                    "code the same actor with the same CAMEO code, give one of them its own key:, state the office that changed "
                    "(office_at_date), or add a note naming the code: <why it is CAMEO XXX here>")
            window.append((day, r))
