"""Middlewares: what became of each request, and known articles not fetched again."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware

from newscrawl.crawlrun import CrawlRun

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

# Request meta set by the spider on an article request that a listing, feed or related-news
# entry led to: where from, and the local date the entry showed (None when it showed none).
LISTED_FROM = "newscrawl_listed_from"
LISTED_DATE = "newscrawl_listed_date"
DEAD = (404, 410)  # statuses of a dead link


class FetchOutcomes:
    """Count the final outcome of each request, after retries and redirects (it sits just
    on the engine's side of RetryMiddleware): ``newscrawl/fetch/responses``,
    ``newscrawl/fetch/exceptions`` (no response), ``newscrawl/fetch/errors`` (an error
    status or no response: what the error rate counts), ``newscrawl/fetch/not_found``
    (404 and 410: links to pages the site no longer has, listed but not failures) and
    ``newscrawl/errors/<kind>`` (``http_500``, ``http_404``, ``ConnectionRefusedError``...).
    robots.txt is the site's business, not an error of ours; requests refused by robots.txt
    are not failures either."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FetchOutcomes:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if not _is_robots(request):
            self._count("fetch/responses")
            if response.status >= 400:
                # A dead link (404, 410) is the site's; the run failed only if the site did.
                self._count("fetch/not_found" if response.status in DEAD else "fetch/errors")
                self._count(f"errors/http_{response.status}")
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        if isinstance(exception, IgnoreRequest) or _is_robots(request):
            return
        self._count("fetch/exceptions")
        self._count("fetch/errors")
        self._count(f"errors/{type(exception).__name__}")

    def _count(self, key: str) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"newscrawl/{key}")


def _is_robots(request: Request) -> bool:
    return request.url.split("?", 1)[0].endswith("/robots.txt")


class SkipKnownArticles(BaseSpiderMiddleware):
    """Drop article requests that a listing, feed or related-news entry shows as already
    known: the URL is in the state and the entry shows no date or the date the state has.
    Counted once per article in ``newscrawl/state/skipped_known``. Off with ``-a full=1``
    and without state."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.skipped: set[str] = set()

    def get_processed_request(self, request: Request, response: Response | None) -> Any:
        if LISTED_FROM not in request.meta:
            return request
        run = CrawlRun.of(self.crawler)
        if run is None or run.state is None or run.full:
            return request
        known = run.state.article_at(request.url)
        if known is None:
            return request
        shown = request.meta.get(LISTED_DATE)
        if shown is not None and shown != known.published_date:
            return request  # the listing shows another date: the article may have changed
        if known.id not in self.skipped:  # listed on the home page, its section and the feed
            self.skipped.add(known.id)
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value("newscrawl/state/skipped_known")
        return None
