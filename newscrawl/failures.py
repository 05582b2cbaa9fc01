"""Nothing given up on silently: the failures file, and retries by the next runs.

Scrapy forgets a page it gave up on once it has logged it (and some not even that: a request
refused by a middleware, a gzip bomb, a redirect loop caught by the duplicate filter, an item
whose pipeline raised). Here every such page becomes one entry:

- a request whose final outcome was an error (an error status after retries, no answer, a
  body too large, a refused address, robots.txt unreachable...): recorded by the errback
  that :class:`FailureErrbacks` gives every request, and by the scheduling signals for
  redirects dropped before they reached the downloader;
- a page whose extraction raised (``spider_error``) or a record whose pipeline raised
  (``item_error``): counted, logged with the URL, and the crawl goes on.

At the end of the run (before the verdict) the entries are written to
``<output>.failures.ndjson`` beside each output (temporary name, fsync, rename: like the
outputs), counted by reason in ``newscrawl/failures/<reason>`` and in the run summary, and
remembered in the site's state (table ``failures``). The next run retries what is still
failing once its own crawl is done (``spider_idle``), forgets what now answers, and drops
a URL after ``NEWSCRAWL_MAX_FAILURE_ATTEMPTS`` runs that gave up on it. Refusals of policy
(an unsafe address, a redirect off the site) and dead links (404, 410) are listed but not
retried.

The suffix is not ``.jsonl``: every ``*.jsonl`` in the output folder is a file of records
(the archive ingests them by that glob), and these lines are not records.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import weakref
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar

from itemadapter import ItemAdapter
from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from newscrawl.crawlrun import CrawlRun
from newscrawl.feedstorage import TEMP_SUFFIX, fsync_dir
from newscrawl.verdict import prefixed

logger = logging.getLogger(__name__)

SUFFIX = ".failures.ndjson"
STATS = "newscrawl/failures/"  # + reason: URLs given up on in this run
LIFECYCLE = "newscrawl/failed_urls/"  # + retried | resolved | dropped | remembered
# Listed, never retried by a later run: the site's dead links and refusals of our policy.
NOT_RETRIED = frozenset({"http_404", "http_410", "unsafe_address", "offsite_redirect"})
FIRST_ATTEMPT = "newscrawl_first_attempt"  # request meta: when it was first sent
LAST_ATTEMPT = "newscrawl_last_attempt"
ATTEMPTS = "newscrawl_attempts"
RETRY_OF_FAILURE = "newscrawl_retry_of_failure"  # request meta: a retry of an earlier run's


class Refused(IgnoreRequest):
    """A request newscrawl refuses on purpose; ``reason`` names it in the failures file."""

    reason = "refused"


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass
class FailureEntry:
    """One URL given up on in this run."""

    url: str
    reason: str
    status: int | None
    attempts: int
    first_attempt: str
    last_attempt: str
    exception: str | None
    detail: str
    runs: int = 1  # runs in a row that gave up on it, this one included
    retry: bool = True  # will a later run try it again?
    callback: str | None = None  # the spider method that reads it, for a later run
    cb_kwargs: dict[str, Any] = field(default_factory=dict)

    def line(self) -> dict[str, Any]:
        """The line of the failures file."""
        data = asdict(self)
        for internal in ("callback", "cb_kwargs"):
            data.pop(internal)
        return data


# -- what went wrong --------------------------------------------------------------------


def classify(failure: Failure) -> tuple[str, int | None, str] | None:
    """(reason, HTTP status, detail) of a request's final failure; ``None`` when it is no
    failure of the site's: a robots.txt refusal, an off-site link, a duplicate."""
    exc = failure.value
    request = getattr(failure, "request", None)
    redirected = bool(request is not None and request.meta.get("redirect_urls"))
    if isinstance(exc, HttpError):
        status = exc.response.status
        return f"http_{status}", status, f"HTTP {status}"
    if isinstance(exc, Refused):
        return exc.reason, None, str(exc)
    if isinstance(exc, IgnoreRequest):
        return _ignored(exc, redirected)
    return _transport(exc), None, _describe(exc)


def _ignored(exc: IgnoreRequest, redirected: bool) -> tuple[str, int | None, str] | None:
    message = str(exc)
    if type(exc.__cause__).__name__ == "_DecompressionMaxSizeExceeded":
        return "decompression_bomb", None, message
    if "max redirections" in message:
        return "redirect_loop", None, message
    if "offsite" in message.lower():
        return ("offsite_redirect", None, message) if redirected else None
    if "robots.txt" in message:
        return None
    return "ignored", None, message


# Names of the exceptions a download fails with: Twisted's, or (newer Scrapy releases)
# Scrapy's own, which keep Twisted's as their cause. Most telling first.
_TRANSPORT: tuple[tuple[str, frozenset[str]], ...] = (
    ("broken_body", frozenset({"_MalformedChunkedDataError", "_ChunkedTransferDecoder"})),
    ("too_large", frozenset({"CancelledError", "DownloadCancelledError"})),
    ("timeout", frozenset({"TimeoutError", "DownloadTimeoutError", "TCPTimedOutError"})),
    ("connection_refused", frozenset({"ConnectionRefusedError", "DownloadConnectionRefusedError"})),
    ("dns_error", frozenset({"DNSLookupError", "CannotResolveHostError"})),
    ("no_response", frozenset({"ResponseNeverReceived"})),
    (
        "connection_lost",
        frozenset({"_DataLoss", "ResponseDataLossError", "ConnectionLost", "ConnectionDone"}),
    ),
    ("connect_error", frozenset({"ConnectError"})),
)


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception, what caused it, and the reasons of a Twisted ``ResponseFailed``."""
    found: list[BaseException] = []
    todo: list[BaseException | None] = [exc]
    while todo:
        current = todo.pop(0)
        if current is None or any(current is seen for seen in found):
            continue
        found.append(current)
        todo.append(current.__cause__)
        todo += [r.value for r in getattr(current, "reasons", None) or [] if isinstance(r, Failure)]
    return found


def _transport(exc: BaseException) -> str:
    names = {type(e).__name__ for e in _chain(exc)}
    return next((reason for reason, known in _TRANSPORT if names & known), "download_error")


def _describe(exc: BaseException) -> str:
    described = [f"{type(e).__name__}: {e}" for e in _chain(exc) if str(e)]
    return "; ".join(described) or exception_name(exc)


def exception_name(exc: BaseException) -> str:
    """``DownloadFailedError(ResponseNeverReceived, ConnectionLost)``: the exception and
    what it wraps."""
    first, *inner = (type(e).__name__ for e in _chain(exc))
    return f"{first}({', '.join(dict.fromkeys(inner))})" if inner else first


# -- the record of one run --------------------------------------------------------------


class FailureLog:
    """The failures of one crawl (one per crawler, shared by the components that see
    them). Each URL is counted once, under its first reason."""

    _logs: ClassVar[weakref.WeakKeyDictionary[Crawler, FailureLog]] = weakref.WeakKeyDictionary()

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.entries: dict[str, FailureEntry] = {}
        self.answered: set[str] = set()  # URLs that got a response (resolved failures)
        self.files: list[Path] = []  # the failures files written

    @classmethod
    def of(cls, crawler: Crawler) -> FailureLog:
        if crawler not in cls._logs:
            cls._logs[crawler] = cls(crawler)
        return cls._logs[crawler]

    def record(
        self,
        request: Request,
        reason: str,
        detail: str,
        *,
        status: int | None = None,
        exception: str | None = None,
    ) -> None:
        url = original_url(request)
        if url in self.entries:
            return  # one URL, one line (a redirect refused at scheduling is seen twice)
        now = utc_now()
        entry = FailureEntry(
            url=url,
            reason=reason,
            status=status,
            attempts=int(request.meta.get(ATTEMPTS, 0)),
            first_attempt=request.meta.get(FIRST_ATTEMPT, now),
            last_attempt=request.meta.get(LAST_ATTEMPT, now),
            exception=exception,
            detail=detail,
            retry=reason not in NOT_RETRIED,
            callback=_callback_name(request),
            cb_kwargs=_jsonable(request.cb_kwargs),
        )
        self.entries[url] = entry
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(STATS + reason)
        where = f" (redirected to {request.url})" if url != request.url else ""
        logger.warning(
            "gave up on %s%s: %s (%s; %d attempt(s))",
            url,
            where,
            reason,
            detail,
            entry.attempts,
        )

    def fetch_failed(self, failure: Failure) -> None:
        """The errback of every request."""
        request: Request | None = getattr(failure, "request", None)
        found = classify(failure)
        if request is None or found is None:
            return
        reason, status, detail = found
        self.record(request, reason, detail, status=status, exception=exception_name(failure.value))


def original_url(request: Request) -> str:
    """The URL the crawl asked for, before any redirect."""
    chain = request.meta.get("redirect_urls") or [request.url]
    return str(chain[0])


def _callback_name(request: Request) -> str | None:
    callback = request.callback
    name = getattr(callback, "__name__", None)
    return name if callable(callback) and getattr(callback, "__self__", None) else None


def _jsonable(kwargs: Mapping[str, Any]) -> dict[str, Any]:
    """The callback arguments a later run can pass again (plain JSON values only)."""
    return {k: v for k, v in kwargs.items() if isinstance(v, str | int | float | bool)}


# -- components -------------------------------------------------------------------------


class FailureErrbacks(BaseSpiderMiddleware):
    """Give every request the spider's ``fetch_failed`` errback (a spider method, so a
    ``JOBDIR`` queue can still serialize it); requests with their own errback call it."""

    def get_processed_request(self, request: Request, response: Response | None) -> Request:
        errback = getattr(self.crawler.spider, "fetch_failed", None)
        if request.errback is None and errback is not None:
            request.errback = errback
        return request


class Failures:
    """The extension: records what Scrapy reports only by signal, retries what earlier runs
    gave up on, and at the end writes the failures file and remembers what still fails.
    Ordered before :class:`newscrawl.extensions.RunReport` (its ``engine_stopped`` runs
    first, while the state is open, and a failures file that cannot be written is exit
    status 74)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.log = FailureLog.of(crawler)
        self.max_runs = crawler.settings.getint("NEWSCRAWL_MAX_FAILURE_ATTEMPTS", 3)
        self.retried = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Failures:
        ext = cls(crawler)
        connect = crawler.signals.connect
        connect(ext.request_reached_downloader, signal=signals.request_reached_downloader)
        connect(ext.response_received, signal=signals.response_received)
        connect(ext.request_dropped, signal=signals.request_dropped)
        connect(ext.spider_error, signal=signals.spider_error)
        connect(ext.item_error, signal=signals.item_error)
        connect(ext.spider_idle, signal=signals.spider_idle)
        connect(ext.engine_stopped, signal=signals.engine_stopped)
        return ext

    # -- during the crawl -----------------------------------------------------------------

    def request_reached_downloader(self, request: Request) -> None:
        now = utc_now()
        request.meta.setdefault(FIRST_ATTEMPT, now)
        request.meta[LAST_ATTEMPT] = now
        request.meta[ATTEMPTS] = int(request.meta.get(ATTEMPTS, 0)) + 1

    def response_received(self, response: Response, request: Request) -> None:
        self.log.answered.add(original_url(request))

    def request_dropped(self, request: Request) -> None:
        """A redirect the duplicate filter dropped leads back to a page already fetched in
        this redirect chain or crawl: a loop (A -> B -> A) that loses A without a word."""
        if request.meta.get("redirect_urls") and original_url(request) not in self.log.entries:
            self.log.record(request, "redirect_loop", f"redirect back to {request.url}")

    def spider_error(self, failure: Failure, response: Response) -> None:
        request = response.request
        if request is None:
            return
        self.log.record(
            request,
            "extraction_error",
            f"{type(failure.value).__name__}: {failure.value}",
            status=response.status,
            exception=type(failure.value).__name__,
        )

    def item_error(self, item: Any, response: Response | None, failure: Failure) -> None:
        """Scrapy logs an item whose pipeline raised, and counts it nowhere: the record is
        lost. Here it is counted, logged with its page, and its page retried next run."""
        adapter = ItemAdapter(item)
        request = response.request if response is not None else None
        if request is None:  # not from a page: name the record's own page
            request = Request(str(adapter.get("page_url") or adapter.get("url") or "data:,"))
        kind = adapter.get("type", type(item).__name__)
        self.log.record(
            request,
            "pipeline_error",
            f"{kind} record lost: {type(failure.value).__name__}: {failure.value}",
            status=response.status if response is not None else None,
            exception=type(failure.value).__name__,
        )

    def spider_idle(self) -> None:
        """Once this run's own crawl is done: retry what earlier runs gave up on."""
        if self.retried:
            return
        self.retried = True
        store = self._store()
        spider = self.crawler.spider
        if store is None or spider is None or self.crawler.engine is None:
            return
        requests = [r for r in store.retry_requests(spider) if r.url not in self.log.entries]
        if not requests:
            return
        logger.info("retrying %d URL(s) that earlier runs gave up on", len(requests))
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(LIFECYCLE + "retried", len(requests))
        for request in requests:
            self.crawler.engine.crawl(request)
        raise DontCloseSpider

    # -- the end --------------------------------------------------------------------------

    def engine_stopped(self) -> None:
        run = CrawlRun.of(self.crawler)
        store = self._store()
        if store is not None:
            self._remember(store)
        else:  # no state: nothing remembers them for a later run
            for entry in self.log.entries.values():
                entry.retry = False
        if run is None or not self.log.entries:
            return
        lines = [entry.line() for entry in self.log.entries.values()]
        for path in failure_paths(run):
            try:
                write_lines(path, lines)
            except OSError as exc:
                run.write_errors.append(f"failures file {path} could not be written: {exc}")
            else:
                self.log.files.append(path)
                logger.info("%d failure(s) listed in %s", len(lines), path)

    def _store(self) -> FailureStore | None:
        run = CrawlRun.of(self.crawler)
        if run is None or run.state is None or run.closed:
            return None
        return FailureStore(run.state.db)

    def _remember(self, store: FailureStore) -> None:
        """Update the state: this run's failures in, answered ones out, old ones dropped."""
        assert self.crawler.stats is not None
        stats = self.crawler.stats
        try:
            for entry in self.log.entries.values():
                store.merge(entry)
                if entry.retry and entry.runs >= self.max_runs:
                    entry.retry = False
                    store.forget(entry.url)
                    stats.inc_value(LIFECYCLE + "dropped")
                    logger.warning(
                        "dropping %s: %d run(s) in a row gave up on it"
                        " (NEWSCRAWL_MAX_FAILURE_ATTEMPTS %d); it is retried only if the"
                        " site links it again",
                        entry.url,
                        entry.runs,
                        self.max_runs,
                    )
            resolved = store.resolve(self.log.answered - set(self.log.entries))
            stats.inc_value(LIFECYCLE + "resolved", resolved)
            stats.set_value(LIFECYCLE + "remembered", store.count())
        except sqlite3.Error as exc:
            run = CrawlRun.of(self.crawler)
            if run is not None:
                run.write_errors.append(f"state could not record the failures: {exc}")


def failure_paths(run: CrawlRun) -> list[Path]:
    """``<output>.failures.ndjson`` beside each output of the run."""
    return [o.path.with_name(o.path.name + SUFFIX) for o in run.outputs.values()]


def write_lines(path: Path, lines: list[dict[str, Any]]) -> None:
    """JSON Lines written atomically: a temporary name, fsync, rename."""
    temp = path.with_name(f".{path.name}.{os.getpid()}{TEMP_SUFFIX}")
    try:
        with temp.open("w", encoding="utf-8") as out:
            for line in lines:
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except OSError:
        temp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def summarize(stats: Mapping[str, Any], crawler: Crawler) -> dict[str, Any]:
    """The failures part of the run summary: URLs given up on by reason, the files that
    list them, and what the state remembers (retried, resolved, dropped, remembered)."""
    return {
        "by_reason": prefixed(stats, STATS),
        "files": [str(path) for path in FailureLog.of(crawler).files],
        **prefixed(stats, LIFECYCLE),
    }


# -- what the state remembers -----------------------------------------------------------

_SCHEMA = """
CREATE TABLE IF NOT EXISTS failures (
    url TEXT PRIMARY KEY,
    reason TEXT NOT NULL,
    status INTEGER,
    exception TEXT,
    attempts INTEGER NOT NULL,
    runs INTEGER NOT NULL,
    first_attempt TEXT NOT NULL,
    last_attempt TEXT NOT NULL,
    callback TEXT,
    cb_kwargs TEXT NOT NULL
);
"""


class FailureStore:
    """The URLs still failing, in the site's state file (next to what was written)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.db.executescript(_SCHEMA)

    def merge(self, entry: FailureEntry) -> None:
        """Add this run's failure; a URL that failed before keeps its first attempt and
        counts one more run."""
        row = self.db.execute(
            "SELECT runs, first_attempt FROM failures WHERE url = ?", (entry.url,)
        ).fetchone()
        if row is not None:
            entry.runs = int(row[0]) + 1
            entry.first_attempt = min(str(row[1]), entry.first_attempt)
        if not entry.retry:
            self.forget(entry.url)
            return
        self.db.execute(
            "INSERT OR REPLACE INTO failures (url, reason, status, exception, attempts, runs,"
            " first_attempt, last_attempt, callback, cb_kwargs)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                entry.url,
                entry.reason,
                entry.status,
                entry.exception,
                entry.attempts,
                entry.runs,
                entry.first_attempt,
                entry.last_attempt,
                entry.callback,
                json.dumps(entry.cb_kwargs),
            ),
        )

    def forget(self, url: str) -> None:
        self.db.execute("DELETE FROM failures WHERE url = ?", (url,))

    def resolve(self, answered: set[str]) -> int:
        """Forget the URLs that answered this time; how many were remembered."""
        rows = self.db.execute("SELECT url FROM failures").fetchall()
        done = [str(r[0]) for r in rows if r[0] in answered]
        for url in done:
            self.forget(url)
        return len(done)

    def count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM failures").fetchone()[0])

    def retry_requests(self, spider: Any) -> list[Request]:
        """A request per remembered URL, read by the spider method that failed on it."""
        rows = self.db.execute("SELECT url, callback, cb_kwargs FROM failures ORDER BY url")
        requests = []
        for url, callback, cb_kwargs in rows.fetchall():
            method = getattr(spider, callback, None) if callback else None
            requests.append(
                Request(
                    url,
                    callback=method,
                    cb_kwargs=json.loads(cb_kwargs) if method else {},
                    errback=getattr(spider, "fetch_failed", None),
                    meta={RETRY_OF_FAILURE: True},
                )
            )
        return requests
