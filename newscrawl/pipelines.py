"""Item pipelines: small components, one concern each, one stats key per outcome.

Records are built (and their dates normalized, the outcomes counted by
:class:`newscrawl.audit.PageAudit` as they are read) by :mod:`newscrawl.records`; these
pipelines check them on the way to the feed exporter, which does all the writing, and
decide against the site's state which of them are new (:class:`IncrementalPipeline`).
"""

from __future__ import annotations

import logging
from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.statscollectors import StatsCollector

from newscrawl import schema
from newscrawl.crawlrun import CrawlRun
from newscrawl.items import ArticleItem
from newscrawl.state import Pending

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


class IncrementalPipeline(_StatsPipeline):
    """Write what is new since the last runs, remember what is written.

    - an article is written when it is new (``version`` 1) or its content hash changed
      (the same ``id``, ``version`` + 1, ``previous_content_hash``); an unchanged one is
      dropped, and so is its related-news list;
    - a ticker headline is written the first time it is seen; later sightings update its
      ``last_seen`` and ``times_seen`` in the state only;
    - ``-a full=1`` writes everything (still recording it); without state, everything too.

    Each written unit is journaled as *pending* before its line is written
    (:meth:`CrawlRun.add_pending`); it becomes known when the run commits. Stats: one key per
    outcome under ``newscrawl/state/``.
    """

    prefix = "newscrawl/state"

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.suppressed: set[str] = set()  # unchanged articles: their related lines go too

    def process_item(self, item: Any) -> Any:
        run = CrawlRun.of(self.crawler)
        if run is None or run.state is None:
            return item
        kind = ItemAdapter(item)["type"]
        if kind == "article":
            return self._article(run, item)
        if kind == "related_link":
            if ItemAdapter(item)["article_id"] in self.suppressed:
                raise DropItem("related to an unchanged article", log_level="DEBUG")
            return item
        if kind == "ticker_headline":
            return self._ticker(run, item)
        return item

    def _article(self, run: CrawlRun, item: ArticleItem) -> ArticleItem:
        assert run.state is not None
        known = run.state.article(item.id)
        if known is None:
            outcome = "new"
        elif known.content_hash == item.content_hash:
            outcome = "unchanged"
            item.version, item.previous_content_hash = known.version, known.previous_content_hash
        else:
            outcome = "changed"
            item.version, item.previous_content_hash = known.version + 1, known.content_hash
        self.count(outcome)
        if outcome == "unchanged":
            run.state.saw_article(item.id, item.crawled_at)
            if not run.full:
                self.suppressed.add(item.id)
                raise DropItem(f"unchanged article {item.id}", log_level="DEBUG")
        run.add_pending(
            Pending(
                "article",
                item.id,
                item.content_hash,
                1 + item.related_count,
                {
                    "url": item.url,
                    "canonical_url": item.canonical_url,
                    "version": item.version,
                    "previous_content_hash": item.previous_content_hash,
                    "published_date": item.published_date,
                    "crawled_at": item.crawled_at,
                },
            )
        )
        return item

    def _ticker(self, run: CrawlRun, item: Any) -> Any:
        assert run.state is not None
        adapter = ItemAdapter(item)
        known = run.state.ticker(adapter["id"])
        self._remember_ticker(run, adapter, known is None)
        if known is not None:
            self.count("ticker/seen")
            if not run.full:
                run.state.saw_ticker(adapter["id"], adapter["crawled_at"])
                raise DropItem(f"known ticker headline {adapter['id']}", log_level="DEBUG")
        else:
            self.count("ticker/new")
        run.add_pending(
            Pending(
                "ticker_headline",
                adapter["id"],
                None,
                1,
                {
                    "title": adapter["title"],
                    "url": adapter["url"],
                    "crawled_at": adapter["crawled_at"],
                },
            )
        )
        return item

    @staticmethod
    def _remember_ticker(run: CrawlRun, adapter: ItemAdapter, new: bool) -> None:
        """The ticker as it stood: the headlines of the first page the run read it from."""
        if run.ticker and run.ticker[0]["page_url"] != adapter["page_url"]:
            return
        run.ticker.append(
            {
                "position": adapter["position"],
                "title": adapter["title"],
                "url": adapter["url"],
                "id": adapter["id"],
                "new": new,
                "page_url": adapter["page_url"],
            }
        )
