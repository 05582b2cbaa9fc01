"""Complete coverage: back-fills of a large generated site reach every article of their window.

Real ``scrapy crawl`` processes, default settings (only FAST's DOWNLOAD_DELAY=0 and no
AutoThrottle), against :mod:`newscrawl.largemirror`: 3,000 dated articles over nine
sections, listed 20 per page newest first, with a sitemap index, a Google News sitemap,
RSS and Atom. Its truth comes from the generator's content table, never from a crawl.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from newscrawl.largemirror import LATE, NAV_ONLY, START, LargeMirror, build
from newscrawl.mirror import MirrorServer, MirrorSite
from newscrawl.runs import crawl_command, crawl_env, read_records
from tests.conftest import FAST, REPO, Crawler, CrawlResult

SITE = "yemenshabab_en"
BACK = [5, 15, 40, 100]  # listing pages of the busiest section (Local) the window reaches back


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> LargeMirror:
    return build(tmp_path_factory.mktemp("large") / "site")


@pytest.fixture(scope="module")
def served(large: LargeMirror) -> Iterator[MirrorServer]:
    with MirrorServer([MirrorSite.load(large.root)]) as server:
        yield server


@pytest.fixture(scope="module")
def crawls(served: MirrorServer, tmp_path_factory: pytest.TempPathFactory) -> Crawler:
    return Crawler(served, tmp_path_factory.mktemp("coverage-crawls"))


def backfill(crawls: Crawler, large: LargeMirror, pages: int, **settings: str) -> CrawlResult:
    return crawls.run(SITE, "-a", f"since={large.since_pages_back(pages)}", **settings)


def pages_read(result: CrawlResult, large: LargeMirror, section: str) -> list[int]:
    first = large.listing_path(section)
    numbers = []
    for target in result.requested:
        path, _, query = target.partition("?")
        if path == first:
            numbers.append(int(query.removeprefix("page=")) if query else 1)
    return sorted(numbers)


def written(result: CrawlResult) -> set[str]:
    return {r["url"].removeprefix(result.origin) for r in result.of_type("article")}


def summary(result: CrawlResult) -> dict:
    [path] = (result.output.parent / "state").glob("*.last-run.json")
    return json.loads(path.read_text("utf-8"))


@pytest.mark.parametrize("back", BACK)
def test_a_backfill_writes_every_article_of_its_window_and_none_older(
    crawls: Crawler, large: LargeMirror, back: int
) -> None:
    since = large.since_pages_back(back)
    result = backfill(crawls, large, back)
    assert result.returncode == 0, result.log[-3000:]
    want = large.in_window(since)
    got = written(result)
    assert not want - got, f"{len(want - got)} of {len(want)} articles of the window missing"
    assert not got - want, "articles older than the window written"
    # Paging follows the window: every section to the page that reaches `since`, no further
    # than one page past it, whatever DEPTH_LIMIT (4) and NEWSCRAWL_MAX_LISTING_PAGES say.
    for section in large.sections:
        last = large.last_page_in_window(section, since)
        read = pages_read(result, large, section)
        assert read[: max(last, 1)] == list(range(1, max(last, 1) + 1)), section
        assert len(read) <= last + 1 and len(set(read)) == len(read), (section, read)
    assert pages_read(result, large, "Local")[-1] >= back
    assert result.stat("newscrawl/coverage/window_cut") == 0
    assert result.stat("newscrawl/coverage/all/written") == len(want)


@pytest.mark.parametrize("back", BACK)
def test_the_coverage_line_and_the_summary_say_what_was_covered(
    crawls: Crawler, large: LargeMirror, back: int
) -> None:
    since = large.since_pages_back(back)
    result = backfill(crawls, large, back)
    want = len(large.in_window(since))
    coverage_line, verdict_line = result.log.strip().splitlines()[-2:]
    assert f"{SITE}: coverage (since {since}): {want} article(s) listed, {want} fetched" in (
        coverage_line
    )
    assert "every listing paged to the window's start" in coverage_line
    assert f"listing {want}/{want}/{want}/0/0" in coverage_line
    assert "exit status 0 (ok)" in verdict_line
    report = summary(result)["coverage"]
    assert report["complete"] and report["window"] == {"since": since, "until": None}
    assert report["listed"] == report["written"] == want
    assert report["sources"]["sitemap"]["written"] == want  # the sitemaps list them all


def test_sections_only_in_the_navigation_and_found_later_are_crawled(
    crawls: Crawler, large: LargeMirror
) -> None:
    result = backfill(crawls, large, 15)
    for section in (*NAV_ONLY, *LATE):
        assert pages_read(result, large, section)[:1] == [1], section
    assert result.stat("newscrawl/discovery/sections") == len(NAV_ONLY) + len(LATE)
    in_window = large.in_window(large.since_pages_back(15))
    nav_only = {p for p in in_window if large.by_path[p].section in NAV_ONLY}
    assert nav_only and nav_only <= written(result)


@pytest.mark.parametrize("back", [15, 100])
def test_sitemaps_and_feeds_are_read_within_the_window(
    crawls: Crawler, large: LargeMirror, back: int
) -> None:
    since = large.since_pages_back(back)
    result = backfill(crawls, large, back)
    requested = set(result.requested)
    assert "/robots.txt" in requested and result.stat("newscrawl/sitemap/declared") == 1
    # The sitemap index's lastmod bounds the window: an older month is never fetched.
    wanted = {t for t, changed in large.sitemaps.items() if changed >= since}
    assert {t for t in requested if t.startswith("/sitemap")} == {"/sitemap.xml", *wanted}
    assert result.stat("newscrawl/sitemap/skipped_by_lastmod") == len(large.sitemaps) - len(wanted)
    assert {"/rss", "/atom"} <= requested  # the Atom feed is announced in the <head>
    assert result.stat("newscrawl/page/feed") == 2


CAPS = [
    # setting, value, pages back, what the cut is counted under
    ("NEWSCRAWL_BACKFILL_MAX_LISTING_PAGES", "3", 5, "NEWSCRAWL_BACKFILL_MAX_LISTING_PAGES"),
    ("CLOSESPIDER_PAGECOUNT", "60", 15, "closespider_pagecount"),
    ("DEPTH_LIMIT", "1", 5, "DEPTH_LIMIT"),
]


@pytest.mark.parametrize(("setting", "value", "back", "by"), CAPS, ids=[c[0] for c in CAPS])
def test_a_window_cut_by_a_cap_says_so_and_fails_the_run(
    crawls: Crawler, large: LargeMirror, setting: str, value: str, back: int, by: str
) -> None:
    result = backfill(crawls, large, back, **{setting: value})
    assert result.returncode == 1, result.log[-3000:]
    assert result.stat("newscrawl/coverage/window_cut") >= 1
    assert result.stat(f"newscrawl/coverage/window_cut/{by}") >= 1
    warning = next(line for line in result.log.splitlines() if "WARNING: window cut:" in line)
    assert by in warning
    coverage_line, verdict_line = result.log.strip().splitlines()[-2:]
    assert "WINDOW CUT" in coverage_line
    assert "exit status 1 (FAILED): window cut" in verdict_line
    assert summary(result)["reason"].startswith("window cut")


def test_the_listing_cap_warning_names_the_listing_and_the_date_reached(
    crawls: Crawler, large: LargeMirror
) -> None:
    result = backfill(crawls, large, 5, NEWSCRAWL_BACKFILL_MAX_LISTING_PAGES="3")
    assert pages_read(result, large, "Local") == [1, 2, 3]
    reached = min(large.by_path[p].published_date for p in large.listings["Local"][2])
    pattern = (
        rf"window cut: listing {re.escape(result.origin)}/sections/NEWS/Local stopped at page 3"
        rf" by NEWSCRAWL_BACKFILL_MAX_LISTING_PAGES, having reached {reached}"
    )
    assert re.search(pattern, result.log), result.log[-3000:]
    assert summary(result)["coverage"]["window_cuts"][0]["reached"] == reached


def test_a_run_without_a_window_reads_the_newest_pages_only(
    crawls: Crawler, large: LargeMirror
) -> None:
    result = crawls.run(SITE, NEWSCRAWL_MAX_LISTING_PAGES="1")
    assert result.returncode == 0, result.log[-3000:]
    assert pages_read(result, large, "Local") == [1]
    longer = [section for section in START if len(large.listings[section]) > 1]
    assert result.stat("newscrawl/listing/page_limit") == len(longer)  # its design, no cut
    assert result.stat("newscrawl/coverage/window_cut") == 0
    # Routine runs read the profile's start pages and feeds: no sitemaps, no nav sections.
    assert not any(t.startswith("/sitemap") for t in result.requested)
    assert not any(pages_read(result, large, section) for section in NAV_ONLY)
    assert "coverage (no date window)" in result.log.strip().splitlines()[-2]


def test_a_second_backfill_skips_what_it_knows_and_still_covers_the_window(
    served: MirrorServer, large: LargeMirror, tmp_path: Path
) -> None:
    since = large.since_pages_back(5)
    state = tmp_path / "state"

    def run(n: int) -> tuple[dict, list[dict]]:
        out, stats = tmp_path / f"out-{n}.jsonl", tmp_path / f"stats-{n}.json"
        settings = {
            **FAST,
            "NEWSCRAWL_NOW": served.sites[SITE].fetched_at,
            "NEWSCRAWL_STATE_DIR": str(state),
            "NEWSCRAWL_STATS_FILE": str(stats),
        }
        args = {"base_url": served.url(SITE), "since": since}
        proc = subprocess.run(
            crawl_command(SITE, out, args, settings),
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=300,
            env=crawl_env(PYTHONWARNINGS="error"),
        )
        assert proc.returncode == 0, proc.stderr[-3000:]
        return json.loads(stats.read_text("utf-8")), read_records(out)

    want = len(large.in_window(since))
    _, records = run(1)
    assert sum(r["type"] == "article" for r in records) == want
    second, records = run(2)
    assert not records  # nothing new
    assert second["newscrawl/coverage/all/listed"] == want
    assert second["newscrawl/coverage/all/skipped_known"] == want
    assert second["newscrawl/coverage/window_cut"] == 0
    assert second.get("newscrawl/page/article", 0) == 0  # known articles are not fetched
