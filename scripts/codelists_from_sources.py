"""Regenerate the official code lists in build/codelists/ from their published sources.

    python scripts/codelists_from_sources.py --plover PATH

PATH is a local git clone (or bare git directory) of openeventdata/PLOVER, read at the pinned
commit below with `git show`, so the output is the same whatever else the clone holds; the
Phoenix dictionaries are the ones vendored in src/newsfacts/dictionaries/petrarch2/ (commit
and licence in its SOURCE.md). It writes, verbatim where the source has words (LaTeX markup
removed):

- plover_types.csv, plover_modes.csv, plover_contexts.csv from PLOVER_MANUAL.tex;
- cameo_plover.csv from CAMEO2PLOVER-2021.txt, where the manual wins: a crosswalk context
  or mode the manual does not list is renamed to the manual's name where the manual renamed
  it, else left out; every such change is printed, and codelists.yaml records them;
- cameo_actors.csv: every country code (Phoenix.Countries.actors), every role code (the
  agents dictionary and the role tables of CAMEO 1.1b3, chapter 3) and every component of the
  international and non-state codes (Phoenix.International.actors, Phoenix.MilNonState.actors),
  with the ISO 3166-1 alpha-3 code of each country code that is one (pycountry).

Run it when a pinned commit moves; `newsfacts build` then checks every coded row against the
new lists. Nothing here runs at build time."""
from __future__ import annotations

import argparse
import csv
import re
import subprocess
import sys
from pathlib import Path

PLOVER_COMMIT = "5e0c24fba623f2d8df5ae3c7de7a94dba90d5b6f"
OUT = Path(__file__).resolve().parents[1] / "build" / "codelists"

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
CAMEO_REGIONS = {
    "AFR": "Africa", "ASA": "Asia", "BLK": "Balkans", "CRB": "Caribbean", "CAU": "Caucasus", "CFR": "Central Africa",
    "CAS": "Central Asia", "CEU": "Central Europe", "EIN": "East Indies", "EAF": "Eastern Africa",
    "EEU": "Eastern Europe", "EUR": "Europe", "LAM": "Latin America", "MEA": "Middle East", "MDT": "Mediterranean",
    "NAF": "North Africa", "NMR": "North America", "PGS": "Persian Gulf", "SCN": "Scandinavia", "SAM": "South America",
    "SAS": "South Asia", "SEA": "Southeast Asia", "SAF": "Southern Africa", "WAF": "West Africa", "WST": "The West",
}


def git_show(repo: Path, commit: str, path: str) -> str:
    r = subprocess.run(["git", "--git-dir", str(repo if (repo / "objects").is_dir() else repo / ".git"), "show", f"{commit}:{path}"],
                       capture_output=True, check=True)
    return r.stdout.decode("utf-8")


def untex(s: str) -> str:
    s = re.sub(r"(?<!\\)%.*", "", s)
    s = re.sub(r"\\(?:begin|end)\{[^}]*\}", " ", s)
    s = re.sub(r"\s*\\item\s+", " • ", s)
    s = re.sub(r"\\hyperref\[[^\]]*\]\{([^}]*)\}", r"\1", s)
    for _ in range(3):
        s = re.sub(r"\\(?:txt|plcat|plmod|plcon|textit|emph|texttt|ti|textbf|url|mbox)\{([^{}]*)\}", r"\1", s)
    s = re.sub(r"\\(?:cite[pt]?|autoref|ref|label)\{[^}]*\}", "", s)
    for a, b in (("``", "“"), ("''", "”"), ("---", "—"), ("--", "–"), ("\\ldots", "…"), ("\\_", "_"), ("\\%", "%"),
                 ("\\$", "$"), ("\\&", "&"), ("~", " "), ("\\\\", " ")):
        s = s.replace(a, b)
    s = re.sub(r"`([^`']*)'", r"‘\1’", s)
    s = re.sub(r"\\[a-zA-Z]+\*?", "", s).replace("{", "").replace("}", "")
    return re.sub(r"\s+", " ", s).strip()


def table_rows(body: str) -> list[tuple[str, str]]:
    """name & content rows of a tabular body, continuation lines joined."""
    lines = [ln for ln in body.split("\n") if not ln.lstrip().startswith("%")]
    text = "\n".join(lines)
    text = re.sub(r"\\hline", "", text)
    rows = []
    for part in text.split("\\\\"):
        if "&" not in part:
            continue
        name, content = part.split("&", 1)
        name, content = untex(name), untex(content.replace("&", " "))
        if name in ("Name", "") and rows and name == "":
            rows[-1] = (rows[-1][0], f"{rows[-1][1]} {content}".strip())
        elif name and name != "Name":
            rows.append((name, content))
    return rows


def plover(tex: str) -> tuple[list[dict], list[dict], list[dict]]:
    events = tex.split("\\chapter{Event Categories}", 1)[1].split("\\chapter{Contexts}", 1)[0]
    types, modes = [], {}
    for sec in re.split(r"\n\\section\{", events)[1:]:
        name, body = sec.split("}", 1)
        definition = untex(re.split(r"\\subsection", body, 1)[0])
        quad = re.search(r"\\subsection\{Quad category: ([A-Z ]+)\}", body).group(1).strip()
        recipient = re.search(r"\\subsection\{Requires recipient: (\w+)\}", body).group(1)
        types.append({"code": name, "label": name, "description": definition, "quad": quad,
                      "requires_recipient": recipient.lower()})
        for tab in re.findall(r"\\begin\{tabular\}\{[^\n]*\}\n(.*?)\\end\{tabular\}", body, re.S):
            for mode, content in table_rows(tab):
                modes.setdefault(mode, []).append((name, content))
    mode_rows = [{"code": m, "label": m, "description": "; ".join(f"{t}: {c}" for t, c in uses),
                  "plover_types": "|".join(t for t, _ in uses)} for m, uses in sorted(modes.items())]
    ctx = tex.split("%%%%%%%%%%%% START CONTEXTS TABLE %%%%%%", 1)[1].split("%%%%%%%%%%%% END CONTEXTS TABLE", 1)[0]
    ctx = ctx.split("\\endlastfoot", 1)[1]
    contexts = [{"code": n, "label": n, "description": c} for n, c in table_rows(ctx)]
    return types, mode_rows, contexts


# Rows whose mode the manual defines otherwise: its ASSAULT modes 'aerial' ("Manned aerial vehicles,
# e.g. aircraft, helicopters") and 'heavy-weapons' ("Artillery, rocket launchers, armored vehicles,
# tanks") came after the crosswalk, which still gives heavy-weapons for aerial weapons.
MANUAL_MODES = {"195": "aerial"}


def crosswalk(text: str, types: set[str], modes: set[str], contexts: set[str]) -> tuple[list[dict], list[str]]:
    renamed = {"democracy": "pro_democracy"}  # the manual's name for the crosswalk's context
    rows, changes, seen = [], [], set()
    for line in text.splitlines():
        m = re.match(r"^(\d{2,4}):\s*([^#]*?)\s*(?:#\s*(.*))?$", line.strip())
        if not m or len(m.group(1)) == 2:
            continue
        code, fields, comment = m.group(1), [f.strip() for f in m.group(2).split(",")], (m.group(3) or "").strip()
        if code in seen:
            changes.append(f"{code}: a second row in the crosswalk, left out (the first row stands)")
            continue
        seen.add(code)
        fields += [""] * (3 - len(fields))
        typ, mode = fields[0], fields[1]
        ctxs = [c.strip() for c in re.split(r"[;|]", fields[2]) if c.strip()]
        if typ not in types:
            changes.append(f"{code}: type {typ} is not a PLOVER category of the manual")
        if mode and mode not in modes:
            changes.append(f"{code}: mode {mode!r} is not in the manual's mode tables; left out")
            mode = ""
        if code in MANUAL_MODES and MANUAL_MODES[code] != mode:
            changes.append(f"{code}: mode {mode!r} is the manual's {MANUAL_MODES[code]!r} (its definition of the modes)")
            mode = MANUAL_MODES[code]
        keep = []
        for c in ctxs:
            if c in contexts:
                keep.append(c)
            elif c in renamed:
                changes.append(f"{code}: context {c!r} is the manual's {renamed[c]!r}")
                keep.append(renamed[c])
            else:
                changes.append(f"{code}: context {c!r} is not in the manual's general contexts; left out")
        rows.append({"code": code, "label": comment, "description": f"CAMEO2PLOVER-2021.txt row for {code}, as written"
                     + ("; adjusted to the manual (see codelists.yaml)" if any(x.startswith(code + ":") for x in changes) else ""),
                     "plover_type": typ, "plover_mode": mode, "plover_context": "|".join(keep)})
    return rows, changes


def actor_codes() -> list[dict]:
    """Every component of a CAMEO actor code, from the vendored Phoenix dictionaries and the manual."""
    import pycountry

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from newsfacts.dictionaries import phoenix

    iso = {c.alpha_3 for c in pycountry.countries}
    out: dict[str, dict] = {}

    def add(code: str, label: str, kind: str, source: str, iso3: str = "") -> None:
        out.setdefault(code, {"code": code, "label": label, "description": f"{kind} code ({source})", "kind": kind, "iso3": iso3})

    for code, e in sorted(phoenix.countries().items()):
        add(code, e.head.strip("_").replace("_", " ").title(), "country", f"Phoenix.Countries.actors: {e.head}",
            code if code in iso else "")
    for code, label in CAMEO_REGIONS.items():
        add(code, label, "region", "CAMEO 1.1b3, chapter 3, region codes")
    for code, label in CAMEO_ROLES.items():
        add(code, label, "role", "CAMEO 1.1b3, chapter 3, role and type codes")
    entries, agents = phoenix.load()
    for a in agents:
        for i in range(0, len(a.code) - 2, 3):
            add(a.code[i:i + 3], a.code[i:i + 3], "role", f"Phoenix.agents: {'_'.join(a.words).upper()}")
    # International and non-state codes: each component, labelled by the first undated entry
    # whose code ends with it (an organisation, not one of its officers).
    for e in entries:
        if e.source == phoenix.ACTOR_FILES[0]:
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


def write(name: str, rows: list[dict]) -> None:
    with open(OUT / name, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"wrote build/codelists/{name}: {len(rows)} rows")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--plover", type=Path, required=True)
    a = ap.parse_args()
    tex = git_show(a.plover, PLOVER_COMMIT, "PLOVER_MANUAL.tex")
    types, modes, contexts = plover(tex)
    cw, changes = crosswalk(git_show(a.plover, PLOVER_COMMIT, "CAMEO2PLOVER-2021.txt"), {t["code"] for t in types},
                            {m["code"] for m in modes}, {c["code"] for c in contexts})
    actors = actor_codes()
    for name, rows in (("plover_types.csv", types), ("plover_modes.csv", modes), ("plover_contexts.csv", contexts),
                       ("cameo_plover.csv", cw), ("cameo_actors.csv", actors)):
        write(name, rows)
    print("where the crosswalk and the manual disagree (the manual wins):")
    for c in changes:
        print(f"  {c}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
