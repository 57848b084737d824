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
Rules a note excuses only when it says what the rule asks (a TODO note of `newsfacts draft`
defers them: it stops a publish anyway)
- a code whose definition sets a condition the words must meet (cameo_events.csv `condition`:
  072 delivery, 036 meetings or talks, 0356 easing conflict, 138 force not yet used, 019 no
  commitment, 010 nothing more specific) needs a note quoting the condition; every code an event
  uses has the manual's definition in the code list;
- every event has a source actor (PLOVER's actor is required): an unknown one is coded as an
  actor of type unknown, with a note;
- an utterance (a speech event whose content is coded as events of its own) carries no CAMEO,
  PLOVER or ACLED code, and has its speaker;
- a verbal act takes the place of its utterance (the dateline's, or a speech event's) or none;
- PLOVER's `diplomatic` is the manual's 'Formal diplomatic relations ... between nation-states':
  not on an event all of whose actors are of one state, unless the note says why.
Actor rules
- defence ministers, secretaries and ministries are GOVMIL (CAMEO 3.1.4), as the Phoenix
  agents dictionary codes them;
- UAF only as the last resort, with the reason;
- an actor's type agrees with its CAMEO code (build/codelists/actor_types.csv, cameo_roles);
- an actor's country is its CAMEO country code's."""
from __future__ import annotations

import re
from typing import Any

from .context import Ctx, short

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
Q_ACTOR = "PLOVER manual, the event record's fields: 'actor & list of entity objects & & Y' (required), 'recipient' optional"
Q_UTTERANCE = ("CAMEO 010: 'This residual category is not coded except when distinctions among 011 to 017 cannot be made. "
               "Note that statements are typically subordinate events'")
Q_VERBAL_PLACE = "a verbal act takes the place and date of its utterance, not of what it is about"
TODO = "TODO"


def deferred(note: str | None) -> bool:
    """A note of `newsfacts draft` that leaves a rule to the coder: a TODO mark stops a publish anyway."""
    return isinstance(note, str) and note.lstrip().startswith(TODO)


def _plain(s: str) -> str:
    s = s.lower().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", s).strip(" .;:'\"")


def quotes(note: str | None, words: str) -> bool:
    """Whether a note quotes the words (case, curly quotes and spacing aside)."""
    return bool(note) and _plain(words) in _plain(note)


def names(note: str | None, word: str) -> bool:
    """Whether a note names a code, an id or a context as a word of its own."""
    return bool(note) and re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", note, re.I) is not None


def code_rules(ctx: Ctx, rec: str, cameo: str, row: dict[str, str] | None, note: str | None) -> None:
    """A code's definition travels with it, and a code with a condition holds only with a note quoting it."""
    if row is None or deferred(note):
        return
    what = f"CAMEO {cameo} ({row['label']})"
    if not row.get("definition"):
        ctx.bad(rec, f"{what} has no definition in build/codelists/cameo_events.csv, so no coder or reader can check "
                     "the event against it", f"add the manual's Description and Usage Notes of {cameo} (CAMEO 1.1b3, chapter 2) "
                     "to its definition and usage_notes columns, word for word")
    cond = row.get("condition")
    if cond and not quotes(note, cond):
        ctx.bad(rec, f"{what} holds only where the words meet its condition, '{cond}' (CAMEO 1.1b3), and the event's "
                     "note does not quote it", f"quote the condition in note: and name the words that meet it, or choose the "
                     f"code whose definition the words meet (docs/codebook.md lists each code's definition)")


def source_rule(ctx: Ctx, rec: str, links: list[Any], note: str | None) -> None:
    """Every event has its actor: CAMEO's source, PLOVER's required actor."""
    roles = ctx.codes.get("event_actors.role")
    if roles is None or deferred(note):
        return
    sources = [l for l in links if isinstance(l, dict) and roles.rows.get(l.get("role"), {}).get("cameo_role") == "source"]
    if not sources:
        ctx.bad(rec, f"has no source actor ({Q_ACTOR}; CAMEO codes every event from a source to a target)",
                "link the actor who acts (role: agent, speaker, requester, organizer or participant); where the text does not "
                "say who, add an actor of type: unknown whose evidence is the words of the act, with a note, and link it")


def utterance_rules(ctx: Ctx, rec: str, e: dict[str, Any], links: list[Any], date: dict[str, Any], note: str | None) -> None:
    """A speech event is the occasion of words coded elsewhere: no codes of its own, a speaker, a date and a place."""
    coded = [k for k in ("cameo", "plover", "acled") if e.get(k) not in (None, "", {})]
    if coded:
        ctx.bad(rec, f"an utterance carries no {', '.join(coded)} code: its content is coded as events of their own ({Q_UTTERANCE})",
                f"remove {', '.join(k + ':' for k in coded)} from the utterance, or make it kind: act coded by what it says")
    if not any(isinstance(l, dict) and l.get("role") == "speaker" for l in links) and not deferred(note):
        ctx.bad(rec, "an utterance has no speaker", "link the actor who spoke with role: speaker (and who was addressed with role: addressee)")
    missing = [k for k, v in (("date", date.get("date_start")), ("place", e.get("place"))) if not v]
    if missing and not note:
        ctx.bad(rec, f"an utterance has no {' and no '.join(missing)}", "give the date and place where the words were said (the "
                "speech's date words and place, or the dateline's), or add note: <why the text does not give them>")


def verbal_place_rule(ctx: Ctx, rec: str, what: str, place: Any, said_at: set[str], place_names: dict[str, str],
                      note: str | None) -> None:
    """A verbal act takes the place where it was said: the dateline's, or a speech event's; a place it is about is none.
    Where the text says the words were said elsewhere, that is an utterance to code (kind: utterance, at that place)."""
    if not place or place in said_at or deferred(note):
        return
    where = ", ".join(sorted(said_at)) or "none coded"
    ctx.bad(f"{rec} place", f"{what} is a verbal act placed at {short_name(place_names, place)}, which is not where it was said "
                            f"(the dateline's place or a speech event's: {where}); {Q_VERBAL_PLACE}",
            "give the place where the words were said, or none; where the text says they were said there, code that "
            "utterance (kind: utterance, with its speaker and place) and name it as the speech_event of the words' quote")


def short_name(place_names: dict[str, str], place: Any) -> str:
    return f"{place} ({place_names[place]})" if place in place_names else str(place)


def context_rules(ctx: Ctx, rec: str, contexts: list[str], countries: list[str | None], igo: bool, note: str | None) -> None:
    """PLOVER contexts as the manual defines them, where a structural reading can tell."""
    if "diplomatic" not in contexts or deferred(note) or names(note, "diplomatic"):
        return
    states = {c for c in countries if c}
    if len(states) <= 1 and not igo:
        lists = ctx.lists.get("plover_contexts")
        definition = (lists.rows.get("diplomatic", {}).get("definition") if lists else "") or ""
        ctx.bad(f"{rec} plover", "context diplomatic on an event whose actors are all of "
                                 f"{'one state (' + next(iter(states)) + ')' if states else 'no state'}, but the PLOVER manual's "
                                 f"diplomatic is '{definition.split('. ')[0]}'",
                "leave diplomatic out (where the crosswalk's row has it, a note names diplomatic: the manual's definition wins), "
                "or keep it and add a note naming diplomatic and the formal diplomatic relations the event is part of")


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
    roles = [p for p in parts if kinds.get(p) not in ("country", "region", "religion")]
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


Q_PUBLISHER = ("the Phoenix agents dictionary codes STATE-OWNED_NEWS_AGENCY, STATE_RUN_MEDIA and OFFICIAL_NEWS_AGENCY as GOVMED; "
               "CAMEO 1.1b3 MED is 'Media'")
OWNED = ("government", "state-owned")


def asset_rules(ctx: Ctx, rec: str, s: dict[str, Any], note: str | None) -> None:
    """A type of aircraft, helicopter or ship is named by its designation, the same way in every article."""
    if str(s.get("category", "")).endswith("_type") and not s.get("designation") and not deferred(note) \
            and not names(note, "designation"):
        ctx.bad(f"{rec} designation", f"an asset of category {s.get('category')} is a model, and it has no designation",
                "give designation: the model as the sentence writes it (SU-24 for \"SU-24s\"), or add a note saying why there is none")


def publisher_rule(ctx: Ctx, actors: list[dict[str, Any]], publisher: str | None, ownership: Any) -> None:
    """The publisher's own actor is coded by one rule: a government-run or state-owned outlet is GOVMED, any other MED."""
    if not publisher:
        return
    for a in actors:
        name, code = a.get("name"), a.get("cameo")
        if not isinstance(code, str) or not code or a.get("type") != "media" or deferred(a.get("note")):
            continue
        is_publisher = a.get("evidence") == {"source": "publisher"} or name == publisher or \
            (isinstance(name, str) and publisher.startswith(name + " ")) or publisher in (a.get("aliases") or [])
        if not is_publisher:
            continue
        rec = f"actors {short(a.get('id'), 90)} cameo"  # a drafted publisher's slug can be long: the draft ties the message to it
        if ownership is None:
            ctx.bad(rec, f"the publisher's actor is coded {code}, but source.yaml does not say who owns {short(publisher)}",
                    "add publisher_ownership: government, state-owned or private (and publisher_ownership_basis: <how it is "
                    f"known>) to source.yaml: the code follows from it ({Q_PUBLISHER})")
            continue
        role = "GOVMED" if ownership in OWNED else "MED"
        head = code[:3] if len(code) > 3 else ""
        want = f"{head}{role}"
        if code != want and not names(a.get("note"), code):
            ctx.bad(rec, f"the publisher {short(publisher)} is {ownership} (source.yaml), so its actor is coded {want}, not {code}: "
                         f"one rule for every publisher, {'a government-run or state-owned outlet is GOVMED' if role == 'GOVMED' else 'a private outlet is MED'} "
                         f"({Q_PUBLISHER})", f"write cameo: {want}, or correct publisher_ownership in source.yaml")
