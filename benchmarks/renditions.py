"""Renditions benchmark: the generic detectors on markup the profiles were not written for.

Every rendition under ``fixtures/renditions/<site>/<name>/`` (the site's content at the same
URLs in another template) is served on 127.0.0.1 and crawled by a real ``scrapy crawl`` with
``NEWSCRAWL_PROFILE_SELECTORS=False`` (the profile's URL patterns, language and time zone,
none of its selectors), then scored against the rendition's ``truth.json``. The named
baseline, in the same run: the base mirrors crawled with their profiles ON.

Printed per site x rendition: articles entirely right / articles in the truth, then per
field how many articles have it right (title, section, date = published_at and
published_date, body, source, authors, related = the whole related list: titles, URLs,
sections, dates), and ticker headlines right in their position (``*`` when the count
differs). Usage::

    .venv/bin/python benchmarks/renditions.py [--site SITE ...] [--rendition NAME ...] [--jobs N]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from newscrawl.mirror import (  # noqa: E402
    FIXTURES_DIR,
    MirrorServer,
    available_renditions,
    available_sites,
    load_sites,
    route_key,
)
from newscrawl.runs import crawl_command, crawl_env, read_records  # noqa: E402

FAST = {"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False", "LOG_LEVEL": "WARNING"}
FIELDS = ("title", "section", "date", "body", "source", "authors", "related")
BASELINE = "(base, profiles on)"


@dataclass
class Score:
    site: str
    rendition: str
    articles: int = 0  # in the truth
    right: int = 0  # every field right, canonical URL included
    fields: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    ticker_right: int = 0
    ticker_total: int = 0
    ticker_count_differs: bool = False
    seconds: float = 0.0
    error: str = ""


def crawl(site: str, rendition: str | None, workdir: Path) -> tuple[list[dict[str, Any]], str]:
    """Serve the mirror (or a rendition of it) and crawl it; return (records, origin)."""
    [mirror] = load_sites([site], rendition=rendition)
    out = workdir / f"{site}-{rendition or 'base'}.jsonl"
    settings = {**FAST, "NEWSCRAWL_NOW": mirror.fetched_at}
    if rendition:
        settings["NEWSCRAWL_PROFILE_SELECTORS"] = "False"
    with MirrorServer([mirror]) as server:
        origin = server.url(site)
        command = crawl_command(site, out, {"base_url": origin}, settings)
        proc = subprocess.run(
            command, cwd=REPO, capture_output=True, text=True, timeout=600, env=crawl_env()
        )
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-2000:])
    return read_records(out), origin


def related_lists(records: list[dict[str, Any]], origin: str) -> dict[str, list[dict]]:
    lists: dict[str, list[dict]] = {}
    related = [r for r in records if r["type"] == "related_link"]
    for r in sorted(related, key=lambda r: r["position"]):
        lists.setdefault(r["article_id"], []).append(
            {
                "title": r["title"],
                "path": route_key(r["url"].removeprefix(origin)),
                "section": r["section"],
                "published_date": r["published_date"],
                "published_at": r["published_at"],
            }
        )
    return lists


def field_checks(got: dict[str, Any], want: dict[str, Any], related: list[dict]) -> dict:
    want_related = [
        {k: (route_key(v) if k == "path" else v) for k, v in w.items() if k != "date_line"}
        for w in want["related"]
    ]
    return {
        "title": got["title"] == want["title"],
        "section": got["section"] == want["section"],
        "date": (got["published_at"], got["published_date"])
        == (want["published_at"], want["published_date"]),
        "body": got["body"] == "\n\n".join(want["paragraphs"]),
        "source": got["source"] == want["source"],
        "authors": got["authors"] == want["authors"],
        "related": related == want_related,
        "canonical": got["canonical_url"] == want["canonical_url"],
    }


def score(site: str, rendition: str | None, workdir: Path) -> Score:
    result = Score(site, rendition or BASELINE)
    folder = FIXTURES_DIR / site if rendition is None else FIXTURES_DIR / "renditions" / site
    truth = json.loads((folder / (rendition or "") / "truth.json").read_text("utf-8"))
    result.articles = len(truth["articles"])
    started = time.monotonic()
    try:
        records, origin = crawl(site, rendition, workdir)
    except (RuntimeError, subprocess.TimeoutExpired) as error:
        result.error = str(error).strip().splitlines()[-1] if str(error).strip() else "failed"
        return result
    result.seconds = time.monotonic() - started
    articles = {
        route_key(r["url"].removeprefix(origin)): r for r in records if r["type"] == "article"
    }
    lists = related_lists(records, origin)
    for path, want in truth["articles"].items():
        got = articles.get(route_key(path))
        if got is None:
            continue
        checks = field_checks(got, want, lists.get(got["id"], []))
        for name in FIELDS:
            result.fields[name] += checks[name]
        result.right += all(checks.values())
    ticker = sorted(
        (r for r in records if r["type"] == "ticker_headline"), key=lambda r: r["position"]
    )
    got_ticker = [
        (t["title"], t["url"] and route_key(t["url"].removeprefix(origin))) for t in ticker
    ]
    want_ticker = [(t["title"], t["path"] and route_key(t["path"])) for t in truth["ticker"]]
    result.ticker_total = len(want_ticker)
    result.ticker_right = sum(g == w for g, w in zip(got_ticker, want_ticker, strict=False))
    result.ticker_count_differs = len(got_ticker) != len(want_ticker)
    return result


def table(scores: list[Score]) -> str:
    head = f"{'site':15} {'rendition':20} {'articles':>9} " + " ".join(
        f"{name:>8}" for name in FIELDS
    )
    lines = [head + f" {'ticker':>7} {'s':>5}", "-" * (len(head) + 14)]
    for s in scores:
        if s.error:
            lines.append(f"{s.site:15} {s.rendition:20} crawl failed: {s.error}")
            continue
        cells = " ".join(f"{s.fields[name]:>4}/{s.articles:<3}" for name in FIELDS)
        mark = "*" if s.ticker_count_differs else " "
        lines.append(
            f"{s.site:15} {s.rendition:20} {s.right:>4}/{s.articles:<4} {cells} "
            f"{s.ticker_right:>3}/{s.ticker_total:<2}{mark} {s.seconds:>5.1f}"
        )
    return "\n".join(lines)


def totals(scores: list[Score]) -> str:
    done = [s for s in scores if not s.error and s.rendition != BASELINE]
    articles = sum(s.articles for s in done)
    if not articles:
        return "renditions: nothing scored"
    parts = [f"{name} {sum(s.fields[name] for s in done) / articles:.0%}" for name in FIELDS]
    right = sum(s.right for s in done)
    return f"renditions, profiles off: {right}/{articles} articles entirely right; " + ", ".join(
        parts
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", action="append", help="only this site (repeatable)")
    parser.add_argument("--rendition", action="append", help="only this rendition (repeatable)")
    parser.add_argument("--jobs", type=int, default=2, help="crawls at a time (default 2)")
    args = parser.parse_args(argv)
    sites = args.site or available_sites()
    jobs: list[tuple[str, str | None]] = []
    for site in sites:
        jobs.append((site, None))
        jobs += [(site, r) for r in available_renditions(site) if r in (args.rendition or [r])]
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(max(1, args.jobs)) as pool:
        scores = list(pool.map(lambda job: score(*job, Path(tmp)), jobs))
    print(table(scores))
    print(totals(scores))
    print(f"{len(jobs)} crawls in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
