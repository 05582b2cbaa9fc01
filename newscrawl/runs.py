"""How newscrawl's own tools start a crawl: a real ``scrapy crawl`` process, as cron runs it.

The tools' crawls (the demo, check-live) are one-off: they write one output file and keep
no state (``NEWSCRAWL_STATE_DIR`` empty) unless the caller names a state folder, so they
neither skip what a scheduled crawl already knows nor teach it anything.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any


def crawl_command(
    spider: str,
    output: Path,
    args: Mapping[str, object] | None = None,
    settings: Mapping[str, object] | None = None,
) -> list[str]:
    """``python -m scrapy crawl SPIDER -O OUTPUT -a NAME=VALUE ... -s NAME=VALUE ...``."""
    command = [sys.executable, "-m", "scrapy", "crawl", spider, "-O", str(output)]
    for name, value in (args or {}).items():
        command += ["-a", f"{name}={value}"]
    for name, value in {"NEWSCRAWL_STATE_DIR": "", **(settings or {})}.items():
        command += ["-s", f"{name}={value}"]
    return command


def crawl_env(**extra: str) -> dict[str, str]:
    """The environment of a crawl process: this project's settings from any working folder."""
    return {**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawl.settings", **extra}


def read_records(path: Path) -> list[dict[str, Any]]:
    """The records of a JSON Lines output file ([] when the crawl wrote none)."""
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
