"""coding.yaml as a person wrote it: read and written round trip (ruamel.yaml keeps order,
comments, quoting and layout), edited by operations that name an entry by section and id.

coding.yaml and article.txt are read through the build's guarded readers (a FIFO, a huge file,
an alias bomb is a clear error, never a hang), and coding.yaml is checked by the build's YAML
reader before the round-trip parser sees it. Every operation is checked before anything
changes; a save is a compare-and-swap (review/save.py): a hand edit made at any moment is never
overwritten, and the reviewer gets a conflict (409) instead."""
from __future__ import annotations

import io
import os
import re
from pathlib import Path
from typing import Any

from ..pipeline.evidence import find_all
from ..pipeline.references import unreference
from .save import Conflict, version_of

CODING = "coding.yaml"
SECTIONS = ("events", "actors", "places", "assets", "quotes")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_VALUE = 2000  # characters in one edited value
MAX_OPS = 200

SOURCE = "source.yaml"
# The fields a reviewer edits in the app, by section: the coding key, and what it takes. A dotted
# key is a field of a mapping (plover, acled, date); `codes` and `texts` are lists, edited as lists.
EDITABLE: dict[str, dict[str, str]] = {
    "events": {"summary": "text", "cameo": "code", "plover.type": "code", "plover.mode": "code", "plover.context": "codes",
               "acled.type": "text", "acled.sub_type": "text", "polarity": "code", "modality": "code", "tense": "code",
               "place": "ref", "note": "text", "trigger": "evidence", "date.words": "evidence", "date.value": "date",
               "date.precision": "code", "date.note": "text", "kind": "code"},
    "actors": {"name": "text", "type": "code", "country": "code", "cameo": "code", "sector": "code", "key": "code",
               "aliases": "texts", "note": "text", "evidence": "evidence"},
    "places": {"name": "text", "type": "code", "country": "code", "geonames": "int", "aliases": "texts", "note": "text",
               "evidence": "evidence"},
    "assets": {"name": "text", "category": "code", "designation": "text", "manufacturer": "text", "note": "text",
               "evidence": "evidence"},
    "quotes": {"kind": "code", "note": "text", "evidence": "evidence"},
}
# What the review sets in source.yaml: the publication date and how it is known.
SOURCE_EDITABLE: dict[str, str] = {"publication_date": "date", "publication_date_basis": "text", "publication_date_note": "text"}


CHANGED = ("coding.yaml or source.yaml changed on disk since the page loaded it (a hand edit?); the page now shows that version, "
           "and nothing of it was overwritten: make your change again")


class ReviewError(Exception):
    """A request the review cannot carry out; the message says what to do."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def _yaml():
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096  # never re-wrap a person's lines
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def _load(path: Path, required: bool) -> tuple[bytes, Any]:
    """A YAML file of the article folder, round trip: (its bytes, its mapping). Read through the
    build's guarded reader and checked by the build's YAML reader before ruamel sees it (an alias
    bomb, deep nesting, a FIFO is a clear error, never a hang)."""
    from ruamel.yaml.comments import CommentedMap

    from ..errors import Problems
    from ..pipeline.yaml_input import parse_yaml
    from ..safeio import MAX_YAML_BYTES, UnsafeFile, read_regular

    if path.is_symlink():
        raise ReviewError(f"{path}: not a regular file; the review edits the article's own {path.name}", 409)
    if not required and not path.exists():
        return b"", CommentedMap()
    try:
        raw = read_regular(path, MAX_YAML_BYTES, "YAML input")
    except UnsafeFile as exc:
        raise ReviewError(f"{exc}; the review edits the article's own {path.name}, a regular file", 409) from None
    problems = Problems()
    if raw and parse_yaml(raw, path.name, problems) is None and problems.items:
        p = problems.items[0]
        raise ReviewError(f"{path}: {p.record}: {p.message}; {p.fix}, then reload", 409)
    try:
        data = _yaml().load(raw.decode("utf-8")) if raw else None
    except Exception as exc:  # ruamel raises many kinds; the build's check names the line
        raise ReviewError(f"{path.name} cannot be read ({type(exc).__name__}); fix it by hand, then reload", 409) from None
    if data is None:
        data = CommentedMap()
    if not isinstance(data, dict):
        raise ReviewError(f"{path.name} is not a mapping; fix it by hand, then reload", 409)
    return raw, data


class Document:
    """One article folder's coding.yaml (and the publication date in its source.yaml), loaded for one change."""

    def __init__(self, folder: Path):
        from ..pipeline.articles import TEXT, read_text

        self.folder = Path(folder)
        self.path = self.folder / CODING
        if self.path.is_symlink():
            raise ReviewError(f"{self.path}: not a regular file; the review edits the article's own coding.yaml", 409)
        self.raw, self.data = _load(self.path, required=True)
        self.source_path = self.folder / SOURCE
        self.source_raw, self.source = _load(self.source_path, required=False)
        # One version for both files: a hand edit of either one while the page is open is never overwritten.
        self.version = version_of(self.raw + b"\0" + self.source_raw)
        text, bad = read_text(self.folder / TEXT)
        if bad:
            raise ReviewError(f"{self.folder / TEXT}: {bad[0]}: {bad[1]}; {bad[2]}", 409)
        self.text = text

    # --- finding entries -----------------------------------------------------------------

    def entries(self, section: str) -> list:
        seq = self.data.get(section)
        return seq if isinstance(seq, list) else []

    def entry(self, section: str, eid: Any) -> dict:
        if section not in SECTIONS:
            raise ReviewError(f"unknown section {str(section)[:40]!r}; one of {', '.join(SECTIONS)}")
        hits = [e for e in self.entries(section) if isinstance(e, dict) and str(e.get("id")) == str(eid)]
        if len(hits) != 1:
            raise ReviewError(f"{section} {str(eid)[:60]!r}: {'no such entry' if not hits else 'the id is used twice'} in "
                              f"{CODING}; reload the page", 409)
        return hits[0]

    def ids(self, section: str) -> set[str]:
        return {str(e.get("id")) for e in self.entries(section) if isinstance(e, dict)}

    # --- evidence --------------------------------------------------------------------------

    def evidence(self, start: Any, end: Any) -> Any:
        """The coding's form of a selection: the words, with `occurrence` when they repeat."""
        if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool) or isinstance(end, bool):
            raise ReviewError("a selection needs whole-number start and end offsets")
        if not 0 <= start < end <= len(self.text):
            raise ReviewError(f"the selection {start}-{end} is outside the article (0-{len(self.text)})")
        words = self.text[start:end]
        lead, trail = len(words) - len(words.lstrip()), len(words) - len(words.rstrip())
        start, end = start + lead, end - trail
        words = self.text[start:end]
        if not words:
            raise ReviewError("the selection holds only spaces; select words")
        if len(words) > MAX_VALUE:
            raise ReviewError(f"the selection is {len(words)} characters long; evidence is at most {MAX_VALUE}")
        hits = find_all(self.text, words)
        k = next((i for i, h in enumerate(hits) if h.start == start), None)
        if k is None:
            raise ReviewError(f"the selection {words[:60]!r} starts or ends inside a word; select whole words")
        if len(hits) == 1:
            return words
        from ruamel.yaml.comments import CommentedMap

        m = CommentedMap()
        m["words"] = words
        m["occurrence"] = k + 1
        m.fa.set_flow_style()
        return m

    # --- operations ----------------------------------------------------------------------

    def apply(self, ops: Any) -> list[str]:
        """Carry out every operation, or none (an error leaves the document as loaded)."""
        if not isinstance(ops, list) or not ops or len(ops) > MAX_OPS:
            raise ReviewError(f"ops must be a list of 1 to {MAX_OPS} operations")
        done = []
        for i, op in enumerate(ops, start=1):
            if not isinstance(op, dict) or not isinstance(op.get("op"), str):
                raise ReviewError(f"operation {i} must be an object with an 'op'")
            fn = getattr(self, f"op_{op['op']}", None) if re.fullmatch(r"[a-z_]{1,20}", op["op"]) else None
            if fn is None:
                raise ReviewError(f"operation {i}: unknown op {op['op'][:30]!r}; one of confirm, reject, set, set_source, add_event, link, unlink")
            done.append(fn(op))
        return done

    def op_confirm(self, op: dict) -> str:
        e = self.entry(op.get("section"), op.get("id"))
        if "drafted" not in e:
            raise ReviewError(f"{op['section']} {op['id']!r} is not a drafted suggestion", 409)
        del e["drafted"]
        return f"{op['section']} {op['id']}: confirmed"

    def op_reject(self, op: dict) -> str:
        section, eid = op.get("section"), op.get("id")
        e = self.entry(section, eid)
        seq = self.data[section]
        seq.pop(next(i for i, x in enumerate(seq) if x is e))
        unreference(self.data, {section: {str(eid)}})
        return f"{section} {eid}: rejected and removed"

    def _value(self, kind: str, value: Any) -> Any:
        if value is None or value == "" or value == []:
            return None
        if kind in ("codes", "texts"):
            return self._list(kind, value)
        if kind == "int":
            text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
            if not text.isdigit() or int(text) < 1:
                raise ReviewError(f"{str(value)[:40]!r} is not a whole number above 0")
            return int(text)
        if kind == "date":
            return self._date(value)
        if kind == "evidence":
            if not isinstance(value, dict):
                raise ReviewError("evidence is a selection: {start, end}")
            return self.evidence(value.get("start"), value.get("end"))
        if not isinstance(value, str) or len(value) > MAX_VALUE or "\x00" in value:
            raise ReviewError(f"a value must be text of at most {MAX_VALUE} characters")
        value = value.strip()
        if kind == "code" and not re.fullmatch(r"[A-Za-z0-9_\-]{1,40}", value):
            raise ReviewError(f"{value[:40]!r} is not a code; pick one from the list")
        if kind == "ref" and value not in self.ids("places"):
            raise ReviewError(f"no place {value[:40]!r} in the coding; one of {', '.join(sorted(self.ids('places')))[:200]}")
        return value

    def _list(self, kind: str, value: Any) -> Any:
        """A list field as the coding writes it: a flow sequence, each item once, in the given order."""
        from ruamel.yaml.comments import CommentedSeq

        if not isinstance(value, list) or len(value) > 100:
            raise ReviewError("a list field takes a list of values (at most 100)")
        items: list[str] = []
        for v in value:
            v = self._value("code" if kind == "codes" else "text", v)
            if v is not None and v not in items:
                items.append(v)
        if not items:
            return None
        seq = CommentedSeq(items)
        seq.fa.set_flow_style()
        return seq

    @staticmethod
    def _date(value: Any) -> Any:
        """YYYY-MM-DD as a date (YAML writes it unquoted, the build reads a date); YYYY-MM or YYYY as text."""
        import datetime as dt

        text = str(value).strip() if isinstance(value, (str, dt.date)) else ""
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                pass
        elif re.fullmatch(r"\d{4}(-(0[1-9]|1[0-2]))?", text):
            return text
        raise ReviewError(f"{str(value)[:40]!r} is not a date: write YYYY-MM-DD (or YYYY-MM, YYYY)")

    def op_set(self, op: dict) -> str:
        section, fld = op.get("section"), op.get("field")
        e = self.entry(section, op.get("id"))
        kind = EDITABLE.get(section, {}).get(fld) if isinstance(fld, str) else None
        if kind is None:
            raise ReviewError(f"{section}: {str(fld)[:40]!r} is not a field the review edits; one of "
                              f"{', '.join(EDITABLE.get(section, {}))}")
        value = self._value(kind, op.get("value"))
        from ruamel.yaml.comments import CommentedMap

        if _same(_get(e, fld), value):  # what the page sent is what the file has: leave its bytes alone
            return f"{section} {op['id']}: {fld} unchanged"

        *parents, leaf = fld.split(".")
        target = e
        if parents == ["date"] and isinstance(e.get("date"), str) and value is not None:
            words = e["date"]  # `date: On October 7` is shorthand for {words: On October 7}: keep the words
            e["date"] = CommentedMap()
            e["date"]["words"] = words
            e["date"].fa.set_flow_style()
        for p in parents:
            if not isinstance(target.get(p), dict):
                if value is None:
                    return f"{section} {op['id']}: {fld} left empty"
                target[p] = CommentedMap()
            target = target[p]
        if value is None:
            target.pop(leaf, None)
            if parents and not target:
                e.pop(parents[0], None)
        elif kind == "evidence" and leaf == "words":  # date.words: the words, and occurrence beside them
            target.pop("occurrence", None)
            if isinstance(value, dict):
                target["words"], target["occurrence"] = value["words"], value["occurrence"]
            else:
                target["words"] = value
        else:
            target[leaf] = value
        return f"{section} {op['id']}: {fld} set"

    def op_set_source(self, op: dict) -> str:
        """The publication date, its basis or its note, in source.yaml."""
        fld = op.get("field")
        kind = SOURCE_EDITABLE.get(fld) if isinstance(fld, str) else None
        if kind is None:
            raise ReviewError(f"source.yaml: {str(fld)[:40]!r} is not a field the review edits; one of {', '.join(SOURCE_EDITABLE)}")
        value = self._value(kind, op.get("value"))
        if _same(self.source.get(fld), value):
            return f"source.yaml: {fld} unchanged"
        if value is None:
            self.source.pop(fld, None)
        else:
            self.source[fld] = value
        return f"source.yaml: {fld} set"

    def _new_id(self, section: str, words: str) -> str:
        base = re.sub(r"[^a-z0-9]+", "-", words.lower()).strip("-")[:40].strip("-") or section[:-1]
        taken, k, rid = self.ids(section), 2, base
        while rid in taken:
            rid, k = f"{base}-{k}", k + 1
        return rid

    def _actor_link(self, actor: Any, role: Any) -> dict:
        from ruamel.yaml.comments import CommentedMap

        if str(actor) not in self.ids("actors"):
            raise ReviewError(f"no actor {str(actor)[:60]!r} in the coding; pick one from the list")
        if not isinstance(role, str) or not re.fullmatch(r"[a-z_]{1,30}", role):
            raise ReviewError("a role is one of the roles list (agent, target, speaker, participant, ...)")
        m = CommentedMap()
        m["actor"], m["role"] = str(actor), role
        m.fa.set_flow_style()
        return m

    def op_add_event(self, op: dict) -> str:
        """A new event from a selection: the trigger words, a CAMEO code, and its actors."""
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        sel = op.get("trigger")
        if not isinstance(sel, dict):
            raise ReviewError("a new event needs a trigger: select its words in the text")
        trigger = self.evidence(sel.get("start"), sel.get("end"))
        words = trigger if isinstance(trigger, str) else trigger["words"]
        cameo = self._value("code", op.get("cameo"))
        if not cameo:
            raise ReviewError("a new event needs a CAMEO code; pick one from the list")
        e = CommentedMap()
        e["id"] = self._new_id("events", words)
        summary = self._value("text", op.get("summary")) or words[:1].upper() + words[1:]
        e["summary"], e["trigger"], e["cameo"] = summary, trigger, cameo
        # What the text most often says; each is an edit away, and the build checks it against the words.
        for key, default in (("polarity", "positive"), ("modality", "actual"), ("tense", "past")):
            e[key] = self._value("code", op.get(key)) or default
        speaker = op.get("asserted_by") or self._publisher()
        if speaker:
            if str(speaker) not in self.ids("actors"):
                raise ReviewError(f"no actor {str(speaker)[:60]!r} in the coding to assert the event; pick one from the list")
            e["asserted_by"] = str(speaker)
        pt = self._value("code", op.get("plover_type"))
        row = self._crosswalk_row(cameo)
        if row and not pt:
            pt = row["plover_type"]
        if pt:
            e["plover"] = CommentedMap(type=pt)
            if row and row["plover_type"] == pt:  # the crosswalk's mode and context for the code, as the build expects
                for key in ("mode", "context"):
                    if row[f"plover_{key}"]:
                        e["plover"][key] = row[f"plover_{key}"]
            e["plover"].fa.set_flow_style()
        links = CommentedSeq()
        for role in ("agent", "target"):
            if op.get(role):
                links.append(self._actor_link(op[role], role))
        if links:
            e["actors"] = links
        note = self._value("text", op.get("note"))
        if note:
            e["note"] = note
        if not isinstance(self.data.get("events"), list):
            self.data["events"] = CommentedSeq()
        self.data["events"].append(e)
        return f"events {e['id']}: added"

    def _crosswalk_row(self, cameo: str) -> dict[str, str] | None:
        """The CAMEO-to-PLOVER crosswalk row the build checks the code against."""
        from ..pipeline.codelists import read_codelists
        from ..pipeline.plover import crosswalk_row

        lists = read_codelists(self.folder.parents[1] / "codelists")
        return crosswalk_row(lists["cameo_plover"].rows if "cameo_plover" in lists else None, cameo)[0]

    def _publisher(self) -> str | None:
        """The publisher's own voice: the actor whose evidence is {source: publisher}."""
        for a in self.entries("actors"):
            if isinstance(a, dict) and isinstance(a.get("evidence"), dict) and a["evidence"].get("source") == "publisher":
                return str(a.get("id"))
        return None

    def op_link(self, op: dict) -> str:
        from ruamel.yaml.comments import CommentedSeq

        e = self.entry("events", op.get("id"))
        link = self._actor_link(op.get("actor"), op.get("role"))
        if not isinstance(e.get("actors"), list):
            e["actors"] = CommentedSeq()
        if any(isinstance(x, dict) and str(x.get("actor")) == link["actor"] and x.get("role") == link["role"] for x in e["actors"]):
            raise ReviewError(f"events {op['id']!r}: {link['actor']} is already linked as {link['role']}", 409)
        e["actors"].append(link)
        return f"events {op['id']}: {link['actor']} linked as {link['role']}"

    def op_unlink(self, op: dict) -> str:
        e = self.entry("events", op.get("id"))
        links = e.get("actors") if isinstance(e.get("actors"), list) else []
        keep = [i for i, x in enumerate(links) if not (isinstance(x, dict) and str(x.get("actor")) == str(op.get("actor"))
                                                      and x.get("role") == op.get("role"))]
        if len(keep) == len(links):
            raise ReviewError(f"events {op.get('id')!r}: no link {str(op.get('actor'))[:40]} as {str(op.get('role'))[:20]}", 409)
        for i in reversed(range(len(links))):
            if i not in keep:
                links.pop(i)
        if not links:
            del e["actors"]
        return f"events {op['id']}: link removed"

    # --- saving -----------------------------------------------------------------------------

    def dump(self, data: Any = None) -> bytes:
        buf = io.StringIO()
        _yaml().dump(self.data if data is None else data, buf)
        return buf.getvalue().encode("utf-8")

    def save(self, expected_version: str) -> str:
        """Write coding.yaml (and source.yaml, when an edit changed it) if both still hold
        `expected_version`: each file a compare-and-swap (review/save.py), so a hand edit made at
        any moment stays and the reviewer gets a 409; a file no edit changed keeps its bytes."""
        from ..journal import WORK
        from .save import save

        if expected_version != self.version:
            raise ReviewError(CHANGED, 409)
        out = self.dump()
        src = self.dump(self.source) if self.source or self.source_raw else b""
        if src == b"{}\n" and not self.source_raw:
            src = b""
        lock = self.folder.parents[2] / WORK / f"review-{self.folder.name}.lock"
        try:
            for path, new, old in ((self.path, out, self.raw), (self.source_path, src, self.source_raw)):
                if new == old:
                    continue
                if path == self.source_path and not old:
                    _create(path, new)
                else:
                    save(path, new, version_of(old), lock)
        except Conflict as exc:
            raise ReviewError(str(exc), 409) from None
        except OSError as exc:  # nothing of anyone's is lost on the way (save.py); say what stopped it
            raise ReviewError(f"{path.name} could not be saved ({exc.strerror or exc}); check the folder's permissions and "
                              "disk space, then make your change again", 500) from None
        return version_of(out + b"\0" + src)


def _create(path: Path, data: bytes) -> None:
    """A new source.yaml: written beside, then linked in only if no file took the name meanwhile."""
    import secrets

    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.review")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise Conflict(CHANGED) from None
    finally:
        tmp.unlink(missing_ok=True)


def _get(entry: Any, field: str) -> Any:
    for k in field.split("."):
        if isinstance(entry, str) and k == "words":  # `date: <words>`, the shorthand
            return entry
        if not isinstance(entry, dict):
            return None
        entry = entry.get(k)
    return entry


def _same(current: Any, value: Any) -> bool:
    """Whether the file already holds `value` (a list as a list, a date as a date, 12 as 12)."""
    import datetime as dt

    def norm(v: Any) -> Any:
        if isinstance(v, (list, tuple)):
            return [norm(x) for x in v]
        if isinstance(v, dict):
            return {str(k): norm(x) for k, x in v.items()}
        if isinstance(v, dt.date):
            return v.isoformat()
        if isinstance(v, bool) or v is None:
            return v
        if isinstance(v, int):
            return int(v)
        return str(v)

    return norm(current) == norm(value)
