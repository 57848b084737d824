"""The build's input check on one article folder, as the review runs it on every save: the
article is read and assembled with the package's code lists and rules exactly as `newsfacts
build` assembles it; nothing is written. Each message is tied to the entry it names."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import CodingError, Problems
from ..pipeline.articles import read_article
from ..pipeline.assemble import assemble
from ..pipeline.codelists import by_field, read_codelists
from ..pipeline.context import entry_record


def check_article(root: Path, folder: Path) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    """(messages, the build's rows of this article): each message {file, record, message, fix,
    section, id}; section and id name the entry when the record is one."""
    problems = Problems()
    tables: dict[str, list[dict[str, Any]]] = {}
    try:
        lists = read_codelists(root / "build" / "codelists")
        art = read_article(folder, problems)
        if art is not None:
            tables = assemble(art, problems, by_field(lists), root / "schemas", lists)
    except CodingError as exc:  # code lists that cannot be read: the build says the same
        problems.items.extend(exc.problems)
    out = []
    for p in problems.items:
        section, rid = entry_record(p.record) or (None, None)
        out.append({"file": p.file, "record": p.record, "message": p.message, "fix": p.fix, "section": section, "id": rid})
    return out, tables
