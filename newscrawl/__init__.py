"""newscrawl: regional news crawler (ticker, article, related news) for Yemeni and Arab outlets.

>>> from newscrawl import extract_page
>>> records = extract_page(html_bytes, "https://marebpress.net/news_details.php?lang=arabic&sid=1")
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["__version__", "extract_page"]


def extract_page(*args: Any, **kwargs: Any) -> list[dict[str, Any]]:
    """See :func:`newscrawl.api.extract_page` (imported lazily: `scrapy list` stays fast)."""
    from newscrawl.api import extract_page as _extract_page

    return _extract_page(*args, **kwargs)
