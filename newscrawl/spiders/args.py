"""Spider arguments (-a NAME=VALUE), validated once at start with a clear error."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

from scrapy.exceptions import UsageError

ARGUMENTS = ("base_url", "max_articles", "since", "until", "full")


@dataclass(frozen=True)
class CrawlArgs:
    base_url: str | None = None  # an origin to crawl instead of the real site (a mirror)
    max_articles: int | None = None  # emit at most this many articles
    since: date | None = None  # emit only articles published on or after (local date)
    until: date | None = None  # ... and on or before
    full: bool = False  # write every record found, as if the state were empty (still record)

    @classmethod
    def parse(
        cls,
        base_url: str | None = None,
        max_articles: str | int | None = None,
        since: str | None = None,
        until: str | None = None,
        full: str | bool | None = None,
        **unknown: object,
    ) -> CrawlArgs:
        # Names starting with "_" are the scheduler's (scrapyd passes _job), not ours.
        typos = sorted(name for name in unknown if not name.startswith("_"))
        if typos:
            raise UsageError(
                f"unknown spider argument(s) {', '.join(typos)}; known: {', '.join(ARGUMENTS)}",
                print_help=False,
            )
        args = cls(
            base_url=_origin(base_url) if base_url else None,
            max_articles=_positive_int("max_articles", max_articles),
            since=_iso_date("since", since),
            until=_iso_date("until", until),
            full=_flag("full", full),
        )
        if args.since and args.until and args.since > args.until:
            raise UsageError(f"since={args.since} is after until={args.until}", print_help=False)
        return args

    def in_window(self, published_date: str | None) -> str | None:
        """None when an article dated so is wanted, else the reason it is not."""
        if self.since is None and self.until is None:
            return None
        if not published_date:
            return "undated"
        day = date.fromisoformat(published_date)
        if self.since and day < self.since:
            return "before_since"
        if self.until and day > self.until:
            return "after_until"
        return None


def _origin(value: str) -> str:
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(
            f"base_url={value!r}: expected an http(s) origin like http://127.0.0.1:8000",
            print_help=False,
        )
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise UsageError(
            f"base_url={value!r}: give the origin only (no path, query or fragment)",
            print_help=False,
        )
    return f"{parts.scheme}://{parts.netloc}"


def _positive_int(name: str, value: str | int | None) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise UsageError(
            f"{name}={value!r}: expected a whole number > 0", print_help=False
        ) from None
    if number <= 0:
        raise UsageError(f"{name}={value!r}: expected a whole number > 0", print_help=False)
    return number


def _flag(name: str, value: str | bool | None) -> bool:
    if value is None or isinstance(value, bool):
        return bool(value)
    text = value.strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("", "0", "false", "no", "off"):
        return False
    raise UsageError(f"{name}={value!r}: expected 1 or 0", print_help=False)


def _iso_date(name: str, value: str | None) -> date | None:
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(
            f"{name}={value!r}: expected a date as YYYY-MM-DD", print_help=False
        ) from None


def parse_now(value: str | None) -> datetime:
    """The NEWSCRAWL_NOW setting: an ISO 8601 instant, or empty for the real clock."""
    if not value:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise UsageError(
            f"NEWSCRAWL_NOW={value!r}: expected ISO 8601, e.g. 2026-02-02T09:00:00+00:00",
            print_help=False,
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
