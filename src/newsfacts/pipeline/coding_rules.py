"""The coding rules that follow the manuals (CAMEO 1.1b3, the PLOVER manual, ACLED's codebook),
checked on every event and actor. Each rule has example rows in build/codelists/rules.yaml
and a bad-coding fixture named for its defect; a coding that deviates stands only with a
`note:` (published as coding_note) that gives the reason, quoting the manual where it can.

Event rules
- intent: what is only intended or will happen is coded by CAMEO's intent codes (03x) or
  threat codes (13x), and PLOVER's AGREE or THREATEN, never as the action itself;
- intent coded twice: an expression of intent (03x, 13x) is itself the event (it happened):
  its modality is actual and its tense that of the expression;
- hypothetical: a conditional use of force is a threat (13x, THREATEN);
- requested: what is only asked for is an appeal (02x) or a demand (10x);
- double negation: polarity negative on a code that already says no;
- verbal acts (CAMEO quad classes 1 and 3) are dated and placed at their utterance;
- a consultation by telephone or video (CAMEO 041, PLOVER mode phone) has no one place;
- a target where the manuals require one (CAMEO 02x appeals, 15x force posture, PLOVER
  categories that require a recipient);
- ACLED types only for one interaction, with a day, week or month date and a sub-national place.
Actor rules
- defence ministers, secretaries and ministries are GOVMIL (CAMEO 3.1.4), as the Phoenix
  agents dictionary codes them;
- UAF only as the last resort, with the reason;
- an actor's type agrees with its CAMEO code (build/codelists/actor_types.csv, cameo_roles);
- an actor's country is its CAMEO country code's."""
from __future__ import annotations

import re
from typing import Any

from .context import Ctx

# CAMEO labels that already say no, refuse or step back: negating them negates twice.
NEGATIVE_LABEL = re.compile(r"\b(?:Reject|Refuse|Decline|Deny|de-escalat|De-escalate|Halt|Veto|Ease|Retreat|Reduce)", re.I)
ACLED_PRECISIONS = ("day", "week", "month")
INTENT_ROOTS = ("03", "13")
VERBAL_QUADS = (1, 3)

Q_INTENT = ("CAMEO 036 'refers to future commitments to meet ... when meetings ... do take place, those are coded under "
            "category 04'; PLOVER: cooperative actions 'reported in future tense ... should be coded as AGREE'; CAMEO 131: "
            "'When non-force threats are actually carried out codes 160-166 should be used instead'")
Q_HYPOTHETICAL = ("PLOVER: 'THREATEN could be ASSAULT + hypothetical. In situations like these, the coder should always return "
                  "the single event category, not a category+auxiliary'")
Q_GOVMIL = "CAMEO 3.1.4: secretaries and ministers of defence 'exercise control over military affairs and are thus coded [XXXGOVMIL]'"
Q_UAF = "CAMEO: UAF is 'a last resort when an armed group cannot be identified either as MIL or REB'"
Q_ACLED = "ACLED: 'Barring some Strategic developments events, ACLED does not record events that are imprecise to the country level'"
Q_TARGET = {"02": "CAMEO 023: 'the actor whom the request is directed to should be coded as the target'",
            "15": "CAMEO 150: 'Targets are actors against whom the source mobilizes'"}


def event_rules(ctx: Ctx, rec: str, e: dict[str, Any], cameo: str, label: str | None, quad: int | None,
                date: dict[str, Any], place_type: str | None, plover: dict[str, Any], note: str | None) -> None:
    if note:
        return  # the coder's reason stands for every rule; it is published as coding_note
    root, modality, tense = cameo[:2], e.get("modality"), e.get("tense")
    what = f"CAMEO {cameo} ({label})" if label else f"CAMEO {cameo}"
    if (modality == "intended" or tense == "future") and root not in INTENT_ROOTS:
        ctx.bad(rec, f"an intended or future event is coded {what} as if it were the action itself",
                f"code the expression of intent: 03x (express intent to cooperate; PLOVER AGREE) or 13x (threaten; PLOVER "
                f"THREATEN), with modality actual and the tense of the expression ({Q_INTENT}), or add note: <why>")
    if root in INTENT_ROOTS and (modality == "intended" or tense == "future"):
        ctx.bad(rec, f"intent coded twice: {what} is an expression of intent, and the event also has modality {modality}, tense {tense}",
                "the expression is the event and it happened: modality actual, the tense of the expression (said: past), or add note: <why>")
    if modality == "hypothetical" and root != "13":
        ctx.bad(rec, f"a hypothetical event is coded {what}", f"code a conditional use of force as a threat (13x, THREATEN): "
                f"{Q_HYPOTHETICAL}; or add note: <why>")
    if modality == "requested" and root not in ("02", "10"):
        ctx.bad(rec, f"a requested event is coded {what}", "code what is asked for as an appeal (02x) or a demand (10x; PLOVER "
                "REQUEST), or add note: <why>")
    if e.get("polarity") == "negative" and (root == "12" or (label and NEGATIVE_LABEL.search(label))):
        ctx.bad(rec, f"double negation: polarity negative on {what}, which already says no",
                "code a negated event by the CAMEO code of the positive action (polarity carries the negation), or add note: <why>")
    if quad in VERBAL_QUADS:
        missing = [k for k, v in (("date", date.get("date_start")), ("place", e.get("place"))) if not v]
        if missing:
            ctx.bad(rec, f"{what} is a verbal act, and it has no {' and no '.join(missing)}",
                    "date and place a statement, appeal, accusation or threat where it was uttered (the speech's date words and "
                    "place, or the dateline's), or add note: <why the text does not give them>")
    if e.get("place") and (cameo == "041" or plover.get("mode") == "phone"):
        ctx.bad(rec, f"{what} is a consultation by telephone or video, and it has a place",
                "leave out the place (the sides are in different places; CAMEO 041 'Discuss by telephone'), or add note: <why>")
    links = e.get("actors") if isinstance(e.get("actors"), list) else []
    roles = ctx.codes.get("event_actors.role")
    recipients = [l for l in links if isinstance(l, dict) and roles and roles.rows.get(l.get("role"), {}).get("plover_role") == "recipient"]
    types = ctx.lists.get("plover_types")
    needs = Q_TARGET.get(root) or (f"PLOVER {plover.get('type')}: 'Requires recipient: Yes'"
                                  if types and types.rows.get(plover.get("type") or "", {}).get("requires_recipient") == "yes" else None)
    if needs and not recipients:  # an actor: CAMEO's targets are actors, an asset hit is not one
        ctx.bad(rec, f"{what} needs a target ({needs}), and the event has none",
                "add the actor the event is directed at with role: target (or addressee), or add note: <why the text names none>")
    acled = e.get("acled") or {}
    if acled.get("type") or acled.get("sub_type"):
        why = []
        if date.get("date_precision") not in ACLED_PRECISIONS:
            why.append("no date" if not date.get("date_precision") else f"a date of {date['date_precision']} precision")
        if not e.get("place"):
            why.append("no place")
        elif place_type == "country":
            why.append("only a country for its place")
        if why:
            ctx.bad(f"{rec} acled", f"an ACLED type is for one interaction at one time and place, but the event has {' and '.join(why)}",
                    f"remove acled: from an aggregate, ongoing or country-level event ({Q_ACLED}), give it its date and "
                    "sub-national place, or add note: <why>")


def _words(s: Any) -> list[str]:
    return re.findall(r"[a-z]+", str(s).lower()) if s else []


def govmil_phrase(strings: list[str]) -> str | None:
    """The Phoenix agents phrase coded GOVMIL that one of the strings holds ("defense secretary")."""
    from ..dictionaries import phoenix

    agents = [a for a in phoenix.agents() if a.code == "GOVMIL"]
    for s in strings:
        w = _words(s)
        for a in agents:
            n = len(a.words)
            for i in range(len(w) - n + 1):
                head, last = w[i:i + n - 1], w[i + n - 1]
                if list(a.words[:-1]) == head and (last == a.words[-1] or (not a.exact and last.startswith(a.words[-1]))):
                    return " ".join(a.words)
    return None


def actor_rules(ctx: Ctx, rec: str, a: dict[str, Any], note: str | None) -> None:
    if note:
        return
    code = a.get("cameo")
    if not isinstance(code, str) or not code:
        return
    parts = [code[i:i + 3] for i in range(0, len(code), 3)]
    actors = ctx.lists.get("cameo_actors")
    kinds = {p: actors.rows[p].get("kind") for p in parts if actors and p in actors.rows}
    roles = [p for p in parts if kinds.get(p) not in ("country", "region")]
    title = a.get("title")
    title = title.get("words") if isinstance(title, dict) else title
    phrase = govmil_phrase([a.get("name"), title, *(a.get("aliases") or [])])
    if phrase and "GOVMIL" not in "".join(roles) and a.get("type") not in ("military_unit", "media"):
        ctx.bad(f"{rec} cameo", f"{code}: {a.get('name')!r} is a defence {('ministry' if 'minist' in phrase or 'department' in phrase else 'official')} "
                f"('{phrase}'), coded without GOVMIL", f"code it XXXGOVMIL ({Q_GOVMIL}), or add note: <why>")
    if "UAF" in roles:
        ctx.bad(f"{rec} cameo", f"{code}: UAF without the reason no other code fits", f"use MIL for state forces, REB for armed "
                f"opposition, IMG for an international militarized group, or keep UAF and add note: <why> ({Q_UAF})")
    types = ctx.lists.get("actor_types")
    allowed = types.rows.get(a.get("type") or "", {}).get("cameo_roles") if types else None
    if allowed is not None and allowed != "*":
        ok = set(allowed.split("|")) if allowed else set()
        joined = "".join(roles)
        fits = (not roles) if not allowed else any(joined.startswith(r) or r in roles for r in ok)
        if not fits:
            ctx.bad(f"{rec} cameo", f"actor type {a.get('type')!r} does not go with CAMEO {code}",
                    f"a {a.get('type')} is coded with {', '.join(sorted(ok)) or 'a bare country code'} "
                    "(build/codelists/actor_types.csv); change the type or the code, or add note: <why>")
    head = actors.rows.get(parts[0]) if actors else None
    if head and head.get("kind") == "country":
        want = head.get("iso3") or None
        if want and a.get("country") != want:
            ctx.bad(f"{rec} country", f"CAMEO {code} is an actor of {want}, the coding says country {a.get('country') or 'none'}",
                    f"write country: {want}, or add note: <why the affiliation differs>")
