"""``newscrawl report [DIR]``: one self-contained HTML page about the crawls kept in DIR.

DIR is an archive home (``NEWSCRAWL_HOME``, default the working folder): its state files
(``state/*.sqlite3``: articles, ticker headlines with first and last seen, runs with their
summaries), its outputs (``**/*.jsonl``) and run summaries (``*.summary.json``), and the
failures files beside the outputs when there are any. The page shows

- articles per day per site (publication date; from the state, else from the outputs),
- the ticker timeline: when each headline was first and last seen (from the state; without
  one, from the runs' summaries, per run),
- per-run health: pages read, errors by kind, profile fallbacks by part, dates that did not
  parse, duration, and each site's last run with its exit status and reason,
- the latest failures (``*.failures.ndjson`` beside the outputs: the URLs runs gave up on).

Plots are drawn by matplotlib and inlined as SVG with their text kept as text (the browser
shapes Arabic headlines); no script, no stylesheet or font from the network.
"""

from __future__ import annotations

import html
import io
import json
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import matplotlib

# Figures are made without pyplot (no display, no GUI toolkit, no global state) and saved
# as SVG by matplotlib's SVG backend.
from matplotlib import dates as mdates
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

REPORT_NAME = "newscrawl-report.html"
MAX_TIMELINE = 40  # headlines in the ticker timeline (the most recently seen)
MAX_FAILURES = 30  # rows of the failures table
MAX_LABEL = 70  # characters of a headline shown on the timeline
TIMELINE_PAD_DAYS = 1 / 24  # an hour either side at least
# The failures files beside the outputs (one line per URL given up on), and the columns of
# their table shown first.
FAILURES_FILES = ("*.failures.ndjson", "*.failures.jsonl")
FAILURE_COLUMNS = ("last_attempt", "url", "reason", "status", "attempts", "runs", "detail")
PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#17becf")


@dataclass
class Run:
    """One run of one site (a row of the state's ``runs``, or a summary file)."""

    site: str
    started_at: datetime
    status: str
    exit_status: int | None
    reason: str
    summary: dict[str, Any]

    @property
    def label(self) -> str:
        return f"{self.site} {self.started_at:%m-%d %H:%M:%S}"

    def counts(self, key: str) -> dict[str, int]:
        value = self.summary.get(key) or {}
        return {str(k): int(v) for k, v in value.items()} if isinstance(value, dict) else {}


@dataclass
class Headline:
    site: str
    title: str
    first_seen: datetime
    last_seen: datetime
    times_seen: int


@dataclass
class Archive:
    """Everything the report shows, read from one folder."""

    folder: Path
    articles: list[tuple[str, date]] = field(default_factory=list)  # (site, publication date)
    undated: Counter[str] = field(default_factory=Counter)
    runs: list[Run] = field(default_factory=list)
    ticker: list[Headline] = field(default_factory=list)
    ticker_source: str = "state"
    failures: list[dict[str, Any]] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # files read, for the page's footer


# -- reading ------------------------------------------------------------------------------


def collect(folder: Path) -> Archive:
    """Read the state files, outputs, summaries and failures files under ``folder``."""
    archive = Archive(folder)
    states = sorted(p for p in folder.rglob("*.sqlite3") if not _hidden(p, folder))
    for path in states:
        _read_state(archive, path)
    if not states:
        _read_outputs(archive, folder)
        _read_summaries(archive, folder)
    archive.failures = _read_failures(folder)
    archive.runs.sort(key=lambda run: run.started_at)
    return archive


def _hidden(path: Path, folder: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(folder).parts)


def _read_state(archive: Archive, path: Path) -> None:
    site = path.name.removesuffix(".sqlite3")
    archive.sources.append(str(path))
    # Not mode=ro: a read-only reader of a WAL database leaves -wal and -shm files behind
    # in the state folder; a query-only connection cleans up when it closes.
    db = sqlite3.connect(path, timeout=10)
    db.execute("PRAGMA query_only = ON")
    db.row_factory = sqlite3.Row
    try:
        for row in db.execute("SELECT published_date FROM articles"):
            _add_article(archive, site, row["published_date"])
        for row in db.execute("SELECT title, first_seen, last_seen, times_seen FROM ticker"):
            archive.ticker.append(
                Headline(
                    site,
                    row["title"],
                    _instant(row["first_seen"]),
                    _instant(row["last_seen"]),
                    row["times_seen"],
                )
            )
        for row in db.execute(
            "SELECT started_at, status, exit_status, reason, summary FROM runs ORDER BY id"
        ):
            summary = json.loads(row["summary"]) if row["summary"] else {}
            archive.runs.append(
                Run(
                    site,
                    _instant(row["started_at"]),
                    row["status"],
                    row["exit_status"],
                    row["reason"] or row["status"],
                    summary,
                )
            )
    finally:
        db.close()


def _read_outputs(archive: Archive, folder: Path) -> None:
    """Articles from the JSON Lines outputs (a folder without state, e.g. the demo's)."""
    latest: dict[tuple[str, str], str | None] = {}
    for path in _files(folder, "*.jsonl"):
        if path.name.endswith(".failures.jsonl"):
            continue
        archive.sources.append(str(path))
        for record in _json_lines(path):
            if record.get("type") == "article" and record.get("id"):
                latest[(str(record.get("site")), str(record["id"]))] = record.get("published_date")
    for (site, _), published in latest.items():
        _add_article(archive, site, published)


def _read_summaries(archive: Archive, folder: Path) -> None:
    """Runs and the ticker as each run saw it, from the summaries (no state)."""
    seen: set[tuple[str, str]] = set()
    ticker: dict[tuple[str, str], Headline] = {}
    for path in [*_files(folder, "*.summary.json"), *_files(folder, "*.last-run.json")]:
        try:
            summary = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            continue
        key = (str(summary.get("spider")), str(summary.get("started_at")))
        if key in seen or not summary.get("started_at"):
            continue
        seen.add(key)
        archive.sources.append(str(path))
        run = Run(
            key[0],
            _instant(key[1]),
            "done",
            summary.get("exit_status"),
            str(summary.get("reason", "")),
            summary,
        )
        archive.runs.append(run)
        for entry in (summary.get("ticker") or {}).get("headlines") or []:
            _saw(ticker, run, str(entry.get("title", "")))
    archive.ticker = list(ticker.values())
    archive.ticker_source = "runs"


def _saw(ticker: dict[tuple[str, str], Headline], run: Run, title: str) -> None:
    known = ticker.get((run.site, title))
    if known is None:
        ticker[(run.site, title)] = Headline(run.site, title, run.started_at, run.started_at, 1)
        return
    known.first_seen = min(known.first_seen, run.started_at)
    known.last_seen = max(known.last_seen, run.started_at)
    known.times_seen += 1


def _read_failures(folder: Path) -> list[dict[str, Any]]:
    rows = []
    for pattern in FAILURES_FILES:
        for path in _files(folder, pattern):
            for record in _json_lines(path):
                rows.append({**record, "file": path.name})
    rows.sort(key=_failure_time, reverse=True)
    return rows[:MAX_FAILURES]


def _failure_time(row: dict[str, Any]) -> str:
    for key in ("last_attempt", "first_attempt", "failed_at", "at", "time"):
        if row.get(key):
            return str(row[key])
    return ""


def _add_article(archive: Archive, site: str, published: str | None) -> None:
    try:
        archive.articles.append((site, date.fromisoformat(str(published))))
    except ValueError:
        archive.undated[site] += 1


def _files(folder: Path, pattern: str) -> list[Path]:
    return sorted(p for p in folder.rglob(pattern) if p.is_file() and not _hidden(p, folder))


def _json_lines(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            try:
                record = json.loads(line)
            except ValueError:
                continue  # a torn line: the archive's recovery deals with those
            if isinstance(record, dict):
                yield record


def _instant(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# -- plots --------------------------------------------------------------------------------


@dataclass
class Plot:
    """One figure of the page: its SVG and how many data points it shows."""

    title: str
    svg: str
    points: int
    note: str = ""


def _colors(sites: Iterable[str]) -> dict[str, str]:
    return {site: PALETTE[i % len(PALETTE)] for i, site in enumerate(sorted(set(sites)))}


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "newscrawl"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    text = buffer.getvalue()
    return text[text.index("<svg") :]  # the XML prolog and DOCTYPE cannot sit in HTML


def articles_per_day(archive: Archive) -> Plot:
    per_site: dict[str, Counter[date]] = defaultdict(Counter)
    for site, day in archive.articles:
        per_site[site][day] += 1
    figure = Figure(figsize=(10, 3.6))
    axes = figure.subplots()
    colors = _colors(per_site)
    points = 0
    for site, counts in sorted(per_site.items()):
        days = sorted(counts)
        x = [mdates.date2num(day) for day in days]
        y = [counts[d] for d in days]
        axes.vlines(x, 0, y, color=colors[site], alpha=0.5, lw=1)
        axes.plot(x, y, "o", label=site, color=colors[site], ms=4)
        points += len(days)
    axes.xaxis_date()
    axes.set_ylim(bottom=0)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylabel("articles")
    axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(axes.xaxis.get_major_locator()))
    _finish(axes, per_site)
    undated = ", ".join(f"{site}: {n}" for site, n in sorted(archive.undated.items()))
    note = f"Without a publication date (not shown): {undated}." if undated else ""
    return Plot("Articles per day of publication, per site", _svg(figure), points, note)


def ticker_timeline(archive: Archive) -> Plot:
    headlines = sorted(archive.ticker, key=lambda h: h.last_seen)[-MAX_TIMELINE:]
    figure = Figure(figsize=(10, 1.2 + 0.28 * max(len(headlines), 1)))
    axes = figure.subplots()
    colors = _colors(h.site for h in headlines)
    for row, headline in enumerate(headlines):
        start = mdates.date2num(headline.first_seen)
        width = mdates.date2num(headline.last_seen) - start
        axes.barh(row, width, left=start, height=0.6, color=colors[headline.site])
        axes.plot([start], [row], "|", color=colors[headline.site], ms=10)
    axes.set_yticks(range(len(headlines)), [_short(h.title) for h in headlines], fontsize=7)
    if headlines:
        # Room around the marks: one run's headlines are all seen in the same minute, and a
        # mark on the frame cannot be seen.
        first = min(mdates.date2num(h.first_seen) for h in headlines)
        last = max(mdates.date2num(h.last_seen) for h in headlines)
        pad = max((last - first) * 0.05, TIMELINE_PAD_DAYS)
        axes.set_xlim(first - pad, last + pad)
    axes.xaxis_date()
    axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(axes.xaxis.get_major_locator()))
    _legend(axes, colors)
    source = "the state (first and last seen)" if archive.ticker_source == "state" else "runs"
    note = f"From {source}; the {len(headlines)} most recently seen of {len(archive.ticker)}."
    return Plot("Ticker headlines: first seen to last seen", _svg(figure), len(headlines), note)


def run_metric(
    archive: Archive, title: str, values: Sequence[Mapping[str, float]], unit: str
) -> Plot:
    """A stacked bar per run: ``values[i]`` maps a kind to its amount in run ``i``."""
    kinds = sorted({kind for amounts in values for kind in amounts})
    figure = Figure(figsize=(10, 3.2))
    axes = figure.subplots()
    positions = range(len(archive.runs))
    bottom = [0.0] * len(archive.runs)
    for i, kind in enumerate(kinds):
        heights = [float(amounts.get(kind, 0)) for amounts in values]
        color = PALETTE[i % len(PALETTE)]
        axes.bar(positions, heights, bottom=bottom, label=kind, color=color)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    if not kinds:
        axes.bar(positions, bottom, color="#cccccc")  # zero everywhere: the runs still show
    axes.set_ylim(0, max([*bottom, 0.0]) * 1.1 or 1)
    axes.yaxis.set_major_locator(MaxNLocator(integer=unit != "seconds"))
    axes.set_xticks(positions, [run.label for run in archive.runs], rotation=35, ha="right")
    axes.tick_params(axis="x", labelsize=7)
    axes.set_ylabel(unit)
    if kinds:
        axes.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    note = "" if kinds else "None in these runs."
    return Plot(title, _svg(figure), len(archive.runs), note)


def health_plots(archive: Archive) -> list[Plot]:
    runs = archive.runs
    return [
        run_metric(
            archive, "Pages read per run, by kind", [r.counts("pages") for r in runs], "pages"
        ),
        run_metric(
            archive, "Errors per run, by kind", [r.counts("errors") for r in runs], "requests"
        ),
        run_metric(
            archive,
            "Profile fallbacks per run, by part (a selector matched nothing)",
            [r.counts("fallbacks") for r in runs],
            "pages",
        ),
        run_metric(
            archive,
            "Dates that did not read, per run",
            [_unread_dates(r) for r in runs],
            "dates",
        ),
        run_metric(
            archive,
            "Duration per run",
            [{"seconds": round(float(r.summary.get("duration_seconds") or 0), 1)} for r in runs],
            "seconds",
        ),
    ]


def _unread_dates(run: Run) -> dict[str, int]:
    return {k: v for k, v in run.counts("dates").items() if k not in ("normalized", "conflict")}


def _finish(axes: Any, series: Iterable[str]) -> None:
    if list(series):
        axes.legend(fontsize=8, loc="upper left")
    axes.grid(alpha=0.3)


def _legend(axes: Any, colors: dict[str, str]) -> None:
    from matplotlib.patches import Patch

    handles = [Patch(color=color, label=site) for site, color in colors.items()]
    if handles:
        axes.legend(handles=handles, fontsize=7, loc="lower right")


def _short(title: str) -> str:
    title = " ".join(title.split())
    return title if len(title) <= MAX_LABEL else title[: MAX_LABEL - 1] + "…"


# -- the page -----------------------------------------------------------------------------

STYLE = """
body { font-family: system-ui, sans-serif; margin: 1.5rem auto; max-width: 1100px; color: #222; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
figure { margin: 1rem 0; } figcaption { font-weight: 600; margin-bottom: .3rem; }
figure svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; font-size: .85rem; width: 100%; }
th, td { border-bottom: 1px solid #ddd; padding: .25rem .5rem; text-align: left; }
td { vertical-align: top; }
.ok { color: #1a7f37; } .bad { color: #b42318; font-weight: 600; } .note { color: #555; }
"""


def render(archive: Archive, generated_at: datetime | None = None) -> str:
    """The report page (HTML) of an archive."""
    moment = (generated_at or datetime.now(UTC)).replace(microsecond=0)
    plots = [articles_per_day(archive), ticker_timeline(archive), *health_plots(archive)]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>newscrawl report: {html.escape(str(archive.folder))}</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>newscrawl report</h1><p class=note>{html.escape(str(archive.folder))} at"
        f" {moment.isoformat()}: {len(archive.articles) + sum(archive.undated.values())}"
        f" article(s), {len(archive.ticker)} ticker headline(s), {len(archive.runs)} run(s).</p>",
        "<h2>Last run of each site</h2>",
        _last_runs(archive.runs),
        "<h2>Articles and ticker</h2>",
        *(_figure(plot) for plot in plots[:2]),
        "<h2>Run health</h2>",
        *(_figure(plot) for plot in plots[2:]),
        "<h2>Latest failures</h2>",
        _failures(archive.failures),
        f"<p class=note>Read: {len(archive.sources)} file(s).</p>",
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _figure(plot: Plot) -> str:
    note = f"<p class=note>{html.escape(plot.note)}</p>" if plot.note else ""
    return (
        f'<figure class="plot" data-points="{plot.points}">'
        f"<figcaption>{html.escape(plot.title)}</figcaption>{plot.svg}{note}</figure>"
    )


def _last_runs(runs: list[Run]) -> str:
    last = {run.site: run for run in runs}
    if not last:
        return "<p class=note>No runs found.</p>"
    rows = "".join(
        f"<tr><td>{html.escape(site)}</td><td>{run.started_at.isoformat()}</td>"
        f"<td class={'ok' if run.exit_status == 0 else 'bad'}>{run.exit_status}</td>"
        f"<td>{html.escape(run.reason)}</td></tr>"
        for site, run in sorted(last.items())
    )
    head = "<tr><th>site</th><th>started</th><th>exit status</th><th>reason</th></tr>"
    return f"<table>{head}{rows}</table>"


def _failures(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "<p class=note>No failures: no failures file beside the outputs.</p>"
    present = {key for row in rows for key in row}
    columns = [c for c in FAILURE_COLUMNS if c in present] or sorted(present)[:8]
    columns.append("file")
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(_cell(row.get(c)))}</td>" for c in columns) + "</tr>"
        for row in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return re.sub(r"\s+", " ", text)[:300]


def write(folder: Path, out: Path | None = None) -> Path:
    """Write the report of ``folder`` to ``out`` (default: ``folder/newscrawl-report.html``)."""
    target = out or folder / REPORT_NAME
    page = render(collect(folder))
    temp = target.with_name(f".{target.name}.part")
    temp.write_text(page, encoding="utf-8")
    temp.replace(target)  # a browser reloading it never sees half a page
    return target
