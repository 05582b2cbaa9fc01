"""The spider every site edition uses: it decides what to fetch, nothing else.

Discovery follows the site the way it offers its articles: the home page and section
listings (with pagination), the RSS feed, and the related-news links of every article read.
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
from scrapy.http import Response, TextResponse
from scrapy.settings import BaseSettings

from newscrawl.audit import PageAudit
from newscrawl.extract.page import Page
from newscrawl.extract.parser import PageParser
from newscrawl.extract.parts import DateCandidate, ListingEntry
from newscrawl.middlewares import LISTED_DATE, LISTED_FROM
from newscrawl.records import PageRecords, SiteContext, build_records, utc_now_iso
from newscrawl.sites.base import SiteProfile
from newscrawl.spiders.args import ARGUMENTS, CrawlArgs, parse_now

logger = logging.getLogger(__name__)

# Article fields counted when empty (newscrawl/empty/<field>): extraction health, judged
# against NEWSCRAWL_MAX_EMPTY_RATE at the end of the run.
HEALTH_FIELDS = ("body", "published_date", "section")


class NewsSiteSpider(scrapy.Spider):
    """Crawl one site edition described by ``profile``.

    Arguments (``-a``): ``base_url`` (crawl a mirror at this origin instead of the real
    site), ``max_articles``, ``since`` / ``until`` (YYYY-MM-DD, the site's local dates),
    ``full`` (1: write every record found, whatever the site's state remembers).
    """

    profile: ClassVar[SiteProfile]
    page_profile: SiteProfile  # the profile pages are read with (selectors may be off)
    audit: PageAudit
    now: datetime  # relative dates are read against it (NEWSCRAWL_NOW or the crawl start)
    max_listing_pages: int

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
        self.context = SiteContext.of(self.profile)
        self.articles_emitted = 0

    @classmethod
    def validate_arguments(cls, spider_args: dict[str, Any]) -> CrawlArgs:
        """Raise UsageError on a bad or unknown ``-a`` argument (run before the crawl starts)."""
        return CrawlArgs.parse(**spider_args)

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        if not settings.getdict("FEEDS"):
            folder = (settings.get("NEWSCRAWL_OUTPUT_DIR") or ".").rstrip("/")
            name = settings.get("NEWSCRAWL_OUTPUT_NAME") or "%(name)s-%(time)s.jsonl"
            options = settings.getdict("NEWSCRAWL_OUTPUT_FEED") or {"format": "jsonlines"}
            feeds = {f"{folder}/{name}": options}
            settings.set("FEEDS", feeds, priority="spider")

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSiteSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.now = parse_now(crawler.settings.get("NEWSCRAWL_NOW"))
        spider.max_listing_pages = crawler.settings.getint("NEWSCRAWL_MAX_LISTING_PAGES", 20)
        # Off: every part of every page goes to the generic detectors (what a redesign of
        # the site does to the selectors); the site's URLs, language and zone still apply.
        spider.page_profile = (
            spider.profile
            if crawler.settings.getbool("NEWSCRAWL_PROFILE_SELECTORS", True)
            else spider.profile.without_selectors()
        )
        spider.audit = PageAudit(crawler, spider.name)
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

    def parse_home(self, response: Response, page: int) -> Iterator[Any]:
        yield from self.parse_listing(response, page)
        yield from self.start_rest()

    def start_rest(self, failure: object = None) -> Iterator[scrapy.Request]:
        """The other start pages and the feeds (after the home page, or after it failed)."""
        for url in self.profile.start_urls[1:]:
            yield scrapy.Request(
                self.rebase(url), callback=self.parse_listing, cb_kwargs={"page": 1}
            )
        for url in self.profile.feed_urls:
            yield scrapy.Request(self.rebase(url), callback=self.parse_feed)

    def article_request(self, url: str) -> scrapy.Request | None:
        url = self.rebase(url)
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

    def parse_listing(self, response: Response, page: int) -> Iterator[Any]:
        if not isinstance(response, TextResponse):
            self._not_text(response)
            return
        self._count("page/listing")
        parser = PageParser(self.page(response))
        yield from self._records(parser).ticker
        entries = parser.listing_entries() or self._any_article_links(parser)
        reached_older = yield from self._follow_entries(entries, "listing")
        next_url = parser.next_page()
        if reached_older:
            self._count("listing/stopped_at_since")
        elif next_url and page < self.max_listing_pages:
            yield response.follow(next_url, self.parse_listing, cb_kwargs={"page": page + 1})

    def parse_feed(self, response: Response) -> Iterator[Any]:
        if not isinstance(response, TextResponse):
            self._not_text(response)
            return
        self._count("page/feed")
        entries = [
            ListingEntry(
                url=(item.xpath("link/text()").get() or "").strip(),
                title=item.xpath("title/text()").get(),
                date_raw=item.xpath("pubDate/text()").get(),
            )
            for item in response.xpath("//item")
        ]
        yield from self._follow_entries([e for e in entries if e.url], "feed")

    def _follow_entries(
        self, entries: Iterable[ListingEntry], source: str
    ) -> Generator[scrapy.Request, None, bool]:
        """Requests for the entries in the date window; returns whether one was older."""
        reached_older = False
        for entry in entries:
            listed_date = self._listing_date(entry)
            reason = self.args.in_window(listed_date)
            if reason == "before_since":
                reached_older = True
            if reason in ("before_since", "after_until"):
                continue  # undated entries are fetched: the article page may have the date
            request = self.listed_article_request(entry, source, listed_date)
            if request is not None:
                yield request
        return reached_older

    def _listing_date(self, entry: ListingEntry) -> str | None:
        if not entry.date_raw:
            return None
        return self.context.read_date(entry.date_raw, self.now).published_date

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
        if not isinstance(response, TextResponse):
            self._not_text(response)
            return
        records = self._records(PageParser(self.page(response)), listed)
        yield from records.ticker
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
            if not entry.url:
                continue
            request = self.article_request(entry.url)
            if request is not None:
                request.meta[LISTED_FROM] = "related"
                request.meta[LISTED_DATE] = entry.published_date
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

    def _not_text(self, response: Response) -> None:
        self._count("page/not_text")
        logger.warning("skipping non-text response %s", response.url)

    def _count(self, key: str) -> None:
        self.audit.count(key)
