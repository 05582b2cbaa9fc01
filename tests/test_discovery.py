"""Discovery without a crawl: robots.txt, sitemaps, feeds, section links, depth, coverage.

Table-driven where the cases are data; hostile and malformed XML included (no entity is
ever resolved, nothing raises).
"""

from __future__ import annotations

import gzip
import time
from dataclasses import replace

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse, Response, XmlResponse
from scrapy.utils.test import get_crawler

from newscrawl import coverage, discovery
from newscrawl.depth import DEPTH, IndexDepth
from newscrawl.discovery import Listed
from newscrawl.sites import get_profile
from newscrawl.spiders.yemenshabab_en import YemenshababEnSpider
from newscrawl.verdict import FAILED, OK, Limits, judge

SITEMAP_NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
NEWS_NS = 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'
XXE = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)


# -- robots.txt ---------------------------------------------------------------------------------


def test_sitemap_lines_of_robots_txt_are_absolute() -> None:
    robots = (
        b"User-agent: *\nDisallow: /admin/\nSitemap: /sitemap.xml\nsitemap: https://x.org/n.xml\n"
    )
    assert discovery.sitemaps_in_robots(robots, "https://x.org/robots.txt") == [
        "https://x.org/sitemap.xml",
        "https://x.org/n.xml",
    ]


# -- sitemaps -----------------------------------------------------------------------------------

SITEMAPS = [
    (
        "index with lastmod",
        f"<sitemapindex {SITEMAP_NS}><sitemap><loc>https://x.org/a.xml</loc>"
        "<lastmod>2025-01-31T10:00:00+03:00</lastmod></sitemap>"
        "<sitemap><loc> https://x.org/b.xml.gz </loc></sitemap></sitemapindex>",
        "sitemapindex",
        [
            Listed("https://x.org/a.xml", "2025-01-31T10:00:00+03:00", exact=False),
            Listed("https://x.org/b.xml.gz", None, exact=False),
        ],
    ),
    (
        "url set: lastmod is no publication date",
        f"<urlset {SITEMAP_NS}><url><loc>https://x.org/p/1</loc><lastmod>2025-02-01</lastmod>"
        "</url></urlset>",
        "urlset",
        [Listed("https://x.org/p/1", "2025-02-01", exact=False)],
    ),
    (
        "Google News: news:publication_date is",
        f"<urlset {SITEMAP_NS} {NEWS_NS}><url><loc>https://x.org/p/2</loc>"
        "<lastmod>2025-03-05</lastmod><news:news><news:publication><news:name>X</news:name>"
        "<news:language>en</news:language></news:publication>"
        "<news:publication_date>2025-03-01T08:00:00Z</news:publication_date>"
        "<news:title>T</news:title></news:news></url></urlset>",
        "urlset",
        [Listed("https://x.org/p/2", "2025-03-01T08:00:00Z")],
    ),
    ("not XML", "<html><body>Not found</body></html>", "html", []),
    ("garbage", "\x00\x01 garbage", "", []),
    ("empty", "", "", []),
    (
        "XXE: the entity is never resolved",
        f'<?xml version="1.0"?>{XXE}<urlset {SITEMAP_NS}><url><loc>&xxe;</loc></url></urlset>',
        "urlset",
        [],
    ),
    (
        "truncated: what is there is read (a cut URL is no article URL of the site)",
        f"<urlset {SITEMAP_NS}><url><loc>https://x.org/p/3</loc></url><url><loc>https://x.or",
        "urlset",
        [Listed("https://x.org/p/3", None, exact=False), Listed("https://x.or", None, False)],
    ),
]


@pytest.mark.parametrize(("name", "xml", "kind", "entries"), SITEMAPS, ids=[s[0] for s in SITEMAPS])
def test_read_sitemap(name: str, xml: str, kind: str, entries: list[Listed]) -> None:
    got_kind, got = discovery.read_sitemap(xml.encode())
    assert got_kind == kind
    assert [e for e in got if "passwd" not in e.url and "root:" not in e.url] == entries == got


def test_billion_laughs_in_a_sitemap_is_neither_expanded_nor_fatal() -> None:
    xml = f'<?xml version="1.0"?>{LAUGHS}<urlset {SITEMAP_NS}><url><loc>&lol9;</loc></url></urlset>'
    started = time.monotonic()
    _, entries = discovery.read_sitemap(xml.encode())
    assert time.monotonic() - started < 1
    assert all(len(e.url) < 1000 for e in entries)


def response(url: str, body: bytes, cls: type[Response] = Response) -> Response:
    return cls(url=url, body=body)


def test_a_gzipped_sitemap_is_unpacked_within_the_size_limit() -> None:
    xml = f"<urlset {SITEMAP_NS}><url><loc>https://x.org/p/1</loc></url></urlset>".encode()
    packed = response("https://x.org/s.xml.gz", gzip.compress(xml))
    assert discovery.sitemap_body(packed, max_size=10_000) == xml
    bomb = response("https://x.org/bomb.xml.gz", gzip.compress(b"<" + b" " * 2_000_000))
    assert discovery.sitemap_body(bomb, max_size=100_000) is None
    assert discovery.sitemap_body(response("https://x.org/s", b"%PDF-1.4"), 10_000) is None


# -- feeds --------------------------------------------------------------------------------------

FEEDS = [
    (
        "RSS 2.0",
        "<rss><channel><item><title>A</title><link> https://x.org/a </link>"
        "<pubDate>Sat, 01 Feb 2025 10:00:00 +0300</pubDate></item>"
        "<item><guid isPermaLink='true'>https://x.org/b</guid></item>"
        "<item><guid isPermaLink='false'>tag:x.org,1</guid></item></channel></rss>",
        [
            Listed("https://x.org/a", "Sat, 01 Feb 2025 10:00:00 +0300"),
            Listed("https://x.org/b", None),
        ],
    ),
    (
        "RSS 1.0 (RDF) with dc:date",
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        ' xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        "<item><link>https://x.org/c</link><dc:date>2025-02-02T09:00:00+03:00</dc:date>"
        "</item></rdf:RDF>",
        [Listed("https://x.org/c", "2025-02-02T09:00:00+03:00")],
    ),
    (
        "Atom: published is the date, updated alone only bounds it",
        '<feed xmlns="http://www.w3.org/2005/Atom"><entry><link rel="alternate"'
        ' href="https://x.org/d"/><link rel="edit" href="https://x.org/edit/d"/>'
        "<published>2025-02-03T10:00:00Z</published><updated>2025-02-04T10:00:00Z</updated>"
        '</entry><entry><link href="https://x.org/e"/><updated>2025-02-05T10:00:00Z</updated>'
        "</entry></feed>",
        [
            Listed("https://x.org/d", "2025-02-03T10:00:00Z"),
            Listed("https://x.org/e", "2025-02-05T10:00:00Z", exact=False),
        ],
    ),
    (
        "XXE: the entity is never resolved",
        f'<?xml version="1.0"?>{XXE}<rss><channel><item><link>&xxe;</link></item></channel></rss>',
        [],
    ),
    ("garbage", "<<<not a feed", []),
    ("empty", "   ", []),
]


@pytest.mark.parametrize(("name", "xml", "entries"), FEEDS, ids=[f[0] for f in FEEDS])
def test_feed_entries(name: str, xml: str, entries: list[Listed]) -> None:
    assert discovery.feed_entries(xml.encode()) == entries


def test_feeds_announced_in_the_head() -> None:
    page = HtmlResponse(
        "https://x.org/",
        body=b'<html><head><link rel="alternate" type="application/rss+xml" href="/rss">'
        b'<link rel="alternate" type="application/atom+xml" href="/atom">'
        b'<link rel="alternate" hreflang="ar" href="/ar"></head></html>',
    )
    assert discovery.feed_links(page.selector) == ["/rss", "/atom"]


# -- sections -----------------------------------------------------------------------------------

IDENTITIES = [
    ("https://x.org/sections/NEWS/Local?page=3", "https://x.org/sections/NEWS/Local"),
    (
        "https://x.org/news_list.php?lang=arabic&cat=1&page=2",
        "https://x.org/news_list.php?lang=arabic&cat=1",
    ),
    ("https://x.org/category/local/page/4/", "https://x.org/category/local"),
    ("https://x.org/sections/NEWS/Local", "https://x.org/sections/NEWS/Local"),
]


@pytest.mark.parametrize(("url", "identity"), IDENTITIES)
def test_every_page_of_a_listing_names_the_same_listing(url: str, identity: str) -> None:
    assert discovery.listing_identity(url) == identity


def test_section_links_are_the_profile_listings_not_excluded() -> None:
    profile = replace(get_profile("yemenshabab_en"), listing_exclusions=(r"/Videos$",))
    base = "https://en.yemenshabab.net"
    links = [
        f"{base}/sections/NEWS/Local",
        f"{base}/sections/NEWS/Local?page=2",  # a page of a section, not a new one
        f"{base}/sections/NEWS/Economy",
        f"{base}/sections/NEWS/Videos",  # excluded by the profile
        f"{base}/sections/NEWS/Local/some-article",
        f"{base}/sections/OPINION/Opinion",  # not a listing the profile pages
        f"{base}/page/about-us",
    ]
    assert discovery.section_links(profile, links) == [
        f"{base}/sections/NEWS/Local",
        f"{base}/sections/NEWS/Economy",
    ]


# -- depth --------------------------------------------------------------------------------------


def depth_of(request: Request, source_depth: int, limit: int = 4) -> int | None:
    crawler = get_crawler(YemenshababEnSpider, {"DEPTH_LIMIT": limit})
    crawler.spider = crawler._create_spider()
    assert crawler.stats is not None
    crawler.stats.open_spider()
    middleware = IndexDepth.from_crawler(crawler)
    source = HtmlResponse("https://x.org/", request=Request("https://x.org/"))
    source.meta["depth"] = source_depth
    processed = middleware.get_processed_request(request, source)
    return None if processed is None else int(processed.meta["depth"])


def test_a_next_page_keeps_its_listings_depth_and_other_links_count_as_scrapy_counts() -> None:
    assert depth_of(Request("https://x.org/s?page=9", meta={DEPTH: 4}), source_depth=4) == 4
    assert depth_of(Request("https://x.org/article"), source_depth=1) == 2
    assert depth_of(Request("https://x.org/related"), source_depth=4) is None  # DEPTH_LIMIT
    assert depth_of(Request("https://x.org/section", meta={DEPTH: 1}), source_depth=3) == 1
    request = Request("https://x.org/s?page=2", meta={DEPTH: 1})
    depth_of(request, source_depth=1)
    assert DEPTH not in request.meta  # it does not spread to the requests of that page


# -- coverage and the verdict ---------------------------------------------------------------------

HEALTHY = {
    "newscrawl/fetch/responses": 20,
    "newscrawl/page/article": 10,
    "newscrawl/page/listing": 3,
}


def test_a_window_cut_fails_the_run_with_the_cause() -> None:
    cut = {
        **HEALTHY,
        "newscrawl/coverage/window_cut": 2,
        "newscrawl/coverage/window_cut/NEWSCRAWL_BACKFILL_MAX_LISTING_PAGES": 2,
    }
    assert judge(HEALTHY, Limits(), "finished").status == OK
    verdict = judge(cut, Limits(), "finished")
    assert verdict.status == FAILED
    assert verdict.reason.startswith("window cut (NEWSCRAWL_BACKFILL_MAX_LISTING_PAGES x2)")


def report(**counts: int) -> dict:
    stats = {f"newscrawl/coverage/{k.replace('__', '/')}": v for k, v in counts.items()}
    return coverage.summary(stats, None)


def test_the_coverage_line() -> None:
    complete = report(
        all__listed=3, all__fetched=3, all__written=2, listing__listed=3, listing__fetched=3
    )
    complete["window"] = {"since": "2025-01-01", "until": None}
    line = coverage.line("site", complete)
    assert line.startswith("site: coverage (since 2025-01-01): 3 article(s) listed, 3 fetched,")
    assert "listing 3/3/0/0/0" in line and "sitemap" not in line
    assert line.endswith("every listing paged to the window's start")
    routine = coverage.line("site", report(all__listed=1))
    assert "(no date window)" in routine and "paged" not in routine
    cut = report(all__listed=1, window_cut=1)
    cut["window_cuts"] = [
        coverage.Cut("https://x.org/s", 3, "2025-02-01", "closespider_pagecount").as_dict()
    ]
    assert coverage.line("site", cut).endswith(
        "WINDOW CUT (1): listing https://x.org/s stopped at page 3 by closespider_pagecount,"
        " having reached 2025-02-01"
    )


def test_xml_responses_of_scrapy_go_through_the_same_reader() -> None:
    body = f"<urlset {SITEMAP_NS}><url><loc>https://x.org/p</loc></url></urlset>".encode()
    xml = response("https://x.org/sitemap.xml", body, XmlResponse)
    assert discovery.read_sitemap(discovery.sitemap_body(xml, 10_000) or b"")[0] == "urlset"
