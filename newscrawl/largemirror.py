"""A large generated mirror of the English Yemen Shabab site, for coverage tests and the
coverage benchmark: thousands of dated articles over many sections.

    python -m newscrawl.largemirror /tmp/large              # write it (3,000 articles)
    python -m newscrawl.largemirror /tmp/large --serve      # ... and serve it on 127.0.0.1

It is written at test time into a temporary folder (thousands of files are not committed),
with the CMS template of the committed mirror (``fixtures/_yemenshabab_template.py``), so
the ``yemenshabab_en`` profile reads it as it reads that mirror, and served by
:class:`newscrawl.mirror.MirrorServer` like any mirror (``routes.json`` in the folder).

What it has, and what each part tests:

- sections listed 20 per page, newest first: ``Local`` (nine articles in ten, 135 pages),
  ``Arab``; both are the profile's start pages;
- sections present only in the site's navigation menu (``NAV_ONLY``): found by
  discovery, not by the profile;
- a section linked from nowhere but its own articles' pages (``LATE``: the section label
  on each of them): found once one of its articles is read (from the sitemap);
- robots.txt with a ``Sitemap:`` line; a sitemap index of monthly sitemaps (``<lastmod>``
  per page; the months older than half a year gzipped) and a Google News sitemap of the
  last two days (``news:publication_date``); an RSS feed and an Atom feed (announced in
  the home page's ``<head>``) of the latest 30;
- each article related to the one before it in its section (a dated entry).

The content table is generated, and small where size costs crawl time without testing
anything more: short titles, two short paragraphs, one related entry, a one-headline
ticker. :class:`LargeMirror` is its truth (every article's local date and section, every
listing page, every sitemap's lastmod), computed from the table, never from a crawl.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import gzip
import importlib.util
import json
import sys
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property
from html import escape
from pathlib import Path
from types import ModuleType
from typing import Any

from newscrawl.mirror import FIXTURES_DIR

SITE = "yemenshabab_en"
BASE_URL = "https://en.yemenshabab.net"
PAGE_SIZE = 20
START = ("Local", "Arab")  # the profile's start pages
NAV_ONLY = ("International", "Economy", "Politics", "Health", "Culture", "Sports")
LATE = ("Interviews",)  # linked from its own articles only
FEED_SIZE = 30
NEWS_SITEMAP_DAYS = 2
GZIP_AFTER_MONTHS = 6  # monthly sitemaps older than this are served as .xml.gz
STEP = timedelta(minutes=144)  # ten articles a day
# Local gets nine articles of ten; the others share the rest in turn.
_OTHERS = ("Arab", *NAV_ONLY, *LATE)
_XML = "application/xml; charset=utf-8"


@dataclass(frozen=True)
class Article:
    path: str  # request target on the mirror (and path on the real site)
    section: str
    published_date: str  # local (Asia/Aden) calendar date


@dataclass
class LargeMirror:
    """The generated site's truth: what a complete crawl must find."""

    root: Path
    articles: list[Article]  # newest first
    listings: dict[str, list[list[str]]] = field(default_factory=dict)  # section -> pages
    sitemaps: dict[str, str] = field(default_factory=dict)  # target -> local date of lastmod

    def in_window(self, since: str, until: str = "9999-12-31") -> set[str]:
        """Paths of the articles dated inside the window (local dates, inclusive)."""
        return {a.path for a in self.articles if since <= a.published_date <= until}

    def since_pages_back(self, pages: int, section: str = "Local") -> str:
        """The ``since`` that puts a window's start ``pages`` listing pages back in
        ``section``: the date of the first entry of page ``pages + 1``."""
        first_of_next = self.listings[section][pages][0]
        return self.by_path[first_of_next].published_date

    def listing_path(self, section: str, page: int = 1) -> str:
        path = f"/sections/NEWS/{section}"
        return f"{path}?page={page}" if page > 1 else path

    def last_page_in_window(self, section: str, since: str) -> int:
        """The last page of ``section`` that lists an article dated on or after ``since``
        (0 when none does)."""
        last = 0
        for number, page in enumerate(self.listings[section], 1):
            if any(self.by_path[p].published_date >= since for p in page):
                last = number
        return last

    @cached_property
    def by_path(self) -> dict[str, Article]:
        return {a.path: a for a in self.articles}

    @property
    def sections(self) -> tuple[str, ...]:
        return (*START, *NAV_ONLY, *LATE)


def template() -> ModuleType:
    """The committed mirror's CMS template, imported from ``fixtures/`` without leaving a
    ``__pycache__`` there (tests/test_fixtures.py compares that folder file by file)."""
    path = FIXTURES_DIR / "_yemenshabab_template.py"
    spec = importlib.util.spec_from_file_location("_yemenshabab_template", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    writes = sys.dont_write_bytecode
    sys.dont_write_bytecode = True
    try:
        spec.loader.exec_module(module)
    finally:
        sys.dont_write_bytecode = writes
    return module


def content(count: int, tpl: ModuleType) -> list[dict[str, Any]]:
    """The content table: ``count`` articles, newest first, ten a day back from the day
    before the mirror's fetch time."""
    newest = datetime.fromisoformat(tpl.FETCHED_AT).astimezone(tpl.ADEN) - timedelta(hours=2)
    articles: list[dict[str, Any]] = []
    previous: dict[str, list[str]] = {}
    for n in range(count):
        section = "Local" if n % 10 < 9 else _OTHERS[n // 10 % len(_OTHERS)]
        when = newest - n * STEP
        number = count - n
        title = f"{section} report {number}: {_TOPICS[n % len(_TOPICS)]}"
        key = tpl.slugify(title)
        articles.append(
            {
                "id": key,
                "section": section,
                "title": title,
                "when": when.strftime("%Y-%m-%d %H:%M"),
                "paragraphs": [
                    f"Report number {number} of the {section} desk, filed on"
                    f" {when:%d %B %Y} about {_TOPICS[n % len(_TOPICS)].lower()}.",
                    "Officials said more details would follow in the coming days.",
                ],
                "related": [],
            }
        )
        previous.setdefault(section, []).append(key)
    # Each article's related news: the one before it (older) in its section.
    keys = {a["id"]: a for a in articles}
    for keys_of_section in previous.values():
        for i, key in enumerate(keys_of_section):
            keys[key]["related"] = keys_of_section[i + 1 : i + 2]
    return articles


_TOPICS = (
    "Power cuts hit the city again",
    "Talks on salaries resume",
    "Flood damage assessed",
    "Prices of fuel rise",
    "A school year begins late",
    "Roads reopened after clashes",
    "Water projects delayed",
    "Hospitals short of medicine",
    "Fishermen return to port",
    "Local council meets",
    "Exchange rate falls",
    "Aid convoy arrives",
)


def build(root: Path, count: int = 3000) -> LargeMirror:
    """Write the mirror into ``root`` (pages, sitemaps, feeds, routes.json) and return its
    truth."""
    tpl = template()
    config: dict[str, Any] = {
        "site": SITE,
        "language": "en",
        "base_url": BASE_URL,
        "path_prefix": "",
        "feed_channel_link": BASE_URL,
        "feed_self": f"{BASE_URL}/rss",
        "sections": {key: key for key in (*START, *NAV_ONLY, *LATE)},
        "extra_nav": [
            ("/sections/REPORTS/Reports", "Reports"),  # not a listing of the profile
            ("/sections/OPINION/Opinion", "Opinion"),
        ],
        "page_size": PAGE_SIZE,
        "most_read": [],
    }
    table = content(count, tpl)
    config["most_read"] = [a["id"] for a in table[:5]]
    ticker = [{"title": table[0]["title"], "article": table[0]["id"]}]
    site = tpl.Site(config, table, ticker)
    writer = _Writer(root)
    _pages(tpl, site, config, table, ticker, writer)
    _feeds(tpl, site, writer)
    sitemaps = _sitemaps(tpl, site, writer)
    writer.finish(tpl.FETCHED_AT)
    mirror = LargeMirror(
        root,
        [
            Article(a["path"], a["section"], a["dt"].date().isoformat())
            for a in sorted(site.articles.values(), key=lambda a: a["dt"], reverse=True)
        ],
        sitemaps=sitemaps,
    )
    for key in config["sections"]:
        mirror.listings[key] = [[a["path"] for a in page] for page in site.pages_of(key)]
    return mirror


class _Writer:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.routes: dict[str, dict[str, str]] = {}

    def emit(self, target: str, rel: str, data: str | bytes, ctype: str = "") -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8", newline="\n")
        else:
            path.write_bytes(data)
        self.routes[target] = {"file": rel, "content_type": ctype or "text/html; charset=utf-8"}

    def finish(self, fetched_at: str) -> None:
        manifest = {
            "site": SITE,
            "base_url": BASE_URL,
            "fetched_at": fetched_at,
            "routes": self.routes,
        }
        (self.root / "routes.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")


def _pages(
    tpl: ModuleType,
    site: Any,
    config: dict[str, Any],
    table: list[dict[str, Any]],
    ticker: list[dict[str, Any]],
    writer: _Writer,
) -> None:
    # The menu names the start and nav-only sections; the late section is in no menu.
    late = [f'<li class="menu-item"><a href="{site.section_path(k)}">{k}</a></li>\n' for k in LATE]

    def unlisted(html: str) -> str:
        for item in late:
            html = html.replace(item, "")
        return html

    # The home page shows blocks of the start sections only.
    home_config = {
        **config,
        "sections": {k: k for k in START},
        "extra_nav": [(site.section_path(k), k) for k in NAV_ONLY] + config["extra_nav"],
    }
    home = tpl.home_page(tpl.Site(home_config, table, ticker))
    atom = '<link rel="alternate" type="application/atom+xml" title="Atom" href="/atom">\n'
    home = home.replace("</head>", atom + "</head>", 1)
    writer.emit("/", "index.html", home)
    for key in config["sections"]:
        pages = site.pages_of(key)
        for number, items in enumerate(pages, 1):
            html = tpl.listing_page(site, key, number, items, len(pages))
            writer.emit(
                site.section_path(key, number), f"sections/{key}-{number}.html", unlisted(html)
            )
    for art in site.articles.values():
        writer.emit(art["path"], site.article_file(art), unlisted(tpl.article_page(site, art)))
    writer.emit("/robots.txt", "robots.txt", tpl.robots(site), "text/plain; charset=utf-8")
    writer.emit("/assets/css/style.css?v=3.2.7", "assets/style.css", tpl.CSS, "text/css")
    writer.emit("/assets/js/main.js?v=3.2.7", "assets/main.js", tpl.JS, "application/javascript")


def _feeds(tpl: ModuleType, site: Any, writer: _Writer) -> None:
    latest = copy.copy(site)
    latest.live = site.live[:FEED_SIZE]
    writer.emit("/rss", "rss.xml", tpl.rss(latest), "application/rss+xml; charset=utf-8")
    entries = "".join(
        f"<entry><title>{escape(a['title'])}</title>"
        f'<link rel="alternate" href="{BASE_URL}{a["path"]}"/>'
        f"<id>{BASE_URL}{a['path']}</id>"
        f"<published>{a['dt'].isoformat()}</published>"
        f"<updated>{a['dt'].isoformat()}</updated></entry>\n"
        for a in latest.live
    )
    atom = (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Yemen Shabab Net</title><id>{BASE_URL}/atom</id>"
        f"<updated>{latest.live[0]['dt'].isoformat()}</updated>\n{entries}</feed>\n"
    )
    writer.emit("/atom", "atom.xml", atom, "application/atom+xml; charset=utf-8")


def _sitemaps(tpl: ModuleType, site: Any, writer: _Writer) -> dict[str, str]:
    """Write the sitemap index and its sitemaps; return each sitemap's target and the
    local date of its ``<lastmod>``."""
    fetched = datetime.fromisoformat(tpl.FETCHED_AT).astimezone(tpl.ADEN)
    months: dict[str, list[dict[str, Any]]] = {}
    for art in site.live:  # newest first
        months.setdefault(art["dt"].strftime("%Y-%m"), []).append(art)
    index = []
    for month, arts in months.items():
        urls = "".join(
            f"<url><loc>{BASE_URL}{a['path']}</loc><lastmod>{a['dt'].isoformat()}</lastmod></url>\n"
            for a in arts
        )
        xml = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}</urlset>\n'
        )
        old = arts[0]["dt"] < fetched - timedelta(days=30 * GZIP_AFTER_MONTHS)
        name = f"sitemaps/posts-{month}.xml" + (".gz" if old else "")
        data = gzip.compress(xml.encode(), mtime=0) if old else xml
        writer.emit(f"/{name}", name, data, "application/x-gzip" if old else _XML)
        index.append((f"{BASE_URL}/{name}", arts[0]["dt"]))
    recent = [a for a in site.live if a["dt"] >= fetched - timedelta(days=NEWS_SITEMAP_DAYS)]
    news = "".join(
        f"<url><loc>{BASE_URL}{a['path']}</loc><news:news><news:publication>"
        "<news:name>Yemen Shabab Net</news:name><news:language>en</news:language>"
        f"</news:publication><news:publication_date>{a['dt'].isoformat()}"
        f"</news:publication_date><news:title>{escape(a['title'])}</news:title>"
        "</news:news></url>\n"
        for a in recent
    )
    writer.emit(
        "/sitemap-news.xml",
        "sitemap-news.xml",
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n'
        f"{news}</urlset>\n",
        _XML,
    )
    entries = [(f"{BASE_URL}/sitemap-news.xml", site.live[0]["dt"]), *index]
    body = "".join(
        f"<sitemap><loc>{loc}</loc><lastmod>{lastmod.isoformat()}</lastmod></sitemap>\n"
        for loc, lastmod in entries
    )
    writer.emit(
        "/sitemap.xml",
        "sitemap.xml",
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{body}'
        "</sitemapindex>\n",
        _XML,
    )
    return {loc.removeprefix(BASE_URL): when.date().isoformat() for loc, when in entries}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m newscrawl.largemirror", description=__doc__)
    parser.add_argument("folder", type=Path, help="where to write the mirror (created)")
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--serve", action="store_true", help="serve it on 127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    mirror = build(args.folder, args.articles)
    print(f"{len(mirror.articles)} articles, {len(mirror.listings)} sections in {args.folder}")
    if args.serve:
        from newscrawl.mirror import MirrorServer, MirrorSite

        with MirrorServer([MirrorSite.load(args.folder)], port=args.port) as server:
            url = server.url(SITE)
            print(f"{SITE}\t{url}/\tscrapy crawl {SITE} -a base_url={url} -a since=...", flush=True)
            with contextlib.suppress(KeyboardInterrupt):
                threading.Event().wait()


if __name__ == "__main__":
    main()
