"""What reading pages found worth counting, counted once where it is found.

The page object carries its notes (dates read or not and why, dates that disagree) and its
fallbacks (profile selectors that matched nothing) through to here; no later step parses a
date again to find out. Each outcome is one stats key under ``newscrawl/``; each distinct
problem is logged once per crawl (the stat counts the rest).
"""

from __future__ import annotations

import logging

from scrapy.crawler import Crawler

from newscrawl.extract.page import Note

logger = logging.getLogger(__name__)

# Notes that are outcomes, not problems: counted, never logged.
_QUIET = frozenset({"dates/normalized"})


class PageAudit:
    """Stats and log lines for the pages of one crawl."""

    def __init__(self, crawler: Crawler, name: str) -> None:
        self.crawler = crawler  # its stats exist once the crawl starts, not before
        self.name = name
        self._logged: set[tuple[str, str]] = set()

    def count(self, key: str) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"newscrawl/{key}")

    def fallback(self, part: str, url: str) -> None:
        self.count(f"parser/fallback/{part}")
        if self._first(("fallback", part)):
            logger.warning(
                "%s: profile selector for %s matched nothing on %s; used the generic detector",
                self.name,
                part,
                url,
            )

    def notes(self, notes: list[Note], url: str) -> None:
        for note in notes:
            self.count(note.key)
            if note.key not in _QUIET and self._first((note.key, note.detail)):
                logger.warning("%s (%s): %s on %s", note.key, self.name, note.detail, url)

    def _first(self, key: tuple[str, str]) -> bool:
        if key in self._logged:
            return False
        self._logged.add(key)
        return True
