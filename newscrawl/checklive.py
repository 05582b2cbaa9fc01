"""``newscrawl check-live``: is each real site still read right?

The offline mirrors are the regression suite; they cannot tell that a live site changed its
markup. This command crawls a few fresh articles of each site (a real ``scrapy crawl``) and
reports what a redesign breaks first: no article found, empty fields, profile selectors that
stopped matching (the generic path stood in), dates that no longer parse. Exit status 0
when every site is healthy, 1 otherwise: run it from cron when the internet is there.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newscrawl.runs import crawl_command, crawl_env, read_records
from newscrawl.sites import PROFILES

# Fields every article of a healthy site has.
REQUIRED = ("title", "body", "published_date", "section", "canonical_url")
CRAWL_TIMEOUT = 600  # seconds per site: a hung site is a finding, not a reason to hang cron


@dataclass
class SiteHealth:
    site: str
    articles: int = 0
    ticker: int = 0
    related: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def line(self) -> str:
        status = "ok" if self.ok else "PROBLEM"
        counts = f"{self.articles} article(s), {self.ticker} ticker, {self.related} related"
        details = "".join(f"\n    - {p}" for p in self.problems)
        return f"{self.site}: {status}: {counts}{details}"


def crawl(site: str, out: Path, stats: Path, articles: int, base_url: str | None) -> int:
    args: dict[str, object] = {"max_articles": articles}
    if base_url:
        args["base_url"] = base_url
    settings = {"NEWSCRAWL_STATS_FILE": stats, "LOG_LEVEL": "WARNING"}
    try:
        command = crawl_command(site, out, args, settings)
        return subprocess.run(command, env=crawl_env(), timeout=CRAWL_TIMEOUT).returncode
    except subprocess.TimeoutExpired:
        return -1


def assess(
    site: str, records: list[dict[str, Any]], stats: dict[str, Any], code: int
) -> SiteHealth:
    health = SiteHealth(site)
    by_type = {
        kind: [r for r in records if r["type"] == kind]
        for kind in ("article", "ticker_headline", "related_link")
    }
    health.articles, health.ticker = len(by_type["article"]), len(by_type["ticker_headline"])
    health.related = len(by_type["related_link"])
    if code != 0:
        health.problems.append(f"scrapy crawl exited with status {code}")
    if not health.articles:
        health.problems.append("no article found (site down, blocked, or article URLs changed)")
    if not health.ticker:
        health.problems.append("no ticker headline found")
    for article in by_type["article"]:
        empty = [name for name in REQUIRED if not article.get(name)]
        if empty:
            health.problems.append(f"{article['url']}: empty {', '.join(empty)}")
    for key, count in sorted(stats.items()):
        if key.startswith("newscrawl/parser/fallback/"):
            part = key.rsplit("/", 1)[-1]
            health.problems.append(f"profile selector for {part} matched nothing ({count}x)")
        # A conflict (two statements a day apart) is worth a look in the log, not a broken
        # site: a listing's "3 hours ago" read against today disagrees with an old page.
        reason = key.removeprefix("newscrawl/dates/")
        if key.startswith("newscrawl/dates/") and reason not in ("normalized", "conflict"):
            health.problems.append(f"dates not normalized: {reason} ({count}x)")
    return health


def check(sites: list[str], articles: int = 2, base_url: str | None = None) -> list[SiteHealth]:
    results = []
    with tempfile.TemporaryDirectory(prefix="newscrawl-check-") as tmp:
        for site in sites:
            out, stats_file = Path(tmp) / f"{site}.jsonl", Path(tmp) / f"{site}.stats.json"
            code = crawl(site, out, stats_file, articles, base_url)
            records = read_records(out)
            stats = json.loads(stats_file.read_text("utf-8")) if stats_file.exists() else {}
            results.append(assess(site, records, stats, code))
    return results


def known_sites() -> list[str]:
    return sorted(PROFILES)
