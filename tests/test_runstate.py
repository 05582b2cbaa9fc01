"""The parts of a scheduled run, in-process: lock, state, atomic output, recovery, verdict,
and the incremental pipeline. The real processes are in ``tests/test_scheduled.py``."""

from __future__ import annotations

import dataclasses
import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from newscrawl.crawlrun import CrawlRun, StartupError, planned_outputs, state_key
from newscrawl.feedstorage import AtomicFileFeedStorage, publish, temp_name
from newscrawl.items import ArticleItem, TickerHeadlineItem
from newscrawl.lock import LockHeld, SiteLock
from newscrawl.pipelines import IncrementalPipeline
from newscrawl.recovery import complete_units, free_name, read_lines
from newscrawl.spiders.args import CrawlArgs
from newscrawl.spiders.marebpress import MarebpressSpider
from newscrawl.state import Pending, SiteState
from newscrawl.verdict import FAILED, IO_ERROR, OK, Limits, judge

NOW = "2026-02-02T09:00:00+00:00"
HASH_1, HASH_2 = "sha256:" + "1" * 64, "sha256:" + "2" * 64


# -- lock -------------------------------------------------------------------------------


def test_a_second_lock_is_refused_with_the_holder(tmp_path: Path) -> None:
    lock = SiteLock(tmp_path / "site.lock").acquire()
    with pytest.raises(LockHeld) as held:
        SiteLock(tmp_path / "site.lock").acquire()
    assert held.value.holder.startswith("pid ") and " started " in held.value.holder
    lock.release()
    SiteLock(tmp_path / "site.lock").acquire().release()


def test_the_lock_of_a_process_killed_by_sigkill_is_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "site.lock"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from newscrawl.lock import SiteLock;"
            f"SiteLock(Path({str(path)!r})).acquire(); print('held', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    with pytest.raises(LockHeld):
        SiteLock(path).acquire()
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    holder.stdout.close()
    lock = SiteLock(path).acquire()  # the kernel dropped the dead holder's flock
    assert lock.previous_holder.startswith(f"pid {holder.pid} ")
    lock.release()


# -- state ------------------------------------------------------------------------------


def article_pending(article_id: str, content_hash: str, version: int = 1) -> Pending:
    url = f"https://marebpress.net/news_details.php?sid={article_id}"
    data = {"url": url, "canonical_url": url, "version": version, "crawled_at": NOW}
    return Pending("article", article_id, content_hash, 1, data)


def test_only_committed_records_are_known(tmp_path: Path) -> None:
    state = SiteState(tmp_path / "site.sqlite3")
    run = state.begin_run(1, NOW, False)
    state.add_pending(run, article_pending("a", HASH_1))
    state.add_pending(run, article_pending("b", HASH_1))
    assert state.article("a") is None
    assert state.commit(run, [("article", "a")], "done", NOW) == 1
    assert state.article("a") is not None and state.article("b") is None
    assert state.pending(run) == {}, "the pending records not committed are forgotten"
    known = state.article_at("https://marebpress.net/news_details.php?sid=a")
    assert known is not None and known.id == "a"
    assert [r.id for r in state.unfinished_runs()] == []


def test_a_run_that_never_committed_is_unfinished(tmp_path: Path) -> None:
    state = SiteState(tmp_path / "site.sqlite3")
    run = state.begin_run(1, NOW, False)
    state.close()
    assert [r.id for r in SiteState(tmp_path / "site.sqlite3").unfinished_runs()] == [run]


# -- atomic output ----------------------------------------------------------------------


def test_publish_appends_atomically_after_the_old_lines(tmp_path: Path) -> None:
    final, temp = tmp_path / "out.jsonl", tmp_path / ".out.jsonl.run1.part"
    final.write_text('{"a": 1}')  # an old file whose last line lacks its newline
    temp.write_text('{"b": 2}\n')
    publish(temp, final, append=True)
    assert final.read_text() == '{"a": 1}\n{"b": 2}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


def test_the_storage_writes_a_hidden_temporary_file_and_renames_it(tmp_path: Path) -> None:
    final = tmp_path / "sub" / "out.jsonl"
    storage = AtomicFileFeedStorage(str(final), feed_options={"overwrite": True})
    file = storage.open(None)  # type: ignore[arg-type]  # the spider is not used
    file.write(b'{"a": 1}\n')
    assert not final.exists() and storage.temp is not None
    assert storage.temp.name.startswith(".out.jsonl.") and storage.temp.read_bytes()
    storage.store(file)
    assert final.read_text() == '{"a": 1}\n' and not storage.temp.exists()


def test_planned_outputs_name_the_default_folder() -> None:
    crawler = get_crawler(MarebpressSpider, {"NEWSCRAWL_OUTPUT_DIR": "out/%(name)s"})
    [path] = planned_outputs(crawler)
    assert path.parent == Path("out/marebpress") and path.name.startswith("marebpress-")


# -- recovery ---------------------------------------------------------------------------


def line(**record: object) -> str:
    return json.dumps(record)


def test_recovery_keeps_whole_units_only(tmp_path: Path) -> None:
    pending = {
        ("ticker_headline", "t"): Pending("ticker_headline", "t", None, 1, {}),
        ("article", "a"): Pending("article", "a", HASH_1, 3, {}),  # article + 2 related
        ("article", "b"): Pending("article", "b", HASH_1, 3, {}),
    }
    text = "\n".join(
        [
            line(type="ticker_headline", id="t"),
            line(type="article", id="a", content_hash=HASH_1),
            line(type="related_link", article_id="a", position=0),
            line(type="related_link", article_id="a", position=1),
            line(type="article", id="b", content_hash=HASH_1),
            line(type="related_link", article_id="b", position=0),
        ]
    )
    path = tmp_path / ".out.jsonl.run1.part"
    path.write_text(text + "\n" + '{"type": "related_link", "artic')  # killed mid-line
    lines, torn = read_lines(path)
    assert torn == 1 and len(lines) == 6
    kept, keys = complete_units(lines, pending)
    assert keys == {("ticker_headline", "t"), ("article", "a")}
    assert len(kept) == 4, "article b lost a related line: the unit goes, to be fetched again"


def test_a_recovered_output_never_replaces_a_file(tmp_path: Path) -> None:
    final = tmp_path / "out.jsonl"
    assert free_name(final, 7, set()) == final
    assert free_name(final, 7, {final}).name == "out.recovered-7.jsonl"
    final.write_text("")
    assert free_name(final, 7, set()).name == "out.recovered-7.jsonl"


# -- verdict ----------------------------------------------------------------------------

HEALTHY = {
    "newscrawl/fetch/responses": 20,
    "newscrawl/page/listing": 4,
    "newscrawl/page/article": 10,
}
VERDICTS = [
    ("healthy", HEALTHY, "finished", OK, "finished"),
    ("a limit it was given", HEALTHY, "max_articles", OK, "finished"),
    (
        "nothing new, all known",
        {**HEALTHY, "newscrawl/page/article": 0, "newscrawl/state/skipped_known": 10},
        "finished",
        OK,
        "finished",
    ),
    (
        "site down",
        {
            "newscrawl/fetch/exceptions": 6,
            "newscrawl/fetch/errors": 6,
            "newscrawl/errors/ConnectionRefusedError": 6,
        },
        "finished",
        FAILED,
        "no response from the site: 6 request(s) failed (ConnectionRefusedError x6)",
    ),
    (
        "error rate",
        {**HEALTHY, "newscrawl/fetch/errors": 5, "newscrawl/errors/http_500": 5},
        "finished",
        FAILED,
        "error rate 25% over NEWSCRAWL_MAX_ERROR_RATE 20%",
    ),
    (
        "zero articles",
        {**HEALTHY, "newscrawl/page/article": 0},
        "finished",
        FAILED,
        "zero articles: the site answered",
    ),
    (
        "fallbacks",
        {**HEALTHY, "newscrawl/parser/fallback/article.body": 6},
        "finished",
        FAILED,
        "extraction health: the profile selector for article.body",
    ),
    (
        "empty bodies",
        {**HEALTHY, "newscrawl/empty/body": 3},
        "finished",
        FAILED,
        "extraction health: body empty in 3 of 10",
    ),
    (
        "few articles: no health rates",
        {**HEALTHY, "newscrawl/page/article": 2, "newscrawl/empty/body": 2},
        "finished",
        OK,
        "finished",
    ),
    ("stopped by a signal", HEALTHY, "shutdown", FAILED, "stopped before the end (shutdown)"),
]


@pytest.mark.parametrize(
    ("name", "stats", "finish_reason", "status", "reason"), VERDICTS, ids=[v[0] for v in VERDICTS]
)
def test_verdict(name: str, stats: dict, finish_reason: str, status: int, reason: str) -> None:
    limits = Limits(max_empty_rate={"body": 0.2})
    verdict = judge(stats, limits, finish_reason)
    assert (verdict.status, verdict.reason[: len(reason)]) == (status, reason)


def test_a_write_error_is_74_whatever_else() -> None:
    verdict = judge(HEALTHY, Limits(), "finished", ["output out.jsonl could not be written"])
    assert verdict.status == IO_ERROR and "out.jsonl" in verdict.reason


# -- the incremental pipeline ------------------------------------------------------------


def article(content_hash: str = HASH_1) -> ArticleItem:
    return ArticleItem(
        site="marebpress.net",
        crawled_at=NOW,
        id="0123456789abcdef",
        url="https://marebpress.net/news_details.php?lang=arabic&sid=1",
        canonical_url="https://marebpress.net/news_details.php?lang=arabic&sid=1",
        language="ar",
        section=None,
        title="عنوان",
        published_at=None,
        published_date="2026-01-30",
        published_raw=None,
        published_source=None,
        modified_at=None,
        body="نص",
        content_hash=content_hash,
    )


def ticker() -> TickerHeadlineItem:
    return TickerHeadlineItem(
        site="marebpress.net",
        crawled_at=NOW,
        id="00000000000000aa",
        title="عاجل",
        url=None,
        position=0,
        page_url="https://marebpress.net/",
    )


def run_once(tmp_path: Path, *items: object, full: bool = False) -> list[object]:
    """Pass items through the pipeline in one run with state in tmp_path; commit what
    passed (as the run does once its output is in place)."""
    crawler = get_crawler(MarebpressSpider, {"NEWSCRAWL_STATE_DIR": str(tmp_path), "FEEDS": {}})
    run = CrawlRun.start(crawler, None, full)
    crawler.stats.open_spider()
    pipeline = IncrementalPipeline.from_crawler(crawler)
    passed = []
    for item in items:
        try:
            passed.append(pipeline.process_item(dataclasses.replace(item)))  # type: ignore[type-var]
        except DropItem:
            continue
        run.item_written(passed[-1])
    run.commit()
    run.close()
    return passed


def test_new_unchanged_changed_and_full(tmp_path: Path) -> None:
    [first, _] = run_once(tmp_path, article(), ticker())
    assert (first.version, first.previous_content_hash) == (1, None)  # type: ignore[attr-defined]
    assert run_once(tmp_path, article(), ticker()) == []
    [changed] = run_once(tmp_path, article(HASH_2), ticker())
    assert changed.version == 2 and changed.previous_content_hash == HASH_1  # type: ignore[attr-defined]
    everything = run_once(tmp_path, article(HASH_2), ticker(), full=True)
    assert [type(x).__name__ for x in everything] == ["ArticleItem", "TickerHeadlineItem"]
    assert everything[0].version == 2  # type: ignore[attr-defined]
    state = SiteState(tmp_path / "marebpress.sqlite3")
    known = state.ticker("00000000000000aa")
    assert known is not None and known.times_seen == 4


def test_a_locked_site_refuses_to_start(tmp_path: Path) -> None:
    crawler = get_crawler(MarebpressSpider, {"NEWSCRAWL_STATE_DIR": str(tmp_path), "FEEDS": {}})
    lock = SiteLock(tmp_path / "marebpress.lock").acquire()
    with pytest.raises(StartupError) as refused:
        CrawlRun.start(crawler, None, False)
    assert refused.value.status == 75 and "another run holds" in refused.value.message
    lock.release()


def test_a_mirror_has_its_own_state() -> None:
    assert state_key("marebpress", None) == "marebpress"
    assert state_key("marebpress", "http://127.0.0.1:8000") == "marebpress@127.0.0.1-8000"


@pytest.mark.parametrize(("value", "full"), [("1", True), ("0", False), ("true", True)])
def test_full_argument(value: str, full: bool) -> None:
    assert CrawlArgs.parse(full=value).full is full


def test_temp_names_are_hidden_and_never_jsonl() -> None:
    name = temp_name(Path("data/x/x-1.jsonl"), "run3").name
    assert name.startswith(".") and not name.endswith(".jsonl")


def test_a_run_never_takes_another_runs_output_name(tmp_path: Path) -> None:
    """Two runs started in the same second (a rerun after a kill whose recovered output
    took the name): the second gets a name of its own, its summary too."""
    from newscrawl.feedstorage import unused_name

    first = tmp_path / "site-2026-02-02T09-00-00.jsonl"
    assert unused_name(first) == first
    first.write_text("{}\n")
    assert unused_name(first) == tmp_path / "site-2026-02-02T09-00-00-1.jsonl"
    lone_summary = tmp_path / "other.jsonl"  # a run that wrote nothing left its summary
    (tmp_path / "other.jsonl.summary.json").write_text("{}")
    assert unused_name(lone_summary) == tmp_path / "other-1.jsonl"
