"""The generic path: page parts found without any site knowledge.

Used for sites without a profile and, part by part, where a profile's selectors find
nothing (or are switched off). Stateless functions of a :class:`newscrawl.extract.page.Page`,
which keeps what they find for the page's lifetime.
"""

from __future__ import annotations

from newscrawl.extract.generic.article import find_article
from newscrawl.extract.generic.related import find_related, related_nodes
from newscrawl.extract.generic.ticker import find_ticker, ticker_nodes

__all__ = ["find_article", "find_related", "find_ticker", "related_nodes", "ticker_nodes"]
