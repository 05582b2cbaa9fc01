"""`newscrawl report`: one self-contained HTML page drawn from real crawls of the mirrors.

The archive home gets the runs an operator would have: the three sites, a second
(incremental) run of one, and a run of the English spider against Mareb Press's pages (a
site that "changed": profile fallbacks, dead links). Every plot must show data.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from newscrawl.mirror import MirrorServer
from tests.conftest import SITES, truth

FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=WARNING"]


def crawl(site: str, origin: str, now: str, home: Path) -> subprocess.Popen[bytes]:
    command = [
        sys.executable, "-m", "scrapy", "crawl", site, "-a", f"base_url={origin}",
        "-s", f"NEWSCRAWL_NOW={now}", *FAST,
    ]  # fmt: skip
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawl.settings"}
    env["NEWSCRAWL_HOME"] = str(home)
    return subprocess.Popen(command, cwd=home.parent, env=env, stderr=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def report(mirrors: MirrorServer, tmp_path_factory: pytest.TempPathFactory) -> str:
    home = tmp_path_factory.mktemp("report") / "archive"
    home.mkdir()
    first = [crawl(s, mirrors.url(s), mirrors.sites[s].fetched_at, home) for s in SITES]
    assert [p.wait(timeout=300) for p in first] == [0, 0, 0]
    again = crawl(
        "yemenshabab_en", mirrors.url("yemenshabab_en"), "2026-02-02T10:00:00+00:00", home
    )
    changed = crawl("yemenshabab_en", mirrors.url("marebpress"), "2026-02-02T10:00:00+00:00", home)
    assert again.wait(timeout=300) == 0 and changed.wait(timeout=300) == 1
    proc = subprocess.run(
        [str(Path(sys.executable).with_name("newscrawl")), "report", str(home)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    target = home / "newscrawl-report.html"
    assert proc.stdout.strip() == f"report written to {target}"
    return target.read_text("utf-8")


class Figures(HTMLParser):
    """The page's plots (figure elements) and every external reference it makes."""

    def __init__(self) -> None:
        super().__init__()
        self.figures: list[dict[str, str]] = []
        self.external: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "figure":
            self.figures.append(values)
        if tag == "script":
            self.scripts += 1
        for name in ("src", "href"):
            if values.get(name, "").startswith(("http:", "https:", "//")):
                self.external.append(values[name])


def figures(page: str) -> list[str]:
    return re.findall(r'<figure class="plot".*?</figure>', page, flags=re.S)


def test_every_plot_has_data(report: str) -> None:
    parsed = Figures()
    parsed.feed(report)
    assert len(parsed.figures) == 7
    assert all(int(f["data-points"]) > 0 for f in parsed.figures), parsed.figures
    for figure in figures(report):
        assert "<svg" in figure and figure.count("<path") > 3, figure[:300]


def test_the_page_is_self_contained(report: str) -> None:
    parsed = Figures()
    parsed.feed(report)
    assert parsed.external == [] and parsed.scripts == 0
    assert "<?xml" not in report and "<!DOCTYPE svg" not in report


def test_it_shows_what_the_runs_did(report: str) -> None:
    ticker, health = figures(report)[1], "".join(figures(report)[2:])
    # Headlines are text in the SVG (the browser shapes Arabic): one of each site's ticker.
    for site in SITES:
        first = " ".join(truth(site)["ticker"][0]["title"].split())[:40]
        assert first in ticker.replace("&#39;", "'"), site
    assert "http_404" in health  # errors by kind: the English paths on Mareb's site
    assert ">ticker<" in health or "ticker</text>" in health  # fallbacks by part
    assert "yemenshabab_en@127.0.0.1" in report
    assert "zero articles" in report  # the last runs table: the failed run and its reason
