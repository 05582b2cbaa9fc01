"""``target_id``: the id the linked article has in the archive, so records can be joined."""

from __future__ import annotations

import json

import pytest

from newscrawl.records import SiteContext, article_id
from newscrawl.sites import get_profile
from tests.conftest import EXPECTED, SITES

EN = get_profile("yemenshabab_en")
ARTICLE = "https://en.yemenshabab.net/sections/NEWS/Arab/learn-about-the-map"
MIRROR = "http://127.0.0.1:8002"

ON_MIRROR = MIRROR + "/sections/NEWS/Arab/learn-about-the-map"

CASES = [
    ("the article's own URL", None, ARTICLE, article_id(ARTICLE)),
    ("http and a fragment", None, ARTICLE.replace("https:", "http:") + "#top", article_id(ARTICLE)),
    ("on the mirror crawled instead", MIRROR, ON_MIRROR, article_id(ARTICLE)),
    ("no link", None, None, None),
    ("another site", None, "https://www.bbc.com/sections/NEWS/Arab/x", None),
    ("a mirror not crawled", None, ON_MIRROR, None),
    ("a section page, no article", None, "https://en.yemenshabab.net/sections/NEWS/Arab", None),
]  # fmt: skip


@pytest.mark.parametrize(("name", "mirror", "url", "want"), CASES, ids=[c[0] for c in CASES])
def test_target_id(name: str, mirror: str | None, url: str | None, want: str | None) -> None:
    assert SiteContext.of(EN, mirror).target_id(url) == want


def test_a_site_with_several_hosts_has_one_id_per_article() -> None:
    mareb = SiteContext.of(get_profile("marebpress"))
    ids = {
        mareb.target_id(f"https://{host}/news_details.php?lang=arabic&sid=1")
        for host in ("marebpress.net", "marebpress.com", "www.marebpress.net")
        if host in get_profile("marebpress").hosts
    }
    assert ids == {article_id("https://marebpress.net/news_details.php?lang=arabic&sid=1")}


def test_a_page_without_a_profile_links_within_its_own_host() -> None:
    generic = SiteContext(site="news.example")
    assert generic.target_id("https://news.example/a") == article_id("https://news.example/a")
    assert generic.target_id("https://elsewhere.example/a") is None


@pytest.mark.parametrize("site", SITES)
def test_related_news_joins_to_the_articles_of_the_crawl(site: str) -> None:
    records = [
        json.loads(line) for line in (EXPECTED / f"{site}.jsonl").read_text("utf-8").splitlines()
    ]
    ids = {r["id"] for r in records if r["type"] == "article"}
    related = [r for r in records if r["type"] == "related_link"]
    joined = [r for r in related if r["target_id"] in ids]
    # All but the one entry per mirror that links to an archived page the mirror lacks.
    assert len(joined) == len(related) - 1
    assert all(r["target_id"] for r in related)
