"""The build pipeline, one module per stage, in the order `run.build` uses them:

- articles.py   read each build/articles/<id>/ folder (text, source.yaml, coding.yaml)
- yaml_input.py the guarded YAML reader (one C parse; duplicate keys, aliases, depth, TODO marks)
- segment.py    segments with stable ids, from text/header.py and text/sentences.py
- evidence.py   the article's words (+ occurrence) -> offsets
- dates.py      the publication date (printed, stated, or inferred); mentions.py
                (text/ reads dates, quotes, speakers and quantities; the coding decides)
- context.py    shared helpers for the row builders (problems, references, codes)
- references.py references between coding entries, removed with the entries they name
- entities.py, events.py, quote_rows.py   rows per table; assemble.py ties them per article
- plover.py     the CAMEO-to-PLOVER crosswalk and the coding rules checked on every event
- actor_keys.py actors.actor_key, one identity per actor across articles, checked across the corpus
- links.py      build/links.yaml: cross-source event links, checked
- dyads.py      event_dyads, one row per event and (source, target) pair, derived from the other tables
- codelists.py  build/codelists/ and the fields they govern
- suites.py, docs.py, datapackage.py   generated suites, docs and descriptor
- croissant.py, dataset_card.py   croissant.json and docs/dataset_card.md, from the descriptor
- publish.py    write CSV/Parquet into a staging folder, compare with the published copy
- run.py        `build()`: all of the above under the build lock, validated, then published
                atomically (newsfacts/journal.py)
"""
from typing import Any

__all__ = ["build", "BuildResult"]


def build(*args: Any, **kwargs: Any) -> Any:
    """`run.build`, imported on first use: importing one stage (validation re-reads quotes
    with quote_rows, dates with dates) must not import the whole build."""
    from .run import build as run_build

    return run_build(*args, **kwargs)


def __getattr__(name: str) -> Any:
    if name == "BuildResult":
        from .run import BuildResult

        return BuildResult
    raise AttributeError(name)
