"""Coverage of a run: how many articles the site listed in the date window, and what became
of each; and whether every listing was paged back to the window's start.

The spider tells :class:`Coverage` what its listings, feeds, sitemaps and related-news lists
showed inside the window (``listed``) and how far it paged each listing; Scrapy's signals
tell it what was requested, answered and written. At the end it writes the counts to the
crawl stats (``newscrawl/coverage/<source>/<measure>``, ``newscrawl/coverage/window_cut``),
where the verdict (:mod:`newscrawl.verdict`), the run summary and the coverage line read them.

A **window cut** is a listing that stopped paging before the window's start (``since``, or
the listing's end when the window has no start): a page cap, a page count
(``CLOSESPIDER_PAGECOUNT``), ``DEPTH_LIMIT``, or a next page that could not be read. Each is
logged as a WARNING naming the listing and the date it reached, and fails the run (exit 1).
Runs without a date window page to ``NEWSCRAWL_MAX_LISTING_PAGES`` by design: no cut.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from scrapy import signals

from newscrawl.crawlrun import CrawlRun

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

    from newscrawl.spiders.args import CrawlArgs

logger = logging.getLogger(__name__)

# Where an article URL was found: the site's indexes first, then related-news lists.
INDEXES = ("listing", "sitemap", "feed")
SOURCES = (*INDEXES, "related")
MEASURES = ("listed", "fetched", "written", "skipped_known", "failed", "not_reached")
PREFIX = "newscrawl/coverage/"
# Request meta: the URL a listed article was requested at (a middleware may clean the
# request's URL, a redirect change it; the meta goes along).
LISTED_URL = "newscrawl_listed_url"
WINDOW_CUT = "newscrawl/coverage/window_cut"
# Finish reasons after which unread pages are the user's own limit, not a cut.
_USER_LIMITS = frozenset({"max_articles"})


@dataclass
class Listing:
    """One listing (a section, the home page) as the run paged it."""

    url: str  # its first page
    pages: int = 0  # pages read
    reached: str | None = None  # the oldest local date its pages showed
    pending: str | None = None  # the next page requested and not read yet
    seen: set[str] = field(default_factory=set)  # article URLs on its pages (loop guard)

    def read(self, page: int, dates: list[str | None]) -> None:
        self.pages = max(self.pages, page)
        self.pending = None
        shown = [d for d in dates if d]
        if shown and (self.reached is None or min(shown) < self.reached):
            self.reached = min(shown)


@dataclass(frozen=True)
class Cut:
    """A listing that stopped before the window's start, or articles listed in the window
    that were never fetched, and why."""

    listing: str  # the listing's first page, or an example of the articles
    page: int  # the last page read
    reached: str | None  # the oldest date it showed
    # What stopped it: a setting (NEWSCRAWL_BACKFILL_MAX_LISTING_PAGES, DEPTH_LIMIT), the
    # run's finish reason (closespider_pagecount...), or unread_page (its request failed).
    by: str
    articles: int = 0  # listed articles never fetched (0: a listing cut)

    def as_dict(self) -> dict[str, Any]:
        return {
            "listing": self.listing,
            "page": self.page,
            "reached": self.reached,
            "by": self.by,
            "articles": self.articles,
        }

    def describe(self) -> str:
        if self.articles:
            return (
                f"{self.articles} article(s) listed in the window never fetched ({self.by}),"
                f" e.g. {self.listing}"
            )
        return (
            f"listing {self.listing} stopped at page {self.page} by {self.by}, having reached"
            f" {self.reached or 'no dated entry'}"
        )


class Coverage:
    """What one crawl's sources listed in its window and what became of each article."""

    def __init__(self, crawler: Crawler, args: CrawlArgs) -> None:
        self.crawler = crawler
        self.since = args.since.isoformat() if args.since else None
        self.until = args.until.isoformat() if args.until else None
        self.sources: dict[str, set[str]] = {}  # URL -> the sources that listed it
        self.scheduled: set[str] = set()
        self.answered: set[str] = set()  # any final response, whatever its status
        self.fetched: set[str] = set()  # a 2xx response
        self.finish_reason = ""
        self.written: set[str] = set()
        self.listings: dict[str, Listing] = {}
        self.cuts: list[Cut] = []
        self.counts: dict[str, dict[str, int]] = {}

    @classmethod
    def install(cls, crawler: Crawler, args: CrawlArgs) -> Coverage:
        coverage = cls(crawler, args)
        crawler.signals.connect(coverage.request_scheduled, signal=signals.request_scheduled)
        crawler.signals.connect(coverage.response_received, signal=signals.response_received)
        crawler.signals.connect(coverage.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(coverage.spider_closed, signal=signals.spider_closed)
        return coverage

    @property
    def windowed(self) -> bool:
        return bool(self.since or self.until)

    # -- what the spider reports ----------------------------------------------------------

    def listed(self, request: Request, source: str) -> None:
        """The request for an article a source showed inside the window (or undated)."""
        url = request.meta.setdefault(LISTED_URL, request.url)
        self.sources.setdefault(url, set()).add(source)

    def listing(self, url: str) -> Listing:
        return self.listings.setdefault(url, Listing(url))

    def cut(self, listing: Listing, by: str, articles: int = 0) -> None:
        cut = Cut(listing.url, listing.pages, listing.reached, by, articles)
        self.cuts.append(cut)
        logger.warning(
            "window cut: %s, before the window's start (%s): articles of the window were"
            " not all reached",
            cut.describe(),
            self.since or "the listing's end",
        )

    # -- what Scrapy reports --------------------------------------------------------------

    def request_scheduled(self, request: Request) -> None:
        url = request.meta.get(LISTED_URL)
        if url is not None:
            self.scheduled.add(url)

    def response_received(self, response: Response, request: Request) -> None:
        url = request.meta.get(LISTED_URL)
        if url is not None and not 300 <= response.status < 400:  # a redirect goes on
            self.answered.add(url)
            if 200 <= response.status < 300:
                self.fetched.add(url)

    def item_scraped(self, item: Any, response: Response | None) -> None:
        if response is None or getattr(item, "type", None) != "article":
            return
        url = response.request.meta.get(LISTED_URL) if response.request else None
        self.written.add(url or response.url)

    def spider_closed(self, reason: str) -> None:
        self.finish_reason = reason
        if self.windowed and reason not in _USER_LIMITS:
            self._cut_unfinished(reason)
        self.counts = self._count()
        stats = self.crawler.stats
        assert stats is not None
        for source, measures in self.counts.items():
            for measure, value in measures.items():
                stats.set_value(f"{PREFIX}{source}/{measure}", value)
        stats.set_value(WINDOW_CUT, len(self.cuts))
        for by, value in Counter(c.by for c in self.cuts).items():
            stats.set_value(f"{WINDOW_CUT}/{by}", value)

    # -- the end of the run ---------------------------------------------------------------

    def _cut_unfinished(self, reason: str) -> None:
        """Listings whose next page was never read, and indexed articles never requested
        (dropped by ``DEPTH_LIMIT``, or the run stopped first), cut the window."""
        # "finished" with a page pending: its request failed, or was refused or dropped.
        by = reason if reason != "finished" else "unread_page"
        for listing in self.listings.values():
            if listing.pending is not None:
                self.cut(listing, by)
        unreached = [
            url
            for url, found in self.sources.items()
            if found & set(INDEXES) and self._outcome(url) == ("not_reached",)
        ]
        if unreached:
            assert self.crawler.stats is not None
            # A run that finished dropped them (DEPTH_LIMIT, most likely); one that stopped
            # early had not come to them.
            dropped = self.crawler.stats.get_value("depth/request_ignored_count", 0)
            by_depth = "DEPTH_LIMIT" if dropped else "dropped"
            cause = by_depth if reason == "finished" else reason
            self.cut(Listing(unreached[0]), cause, articles=len(unreached))

    def _known(self, url: str) -> bool:
        """Skipped as known: SkipKnownArticles dropped it (the state has it)."""
        run = CrawlRun.of(self.crawler)
        if run is None or run.state is None or run.full:
            return False
        return run.state.article_at(url) is not None

    def _count(self) -> dict[str, dict[str, int]]:
        counts = {name: dict.fromkeys(MEASURES, 0) for name in ("all", *SOURCES)}
        for url, found in self.sources.items():
            outcome = self._outcome(url)
            for name in ("all", *found):
                counts[name]["listed"] += 1
                for measure in outcome:
                    counts[name][measure] += 1
        return counts

    def _outcome(self, url: str) -> tuple[str, ...]:
        if url in self.fetched:
            return ("fetched", "written") if url in self.written else ("fetched",)
        # Requested and never answered: failed (no response after retries), unless the run
        # stopped before its turn came.
        if url in self.answered or (url in self.scheduled and self.finish_reason == "finished"):
            return ("failed",)
        if url in self.scheduled:
            return ("not_reached",)
        return ("skipped_known",) if self._known(url) else ("not_reached",)


# -- reporting ----------------------------------------------------------------------------------


def summary(stats: Mapping[str, Any], coverage: Coverage | None) -> dict[str, Any]:
    """The ``coverage`` part of the run summary: the window, counts overall and per source,
    and the cuts."""
    counts = {
        name: {m: int(stats.get(f"{PREFIX}{name}/{m}", 0)) for m in MEASURES}
        for name in ("all", *SOURCES)
    }
    cuts = int(stats.get(WINDOW_CUT, 0))
    return {
        "window": {
            "since": coverage.since if coverage else None,
            "until": coverage.until if coverage else None,
        },
        "complete": cuts == 0,
        **counts["all"],
        "sources": {name: counts[name] for name in SOURCES if counts[name]["listed"]},
        "window_cut": cuts,
        "window_cuts": [c.as_dict() for c in coverage.cuts] if coverage else [],
    }


def line(spider: str, report: Mapping[str, Any]) -> str:
    """The human coverage line, logged just before the verdict line."""
    since, until = report["window"]["since"], report["window"]["until"]
    if since and until:
        span = f"window {since}..{until}"
    else:
        span = f"since {since}" if since else f"until {until}" if until else "no date window"
    totals = (
        f"{report['listed']} article(s) listed, {report['fetched']} fetched,"
        f" {report['written']} written, {report['skipped_known']} skipped as known,"
        f" {report['failed']} failed, {report['not_reached']} not reached"
    )
    per_source = ", ".join(
        f"{name} {c['listed']}/{c['fetched']}/{c['written']}/{c['skipped_known']}/{c['failed']}"
        for name, c in report["sources"].items()
    )
    if report["complete"]:
        end = "every listing paged to the window's start" if span != "no date window" else ""
    else:
        first = report["window_cuts"][0] if report["window_cuts"] else None
        detail = f": {Cut(**first).describe()}" if first else ""
        end = f"WINDOW CUT ({report['window_cut']}){detail}"
    return (
        f"{spider}: coverage ({span}): {totals}"
        + (f"; by source (listed/fetched/written/known/failed): {per_source}" if per_source else "")
        + (f"; {end}" if end else "")
    )
