"""The official code lists in build/codelists/, derived from PLOVER and the Phoenix dictionaries.

- plover_types.csv, plover_modes.csv, plover_contexts.csv from PLOVER_MANUAL.tex, cameo_plover.csv
  from CAMEO2PLOVER-2021.txt (derive/plover.py; CC BY-SA 4.0, as the code lists derived from them);
- cameo_actors.csv: every country code (Phoenix.Countries.actors), every role code (the agents
  dictionary and the role tables of CAMEO 1.1b3, chapter 3), the religious codes of chapter 4 and every component of the
  international and non-state codes (Phoenix.International.actors, Phoenix.MilNonState.actors),
  with the ISO 3166-1 alpha-3 code of each country code that is one (pycountry).

`newsfacts build` then checks every coded row against the lists. Nothing here runs at build time."""
from __future__ import annotations

import csv
import io

from . import plover, tabari

# CAMEO 1.1b3, chapter 3 (Actor codebook), tables of role and type codes: the codes the manual
# defines that are components of actor codes. Labels as the manual's tables give them.
CAMEO_ROLES = {
    "COP": "Police forces", "GOV": "Government", "INS": "Insurgents", "JUD": "Judiciary", "MIL": "Military",
    "OPP": "Political opposition", "REB": "Rebels", "SEP": "Separatist rebels", "SPY": "State intelligence",
    "UAF": "Unaligned armed forces", "AGR": "Agriculture", "BUS": "Business", "CRM": "Criminal", "CVL": "Civilian",
    "DEV": "Development", "EDU": "Education", "ELI": "Elites", "ENV": "Environmental", "HLH": "Health",
    "HRI": "Human rights", "LAB": "Labor", "LEG": "Legislature", "MED": "Media", "REF": "Refugees",
    "MOD": "Moderate", "RAD": "Radical", "PTY": "Political party", "IGO": "Inter-governmental organization",
    "IMG": "International militarized group", "INT": "International/transnational generic",
    "MNC": "Multinational corporation", "NGM": "Non-governmental movement", "NGO": "Non-governmental organization",
    "UIS": "Unidentified state actor", "SET": "Settler", "PPL": "People (generic)",
}
# CAMEO 1.1b3, chapter 4 (CAMEO Religious Coding Scheme), Table 4.1 "Religious Codes: First Three
# Letters": the named religions and religious families, which follow a country code in an actor
# code (SYRMOS: Syrian Muslims). Several of these three letters are also an organisation's last
# component in the Phoenix dictionaries (IGOMOS, the Organisation of Islamic Cooperation, is IGO + MOS).
CAMEO_RELIGIONS = {
    "ATH": "Atheism/Agnosticism", "BAH": "Bahai Faith", "BUD": "Buddhism", "CHR": "Christianity", "CON": "Confucianism",
    "HIN": "Hinduism", "JAN": "Jainism", "JEW": "Judaism", "MOS": "Islam", "SHN": "Shintoism", "SIK": "Sikhism",
    "TAO": "Taoism", "ABR": "Abrahamic religions", "ADR": "African diasporic religions", "EAR": "East Asian religions",
    "INR": "Indian religions", "IRR": "Iranic religions", "ITR": "Indigenous tribal religions", "NRM": "new religious movements",
}
CAMEO_REGIONS = {
    "AFR": "Africa", "ASA": "Asia", "BLK": "Balkans", "CRB": "Caribbean", "CAU": "Caucasus", "CFR": "Central Africa",
    "CAS": "Central Asia", "CEU": "Central Europe", "EIN": "East Indies", "EAF": "Eastern Africa",
    "EEU": "Eastern Europe", "EUR": "Europe", "LAM": "Latin America", "MEA": "Middle East", "MDT": "Mediterranean",
    "NAF": "North Africa", "NMR": "North America", "PGS": "Persian Gulf", "SCN": "Scandinavia", "SAM": "South America",
    "SAS": "South Asia", "SEA": "Southeast Asia", "SAF": "Southern Africa", "WAF": "West Africa", "WST": "The West",
}


def actor_codes(texts: dict[str, str]) -> list[dict]:
    """Every component of a CAMEO actor code, from the Phoenix dictionaries and the manual."""
    import pycountry

    entries = tabari.load_actors(texts)
    agents = tabari.parse_agents(texts[tabari.AGENTS_FILE])
    iso = {c.alpha_3 for c in pycountry.countries}
    out: dict[str, dict] = {}

    def add(code: str, label: str, kind: str, source: str, iso3: str = "") -> None:
        out.setdefault(code, {"code": code, "label": label, "description": f"{kind} code ({source})", "kind": kind, "iso3": iso3})

    for code, e in sorted(tabari.countries(entries).items()):
        add(code, e.head.strip("_").replace("_", " ").title(), "country", f"Phoenix.Countries.actors: {e.head}",
            code if code in iso else "")
    for code, label in CAMEO_REGIONS.items():
        add(code, label, "region", "CAMEO 1.1b3, chapter 3, region codes")
    for code, label in CAMEO_ROLES.items():
        add(code, label, "role", "CAMEO 1.1b3, chapter 3, role and type codes")
    for code, label in CAMEO_RELIGIONS.items():
        add(code, label, "religion", "CAMEO 1.1b3, chapter 4, Table 4.1, religious codes")
    for a in agents:
        for i in range(0, len(a.code) - 2, 3):
            add(a.code[i:i + 3], a.code[i:i + 3], "role", f"Phoenix.agents: {'_'.join(a.words).upper()}")
    # International and non-state codes: each component, labelled by the first undated entry
    # whose code ends with it (an organisation, not one of its officers).
    for e in entries:
        if e.source == tabari.ACTOR_FILES[0]:
            continue
        for c in e.codes:
            if len(c.code) % 3:
                continue
            for i in range(0, len(c.code), 3):
                part = c.code[i:i + 3]
                last = i == len(c.code) - 3
                name = e.head.strip("_").replace("_", " ")
                label = (name if name.isupper() and len(name) <= 6 else name.title()) if last and c.start is None and c.end is None else None
                if part in out and out[part]["label"] != part:
                    continue
                out.pop(part, None) if label and part in out and out[part]["label"] == part else None
                add(part, label or part, "organisation", f"{e.source}: {c.code}")
    return sorted(out.values(), key=lambda r: r["code"])


def to_csv(rows: list[dict]) -> str:
    fh = io.StringIO()
    w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return fh.getvalue()


def compile_codelists(manual: str, crosswalk: str, texts: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """Each code list's CSV text by file name, and where the crosswalk and the manual disagree."""
    types, modes, contexts = plover.plover(manual)
    cw, changes = plover.crosswalk(crosswalk, {t["code"] for t in types}, {m["code"] for m in modes},
                                   {c["code"] for c in contexts})
    lists = {"plover_types.csv": types, "plover_modes.csv": modes, "plover_contexts.csv": contexts,
             "cameo_plover.csv": cw, "cameo_actors.csv": actor_codes(texts)}
    return {name: to_csv(rows) for name, rows in lists.items()}, changes
