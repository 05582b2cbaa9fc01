"""The pure parts of newscrawl's defences, table-driven (the crawls are in test_hostile.py)."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import ConnectionRefusedError, TimeoutError
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed
from twisted.web.http import _DataLoss

from newscrawl.failures import classify, exception_name
from newscrawl.inspection import inspect_encoding, inspect_markup, nesting
from newscrawl.retry import backoff, parse_retry_after
from newscrawl.safety import is_public
from newscrawl.traps import clean_url

NOW = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("120", 120.0),
        (b" 5 ", 5.0),
        ("Mon, 02 Feb 2026 09:01:30 GMT", 90.0),
        ("Mon, 02 Feb 2026 08:00:00 GMT", 0.0),  # in the past: now
        ("soon", None),
        (None, None),
    ],
)
def test_retry_after(header: str | bytes | None, seconds: float | None) -> None:
    assert parse_retry_after(header, now=NOW) == seconds


@pytest.mark.parametrize("retry", [1, 2, 3, 4, 10])
def test_backoff_is_exponential_capped_and_jittered(retry: int) -> None:
    ceiling = min(30.0, 1.0 * 2 ** (retry - 1))
    waits = [backoff(retry, 1.0, 30.0, random.Random(seed)) for seed in range(50)]
    assert all(ceiling / 2 <= w <= ceiling for w in waits)
    assert len(set(waits)) > 1, "jitter"


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("2606:2800:220:1:248:1893:25c8:1946", True),
        ("127.0.0.1", False),
        ("127.8.9.10", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("172.31.255.254", False),
        ("192.168.0.1", False),
        ("169.254.169.254", False),  # cloud metadata
        ("100.100.100.200", False),  # carrier-grade NAT (and a cloud's metadata)
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("::1", False),
        ("fd00:ec2::254", False),  # a cloud's IPv6 metadata
        ("fe80::1", False),
        ("::ffff:127.0.0.1", False),  # IPv4-mapped loopback
    ],
)
def test_public_addresses(address: str, public: bool) -> None:
    assert is_public(address) is public


PATTERNS = ["utm_*", "fbclid", "gclid", "jsessionid", "phpsessid"]


@pytest.mark.parametrize(
    ("url", "clean"),
    [
        ("https://x.net/a?utm_source=fb&utm_medium=s", "https://x.net/a"),
        ("https://x.net/a?id=3&fbclid=IwAR0&b=1", "https://x.net/a?id=3&b=1"),
        ("https://x.net/a?UTM_Campaign=x", "https://x.net/a"),
        ("https://x.net/a;jsessionid=ABC?x=1", "https://x.net/a?x=1"),
        (
            "https://x.net/news.php?lang=arabic&sid=2149&PHPSESSID=9",
            "https://x.net/news.php?lang=arabic&sid=2149",
        ),
        ("https://x.net/a?page=2", "https://x.net/a?page=2"),
        ("https://x.net/a?utm=1", "https://x.net/a?utm=1"),  # not a utm_ parameter
    ],
)
def test_tracking_parameters(url: str, clean: str) -> None:
    assert clean_url(url, PATTERNS) == clean


def test_nesting_counts_what_never_closes_itself() -> None:
    assert nesting(b"<div><p>a<p>b<li>c<br><img src=x></div>") == (1, 0)
    assert nesting(b"<div><span><b>x") == (3, 3)
    assert nesting(b"<script>'<div>'.repeat(9)</script><div></div>") == (1, 0)
    assert nesting(b"<div>" * 5000)[0] == 5000


@pytest.mark.parametrize(
    ("body", "found"),
    [
        (b"<html><body><h1>t</h1></body></html>", []),
        (b"<html><body><h1>t</h1><p>cut", ["truncated"]),
        (b"<html><h1>t</h1></html>", ["no_body"]),
        (b"<html><body><div><h1>t</h1></body></html>", ["unclosed"]),
        (b"<html><body><h1>a</h1><h1>b</h1></body></html>", ["multiple_h1"]),
        ("<html><body><h1>\u200fعنوان\u200f</h1></body></html>".encode(), ["invisible_marks"]),
    ],
)
def test_markup_findings(body: bytes, found: list[str]) -> None:
    assert inspect_markup(body).markup == found


ARABIC = "<html><body><p>خبر عاجل من صنعاء وعدن وتعز</p></body></html>"


@pytest.mark.parametrize(
    ("body", "content_type", "found"),
    [
        (ARABIC.encode(), "text/html; charset=utf-8", []),
        (ARABIC.encode("cp1256"), "text/html; charset=windows-1256", []),
        (ARABIC.encode("cp1256"), "text/html; charset=utf-8", ["mislabelled"]),
        (ARABIC.encode("cp1256"), "text/html", ["undeclared"]),
        (b"\xef\xbb\xbf" + ARABIC.encode(), "text/html; charset=windows-1256", ["bom_conflict"]),
        (
            ARABIC.encode().replace(b"<p>", b"<p>\xff"),
            "text/html; charset=utf-8",
            ["invalid_bytes"],
        ),
    ],
)
def test_encoding_findings(body: bytes, content_type: str, found: list[str]) -> None:
    assert inspect_encoding(body, content_type) == found


def _failure(exc: Exception, **meta: object) -> Failure:
    failure = Failure(exc)
    failure.request = Request("https://x.net/a", meta=meta)  # type: ignore[attr-defined]
    return failure


def test_classify() -> None:
    response = Response("https://x.net/a", status=503)
    assert classify(_failure(HttpError(response, "503"))) == ("http_503", 503, "HTTP 503")
    assert classify(_failure(TimeoutError()))[0] == "timeout"  # type: ignore[index]
    assert classify(_failure(ConnectionRefusedError()))[0] == "connection_refused"  # type: ignore[index]
    lost = ResponseFailed([Failure(_DataLoss())])
    assert classify(_failure(lost))[0] == "connection_lost"  # type: ignore[index]
    assert exception_name(lost) == "ResponseFailed(_DataLoss)"
    assert classify(_failure(IgnoreRequest("Forbidden by robots.txt"))) is None
    assert classify(_failure(IgnoreRequest("Filtered offsite request to 'x'"))) is None
    redirected = _failure(IgnoreRequest("Filtered offsite request"), redirect_urls=["https://y"])
    assert classify(redirected)[0] == "offsite_redirect"  # type: ignore[index]
    assert classify(_failure(IgnoreRequest("max redirections reached")))[0] == "redirect_loop"  # type: ignore[index]
