"""The acceptance of the project's first issue, in the issue's own words and numbers: a crawl
of the English mirror and the seed page (../shared/seeds/yemenshabab-en-article.txt)."""

from __future__ import annotations

from tests.conftest import Crawler

SEED = "/sections/NEWS/Arab/bloomberg--russia-pushed-bashar-al-assad-to-flee-after-confirming-his-defeat"  # noqa: E501


def test_seed_page_records(crawler: Crawler) -> None:
    result = crawler.run("yemenshabab_en")
    [article] = [a for a in result.of_type("article") if a["url"] == result.origin + SEED]
    assert article["title"] == (
        "Bloomberg: Russia pushed Bashar al-Assad to flee after confirming his defeat"
    )
    assert article["section"] == "Arab"
    assert article["published_at"] == "2024-12-11T12:21:00+00:00"
    assert article["published_date"] == "2024-12-11"
    assert article["source"] == "Bloomberg"
    paragraphs = article["body"].split("\n\n")
    assert len(paragraphs) == 9
    assert paragraphs[0].startswith("Bloomberg quoted Russian officials today")
    assert paragraphs[-1].startswith("Russian Foreign Minister Sergei Lavrov held talks")
    assert "Source:" not in article["body"] and "Related News" not in article["body"]
    assert "Weapons chaos" not in article["body"]

    ticker = sorted(result.of_type("ticker_headline"), key=lambda t: t["position"])
    assert len(ticker) == 7
    assert (
        ticker[0]["title"]
        == "Weapons chaos.. Two killed in two separate incidents in Ibb Governorate"
    )
    assert ticker[-1]["title"] == (
        "Hadhramaut.. Local Authority, National Council and Tribal Alliance Welcome "
        "Presidential Plan to Normalize Situation in the Governorate"
    )

    related = sorted(
        (r for r in result.of_type("related_link") if r["article_id"] == article["id"]),
        key=lambda r: r["position"],
    )
    assert [r["published_date"] for r in related] == [
        "2025-01-07",
        "2025-01-04",
        "2025-01-02",
        "2025-01-01",
        "2024-12-31",
        "2024-12-30",
    ]
    assert all(r["published_at"] is None for r in related)  # a date alone is not midnight UTC
    assert related[0]["title"] == (
        "The last hours of Bashar al-Assad's rule... This is how the dominoes of the ousted "
        "regime fell"
    )
