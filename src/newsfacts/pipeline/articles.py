"""Read one article folder: verbatim text, source metadata and curated coding."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Problems
from ..safeio import MAX_TEXT_CHARS, UnsafeFile, read_regular, text_problem
from .yaml_input import read_yaml

TEXT, SOURCE, CODING = "article.txt", "source.yaml", "coding.yaml"
ARTICLE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass
class Article:
    article_id: str
    folder: Path
    text: str
    source: dict[str, Any]
    coding: dict[str, Any]
    todos: list[tuple[str, int, str, str]] = field(default_factory=list)  # (file, line, field, text) of TODO marks

    def file(self, name: str) -> str:
        return f"build/articles/{self.article_id}/{name}"


def read_text(path: Path) -> tuple[str | None, tuple[str, str, str] | None]:
    """An article's verbatim text, or (None, (where, what, fix)): it must be a regular file
    of UTF-8 without a BOM, LF line endings, within the size limit, with no control or
    bidirectional-control characters. Shared by the build and `newsfacts draft`."""
    try:
        raw = read_regular(path, MAX_TEXT_CHARS * 4, "article text")
    except UnsafeFile as exc:
        msg = str(exc).split(": ", 1)[-1]
        return None, ("file", msg, "add the verbatim article text as article.txt (UTF-8)" if msg == "missing"
                      else "give a regular UTF-8 text file within the limit")
    return decode_text(raw)


def decode_text(raw: bytes) -> tuple[str | None, tuple[str, str, str] | None]:
    """`read_text`'s checks on bytes read from anywhere (a file, a JSON Lines record, a Parquet
    cell): the text, or (None, (where, what, fix))."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, ("file", "starts with a UTF-8 byte-order mark (BOM), which would shift every offset",
                      "save the text as UTF-8 without a BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, (f"byte {exc.start}", "is not UTF-8", "save the text as UTF-8")
    if len(text) > MAX_TEXT_CHARS:
        return None, ("file", f"has {len(text):,} characters; an article text is limited to {MAX_TEXT_CHARS:,}",
                      "split it: one article per folder")
    if "\r" in text:
        return None, ("file", "has CR line endings; offsets are defined on LF text", "convert the file to LF line endings")
    bad = text_problem(text)
    if bad is not None:
        return None, (f"offset {bad[0]}", f"holds {bad[1]}",
                      "remove it: article texts are plain text (a control character is damage; a bidirectional control "
                      "makes the words on screen differ from the offsets)")
    return text, None


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
        art = read_article(folder, problems)
        if art is not None:
            out.append(art)
    return out


def read_article(folder: Path, problems: Problems) -> Article | None:
    """One article folder (build/articles/<id>/), or None with its problems added."""
    aid = folder.name
    label = f"build/articles/{aid}"
    if not ARTICLE_ID.match(aid):
        problems.add(label, "folder name", f"{aid!r} is not a valid article id", "rename the folder to lowercase letters, digits and hyphens")
        return None
    text, bad = read_text(folder / TEXT)
    if bad:
        problems.add(f"{label}/{TEXT}", *bad)
        return None
    marks: dict[str, list[tuple[int, str, str]]] = {SOURCE: [], CODING: []}
    source = read_yaml(folder / SOURCE, f"{label}/{SOURCE}", problems, marks=marks[SOURCE])
    coding = read_yaml(folder / CODING, f"{label}/{CODING}", problems, marks=marks[CODING])
    if source is None or coding is None:
        return None
    todos = [(f"{label}/{name}", line, fld, val) for name in (SOURCE, CODING) for line, fld, val in marks[name]]
    return Article(aid, folder, text, source, coding, todos)
