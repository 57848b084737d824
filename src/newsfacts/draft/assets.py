"""Assets of an article for the draft: weapons, platforms, ships, aircraft types and units.

Read from their forms: a model designation ("Su-24M", "SU-24s", "MiG-29", "S-400", "T-72"),
a named ship ("USS Donald Cook", "the destroyer USS Donald Cook"), and a kind of equipment
("cruise missiles", "missile ships", "helicopter", "tanks", "troops"), each with the quantity
words before it ("26 Kalibr cruise missiles", "at least 10,000 troops", "several SU-24s",
"A Russian helicopter") and the operator a country adjective or owner before it gives
("Russian helicopter", "the Russian Navy’s Caspian Flotilla"). The category is one of the
asset_categories code list."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.quantities import parse_quantity
from ..text.speakers import slug

# Kind of equipment -> asset category (longest first when matched).
KINDS = {
    "cruise missiles": "cruise_missile", "cruise missile": "cruise_missile", "ballistic missiles": "ballistic_missile",
    "ballistic missile": "ballistic_missile", "missile ships": "warship", "missile ship": "warship", "warships": "warship",
    "warship": "warship", "destroyer": "warship", "destroyers": "warship", "frigate": "warship", "frigates": "warship",
    "corvette": "warship", "corvettes": "warship", "cruiser": "warship", "aircraft carrier": "warship",
    "submarine": "submarine", "submarines": "submarine", "fleet": "naval_group", "flotilla": "naval_group",
    "air group": "air_group", "fighter jets": "aircraft", "jets": "aircraft", "jet": "aircraft", "warplanes": "aircraft",
    "warplane": "aircraft", "bombers": "aircraft", "bomber": "aircraft", "aircraft": "aircraft", "planes": "aircraft",
    "helicopters": "helicopter", "helicopter": "helicopter", "drones": "drone", "drone": "drone",
    "tanks": "tank", "tank": "tank", "armored vehicles": "armoured_vehicle", "armoured vehicles": "armoured_vehicle",
    "armored personnel carriers": "armoured_vehicle", "artillery": "artillery", "howitzers": "artillery",
    "mortars": "artillery", "rocket launchers": "rocket_system", "rockets": "rocket_system",
    "air defense systems": "air_defence", "air-defense systems": "air_defence", "air defence systems": "air_defence",
    "missile systems": "air_defence", "rifles": "small_arms", "weapons": "small_arms", "troops": "troops",
    "soldiers": "troops", "servicemen": "troops", "paratroopers": "troops", "marines": "troops",
}
_KIND = "|".join(sorted((re.escape(k) for k in KINDS), key=len, reverse=True))
QUANTITY = (r"(?:(?:over|more than|at least|about|around|some|nearly|almost|approximately|roughly)\s+)?"
            r"(?:\d{1,3}(?:,\d{3})+|\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
            r"fifty|hundred|dozens|hundreds|thousands|several|numerous|many|a|an|A|An)")
DESIGNATION = r"(?:[A-Z][A-Za-z]{0,3}-\d{1,3}[A-Z]{0,3}s?|[A-Z]{1,2}-\d{2,3})"
ASSET = re.compile(
    rf"(?:(?P<q>{QUANTITY})\s+)?(?P<pre>(?:(?:[A-Z][\w’'-]*|state-of-the-art|aggressive|advanced|new|modern)\s+){{0,3}})"
    rf"(?P<what>(?P<des>{DESIGNATION})(?:\s+(?P<kind1>{_KIND}))?|(?P<kind2>{_KIND}))(?![\w-])")
SHIP = re.compile(r"(?:(?:the\s+)?(?P<cls>destroyer|frigate|cruiser|carrier|submarine|corvette)\s+)?(?P<name>USS|HMS|INS|HMCS)\s+(?:[A-Z][a-z]+)(?:\s+[A-Z][a-z]+){0,2}")
# Words before a kind that are no model name ("The air group", "Russian helicopter").
NOT_MODELS = frozenset("The A An This That These Those Its His Her Their Our Some Several Many Two Three Four Five".split())
AIRCRAFT_MAKERS = re.compile(r"(?:Su|SU|MiG|MIG|Tu|TU|Il|IL|Yak|Ka|KA|Mi|MI|F|B|A|C|E|P|AH|UH|MH|CH|KC|RC|EA|AV|MQ|RQ)-")


@dataclass
class DraftAsset:
    key: str
    name: str
    category: str
    designation: str | None
    evidence: tuple[int, int, str]
    quantity: tuple[int, int, str] | None
    operator_words: tuple[int, int, str] | None


def read_assets(text: str, segments: list[tuple[int, int]], adjectives: frozenset[str] = frozenset()) -> list[DraftAsset]:
    """`adjectives`: words the actor reader took for a country or an organisation ("Russian"),
    which name an operator, not a model."""
    out: dict[str, DraftAsset] = {}
    taken: list[tuple[int, int]] = []
    for s0, e0 in segments:
        for m in SHIP.finditer(text, s0, e0):
            name = text[m.start("name"):m.end()]
            ev = (m.start(), m.end(), text[m.start():m.end()])
            out.setdefault(slug(name), DraftAsset(slug(name), name, "warship", name, ev, None, None))
            taken.append((m.start(), m.end()))
        for m in ASSET.finditer(text, s0, e0):
            ws, we = m.start("what"), m.end("what")
            if any(a <= ws < b for a, b in taken):
                continue
            des, kind = m.group("des"), m.group("kind1") or m.group("kind2")
            pre_words = (m.group("pre") or "").split()
            start = ws
            # A model name right before the kind ("Kalibr cruise missiles", "Su-34 aircraft"): its designation.
            if not des and pre_words and pre_words[-1] not in NOT_MODELS and pre_words[-1] not in adjectives \
                    and pre_words[-1][:1].isupper():
                des = pre_words[-1]
                start = text.rfind(des, s0, ws)
            category = KINDS[kind.lower()] if kind else "aircraft_type"
            if des and re.fullmatch(DESIGNATION, des) and category in ("aircraft", "aircraft_type"):
                category = ("air_defence" if re.match(r"S-\d", des) else "tank" if re.match(r"T-\d", des)
                            else "aircraft_type")
            q = None
            if m.group("q") and m.group("q").lower() not in ("a", "an"):
                qs, qe = m.start("q"), m.end("q")
                try:
                    parse_quantity(text[qs:qe])
                    q = (qs, qe, text[qs:qe])
                except ValueError:
                    q = None
            if not des and q is None and not any(w in adjectives for w in pre_words):
                continue  # "aircraft", "troops" alone: equipment of no one in particular
            if not des and any(w in adjectives for w in pre_words):
                start = min(text.find(w, m.start(), ws) for w in pre_words if w in adjectives)
            name = f"{des} {kind}" if des and kind and not m.group("des") else (des or text[start:we])
            ev = (start, we, text[start:we])
            key = slug(name)
            if key not in out:
                out[key] = DraftAsset(key, name, category, des, ev, q, None)
            taken.append((ev[0], ev[1]))
    return sorted(out.values(), key=lambda a: a.evidence[0])
