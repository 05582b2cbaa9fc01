"""What a site's crawls remember between runs: one SQLite file per site.

``<NEWSCRAWL_STATE_DIR>/<site>.sqlite3`` (WAL mode) holds

- ``articles``: every article published in an output (id, URL, canonical URL, content hash,
  version, the hash it replaced, published date, first and last seen);
- ``ticker``: every ticker headline published (first seen, last seen, times seen);
- ``runs``: one row per run (pid, start, end, status, exit status and reason, summary);
- ``outputs`` and ``pending``: the journal of a run in progress. An output's temporary and
  final names are written before its first line; a record is *pending* from just before
  its line is written until the output is renamed into place, when the run *commits* it.

Only committed rows count as known. A run killed before committing is recovered by the
next one (:mod:`newscrawl.recovery`): what its output holds is the truth.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from w3lib.url import canonicalize_url

SCHEMA_VERSION = 1
# Runs whose outputs may hold records not yet committed: recovered by the next start.
UNFINISHED = ("running", "unpublished")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    url_key TEXT NOT NULL,
    canonical_url TEXT NOT NULL,
    canonical_key TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    previous_content_hash TEXT,
    version INTEGER NOT NULL,
    published_date TEXT,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_url ON articles (url_key);
CREATE INDEX IF NOT EXISTS articles_canonical ON articles (canonical_key);
CREATE TABLE IF NOT EXISTS ticker (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    url TEXT,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    times_seen INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    pid INTEGER NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    full INTEGER NOT NULL,
    status TEXT NOT NULL,
    exit_status INTEGER,
    reason TEXT,
    summary TEXT
);
CREATE TABLE IF NOT EXISTS outputs (
    run_id INTEGER NOT NULL,
    final TEXT NOT NULL,
    temp TEXT NOT NULL,
    append INTEGER NOT NULL,
    PRIMARY KEY (run_id, final)
);
CREATE TABLE IF NOT EXISTS pending (
    run_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    content_hash TEXT,
    lines INTEGER NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (run_id, kind, id)
);
"""


class StateError(Exception):
    """The state file cannot be opened, read or written."""


@dataclass(frozen=True)
class KnownArticle:
    id: str
    url: str
    canonical_url: str
    content_hash: str
    previous_content_hash: str | None
    version: int
    published_date: str | None
    first_seen: str
    last_seen: str


@dataclass(frozen=True)
class KnownTicker:
    id: str
    title: str
    url: str | None
    first_seen: str
    last_seen: str
    times_seen: int


@dataclass(frozen=True)
class RunRow:
    id: int
    pid: int
    started_at: str
    status: str


@dataclass(frozen=True)
class OutputEntry:
    run_id: int
    final: Path
    temp: Path
    append: bool


@dataclass(frozen=True)
class Pending:
    """A record of a run written (or about to be written) to its output, not yet committed.

    ``lines`` is how many output lines the record stands for: an article with its
    related-news list is one unit, committed only when all of them were written."""

    kind: str  # article | ticker_headline
    id: str
    content_hash: str | None
    lines: int
    data: dict[str, Any]


def url_key(url: str) -> str:
    return canonicalize_url(url)


class SiteState:
    """The state of one site (one SQLite file). Not thread-safe: one per crawl process."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path, isolation_level=None, timeout=10)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA journal_mode=WAL")
            # WAL + NORMAL: a commit survives a killed process (not a power cut, which may
            # lose the last commits, never corrupt the file).
            self.db.execute("PRAGMA synchronous=NORMAL")
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StateError(f"{path}: written by a newer newscrawl (schema {version})")
            self.db.executescript(_SCHEMA)
            self.db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        except (OSError, sqlite3.Error) as exc:
            raise StateError(f"cannot open state {path}: {exc}") from exc

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # -- runs -----------------------------------------------------------------------------

    def begin_run(self, pid: int, started_at: str, full: bool) -> int:
        cursor = self.db.execute(
            "INSERT INTO runs (pid, started_at, full, status) VALUES (?, ?, ?, 'running')",
            (pid, started_at, int(full)),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def unfinished_runs(self) -> list[RunRow]:
        marks = ", ".join("?" for _ in UNFINISHED)
        rows = self.db.execute(
            f"SELECT id, pid, started_at, status FROM runs WHERE status IN ({marks}) ORDER BY id",
            UNFINISHED,
        )
        return [RunRow(r["id"], r["pid"], r["started_at"], r["status"]) for r in rows]

    def end_run(
        self,
        run_id: int,
        status: str,
        finished_at: str,
        exit_status: int | None = None,
        reason: str | None = None,
        summary: dict[str, Any] | None = None,
    ) -> None:
        self.db.execute(
            "UPDATE runs SET status = ?, finished_at = ?, exit_status = ?, reason = ?,"
            " summary = ? WHERE id = ?",
            (
                status,
                finished_at,
                exit_status,
                reason,
                json.dumps(summary, ensure_ascii=False) if summary is not None else None,
                run_id,
            ),
        )

    def run_status(self, run_id: int) -> str | None:
        row = self.db.execute("SELECT status FROM runs WHERE id = ?", (run_id,)).fetchone()
        return row["status"] if row else None

    # -- the output journal ---------------------------------------------------------------

    def add_output(self, run_id: int, final: Path, temp: Path, append: bool) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO outputs (run_id, final, temp, append) VALUES (?, ?, ?, ?)",
            (run_id, str(final), str(temp), int(append)),
        )

    def outputs(self, run_id: int) -> list[OutputEntry]:
        rows = self.db.execute("SELECT * FROM outputs WHERE run_id = ? ORDER BY final", (run_id,))
        return [
            OutputEntry(run_id, Path(r["final"]), Path(r["temp"]), bool(r["append"])) for r in rows
        ]

    # -- articles and ticker headlines ----------------------------------------------------

    def article(self, article_id: str) -> KnownArticle | None:
        row = self.db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        return _article(row) if row else None

    def article_at(self, url: str) -> KnownArticle | None:
        """The known article fetched from, or canonically at, this URL."""
        key = url_key(url)
        row = self.db.execute(
            "SELECT * FROM articles WHERE url_key = ? OR canonical_key = ? LIMIT 1", (key, key)
        ).fetchone()
        return _article(row) if row else None

    def saw_article(self, article_id: str, when: str) -> None:
        self.db.execute("UPDATE articles SET last_seen = ? WHERE id = ?", (when, article_id))

    def ticker(self, ticker_id: str) -> KnownTicker | None:
        row = self.db.execute("SELECT * FROM ticker WHERE id = ?", (ticker_id,)).fetchone()
        if row is None:
            return None
        return KnownTicker(
            row["id"], row["title"], row["url"], row["first_seen"], row["last_seen"],
            row["times_seen"],
        )  # fmt: skip

    def saw_ticker(self, ticker_id: str, when: str) -> None:
        self.db.execute(
            "UPDATE ticker SET last_seen = ?, times_seen = times_seen + 1 WHERE id = ?",
            (when, ticker_id),
        )

    def counts(self) -> dict[str, int]:
        return {
            table: self.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("articles", "ticker", "runs")
        }

    # -- pending records and commits ------------------------------------------------------

    def add_pending(self, run_id: int, record: Pending) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO pending (run_id, kind, id, content_hash, lines, data)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                run_id,
                record.kind,
                record.id,
                record.content_hash,
                record.lines,
                json.dumps(record.data, ensure_ascii=False),
            ),
        )

    def pending(self, run_id: int) -> dict[tuple[str, str], Pending]:
        rows = self.db.execute("SELECT * FROM pending WHERE run_id = ?", (run_id,))
        return {
            (r["kind"], r["id"]): Pending(
                r["kind"], r["id"], r["content_hash"], r["lines"], json.loads(r["data"])
            )
            for r in rows
        }

    def commit(self, run_id: int, keys: Iterable[tuple[str, str]], status: str, when: str) -> int:
        """Make these pending records of the run known, forget its other pending records,
        and set the run's status: all in one transaction. Returns how many were committed."""
        pending = self.pending(run_id)
        chosen = [pending[key] for key in dict.fromkeys(keys) if key in pending]
        with self.transaction() as db:
            for record in chosen:
                if record.kind == "article":
                    _commit_article(db, record)
                elif record.kind == "ticker_headline":
                    _commit_ticker(db, record)
            db.execute("DELETE FROM pending WHERE run_id = ?", (run_id,))
            db.execute(
                "UPDATE runs SET status = ?, finished_at = COALESCE(finished_at, ?) WHERE id = ?",
                (status, when, run_id),
            )
        return len(chosen)


def _article(row: sqlite3.Row) -> KnownArticle:
    return KnownArticle(
        row["id"], row["url"], row["canonical_url"], row["content_hash"],
        row["previous_content_hash"], row["version"], row["published_date"],
        row["first_seen"], row["last_seen"],
    )  # fmt: skip


def _commit_article(db: sqlite3.Connection, record: Pending) -> None:
    data = record.data
    db.execute(
        """INSERT INTO articles (id, url, url_key, canonical_url, canonical_key, content_hash,
               previous_content_hash, version, published_date, first_seen, last_seen)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET url = excluded.url, url_key = excluded.url_key,
               canonical_url = excluded.canonical_url, canonical_key = excluded.canonical_key,
               content_hash = excluded.content_hash,
               previous_content_hash = excluded.previous_content_hash,
               version = excluded.version, published_date = excluded.published_date,
               last_seen = excluded.last_seen""",
        (
            record.id,
            data["url"],
            url_key(data["url"]),
            data["canonical_url"],
            url_key(data["canonical_url"]),
            record.content_hash,
            data.get("previous_content_hash"),
            data["version"],
            data.get("published_date"),
            data["crawled_at"],
            data["crawled_at"],
        ),
    )


def _commit_ticker(db: sqlite3.Connection, record: Pending) -> None:
    data = record.data
    db.execute(
        """INSERT INTO ticker (id, title, url, first_seen, last_seen, times_seen)
           VALUES (?, ?, ?, ?, ?, 1)
           ON CONFLICT (id) DO UPDATE SET title = excluded.title, url = excluded.url,
               last_seen = excluded.last_seen, times_seen = times_seen + 1""",
        (record.id, data["title"], data.get("url"), data["crawled_at"], data["crawled_at"]),
    )
