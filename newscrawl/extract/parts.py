"""Page parts: what a site parser finds on one page, as raw strings.

A parser (profile selectors or the generic detectors) fills these; nothing here is
normalized yet. Dates stay as the text shown on the page (`date_raw`); turning parts
into output records (ids, hashes, normalized dates) is :mod:`newscrawl.records`' job.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class TickerEntry:
    """One headline of the breaking-news ticker, in ticker order."""

    title: str
    url: str | None = None  # absolute; None when the headline is not a link


@dataclass
class RelatedEntry:
    """One entry of the related-news list under an article."""

    title: str
    url: str | None = None  # absolute
    section: str | None = None
    date_raw: str | None = None  # the date text as shown beside the entry


# Where a publication date was read, most trusted first (the article record's
# ``published_source``): the visible date line near the headline, the page's JSON-LD, a
# <meta> tag, a <time datetime>, the URL, the listing or the feed entry that linked it.
DATE_SOURCES = ("visible", "jsonld", "meta", "time", "url", "listing", "feed")


@dataclass(frozen=True)
class DateCandidate:
    """A publication date as stated somewhere on (or about) the page, with its place."""

    source: str  # one of DATE_SOURCES
    raw: str  # the text as stated


@dataclass
class ArticleParts:
    """The main article of a page."""

    title: str | None = None
    section: str | None = None
    # Every statement of the publication date found, in order of trust; which one the
    # record uses is decided once they are read (:func:`newscrawl.records.choose_published`).
    dates: list[DateCandidate] = field(default_factory=list)
    modified_raw: str | None = None
    authors: list[str] = field(default_factory=list)
    source: str | None = None  # attribution, e.g. "Bloomberg" from "Source: Bloomberg"
    paragraphs: list[str] = field(default_factory=list)
    summary: str | None = None
    image_url: str | None = None
    tags: list[str] = field(default_factory=list)
    canonical_url: str | None = None
    language: str | None = None

    @property
    def date_raw(self) -> str | None:
        """The most trusted date statement's text (before reading any of them)."""
        return self.dates[0].raw if self.dates else None


@dataclass
class ListingEntry:
    """An article link on a listing page (home, section, feed) with its shown date."""

    url: str
    title: str | None = None
    date_raw: str | None = None


@dataclass
class PageParts:
    """Everything a parser found on one page."""

    url: str
    ticker: list[TickerEntry] = field(default_factory=list)
    article: ArticleParts | None = None
    related: list[RelatedEntry] = field(default_factory=list)
    # Parts for which the profile's selectors found nothing and the generic path was
    # used instead (e.g. "ticker", "article.title"): counted in stats by the spider.
    fallbacks: list[str] = field(default_factory=list)
