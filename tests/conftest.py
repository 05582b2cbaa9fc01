"""Shared test fixtures: the mirrors on loopback and real `scrapy crawl` runs against them.

Crawls are real processes (``python -m scrapy crawl``), as a user or cron runs them; the
mirror servers run in the test process so tests can see exactly what was requested.
Each distinct crawl runs once per test session (they are the slow part).
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from scrapy.utils.reactor import install_reactor

from newscrawl.mirror import MirrorServer, available_renditions, load_sites, route_key
from newscrawl.runs import crawl_command, crawl_env, read_records

# Tests that build a Crawler in this process (pipelines, spider callbacks) need the reactor
# the settings name installed first; older Scrapy releases refuse to start without it.
install_reactor("twisted.internet.asyncioreactor.AsyncioSelectorReactor")

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"
EXPECTED = Path(__file__).resolve().parent / "expected"
SITES = ["yemenshabab_en", "yemenshabab_ar", "marebpress"]
MIRROR_ORIGIN = "http://mirror"  # what the loopback origin is replaced with in comparisons

# Crawl fast against loopback; every other setting is the project's own.
# Retries wait 50 ms, not the seconds a real site gets (newscrawl/retry.py).
FAST = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "LOG_LEVEL": "INFO",
    "NEWSCRAWL_RETRY_BACKOFF_BASE": "0.05",
}
# Renditions are crawled with the profiles' URL patterns, language and time zone but none of
# their CSS selectors: every part of every page goes to the generic detectors.
PROFILES_OFF = {"NEWSCRAWL_PROFILE_SELECTORS": "False"}


@dataclass
class CrawlResult:
    returncode: int
    records: list[dict[str, Any]]
    stats: dict[str, Any]
    requested: list[str]  # request targets the mirror saw, in order
    log: str
    output: Path
    origin: str

    def of_type(self, kind: str) -> list[dict[str, Any]]:
        return [r for r in self.records if r["type"] == kind]

    def stat(self, key: str) -> int:
        return int(self.stats.get(key, 0))


@dataclass
class Crawler:
    server: MirrorServer
    tmp: Path
    cache: dict[tuple, CrawlResult] = field(default_factory=dict)

    def run(self, site: str, *args: str, **settings: str) -> CrawlResult:
        key = (site, args, tuple(sorted(settings.items())))
        if key not in self.cache:
            self.cache[key] = self._run(site, args, settings)
        return self.cache[key]

    def _run(self, site: str, args: tuple[str, ...], settings: dict[str, str]) -> CrawlResult:
        run_dir = self.tmp / f"crawl-{len(self.cache)}"
        run_dir.mkdir()
        out, stats_file = run_dir / "out.jsonl", run_dir / "stats.json"
        origin = self.server.url(site)
        sets = {
            **FAST,
            "NEWSCRAWL_NOW": self.server.sites[site].fetched_at,
            "NEWSCRAWL_STATS_FILE": str(stats_file),
            # Its own state: every cached crawl starts from an empty memory of the site.
            "NEWSCRAWL_STATE_DIR": str(run_dir / "state"),
            **settings,
        }
        command = crawl_command(site, out, {"base_url": origin}, sets) + list(args)
        requested_before = len(self.server.requests[site])
        proc = subprocess.run(
            command,
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=300,
            env=crawl_env(PYTHONWARNINGS="error"),
        )
        records = read_records(out)
        stats = json.loads(stats_file.read_text("utf-8")) if stats_file.exists() else {}
        return CrawlResult(
            proc.returncode,
            records,
            stats,
            self.server.requests[site][requested_before:],
            proc.stderr,
            out,
            origin,
        )


@pytest.fixture(scope="session")
def mirrors() -> Iterator[MirrorServer]:
    with MirrorServer(load_sites(SITES)) as server:
        yield server


@pytest.fixture(scope="session")
def crawler(mirrors: MirrorServer, tmp_path_factory: pytest.TempPathFactory) -> Crawler:
    return Crawler(mirrors, tmp_path_factory.mktemp("crawls"))


def truth(site: str) -> dict[str, Any]:
    return json.loads((FIXTURES / site / "truth.json").read_text("utf-8"))


def comparable(records: list[dict[str, Any]], origin: str) -> list[dict[str, Any]]:
    """Records without what legitimately changes between runs (crawled_at, the mirror's
    port), in a stable order."""
    text = json.dumps(records, ensure_ascii=False).replace(origin, MIRROR_ORIGIN)
    cleaned = [{k: v for k, v in r.items() if k != "crawled_at"} for r in json.loads(text)]
    return sorted(cleaned, key=record_key)


def record_key(record: dict[str, Any]) -> tuple:
    if record["type"] == "related_link":
        return (record["type"], record["article_id"], record["position"])
    return (record["type"], record["id"])


# ---------------------------------------------------------------- renditions


def rendition_cases() -> list[tuple[str, str]]:
    """(site, rendition) for every rendition under fixtures/renditions/."""
    return [(site, name) for site in SITES for name in available_renditions(site)]


def rendition_truth(site: str, rendition: str) -> dict[str, Any]:
    path = FIXTURES / "renditions" / site / rendition / "truth.json"
    return json.loads(path.read_text("utf-8"))


def by_path(records: list[dict[str, Any]], origin: str) -> dict[str, dict[str, Any]]:
    """Article records keyed like truth.json (request target, query parameters sorted)."""
    return {route_key(r["url"].removeprefix(origin)): r for r in records}


@dataclass
class RenditionCrawls:
    """One crawl per (site, rendition) per session, profile selectors off; each served by its
    own loopback server for the length of the crawl."""

    tmp: Path
    cache: dict[tuple[str, str], CrawlResult] = field(default_factory=dict)

    def run(self, site: str, rendition: str) -> CrawlResult:
        key = (site, rendition)
        if key not in self.cache:
            folder = self.tmp / f"{site}-{rendition}"
            folder.mkdir()
            with MirrorServer(load_sites([site], rendition=rendition)) as server:
                self.cache[key] = Crawler(server, folder).run(site, **PROFILES_OFF)
        return self.cache[key]


@pytest.fixture(scope="session")
def rendition_crawls(tmp_path_factory: pytest.TempPathFactory) -> RenditionCrawls:
    return RenditionCrawls(tmp_path_factory.mktemp("rendition-crawls"))
