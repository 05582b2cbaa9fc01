"""Finish what a killed run left: publish its complete lines, commit them, forget the rest.

The next run of the site calls :func:`recover` under the site's lock, before it fetches
anything, for every run the state still calls unfinished. Per output of the dead run:

- its temporary file exists: the dead run never renamed it. Its complete lines are
  published under a final ``.jsonl`` name (a torn last line is dropped, and so is an article
  whose related-news lines were not all written, with those lines: a unit is published
  whole or not at all), with a ``.summary.json`` saying "recovered";
- only the final file exists: the run was killed after the rename, before the commit. The
  output is complete; its records are committed.

Pending records with no published line are forgotten, so the next crawl fetches and emits
them again: every record reaches the published outputs exactly once.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newscrawl.feedstorage import TEMP_SUFFIX, publish, write_json
from newscrawl.state import OutputEntry, Pending, RunRow, SiteState

logger = logging.getLogger(__name__)


@dataclass
class Recovered:
    """What recovering one dead run did (listed in the summary of the run that did it)."""

    run_id: int
    started_at: str
    published: list[str] = field(default_factory=list)  # outputs written by the recovery
    records: int = 0  # lines published or found published
    dropped_lines: int = 0  # torn or incomplete lines left out
    committed: int = 0  # articles and ticker headlines now known
    forgotten: int = 0  # pending records with no line: fetched again by a later run

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def recover(
    state: SiteState, run: RunRow, reserved: Iterable[Path], now: str, summary: dict[str, Any]
) -> Recovered:
    """Recover one dead run. ``reserved``: final names the current run will write (never
    published over); ``summary``: fields of the current run for the recovered summaries."""
    pending = state.pending(run.id)
    result = Recovered(run.id, run.started_at)
    keys: set[tuple[str, str]] = set()
    for output in state.outputs(run.id):
        if output.temp.exists():
            keys |= _publish_temp(output, pending, set(reserved), result, summary)
        elif output.final.exists():
            found = _published_keys(read_lines(output.final)[0], pending)
            result.records += len(found)
            keys |= found
    result.committed = state.commit(run.id, keys, "recovered", now)
    result.forgotten = len(pending) - result.committed
    logger.warning(
        "recovered run %d (started %s, killed): %d line(s) published, %d dropped, %d record(s)"
        " committed, %d to fetch again",
        run.id,
        run.started_at,
        result.records,
        result.dropped_lines,
        result.committed,
        result.forgotten,
    )
    return result


def read_lines(path: Path) -> tuple[list[str], int]:
    """The complete JSON lines of a file, and how many lines were torn or unreadable."""
    raw = path.read_bytes()
    complete, _, rest = raw.rpartition(b"\n")
    dropped = 1 if rest.strip() else 0
    lines = []
    for line in complete.decode("utf-8", "replace").splitlines():
        try:
            json.loads(line)
        except ValueError:
            dropped += 1
            continue
        lines.append(line)
    return lines, dropped


def complete_units(
    lines: list[str], pending: dict[tuple[str, str], Pending]
) -> tuple[list[str], set[tuple[str, str]]]:
    """The lines of whole units (a ticker headline; an article with all its related-news
    lines) that the dead run had pending, in file order, and their keys."""
    records = [json.loads(line) for line in lines]
    related = Counter(r["article_id"] for r in records if r.get("type") == "related_link")
    kept: set[tuple[str, str]] = set()
    for record in records:
        key = (record.get("type", ""), record.get("id", ""))
        unit = pending.get(key)
        if unit is None or unit.content_hash != record.get("content_hash", unit.content_hash):
            continue
        if key[0] == "article" and 1 + related[key[1]] != unit.lines:
            continue  # killed halfway through its related-news list
        kept.add(key)
    kept_articles = {id_ for kind, id_ in kept if kind == "article"}
    out = [
        line
        for line, record in zip(lines, records, strict=True)
        if (record.get("type"), record.get("id")) in kept
        or (record.get("type") == "related_link" and record.get("article_id") in kept_articles)
    ]
    return out, kept


def free_name(final: Path, run_id: int, reserved: set[Path]) -> Path:
    """Where a dead run's output is published: its own name unless that is taken (by an
    older file, or by the output this run is about to write)."""
    candidate, n = final, 0
    while candidate.exists() or candidate in reserved:
        n += 1
        tag = f"recovered-{run_id}" + (f"-{n}" if n > 1 else "")
        candidate = final.with_name(f"{final.stem}.{tag}{final.suffix}")
    return candidate


def _publish_temp(
    output: OutputEntry,
    pending: dict[tuple[str, str], Pending],
    reserved: set[Path],
    result: Recovered,
    summary: dict[str, Any],
) -> set[tuple[str, str]]:
    lines, torn = read_lines(output.temp)
    kept, keys = complete_units(lines, pending)
    result.dropped_lines += torn + len(lines) - len(kept)
    if kept:
        target = output.final if output.append else free_name(output.final, output.run_id, reserved)
        staged = output.temp.with_name(output.temp.name.removesuffix(TEMP_SUFFIX) + ".recovered")
        staged.write_text("".join(line + "\n" for line in kept), encoding="utf-8")
        publish(staged, target, output.append)
        result.published.append(str(target))
        result.records += len(kept)
        counts = Counter(json.loads(line)["type"] for line in kept)
        write_json(
            target.with_name(target.name + ".summary.json"),
            {
                **summary,
                "recovered": True,
                "run_id": output.run_id,
                "started_at": result.started_at,
                "output": str(target),
                "records": dict(sorted(counts.items())),
                "reason": "published by the next run: this run was killed before it finished",
            },
        )
    output.temp.unlink()
    return keys


def _published_keys(
    lines: list[str], pending: dict[tuple[str, str], Pending]
) -> set[tuple[str, str]]:
    found = set()
    for line in lines:
        record = json.loads(line)
        key = (record.get("type", ""), record.get("id", ""))
        unit = pending.get(key)
        if unit is not None and unit.content_hash == record.get("content_hash"):
            found.add(key)
    return found
