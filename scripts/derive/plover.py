"""Readers of the PLOVER manual (PLOVER_MANUAL.tex) and the CAMEO-to-PLOVER crosswalk (CAMEO2PLOVER-2021.txt).

They write, verbatim where the source has words (LaTeX markup removed), the PLOVER code lists:
types (the 16 event categories with definition, quad category and whether a recipient is
required), modes (every mode table), contexts (Table 'General contexts'), and the crosswalk row
by row, where the manual wins: a crosswalk context or mode the manual does not list is renamed
to the manual's name where the manual renamed it, else left out; every such change is reported,
and codelists.yaml records them."""
from __future__ import annotations

import re


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
    definitions = context_definitions(tex)
    contexts = [{"code": n, "label": n, "description": c, "definition": definitions.get(n, "")} for n, c in table_rows(ctx)]
    return types, mode_rows, contexts


def context_definitions(tex: str) -> dict[str, str]:
    """The chapter 'Contexts' ("Additional details for the general context tags"): each context's
    full definition, by code. The general table's one-liners can differ from it (the table calls
    `diplomatic` "diplomacy, which can be both international and domestic", the chapter "Formal
    diplomatic relations ... between nation-states ..."); the chapter is what the build quotes."""
    chapter = tex.split("\\chapter{Contexts}", 1)[1].split("\\chapter{", 1)[0]
    out: dict[str, str] = {}
    for sec in re.split(r"\n\\section\{", chapter)[1:]:
        name, body = sec.split("}", 1)
        text = untex(re.sub(r"^\\label\{[^}]*\}", "", body.strip()))
        code = re.sub(r"[\s-]+", "_", name.strip().lower())
        if text and not out.get(code):  # a section printed twice (Intelligence) keeps the one with words
            out[code] = text
    return out


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
