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


def read_yaml(path: Path, label: str, problems: Problems) -> dict[str, Any] | None:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.add(label, "file", "is missing", f"create {path.name} (see the README's 'Adding an article')")
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "file"
        problems.add(label, where, f"is not valid YAML ({getattr(exc, 'problem', exc)})", "fix the YAML syntax there")
        return None
    if not isinstance(data, dict):
        problems.add(label, "file", "must be a YAML mapping at top level", "start the file with keys such as `actors:`")
        return None
    return data


def read_articles(articles_dir: Path, problems: Problems) -> list[Article]:
    out = []
    folders = sorted(p for p in Path(articles_dir).iterdir() if p.is_dir()) if Path(articles_dir).is_dir() else []
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
        source = read_yaml(folder / SOURCE, f"{label}/{SOURCE}", problems)
        coding = read_yaml(folder / CODING, f"{label}/{CODING}", problems)
        if source is not None and coding is not None:
            out.append(Article(aid, folder, text, source, coding))
    return out
