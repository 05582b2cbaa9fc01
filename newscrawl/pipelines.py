"""Item pipelines: small components, one concern each, one stats key per outcome.

Records are built (and their dates normalized) by :mod:`newscrawl.records`; these
pipelines only check them on the way to the feed exporter, which does all the writing.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, cast

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.statscollectors import StatsCollector

from newscrawl import schema

if TYPE_CHECKING:
    from newscrawl.spiders.base import NewsSiteSpider

logger = logging.getLogger(__name__)


class _StatsPipeline:
    prefix = "newscrawl"

    def __init__(self, crawler: Crawler) -> None:
        assert crawler.stats is not None
        self.crawler = crawler
        self.stats: StatsCollector = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> _StatsPipeline:
        return cls(crawler)

    def count(self, key: str) -> None:
        self.stats.inc_value(f"{self.prefix}/{key}")


class DuplicatesPipeline(_StatsPipeline):
    """Each record once per crawl: a ticker headline seen on every page is written once,
    and an article reached by two URLs (listing and feed, say) is written once."""

    prefix = "newscrawl/duplicates"

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.seen: set[tuple[Any, ...]] = set()

    @staticmethod
    def key(adapter: ItemAdapter) -> tuple[Any, ...]:
        if adapter["type"] == "related_link":
            return ("related_link", adapter["article_id"], adapter["position"])
        return (adapter["type"], adapter["id"])

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        key = self.key(adapter)
        if key in self.seen:
            self.count(adapter["type"])
            raise DropItem(f"duplicate {adapter['type']} {key[1]}", log_level="DEBUG")
        self.seen.add(key)
        return item


class DateAuditPipeline(_StatsPipeline):
    """A date on the page that could not be normalized is kept raw, logged once per distinct
    form and counted by reason (newscrawl/dates/unparsed, .../future, .../too_old)."""

    prefix = "newscrawl/dates"

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.logged: set[str] = set()

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        raw = adapter.get("published_raw")
        if raw and not adapter.get("published_date"):
            # A NewsSiteSpider: its context reads dates as the records were built.
            spider = cast("NewsSiteSpider", self.crawler.spider)
            result = spider.context.read_date(raw, spider.now, adapter.get("language"))
            reason = result.reason or "unparsed"
            self.count(reason)
            if raw not in self.logged:
                self.logged.add(raw)
                logger.warning(
                    "date not normalized (%s): %r on %s",
                    reason,
                    raw,
                    adapter.get("url") or adapter.get("page_url"),
                )
        elif raw:
            self.count("normalized")
        return item


class SchemaValidationPipeline(_StatsPipeline):
    """Nothing leaves the crawl that breaks the archive contract (the JSON Schema)."""

    prefix = "newscrawl/records"

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        problems = schema.errors(adapter.asdict())
        if problems:
            self.count("invalid")
            logger.error(
                "invalid %s record from %s: %s",
                adapter.get("type"),
                adapter.get("url") or adapter.get("page_url"),
                "; ".join(problems),
            )
            raise DropItem(f"schema: {problems[0]}")
        self.count(f"valid/{adapter['type']}")
        return item
