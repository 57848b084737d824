"""`newsfacts view`: a static site that shows every fact on its words.

site.py builds the data (marks over the text, rows per mark, the timeline) from the
package's tables; templates/ renders it with Jinja2 (autoescaped); assets/ holds the
CSS and JS inlined into each page, so the site needs no network, CDN or font."""
from .site import MissingViewer, MARK_KINDS, build_site

__all__ = ["build_site", "MARK_KINDS", "MissingViewer"]
