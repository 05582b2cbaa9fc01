"""URLs that multiply one page, and paths that never end.

- **Tracking and session parameters.** ``?utm_source=fb``, ``&fbclid=...``,
  ``;jsessionid=...``: the same article under endless URLs, each fetched and each a record
  of its own (the article id comes from the URL when a page states no canonical URL).
  :class:`UrlHygiene` takes the parameters listed in ``NEWSCRAWL_TRACKING_PARAMETERS``
  (``name`` or ``prefix*``, any case) out of every request the spider makes, with w3lib's
  ``url_query_cleaner``, before the duplicate filter sees it: one article, one fetch, one
  record. The parameters a site needs stay (Mare Press's ``sid`` is an article id).
- **Endless paths.** A calendar that always links the day before, related-news chains that
  never close: Scrapy's ``DEPTH_LIMIT`` ends them, silently (a DEBUG line). Here each link
  dropped for depth is counted in ``newscrawl/traps/depth_limit`` and the first is logged.
  Endless pagination stops at ``NEWSCRAWL_MAX_LISTING_PAGES`` (the spider counts
  ``newscrawl/listing/page_limit``).
"""

from __future__ import annotations

import logging
import re
from fnmatch import fnmatchcase
from urllib.parse import parse_qsl, urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware
from w3lib.url import url_query_cleaner

logger = logging.getLogger(__name__)

_PATH_SESSION_RE = re.compile(r";(jsessionid|phpsessid|sid)=[^/?#]*", re.IGNORECASE)


def clean_url(url: str, patterns: list[str]) -> str:
    """``url`` without the query parameters matching ``patterns`` (and without a
    ``;jsessionid=`` path parameter)."""
    parts = urlsplit(url)
    path = _PATH_SESSION_RE.sub("", parts.path)
    if path != parts.path:
        url = parts._replace(path=path).geturl()
    names = {name for name, _ in parse_qsl(parts.query, keep_blank_values=True)}
    lowered = [p.lower() for p in patterns]
    drop = [n for n in names if any(fnmatchcase(n.lower(), p) for p in lowered)]
    if not drop:
        return url
    return url_query_cleaner(url, drop, remove=True, unique=False, keep_fragments=True)


def tracking_free(crawler: Crawler, url: str) -> str:
    """``url`` without tracking or session parameters, counted (and the first one logged).
    The spider cleans article URLs with it before matching them against the site's article
    patterns (a query string would not match them); :class:`UrlHygiene` every other URL."""
    cleaned = clean_url(url, crawler.settings.getlist("NEWSCRAWL_TRACKING_PARAMETERS"))
    if cleaned != url:
        assert crawler.stats is not None
        key = "newscrawl/urls/tracking_removed"
        if not crawler.stats.get_value(key):
            logger.info("tracking or session parameters removed: %s -> %s (counted)", url, cleaned)
        crawler.stats.inc_value(key)
    return cleaned


class UrlHygiene(BaseSpiderMiddleware):
    """Tracking parameters out, depth-limit drops counted (see the module). Placed on the
    spider's side of Scrapy's ``DepthMiddleware`` (900), so it sees what that one drops."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.max_depth = crawler.settings.getint("DEPTH_LIMIT")
        self.depth_logged = False

    def get_processed_request(self, request: Request, response: Response | None) -> Request:
        cleaned = tracking_free(self.crawler, request.url)
        if cleaned != request.url:
            request = request.replace(url=cleaned)
        if response is not None and self.max_depth:
            depth = int(response.meta.get("depth", 0)) + 1
            if depth > self.max_depth:
                assert self.crawler.stats is not None
                self.crawler.stats.inc_value("newscrawl/traps/depth_limit")
                if not self.depth_logged:
                    self.depth_logged = True
                    logger.info(
                        "not following %s: DEPTH_LIMIT %d reached (the first; counted)",
                        request.url,
                        self.max_depth,
                    )
        return request
