"""The run summary: ``<output>.summary.json`` beside each output, and one human line.

Built from the crawl's stats and what the run did (outputs, recovery, the ticker as it
stood); a pure function of them, so it reads the same for every run.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from newscrawl import coverage, failures
from newscrawl.crawlrun import CrawlRun, utc_now
from newscrawl.verdict import Verdict, fetches, prefixed

NOTHING_NEW = "nothing new since the last run: no output file written"


def build(
    run: CrawlRun, stats: Mapping[str, Any], verdict: Verdict, finish_reason: str
) -> dict[str, Any]:
    finished_at = utc_now()
    responses, unanswered, errors = fetches(stats)
    requests = responses + unanswered
    outputs = [
        {"path": str(o.path), "written": o.published, "records": o.lines, "error": o.error}
        for o in run.outputs.values()
    ]
    summary: dict[str, Any] = {
        "spider": run.crawler.spidercls.name,
        "state": str(run.state_path) if run.state_path else None,
        "run_id": run.run_id,
        "started_at": run.started_at,
        "finished_at": finished_at,
        "duration_seconds": _seconds(run.started_at, finished_at),
        "exit_status": verdict.status,
        "reason": verdict.reason,
        "problems": list(verdict.problems),
        "finish_reason": finish_reason,
        "full": run.full,
        "outputs": outputs,
        "records": dict(sorted(run.written.items())),
        "articles": {
            "read": int(stats.get("newscrawl/page/article", 0)),
            **{
                outcome: int(stats.get(f"newscrawl/state/{outcome}", 0))
                for outcome in ("new", "changed", "unchanged", "skipped_known")
            },
        },
        "ticker": {
            "new": int(stats.get("newscrawl/state/ticker/new", 0)),
            "seen_before": int(stats.get("newscrawl/state/ticker/seen", 0)),
            "headlines": _ticker(run),
        },
        "pages": prefixed(stats, "newscrawl/page/"),
        "requests": {
            "sent": requests,
            "responses": responses,
            "failed": errors,
            "error_rate": round(errors / requests, 4) if requests else None,
        },
        "errors": prefixed(stats, "newscrawl/errors/"),
        # URLs given up on, by reason (listed in <output>.failures.ndjson), and what the
        # state remembers for later runs.
        "failures": failures.summarize(stats, run.crawler),
        # What the listings, feeds and sitemaps showed in the window, and what became of it.
        "coverage": coverage.summary(stats, getattr(run.crawler.spider, "coverage", None)),
        "fallbacks": prefixed(stats, "newscrawl/parser/fallback/"),
        "empty_fields": prefixed(stats, "newscrawl/empty/"),
        "dates": prefixed(stats, "newscrawl/dates/"),
        "recovered": [r.as_dict() for r in run.recovered],
    }
    if not any(o.published for o in run.outputs.values()) and not run.write_errors:
        summary["note"] = NOTHING_NEW
    return summary


def line(summary: Mapping[str, Any]) -> str:
    """The human line at the end of the log."""
    status = summary["exit_status"]
    articles, ticker = summary["articles"], summary["ticker"]
    written = [o["path"] for o in summary["outputs"] if o["written"]]
    return (
        f"{summary['spider']}: exit status {status} ({'ok' if status == 0 else 'FAILED'}):"
        f" {summary['reason']}; articles: {articles['new']} new, {articles['changed']} changed,"
        f" {articles['unchanged']} unchanged, {articles['skipped_known']} known and skipped;"
        f" {ticker['new']} new ticker headline(s); output: {', '.join(written) or 'none'}"
    )


def _ticker(run: CrawlRun) -> list[dict[str, Any]]:
    headlines = []
    for entry in sorted(run.ticker, key=lambda e: e["position"]):
        known = run.state.ticker(entry["id"]) if run.state is not None else None
        headlines.append(
            {
                **{k: v for k, v in entry.items() if k != "page_url"},
                "first_seen": known.first_seen if known else None,
                "last_seen": known.last_seen if known else None,
                "times_seen": known.times_seen if known else None,
            }
        )
    return headlines


def _seconds(start: str, end: str) -> float:
    return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()
