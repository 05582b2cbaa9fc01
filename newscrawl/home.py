"""``NEWSCRAWL_HOME``: the folder the archive's relative folders are read from.

Cron, Scrapyd and systemd start crawls in whatever folder they like. With ``NEWSCRAWL_HOME``
set (an environment variable, or ``-s NEWSCRAWL_HOME=...``), a relative
``NEWSCRAWL_OUTPUT_DIR`` (default ``data/<spider>``) and ``NEWSCRAWL_STATE_DIR`` (default
``state``) are read from it, so every run of a site finds the same state and writes to the
same archive, wherever it was started. Unset: the working folder, as before. Output files
named on the command line (``-O out.csv``) stay where the user said: the working folder.
"""

from __future__ import annotations

import os
from pathlib import Path

from scrapy.settings import BaseSettings

ENV = "NEWSCRAWL_HOME"
ANCHORED = ("NEWSCRAWL_OUTPUT_DIR", "NEWSCRAWL_STATE_DIR")


def root(settings: BaseSettings | None = None) -> Path | None:
    """The home folder, absolute (None when neither the setting nor the variable names one)."""
    value = (settings.get(ENV) if settings is not None else None) or os.environ.get(ENV, "")
    return Path(value).expanduser().absolute() if value else None


def anchor(settings: BaseSettings) -> None:
    """Make the relative archive folders absolute under the home folder (when there is one)."""
    base = root(settings)
    if base is None:
        return
    for name in ANCHORED:
        value = settings.get(name)
        if value and not Path(value).is_absolute():
            settings.set(name, str(base / value), priority=settings.getpriority(name) or 0)


def folder(settings_value: str, base: Path | None = None) -> Path:
    """A folder setting as a crawl would read it, for tools outside a crawl (the report)."""
    path = Path(settings_value)
    start = base if base is not None else root()
    return path if path.is_absolute() or start is None else start / path
