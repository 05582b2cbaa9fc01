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


@dataclass
class ArticleParts:
    """The main article of a page."""

    title: str | None = None
    section: str | None = None
    date_raw: str | None = None  # the visible date line (or meta/JSON-LD value)
    modified_raw: str | None = None
    authors: list[str] = field(default_factory=list)
    source: str | None = None  # attribution, e.g. "Bloomberg" from "Source: Bloomberg"
    paragraphs: list[str] = field(default_factory=list)
    summary: str | None = None
    image_url: str | None = None
    tags: list[str] = field(default_factory=list)
    canonical_url: str | None = None
    language: str | None = None


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
