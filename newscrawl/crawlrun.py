"""One crawl of one site, from its lock to its last commit.

A :class:`CrawlRun` is set up before anything is fetched (by ``scrapy crawl`` itself, so a
refusal is one line and an exit status, or else by :class:`newscrawl.extensions.RunReport`):

1. take the site's lock (``<state dir>/<site>.lock``): held -> exit status 75;
2. open the site's state (``<state dir>/<site>.sqlite3``): unwritable -> 74;
3. check every output folder can be written: else 74 (before crawling for an hour);
4. recover the runs the state calls unfinished (killed): :mod:`newscrawl.recovery`;
5. start a run row; the run's records are then journaled as they are written.

At the end (:meth:`CrawlRun.commit`) the records written are committed once every output is
renamed into place. A site crawled through ``-a base_url`` (a mirror) has its own state,
named after the origin, so a mirror never hides a real article from the archive.
``NEWSCRAWL_STATE_DIR`` empty: no state, no lock, no incremental output (one-off runs).
"""

from __future__ import annotations

import logging
import os
import re
import weakref
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlparse, urlsplit

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler

from newscrawl import faults, recovery
from newscrawl.feedstorage import write_json
from newscrawl.lock import LockHeld, SiteLock
from newscrawl.state import Pending, SiteState, StateError
from newscrawl.verdict import IO_ERROR, LOCKED, Verdict

logger = logging.getLogger(__name__)

FILE_SCHEMES = ("", "file")


class StartupError(Exception):
    """The run cannot start; ``status`` is the process exit status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class Output:
    """One file output of the run."""

    path: Path
    append: bool
    temp: Path | None = None
    lines: int = 0
    published: bool = False
    error: str | None = None


def utc_now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def state_key(spider: str, base_url: str | None) -> str:
    """The name of a site's state and lock files: the spider, plus the origin on a mirror."""
    if not base_url:
        return spider
    origin = re.sub(r"[^A-Za-z0-9.-]+", "-", urlsplit(base_url).netloc).strip("-")
    return f"{spider}@{origin}"


class CrawlRun:
    """Lock, state and journal of one crawl (one per crawler, shared by its components)."""

    _runs: ClassVar[weakref.WeakKeyDictionary[Crawler, CrawlRun]] = weakref.WeakKeyDictionary()

    def __init__(self, crawler: Crawler, key: str, full: bool, state_dir: Path | None) -> None:
        self.crawler = crawler
        self.key = key
        self.full = full
        self.state_dir = state_dir
        self.started_at = utc_now()
        self.lock: SiteLock | None = None
        self.state: SiteState | None = None
        self.run_id: int | None = None
        self.outputs: dict[Path, Output] = {}
        self.recovered: list[recovery.Recovered] = []
        self.written: Counter[str] = Counter()  # records written, by type
        self._written_keys: set[tuple[str, str]] = set()
        self.ticker: list[dict[str, Any]] = []  # the ticker as it stood (first page read)
        self.committed: int | None = None
        self.write_errors: list[str] = []
        self.verdict: Verdict | None = None  # set at the end by RunReport
        self.closed = False

    # -- set-up ---------------------------------------------------------------------------

    @classmethod
    def of(cls, crawler: Crawler) -> CrawlRun | None:
        return cls._runs.get(crawler)

    @classmethod
    def start(cls, crawler: Crawler, base_url: str | None, full: bool) -> CrawlRun:
        """Set up the run of this crawler (once; later calls return the same run)."""
        existing = cls.of(crawler)
        if existing is not None:
            return existing
        folder = crawler.settings.get("NEWSCRAWL_STATE_DIR") or ""
        name = getattr(crawler.spidercls, "name", "spider")
        run = cls(crawler, state_key(name, base_url), full, Path(folder) if folder else None)
        try:
            run._open()
        except BaseException:
            run.close()
            raise
        cls._runs[crawler] = run
        return run

    @property
    def tag(self) -> str:
        """Unique per run, for temporary file names."""
        return f"run{self.run_id}" if self.run_id is not None else f"pid{os.getpid()}"

    @property
    def state_path(self) -> Path | None:
        return self.state_dir / f"{self.key}.sqlite3" if self.state_dir else None

    def _open(self) -> None:
        planned = planned_outputs(self.crawler)
        if self.state_dir is not None:
            self._lock()
            self._open_state()
        for path in planned:
            self._check_writable(path.parent)
        if self.state is not None:
            self._recover(planned)
            self.run_id = self.state.begin_run(os.getpid(), self.started_at, self.full)
        faults.kill_point("opened")

    def _lock(self) -> None:
        assert self.state_dir is not None
        try:
            self.state_dir.mkdir(parents=True, exist_ok=True)
            self.lock = SiteLock(self.state_dir / f"{self.key}.lock").acquire()
        except LockHeld as held:
            raise StartupError(
                LOCKED, f"another run holds {held.path} ({held.holder}); not starting"
            ) from None
        except OSError as exc:
            raise StartupError(IO_ERROR, f"state folder {self.state_dir}: {exc}") from None

    def _open_state(self) -> None:
        assert self.state_path is not None
        try:
            self.state = SiteState(self.state_path)
        except StateError as exc:
            raise StartupError(IO_ERROR, str(exc)) from None

    def _check_writable(self, folder: Path) -> None:
        """Create the output folder and a file in it now, not after an hour of crawling."""
        try:
            folder.mkdir(parents=True, exist_ok=True)
            probe = folder / f".newscrawl-probe-{os.getpid()}"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            message = f"output folder {folder} is not writable: {exc}"
            self._refuse(message)
            raise StartupError(IO_ERROR, message) from None

    def _refuse(self, reason: str) -> None:
        """Record a run that could not start (state open, output unusable)."""
        if self.state is None:
            return
        summary = {"spider": self.crawler.spidercls.name, "exit_status": IO_ERROR, "reason": reason}
        run_id = self.state.begin_run(os.getpid(), self.started_at, self.full)
        self.state.end_run(run_id, "failed", utc_now(), IO_ERROR, reason, summary)
        self.write_last_summary({**summary, "run_id": run_id, "started_at": self.started_at})

    def _recover(self, planned: list[Path]) -> None:
        assert self.state is not None
        for dead in self.state.unfinished_runs():
            logger.warning(
                "%s: run %d (pid %d, started %s) did not finish: recovering its output",
                self.key,
                dead.id,
                dead.pid,
                dead.started_at,
            )
            header = {"spider": self.crawler.spidercls.name, "recovered_by_pid": os.getpid()}
            reserved = [path.absolute() for path in planned]
            try:
                done = recovery.recover(self.state, dead, reserved, utc_now(), header)
            except OSError as exc:
                raise StartupError(IO_ERROR, f"recovering run {dead.id}: {exc}") from None
            self.recovered.append(done)

    # -- during the crawl -----------------------------------------------------------------

    def expect_output(self, path: Path, append: bool) -> None:
        self.outputs.setdefault(path, Output(path, append))

    def output_opened(self, path: Path, temp: Path, append: bool) -> None:
        output = self.outputs.setdefault(path, Output(path, append))
        output.temp = temp
        if self.state is not None and self.run_id is not None:
            # Absolute: the next run may start from another working folder.
            self.state.add_output(self.run_id, path.absolute(), temp.absolute(), append)

    def output_published(self, path: Path, lines: int) -> None:
        output = self.outputs.setdefault(path, Output(path, True))
        output.published, output.lines = True, lines

    def output_failed(self, path: Path, error: Exception) -> None:
        output = self.outputs.setdefault(path, Output(path, True))
        output.error = f"output {path} could not be written: {error}"
        self.write_errors.append(output.error)

    def add_pending(self, record: Pending) -> None:
        """Journal a record about to be written (before its line exists)."""
        if self.state is not None and self.run_id is not None:
            self.state.add_pending(self.run_id, record)

    def item_written(self, item: Any) -> None:
        adapter = ItemAdapter(item)
        kind = adapter.get("type", "")
        self.written[kind] += 1
        if kind in ("article", "ticker_headline"):
            self._written_keys.add((kind, adapter["id"]))

    # -- the end --------------------------------------------------------------------------

    def commit(self) -> None:
        """Commit the records written, once every opened output is in place. An output that
        failed leaves the run unfinished: the next run recovers its temporary file."""
        if self.state is None or self.run_id is None or self.committed is not None:
            return
        unpublished = [o for o in self.outputs.values() if o.temp and not o.published]
        if unpublished:
            for output in unpublished:
                if output.error is None:
                    output.error = f"output {output.path} was not stored"
                    self.write_errors.append(output.error)
            self._set_status("unpublished")
            return
        try:
            self.committed = self.state.commit(self.run_id, self._written_keys, "done", utc_now())
        except Exception as exc:  # sqlite3 errors and disk errors alike: exit 74
            self.write_errors.append(f"state {self.state_path} could not be written: {exc}")

    def _set_status(self, status: str) -> None:
        assert self.state is not None and self.run_id is not None
        self.state.end_run(self.run_id, status, utc_now())

    def record_end(self, exit_status: int, reason: str, summary: dict[str, Any]) -> None:
        """Store the run's verdict and summary in the state; write the summary files."""
        if self.state is not None and self.run_id is not None:
            status = self.state.run_status(self.run_id) or "done"
            try:
                self.state.end_run(self.run_id, status, utc_now(), exit_status, reason, summary)
            except Exception as exc:
                logger.error("state %s could not record the run: %s", self.state_path, exc)
        for path in self.summary_paths():
            try:
                write_json(path, summary)
            except OSError as exc:
                logger.error("summary %s could not be written: %s", path, exc)
        self.write_last_summary(summary)

    def summary_paths(self) -> list[Path]:
        """``<output>.summary.json`` beside each output, written or not."""
        return [o.path.with_name(o.path.name + ".summary.json") for o in self.outputs.values()]

    def write_last_summary(self, summary: dict[str, Any]) -> None:
        """The last run's summary, always at the same place: ``<state>/<site>.last-run.json``."""
        if self.state_dir is None:
            return
        try:
            write_json(self.state_dir / f"{self.key}.last-run.json", summary)
        except OSError as exc:
            logger.error("summary in %s could not be written: %s", self.state_dir, exc)

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        if self.state is not None:
            self.state.close()
        if self.lock is not None:
            self.lock.release()


def planned_outputs(crawler: Crawler) -> list[Path]:
    """The local files the run's feeds will write, as far as they can be named before the
    crawl (placeholders filled from the spider class; ``%(time)s`` as now)."""
    params = _Params(crawler.spidercls)
    paths = []
    for uri in crawler.settings.getdict("FEEDS"):
        uri = str(uri)
        if urlparse(uri).scheme not in FILE_SCHEMES:
            continue
        try:
            resolved = uri % params if "%(" in uri else uri
        except (KeyError, TypeError, ValueError):
            continue
        paths.append(Path(resolved.removeprefix("file://")))
    return paths


class _Params(dict[str, Any]):
    def __init__(self, spidercls: type) -> None:
        now = datetime.now(UTC).replace(microsecond=0)
        super().__init__(
            time=now.isoformat().replace(":", "-"),
            batch_time=now.isoformat().replace(":", "-"),
            batch_id=1,
        )
        self.spidercls = spidercls

    def __missing__(self, key: str) -> Any:
        if hasattr(self.spidercls, key):
            return getattr(self.spidercls, key)
        raise KeyError(key)
