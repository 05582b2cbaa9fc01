"""The spider every site edition uses: it decides what to fetch, nothing else.

Discovery follows the site the way it offers its articles: the home page and section
listings (paged back to the window's start), the feeds, the related-news links of every
article read, and, for back-fills, every section the site links to and its sitemaps
(:mod:`newscrawl.spiders.discovery`, counted by :mod:`newscrawl.coverage`).
What a page contains is the site parser's business (:mod:`newscrawl.extract.parser`); what
a record looks like is :mod:`newscrawl.records`'. A site edition is a subclass that names its
profile; there is no per-site branch here.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Generator, Iterable, Iterator
from datetime import datetime
from typing import Any, ClassVar
from urllib.parse import urlsplit, urlunsplit

import scrapy
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider
from scrapy.http import Response, TextResponse, XmlResponse
from scrapy.settings import BaseSettings
from twisted.python.failure import Failure

from newscrawl import discovery, feeds
from newscrawl.audit import PageAudit
from newscrawl.coverage import Coverage
from newscrawl.extract.page import Page
from newscrawl.extract.parser import PageParser
from newscrawl.extract.parts import DateCandidate, ListingEntry
from newscrawl.failures import FailureLog
from newscrawl.middlewares import LISTED_DATE, LISTED_FROM
from newscrawl.records import PageRecords, SiteContext, build_records, utc_now_iso
from newscrawl.sites.base import SiteProfile
from newscrawl.spiders.args import ARGUMENTS, CrawlArgs, parse_now
from newscrawl.spiders.discovery import SiteDiscovery
from newscrawl.traps import tracking_free

logger = logging.getLogger(__name__)

# Article fields counted when empty (newscrawl/empty/<field>): extraction health, judged
# against NEWSCRAWL_MAX_EMPTY_RATE at the end of the run.
HEALTH_FIELDS = ("body", "published_date", "section")
OUTSIDE = ("before_since", "after_until")  # CrawlArgs.in_window's reasons to skip a date


class NewsSiteSpider(SiteDiscovery, scrapy.Spider):
    """Crawl one site edition described by ``profile``.

    Arguments (``-a``): ``base_url`` (crawl a mirror at this origin instead of the real
    site), ``max_articles``, ``since`` / ``until`` (YYYY-MM-DD, the site's local dates),
    ``full`` (1: write every record found, whatever the site's state remembers).
    """

    profile: ClassVar[SiteProfile]
    page_profile: SiteProfile  # the profile pages are read with (selectors may be off)
    audit: PageAudit
    now: datetime  # relative dates are read against it (NEWSCRAWL_NOW or the crawl start)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        crawl_args = self.validate_arguments(kwargs)
        for name in ARGUMENTS:
            kwargs.pop(name, None)
        super().__init__(*args, **kwargs)
        self.args = crawl_args
        self.origin = crawl_args.base_url or self.profile.base_url
        self.allowed_domains = [urlsplit(self.origin).hostname or ""] + [
            host for host in self.profile.hosts if not crawl_args.base_url
        ]
        self.context = SiteContext.of(self.profile, crawl_args.base_url)
        self.articles_emitted = 0

    @classmethod
    def validate_arguments(cls, spider_args: dict[str, Any]) -> CrawlArgs:
        """Raise UsageError on a bad or unknown ``-a`` argument (run before the crawl starts)."""
        return CrawlArgs.parse(**spider_args)

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        # The archive's default output, folders under NEWSCRAWL_HOME, CSV split by type.
        feeds.configure(settings)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSiteSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.now = parse_now(crawler.settings.get("NEWSCRAWL_NOW"))
        # Off: every part of every page goes to the generic detectors (what a redesign of
        # the site does to the selectors); the site's URLs, language and zone still apply.
        spider.page_profile = (
            spider.profile
            if crawler.settings.getbool("NEWSCRAWL_PROFILE_SELECTORS", True)
            else spider.profile.without_selectors()
        )
        spider.audit = PageAudit(crawler, spider.name)
        spider.coverage = Coverage.install(crawler, spider.args)
        spider.setup_discovery(crawler.settings)
        return spider

    # -- where to go ----------------------------------------------------------------------

    def rebase(self, url: str) -> str:
        """A URL of the real site, moved onto ``base_url`` when crawling a mirror."""
        if not self.args.base_url or not self.profile.owns(url):
            return url
        origin = urlsplit(self.origin)
        return urlunsplit(urlsplit(url)._replace(scheme=origin.scheme, netloc=origin.netloc))

    async def start(self) -> AsyncIterator[scrapy.Request]:
        # The home page first, alone: the site-wide ticker is then always read from it, so
        # every run writes the same ticker records. The rest starts once it is parsed.
        home, *_ = self.profile.start_urls
        yield scrapy.Request(
            self.rebase(home),
            callback=self.parse_home,
            errback=self.start_rest,
            cb_kwargs={"page": 1},
        )

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        """Any page of the site, by its URL: an article, the feed or a listing. What
        ``scrapy parse URL`` and ``scrapy shell`` call; the crawl names its callbacks."""
        target = urlsplit(response.url)
        feed_paths = {urlsplit(self.rebase(url)).path for url in self.profile.feed_urls}
        if self.profile.is_article_url(response.url):
            yield from self.parse_article(response)
        elif target.path in feed_paths or isinstance(response, XmlResponse):
            yield from self.parse_feed(response)
        else:
            yield from self.parse_listing(response, page=1)

    def parse_home(self, response: Response, page: int) -> Iterator[Any]:
        yield from self.parse_listing(response, page)
        yield from self.start_rest()

    def start_rest(self, failure: Failure | None = None) -> Iterator[scrapy.Request]:
        """The other start pages and the feeds (after the home page, or after it failed)."""
        if failure is not None:
            self.fetch_failed(failure)
        for url in self.profile.start_urls[1:]:
            yield scrapy.Request(
                self.rebase(url), callback=self.parse_listing, cb_kwargs={"page": 1}
            )
        for url in self.profile.feed_urls:
            yield scrapy.Request(self.rebase(url), callback=self.parse_feed)
        yield from self.sitemap_start()

    def article_request(self, url: str) -> scrapy.Request | None:
        url = self.rebase(tracking_free(self.crawler, url))  # ?utm_source=... is no article
        if not self.profile.is_article_url(url):
            return None
        return scrapy.Request(url, callback=self.parse_article)

    def listed_article_request(
        self, entry: ListingEntry, source: str, listed_date: str | None = None
    ) -> scrapy.Request | None:
        """An article request that carries the date its listing or feed entry showed: the
        article's date of last resort, when the page itself states none. The entry and its
        date also let :class:`newscrawl.middlewares.SkipKnownArticles` skip a known article."""
        request = self.article_request(entry.url)
        if request is None:
            return None
        if entry.date_raw:
            request.cb_kwargs["listed"] = DateCandidate(source, entry.date_raw)
        request.meta[LISTED_FROM] = source
        request.meta[LISTED_DATE] = listed_date
        return request

    # -- listings and feeds ---------------------------------------------------------------

    def parse_listing(
        self, response: Response, page: int, listing: str | None = None
    ) -> Iterator[Any]:
        """A home page or section listing: its ticker, then requests for its articles.

        @mirror home
        @cb_kwargs {"page": 1}
        @records ticker_headline
        @filled ticker_headline title
        @returns requests 3
        """
        if not isinstance(response, TextResponse):
            self._not_text(response)
            return
        self._count("page/listing")
        parser = PageParser(self.page(response))
        yield from self._records(parser).ticker
        entries = parser.listing_entries() or self._any_article_links(parser)
        dates = yield from self._follow_entries(entries, "listing")
        yield from self.discover(response, parser)
        urls = [self.rebase(entry.url) for entry in entries]
        yield from self.next_listing_page(response, parser.next_page(), page, listing, dates, urls)

    def parse_feed(self, response: Response) -> Iterator[Any]:
        """The RSS feed: requests for its articles (with the date each entry shows).

        @mirror feed
        @returns items 0 0
        @returns requests 1
        """
        if not isinstance(response, TextResponse):
            self._not_text(response)
            return
        self._count("page/feed")
        # RSS or Atom, parsed safely (no entities resolved): newscrawl.discovery.
        yield from self.follow_listed(discovery.feed_entries(response.body), "feed", response.url)

    def _follow_entries(
        self, entries: Iterable[ListingEntry], source: str
    ) -> Generator[scrapy.Request, None, list[str | None]]:
        """Requests for the entries in the date window (undated ones too: the article page
        may have the date); returns the local date each entry shows, in order."""
        listed = [discovery.Listed(entry.url, entry.date_raw) for entry in entries]
        return (yield from self.follow_listed(listed, source, self.origin))

    def _any_article_links(self, parser: PageParser) -> list[ListingEntry]:
        """No entries where the profile expects them: take every article link on the page."""
        if parser.css.listing:
            self._count("parser/fallback/listing")
        links = (parser.absolute(href) for href in parser.sel.css("a::attr(href)").getall())
        return [ListingEntry(url=url) for url in links if url]

    # -- articles -------------------------------------------------------------------------

    def parse_article(
        self, response: Response, listed: DateCandidate | None = None
    ) -> Iterator[Any]:
        """An article page: its article, related-news list and ticker, then requests for the
        related articles.

        @mirror article
        @records article related_link ticker_headline
        @filled article title body published_date section canonical_url
        @filled related_link title url target_id
        @returns requests 1
        """
        if not isinstance(response, TextResponse):
            self._not_text(response)
            return
        parser = PageParser(self.page(response))
        records = self._records(parser, listed)
        yield from records.ticker
        yield from self.discover(response, parser)  # sections the menus did not show
        if records.article is None:
            self._count("page/not_article")
            logger.warning("no article found on %s", response.url)
            return
        self._count("page/article")
        for name in HEALTH_FIELDS:
            if not getattr(records.article, name):
                self._count(f"empty/{name}")
        reason = self.args.in_window(records.article.published_date)
        if reason is not None:
            self._count(f"window/{reason}")
            return
        if self.args.max_articles and self.articles_emitted >= self.args.max_articles:
            return
        self.articles_emitted += 1
        records.article.related_count = len(records.related)
        yield records.article
        yield from records.related
        for entry in records.related:
            # A related entry dated outside the window is not fetched (its date is shown).
            if not entry.url or self.args.in_window(entry.published_date) in OUTSIDE:
                continue
            request = self.article_request(entry.url)
            if request is not None:
                request.meta[LISTED_FROM] = "related"
                request.meta[LISTED_DATE] = entry.published_date
                self.coverage.listed(request, "related")
                yield request
        if self.args.max_articles and self.articles_emitted >= self.args.max_articles:
            self._count("max_articles_reached")
            raise CloseSpider("max_articles")

    # -- helpers --------------------------------------------------------------------------

    def page(self, response: TextResponse) -> Page:
        """The page object of a response: decoded from its bytes and Content-Type the way
        :func:`newscrawl.extract_page` decodes them (not Scrapy's own decoding, which
        trusts a header that names the wrong charset)."""
        content_type = response.headers.get(b"Content-Type")
        return Page(
            response.url,
            response.body,
            content_type=content_type.decode("latin-1") if content_type else None,
            profile=self.page_profile,
        )

    def _records(self, parser: PageParser, listed: DateCandidate | None = None) -> PageRecords:
        parts = parser.parse()
        if listed is not None and parts.article is not None:
            parts.article.dates.append(listed)
        for part in parts.fallbacks:
            self.audit.fallback(part, parts.url)
        records = build_records(parts, self.context, now=self.now, crawled_at=utc_now_iso())
        self.audit.notes([*parser.page.notes, *records.notes], parts.url)
        return records

    def fetch_failed(self, failure: Failure) -> None:
        """The errback of every request (given by :class:`newscrawl.failures.FailureErrbacks`):
        what was given up on goes to the failures file."""
        FailureLog.of(self.crawler).fetch_failed(failure)

    def _not_text(self, response: Response) -> None:
        self._count("page/not_text")
        logger.warning("skipping non-text response %s", response.url)

    def _count(self, key: str) -> None:
        self.audit.count(key)
