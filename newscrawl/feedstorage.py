"""Atomic file feed storage: the archive never sees a partial ``.jsonl``.

Registered in ``FEED_STORAGES`` for the ``file`` scheme and plain paths, so the default
output, ``-O`` and ``-o`` all go through it. A feed is written to a hidden temporary file in
the output folder (``.<name>.<run>.part``: never matched by ``*.jsonl``), one flushed line
per record, and renamed into place by ``store()`` when the run closes cleanly. ``-o``
(append) keeps its meaning: the old file and the new lines are combined under a temporary
name, then renamed over the old file. A run that wrote no record opens no file at all.

A killed run leaves only its temporary file; the next run of the site publishes its complete
lines (:mod:`newscrawl.recovery`), because the run journals the temporary name before the
first line is written. A write that fails (disk full) stops the crawl at once: the output is
not renamed into place (no published file is touched), the run exits 74, and the next run
publishes the complete lines the same way.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from scrapy.utils.defer import deferred_from_coro
from w3lib.url import file_uri_to_path

from newscrawl import faults

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

TEMP_SUFFIX = ".part"


def temp_name(final: Path, tag: str) -> Path:
    """The hidden temporary name of ``final`` for one run, in the same folder (same file
    system, so the rename is atomic)."""
    return final.with_name(f".{final.name}.{tag}{TEMP_SUFFIX}")


def unused_name(path: Path) -> Path:
    """``path``, or ``name-1.jsonl``, ``name-2.jsonl``... when a file (or its summary) of that
    name is already there."""
    candidate, number = path, 0
    while candidate.exists() or candidate.with_name(candidate.name + ".summary.json").exists():
        number += 1
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
    return candidate


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (not only visible)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def publish(temp: Path, final: Path, append: bool) -> None:
    """Put the complete ``temp`` in place as ``final`` in one rename; with ``append``, after
    the lines ``final`` already holds."""
    if append and final.exists() and final.stat().st_size:
        combined = temp.with_name(temp.name + ".append")
        with combined.open("wb") as out:
            with final.open("rb") as old:
                shutil.copyfileobj(old, out)
                old.seek(-1, os.SEEK_END)
                if old.read(1) != b"\n":
                    out.write(b"\n")  # never glue a record onto a line without its end
            with temp.open("rb") as new:
                shutil.copyfileobj(new, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(combined, final)
        temp.unlink()
    else:
        os.replace(temp, final)
    fsync_dir(final.parent)


def write_json(path: Path, data: Any) -> None:
    """Write a JSON file atomically (temporary name, fsync, rename)."""
    temp = path.with_name(f".{path.name}.{os.getpid()}{TEMP_SUFFIX}")
    with temp.open("w", encoding="utf-8") as out:
        json.dump(data, out, ensure_ascii=False, indent=1, sort_keys=False, default=str)
        out.write("\n")
        out.flush()
        os.fsync(out.fileno())
    os.replace(temp, path)


class LineFile(io.BufferedWriter):
    """A binary file that flushes every write: the exporter writes one record per call, so
    a killed run loses at most the line being written."""

    def __init__(self, path: Path, on_error: Callable[[OSError], None] | None = None) -> None:
        super().__init__(io.FileIO(path, "w"))
        self.lines = 0
        self.failed: OSError | None = None
        self.on_error = on_error

    def write(self, data: Any) -> int:
        if self.failed is not None:  # nothing more after a failed line: it may be torn
            raise self.failed
        try:
            return self._write_line(bytes(data))
        except OSError as exc:
            self.failed = exc
            if self.on_error is not None:
                self.on_error(exc)
            raise

    def _write_line(self, chunk: bytes) -> int:
        faults.fail_point("disk_full", self.lines + 1)
        if faults.armed("half_line", self.lines + 1):
            super().write(chunk[: len(chunk) // 2])
            self.flush()
            faults.kill_point("half_line", self.lines + 1)
        written = super().write(chunk)
        self.flush()
        self.lines += chunk.count(b"\n")
        if chunk.endswith(b"\n"):
            faults.kill_point("line", self.lines)
        return written


class AtomicFileFeedStorage:
    """Scrapy feed storage for local files, written under a temporary name and renamed."""

    def __init__(
        self,
        uri: str,
        *,
        feed_options: dict[str, Any] | None = None,
        crawler: Crawler | None = None,
    ) -> None:
        self.path = Path(file_uri_to_path(uri) if uri.startswith("file:") else uri)
        self.append = not (feed_options or {}).get("overwrite", False)
        if (feed_options or {}).get("newscrawl_unique_name") and "%(" not in uri:
            self.path, self.append = unused_name(self.path), False
        self.crawler = crawler
        self.temp: Path | None = None
        self.file: LineFile | None = None
        # FeedExporter also builds a storage from the URI template to test it; only a
        # resolved name is an output of this run.
        if crawler is not None and "%(" not in uri:
            run = self._run()
            if run is not None:
                run.expect_output(self.path, self.append)

    @classmethod
    def from_crawler(
        cls, crawler: Crawler, uri: str, *, feed_options: dict[str, Any] | None = None
    ) -> AtomicFileFeedStorage:
        return cls(uri, feed_options=feed_options, crawler=crawler)

    def _run(self) -> Any:
        from newscrawl.crawlrun import CrawlRun  # the run imports this module

        return CrawlRun.of(self.crawler) if self.crawler is not None else None

    def open(self, spider: Spider) -> IO[bytes]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        run = self._run()
        self.temp = temp_name(self.path, run.tag if run is not None else f"pid{os.getpid()}")
        if run is not None:
            run.output_opened(self.path, self.temp, self.append)  # journaled before line 1
        self.file = LineFile(self.temp, on_error=self._write_failed)
        return self.file

    def _write_failed(self, error: OSError) -> None:
        """A line could not be written (disk full, I/O error): stop crawling now. What was
        written stays under the temporary name for the next run's recovery."""
        run = self._run()
        if run is not None:
            run.output_failed(self.path, error)
        logger.error("output %s: %s; stopping the crawl", self.path, error)
        engine = self.crawler.engine if self.crawler is not None else None
        if engine is not None:
            deferred_from_coro(engine.close_spider_async(reason="output_error"))

    def store(self, file: IO[bytes]) -> None:
        assert self.temp is not None
        if self.file is not None and self.file.failed is not None:
            with contextlib.suppress(OSError):
                file.close()  # its buffer may fail again: recovery drops a torn line
            raise self.file.failed  # not renamed into place; the run already knows
        run = self._run()
        lines = self.file.lines if self.file is not None else 0
        try:
            file.flush()
            os.fsync(file.fileno())
            file.close()
            faults.kill_point("before_rename")
            publish(self.temp, self.path, self.append)
        except OSError as exc:
            if run is not None:
                run.output_failed(self.path, exc)
            raise
        faults.kill_point("after_rename")
        if run is not None:
            run.output_published(self.path, lines)
