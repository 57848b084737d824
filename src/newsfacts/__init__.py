"""newsfacts: hand-checked facts from news articles, every row traceable to the text.

    >>> import newsfacts
    >>> events = newsfacts.load("events")

Importing is cheap: pandas and pyarrow are imported only when data is asked for.
"""
from .__about__ import __version__
from .errors import CodingError, DataError, NewsfactsError
from .loading import article_text, datapackage_path, load, load_all, tables

__all__ = [
    "__version__",
    "load",
    "load_all",
    "tables",
    "datapackage_path",
    "article_text",
    "NewsfactsError",
    "CodingError",
    "DataError",
]
