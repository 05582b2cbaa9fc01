"""The output contract: one typed class per record kind.

These classes ARE the archive contract. `newscrawl/schema/records.schema.json` describes
the same fields for consumers outside Python; `tests/test_contract.py` keeps the two in step
(field names, order and requiredness), so neither can drift alone.

Field order is output order: the feed exporter writes dataclass fields in declaration order,
so every line of the JSON Lines file reads the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

SCHEMA_VERSION = 1


@dataclass(kw_only=True)
class Record:
    """Fields every record carries."""

    type: str = ""
    schema_version: int = SCHEMA_VERSION
    site: str  # the site's host, e.g. "en.yemenshabab.net"
    crawled_at: str  # UTC ISO 8601, when the page was parsed

    record_type: ClassVar[str] = ""

    def __post_init__(self) -> None:
        self.type = self.record_type


@dataclass(kw_only=True)
class ArticleItem(Record):
    """The main article of a page."""

    record_type: ClassVar[str] = "article"

    id: str  # stable: derived from the canonical URL, same on every run
    url: str  # the URL fetched
    canonical_url: str  # <link rel=canonical> (the real site's URL even on a mirror)
    language: str  # ISO 639-1
    section: str | None
    title: str
    published_at: str | None  # exact UTC instant, or None when the page gives no time of day
    published_date: str | None  # local calendar date YYYY-MM-DD
    published_raw: str | None  # the date text as on the page
    # Where that date was read: visible, jsonld, meta, time, url, listing or feed (None:
    # no date). A visible date line with a time beats date-only metadata for the same day.
    published_source: str | None
    modified_at: str | None
    authors: list[str] = field(default_factory=list)
    source: str | None = None  # attribution: "Bloomberg" from "Source: Bloomberg"
    body: str  # paragraphs in order, joined by a blank line
    summary: str | None = None
    image_url: str | None = None
    tags: list[str] = field(default_factory=list)
    content_hash: str  # sha256 of title + body: changes exactly when the text changes
    # 1 when first written; + 1 each time a later run finds the content changed (same id).
    version: int = 1
    previous_content_hash: str | None = None  # the content_hash this version replaces

    def __post_init__(self) -> None:
        super().__post_init__()
        # Not a field, never written: how many related_link records the spider yields right
        # after this article. The state commits an article with all of them or not at all.
        self.related_count = 0


@dataclass(kw_only=True)
class TickerHeadlineItem(Record):
    """One breaking-news ticker headline (written once per crawl)."""

    record_type: ClassVar[str] = "ticker_headline"

    id: str  # stable: derived from the site and the headline text
    title: str
    url: str | None  # absolute, or None when the headline is not a link
    # The id of the linked article (ArticleItem.id of the same URL on the real site): the
    # join key to the archive. None when there is no link or it is no article of the site.
    target_id: str | None = None
    position: int  # 0-based order in the ticker
    page_url: str  # the page the ticker was read from (the first one in this crawl)


@dataclass(kw_only=True)
class RelatedLinkItem(Record):
    """One entry of the related-news list under an article."""

    record_type: ClassVar[str] = "related_link"

    article_id: str  # id of the article the list stands under
    page_url: str
    position: int  # 0-based order in the list
    title: str
    url: str | None
    target_id: str | None = None  # the linked article's id (as on TickerHeadlineItem)
    section: str | None
    published_at: str | None
    published_date: str | None
    published_raw: str | None


RECORD_CLASSES: tuple[type[Record], ...] = (ArticleItem, TickerHeadlineItem, RelatedLinkItem)
