"""What a site profile is: everything newscrawl knows about one site edition, as data.

A profile answers two questions and nothing else: where the site's pages are (URLs the
spider starts from, which URLs are articles or listings) and where each part of a page is
(selectors). Site differences live here, one module per site, never as branches in the
spiders or pipelines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache
from urllib.parse import urlsplit

from newscrawl.extract.lines import SOURCE_LINE


@dataclass(frozen=True)
class Selectors:
    """CSS selectors for the parts of a page.

    ``None`` means "the profile does not know": the generic detector is used for that part.
    A selector that is set but matches nothing falls back to the generic detector for the
    parts a page must have (ticker, related list, title, date, body), and the fallback is
    counted in stats: a selector that stopped matching is how we learn a site changed.
    Selectors of optional parts (authors, image, ...) are trusted when they find nothing;
    an empty string says the site never has that part (e.g. no per-article tags).
    """

    ticker: str | None = None  # each headline element (a link, or an element holding one)
    title: str | None = None
    date: str | None = None  # the date line (its whole text becomes published_raw)
    modified: str | None = None
    section: str | None = None
    authors: str | None = None  # each byline / credit element
    body: str | None = None  # each body paragraph element, in order
    image: str | None = None  # an element with content= or src=
    summary: str | None = None  # an element with content= or text
    tags: str | None = None  # each tag element
    canonical: str | None = 'link[rel="canonical"]'
    related: str | None = None  # each related entry
    related_link: str = "a"  # inside an entry: the link carrying the title
    related_section: str | None = None  # inside an entry
    related_date: str | None = None  # inside an entry
    listing: str | None = None  # each entry of a listing page (home, section)
    listing_link: str = "a"  # inside a listing entry
    listing_date: str | None = None  # inside a listing entry
    next_page: str | None = None  # the pagination link to the next (older) page


@dataclass(frozen=True)
class SiteProfile:
    """One site edition. The spider named ``name`` is built from it."""

    name: str  # spider name, e.g. "yemenshabab_en"
    site: str  # the host written in records, e.g. "en.yemenshabab.net"
    base_url: str  # the real site's origin
    hosts: tuple[str, ...]  # every host of the site: their URLs are rebased onto a mirror
    language: str  # ISO 639-1
    start_urls: tuple[str, ...]  # home page and section listings (absolute, real host)
    article_patterns: tuple[str, ...]  # regexes matched against path?query of a URL
    listing_patterns: tuple[str, ...] = ()  # regexes for listing pages worth paging through
    # Listings the site links to (menus, section labels) that are never crawled, e.g. a
    # video or photo gallery section with no articles: regexes like listing_patterns.
    listing_exclusions: tuple[str, ...] = ()
    feed_urls: tuple[str, ...] = ()
    timezone: str = "Asia/Aden"
    date_order: str = "DMY"  # for all-numeric dates
    encoding: str | None = None  # the site's legacy encoding when it has one (documentation)
    # Attribution lines taken out of the body; group "name" is the outlet.
    source_patterns: tuple[str, ...] = (SOURCE_LINE,)
    # Names the site goes by (in every language it writes): taken off the ends of a
    # <title>/og:title, and never mistaken for a headline when a logo is an <h1>.
    site_names: tuple[str, ...] = ()
    selectors: Selectors = field(default_factory=Selectors)

    def without_selectors(self) -> SiteProfile:
        """The same site with every part left to the generic detectors: what a crawl gets
        when the site's templates no longer match (``NEWSCRAWL_PROFILE_SELECTORS=False``).
        URL patterns, language, time zone and names still come from the profile."""
        return replace(self, selectors=Selectors())

    def is_article_url(self, url: str) -> bool:
        return _matches(self.article_patterns, _path_query(url))

    def is_listing_url(self, url: str) -> bool:
        return _matches(self.listing_patterns, _path_query(url))

    def is_excluded_listing(self, url: str) -> bool:
        return _matches(self.listing_exclusions, _path_query(url))

    def owns(self, url: str) -> bool:
        host = (urlsplit(url).hostname or "").lower()
        return host in self.hosts


def _path_query(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def _matches(patterns: tuple[str, ...], text: str) -> bool:
    return any(rx.search(text) for rx in compiled(patterns))


@cache
def compiled(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)
