"""Did a run meet its expectations? The exit status cron acts on, and the reason.

- 0: finished and met its expectations;
- 1: finished but failed them: no response from the site, zero articles while the site
  answered, error rate over ``NEWSCRAWL_MAX_ERROR_RATE``, extraction health (fallbacks or
  empty fields over their thresholds), a date window cut short (a listing stopped by a cap
  before the window's start: :mod:`newscrawl.coverage`), or stopped before the end (a
  signal, say);
- 2: bad arguments (Scrapy's usage-error status);
- 74: output or state could not be written (EX_IOERR);
- 75: another run of the site holds its lock (EX_TEMPFAIL: try again later).

The checks read the crawl's stats only (pure function, tested without a crawl). Rates are
over what the run *read*, not what it wrote: an incremental run that writes nothing new is
healthy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

OK = 0
FAILED = 1
USAGE = 2
IO_ERROR = 74
LOCKED = 75

# Finish reasons of a run that did what it was told (limits it was given included).
COMPLETE_REASONS = frozenset(
    {
        "finished",
        "max_articles",
        "closespider_pagecount",
        "closespider_itemcount",
        "closespider_timeout",
        "closespider_errorcount",
    }
)
# Parts whose fallback rate is measured against listing pages / article pages / all pages.
_LISTING_PARTS = ("listing",)
_ARTICLE_PREFIXES = ("article.", "related")


@dataclass(frozen=True)
class Limits:
    """The thresholds of the checks (settings ``NEWSCRAWL_MAX_*``)."""

    max_error_rate: float = 0.2
    max_fallback_rate: float = 0.5
    max_empty_rate: Mapping[str, float] = field(default_factory=dict)
    health_min_articles: int = 5  # rates of extraction health need this many article pages

    @classmethod
    def from_settings(cls, settings: Any) -> Limits:
        return cls(
            max_error_rate=settings.getfloat("NEWSCRAWL_MAX_ERROR_RATE", 0.2),
            max_fallback_rate=settings.getfloat("NEWSCRAWL_MAX_FALLBACK_RATE", 0.5),
            max_empty_rate={
                k: float(v) for k, v in settings.getdict("NEWSCRAWL_MAX_EMPTY_RATE").items()
            },
            health_min_articles=settings.getint("NEWSCRAWL_HEALTH_MIN_ARTICLES", 5),
        )


@dataclass(frozen=True)
class Verdict:
    status: int
    reason: str
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.status == OK


def prefixed(stats: Mapping[str, Any], prefix: str) -> dict[str, int]:
    """Stats under ``prefix`` with the prefix removed, e.g. errors by kind."""
    return {
        k.removeprefix(prefix): int(v) for k, v in sorted(stats.items()) if k.startswith(prefix)
    }


def fetches(stats: Mapping[str, Any]) -> tuple[int, int, int]:
    """(final responses from the site, requests that got none, requests that finally
    failed: error statuses other than a dead link's 404/410, and no response), robots.txt
    aside."""
    return (
        int(stats.get("newscrawl/fetch/responses", 0)),
        int(stats.get("newscrawl/fetch/exceptions", 0)),
        int(stats.get("newscrawl/fetch/errors", 0)),
    )


def articles_seen(stats: Mapping[str, Any]) -> int:
    """Article pages read, plus known articles not fetched again (seen in a listing)."""
    return int(stats.get("newscrawl/page/article", 0)) + int(
        stats.get("newscrawl/state/skipped_known", 0)
    )


def judge(
    stats: Mapping[str, Any],
    limits: Limits,
    finish_reason: str,
    write_errors: list[str] | None = None,
) -> Verdict:
    """The verdict of a finished run: the first problem is the reason, all are listed."""
    if write_errors:
        return Verdict(IO_ERROR, write_errors[0], tuple(write_errors))
    problems = [
        *_interrupted(finish_reason),
        *_fetching(stats, limits),
        *_coverage(stats),
        *_extraction(stats, limits),
    ]
    if problems:
        return Verdict(FAILED, problems[0], tuple(problems))
    return Verdict(OK, "finished and met its expectations")


def _interrupted(finish_reason: str) -> list[str]:
    if finish_reason in COMPLETE_REASONS:
        return []
    return [f"stopped before the end ({finish_reason})"]


def _fetching(stats: Mapping[str, Any], limits: Limits) -> list[str]:
    responses, unanswered, errors = fetches(stats)
    kinds = _kinds(prefixed(stats, "newscrawl/errors/"))
    if responses == 0:
        return [
            f"no response from the site: {unanswered} request(s) failed ({kinds or 'none sent'})"
        ]
    problems = []
    requests = responses + unanswered
    rate = errors / requests
    if rate > limits.max_error_rate:
        problems.append(
            f"error rate {rate:.0%} over NEWSCRAWL_MAX_ERROR_RATE {limits.max_error_rate:.0%}:"
            f" {errors} of {requests} request(s) failed ({kinds})"
        )
    if articles_seen(stats) == 0:
        pages = int(stats.get("newscrawl/page/listing", 0)) + int(
            stats.get("newscrawl/page/feed", 0)
        )
        problems.append(
            f"zero articles: the site answered ({responses} response(s), {pages} listing or"
            " feed page(s) read) but no article page was found"
        )
    return problems


def _coverage(stats: Mapping[str, Any]) -> list[str]:
    """A back-fill that did not page every listing to its window's start."""
    cuts = int(stats.get("newscrawl/coverage/window_cut", 0))
    if not cuts:
        return []
    by = _kinds(prefixed(stats, "newscrawl/coverage/window_cut/"))
    return [
        f"window cut ({by}): {cuts} listing(s) or set(s) of listed articles stopped before"
        " the window's start; the run did not reach every article of its window (see the"
        " coverage line and its warnings)"
    ]


def _extraction(stats: Mapping[str, Any], limits: Limits) -> list[str]:
    articles = int(stats.get("newscrawl/page/article", 0))
    if articles < max(limits.health_min_articles, 1):
        return []
    listings = int(stats.get("newscrawl/page/listing", 0))
    pages = articles + listings + int(stats.get("newscrawl/page/not_article", 0))
    problems = []
    for part, count in prefixed(stats, "newscrawl/parser/fallback/").items():
        if part in _LISTING_PARTS:
            base = listings
        elif part.startswith(_ARTICLE_PREFIXES):
            base = articles
        else:
            base = pages
        rate = count / base if base else 0.0
        if rate > limits.max_fallback_rate:
            problems.append(
                f"extraction health: the profile selector for {part} matched nothing on"
                f" {count} of {base} page(s) ({rate:.0%} > NEWSCRAWL_MAX_FALLBACK_RATE"
                f" {limits.max_fallback_rate:.0%}): the site has probably changed"
            )
    for name, limit in sorted(limits.max_empty_rate.items()):
        empty = int(stats.get(f"newscrawl/empty/{name}", 0))
        rate = empty / articles
        if rate > limit:
            problems.append(
                f"extraction health: {name} empty in {empty} of {articles} article(s)"
                f" ({rate:.0%} > NEWSCRAWL_MAX_EMPTY_RATE[{name!r}] {limit:.0%})"
            )
    return problems


def _kinds(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{kind} x{n}" for kind, n in counts.items())
