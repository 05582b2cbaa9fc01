"""The `newscrawl` console command: the README's demo, extract, mirror, check-live; every
error one line on stderr and an exit status."""

from __future__ import annotations

import json
import shlex
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from newscrawl.mirror import MirrorServer
from newscrawl.runs import read_records
from tests.conftest import FIXTURES, SITES, truth


def newscrawl(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newscrawl.cli", *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
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


# -- mirror, extract: every option the help shows, every error in one line ---------------

NEWSCRAWL = str(Path(sys.executable).with_name("newscrawl"))
MAREB_PAGE = FIXTURES / "marebpress" / "news" / "214958.html"
MAREB_URL = "https://marebpress.net/news_details.php?lang=arabic&sid=214958"


def one_line_error(proc: subprocess.CompletedProcess[str], status: int) -> str:
    assert proc.returncode == status, proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    return lines[0]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_mirror_takes_the_options_its_help_shows(tmp_path: Path) -> None:
    port = free_port()
    command = [NEWSCRAWL, "mirror", "--port", str(port), "--site", "marebpress"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=tmp_path) as server:
        try:
            assert server.stdout is not None
            line = server.stdout.readline()
            assert line.startswith(f"marebpress\thttp://127.0.0.1:{port}/")
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt") as answer:
                assert answer.status == 200
        finally:
            server.terminate()


def test_mirror_on_a_busy_port_is_one_line(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = newscrawl("mirror", "--port", str(port), "--site", "marebpress", cwd=tmp_path)
    line = one_line_error(proc, 1)
    assert f"port {port}" in line and "--port 0" in line


def test_mirror_of_an_unknown_site_is_one_line(tmp_path: Path) -> None:
    line = one_line_error(newscrawl("mirror", "--site", "bbc", cwd=tmp_path), 2)
    assert "unknown mirror site(s): bbc" in line


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["extract", "missing.html", "--url", MAREB_URL], "missing.html: no such file"),
        (["extract", str(MAREB_PAGE), "--url", MAREB_URL, "--site", "bbc"], "unknown site 'bbc'"),
        (
            ["extract", str(MAREB_PAGE), str(MAREB_PAGE), "--url", MAREB_URL],
            "2 page(s) but 1 --url",
        ),
        (["report", "no-such-folder"], "no-such-folder: no such folder"),
        (["check-live", "bbc"], "unknown site(s) ['bbc']"),
    ],
    ids=["missing file", "unknown site", "urls per page", "report folder", "check-live site"],
)
def test_errors_are_one_line_and_status_2(args: list[str], message: str, tmp_path: Path) -> None:
    line = one_line_error(newscrawl(*args, cwd=tmp_path), 2)
    assert line.startswith(f"newscrawl {args[0]}: error: ") and message in line


def test_extract_takes_one_url_per_page(tmp_path: Path) -> None:
    other = FIXTURES / "yemenshabab_en" / "index.html"
    proc = newscrawl(
        "extract", str(MAREB_PAGE), str(other), "--url", MAREB_URL,
        "--url", "https://en.yemenshabab.net/", cwd=tmp_path,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    pages = {r["page_url"] for r in records if r["type"] == "ticker_headline"}
    assert pages == {MAREB_URL, "https://en.yemenshabab.net/"}


def test_extract_takes_the_url_from_the_pages_canonical_link(tmp_path: Path) -> None:
    proc = newscrawl("extract", str(MAREB_PAGE), "--site", "marebpress", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    article = next(json.loads(line) for line in proc.stdout.splitlines() if '"article"' in line)
    assert article["url"] == article["canonical_url"] == MAREB_URL


def test_extract_into_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    command = [NEWSCRAWL, "extract", *[str(MAREB_PAGE)] * 20, *["--url", MAREB_URL] * 20]
    script = f"set -o pipefail; {shlex.join(command)} | head -n 1 >/dev/null"
    proc = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 141 and proc.stderr == ""
