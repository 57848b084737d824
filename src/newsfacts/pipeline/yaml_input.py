"""Reading the build's YAML inputs as untrusted text: one C-speed parse, with guards.

- plain values only: `safe` construction, no tags such as !!python/...;
- YAML 1.2 booleans: only true and false are booleans, so `country: NO` is the string NO
  (YAML 1.1 reads yes/no/on/off as booleans: the "Norway problem");
- a key written twice in one mapping is an error naming both lines (YAML would keep the last);
- aliases may not expand the document past MAX_NODES values, and nothing may nest deeper than
  MAX_DEPTH (a "billion laughs" or a deeply nested file is refused, not expanded);
- a size limit, UTF-8 without a byte-order mark, and a regular file (not a FIFO or folder).
TODO marks left by `newsfacts draft` are collected with their line and field."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problems
from ..safeio import MAX_YAML_BYTES, UnsafeFile, read_regular

MAX_NODES = 2_000_000  # values after expanding aliases: more than a file within MAX_YAML_BYTES can write out
MAX_DEPTH = 100
TODO = "TODO"
DRAFTED = "drafted"

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
BOOL_12 = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")


class DuplicateKey(yaml.YAMLError):
    def __init__(self, key: str, first: int, second: int):
        super().__init__(f"the key {key!r} is given twice in one mapping (lines {first} and {second})")
        self.key, self.first, self.second = key, first, second


class Loader(_Base):  # type: ignore[misc, valid-type]
    """CSafeLoader (SafeLoader without libyaml) with YAML 1.2 booleans and no duplicate keys."""

    yaml_implicit_resolvers = {
        ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
        for ch, resolvers in _Base.yaml_implicit_resolvers.items()
    }

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                k = (key_node.tag, key_node.value)
                if k in seen:
                    raise DuplicateKey(key_node.value[:40], seen[k], key_node.start_mark.line + 1)
                seen[k] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep)


for _ch in "tTfF":
    Loader.add_implicit_resolver("tag:yaml.org,2002:bool", BOOL_12, list(_ch))


def _children(n: Any) -> list[Any]:
    if isinstance(n, yaml.MappingNode):
        return [x for pair in n.value for x in pair]
    if isinstance(n, yaml.SequenceNode):
        return list(n.value)
    return []


def _walk_tree(root: Any) -> tuple[int, int]:
    """_walk for a document without aliases (a tree, every node reached once): a plain count."""
    count = deepest = 0
    stack: list[tuple[Any, int]] = [(root, 1)]
    mapping, sequence = yaml.MappingNode, yaml.SequenceNode
    while stack:
        n, depth = stack.pop()
        count += 1
        if depth > deepest:
            deepest = depth
            if deepest > MAX_DEPTH:
                return 0, deepest
        if isinstance(n, mapping):
            for k, v in n.value:
                stack.append((k, depth + 1))
                stack.append((v, depth + 1))
        elif isinstance(n, sequence):
            stack.extend([(v, depth + 1) for v in n.value])
    return count, deepest


def _walk(root: Any) -> tuple[int, int]:
    """(values once aliases are expanded, deepest nesting), without recursion: a node's size is
    1 + its children's, computed once per node however often aliases repeat it (a cycle counts 1)."""
    size: dict[int, int] = {}
    on_path: set[int] = set()
    deepest = 0
    stack: list[tuple[Any, int, bool]] = [(root, 1, False)]
    while stack:
        n, depth, done = stack.pop()
        key = id(n)
        if done:
            size[key] = min(1 + sum(size.get(id(c), 1) for c in _children(n)), MAX_NODES + 1)
            on_path.discard(key)
            continue
        if key in size or key in on_path:
            continue
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            return 0, deepest
        on_path.add(key)
        stack.append((n, depth, True))
        stack.extend((c, depth + 1, False) for c in _children(n))
    return size.get(id(root), 1), deepest


def todo_marks(node: Any, path: tuple[str, ...] = ()) -> list[tuple[int, str, str]]:
    """(line, field path, text) of every scalar value holding TODO, and of every `drafted:`
    key (a suggestion of `newsfacts draft` no one has reviewed yet)."""
    out = []
    stack = [(node, path)]
    while stack:
        n, p = stack.pop()
        if isinstance(n, yaml.ScalarNode):
            if TODO in str(n.value):
                out.append((n.start_mark.line + 1, ".".join(p) or "value", str(n.value)))
        elif isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                if isinstance(k, yaml.ScalarNode) and k.value == DRAFTED and str(v.value).lower() not in ("false", "no", ""):
                    out.append((k.start_mark.line + 1, ".".join(p) or "entry", f"{DRAFTED}: {v.value}"))
            stack.extend((v, p + (str(k.value)[:40],)) for k, v in reversed(n.value))
        elif isinstance(n, yaml.SequenceNode):
            stack.extend((v, p[:-1] + (f"{p[-1] if p else ''}[{i}]",)) for i, v in reversed(list(enumerate(n.value, start=1))))
    return sorted(out)


def read_yaml(path: Path, label: str, problems: Problems, kind: type = dict,
              marks: list[tuple[int, str, str]] | None = None) -> Any:
    """A YAML input, or None with a problem naming the file, the line and the fix: missing,
    not a regular file, too large, not UTF-8 or with a BOM, bad syntax, tags (!!python/...),
    a key given twice, impossible dates (2015-13-45), alias bombs, deep nesting, or a top
    level that is not a mapping (or list). `marks` collects the TODO marks."""
    try:
        raw = read_regular(path, MAX_YAML_BYTES, "YAML input")
    except UnsafeFile as exc:
        msg = str(exc).split(": ", 1)[-1]
        if msg == "missing":
            problems.add(label, "file", "is missing", f"create {Path(path).name} (see the README's 'Adding or editing an article')")
        else:
            problems.add(label, "file", msg, "make it a regular UTF-8 file within the limit")
        return None
    return parse_yaml(raw, label, problems, kind, marks)


def parse_yaml(raw: bytes, label: str, problems: Problems, kind: type = dict,
               marks: list[tuple[int, str, str]] | None = None) -> Any:
    """`read_yaml` on bytes already read (through the guarded reader): the review app checks
    coding.yaml with it before its round-trip parser, which has none of these guards."""
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.add(label, "file", "starts with a UTF-8 byte-order mark (BOM)", "save the file as UTF-8 without a BOM")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.add(label, f"byte {exc.start}", "is not UTF-8", "save the file as UTF-8")
        return None
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            # An alias is written with '*': without one the document is a tree and a count suffices.
            total, depth = (_walk if "*" in text else _walk_tree)(node)
            if depth > MAX_DEPTH:
                problems.add(label, "file", f"nests more than {MAX_DEPTH} levels deep", "flatten it: coding files are a few levels deep")
                return None
            if total > MAX_NODES:
                problems.add(label, "file", f"expands to more than {MAX_NODES:,} values, more than the file writes out (YAML aliases repeated?)",
                             "write the values out; anchors and aliases may not multiply the document")
                return None
            if marks is not None:
                marks.extend(todo_marks(node))
        data = loader.construct_document(node) if node is not None else None
    except DuplicateKey as exc:
        problems.add(label, f"line {exc.second}", str(exc), f"keep one of the two (line {exc.first} or {exc.second}); YAML would silently use the last")
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "file"
        what = str(getattr(exc, "problem", None) or exc).splitlines()[0][:120]
        problems.add(label, where, f"is not valid YAML ({what})", "fix the YAML there (plain values only: no !!python or other tags)")
        return None
    except (ValueError, TypeError, OverflowError) as exc:  # e.g. an impossible date such as 2015-13-45
        problems.add(label, "file", f"has a value YAML cannot read ({str(exc)[:80]})", "quote it, or write a real date as YYYY-MM-DD")
        return None
    except RecursionError:
        problems.add(label, "file", f"nests too deeply to read", "flatten it: coding files are a few levels deep")
        return None
    finally:
        loader.dispose()
    if data is None and kind is dict:
        return {}
    if not isinstance(data, kind):
        what = "a YAML mapping (keys such as `actors:`)" if kind is dict else "a YAML list (`- ...` entries)"
        problems.add(label, "file", f"must be {what} at top level", f"start the file with {what}")
        return None
    return data
