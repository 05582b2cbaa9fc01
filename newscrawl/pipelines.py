"""Item pipelines: small components, one concern each, one stats key per outcome.

Records are built (and their dates normalized, the outcomes counted by
:class:`newscrawl.audit.PageAudit` as they are read) by :mod:`newscrawl.records`; these
pipelines only check them on the way to the feed exporter, which does all the writing.
"""

from __future__ import annotations

import logging
from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.statscollectors import StatsCollector

from newscrawl import schema

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
