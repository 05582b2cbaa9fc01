"""Where a site lists its articles, read without a crawl: robots.txt ``Sitemap:`` lines,
sitemaps (indexes, url sets, Google News, gzip), RSS and Atom feeds, section links.

Pure functions over bytes and selectors, so each is testable on a string. The spider
(:mod:`newscrawl.spiders.discovery`) decides what to fetch from what they return.

Sitemaps go through Scrapy's own :class:`scrapy.utils.sitemap.Sitemap` and
:func:`~scrapy.utils.sitemap.sitemap_urls_from_robots`; feeds and the Google News fields
(which ``Sitemap`` does not read: they are nested under ``<news:news>``) through parsel's
XML parser. Both parse with entity resolution off (no XXE, no billion laughs) and in
recovery mode: a malformed document gives what it can, never an exception.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from parsel import Selector
from scrapy.http import Response
from scrapy.utils.gz import gunzip, gzip_magic_number
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

from newscrawl.sites.base import SiteProfile

logger = logging.getLogger(__name__)

# Query parameters and path tails that number the pages of one listing: a link to page 3 of
# a section is the section, not a new one.
PAGE_PARAMS = frozenset({"page", "paged", "pg", "pageno", "pagenum", "start", "offset"})
_PAGE_TAIL = re.compile(r"/page/\d+/?$")
# In the Google News namespace, http://www.google.com/schemas/sitemap-news/0.9
_NEWS_NS = b"sitemap-news"


@dataclass(frozen=True)
class Listed:
    """An article (or sitemap) URL as a feed or sitemap lists it, with the date it shows.

    ``date_raw`` is the publication date when ``exact``; otherwise a modification date
    (sitemap ``<lastmod>``, Atom ``<updated>`` alone), which only bounds the publication
    from above: an entry modified before ``since`` was published before it too, but one
    modified later may be older."""

    url: str
    date_raw: str | None = None
    exact: bool = True


# -- robots.txt and sitemaps ------------------------------------------------------------------


def sitemaps_in_robots(body: bytes, base_url: str) -> list[str]:
    """The ``Sitemap:`` URLs of a robots.txt, absolute."""
    read: Any = sitemap_urls_from_robots  # its argument's type changed in Scrapy 2.15
    try:
        return list(read(body, base_url=base_url))
    except TypeError:  # Scrapy < 2.15 reads robots.txt as text only
        return list(read(body.decode("utf-8", "replace"), base_url=base_url))


def sitemap_body(response: Response, max_size: int) -> bytes | None:
    """The XML of a sitemap response (gunzipped when it is a .gz file), None when it is not
    one or it unpacks to more than ``max_size`` bytes (a decompression bomb)."""
    body = response.body
    if gzip_magic_number(response):
        try:
            body = gunzip(body, max_size=max_size)
        except (ValueError, OSError, EOFError) as error:  # too large, or not gzip after all
            logger.warning("ignoring sitemap %s: %s", response.url, error)
            return None
    head = body[:512].lstrip()
    if not head.startswith(b"<"):
        return None
    return body


def read_sitemap(body: bytes) -> tuple[str, list[Listed]]:
    """The type of a sitemap document (``sitemapindex``, ``urlset``, or what its root is)
    and its entries: a sitemap index's sitemaps with their ``lastmod``, a url set's pages
    with their Google News ``publication_date`` (exact) or their ``lastmod``."""
    try:
        sitemap = Sitemap(body)
        entries = [e for e in sitemap if e.get("loc")]
    except Exception as error:  # lxml's recovery gives up on some garbage: no sitemap then
        logger.debug("unreadable sitemap: %r", error)
        return "", []
    published = _news_dates(body) if _NEWS_NS in body[:4096] else {}
    listed = []
    for entry in entries:
        loc = entry["loc"].strip()
        if loc in published:
            listed.append(Listed(loc, published[loc]))
        else:
            listed.append(Listed(loc, entry.get("lastmod") or None, exact=False))
    return sitemap.type, listed


def _news_dates(body: bytes) -> dict[str, str]:
    """``loc`` -> ``news:publication_date`` of a Google News sitemap."""
    sel = _xml(body)
    dates: dict[str, str] = {}
    if sel is None:
        return dates
    for url in sel.xpath("//*[local-name()='url']"):
        loc = (url.xpath("./*[local-name()='loc']/text()").get() or "").strip()
        date = url.xpath(".//*[local-name()='publication_date']/text()").get()
        if loc and date and date.strip():
            dates[loc] = date.strip()
    return dates


# -- feeds ------------------------------------------------------------------------------------


def feed_entries(body: bytes) -> list[Listed]:
    """The entries of an RSS 2.0, RSS 1.0 or Atom feed: link and date.

    RSS ``pubDate`` / ``dc:date`` and Atom ``published`` are publication dates; an Atom
    entry with ``updated`` only is dated by its last change (not exact)."""
    sel = _xml(body)
    if sel is None:
        return []
    entries = [*_rss_items(sel), *_atom_entries(sel)]
    return [e for e in entries if e.url]


def _rss_items(sel: Selector) -> Iterable[Listed]:
    for item in sel.xpath("//*[local-name()='item']"):
        link = (
            item.xpath("./*[local-name()='link']/text()").get()
            or item.xpath("./*[local-name()='guid'][not(@isPermaLink='false')]/text()").get()
        )
        date = item.xpath(
            "./*[local-name()='pubDate']/text() | ./*[local-name()='date']/text()"
        ).get()
        yield Listed(_strip(link) or "", _strip(date))


def _atom_entries(sel: Selector) -> Iterable[Listed]:
    for entry in sel.xpath("//*[local-name()='entry']"):
        links = entry.xpath("./*[local-name()='link']")
        href = next(
            (
                link.attrib.get("href")
                for link in links
                if link.attrib.get("rel", "alternate") == "alternate"
            ),
            None,
        )
        published = entry.xpath("./*[local-name()='published']/text()").get()
        updated = entry.xpath("./*[local-name()='updated']/text()").get()
        yield Listed(_strip(href) or "", _strip(published or updated), exact=bool(published))


def feed_links(sel: Selector) -> list[str]:
    """Feeds a page announces in its ``<head>`` (``<link rel="alternate">`` of RSS or Atom)."""
    hrefs = sel.css(
        'link[rel="alternate"][type="application/rss+xml"]::attr(href), '
        'link[rel="alternate"][type="application/atom+xml"]::attr(href)'
    ).getall()
    return [h.strip() for h in hrefs if h.strip()]


def _xml(body: bytes) -> Selector | None:
    """A safe XML tree of ``body`` (parsel: entities never resolved, no huge-tree mode), or
    None when there is nothing to read."""
    if not body.strip():
        return None
    try:
        return Selector(body=body, type="xml", huge_tree=False)
    except ValueError as error:  # lxml refuses a document over its size limits
        logger.debug("unreadable XML: %s", error)
        return None


def _strip(text: str | None) -> str | None:
    text = (text or "").strip()
    return text or None


# -- sections ---------------------------------------------------------------------------------


def listing_identity(url: str) -> str:
    """A listing's first page: the URL without the parameters or path tail that number its
    pages (``?page=3``, ``/page/3/``), so every page of a section names the same listing."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    kept = [(k, v) for k, v in query if k.lower() not in PAGE_PARAMS]
    path = _PAGE_TAIL.sub("", parts.path) or "/"
    if kept == query and path == parts.path:
        return url
    return urlunsplit(parts._replace(path=path, query=urlencode(kept), fragment=""))


def is_section(profile: SiteProfile, url: str) -> bool:
    """A listing the profile pages through, and not one it excludes."""
    return profile.is_listing_url(url) and not profile.is_excluded_listing(url)


def section_links(profile: SiteProfile, urls: Iterable[str]) -> list[str]:
    """The section listings among absolute link URLs (of the site), by identity, in order,
    once each."""
    found: dict[str, None] = {}
    for url in urls:
        listing = listing_identity(url)
        if is_section(profile, listing):
            found.setdefault(listing, None)
    return list(found)
