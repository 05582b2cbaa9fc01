"""Spider arguments are validated at start with a clear error (table-driven)."""

from __future__ import annotations

from datetime import date

import pytest
from scrapy.exceptions import UsageError

from newscrawl.spiders.args import CrawlArgs, parse_now

GOOD = [
    ({}, CrawlArgs()),
    ({"base_url": "http://127.0.0.1:8000"}, CrawlArgs(base_url="http://127.0.0.1:8000")),
    ({"base_url": "http://127.0.0.1:8000/"}, CrawlArgs(base_url="http://127.0.0.1:8000")),
    ({"base_url": "https://mirror.example.org"}, CrawlArgs(base_url="https://mirror.example.org")),
    ({"max_articles": "5"}, CrawlArgs(max_articles=5)),
    ({"since": "2024-12-01"}, CrawlArgs(since=date(2024, 12, 1))),
    (
        {"since": "2024-12-01", "until": "2024-12-01"},
        CrawlArgs(since=date(2024, 12, 1), until=date(2024, 12, 1)),
    ),
    ({"until": "2025-01-31"}, CrawlArgs(until=date(2025, 1, 31))),
]

BAD = [
    ({"base_url": "127.0.0.1:8000"}, "http(s) origin"),
    ({"base_url": "ftp://127.0.0.1"}, "http(s) origin"),
    ({"base_url": "http://127.0.0.1:8000/ar"}, "origin only"),
    ({"base_url": "http://127.0.0.1:8000/?x=1"}, "origin only"),
    ({"max_articles": "ten"}, "whole number"),
    ({"max_articles": "0"}, "whole number"),
    ({"max_articles": "-3"}, "whole number"),
    ({"max_articles": "2.5"}, "whole number"),
    ({"since": "2024-13-01"}, "YYYY-MM-DD"),
    ({"since": "01/12/2024"}, "YYYY-MM-DD"),
    ({"since": "yesterday"}, "YYYY-MM-DD"),
    ({"until": "2024-02-30"}, "YYYY-MM-DD"),
    ({"since": "2025-01-02", "until": "2025-01-01"}, "is after"),
]


@pytest.mark.parametrize(("kwargs", "expected"), GOOD, ids=[str(g[0]) for g in GOOD])
def test_good_arguments(kwargs: dict, expected: CrawlArgs) -> None:
    assert CrawlArgs.parse(**kwargs) == expected


@pytest.mark.parametrize(("kwargs", "message"), BAD, ids=[str(b[0]) for b in BAD])
def test_bad_arguments_fail_at_start_with_a_clear_message(kwargs: dict, message: str) -> None:
    with pytest.raises(UsageError, match=message.replace("(", r"\(").replace(")", r"\)")):
        CrawlArgs.parse(**kwargs)


WINDOW = [
    ("2024-12-11", None),
    ("2024-11-30", "before_since"),
    ("2025-01-01", "after_until"),
    ("2024-12-01", None),
    ("2024-12-31", None),
    (None, "undated"),
]


@pytest.mark.parametrize(("day", "reason"), WINDOW)
def test_window(day: str | None, reason: str | None) -> None:
    args = CrawlArgs.parse(since="2024-12-01", until="2024-12-31")
    assert args.in_window(day) == reason


def test_no_window_wants_everything_even_undated() -> None:
    assert CrawlArgs().in_window(None) is None


def test_now_setting() -> None:
    assert parse_now("2026-02-02T09:00:00+00:00").isoformat() == "2026-02-02T09:00:00+00:00"
    assert parse_now("2026-02-02T09:00:00").tzinfo is not None
    with pytest.raises(UsageError, match="ISO 8601"):
        parse_now("tomorrow")
