"""Pipelines: one concern each, one stats key per outcome."""

from __future__ import annotations

import dataclasses
import logging
from datetime import datetime

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from newscrawl.audit import PageAudit
from newscrawl.extract.parts import ArticleParts, PageParts, RelatedEntry
from newscrawl.items import RelatedLinkItem, TickerHeadlineItem
from newscrawl.pipelines import DuplicatesPipeline, SchemaValidationPipeline
from newscrawl.records import PageRecords, SiteContext, build_records
from newscrawl.sites import get_profile
from newscrawl.spiders.marebpress import MarebpressSpider

NOW = "2026-02-02T09:00:00+00:00"


@pytest.fixture
def crawler():
    crawler = get_crawler(MarebpressSpider, {"NEWSCRAWL_NOW": NOW})
    crawler.spider = crawler._create_spider()
    crawler.stats.open_spider()
    return crawler


def related(raw: str | None, date: str | None = None, position: int = 0) -> RelatedLinkItem:
    return RelatedLinkItem(
        site="marebpress.net",
        crawled_at=NOW,
        article_id="0123456789abcdef",
        page_url="https://marebpress.net/news_details.php?lang=arabic&sid=1",
        position=position,
        title="عنوان",
        url=None,
        section=None,
        published_at=None,
        published_date=date,
        published_raw=raw,
    )


def ticker(title: str, position: int) -> TickerHeadlineItem:
    return TickerHeadlineItem(
        site="marebpress.net",
        crawled_at=NOW,
        id=f"{position:016x}",
        title=title,
        url=None,
        position=position,
        page_url="https://marebpress.net/",
    )


def stat(crawler, key: str) -> int:
    return crawler.stats.get_value(key, 0)


def test_duplicates_are_dropped_once_per_crawl_and_counted(crawler) -> None:
    pipeline = DuplicatesPipeline.from_crawler(crawler)
    assert pipeline.process_item(ticker("عاجل", 0))
    assert pipeline.process_item(ticker("آخر", 1))
    with pytest.raises(DropItem, match="duplicate ticker_headline"):
        pipeline.process_item(ticker("عاجل", 0))
    assert pipeline.process_item(related("30 يناير 2026", position=0))
    with pytest.raises(DropItem):
        pipeline.process_item(related("30 يناير 2026", position=0))
    assert stat(crawler, "newscrawl/duplicates/ticker_headline") == 1
    assert stat(crawler, "newscrawl/duplicates/related_link") == 1


AUDIT = [
    ("30 يناير 2026", "2026-01-30", "newscrawl/dates/normalized"),
    ("غير معروف", None, "newscrawl/dates/unparsed"),
    ("Breaking News", None, "newscrawl/dates/unparsed"),
    ("30 يناير 2027", None, "newscrawl/dates/future"),
    ("30 يناير 1985", None, "newscrawl/dates/too_old"),
]


PAGE_URL = "https://marebpress.net/news_details.php?lang=arabic&sid=1"


def related_records(*raws: str) -> PageRecords:
    """The records of an article page whose related entries show these dates."""
    parts = PageParts(
        url=PAGE_URL,
        article=ArticleParts(title="عنوان", paragraphs=["نص"]),
        related=[
            RelatedEntry(title="عنوان", url=f"{PAGE_URL}{i}", date_raw=raw)
            for i, raw in enumerate(raws)
        ],
    )
    ctx = SiteContext.of(get_profile("marebpress"))
    return build_records(parts, ctx, now=datetime.fromisoformat(NOW))


@pytest.mark.parametrize(("raw", "date", "key"), AUDIT)
def test_date_outcomes_are_counted_by_reason_and_keep_the_record(crawler, raw, date, key) -> None:
    records = related_records(raw)
    assert records.related[0].published_date == date  # a bad date never loses the record
    assert records.related[0].published_raw == raw
    PageAudit(crawler, "marebpress").notes(records.notes, PAGE_URL)
    assert stat(crawler, key) == 1


def test_date_problems_are_logged_once_per_distinct_form(crawler, caplog) -> None:
    records = related_records("قبل فترة", "قبل فترة", "قبل فترة", "تاريخ غير مقروء")
    with caplog.at_level(logging.WARNING, logger="newscrawl.audit"):
        PageAudit(crawler, "marebpress").notes(records.notes, PAGE_URL)
    assert len(caplog.records) == 2
    assert "قبل فترة" in caplog.records[0].getMessage()
    assert stat(crawler, "newscrawl/dates/unparsed") == 4


def test_schema_validation_drops_and_counts_a_broken_record(crawler, caplog) -> None:
    pipeline = SchemaValidationPipeline.from_crawler(crawler)
    good = related("30 يناير 2026", "2026-01-30")
    assert pipeline.process_item(good) is good
    broken = dataclasses.replace(good, page_url="not a url")
    with caplog.at_level(logging.ERROR), pytest.raises(DropItem, match="page_url"):
        pipeline.process_item(broken)
    assert stat(crawler, "newscrawl/records/invalid") == 1
    assert stat(crawler, "newscrawl/records/valid/related_link") == 1
    assert "page_url" in caplog.text
