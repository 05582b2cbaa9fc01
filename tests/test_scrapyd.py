"""Crawling as a service: a real Scrapyd on a loopback port, the project deployed with
scrapyd-deploy from a copy of the clone, a crawl of a mirror scheduled with spider arguments
through schedule.json, and its records where the archive expects them.

Scrapyd and scrapyd-client come with the test extra (pyproject.toml). Scrapyd gets its own
scrapyd.conf in a temporary folder (bind 127.0.0.1, a free port, its own eggs, logs, items
and dbs folders) and ``NEWSCRAWL_HOME`` in its environment: the archive's home.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newscrawl.mirror import MirrorServer
from newscrawl.runs import read_records
from tests.conftest import REPO, truth

BIN = Path(sys.executable).parent
SITE = "yemenshabab_en"
DEADLINE = 60  # seconds for the whole deploy-schedule-crawl


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def call(
    base: str, endpoint: str, data: dict[str, Any] | list[tuple[str, str]] | None = None
) -> Any:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(f"{base}/{endpoint}", data=body, timeout=10) as answer:
        return json.loads(answer.read())


def wait_for(check: Any, what: str, deadline: float) -> Any:
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def scrapyd(tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    """(Scrapyd's URL, its folder, the archive home), stopped after the test."""
    port, folder, home = free_port(), tmp_path / "scrapyd", tmp_path / "archive"
    folder.mkdir()
    (folder / "scrapyd.conf").write_text(
        "[scrapyd]\n"
        "bind_address = 127.0.0.1\n"
        f"http_port = {port}\n"
        f"eggs_dir = {folder / 'eggs'}\n"
        f"logs_dir = {folder / 'logs'}\n"
        f"items_dir = {folder / 'items'}\n"
        f"dbs_dir = {folder / 'dbs'}\n"
        "poll_interval = 0.3\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "SCRAPY_SETTINGS_MODULE"}
    env["NEWSCRAWL_HOME"] = str(home)
    with (folder / "scrapyd.log").open("w") as log:
        server = subprocess.Popen(
            [str(BIN / "scrapyd")], cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: _answers(base), "scrapyd to listen", time.monotonic() + 20)
        yield base, folder, home
    finally:
        server.terminate()
        server.wait(timeout=20)


def _answers(base: str) -> bool:
    try:
        return call(base, "daemonstatus.json")["status"] == "ok"
    except OSError:
        return False


def clone(destination: Path, scrapyd_url: str) -> Path:
    """What a clone holds that a deploy needs; scrapy.cfg's [deploy] pointed at ``url``."""
    destination.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md", "scrapy.cfg"):
        shutil.copy(REPO / name, destination / name)
    shutil.copytree(
        REPO / "newscrawl", destination / "newscrawl", ignore=shutil.ignore_patterns("__pycache__")
    )
    config = destination / "scrapy.cfg"
    lines = [
        f"url = {scrapyd_url}/" if line.startswith("url =") else line
        for line in config.read_text().splitlines()
    ]
    config.write_text("\n".join(lines) + "\n")
    return destination


def test_deploy_schedule_and_find_the_records_in_the_archive(
    scrapyd: tuple[str, Path, Path], mirrors: MirrorServer, tmp_path: Path
) -> None:
    base, folder, home = scrapyd
    deadline = time.monotonic() + DEADLINE
    project = clone(tmp_path / "clone", base)
    env = {k: v for k, v in os.environ.items() if k != "SCRAPY_SETTINGS_MODULE"}
    deploy = subprocess.run(
        [str(BIN / "scrapyd-deploy")], cwd=project, env=env, capture_output=True, text=True,
        timeout=DEADLINE,
    )  # fmt: skip
    assert deploy.returncode == 0, deploy.stdout + deploy.stderr
    assert '"status": "ok"' in deploy.stdout and '"spiders": 3' in deploy.stdout
    assert call(base, "listspiders.json?project=newscrawl")["spiders"] == sorted(
        ["marebpress", "yemenshabab_ar", "yemenshabab_en"]
    )

    job = call(
        base,
        "schedule.json",
        [
            ("project", "newscrawl"),
            ("spider", SITE),
            ("base_url", mirrors.url(SITE)),  # a spider argument, as -a would give it
            ("setting", f"NEWSCRAWL_NOW={mirrors.sites[SITE].fetched_at}"),
            ("setting", "DOWNLOAD_DELAY=0"),
            ("setting", "AUTOTHROTTLE_ENABLED=False"),
        ],
    )["jobid"]
    finished = wait_for(
        lambda: [
            j for j in call(base, "listjobs.json?project=newscrawl")["finished"] if j["id"] == job
        ],
        "the job to finish",
        deadline,
    )[0]

    # The archive's output and state under NEWSCRAWL_HOME, whatever Scrapyd's folder.
    [output] = sorted((home / "data" / SITE).glob(f"{SITE}-*.jsonl"))
    records = read_records(output)
    articles = [r for r in records if r["type"] == "article"]
    assert len(articles) == len(truth(SITE)["articles"])
    summary = json.loads(output.with_name(output.name + ".summary.json").read_text("utf-8"))
    assert summary["exit_status"] == 0, summary["reason"]
    assert list((home / "state").glob(f"{SITE}@127.0.0.1-*.sqlite3"))
    # Scrapyd's own items file (items_dir) holds the same records; its log the verdict.
    items = folder / "items" / "newscrawl" / SITE / f"{job}.jl"
    assert sorted(map(json.dumps, read_records(items))) == sorted(map(json.dumps, records))
    log = (folder / "logs" / "newscrawl" / SITE / f"{job}.log").read_text("utf-8")
    assert f"{SITE}: exit status 0 (ok)" in log
    assert finished["items_url"].endswith(f"{job}.jl")
