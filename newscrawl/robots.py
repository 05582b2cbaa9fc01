"""robots.txt as RFC 9309 reads it, on top of Scrapy's ``RobotsTxtMiddleware``.

Scrapy parses whatever body the robots.txt request returned, whatever its status, and
allows everything when the request failed. RFC 9309 (section 2.3.1) says otherwise, and a
hostile or broken site should not be able to exploit the difference:

- **5xx, 429 or unreachable** (no answer after retries): *complete disallow*, for this run
  (the next run asks again). The pages refused are listed in the failures file
  (``robots_unavailable``) so the next run fetches them once robots.txt answers.
- **4xx** (404, 403, 410...): no rules, everything allowed, whatever the error page says.
- **200**: at most ``NEWSCRAWL_ROBOTSTXT_MAX_BYTES`` (500 KiB, the RFC's minimum, cut at a
  line end) are parsed: a 10 MB robots.txt costs neither a second of parsing nor a slow
  rule check per request. Binary or HTML junk is read by Protego as no rules (counted).

:class:`RobotsTxtResponses` (a downloader middleware between ``FetchOutcomes`` and
``RetryMiddleware``, so it sees the final answer after retries) turns the answer into what
Scrapy's parser should read; :class:`Rfc9309RobotsTxtMiddleware` replaces Scrapy's
``RobotsTxtMiddleware`` to turn "no parser" (the request failed) into "disallow all".
"""

from __future__ import annotations

import logging
from typing import Any, NoReturn

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

from newscrawl.failures import Refused, exception_name

logger = logging.getLogger(__name__)

STATS = "newscrawl/robots/"
RFC_MIN_BYTES = 500 * 1024


class RobotsUnavailable(Refused):
    reason = "robots_unavailable"


class RobotsUnreachable(IgnoreRequest):
    """The robots.txt request failed (raised as IgnoreRequest: Scrapy then logs nothing
    and gives no parser; :class:`Rfc9309RobotsTxtMiddleware` says why, once)."""


def is_robots(request: Request) -> bool:
    return bool(request.meta.get("dont_obey_robotstxt")) and (
        urlparse_cached(request).path == "/robots.txt"
    )


def count_failed_fetch(crawler: Crawler, kind: str, answered: bool) -> None:
    """A robots.txt that fails now stops the site's pages, so it counts in the verdict
    (:mod:`newscrawl.verdict`) like any failed request: the robots.txt answer itself (5xx:
    an answer with an error status; no answer: an exception), and each page it kept us
    from (no answer). :class:`newscrawl.middlewares.FetchOutcomes` leaves robots.txt out."""
    assert crawler.stats is not None
    crawler.stats.inc_value(
        "newscrawl/fetch/responses" if answered else "newscrawl/fetch/exceptions"
    )
    crawler.stats.inc_value("newscrawl/fetch/errors")
    crawler.stats.inc_value(f"newscrawl/errors/{kind}")


def _looks_malformed(body: bytes) -> bool:
    head = body[:4096].lstrip().lower()
    if b"\x00" in body[:65536] or head.startswith((b"<!doctype", b"<html")):
        return True
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


class RobotsTxtResponses:
    """What Scrapy's robots.txt parser gets to read (see the module)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.max_bytes = crawler.settings.getint("NEWSCRAWL_ROBOTSTXT_MAX_BYTES", RFC_MIN_BYTES)
        self.unreachable: dict[str, str] = {}  # netloc -> why

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RobotsTxtResponses:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if not is_robots(request):
            return response
        netloc = urlparse_cached(request).netloc
        status = response.status
        if status >= 500 or status == 429:
            count_failed_fetch(self.crawler, f"http_{status}", answered=True)
            self._unreachable(netloc, f"HTTP {status}")
        if status >= 400:
            self._count("unavailable")
            logger.info("robots.txt of %s: HTTP %d, no rules (RFC 9309: allowed)", netloc, status)
            return response.replace(body=b"")
        return self._readable(netloc, response)

    def process_exception(self, request: Request, exception: Exception) -> None:
        if is_robots(request) and not isinstance(exception, IgnoreRequest):
            count_failed_fetch(self.crawler, type(exception).__name__, answered=False)
            self._unreachable(urlparse_cached(request).netloc, exception_name(exception))

    def _unreachable(self, netloc: str, why: str) -> NoReturn:
        self.unreachable[netloc] = why
        raise RobotsUnreachable(f"robots.txt of {netloc} unreachable ({why})")

    def _readable(self, netloc: str, response: Response) -> Response:
        body = response.body
        if _looks_malformed(body):
            self._count("malformed")
            logger.warning(
                "robots.txt of %s is not a robots.txt (binary or HTML): no rules read", netloc
            )
        if len(body) <= self.max_bytes:
            return response
        cut = body.rfind(b"\n", 0, self.max_bytes) + 1 or self.max_bytes
        self._count("truncated")
        logger.warning(
            "robots.txt of %s is %d bytes: only the first %d read (RFC 9309 2.5)",
            netloc,
            len(body),
            cut,
        )
        return response.replace(body=body[:cut])

    def _count(self, key: str) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(STATS + key)


class _DisallowAll:
    """The parser of a site whose robots.txt did not answer."""

    def allowed(self, url: Any, user_agent: Any) -> bool:
        return False


DISALLOW_ALL = _DisallowAll()


class Rfc9309RobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy's middleware, with an unreachable robots.txt meaning "disallow all"."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.reported: set[str] = set()

    async def robot_parser(self, request: Request) -> Any:
        parser = await super().robot_parser(request)
        netloc = urlparse_cached(request).netloc
        held = self._parsers.get(netloc)
        if parser is None and held is not None and not isinstance(held, Deferred):
            # Requests that waited on the same robots.txt can be handed no parser although
            # one was built meanwhile: read it rather than refuse them.
            parser = held
        responses = self.crawler.get_downloader_middleware(RobotsTxtResponses)
        why = responses.unreachable.get(netloc) if responses is not None else None
        if parser is not None or why is None:
            return parser  # no parser for another reason (refused redirect...): Scrapy's way
        if netloc not in self.reported:
            self.reported.add(netloc)
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value(STATS + "unreachable")
            logger.warning(
                "robots.txt of %s unreachable (%s): nothing fetched from it in this run"
                " (RFC 9309: complete disallow); the refused pages are in the failures file",
                netloc,
                why,
            )
        return DISALLOW_ALL

    def process_request_2(self, rp: Any, request: Request) -> None:
        if rp is DISALLOW_ALL:
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value(STATS + "refused")
            count_failed_fetch(self.crawler, "robots_unavailable", answered=False)
            netloc = urlparse_cached(request).netloc
            raise RobotsUnavailable(f"robots.txt of {netloc} unreachable: disallowed for now")
        super().process_request_2(rp, request)
