"""Retries that give a struggling site time: ``Retry-After`` honoured, exponential backoff.

Scrapy's :class:`~scrapy.downloadermiddlewares.retry.RetryMiddleware` re-queues a failed
request at once, so a site answering 503 under load gets its retries within milliseconds,
and a ``429 Too Many Requests`` with ``Retry-After: 30`` is asked again before the second
is out. :class:`BackoffRetryMiddleware` keeps Scrapy's decisions (``RETRY_TIMES``,
``RETRY_HTTP_CODES``: 404 and 410 are never retried, ``RETRY_EXCEPTIONS``, the
``dont_retry`` / ``max_retry_times`` meta keys, the ``retry/*`` stats and log lines) and
only delays the retry it returns:

- a 429 or 503 with ``Retry-After`` (seconds or an HTTP date) waits that long, plus up to
  10 % jitter; one asking for more than ``NEWSCRAWL_RETRY_AFTER_MAX`` seconds is given up
  on at once (the failures file keeps it for the next run) rather than holding the crawl;
- any other retry waits ``NEWSCRAWL_RETRY_BACKOFF_BASE * 2**(n-1)`` seconds for the n-th
  retry, capped at ``NEWSCRAWL_RETRY_BACKOFF_MAX``, with "equal jitter" (half of it
  random), so retries of a 500 storm spread out instead of arriving together.

The wait is an ``async`` ``process_response`` / ``process_exception`` (Scrapy 2.13+): the
request keeps its place among ``CONCURRENT_REQUESTS`` while it waits, so a storm slows the
crawl down instead of queueing more requests at the failing site.
"""

from __future__ import annotations

import logging
import random
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response
from scrapy.settings import BaseSettings
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.task import deferLater

from newscrawl.failures import FailureLog

logger = logging.getLogger(__name__)

RETRY_AFTER_STATUSES = (429, 503)  # RFC 9110 10.2.3: what a Retry-After means on these
STATS = "newscrawl/retry/"


def parse_retry_after(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delay-seconds or an HTTP date);
    ``None`` when absent or unreadable."""
    if value is None:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def backoff(retry: int, base: float, cap: float, rng: random.Random | None = None) -> float:
    """Seconds before the ``retry``-th retry (1-based): exponential, capped, equal jitter."""
    ceiling = min(cap, base * 2 ** max(retry - 1, 0))
    return ceiling / 2 + (rng or random).uniform(0, ceiling / 2)


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retry decisions, with the retry sent later (see the module)."""

    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        self.base = settings.getfloat("NEWSCRAWL_RETRY_BACKOFF_BASE", 1.0)
        self.cap = settings.getfloat("NEWSCRAWL_RETRY_BACKOFF_MAX", 30.0)
        self.max_retry_after = settings.getfloat("NEWSCRAWL_RETRY_AFTER_MAX", 120.0)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BackoffRetryMiddleware:
        middleware = cls(crawler.settings)
        middleware.crawler = crawler
        return middleware

    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        wait = self._retry_after(request, response)
        if wait is not None and wait > self.max_retry_after:
            self._give_up(request, response, wait)
            return response
        result = super().process_response(request, response)
        if isinstance(result, Request):
            await self._wait(result, wait, f"HTTP {response.status}")
        return result

    async def process_exception(  # type: ignore[override]
        self, request: Request, exception: Exception
    ) -> Request | Response | None:
        result = super().process_exception(request, exception)
        if isinstance(result, Request):
            await self._wait(result, None, type(exception).__name__)
        return result

    def _retry_after(self, request: Request, response: Response) -> float | None:
        if response.status not in RETRY_AFTER_STATUSES or request.meta.get("dont_retry"):
            return None
        if response.status not in self.retry_http_codes:
            return None
        return parse_retry_after(response.headers.get(b"Retry-After"))

    def _give_up(self, request: Request, response: Response, wait: float) -> None:
        self._count("retry_after_too_long")
        detail = (
            f"HTTP {response.status} with Retry-After {wait:.0f} s, over"
            f" NEWSCRAWL_RETRY_AFTER_MAX {self.max_retry_after:.0f} s: left for the next run"
        )
        FailureLog.of(self.crawler).record(
            request, f"http_{response.status}", detail, status=response.status
        )

    async def _wait(self, retry: Request, retry_after: float | None, reason: str) -> None:
        if retry_after is not None:
            seconds = retry_after * random.uniform(1.0, 1.1)
            self._count("retry_after_honoured")
            logger.info(
                "%s asked to wait %.1f s (Retry-After): retrying %s then",
                reason,
                retry_after,
                retry.url,
            )
        else:
            seconds = backoff(int(retry.meta.get("retry_times", 1)), self.base, self.cap)
            logger.debug("retrying %s in %.2f s (%s)", retry.url, seconds, reason)
        self._count("delayed")
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(STATS + "delay_ms", round(seconds * 1000))
        await _sleep(seconds)

    def _count(self, key: str) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(STATS + key)


async def _sleep(seconds: float) -> None:
    """Wait without blocking the reactor (whichever is installed)."""
    from twisted.internet import reactor

    clock: Any = reactor  # typed as a module by older Twisted stubs, an IReactorTime by newer
    await maybe_deferred_to_future(deferLater(clock, seconds, lambda: None))
