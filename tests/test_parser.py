"""The site parser: profile selectors first, the generic path part by part when one fails."""

from __future__ import annotations

import dataclasses
import json
import logging

import pytest
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from newscrawl.extract.page import Page
from newscrawl.extract.parser import parse_listing, parse_page
from newscrawl.sites import PROFILES, get_profile
from newscrawl.spiders.yemenshabab_en import YemenshababEnSpider
from tests.conftest import FIXTURES, truth

SEED = (
    "/sections/NEWS/Arab/"
    + "bloomberg--russia-pushed-bashar-al-assad-to-flee-after-confirming-his-defeat"
)
BASE = "https://en.yemenshabab.net"


def page(site: str, target: str) -> str:
    routes = json.loads((FIXTURES / site / "routes.json").read_text("utf-8"))["routes"]
    return (FIXTURES / site / routes[target]["file"]).read_text("utf-8")


def broken(**selectors: str):
    """The English profile after a 'redesign' that broke some of its selectors."""
    profile = PROFILES["yemenshabab_en"]
    return dataclasses.replace(
        profile, selectors=dataclasses.replace(profile.selectors, **selectors)
    )


BROKEN_PARTS = [
    ({"title": "h1.headline-v2"}, ["article.title"]),
    ({"date": "time.published"}, ["article.date"]),
    ({"body": ".article-text > p"}, ["article.body"]),
    ({"ticker": "#breaking .item"}, ["ticker"]),
    ({"related": ".more-news .card"}, ["related"]),
    (
        {"title": "h1.x", "body": ".y p", "ticker": ".z li"},
        ["ticker", "article.title", "article.body"],
    ),
]


@pytest.mark.parametrize(("selectors", "fallbacks"), BROKEN_PARTS, ids=lambda v: str(v))
def test_a_broken_selector_falls_back_to_generic_for_that_part_only(selectors, fallbacks) -> None:
    html, url = page("yemenshabab_en", SEED), BASE + SEED
    healthy = parse_page(Page(url, html, profile=PROFILES["yemenshabab_en"]))
    parts = parse_page(Page(url, html, profile=broken(**selectors)))
    assert sorted(parts.fallbacks) == sorted(fallbacks)
    assert healthy.fallbacks == []
    # The generic path recovers what the broken selector lost on this page.
    assert parts.ticker == healthy.ticker
    assert parts.related == healthy.related
    assert parts.article.title == healthy.article.title
    assert parts.article.paragraphs == healthy.article.paragraphs
    assert parts.article.source == healthy.article.source == "Bloomberg"


def test_the_spider_logs_a_fallback_once_and_counts_every_time(caplog) -> None:
    crawler = get_crawler(YemenshababEnSpider, {"NEWSCRAWL_NOW": "2026-02-02T09:00:00+00:00"})
    spider = crawler._create_spider()
    crawler.spider = spider
    crawler.stats.open_spider()
    spider.page_profile = broken(title="h1.headline-v2")
    response = HtmlResponse(
        BASE + SEED, body=page("yemenshabab_en", SEED).encode(), encoding="utf-8"
    )
    with caplog.at_level(logging.WARNING, logger="newscrawl.audit"):
        for _ in range(3):
            records = list(spider.parse_article(response))
    article = next(r for r in records if getattr(r, "type", "") == "article")
    assert article.title == truth("yemenshabab_en")["articles"][SEED]["title"]
    assert crawler.stats.get_value("newscrawl/parser/fallback/article.title") == 3
    warnings = [r for r in caplog.records if "article.title" in r.getMessage()]
    assert len(warnings) == 1


def test_profile_decides_what_an_article_page_is() -> None:
    listing = page("yemenshabab_en", "/sections/NEWS/Arab")
    parts = parse_page(
        Page(BASE + "/sections/NEWS/Arab", listing, profile=PROFILES["yemenshabab_en"])
    )
    assert parts.article is None and parts.related == []
    assert [t.title for t in parts.ticker] == [
        t["title"] for t in truth("yemenshabab_en")["ticker"]
    ]


@pytest.mark.parametrize("site", ["yemenshabab_en", "yemenshabab_ar", "marebpress"])
def test_listing_entries_and_next_page(site: str) -> None:
    profile = get_profile(site)
    routes = json.loads((FIXTURES / site / "routes.json").read_text("utf-8"))
    for target, want in truth(site)["listings"].items():
        route = routes["routes"][target]
        raw = (FIXTURES / site / route["file"]).read_bytes()
        html = raw.decode("utf-8" if "yemenshabab" in site else "cp1256", errors="strict")
        entries, next_url = parse_listing(Page(routes["base_url"] + target, html, profile=profile))
        assert [(e.url.removeprefix(routes["base_url"]), e.title, e.date_raw) for e in entries] == [
            (w["path"], w["title"], w["date_line"]) for w in want["entries"]
        ], target
        assert (next_url and next_url.removeprefix(routes["base_url"])) == want["next"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("yemenshabab_en", "yemenshabab_en"),
        ("en.yemenshabab.net", "yemenshabab_en"),
        ("www.yemenshabab.net", "yemenshabab_ar"),
        ("marebpress.org", "marebpress"),
        ("MAREBPRESS.NET", "marebpress"),
    ],
)
def test_get_profile_by_spider_name_or_host(name: str, expected: str) -> None:
    assert get_profile(name).name == expected


def test_get_profile_unknown_site() -> None:
    with pytest.raises(KeyError, match=r"unknown site 'example\.com'"):
        get_profile("example.com")
