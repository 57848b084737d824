"""Read one article folder: verbatim text, source metadata and curated coding."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import Problems

TEXT, SOURCE, CODING = "article.txt", "source.yaml", "coding.yaml"
ARTICLE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass
class Article:
    article_id: str
    folder: Path
    text: str
    source: dict[str, Any]
    coding: dict[str, Any]

    def file(self, name: str) -> str:
        return f"build/articles/{self.article_id}/{name}"


MAX_YAML_BYTES = 2_000_000
MAX_YAML_NODES = 200_000  # values after expanding aliases: a "billion laughs" document is refused


def _expanded_size(node: Any, memo: dict[int, int]) -> int:
    """How many values a YAML node stands for once aliases are expanded (linear in the graph)."""
    key = id(node)
    if key in memo:
        return memo[key]
    memo[key] = 1  # a cycle counts once
    value = node.value
    if isinstance(value, list):
        total = 1
        for item in value:
            total += sum(_expanded_size(x, memo) for x in item) if isinstance(item, tuple) else _expanded_size(item, memo)
            if total > MAX_YAML_NODES:
                break
        memo[key] = total
    return memo[key]


def read_yaml(path: Path, label: str, problems: Problems, kind: type = dict) -> Any:
    """A YAML input, or None with a problem naming the file, the line and the fix: missing,
    too large, not UTF-8, bad syntax, tags safe_load refuses (!!python/...), impossible dates
    (2015-13-45), alias bombs, or a top level that is not a mapping (or list)."""
    import yaml

    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        problems.add(label, "file", "is missing", f"create {path.name} (see the README's 'Adding or editing an article')")
        return None
    except OSError as exc:
        problems.add(label, "file", f"cannot be read ({exc.strerror})", "make it a readable file")
        return None
    if len(raw) > MAX_YAML_BYTES:
        problems.add(label, "file", f"is {len(raw):,} bytes; inputs are limited to {MAX_YAML_BYTES:,}", "split or shorten it")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.add(label, f"byte {exc.start}", "is not UTF-8", "save the file as UTF-8")
        return None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        if node is not None and _expanded_size(node, {}) > MAX_YAML_NODES:
            problems.add(label, "file", f"expands to more than {MAX_YAML_NODES:,} values (YAML aliases repeated?)",
                         "write the values out; anchors and aliases may not multiply the document")
            return None
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "file"
        what = str(getattr(exc, "problem", None) or exc).splitlines()[0][:120]
        problems.add(label, where, f"is not valid YAML ({what})", "fix the YAML there (plain values only: no !!python or other tags)")
        return None
    except (ValueError, TypeError, OverflowError) as exc:  # e.g. an impossible date such as 2015-13-45
        problems.add(label, "file", f"has a value YAML cannot read ({str(exc)[:80]})", "quote it, or write a real date as YYYY-MM-DD")
        return None
    if data is None and kind is dict:
        return {}
    if not isinstance(data, kind):
        what = "a YAML mapping (keys such as `actors:`)" if kind is dict else "a YAML list (`- ...` entries)"
        problems.add(label, "file", f"must be {what} at top level", f"start the file with {what}")
        return None
    return data


def read_articles(articles_dir: Path, problems: Problems) -> list[Article]:
    out = []
    base = Path(articles_dir).resolve()
    folders = sorted(p for p in Path(articles_dir).iterdir() if p.is_dir()) if Path(articles_dir).is_dir() else []
    for p in [p for p in folders if p.resolve().parent != base or any(f.is_symlink() and not f.resolve().is_relative_to(p.resolve()) for f in p.iterdir())]:
        problems.add(f"build/articles/{p.name}", "folder", "is a link to files outside build/articles",
                     "copy the article's files into build/articles/<article_id>/; links out of the checkout are not built")
        folders.remove(p)
    if not folders:
        problems.add(str(articles_dir), "folder", "holds no article folders", "add build/articles/<article_id>/ with article.txt, source.yaml, coding.yaml")
    for folder in folders:
        aid = folder.name
        label = f"build/articles/{aid}"
        if not ARTICLE_ID.match(aid):
            problems.add(label, "folder name", f"{aid!r} is not a valid article id", "rename the folder to lowercase letters, digits and hyphens")
            continue
        try:
            raw = (folder / TEXT).read_bytes()
        except FileNotFoundError:
            problems.add(f"{label}/{TEXT}", "file", "is missing", "add the verbatim article text as article.txt (UTF-8)")
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.add(f"{label}/{TEXT}", f"byte {exc.start}", "is not UTF-8", "save the text as UTF-8")
            continue
        if "\r" in text:
            problems.add(f"{label}/{TEXT}", "file", "has CR line endings; offsets are defined on LF text", "convert the file to LF line endings")
            continue
        bad = next((i for i, c in enumerate(text) if (ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) < 0xA0), None)
        if bad is not None:
            problems.add(f"{label}/{TEXT}", f"offset {bad}", f"holds the control character U+{ord(text[bad]):04X}",
                         "remove it: article texts are plain text (a NUL or other control character is damage)")
            continue
        source = read_yaml(folder / SOURCE, f"{label}/{SOURCE}", problems)
        coding = read_yaml(folder / CODING, f"{label}/{CODING}", problems)
        if source is not None and coding is not None:
            out.append(Article(aid, folder, text, source, coding))
    return out
