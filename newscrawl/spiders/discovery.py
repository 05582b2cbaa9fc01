"""How the spider finds every article of its window: paging listings to the window's start,
sections from the site's own links, feeds, and sitemaps (robots.txt ``Sitemap:`` lines,
sitemap indexes, Google News sitemaps).

A mixin of :class:`newscrawl.spiders.base.NewsSiteSpider`; what the documents say is read by
:mod:`newscrawl.discovery`, what became of each listed article is counted by
:mod:`newscrawl.coverage`. Site knowledge (which links are sections, which are excluded)
stays in the profile.

Which runs discover beyond the profile's start pages is ``NEWSCRAWL_DISCOVERY``:

- ``window`` (default): runs with a date window (``-a since`` / ``-a until``: back-fills)
  also crawl every section the site links to and read its sitemaps; a routine run reads the
  home page, the profile's sections and feeds, which show what is new;
- ``always``: every run does;
- ``start``: no run does (the profile's start pages and feeds only).
"""

from __future__ import annotations

import logging
from collections.abc import Generator, Iterable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy.exceptions import UsageError
from scrapy.http import Response

from newscrawl import discovery
from newscrawl.coverage import Coverage, Listing
from newscrawl.depth import DEPTH, INDEX_DEPTH
from newscrawl.discovery import Listed
from newscrawl.extract.parts import ListingEntry

if TYPE_CHECKING:
    from newscrawl.extract.parser import PageParser
    from newscrawl.records import SiteContext
    from newscrawl.sites.base import SiteProfile
    from newscrawl.spiders.args import CrawlArgs

logger = logging.getLogger(__name__)

DISCOVERY_MODES = ("window", "always", "start")
# Sources whose entry dates are publication dates the article may fall back on
# (newscrawl.extract.parts.DATE_SOURCES); a sitemap's are not.
_DATE_SOURCES = ("listing", "feed")


class SiteDiscovery:
    """Discovery and paging for :class:`~newscrawl.spiders.base.NewsSiteSpider`."""

    # Provided by the spider.
    profile: ClassVar[SiteProfile]
    args: CrawlArgs
    origin: str
    context: SiteContext
    coverage: Coverage
    settings: Any
    now: Any  # datetime: relative dates are read against it

    discovering: bool  # sections and sitemaps beyond the profile's start pages
    listing_cap: int  # pages of one listing read at most
    listing_cap_setting: str
    _sections: set[str]
    _feeds: set[str]
    _hrefs: set[str]

    def setup_discovery(self, settings: Any) -> None:
        mode = (settings.get("NEWSCRAWL_DISCOVERY") or "window").strip().lower()
        if mode not in DISCOVERY_MODES:
            raise UsageError(
                f"NEWSCRAWL_DISCOVERY={mode!r}: expected one of {', '.join(DISCOVERY_MODES)}",
                print_help=False,
            )
        windowed = bool(self.args.since or self.args.until)
        self.discovering = mode == "always" or (mode == "window" and windowed)
        # A back-fill pages each listing to its window's start; a routine run reads the
        # newest pages only. Either cap reached by a back-fill is a window cut.
        self.listing_cap_setting = (
            "NEWSCRAWL_BACKFILL_MAX_LISTING_PAGES" if windowed else "NEWSCRAWL_MAX_LISTING_PAGES"
        )
        self.listing_cap = settings.getint(self.listing_cap_setting, 1000 if windowed else 20)
        self._sections = {
            discovery.listing_identity(self.rebase(url)) for url in self.profile.start_urls
        }
        self._feeds = {self.rebase(url) for url in self.profile.feed_urls}
        self._hrefs = set()

    if TYPE_CHECKING:  # methods of the spider

        def rebase(self, url: str) -> str: ...

        def listed_article_request(
            self, entry: ListingEntry, source: str, listed_date: str | None = None
        ) -> scrapy.Request | None: ...

        def parse_listing(
            self, response: Response, page: int, listing: str | None = None
        ) -> Any: ...

        def parse_feed(self, response: Response) -> Any: ...

        def _count(self, key: str) -> None: ...

    # -- entries in the window ------------------------------------------------------------

    def follow_listed(
        self, entries: Iterable[Listed], source: str, base_url: str
    ) -> Generator[scrapy.Request, None, list[str | None]]:
        """Requests for the entries inside the date window (undated ones too: the article
        page may have the date); returns the local date each entry showed, in order."""
        dates: list[str | None] = []
        for item in entries:
            url = self.rebase(urljoin(base_url, item.url.strip()))
            date = self.local_date(item.date_raw)
            dates.append(date if item.exact else None)
            reason = self.args.in_window(date)
            # A modification date (lastmod) only bounds the publication from above.
            if reason == "before_since" or (reason == "after_until" and item.exact):
                continue
            raw = item.date_raw if item.exact and source in _DATE_SOURCES else None
            shown = date if item.exact else None
            request = self.listed_article_request(ListingEntry(url, date_raw=raw), source, shown)
            if request is not None:
                self.coverage.listed(request, source)
                yield request
        return dates

    def local_date(self, raw: str | None) -> str | None:
        if not raw:
            return None
        return self.context.read_date(raw, self.now).published_date

    # -- listings ---------------------------------------------------------------------------

    def next_listing_page(
        self,
        response: Response,
        next_url: str | None,
        page: int,
        listing: str | None,
        dates: list[str | None],
        urls: list[str],
    ) -> Iterator[scrapy.Request]:
        """The listing's next page while it has not reached the window's start (``since``):
        paging is not a depth hop, and a listing that stops early for a cap cuts the window."""
        state = self.coverage.listing(listing or discovery.listing_identity(_first_url(response)))
        state.read(page, dates)
        new = [url for url in urls if url not in state.seen]
        state.seen.update(urls)
        last = next((d for d in reversed(dates) if d), None)  # newest first: the oldest shown
        if self.args.since and last and last < self.args.since.isoformat():
            self._count("listing/stopped_at_since")
            return
        if not next_url:
            return
        # A back-fill's cap is high: a next link that shows nothing new (the last page
        # served again, an endless pagination) ends it. Routine runs stop at their own cap.
        if self.coverage.windowed and page > 1 and not new:
            self._count("listing/no_new_entries")
            return
        if page >= self.listing_cap:
            self._listing_capped(state, response.url, page)
            return
        request = response.follow(
            next_url,
            self.parse_listing,
            cb_kwargs={"page": page + 1, "listing": state.url},
            meta={DEPTH: response.meta.get("depth", 0)},  # the listing's depth: not a hop
        )
        state.pending = request.url
        yield request

    def _listing_capped(self, state: Listing, url: str, page: int) -> None:
        if self.coverage.windowed:
            self.coverage.cut(state, self.listing_cap_setting)
            return
        # A routine run reads the newest pages only: the cap is its design, not a cut.
        self._count("listing/page_limit")
        logger.info(
            "listing %s: not following page %d (%s %d)",
            url,
            page + 1,
            self.listing_cap_setting,
            self.listing_cap,
        )

    # -- sections and feeds found on pages --------------------------------------------------

    def discover(self, response: Response, parser: PageParser) -> Iterator[Any]:
        """Requests for the sections a page links to, and the feeds it announces in its
        ``<head>``, that the run does not know yet."""
        if not self.discovering:
            return
        yield from self._new_sections(parser)
        for href in discovery.feed_links(parser.sel):
            url = self.rebase(response.urljoin(href))
            if self._on_site(url) and url not in self._feeds:
                self._feeds.add(url)
                self._count("discovery/feeds")
                yield scrapy.Request(url, callback=self.parse_feed, meta={DEPTH: INDEX_DEPTH})

    def _new_sections(self, parser: PageParser) -> Iterator[scrapy.Request]:
        urls = []
        for href in set(parser.sel.css("a::attr(href)").getall()):
            # The menu is the same on every page: a root-relative link read once is enough.
            if href in self._hrefs:
                continue
            if href.startswith(("/", "http://", "https://")):
                self._hrefs.add(href)
            url = parser.absolute(href)
            if url:
                url = self.rebase(url)
                if self._on_site(url):
                    urls.append(url)
        for section in discovery.section_links(self.profile, urls):
            if section in self._sections:
                continue
            self._sections.add(section)
            self._count("discovery/sections")
            yield scrapy.Request(
                section,
                callback=self.parse_listing,
                cb_kwargs={"page": 1},
                meta={DEPTH: INDEX_DEPTH},
            )

    def _on_site(self, url: str) -> bool:
        netloc = urlsplit(url).netloc
        return netloc == urlsplit(self.origin).netloc or (
            not self.args.base_url and self.profile.owns(url)
        )

    # -- sitemaps ---------------------------------------------------------------------------

    def sitemap_start(self) -> Iterator[scrapy.Request]:
        """robots.txt, for its ``Sitemap:`` lines (when discovering)."""
        if self.discovering:
            yield scrapy.Request(
                f"{self.origin}/robots.txt",
                callback=self.parse_robots,
                meta={DEPTH: INDEX_DEPTH},
            )

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        for url in discovery.sitemaps_in_robots(response.body, response.url):
            url = self.rebase(url)
            if self._on_site(url):
                self._count("sitemap/declared")
                yield self._sitemap_request(url)

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        """A sitemap index (its sitemaps last changed inside the window) or a url set (its
        article URLs dated inside the window); anything else is ignored with a warning."""
        max_size = self.settings.getint("DOWNLOAD_MAXSIZE")
        body = discovery.sitemap_body(response, max_size)
        kind, entries = discovery.read_sitemap(body) if body else ("", [])
        if kind == "sitemapindex":
            self._count("page/sitemap")
            yield from self._child_sitemaps(response, entries)
        elif kind == "urlset":
            self._count("page/sitemap")
            yield from self.follow_listed(entries, "sitemap", response.url)
        else:
            self._count("sitemap/invalid")
            logger.warning("ignoring %s: not a sitemap", response.url)

    def _child_sitemaps(self, response: Response, entries: list[Listed]) -> Iterator[Any]:
        since = self.args.since.isoformat() if self.args.since else None
        for entry in entries:
            url = self.rebase(response.urljoin(entry.url))
            if not self._on_site(url):
                continue
            changed = self.local_date(entry.date_raw)
            # Unchanged since before the window: every page it lists is older than `since`.
            if since and changed and changed < since:
                self._count("sitemap/skipped_by_lastmod")
                continue
            yield self._sitemap_request(url)

    def _sitemap_request(self, url: str) -> scrapy.Request:
        return scrapy.Request(url, callback=self.parse_sitemap, meta={DEPTH: INDEX_DEPTH})


def _first_url(response: Response) -> str:
    """The URL the response's request was made for, before any redirect."""
    try:
        redirects = response.meta.get("redirect_urls")
    except AttributeError:  # a response built without a request (tests, `scrapy parse`)
        return response.url
    return str(redirects[0]) if redirects else response.url
