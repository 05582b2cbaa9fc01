"""Every Scrapy command as an analyst types it, in a fresh folder: real `scrapy` processes.

The project is found the documented way (``SCRAPY_SETTINGS_MODULE``, or ``scrapy.cfg`` in a
folder above); errors are one line on stderr and an exit status, never a traceback; the
commands that only look at pages (parse, check, shell) leave no file behind.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import marshal
import os
import pickle
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from newscrawl.items import RECORD_CLASSES
from newscrawl.mirror import MirrorServer
from tests.conftest import REPO, truth

SCRAPY = str(Path(sys.executable).with_name("scrapy"))
SITE = "yemenshabab_en"
ARTICLE = (
    "/sections/NEWS/Arab/learn-about-the-map-of-mass-graves-in-syria-after-the-fall-of-the-assad"
    "-regime"
)
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False"]


def scrapy(
    *args: str, cwd: Path, project: bool = True, **env: str
) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != "SCRAPY_SETTINGS_MODULE"}
    if project:
        environ["SCRAPY_SETTINGS_MODULE"] = "newscrawl.settings"
    return subprocess.run(
        [SCRAPY, *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        env={**environ, **env},
    )


def crawl(
    mirrors: MirrorServer, cwd: Path, *args: str, site: str = SITE, **env: str
) -> subprocess.CompletedProcess[str]:
    origin = mirrors.url(site)
    now = mirrors.sites[site].fetched_at
    return scrapy(
        "crawl", site, "-a", f"base_url={origin}", "-s", f"NEWSCRAWL_NOW={now}",
        *FAST, *args, cwd=cwd, **env,
    )  # fmt: skip


def one_line_error(proc: subprocess.CompletedProcess[str], status: int = 2) -> str:
    """The process failed with ``status`` and exactly one line on stderr (returned)."""
    assert proc.returncode == status, proc.stderr[-2000:]
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr[-2000:]
    return lines[0]


def files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The header and the rows of a CSV file."""
    with path.open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


def fields(record_type: str) -> list[str]:
    cls = next(c for c in RECORD_CLASSES if c.record_type == record_type)
    return [f.name for f in dataclasses.fields(cls)]


# -- finding the project ----------------------------------------------------------------


def test_list_works_from_any_folder_the_documented_way(tmp_path: Path) -> None:
    assert scrapy("list", cwd=tmp_path).stdout.split() == sorted(
        ["marebpress", "yemenshabab_ar", "yemenshabab_en"]
    )
    # In a folder below scrapy.cfg, Scrapy finds the project by itself.
    assert scrapy("list", cwd=REPO / "tests", project=False).stdout.split()[0] == "marebpress"
    # Elsewhere and without the variable there is no project: Scrapy's own message.
    outside = scrapy("list", cwd=tmp_path, project=False)
    assert outside.returncode == 2 and "no active project" in outside.stdout


# -- crawl: outputs ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def formats(mirrors: MirrorServer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One crawl writing every built-in feed format at once (-O may be repeated)."""
    folder = tmp_path_factory.mktemp("formats")
    outputs = ["out.jsonl", "out.jl", "out.json", "out.xml", "out.csv", "out.marshal", "out.pickle"]
    proc = crawl(
        mirrors, folder, "-s", "NEWSCRAWL_STATE_DIR=", *[a for o in outputs for a in ("-O", o)]
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    (folder / "log.txt").write_text(proc.stderr)
    return folder


def expected_counts() -> dict[str, int]:
    lines = (REPO / "tests" / "expected" / f"{SITE}.jsonl").read_text("utf-8").splitlines()
    counts: dict[str, int] = {}
    for line in lines:
        kind = json.loads(line)["type"]
        counts[kind] = counts.get(kind, 0) + 1
    return counts


def read_marshal(path: Path) -> list[dict[str, Any]]:
    records = []
    with path.open("rb") as stream:
        while True:
            try:
                records.append(marshal.load(stream))
            except EOFError:
                return records


def read_pickle(path: Path) -> list[dict[str, Any]]:
    records = []
    with path.open("rb") as stream:
        while True:
            try:
                records.append(pickle.load(stream))
            except EOFError:
                return records


def test_every_builtin_format_holds_every_record(formats: Path) -> None:
    want = sum(expected_counts().values())
    readers = {
        "out.jsonl": lambda p: [json.loads(line) for line in p.read_text("utf-8").splitlines()],
        "out.jl": lambda p: [json.loads(line) for line in p.read_text("utf-8").splitlines()],
        "out.json": lambda p: json.loads(p.read_text("utf-8")),
        "out.xml": lambda p: list(ET.parse(p).getroot()),
        "out.marshal": read_marshal,
        "out.pickle": read_pickle,
    }
    for name, read in readers.items():
        assert len(read(formats / name)) == want, name
    assert read_pickle(formats / "out.pickle")[0]["schema_version"] == 1


def test_csv_is_one_file_per_record_type_with_its_own_columns(formats: Path) -> None:
    assert not (formats / "out.csv").exists()
    for kind, count in expected_counts().items():
        header, rows = read_csv(formats / f"out.{kind}.csv")
        assert header == fields(kind)
        assert len(rows) == count
    _, articles = read_csv(formats / "out.article.csv")
    want = {a["title"]: a["authors"] for a in truth(SITE)["articles"].values()}
    for row in articles:  # lists joined with "|", in order; an empty list is an empty cell
        assert row["authors"] == "|".join(want[row["title"]])
    assert "CSVExporter dropped fields" not in (formats / "log.txt").read_text()


def test_the_telnet_console_stays_closed(formats: Path) -> None:
    log = (formats / "log.txt").read_text()
    assert "Crawled" in log and "Telnet" not in log


def test_csv_appended_with_o_gets_rows_not_a_second_header(
    mirrors: MirrorServer, tmp_path: Path
) -> None:
    for _ in range(2):
        proc = crawl(mirrors, tmp_path, "-s", "NEWSCRAWL_STATE_DIR=", "-o", "out.csv")
        assert proc.returncode == 0, proc.stderr[-2000:]
    with (tmp_path / "out.ticker_headline.csv").open(encoding="utf-8", newline="") as stream:
        lines = list(csv.reader(stream))
    assert lines[0] == fields("ticker_headline") and lines.count(lines[0]) == 1
    assert len(lines) == 1 + 2 * expected_counts()["ticker_headline"]


def test_appending_to_a_json_document_is_refused_in_one_line(
    mirrors: MirrorServer, tmp_path: Path
) -> None:
    (tmp_path / "out.json").write_text("[]\n")
    line = one_line_error(crawl(mirrors, tmp_path, "-o", "out.json"))
    assert "would not be valid" in line and "-O" in line
    assert (tmp_path / "out.json").read_text() == "[]\n"


def test_split_output_writes_one_archive_file_per_type_under_newscrawl_home(
    mirrors: MirrorServer, tmp_path: Path
) -> None:
    home, elsewhere = tmp_path / "home", tmp_path / "cron-starts-here"
    elsewhere.mkdir()
    proc = crawl(mirrors, elsewhere, "-s", "NEWSCRAWL_SPLIT_OUTPUT=True", NEWSCRAWL_HOME=str(home))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert files(elsewhere) == []  # nothing where the process happened to start
    outputs = sorted((home / "data" / SITE).glob("*.jsonl"))
    assert [p.name.split(".")[-2] for p in outputs] == sorted(expected_counts())
    assert list((home / "state").glob(f"{SITE}@*.sqlite3"))


# -- parse, check, shell -----------------------------------------------------------------


def printed_items(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if "'type': '" in line]


def test_parse_reads_an_article_of_a_mirror_and_writes_nothing(
    mirrors: MirrorServer, tmp_path: Path
) -> None:
    origin = mirrors.url(SITE)
    proc = scrapy(
        "parse", f"--spider={SITE}", "-a", f"base_url={origin}", origin + ARTICLE, cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    kinds = {line.split("'type': '")[1].split("'")[0] for line in printed_items(proc.stdout)}
    assert kinds == {"article", "related_link", "ticker_headline"}
    assert "<GET " in proc.stdout  # the related articles it would follow
    assert files(tmp_path) == []


def test_parse_finds_the_spider_and_moves_a_real_url_onto_the_mirror(
    mirrors: MirrorServer, tmp_path: Path
) -> None:
    origin = mirrors.url(SITE)
    proc = scrapy("parse", "-a", f"base_url={origin}", "https://en.yemenshabab.net/", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    # The home page is a listing: its ticker, and requests for its articles.
    assert len(printed_items(proc.stdout)) == len(truth(SITE)["ticker"])
    assert f"<GET {origin}/sections/NEWS/" in proc.stdout
    assert files(tmp_path) == []


def test_parse_of_a_mirror_url_without_base_url_says_what_to_type(
    mirrors: MirrorServer, tmp_path: Path
) -> None:
    origin = mirrors.url(SITE)
    line = one_line_error(scrapy("parse", f"--spider={SITE}", origin + ARTICLE, cwd=tmp_path))
    assert line.endswith(f"add -a base_url={origin}")


def test_parse_without_a_response_is_a_failure(mirrors: MirrorServer, tmp_path: Path) -> None:
    origin = mirrors.url(SITE)
    proc = scrapy(
        "parse", f"--spider={SITE}", "-a", f"base_url={origin}", f"{origin}/gone", cwd=tmp_path
    )
    assert proc.returncode == 1 and "No response downloaded" in proc.stderr


def test_check_runs_the_contracts_against_the_bundled_mirrors(tmp_path: Path) -> None:
    proc = scrapy("check", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Ran 27 contracts" in proc.stderr and proc.stderr.rstrip().endswith("OK")
    assert files(tmp_path) == []


def test_check_fails_when_a_site_no_longer_reads_right(
    mirrors: MirrorServer, tmp_path: Path
) -> None:
    # The English spider on Mareb Press's pages: as if the site had been redesigned.
    proc = scrapy("check", SITE, "-a", f"base_url={mirrors.url('marebpress')}", cwd=tmp_path)
    assert proc.returncode == 1
    # Its article and feed URLs are dead there, and the home page lists none of its articles.
    assert "FAILED (failures=1, errors=2)" in proc.stderr
    assert "parse_listing (@returns post-hook)" in proc.stderr


def test_shell_fetches_a_mirror_page_and_writes_nothing(
    mirrors: MirrorServer, tmp_path: Path
) -> None:
    code = "response.css('h1::text').get().strip()"
    proc = scrapy("shell", mirrors.url(SITE) + ARTICLE, "-c", code, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    want = truth(SITE)["articles"][ARTICLE]["title"]
    assert proc.stdout.strip() == want
    assert files(tmp_path) == []


# -- errors: one line and an exit status ---------------------------------------------------

ERRORS = [
    (["crawl"], "name one spider: scrapy crawl SPIDER (known: marebpress,"),
    (["crawl", "yemenshabab"], "unknown spider 'yemenshabab'; did you mean 'yemenshabab_en'?"),
    (["parse", "--spider=mareb", "https://marebpress.net/"], "did you mean 'marebpress'?"),
    (["check", "yemenshabab_fr"], "unknown spider 'yemenshabab_fr'"),
    (["shell", "--spider=nope", "https://marebpress.net/", "-c", "1"], "unknown spider 'nope'"),
    (["crawl", SITE, "-s", "NEWSCRAWL_NOW=garbage"], "NEWSCRAWL_NOW='garbage': expected ISO 8601"),
    (
        ["crawl", SITE, "-s", "NEWSCRAWL_MAX_LISTING_PAGE=3"],
        "unknown setting NEWSCRAWL_MAX_LISTING_PAGE; did you mean NEWSCRAWL_MAX_LISTING_PAGES?",
    ),
    (["crawl", SITE, "-s", "NEWSCRAWL_MAX_ERROR_RATE=2"], "a rate is between 0 and 1"),
    (["crawl", SITE, "-s", "NEWSCRAWL_PROFILE_SELECTORS=maybe"], "expected True or False"),
    (["crawl", SITE, "-s", "NEWSCRAWL_PROGRESS_INTERVAL=often"], "expected a number"),
    (["crawl", SITE, "-s", "NEWSCRAWL_MAX_LISTING_PAGES=0"], "expected a whole number > 0"),
    (["crawl", SITE, "-a", "max_article=5"], "unknown spider argument(s) max_article"),
    (["crawl", SITE, "-O", "out.docx"], "Unrecognized output format 'docx'"),
    (["parse", "https://bbc.com/news"], "no spider reads https://bbc.com/news"),
]


@pytest.mark.parametrize(("args", "message"), ERRORS, ids=[" ".join(e[0][:3]) for e in ERRORS])
def test_errors_are_one_line_and_status_2(args: list[str], message: str, tmp_path: Path) -> None:
    line = one_line_error(scrapy(*args, cwd=tmp_path))
    assert line.startswith("error: ") and message in line
    assert files(tmp_path) == []
