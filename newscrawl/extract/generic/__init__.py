"""The generic path: page parts found without any site knowledge.

Used for sites without a profile and, part by part, where a profile's selectors find
nothing. Pure functions over a :class:`parsel.Selector` of the decoded page.
"""

from __future__ import annotations

from parsel import Selector

from newscrawl.extract.decode import decode_html
from newscrawl.extract.generic.article import find_article as _find_article
from newscrawl.extract.generic.related import find_related, related_nodes
from newscrawl.extract.generic.ticker import find_ticker, ticker_nodes
from newscrawl.extract.parts import ArticleParts

__all__ = ["decode_html", "find_article", "find_related", "find_ticker"]


def find_article(sel: Selector, url: str) -> ArticleParts | None:
    """The main article (None when the page is not an article), without the ticker and the
    related list in its body."""
    return _find_article(sel, url, exclude=ticker_nodes(sel, url) + related_nodes(sel, url))
