"""Coding rules across the events of one article (the per-event rules are in coding_rules.py,
the rules across articles in corpus_rules.py):

- one clause, one reading: two events on the same trigger need a note (on either) that names the
  other and says why both hold;
- force size or composition reported with an attack is an asset of the attack, not an event:
  PLOVER, 'If a document reports a MOBILIZE event in the context of an ASSAULT, only the ASSAULT
  should be coded' (a show of force sharing its agent or an asset with an attack of the article);
- a speech event whose content is coded as events of their own carries no CAMEO code: it is an
  utterance (events.event_kind), CAMEO 010 'is not coded except when distinctions among 011 to 017
  cannot be made ... statements are typically subordinate events'.
Each problem is reported at the event that breaks the rule; a TODO note of `newsfacts draft` defers it."""
from __future__ import annotations

from typing import Any

from .coding_rules import Q_UTTERANCE, deferred, names
from .context import Ctx, short

Q_MOBILIZE = ("PLOVER, MOBILIZE: 'If a document reports a MOBILIZE event in the context of an ASSAULT, only the ASSAULT "
              "should be coded'")
FORCE_ROOTS = ("18", "19", "20")


def _slug(event_id: str) -> str:
    return event_id.split("/", 1)[1]


def article_event_rules(ctx: Ctx, built: list[tuple[dict[str, Any], dict[str, Any]]], out: dict[str, list[dict[str, Any]]]) -> None:
    rows = {r["event_id"]: r for _, r in built}
    coding = {r["event_id"]: e for e, r in built}
    sources: dict[str, set[str]] = {}
    for link in out["event_actors"]:
        if link["event_id"] in rows and link.get("cameo_role") == "source":
            sources.setdefault(link["event_id"], set()).add(link["actor_id"])
    assets: dict[str, set[str]] = {}
    for link in out["event_assets"]:
        if link["event_id"] in rows:
            assets.setdefault(link["event_id"], set()).add(link["asset_id"])
    _one_reading(ctx, rows)
    _mobilize_in_assault(ctx, rows, sources, assets)
    _speech_events(ctx, rows, coding, sources)


def _one_reading(ctx: Ctx, rows: dict[str, dict[str, Any]]) -> None:
    by_trigger: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for r in rows.values():
        by_trigger.setdefault((r["trigger_start"], r["trigger_end"]), []).append(r)
    for same in by_trigger.values():
        for i, r in enumerate(same):
            for other in same[:i]:
                a, b = _slug(other["event_id"]), _slug(r["event_id"])
                if deferred(r["coding_note"]) or names(r["coding_note"], a) or names(other["coding_note"], b):
                    continue
                ctx.bad(f"events {short(b)}", f"codes the same trigger as event {a!r} ({short(r['trigger_text'])}): one clause, "
                        "one reading, unless the words say two things",
                        f"keep the one reading the manuals give the words and remove the other, or add a note to either that names "
                        f"the other ({a} or {b}) and says why both hold (two days, two actors)")


def _mobilize_in_assault(ctx: Ctx, rows: dict[str, dict[str, Any]], sources: dict[str, set[str]], assets: dict[str, set[str]]) -> None:
    attacks = [r for r in rows.values() if (r.get("cameo_root") or "") in FORCE_ROOTS]
    for r in rows.values():
        if r.get("cameo_root") != "15" or deferred(r["coding_note"]):
            continue
        for a in attacks:
            shared = (sources.get(r["event_id"], set()) & sources.get(a["event_id"], set())) | \
                     (assets.get(r["event_id"], set()) & assets.get(a["event_id"], set()))
            if shared and not names(r["coding_note"], _slug(a["event_id"])):
                what = ", ".join(sorted(_slug(x) for x in shared))
                ctx.bad(f"events {short(_slug(r['event_id']))}", f"a show of force (CAMEO {r['cameo_code']}) by the same "
                        f"{'actor or asset' if len(shared) == 1 else 'actors or assets'} ({what}) as the attack "
                        f"{_slug(a['event_id'])!r}: {Q_MOBILIZE}",
                        "remove the event and give the force's size and composition as assets of the attack (quantity, part_of), "
                        f"listing the sentence under uncoded: if no row covers it; or add a note naming {_slug(a['event_id'])} and "
                        "saying why the show of force stands apart from the attack")
                break


def _speech_events(ctx: Ctx, rows: dict[str, dict[str, Any]], coding: dict[str, dict[str, Any]], sources: dict[str, set[str]]) -> None:
    quotes = ctx.art.coding.get("quotes")
    speech = {ctx.qid(str(q.get("speech_event"))) for q in quotes if isinstance(q, dict) and q.get("speech_event")} \
        if isinstance(quotes, list) else set()
    for eid in sorted(speech & set(rows)):
        r = rows[eid]
        if r["event_kind"] != "act" or deferred(r["coding_note"]):
            continue
        speakers = sources.get(eid, set())
        content = sorted(_slug(o["event_id"]) for o in rows.values()
                         if o["event_id"] != eid and o["event_kind"] == "act" and o.get("asserted_by") in speakers)
        if content:
            ctx.bad(f"events {short(_slug(eid))}", f"is the speech event of quotes whose content is coded as events of their own "
                    f"({', '.join(content)}), and it is coded CAMEO {r['cameo_code']} as well: {Q_UTTERANCE}",
                    "make it kind: utterance without cameo: and plover: (it stays in the tables as the utterance, with speaker, "
                    "addressee, date and place), or code what the words say as the one event")
