"""Coverage benchmark: how completely, and how fast, a back-fill reaches its window.

The large generated mirror (:mod:`newscrawl.largemirror`: 3,000 dated articles over nine
sections, 20 per listing page, sitemaps, RSS, Atom) is written to a temporary folder and
served on 127.0.0.1. For each window (``since`` N listing pages back in the busiest
section) a real ``scrapy crawl yemenshabab_en -a since=...`` runs with the project's
settings (no download delay, no AutoThrottle), and so does the named baseline in the same
run: a spider handed the window's article URLs from the generator's truth, fetching each
directly (the least work a complete back-fill can do; no listings, feeds or sitemaps, no
related links).

Printed per window and crawler: articles in the window, written, coverage (written / in
the window), articles written from outside it, pages fetched, wall and CPU seconds, pages
and articles per wall second. CPU seconds are the steadier figure on a shared machine.
Usage::

    .venv/bin/python benchmarks/coverage.py [--back 5 15 40 100] [--articles 3000]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import scrapy  # noqa: E402

from newscrawl.largemirror import SITE, LargeMirror, build  # noqa: E402
from newscrawl.mirror import MirrorServer, MirrorSite  # noqa: E402
from newscrawl.runs import crawl_command, crawl_env, read_records  # noqa: E402
from newscrawl.spiders.yemenshabab_en import YemenshababEnSpider  # noqa: E402

FAST = {"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False", "LOG_LEVEL": "WARNING"}
BASELINE = "direct (baseline)"
URLS_SETTING = "COVERAGE_BENCHMARK_URLS"  # the baseline's file of article paths


class DirectSpider(YemenshababEnSpider):
    """The baseline: the window's article URLs, fetched directly and read as the crawl reads
    them (``parse_article``), nothing else followed."""

    name = "coverage_direct"

    async def start(self) -> AsyncIterator[scrapy.Request]:
        paths = Path(self.settings[URLS_SETTING]).read_text("utf-8").split()
        for path in paths:
            yield scrapy.Request(self.origin + path, callback=self.parse_article)

    def parse_article(self, response: Any, listed: Any = None) -> Iterator[Any]:
        for output in super().parse_article(response, listed):
            if not isinstance(output, scrapy.Request):
                yield output


@dataclass
class Result:
    window: str
    crawler: str
    in_window: int
    written: int
    older: int  # written although dated outside the window
    pages: int
    seconds: float
    cpu: float
    exit_status: int


def run(command: list[str], stats: Path) -> tuple[float, float, int, dict[str, Any]]:
    """Wall seconds, CPU seconds of the crawl process, exit status, final stats."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    proc = subprocess.run(
        command, cwd=REPO, capture_output=True, text=True, timeout=3600, env=crawl_env()
    )
    seconds = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if not stats.exists():
        raise RuntimeError(proc.stderr[-3000:])
    return seconds, cpu, proc.returncode, json.loads(stats.read_text("utf-8"))


def measure(
    large: LargeMirror, server: MirrorServer, back: int, work: Path
) -> tuple[Result, Result]:
    since = large.since_pages_back(back)
    want = large.in_window(since)
    origin = server.url(SITE)
    args = {"base_url": origin, "since": since}
    settings = {**FAST, "NEWSCRAWL_NOW": server.sites[SITE].fetched_at}
    results = []
    for crawler in ("back-fill", BASELINE):
        out, stats = work / f"{back}-{len(results)}.jsonl", work / f"{back}-{len(results)}.json"
        sets = {**settings, "NEWSCRAWL_STATS_FILE": str(stats)}
        if crawler == BASELINE:
            urls = work / f"{back}-urls.txt"
            urls.write_text("\n".join(sorted(want)), "utf-8")
            sets |= {URLS_SETTING: str(urls), "NEWSCRAWL_DISCOVERY": "start"}
            command = crawl_command(SITE, out, args, sets)
            command[command.index("crawl") : command.index("crawl") + 2] = [
                "runspider",
                __file__,
            ]
        else:
            command = crawl_command(SITE, out, args, sets)
        seconds, cpu, status, final = run(command, stats)
        got = {r["url"].removeprefix(origin) for r in read_records(out) if r["type"] == "article"}
        results.append(
            Result(
                window=f"since {since} ({back} pp)",
                crawler=crawler,
                in_window=len(want),
                written=len(got & want),
                older=len(got - want),
                pages=int(final.get("newscrawl/fetch/responses", 0)),
                seconds=seconds,
                cpu=cpu,
                exit_status=status,
            )
        )
    return results[0], results[1]


HEAD = (
    f"{'window':<28} {'crawler':<18} {'in window':>9} {'written':>8} {'coverage':>9}"
    f" {'older':>6} {'pages':>6} {'wall s':>7} {'cpu s':>6} {'pages/s':>8}"
    f" {'articles/s':>10} {'exit':>4}"
)


def row(r: Result) -> str:
    return (
        f"{r.window:<28} {r.crawler:<18} {r.in_window:>9} {r.written:>8}"
        f" {r.written / r.in_window:>9.1%} {r.older:>6} {r.pages:>6} {r.seconds:>7.1f}"
        f" {r.cpu:>6.1f} {r.pages / r.seconds:>8.1f} {r.written / r.seconds:>10.1f}"
        f" {r.exit_status:>4}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--back", type=int, nargs="+", default=[5, 15, 40, 100])
    parser.add_argument("--articles", type=int, default=3000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="coverage-bench-") as folder:
        work = Path(folder)
        started = time.monotonic()
        large = build(work / "site", args.articles)
        print(
            f"large mirror: {len(large.articles)} articles, {len(large.listings)} sections,"
            f" {sum(map(len, large.listings.values()))} listing pages, generated in"
            f" {time.monotonic() - started:.1f} s"
        )
        results: list[Result] = []
        print(HEAD + "\n" + "-" * len(HEAD), flush=True)
        with MirrorServer([MirrorSite.load(large.root)]) as server:
            for back in args.back:
                pair = measure(large, server, back, work)
                results += pair
                print("\n".join(row(r) for r in pair), flush=True)
    backfills = [r for r in results if r.crawler != BASELINE]
    direct = [r for r in results if r.crawler == BASELINE]
    print(
        f"\nback-fills: {sum(r.written for r in backfills)} of"
        f" {sum(r.in_window for r in backfills)} articles of their windows written,"
        f" {sum(r.older for r in backfills)} from outside; pages fetched"
        f" {sum(r.pages for r in backfills)} vs {sum(r.pages for r in direct)} direct"
        f" (+{sum(r.pages for r in backfills) / max(sum(r.pages for r in direct), 1) - 1:.1%});"
        f" CPU {sum(r.cpu for r in backfills):.1f} s vs {sum(r.cpu for r in direct):.1f} s"
    )


if __name__ == "__main__":
    main()
