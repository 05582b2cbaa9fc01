"""What analysts and cron pass to `scrapy crawl`: date windows, limits, output files, typos."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newscrawl.mirror import MirrorServer
from newscrawl.runs import crawl_env
from tests.conftest import FAST, REPO, Crawler, truth


def articles_in(site: str, since: str = "0000", until: str = "9999") -> set[str]:
    return {
        path for path, a in truth(site)["articles"].items() if since <= a["published_date"] <= until
    }


WINDOWS = [
    # site, since, until, listing pages that must NOT be fetched (paging stops at `since`)
    ("yemenshabab_en", "2025-01-01", None, ["/sections/NEWS/Local?page=2"]),
    ("yemenshabab_en", "2024-12-01", "2024-12-31", []),
    # The only article on or after 2026-02-02 is listed as "منذ 3 ساعات" (relative date).
    (
        "yemenshabab_ar",
        "2026-02-02",
        None,
        ["/ar/sections/NEWS/Local?page=2", "/ar/sections/NEWS/Files?page=2"],
    ),
    ("marebpress", "2026-02-01", None, ["/news_list.php?lang=arabic&cat=1&page=2"]),
    ("marebpress", None, "2025-12-31", []),
]


@pytest.mark.parametrize(("site", "since", "until", "not_fetched"), WINDOWS)
def test_date_window(
    crawler: Crawler, site: str, since: str | None, until: str | None, not_fetched: list[str]
) -> None:
    args = [f"{name}={value}" for name, value in (("since", since), ("until", until)) if value]
    result = crawler.run(site, *[x for arg in args for x in ("-a", arg)])
    assert result.returncode == 0, result.log[-2000:]
    origin = result.origin
    got = {r["url"].removeprefix(origin) for r in result.of_type("article")}
    assert got == articles_in(site, since or "0000", until or "9999")
    assert got, "every window in this table holds at least one article"
    assert not set(not_fetched) & set(result.requested)
    if not_fetched:
        assert result.stat("newscrawl/listing/stopped_at_since") >= 1
    ids = {r["id"] for r in result.of_type("article")}
    assert {r["article_id"] for r in result.of_type("related_link")} <= ids


def test_max_articles(crawler: Crawler) -> None:
    result = crawler.run("yemenshabab_en", "-a", "max_articles=3")
    assert result.returncode == 0
    assert len(result.of_type("article")) == 3
    assert result.stats["finish_reason"] == "max_articles"
    ids = {r["id"] for r in result.of_type("article")}
    assert {r["article_id"] for r in result.of_type("related_link")} <= ids
    assert len(result.of_type("ticker_headline")) == 7


def scrapy_crawl(mirrors: MirrorServer, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    sets = [x for k, v in FAST.items() for x in ("-s", f"{k}={v}")]
    command = [sys.executable, "-m", "scrapy", "crawl", *args, *sets]
    env = crawl_env(PYTHONWARNINGS="error")
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300, env=env)


def test_default_output_is_one_file_per_run_under_data(
    mirrors: MirrorServer, tmp_path: Path
) -> None:
    url = mirrors.url("marebpress")
    proc = scrapy_crawl(mirrors, tmp_path, "marebpress", "-a", f"base_url={url}")
    assert proc.returncode == 0, proc.stderr[-2000:]
    files = list((tmp_path / "data" / "marebpress").glob("marebpress-*.jsonl"))
    assert len(files) == 1, files
    lines = files[0].read_text("utf-8").splitlines()
    assert lines and all(json.loads(line)["site"] == "marebpress.net" for line in lines)
    assert "مأرب" in files[0].read_text("utf-8")  # UTF-8, non-ASCII written as is


def test_dash_O_replaces_the_default_output(mirrors: MirrorServer, tmp_path: Path) -> None:
    url = mirrors.url("yemenshabab_en")
    proc = scrapy_crawl(
        mirrors,
        tmp_path,
        "yemenshabab_en",
        "-a",
        f"base_url={url}",
        "-a",
        "max_articles=1",
        "-O",
        "out.jsonl",
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert (tmp_path / "out.jsonl").read_text("utf-8").count('"type": "article"') == 1
    assert not (tmp_path / "data").exists()


BAD_ARGS = [
    (["-a", "since=2024-13-01"], "since='2024-13-01': expected a date as YYYY-MM-DD"),
    (["-a", "max_articles=many"], "max_articles='many': expected a whole number > 0"),
    (["-a", "max_article=5"], "unknown spider argument(s) max_article"),
    (["-a", "base_url=127.0.0.1:1"], "expected an http(s) origin"),
    (["-a", "since=2025-02-01", "-a", "until=2025-01-01"], "is after"),
]


@pytest.mark.parametrize(("args", "message"), BAD_ARGS, ids=[m for _, m in BAD_ARGS])
def test_bad_arguments_stop_the_command_before_any_request(
    mirrors: MirrorServer, tmp_path: Path, args: list[str], message: str
) -> None:
    before = sum(len(r) for r in mirrors.requests.values())
    proc = scrapy_crawl(mirrors, tmp_path, "yemenshabab_en", *args)
    assert proc.returncode == 2
    assert "error: " in proc.stderr and message in proc.stderr
    assert "Traceback" not in proc.stderr
    assert sum(len(r) for r in mirrors.requests.values()) == before


def test_scrapy_list_shows_one_spider_per_site_edition() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "scrapy", "list"], cwd=REPO, capture_output=True, text=True
    )
    assert proc.stdout.split() == ["marebpress", "yemenshabab_ar", "yemenshabab_en"]
