"""The build pipeline, one module per stage:

read (articles.py) -> segment (segment.py) -> resolve evidence (evidence.py) ->
dates (dates.py), quantities (quantities.py), quotes (quotes.py), mentions (mentions.py) ->
rows per table (assemble.py) -> code lists (codelists.py) -> write and publish (publish.py).
"""
from .run import BuildResult, build

__all__ = ["build", "BuildResult"]
