"""The hostile web: bad input, faults and attacks survived, recorded, nothing lost.

Every case is a real ``scrapy crawl`` against the misbehaving mirror on loopback
(:mod:`tests.hostile_site`, :mod:`newscrawl.mirror_faults`). Cases that do not interfere
share one crawl (``hostile``: the yemenshabab_ar mirror with ~50 broken pages, failure
routes and links to private addresses); robots.txt, feeds, output faults and the retries of
later runs need crawls of their own. Each case checks what it must: the log line, the stats
counter, the failures file where it applies, the crawl going on, and the output valid
against the schema.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from newscrawl import faults, schema
from newscrawl import mirror_faults as fault
from newscrawl import settings as project
from newscrawl.mirror import MirrorServer, load_sites
from newscrawl.runs import crawl_env
from tests import hostile_site as hs
from tests.conftest import FAST
from tests.hostile_components import EXTRACTION_ERROR, PIPELINE_ERROR

SITE = hs.SITE
NOW = {"NEWSCRAWL_NOW": "2026-02-02T09:00:00+00:00"}
BODY = "\n\n".join(hs.GOOD["paragraphs"])
AUTH = "Basic YXJjaGl2ZTpzM2NyZXQ="  # archive:s3cret, as an operator would configure it
COOKIE = "session=s3cret"
# Quick retries and timeouts: the behaviour, not the default durations, is under test.
QUICK = {
    "DOWNLOAD_TIMEOUT": "2",
    "NEWSCRAWL_RETRY_BACKOFF_BASE": "0.2",
    "NEWSCRAWL_RETRY_BACKOFF_MAX": "1",
    "NEWSCRAWL_RETRY_AFTER_MAX": "5",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
}


@dataclass
class Run:
    returncode: int
    log: str
    folder: Path
    stats: dict[str, Any]
    origin: str
    requested: list[str] = field(default_factory=list)  # targets the mirror saw
    timings: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def summary(self) -> dict[str, Any]:
        path = next((self.folder / "state").glob("*.last-run.json"))
        return json.loads(path.read_text("utf-8"))

    @property
    def records(self) -> list[dict[str, Any]]:
        return [json.loads(line) for path in self.outputs() for line in _lines(path)]

    @property
    def failures(self) -> list[dict[str, Any]]:
        """This run's failures file (a folder may hold earlier runs' too)."""
        files = [self.folder / path for path in self.summary["failures"]["files"]]
        return [json.loads(line) for path in files for line in _lines(path)]

    def outputs(self) -> list[Path]:
        return sorted((self.folder / "data" / SITE).glob("*.jsonl"))

    def articles(self) -> dict[str, dict[str, Any]]:
        """Article records by request target."""
        return {urlsplit(r["url"]).path: r for r in self.records if r["type"] == "article"}

    def failure(self, url_or_name: str) -> dict[str, Any]:
        url = url_or_name if "://" in url_or_name else self.origin + hs.path(url_or_name)
        found = [f for f in self.failures if f["url"] == url]
        assert len(found) == 1, f"{url}: {len(found)} lines in the failures file"
        return found[0]

    def hits(self, name: str) -> int:
        return sum(1 for target in self.requested if target.split("?")[0] == hs.path(name))

    def gaps(self, name: str) -> list[float]:
        times = [float(entry["at"]) for entry in self.timings[name]]
        return [b - a for a, b in itertools.pairwise(times)]

    def stat(self, key: str) -> int:
        return int(self.stats.get(key, 0))

    def logged(self, pattern: str) -> bool:
        return re.search(pattern, self.log) is not None


def _lines(path: Path) -> list[str]:
    text = path.read_text("utf-8")
    assert not text or text.endswith("\n"), f"{path.name}: last line not terminated"
    return text.splitlines()


def scrapy_crawl(
    folder: Path, origin: str, *args: str, env: dict[str, str] | None = None, **settings: str
) -> tuple[int, str, dict[str, Any]]:
    """``scrapy crawl yemenshabab_ar -a base_url=ORIGIN`` in ``folder``, as cron runs it."""
    folder.mkdir(parents=True, exist_ok=True)
    stats_file = folder / f"stats-{time.monotonic_ns()}.json"
    sets = {**FAST, **NOW, **QUICK, "NEWSCRAWL_STATS_FILE": str(stats_file), **settings}
    command = [sys.executable, "-m", "scrapy", "crawl", SITE, "-a", f"base_url={origin}"]
    command += [*args, *[x for k, v in sets.items() for x in ("-s", f"{k}={v}")]]
    # PYTHONPATH: the test-only components (tests.hostile_components) from any folder.
    environ = crawl_env(PYTHONWARNINGS="error", PYTHONPATH=str(hs.REPO), **(env or {}))
    proc = _run(command, folder, environ)
    stats = json.loads(stats_file.read_text("utf-8")) if stats_file.exists() else {}
    stats_file.with_suffix(".log").write_text(proc.stderr, "utf-8")  # to read after a failure
    return proc.returncode, proc.stderr, stats


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> Any:
    import subprocess

    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, timeout=300)


def crawl(server: MirrorServer, folder: Path, *args: str, **settings: str) -> Run:
    origin = f"http://localhost:{server.url(SITE).rsplit(':', 1)[1]}"
    before = len(server.requests[SITE])
    code, log, stats = scrapy_crawl(folder, origin, *args, **settings)
    return Run(code, log, folder, stats, origin, server.requests[SITE][before:])


# -- the hostile site, crawled once -----------------------------------------------------

PAGES: dict[str, Callable[[], bytes | tuple[bytes, str]]] = {
    "truncated": hs.truncated,
    "unclosed": hs.unclosed,
    "no-body": hs.no_body,
    "nested": lambda: hs.nested(450_000),
    "ticker-only": hs.ticker_only,
    "empty-body": hs.empty_body,
    "two-h1": hs.two_h1,
    "mislabelled": hs.mislabelled,
    "undeclared": hs.undeclared,
    "bom-conflict": hs.bom_conflict,
    "invalid-bytes": hs.invalid_bytes,
    "bidi": lambda: hs.bidi("bidi", hs.BIDI),
    "bidi-more": lambda: hs.bidi("bidi-more", hs.MORE_BIDI),
}
# Pages served normally behind a failure route (what a retry finally gets, or what a slow or
# broken transfer carries), and the pages our own code fails on.
PLAIN = [
    "rate-limited",
    "unavailable-then-ok",
    "timeout",
    "slow-drip",
    "reset",
    "broken-chunked",
    "tracked",
    "extraction-error",
    "pipeline-error",
]
TIMED = ["rate-limited", "rate-limited-long", "server-error", "unavailable-then-ok"]
UNSAFE_LINKS = {  # name -> URL template ({mirror}: the mirror's port, {internal}: a service)
    "10/8": "http://10.0.0.1/ar/sections/NEWS/Local/private-10",
    "172.16/12": "http://172.16.5.4/ar/sections/NEWS/Local/private-172",
    "192.168/16": "http://192.168.1.1/ar/sections/NEWS/Local/private-192",
    "metadata": "http://169.254.169.254/ar/sections/NEWS/Local/metadata",
    "::1": "http://[::1]:{mirror}/ar/sections/NEWS/Local/ipv6-loopback",
    "127/8": "http://127.0.0.2:{mirror}/ar/sections/NEWS/Local/loopback-2",
    "loopback port": "http://127.0.0.1:{internal}/ar/sections/NEWS/Local/internal-service",
    "name to loopback": "http://localhost:{internal}/ar/sections/NEWS/Local/by-name",
}
LINKED = [
    *PAGES,
    *PLAIN,
    "http-404",
    "http-410",
    "rate-limited-long",
    "server-error",
    "dropped",
    "redirect-loop-a",
    "redirect-chain",
    "redirect-offsite",
    "redirect-metadata",
    "redirect-internal",
    "redirect-credentials",
    "too-large",
    "too-large-stream",
    "gzip-bomb",
    "day-100",
]
TRACKED = ["?utm_source=facebook&utm_medium=social", "?fbclid=IwAR0xyz", ";jsessionid=ABC123"]


def hostile_routes(
    server: MirrorServer, internal: hs.Recorder, landing: hs.Recorder, timings: dict[str, Any]
) -> None:
    for name, build in PAGES.items():
        page = build()
        body, ctype = page if isinstance(page, tuple) else (page, hs.HTML)
        server.override(SITE, hs.path(name), body, ctype)
    for name in PLAIN:
        server.override(SITE, hs.path(name), hs.article(name).encode(), hs.HTML)
    timings.update({name: [] for name in TIMED})
    timings["credentials"], timings["home"] = [], []
    landing_url = f"http://localhost:{landing.port}/ar/sections/NEWS/Local/landing"
    routes = {
        "/ar": fault.recording(timings["home"], fault.serve(headers={"Set-Cookie": COOKIE})),
        hs.path("http-404"): fault.status(404),
        hs.path("http-410"): fault.status(410),
        hs.path("rate-limited"): fault.flaky(1, fault.retry_after(1)),
        hs.path("rate-limited-long"): fault.retry_after(3600),
        hs.path("server-error"): fault.status(500),
        hs.path("unavailable-then-ok"): fault.flaky(2, fault.status(503)),
        hs.path("timeout"): fault.delay(5),
        hs.path("slow-drip"): fault.slow_drip(0.25, 256),
        hs.path("reset"): fault.reset_mid_body(),
        hs.path("dropped"): fault.drop(),
        hs.path("broken-chunked"): fault.broken_chunked(),
        hs.path("redirect-loop-a"): fault.redirect(hs.path("redirect-loop-b")),
        hs.path("redirect-loop-b"): fault.redirect(hs.path("redirect-loop-a")),
        hs.path("redirect-offsite"): fault.redirect("https://evil.example/ar/sections/NEWS/x/y"),
        hs.path("redirect-metadata"): fault.redirect("http://169.254.169.254/latest/meta-data/"),
        hs.path("redirect-internal"): fault.redirect(f"{internal.origin}/admin"),
        hs.path("redirect-credentials"): fault.recording(
            timings["credentials"], fault.redirect(landing_url)
        ),
        hs.path("too-large"): fault.big_body(10 * hs.MB),
        hs.path("too-large-stream"): fault.big_body(10 * hs.MB, with_length=False),
        hs.path("gzip-bomb"): fault.gzip_bomb(64 * hs.MB),
    }
    for name in TIMED:  # arrival times of these, to measure the waits between attempts
        routes[hs.path(name)] = fault.recording(timings[name], routes[hs.path(name)])
    patterns = {
        r"hostile-redirect-chain": hs.endless_chain,
        r"^/ar/sections/NEWS/Files\?page=\d+$": hs.endless_listing,
        r"hostile-day-\d+$": hs.calendar_day,
    }
    hs.install(server, routes, patterns)
    mirror_port = server.url(SITE).rsplit(":", 1)[1]
    unsafe = [u.format(mirror=mirror_port, internal=internal.port) for u in UNSAFE_LINKS.values()]
    links = [hs.REAL + hs.path(name) for name in LINKED]
    links += [hs.REAL + hs.path("tracked") + suffix for suffix in TRACKED]
    links += [*unsafe, "https://www.yemenshabab.net/rss"]  # the feed lists itself too
    server.override(SITE, "/rss", hs.rss(links), "application/rss+xml; charset=utf-8")


def merged(name: str, extra: dict[str, int]) -> str:
    return json.dumps({**getattr(project, name), **extra})


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    with (
        MirrorServer(load_sites([SITE])) as server,
        hs.recorder() as internal,
        hs.recorder() as landing,
    ):
        timings: dict[str, Any] = {}
        hostile_routes(server, internal, landing, timings)
        started = time.monotonic()
        run = crawl(
            server,
            tmp_path_factory.mktemp("hostile"),
            DOWNLOAD_MAXSIZE=str(8 * hs.MB),
            NEWSCRAWL_MAX_LISTING_PAGES="4",
            NEWSCRAWL_ALLOWED_PRIVATE_ORIGINS=f"http://localhost:{landing.port}",
            DEFAULT_REQUEST_HEADERS=json.dumps(
                {"Authorization": AUTH, "Accept": "text/html,*/*", "Accept-Language": "ar"}
            ),
            ITEM_PIPELINES=merged(
                "ITEM_PIPELINES", {"tests.hostile_components.ExplodingPipeline": 850}
            ),
            SPIDER_MIDDLEWARES=merged(
                "SPIDER_MIDDLEWARES", {"tests.hostile_components.ExplodingExtraction": 990}
            ),
        )
        run.timings = timings
        run.extra = {
            "internal": list(internal.log),
            "internal_port": internal.port,
            "landing": list(landing.log),
            "seconds": time.monotonic() - started,
        }
        yield run


def test_the_crawl_goes_on_and_every_output_is_valid(hostile: Run) -> None:
    assert hostile.stats.get("finish_reason") == "finished", hostile.log[-3000:]
    assert hostile.returncode in (0, 1), hostile.log[-3000:]  # 1: the site failed a lot
    good = {path for path in hs.TRUTH["articles"] if "/archive/" not in path}
    assert good <= set(hostile.articles()), "every good article is written"
    invalid = [(r.get("url"), schema.errors(r)) for r in hostile.records if schema.errors(r)]
    assert not invalid
    [output] = hostile.outputs()
    failures_file = output.with_name(output.name + ".failures.ndjson")
    assert failures_file.exists(), "the failures file is beside the output"
    assert not list(output.parent.glob(".*")), "no temporary file left behind"
    lines = hostile.failures
    keys = {"url", "reason", "status", "attempts", "first_attempt", "last_attempt", "exception"}
    assert all(keys <= set(line) for line in lines)
    assert len({line["url"] for line in lines}) == len(lines), "one line per URL"
    by_reason = Counter(line["reason"] for line in lines)
    assert hostile.summary["failures"]["by_reason"] == dict(sorted(by_reason.items()))
    assert [hostile.folder / p for p in hostile.summary["failures"]["files"]] == [failures_file]


# -- each case --------------------------------------------------------------------------


def article_ok(run: Run, name: str, body: str | None = BODY) -> dict[str, Any]:
    record = run.articles().get(hs.path(name))
    assert record is not None, f"{name}: no article written"
    assert record["title"] == hs.title(name)
    assert record["published_date"] == hs.GOOD["published_date"]
    assert record["section"] == hs.GOOD["section"]
    if body is not None:
        assert record["body"] == body
    return record


def noted(run: Run, key: str, words: str) -> None:
    assert run.stat(f"newscrawl/{key}") >= 1, key
    assert run.logged(rf"{re.escape(words)}.*\(first seen; counted in newscrawl/{key}\)"), key


def failed(run: Run, name: str, reason: str, attempts: int | None = None) -> dict[str, Any]:
    line = run.failure(name)
    assert line["reason"] == reason, line
    if attempts is not None:
        assert line["attempts"] == attempts, line
    assert run.stat(f"newscrawl/failures/{reason}") >= 1
    url = re.escape(line["url"])
    assert run.logged(rf"gave up on {url}.*: {reason} "), f"no log line for {name}"
    return line


def no_article(run: Run, name: str) -> None:
    assert hs.path(name) not in run.articles()


CASES: dict[str, Callable[[Run], None]] = {}
XFAIL: dict[str, str] = {}


def case(name: str, xfail: str | None = None) -> Callable[[Callable[[Run], None]], None]:
    def register(check: Callable[[Run], None]) -> None:
        CASES[name] = check
        if xfail:
            XFAIL[name] = xfail

    return register


@case("markup: truncated HTML")
def _(run: Run) -> None:
    record = article_ok(run, "truncated", body=None)
    first, rest = record["body"].split("\n\n")  # the page ends in its second paragraph
    assert first == hs.GOOD["paragraphs"][0] and hs.GOOD["paragraphs"][1].startswith(rest)
    noted(run, "markup/truncated", "page cut short")


@case("markup: unclosed tags")
def _(run: Run) -> None:
    article_ok(run, "unclosed")
    noted(run, "markup/unclosed", "page with unclosed elements")


@case("markup: no <body>")
def _(run: Run) -> None:
    article_ok(run, "no-body")
    noted(run, "markup/no_body", "page without <body>")


@case("markup: 5 MB of nested divs")
def _(run: Run) -> None:
    no_article(run, "nested")
    line = failed(run, "nested", "markup_too_deep")
    assert "450" in line["detail"]
    noted(run, "markup/too_deep", "markup nested too deep")


@case("markup: a page that is only the ticker")
def _(run: Run) -> None:
    no_article(run, "ticker-only")
    assert run.stat("newscrawl/page/not_article") >= 1
    assert run.logged(r"no article found on \S+hostile-ticker-only")


@case("markup: an article with an empty body (written, valid)")
def _(run: Run) -> None:
    article_ok(run, "empty-body", body=None)


@case("markup: an article with an empty body (body empty, counted, logged)")
def _(run: Run) -> None:
    assert run.articles()[hs.path("empty-body")]["body"] == ""
    assert run.stat("newscrawl/empty/body") >= 1
    noted(run, "article/empty_body", "article with an empty body")


@case("markup: two <h1>")
def _(run: Run) -> None:
    article_ok(run, "two-h1")
    noted(run, "markup/multiple_h1", "page with more than one <h1>")


@case("encoding: labelled UTF-8, is windows-1256")
def _(run: Run) -> None:
    article_ok(run, "mislabelled")
    noted(run, "encoding/mislabelled", "page not in the charset it declares")


@case("encoding: no charset anywhere")
def _(run: Run) -> None:
    article_ok(run, "undeclared")
    noted(run, "encoding/undeclared", "page declares no charset")


@case("encoding: a BOM that contradicts the header")
def _(run: Run) -> None:
    article_ok(run, "bom-conflict")
    noted(run, "encoding/bom_conflict", "byte-order mark contradicts")


@case("encoding: invalid byte sequences")
def _(run: Run) -> None:
    record = article_ok(run, "invalid-bytes", body=None)
    for paragraph in hs.GOOD["paragraphs"][:-1]:
        assert paragraph in record["body"]
    noted(run, "encoding/invalid_bytes", "invalid byte sequences")


@case("encoding: bidi controls and zero-width characters stripped from titles")
def _(run: Run) -> None:
    article_ok(run, "bidi")
    noted(run, "markup/invisible_marks", "bidi or zero-width characters in a headline")


@case("encoding: U+061C (Arabic letter mark) and U+2060 (word joiner) stripped from titles")
def _(run: Run) -> None:
    assert run.articles()[hs.path("bidi-more")]["title"] == hs.title("bidi-more")


@case("transport: 404 not retried")
def _(run: Run) -> None:
    line = failed(run, "http-404", "http_404", attempts=1)
    assert line["status"] == 404 and line["retry"] is False
    assert run.hits("http-404") == 1


@case("transport: 410 not retried")
def _(run: Run) -> None:
    line = failed(run, "http-410", "http_410", attempts=1)
    assert line["status"] == 410 and line["retry"] is False
    assert run.hits("http-410") == 1


@case("transport: 429 with Retry-After honoured")
def _(run: Run) -> None:
    article_ok(run, "rate-limited")
    assert run.hits("rate-limited") == 2
    [gap] = run.gaps("rate-limited")
    assert gap >= 1.0, f"retried after {gap:.2f} s, Retry-After said 1"
    assert run.stat("newscrawl/retry/retry_after_honoured") >= 1
    assert run.logged(r"HTTP 429 asked to wait 1\.0 s \(Retry-After\): retrying \S+rate-limited")


@case("transport: 429 asking too long a wait: recorded at once for the next run")
def _(run: Run) -> None:
    line = failed(run, "rate-limited-long", "http_429", attempts=1)
    assert "Retry-After 3600 s" in line["detail"] and line["retry"] is True
    assert run.hits("rate-limited-long") == 1
    assert run.stat("newscrawl/retry/retry_after_too_long") == 1


@case("transport: 500 storm retried with exponential backoff and jitter, then recorded")
def _(run: Run) -> None:
    line = failed(run, "server-error", "http_500", attempts=3)
    assert line["status"] == 500 and line["retry"] is True
    assert run.hits("server-error") == 3
    first, second = run.gaps("server-error")
    # Base 0.2 s: at least 0.1 s, then at least 0.2 s (equal jitter), plus the time the
    # retry waits in the queue behind the slow routes; Scrapy alone re-sends at once.
    assert first >= 0.1 and second >= 0.2, (first, second)
    assert run.logged(r"Gave up retrying <GET \S+hostile-server-error> \(failed 3 times\)")


@case("transport: 503 twice, then the page (backoff between)")
def _(run: Run) -> None:
    article_ok(run, "unavailable-then-ok")
    assert run.hits("unavailable-then-ok") == 3
    first, second = run.gaps("unavailable-then-ok")
    assert first >= 0.1 and second >= 0.2
    assert run.stat("newscrawl/retry/delayed") >= 4


@case("transport: timeout")
def _(run: Run) -> None:
    line = failed(run, "timeout", "timeout", attempts=3)
    assert "TimeoutError" in line["exception"]
    assert run.hits("timeout") == 3


@case("transport: slow-drip body")
def _(run: Run) -> None:
    failed(run, "slow-drip", "timeout", attempts=3)


@case("transport: connection reset mid-body")
def _(run: Run) -> None:
    line = failed(run, "reset", "connection_lost", attempts=3)
    assert "_DataLoss" in line["exception"]


@case("transport: connection dropped before any answer")
def _(run: Run) -> None:
    failed(run, "dropped", "no_response", attempts=3)


@case("transport: broken chunked encoding")
def _(run: Run) -> None:
    failed(run, "broken-chunked", "broken_body", attempts=3)


@case("transport: redirect loop")
def _(run: Run) -> None:
    line = failed(run, "redirect-loop-a", "redirect_loop")
    assert line["detail"].endswith(hs.path("redirect-loop-a"))


@case("transport: endless redirect chain")
def _(run: Run) -> None:
    line = failed(run, "redirect-chain", "redirect_loop")
    assert "max redirections" in line["detail"]
    assert run.hits("redirect-chain") <= 21  # REDIRECT_MAX_TIMES (20) + 1


@case("transport: redirect to another domain")
def _(run: Run) -> None:
    line = failed(run, "redirect-offsite", "offsite_redirect")
    assert "evil.example" in line["detail"] and line["retry"] is False


@case("size: a body over DOWNLOAD_MAXSIZE (announced)")
def _(run: Run) -> None:
    failed(run, "too-large", "too_large", attempts=1)
    # Scrapy's own line (the URL before the sizes up to 2.14, after them since)
    assert run.logged(
        r"Cancelling download of \S+too-large: expected response size \(\d+\) larger than"
        r" download max size \(8388608\)|larger than download max size \(8388608\) in request"
        r" <GET \S+too-large>"
    )


@case("size: a body over DOWNLOAD_MAXSIZE (streamed, no Content-Length)")
def _(run: Run) -> None:
    failed(run, "too-large-stream", "too_large", attempts=1)
    assert run.logged(r"larger than download max size \(8388608\) in request <GET \S+too-large-st")


@case("size: a gzip bomb")
def _(run: Run) -> None:
    failed(run, "gzip-bomb", "decompression_bomb", attempts=1)
    assert run.logged(r"exceeded DOWNLOAD_MAXSIZE \(8388608 B\) during decompression")


@case("traps: endless pagination")
def _(run: Run) -> None:
    pages = [t for t in run.requested if t.startswith("/ar/sections/NEWS/Files?page=")]
    assert sorted(pages) == [f"/ar/sections/NEWS/Files?page={n}" for n in (2, 3, 4)]
    assert run.stat("newscrawl/listing/page_limit") == 1
    assert run.logged(r"not following page 5 \(NEWSCRAWL_MAX_LISTING_PAGES 4\)")


@case("traps: endless calendar")
def _(run: Run) -> None:
    days = [t for t in run.requested if "hostile-day-" in t]
    assert 1 <= len(days) <= 4, days  # DEPTH_LIMIT 4 ends it
    assert run.stat("newscrawl/traps/depth_limit") >= 1
    assert run.logged(r"not following \S+hostile-day-\d+: DEPTH_LIMIT 4 reached")


@case("traps: tracking and session parameters (one article, one record)")
def _(run: Run) -> None:
    assert run.hits("tracked") == 1
    assert [t for t in run.requested if "tracked" in t] == [hs.path("tracked")]
    tracked = [r for r in run.records if r["type"] == "article" and "tracked" in r["url"]]
    assert [r["url"] for r in tracked] == [run.origin + hs.path("tracked")]
    assert run.stat("newscrawl/urls/tracking_removed") == len(TRACKED)
    assert run.logged(r"tracking or session parameters removed: \S+utm_source")


@case("feeds: a feed that lists itself")
def _(run: Run) -> None:
    assert run.requested.count("/rss") == 1
    assert run.stat("newscrawl/feed/self_reference") == 1
    assert run.logged(r"feed \S+/rss lists itself: not read again")


@case("network safety: links to private addresses refused")
def _(run: Run) -> None:
    mirror_port = run.origin.rsplit(":", 1)[1]
    internal = run.extra["internal"]
    for name, template in UNSAFE_LINKS.items():
        url = template.format(mirror=mirror_port, internal=run.extra["internal_port"])
        line = run.failure(url)
        assert line["reason"] == "unsafe_address" and line["retry"] is False, name
        assert line["attempts"] == 0, name
    assert not internal, f"a private service was reached: {internal}"
    assert run.stat("newscrawl/safety/refused") >= len(UNSAFE_LINKS)
    assert run.logged(r"refused http://10\.0\.0\.1/\S+: 10\.0\.0\.1:80 is not a public address")


@case("network safety: a name that resolves to 127.0.0.1 is loopback")
def _(run: Run) -> None:
    [line] = [f for f in run.failures if f["url"].endswith("/by-name")]
    assert line["reason"] == "unsafe_address" and "(127.0.0.1)" in line["detail"]


@case("network safety: redirects to metadata and internal addresses refused")
def _(run: Run) -> None:
    line = failed(run, "redirect-metadata", "unsafe_address")
    assert "169.254.169.254" in line["detail"]
    failed(run, "redirect-internal", "unsafe_address")
    assert not run.extra["internal"]


@case("network safety: cookies and authorization never follow a redirect to another host")
def _(run: Run) -> None:
    [asked] = run.timings["credentials"]
    assert asked["authorization"] == AUTH and COOKIE in asked.get("cookie", ""), asked
    [landed] = [r for r in run.extra["landing"] if r["path"].endswith("/landing")]
    assert "authorization" not in landed and "cookie" not in landed, landed
    assert run.stat("newscrawl/safety/credentials_removed") >= 1
    assert run.logged(r"redirect from \S+hostile-redirect-credentials to another origin")


@case("our code: an exception in extraction")
def _(run: Run) -> None:
    line = failed(run, EXTRACTION_ERROR.removeprefix("hostile-"), "extraction_error")
    assert line["exception"] == "RuntimeError" and line["retry"] is True
    assert run.stat("spider_exceptions/RuntimeError") == 1  # Scrapy's own count, too
    no_article(run, EXTRACTION_ERROR.removeprefix("hostile-"))


@case("our code: an exception in a pipeline (Scrapy counts it nowhere)")
def _(run: Run) -> None:
    name = PIPELINE_ERROR.removeprefix("hostile-")
    line = failed(run, name, "pipeline_error")
    assert line["exception"] == "RuntimeError" and "article record lost" in line["detail"]
    no_article(run, name)
    scrapy_keys = [k for k in run.stats if not k.startswith("newscrawl/")]
    assert not [k for k in scrapy_keys if "error" in k and "item" in k], "Scrapy counts it now?"


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=XFAIL[name]))
        if name in XFAIL
        else name
        for name in CASES
    ],
)
def test_case(hostile: Run, name: str) -> None:
    CASES[name](hostile)


# -- robots.txt and feeds: one origin per robots.txt -------------------------------------


@pytest.fixture(scope="module")
def mirror() -> Iterator[MirrorServer]:
    with MirrorServer(load_sites([SITE])) as server:
        yield server


@pytest.fixture
def site(mirror: MirrorServer) -> Iterator[MirrorServer]:
    yield mirror
    mirror.reset(SITE)


FEED = "application/rss+xml; charset=utf-8"


def good(run: Run) -> bool:
    """Every article of the mirror but the archived one (robots.txt keeps us out) written."""
    return {p for p in hs.TRUTH["articles"] if "/archive/" not in p} <= set(run.articles())


def test_robots_5xx_means_disallow_for_now(site: MirrorServer, tmp_path: Path) -> None:
    site.misbehave(SITE, "/robots.txt", fault.status(503))
    run = crawl(site, tmp_path)
    assert set(run.requested) == {"/robots.txt"}, "nothing but robots.txt was fetched"
    assert len(run.requested) == 3  # with its retries
    assert run.stat("newscrawl/robots/unreachable") == 1
    assert run.logged(r"robots\.txt of localhost:\d+ unreachable \(HTTP 503\): nothing fetched")
    home = run.failure(run.origin + "/ar")
    assert home["reason"] == "robots_unavailable" and home["retry"] is True
    assert run.summary["failures"]["remembered"] >= 1, "the next run fetches them"


def test_robots_unreachable_means_disallow_and_a_failures_file_that_cannot_be_written_is_74(
    site: MirrorServer, tmp_path: Path
) -> None:
    site.misbehave(SITE, "/robots.txt", fault.drop())
    (tmp_path / "out.jsonl.failures.ndjson").mkdir(parents=True)  # stands where it goes
    run = crawl(site, tmp_path, "-O", "out.jsonl")
    assert set(run.requested) == {"/robots.txt"}
    assert run.logged(r"robots\.txt of localhost:\d+ unreachable \((\w+\()?ResponseNeverReceived")
    assert run.returncode == 74, run.log[-3000:]
    assert run.summary["reason"].startswith("failures file")


def test_robots_4xx_allows_and_an_external_entity_in_the_feed_is_never_read(
    site: MirrorServer, tmp_path: Path
) -> None:
    site.misbehave(SITE, "/robots.txt", fault.status(404, b"Disallow: /"))
    with hs.recorder() as internal:
        xxe = (
            '<?xml version="1.0"?>\n<!DOCTYPE rss [\n'
            '<!ENTITY passwd SYSTEM "file:///etc/passwd">\n'
            f'<!ENTITY remote SYSTEM "{internal.origin}/xxe">\n]>\n'
            "<rss><channel><title>&passwd;&remote;</title><item><title>&passwd;</title>"
            "<link>https://yemenshabab.net/ar/sections/NEWS/Local/xxe</link></item>"
            "</channel></rss>"
        )
        site.override(SITE, "/rss", xxe.encode(), FEED)
        run = crawl(site, tmp_path)
        assert not internal.log, "the external entity was fetched"
    assert run.returncode == 0, run.log[-3000:]
    assert run.stat("newscrawl/robots/unavailable") == 1
    assert good(run)
    line = run.failure(run.origin + "/rss")
    assert line["reason"] == "unsafe_xml" and "EntitiesForbidden" in line["detail"]
    assert run.stat("newscrawl/feed/unsafe") == 1
    assert run.logged(r"refused feed \S+/rss: .*EntitiesForbidden")
    assert "root:" not in json.dumps(run.records)


def test_huge_robots_does_not_stall_and_a_billion_laughs_is_never_expanded(
    site: MirrorServer, tmp_path: Path
) -> None:
    rules = b"User-agent: *\nDisallow: /ar/sections/NEWS/Files/\n"
    filler = b"".join(b"Disallow: /junk/%d/\n" % i for i in range(300_000))  # ~6 MB
    site.override(SITE, "/robots.txt", rules + filler, "text/plain")
    lol = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">\n' for i in range(1, 10))
    bomb = (
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY lol0 "lol">\n{lol}]>\n'
        "<rss><channel><title>&lol9;</title></channel></rss>"
    )
    site.override(SITE, "/rss", bomb.encode(), FEED)
    started = time.monotonic()
    run = crawl(site, tmp_path)
    assert time.monotonic() - started < 60
    assert run.returncode == 0, run.log[-3000:]
    assert run.stat("newscrawl/robots/truncated") == 1
    assert run.logged(r"robots\.txt of localhost:\d+ is \d+ bytes: only the first \d+ read")
    assert not [t for t in run.requested if t.startswith("/ar/sections/NEWS/Files/")]
    assert any(p.startswith("/ar/sections/NEWS/Local/") for p in run.articles())
    assert run.failure(run.origin + "/rss")["reason"] == "unsafe_xml"


def test_malformed_robots_and_malformed_feed(site: MirrorServer, tmp_path: Path) -> None:
    site.override(SITE, "/robots.txt", bytes(range(256)) * 64, "text/plain")
    feed = (hs.ROOT / "rss.xml").read_bytes()
    site.override(SITE, "/rss", feed[: feed.rindex(b"</item>")], FEED)  # cut short
    run = crawl(site, tmp_path)
    assert run.returncode == 0, run.log[-3000:]
    assert run.stat("newscrawl/robots/malformed") == 1
    assert run.logged(r"robots\.txt of localhost:\d+ is not a robots\.txt")
    assert run.stat("newscrawl/feed/malformed") == 1
    assert run.logged(r"malformed feed \S+/rss")
    assert good(run)
    assert not run.failures


# -- what is given up on is retried by the next runs -----------------------------------


def test_the_next_runs_retry_what_failed_and_drop_it_after_n_runs(
    site: MirrorServer, tmp_path: Path
) -> None:
    later, never = hs.path("fixed-later"), hs.path("never-fixed")
    site.override(SITE, "/rss", hs.rss([hs.REAL + later, hs.REAL + never]), FEED)
    site.misbehave(SITE, later, fault.status(503))
    site.misbehave(SITE, never, fault.status(500))
    limit = {"NEWSCRAWL_MAX_FAILURE_ATTEMPTS": "2", "RETRY_TIMES": "0"}
    first = crawl(site, tmp_path, **limit)
    assert {f["url"].removeprefix(first.origin) for f in first.failures} == {later, never}
    assert all(f["runs"] == 1 and f["retry"] for f in first.failures)
    assert first.summary["failures"]["remembered"] == 2

    # The feed moved on: only the state remembers them. One is fixed, the other is not.
    site.reset(SITE)
    site.override(SITE, later, hs.article("fixed-later").encode(), hs.HTML)
    site.misbehave(SITE, never, fault.status(500))
    second = crawl(site, tmp_path, **limit)
    assert second.logged(r"retrying 2 URL\(s\) that earlier runs gave up on")
    assert second.requested.count(later) == 1 and second.requested.count(never) == 1
    assert hs.path("fixed-later") in second.articles(), "written once it answered"
    line = second.failure(second.origin + never)
    assert line["runs"] == 2 and line["retry"] is False
    assert line["first_attempt"] == first.failure(first.origin + never)["first_attempt"]
    assert second.logged(r"dropping \S+never-fixed: 2 run\(s\) in a row gave up on it")
    assert second.summary["failures"] | {"by_reason": None, "files": None} == {
        "by_reason": None,
        "files": None,
        "retried": 2,
        "resolved": 1,
        "dropped": 1,
        "remembered": 0,
    }

    third = crawl(site, tmp_path, **limit)
    assert never not in third.requested, "dropped after NEWSCRAWL_MAX_FAILURE_ATTEMPTS runs"


# -- output faults ----------------------------------------------------------------------


def test_disk_full_exits_74_corrupts_nothing_and_the_next_run_loses_nothing(
    site: MirrorServer, tmp_path: Path
) -> None:
    first = crawl(site, tmp_path)
    assert first.returncode == 0, first.log[-3000:]
    [old] = first.outputs()
    before = hashlib.sha256(old.read_bytes()).hexdigest()
    # Two articles change, and the feed dates them anew: the next run writes them again.
    changed = [p for p in hs.TRUTH["articles"] if "/Local/" in p][:2]
    feed = site.page(SITE, "/rss").decode()
    for target in changed:
        page = site.page(SITE, target)
        first_paragraph = hs.TRUTH["articles"][target]["paragraphs"][0].encode()
        site.override(SITE, target, page.replace(first_paragraph, first_paragraph + b" (1)"))
        item = re.search(rf"<link>{re.escape(hs.REAL + target)}</link>.*?</item>", feed, re.S)
        assert item is not None
        redated = re.sub(
            r"<pubDate>[^<]*</pubDate>",
            "<pubDate>Sun, 01 Feb 2026 10:00:00 +0300</pubDate>",
            item.group(),
        )
        feed = feed.replace(item.group(), redated)
    site.override(SITE, "/rss", feed.encode(), FEED)

    env = {faults.ENV: "disk_full:2"}
    code, log, _ = scrapy_crawl(tmp_path, first.origin, env=env)
    assert code == 74, log[-3000:]
    assert "No space left on device" in log and "stopping the crawl" in log
    assert hashlib.sha256(old.read_bytes()).hexdigest() == before, "earlier output untouched"
    assert first.outputs() == [old], "no partial output published"
    assert list((tmp_path / "data" / SITE).glob(".*.part")), "the lines kept for recovery"

    rerun = crawl(site, tmp_path)
    assert rerun.returncode == 0, rerun.log[-3000:]
    versions = Counter((r["url"], r["version"]) for r in rerun.records if r["type"] == "article")
    assert max(versions.values()) == 1, "nothing twice"
    for target in changed:
        assert (rerun.origin + target, 2) in versions, "nothing lost"
    assert not list((tmp_path / "data" / SITE).glob(".*")), "no temporary file left behind"
