"""The `newscrawl` console command: the README's demo and the extract command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from newscrawl.mirror import MirrorServer
from newscrawl.runs import read_records
from tests.conftest import FIXTURES, SITES, truth


def newscrawl(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newscrawl.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_demo_crawls_every_mirror_and_says_where_the_output_went(tmp_path: Path) -> None:
    proc = newscrawl("demo", "--out", "out", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for site in SITES:
        path = tmp_path / "out" / f"{site}.jsonl"
        assert str(path) in proc.stdout
        records = read_records(path)
        articles = [r for r in records if r["type"] == "article"]
        assert len(articles) == len(truth(site)["articles"])
    assert "WARNING" not in proc.stderr and "ERROR" not in proc.stderr


def test_extract_prints_the_records_of_a_saved_page(tmp_path: Path) -> None:
    page = FIXTURES / "marebpress" / "news" / "214958.html"  # windows-1256, charset in <meta>
    url = "https://marebpress.net/news_details.php?lang=arabic&sid=214958"
    proc = newscrawl("extract", str(page), "--url", url, "--site", "marebpress", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    article = next(r for r in records if r["type"] == "article")
    want = truth("marebpress")["articles"]["/news_details.php?lang=arabic&sid=214958"]
    assert article["title"] == want["title"]
    assert article["body"] == "\n\n".join(want["paragraphs"])
    assert article["published_at"] == want["published_at"]
    assert sum(r["type"] == "ticker_headline" for r in records) == len(
        truth("marebpress")["ticker"]
    )


def test_check_live_reports_a_healthy_site(mirrors: MirrorServer, tmp_path: Path) -> None:
    url = mirrors.url("yemenshabab_ar")
    proc = newscrawl("check-live", "yemenshabab_ar", "--base-url", url, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.startswith("yemenshabab_ar: ok: 2 article(s), 7 ticker")


def test_check_live_reports_a_site_that_changed(mirrors: MirrorServer, tmp_path: Path) -> None:
    # The English spider pointed at Mareb Press: as if the site had been rebuilt overnight.
    url = mirrors.url("marebpress")
    proc = newscrawl("check-live", "yemenshabab_en", "--base-url", url, cwd=tmp_path)
    assert proc.returncode == 1
    assert "yemenshabab_en: PROBLEM: 0 article(s)" in proc.stdout
    assert "no article found" in proc.stdout
    # The generic detector still found Mareb's ticker, and the report says the profile missed.
    assert "profile selector for ticker matched nothing" in proc.stdout


def test_check_live_refuses_unknown_sites(tmp_path: Path) -> None:
    proc = newscrawl("check-live", "bbc", cwd=tmp_path)
    assert proc.returncode == 2 and "unknown site" in proc.stderr
