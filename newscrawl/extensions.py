"""Scrapy extensions of newscrawl: the run's report (verdict, summary, exit status),
progress lines, and the final stats as a file."""

from __future__ import annotations

import json
import logging
import os
import tempfile
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.asyncio import create_looping_call

from newscrawl import coverage, faults, summary
from newscrawl.crawlrun import CrawlRun
from newscrawl.verdict import OK, Limits, judge, prefixed

logger = logging.getLogger(__name__)


class RunReport:
    """The run from start to verdict: sets up its :class:`CrawlRun` (lock, state, recovery)
    unless ``scrapy crawl`` already did, journals what the feed exporter wrote, and once the
    engine has stopped (every output stored) commits the state, judges the run
    (:mod:`newscrawl.verdict`), writes the summaries and logs one human line. The verdict's
    status is the exit status of ``scrapy crawl`` (:mod:`newscrawl.commands.crawl`)."""

    def __init__(self, crawler: Crawler, run: CrawlRun) -> None:
        self.crawler = crawler
        self.run = run
        self.limits = Limits.from_settings(crawler.settings)
        self.finish_reason = "not started"

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunReport:
        run = CrawlRun.of(crawler)
        if run is None:  # not started by `scrapy crawl` (CrawlerProcess in a script)
            args = getattr(crawler.spider, "args", None)
            run = CrawlRun.start(
                crawler, getattr(args, "base_url", None), getattr(args, "full", False)
            )
        report = cls(crawler, run)
        # Connected after FeedExporter's handlers (an extension of lower order): a record
        # is counted once its line is written.
        crawler.signals.connect(report.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(report.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(report.engine_stopped, signal=signals.engine_stopped)
        return report

    def item_scraped(self, item: Any) -> None:
        self.run.item_written(item)
        faults.kill_point("item", sum(self.run.written.values()))

    def spider_closed(self, reason: str) -> None:
        self.finish_reason = reason

    def engine_stopped(self) -> None:
        """Every feed is stored by now (the spider closed after FeedExporter finished)."""
        self.finish()

    def finish(self) -> None:
        if self.run.verdict is not None:
            return
        assert self.crawler.stats is not None
        self.run.commit()
        stats = self.crawler.stats.get_stats()
        verdict = judge(stats, self.limits, self.finish_reason, self.run.write_errors)
        report = summary.build(self.run, stats, verdict, self.finish_reason)
        self.run.verdict = verdict
        self.run.record_end(verdict.status, verdict.reason, report)
        self.crawler.stats.set_value("newscrawl/exit_status", verdict.status)
        self.crawler.stats.set_value("newscrawl/exit_reason", verdict.reason)
        log = logger.info if verdict.status == OK else logger.error
        # The last two lines of the log: what the run covered, then its verdict.
        (logger.info if report["coverage"]["complete"] else logger.warning)(
            coverage.line(report["spider"], report["coverage"])
        )
        log(summary.line(report))
        self.run.close()


class Progress:
    """A progress line every ``NEWSCRAWL_PROGRESS_INTERVAL`` seconds: pages, articles read
    and written, known articles skipped, errors, and the page rate (0: off)."""

    def __init__(self, crawler: Crawler, interval: float) -> None:
        self.crawler = crawler
        self.interval = interval
        self.task: Any = None
        self.started = 0.0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Progress:
        interval = crawler.settings.getfloat("NEWSCRAWL_PROGRESS_INTERVAL")
        if interval <= 0:
            raise NotConfigured
        progress = cls(crawler, interval)
        crawler.signals.connect(progress.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(progress.spider_closed, signal=signals.spider_closed)
        return progress

    def spider_opened(self) -> None:
        self.started = time.monotonic()
        self.task = create_looping_call(self.log)
        self.task.start(self.interval, now=False)

    def spider_closed(self) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()

    def log(self) -> None:
        assert self.crawler.stats is not None
        stats = self.crawler.stats.get_stats()
        pages = int(stats.get("newscrawl/fetch/responses", 0))
        state = prefixed(stats, "newscrawl/state/")
        elapsed = max(time.monotonic() - self.started, 1e-9)
        logger.info(
            "progress: %d page(s) (%.1f/s), %d article(s) read (%d new, %d changed), "
            "%d known and skipped, %d record(s) written, %d error(s)",
            pages,
            pages / elapsed,
            int(stats.get("newscrawl/page/article", 0)),
            state.get("new", 0),
            state.get("changed", 0),
            state.get("skipped_known", 0),
            int(stats.get("item_scraped_count", 0)),
            int(stats.get("newscrawl/fetch/errors", 0)),
        )


class StatsFile:
    """Write the crawl's final stats as JSON to ``NEWSCRAWL_STATS_FILE`` (off when unset).

    For cron wrappers and tests: assert on stats keys, never on log text. Written when the
    engine stops (after the verdict: ``newscrawl/exit_status`` is in it), to a temporary
    file renamed into place, so a reader never sees half a file.
    """

    def __init__(self, crawler: Crawler, path: Path) -> None:
        self.crawler = crawler
        self.path = path
        self.reason = ""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StatsFile:
        path = crawler.settings.get("NEWSCRAWL_STATS_FILE")
        if not path:
            raise NotConfigured  # no message: Scrapy would log a warning for an intended "off"
        extension = cls(crawler, Path(path))
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(extension.engine_stopped, signal=signals.engine_stopped)
        return extension

    def spider_closed(self, spider: Spider, reason: str) -> None:
        self.reason = reason

    def engine_stopped(self) -> None:
        assert self.crawler.stats is not None
        stats = {**self.crawler.stats.get_stats(), "finish_reason": self.reason}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(stats, out, default=_jsonable, ensure_ascii=False, indent=1, sort_keys=True)
        os.replace(tmp, self.path)
        logger.debug("stats written to %s", self.path)  # the run's own line stays the last


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)
