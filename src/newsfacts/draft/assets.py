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
    rf"(?:(?P<q>{QUANTITY})\s+)?(?P<pre>(?:(?:[A-Z][\w’'-]*|state-of-the-art|aggressive|Russian|American)\s+){{0,3}})"
    rf"(?P<what>(?P<des>{DESIGNATION})(?:\s+(?P<kind1>{_KIND}))?|(?P<kind2>{_KIND}))(?![\w-])")
SHIP = re.compile(r"(?:(?:the\s+)?(?P<cls>destroyer|frigate|cruiser|carrier|submarine|corvette)\s+)?(?P<name>USS|HMS|INS|HMCS)\s+(?:[A-Z][a-z]+)(?:\s+[A-Z][a-z]+){0,2}")


@dataclass
class DraftAsset:
    key: str
    name: str
    category: str
    designation: str | None
    evidence: tuple[int, int, str]
    quantity: tuple[int, int, str] | None
    operator_words: tuple[int, int, str] | None


def read_assets(text: str, segments: list[tuple[int, int]]) -> list[DraftAsset]:
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
            des = m.group("des")
            kind = m.group("kind1") or m.group("kind2")
            if not des and not kind:
                continue
            category = KINDS.get(kind.lower(), "aircraft") if kind else ("aircraft_type" if re.match(r"(?:Su|SU|MiG|Tu|Il|Yak|Ka|Mi|F|B|A)-", des)
                                                                           else "cruise_missile" if False else "aircraft_type")
            if des and not kind and not re.match(r"(?:Su|SU|MiG|MIG|Tu|TU|Il|Yak|Ka|KA|Mi|MI|F|B|A|C|AH|UH|MH|CH)-", des):
                category = "air_defence" if re.match(r"S-\d", des) else "tank" if re.match(r"T-\d", des) else "aircraft_type"
            pre = m.group("pre") or ""
            pre_words = pre.split()
            # A model name before the kind ("Kalibr cruise missiles"): its designation.
            if not des and pre_words and pre_words[-1][:1].isupper() and pre_words[-1] not in ("Russian", "American", "US", "U.S."):
                des = pre_words[-1]
            name = (des + (" " + kind if kind else "")) if des else kind
            start = m.start("what") - (len(des) + 1 if des and not m.group("des") else 0)
            if des and not m.group("des"):
                start = text.rfind(des, s0, ws)
            ev = (start, we, text[start:we])
            q = None
            if m.group("q"):
                qs, qe = m.start("q"), m.end("q")
                try:
                    parse_quantity(text[qs:qe])
                    q = (qs, qe, text[qs:qe])
                except ValueError:
                    q = None
            operator = None
            for word in pre_words:
                if word in ("Russian", "American", "US", "U.S.", "Ukrainian", "Syrian", "Turkish", "British", "French", "Chinese"):
                    o = text.find(word, m.start(), ws)
                    operator = (o, o + len(word), word)
            key = slug(name)
            if key not in out:
                out[key] = DraftAsset(key, name, category, des if des and re.search(r"\d", des) or (des and not m.group("des")) else des,
                                      ev, q, operator)
            taken.append((ev[0], ev[1]))
    return sorted(out.values(), key=lambda a: a.evidence[0])
