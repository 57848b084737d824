"""Checks of an event's codes against the official sources: the CAMEO-to-PLOVER
crosswalk and PLOVER's modes per category (the coding rules are in coding_rules.py).

A difference is an error naming the record and both readings, unless the event's
`note:` gives the reason; the note is published as events.coding_note."""
from __future__ import annotations

import re
from typing import Any

from .coding_rules import deferred, names
from .context import Ctx



def crosswalk_row(rows: dict[str, dict[str, str]] | None, cameo: str) -> tuple[dict[str, str] | None, str]:
    """The crosswalk row for a CAMEO code (or its parent code), and which code it is."""
    if rows is None:
        return None, cameo
    code = cameo
    while len(code) >= 3:
        if code in rows:
            return rows[code], code
        if code[:2] in ("01", "02"):
            break
        code = code[:-1]
    return None, code


def crosswalk_gap(rows: dict[str, dict[str, str]], cameo: str, typ: str | None, mode: str | None,
                  contexts: list[str]) -> str | None:
    """How an event's PLOVER codes differ from the crosswalk row of its CAMEO code, or None.
    Shared by the build and by validation, which re-checks published rows with it."""
    row, code = crosswalk_row(rows, cameo)
    if row is None and cameo[:2] in ("01", "02"):
        want = (None, None, [])
        where = f"PLOVER drops CAMEO {cameo[:2]} (statements and appeals): no PLOVER type"
    elif row is None:
        return None
    else:
        want = (row["plover_type"] or None, row["plover_mode"] or None, [c for c in row["plover_context"].split("|") if c])
        where = (f"the crosswalk row for {code} says {want[0]}, mode {want[1] or '-'}, context {', '.join(want[2]) or '-'}")
    diffs = []
    if typ != want[0]:
        diffs.append(f"type {typ or 'none'}")
    if want[1] and mode != want[1]:
        diffs.append(f"mode {mode or 'none'}")
    missing = [c for c in want[2] if c not in contexts]
    if missing:
        diffs.append(f"no context {', '.join(missing)}")
    if not diffs:
        return None
    return f"CAMEO {cameo} disagrees with the CAMEO-to-PLOVER crosswalk: the coding has {'; '.join(diffs)}, but {where}"


def check_plover(ctx: Ctx, rec: str, cameo: str, plover: dict[str, Any], note: str | None) -> None:
    typ, mode, contexts = plover.get("type"), plover.get("mode"), list(plover.get("context") or [])
    modes = ctx.lists.get("plover_modes")
    if mode and typ and modes and mode in modes.rows and typ not in modes.rows[mode]["plover_types"].split("|"):
        ctx.bad(f"{rec} plover", f"mode {mode!r} is not a mode of {typ} in the PLOVER manual (it belongs to "
                                 f"{modes.rows[mode]['plover_types'].replace('|', ', ')})",
                f"use a mode of {typ} from build/codelists/plover_modes.csv, or none")
    if "cameo_plover" not in ctx.lists:
        return
    gap = crosswalk_gap(ctx.lists["cameo_plover"].rows, cameo, typ, mode, contexts)
    if gap and not note:
        ctx.bad(f"{rec} plover", gap, "code PLOVER as the crosswalk row says (more contexts, or a mode where the row has none, "
                                      "are fine), or keep yours and add note: <why> to the event")
        return
    # A context of the crosswalk's row left out: the manual's definition wins, and the note says which.
    row, at = crosswalk_row(ctx.lists["cameo_plover"].rows, cameo)
    if row is None or deferred(note):
        return
    defs = ctx.lists.get("plover_contexts")
    for c in [c for c in row["plover_context"].split("|") if c and c not in contexts]:
        if not names(note, c):
            definition = (defs.rows.get(c, {}).get("definition") if defs else "") or ""
            ctx.bad(f"{rec} plover", f"the crosswalk row for {at} gives context {c}, which the event leaves out, and its note "
                                     f"does not say so (the PLOVER manual: {c} is '{definition.split('. ')[0]}')",
                    f"name {c} in the note and say why the manual's definition does not fit, or give the context")
