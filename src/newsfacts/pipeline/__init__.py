"""The build pipeline, one module per stage, in the order `run.build` uses them:

- articles.py   read each build/articles/<id>/ folder (text, source.yaml, coding.yaml)
- segment.py    boilerplate, title, subtitle, dateline, paragraphs, sentences
- evidence.py   the article's words (+ occurrence) -> offsets
- dates.py, quantities.py, quotes.py, mentions.py   what is computed from the text
- context.py    shared helpers for the row builders (problems, references, codes)
- entities.py, events.py, quote_rows.py   rows per table; assemble.py ties them per article
- codelists.py  build/codelists/ and the fields they govern
- suites.py, docs.py, datapackage.py   generated suites, docs and descriptor
- publish.py    write CSV/Parquet into a staging folder, compare, swap in
- run.py        `build()`: all of the above, validated before anything is published
"""
from .run import BuildResult, build

__all__ = ["build", "BuildResult"]
