"""Unattended scheduled crawls, as cron runs them: real `scrapy crawl` processes against the
mirrors on loopback, with the default output (``data/<spider>/``) and state (``state/``)
in a fresh working folder per test.

Incremental runs, a changed page written again as version 2, SIGKILL at several points of a
run then a rerun (every record published exactly once, never a partial ``.jsonl``), two
simultaneous starts (one exits 75), and the exit statuses of runs that fail.
"""

from __future__ import annotations

import json
import re
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from newscrawl import faults
from newscrawl.mirror import MirrorServer, load_sites
from newscrawl.runs import crawl_env
from tests.conftest import FAST, truth

SITE = "yemenshabab_en"  # the smallest crawl that has every kind of record
TRUTH = truth(SITE)
ARTICLES = {path for path in TRUTH["articles"]}
RELATED = sum(len(a["related"]) for a in TRUTH["articles"].values())
TICKER = len(TRUTH["ticker"])
NOW = {"NEWSCRAWL_NOW": "2026-02-02T09:00:00+00:00"}
# The article changed between runs, and the feed entry that shows it with a new date.
CHANGED = next(p for p in TRUTH["articles"] if "hadhramaut" in p)
FEED_DATE = (b"Sat, 31 Jan 2026 16:50:00 +0300", b"Sun, 01 Feb 2026 10:00:00 +0300")


@pytest.fixture(scope="module")
def mirror() -> Iterator[MirrorServer]:
    """This module's own server: tests change what it serves (reset after each)."""
    with MirrorServer(load_sites([SITE, "marebpress"])) as server:
        yield server


@pytest.fixture
def site(mirror: MirrorServer) -> Iterator[MirrorServer]:
    yield mirror
    mirror.reset(SITE)


@dataclass
class Run:
    returncode: int
    log: str
    folder: Path
    stats: dict[str, Any]
    duration: float

    @property
    def summary(self) -> dict[str, Any]:
        """The last run's summary (always in the state folder)."""
        path = next((self.folder / "state").glob("*.last-run.json"))
        return json.loads(path.read_text("utf-8"))


def scrapy_crawl(
    folder: Path,
    origin: str,
    *args: str,
    spider: str = SITE,
    kill_at: str | None = None,
    wait: bool = True,
    **settings: str,
) -> Run:
    """``scrapy crawl SPIDER -a base_url=ORIGIN`` in ``folder``, as cron runs it."""
    stats_file = folder / f"stats-{time.monotonic_ns()}.json"
    sets = {**FAST, **NOW, "NEWSCRAWL_STATS_FILE": str(stats_file), **settings}
    command = [sys.executable, "-m", "scrapy", "crawl", spider, "-a", f"base_url={origin}"]
    command += [*args, *[x for k, v in sets.items() for x in ("-s", f"{k}={v}")]]
    env = crawl_env(PYTHONWARNINGS="error")
    if kill_at:
        env[faults.ENV] = kill_at
    started = time.monotonic()
    proc = subprocess.run(command, cwd=folder, capture_output=True, text=True, env=env, timeout=300)
    stats = json.loads(stats_file.read_text("utf-8")) if stats_file.exists() else {}
    return Run(proc.returncode, proc.stderr, folder, stats, time.monotonic() - started)


def published(folder: Path, spider: str = SITE) -> list[dict[str, Any]]:
    """Every record in every published output (each line must be whole JSON)."""
    records = []
    for path in sorted((folder / "data" / spider).glob("*.jsonl")):
        text = path.read_text("utf-8")
        assert text.endswith("\n"), f"{path.name}: last line not terminated"
        records += [json.loads(line) for line in text.splitlines()]
    return records


def of_type(records: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [r for r in records if r["type"] == kind]


def assert_published_exactly_once(folder: Path, origin: str) -> None:
    records = published(folder)
    articles = Counter(r["url"].removeprefix(origin) for r in of_type(records, "article"))
    assert set(articles) == ARTICLES, "articles lost"
    assert max(articles.values()) == 1, f"articles written twice: {articles.most_common(3)}"
    tickers = Counter(r["id"] for r in of_type(records, "ticker_headline"))
    assert len(tickers) == TICKER and max(tickers.values()) == 1
    related = Counter((r["article_id"], r["position"]) for r in of_type(records, "related_link"))
    assert len(related) == RELATED and max(related.values()) == 1


def no_partial_output(folder: Path) -> None:
    """Whatever is named ``*.jsonl`` is complete: whole lines of valid JSON."""
    published(folder)


# -- incremental runs -------------------------------------------------------------------


def test_second_run_writes_nothing_and_a_changed_page_comes_out_as_version_2(
    site: MirrorServer, tmp_path: Path
) -> None:
    origin = site.url(SITE)
    first = scrapy_crawl(tmp_path, origin)
    assert first.returncode == 0, first.log[-3000:]
    assert len(of_type(published(tmp_path), "article")) == len(ARTICLES)
    assert first.summary["articles"]["new"] == len(ARTICLES)

    second = scrapy_crawl(tmp_path, origin)
    assert second.returncode == 0, second.log[-3000:]
    assert len(list((tmp_path / "data" / SITE).glob("*.jsonl"))) == 1, "no second output file"
    assert second.summary["note"].startswith("nothing new")
    assert second.summary["articles"]["skipped_known"] == len(ARTICLES)
    assert "newscrawl/page/article" not in second.stats, "known articles are not fetched again"
    assert second.summary["ticker"]["seen_before"] == TICKER
    assert [h["times_seen"] for h in second.summary["ticker"]["headlines"]] == [2] * TICKER
    assert "exit status 0 (ok)" in second.log.splitlines()[-1]

    # The site corrects one article, and its feed entry shows the new date.
    page = site.page(SITE, CHANGED)
    paragraph = TRUTH["articles"][CHANGED]["paragraphs"][0].encode()
    assert paragraph in page
    site.override(SITE, CHANGED, page.replace(paragraph, paragraph + b" (Updated.)"))
    site.override(SITE, TRUTH["feed"], site.page(SITE, TRUTH["feed"]).replace(*FEED_DATE))
    before = {r["id"]: r for r in of_type(published(tmp_path), "article")}

    third = scrapy_crawl(tmp_path, origin)
    assert third.returncode == 0, third.log[-3000:]
    newest = max((tmp_path / "data" / SITE).glob("*.jsonl"), key=lambda p: p.stat().st_mtime)
    records = [json.loads(line) for line in newest.read_text("utf-8").splitlines()]
    [article] = of_type(records, "article")
    assert article["url"] == origin + CHANGED
    assert article["version"] == 2
    assert article["previous_content_hash"] == before[article["id"]]["content_hash"]
    assert article["content_hash"] != before[article["id"]]["content_hash"]
    assert article["body"].startswith(paragraph.decode() + " (Updated.)")
    assert len(of_type(records, "related_link")) == len(TRUTH["articles"][CHANGED]["related"])
    assert not of_type(records, "ticker_headline")
    assert third.summary["articles"]["changed"] == 1

    full = scrapy_crawl(tmp_path, origin, "-a", "full=1")
    assert full.returncode == 0, full.log[-3000:]
    newest = max((tmp_path / "data" / SITE).glob("*.jsonl"), key=lambda p: p.stat().st_mtime)
    records = [json.loads(line) for line in newest.read_text("utf-8").splitlines()]
    versions = {r["url"].removeprefix(origin): r["version"] for r in of_type(records, "article")}
    assert versions == {path: 2 if path == CHANGED else 1 for path in ARTICLES}
    assert len(of_type(records, "ticker_headline")) == TICKER


def test_a_stale_lock_of_a_dead_run_is_taken_over(site: MirrorServer, tmp_path: Path) -> None:
    (tmp_path / "state").mkdir()
    lock = tmp_path / "state" / f"{SITE}@127.0.0.1-{site.url(SITE).rsplit(':', 1)[1]}.lock"
    lock.write_text("pid 999999 started 2026-01-01T00:00:00+00:00\n")  # nobody holds its flock
    run = scrapy_crawl(tmp_path, site.url(SITE))
    assert run.returncode == 0, run.log[-3000:]
    assert "took over" in run.log and "pid 999999" in run.log
    assert lock.read_text() == ""  # released at the end


# -- SIGKILL anywhere, then a rerun ------------------------------------------------------

KILL_POINTS = [
    "opened",  # early: set up, nothing fetched
    "line:3",  # early: the first ticker lines written
    "line:30",  # mid-crawl
    "half_line:25",  # mid-line: a torn last line
    "before_rename",  # the output complete under its temporary name
    "after_rename",  # the output in place, the state not committed
]


@pytest.mark.parametrize("point", KILL_POINTS)
def test_sigkill_then_rerun_publishes_every_record_exactly_once(
    site: MirrorServer, tmp_path: Path, point: str
) -> None:
    origin = site.url(SITE)
    killed = scrapy_crawl(tmp_path, origin, kill_at=point)
    assert killed.returncode == -signal.SIGKILL, killed.log[-3000:]
    no_partial_output(tmp_path)
    if point != "after_rename":
        assert not published(tmp_path), "a killed run published nothing by itself"

    rerun = scrapy_crawl(tmp_path, origin)
    assert rerun.returncode == 0, rerun.log[-3000:]
    assert_published_exactly_once(tmp_path, origin)
    assert not list((tmp_path / "data" / SITE).glob(".*")), "temporary files left behind"
    [recovered] = rerun.summary["recovered"]
    if point in ("line:30", "half_line:25", "before_rename"):
        assert recovered["published"], "the dead run's complete lines were published"
        summary = Path(recovered["published"][0] + ".summary.json")
        assert json.loads(summary.read_text("utf-8"))["recovered"] is True
    if point == "half_line:25":
        assert recovered["dropped_lines"] >= 1


def test_sigkill_from_outside_mid_crawl(site: MirrorServer, tmp_path: Path) -> None:
    """Killed by another process when its output has a few lines, whatever it was doing."""
    origin = site.url(SITE)
    sets = {**FAST, **NOW, "DOWNLOAD_DELAY": "0.05"}
    command = [sys.executable, "-m", "scrapy", "crawl", SITE, "-a", f"base_url={origin}"]
    command += [x for k, v in sets.items() for x in ("-s", f"{k}={v}")]
    proc = subprocess.Popen(command, cwd=tmp_path, env=crawl_env(), stderr=subprocess.DEVNULL)
    out = tmp_path / "data" / SITE
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        temp = list(out.glob(".*.part")) if out.exists() else []
        if temp and temp[0].read_bytes().count(b"\n") >= 10:
            break
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    no_partial_output(tmp_path)
    rerun = scrapy_crawl(tmp_path, origin)
    assert rerun.returncode == 0, rerun.log[-3000:]
    assert_published_exactly_once(tmp_path, origin)


def test_jobdir_alone_does_not_survive_sigkill(site: MirrorServer, tmp_path: Path) -> None:
    """What Scrapy offers without our state: JOBDIR (on-disk request queue, seen-requests
    file) and the stock file storage appending to one file, killed after 40 records and
    resumed with the same JOBDIR. Seen on Scrapy 2.19, either way round from run to run:
    ``requests.seen`` still empty (its writes are buffered and died with the process), so
    the resumed run fetched every page again next to the killed run's appended lines (7 of
    12 articles twice); or ``requests.seen`` flushed while the queue was lost, so the resumed
    run fetched nothing more (articles lost, and exit status 1: zero articles). Never every
    record exactly once."""
    origin = site.url(SITE)
    stock = json.dumps({"": "scrapy.extensions.feedexport.FileFeedStorage"})
    plain = {"NEWSCRAWL_STATE_DIR": "", "JOBDIR": "job", "FEED_STORAGES": stock}
    args = ("-o", "out.jsonl")
    killed = scrapy_crawl(tmp_path, origin, *args, kill_at="item:40", **plain)
    assert killed.returncode == -signal.SIGKILL
    resumed = scrapy_crawl(tmp_path, origin, *args, **plain)
    assert resumed.returncode in (0, 1), resumed.log[-3000:]
    lines = (tmp_path / "out.jsonl").read_text("utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    articles = Counter(r["url"] for r in of_type(records, "article"))
    lost = len(ARTICLES) - len(articles)
    twice = sum(n - 1 for n in articles.values())
    assert lost or twice, "JOBDIR alone happened to give every article once"


# -- one run at a time -------------------------------------------------------------------


def test_two_simultaneous_starts_one_runs_the_other_exits_75(
    site: MirrorServer, tmp_path: Path
) -> None:
    origin = site.url(SITE)
    sets = {**FAST, **NOW, "DOWNLOAD_DELAY": "0.1", "NEWSCRAWL_PROGRESS_INTERVAL": "0.5"}
    command = [sys.executable, "-m", "scrapy", "crawl", SITE, "-a", f"base_url={origin}"]
    command += [x for k, v in sets.items() for x in ("-s", f"{k}={v}")]
    popen = {"cwd": tmp_path, "env": crawl_env(), "stderr": subprocess.PIPE, "text": True}
    first, second = subprocess.Popen(command, **popen), subprocess.Popen(command, **popen)
    logs = {first.pid: first.communicate(timeout=300)[1], second.pid: second.communicate()[1]}
    codes = {first.pid: first.returncode, second.pid: second.returncode}
    assert sorted(codes.values()) == [0, 75], {p: logs[p][-2000:] for p in logs}
    winner = next(p for p, c in codes.items() if c == 0)
    loser = next(p for p, c in codes.items() if c == 75)
    refusal = [line for line in logs[loser].splitlines() if "another run holds" in line]
    assert len(refusal) == 1 and f"pid {winner} started" in refusal[0]
    assert "Spider opened" not in logs[loser], "the second start fetched nothing"
    assert "progress: " in logs[winner]  # a progress line every NEWSCRAWL_PROGRESS_INTERVAL


# -- exit statuses -----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_site_down_exits_1(tmp_path: Path) -> None:
    run = scrapy_crawl(tmp_path, f"http://127.0.0.1:{free_port()}")  # nothing listens
    assert run.returncode == 1, run.log[-3000:]
    assert run.summary["reason"].startswith("no response from the site")
    assert "ConnectionRefusedError" in run.summary["reason"]
    assert "exit status 1 (FAILED): no response from the site" in run.log.splitlines()[-1]
    assert not published(tmp_path)
    summaries = list((tmp_path / "data" / SITE).glob("*.jsonl.summary.json"))
    assert len(summaries) == 1, "a run that wrote nothing still leaves its summary"


def test_every_page_500_exits_1(site: MirrorServer, tmp_path: Path) -> None:
    site.fail_all(SITE, 500)
    run = scrapy_crawl(tmp_path, site.url(SITE))
    assert run.returncode == 1, run.log[-3000:]
    assert re.match(r"error rate 100% over NEWSCRAWL_MAX_ERROR_RATE", run.summary["reason"])
    assert run.summary["errors"]["http_500"] >= 1


def test_zero_articles_while_the_site_answered_exits_1(site: MirrorServer, tmp_path: Path) -> None:
    # The site now forbids its article pages to robots: home, sections and feed still answer.
    forbid = "User-agent: *\nDisallow: /sections/NEWS/Arab/\nDisallow: /sections/NEWS/Local/\n"
    site.override(SITE, "/robots.txt", (forbid + "Disallow: /archive/\n").encode(), "text/plain")
    run = scrapy_crawl(tmp_path, site.url(SITE))
    assert run.returncode == 1, run.log[-3000:]
    assert run.summary["reason"].startswith("zero articles: the site answered")
    assert run.summary["pages"]["listing"] >= 1


@pytest.mark.parametrize("setting", ["NEWSCRAWL_OUTPUT_DIR", "NEWSCRAWL_STATE_DIR"])
def test_unwritable_output_or_state_exits_74_before_any_request(
    site: MirrorServer, tmp_path: Path, setting: str
) -> None:
    # A folder under a regular file cannot be created, even by root (permissions would not
    # stop the root user CI runs as).
    (tmp_path / "a-file").write_text("")
    before = len(site.requests[SITE])
    run = scrapy_crawl(tmp_path, site.url(SITE), **{setting: str(tmp_path / "a-file" / "x")})
    assert run.returncode == 74, run.log[-3000:]
    lines = [line for line in run.log.splitlines() if line.startswith(f"{SITE}: ")]
    assert len(lines) == 1 and "a-file" in lines[0]
    assert len(site.requests[SITE]) == before
    if setting == "NEWSCRAWL_OUTPUT_DIR":
        assert "is not writable" in run.summary["reason"] and run.summary["exit_status"] == 74


def test_an_output_that_cannot_be_stored_exits_74_and_is_recovered_later(
    site: MirrorServer, tmp_path: Path
) -> None:
    """The rename into place fails (here: a folder stands where the file goes): exit 74 with
    the reason, and the next run publishes the complete lines the first one wrote."""
    origin = site.url(SITE)
    (tmp_path / "out.jsonl").mkdir()
    failed = scrapy_crawl(tmp_path, origin, "-O", "out.jsonl")
    assert failed.returncode == 74, failed.log[-3000:]
    assert "out.jsonl could not be written" in failed.summary["reason"]
    (tmp_path / "out.jsonl").rmdir()

    rerun = scrapy_crawl(tmp_path, origin, "-O", "out.jsonl")
    assert rerun.returncode == 0, rerun.log[-3000:]
    [recovered] = rerun.summary["recovered"]
    assert [Path(p).name for p in recovered["published"]] == ["out.recovered-1.jsonl"]
    records = [
        json.loads(line) for p in tmp_path.glob("*.jsonl") for line in p.read_text().splitlines()
    ]
    articles = Counter(r["url"] for r in of_type(records, "article"))
    assert len(articles) == len(ARTICLES) and max(articles.values()) == 1
