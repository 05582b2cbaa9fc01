"""The generic detectors held to the truth on markup nobody wrote them for.

Each rendition (``fixtures/renditions/<site>/<rendition>/``) serves a site's content at the
same URLs in a structurally different template (legacy tables, WordPress themes, Drupal,
ASP.NET, PHP-Nuke, Next.js). One real ``scrapy crawl`` per rendition, with
``NEWSCRAWL_PROFILE_SELECTORS=False``: the profiles' URL patterns, language and time zone
are used, none of their selectors. Every test is parametrized so that a failure names the
site, the rendition and the field.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from parsel import Selector

from newscrawl.mirror import route_key
from tests.conftest import (
    FIXTURES,
    CrawlResult,
    RenditionCrawls,
    by_path,
    rendition_cases,
    rendition_truth,
)

CASES = rendition_cases()
ARTICLE_FIELDS = (
    "title",
    "section",
    "published_at",
    "published_date",
    "source",
    "authors",
    "body",
    "canonical_url",
)
RELATED_FIELDS = ("title", "url", "section", "published_date", "published_at")
SEED = "/sections/NEWS/Arab/bloomberg--russia-pushed-bashar-al-assad-to-flee-after-confirming-his-defeat"  # noqa: E501


PER_RENDITION = [pytest.param(site, name, id=f"{site}-{name}") for site, name in CASES]


def per_field(fields: tuple[str, ...]) -> list[Any]:
    return [
        pytest.param(site, name, field, id=f"{site}-{name}-{field}")
        for site, name in CASES
        for field in fields
    ]


def short(value: Any, limit: int = 160) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


def crawl(crawls: RenditionCrawls, site: str, rendition: str) -> CrawlResult:
    result = crawls.run(site, rendition)
    assert result.returncode == 0, f"{site}/{rendition}: crawl failed\n{result.log[-3000:]}"
    return result


def test_there_are_renditions_of_every_site() -> None:
    sites = {site for site, _ in CASES}
    assert sites == {"yemenshabab_en", "yemenshabab_ar", "marebpress"}
    assert all(sum(s == site for s, _ in CASES) >= 3 for site in sites)


@pytest.mark.parametrize(("site", "rendition"), PER_RENDITION)
def test_every_article_is_written(
    rendition_crawls: RenditionCrawls, site: str, rendition: str
) -> None:
    result = crawl(rendition_crawls, site, rendition)
    want = {route_key(p) for p in rendition_truth(site, rendition)["articles"]}
    got = set(by_path(result.of_type("article"), result.origin))
    assert sorted(want - got) == [], f"{site}/{rendition}: articles not written"
    assert sorted(got - want) == [], f"{site}/{rendition}: records of pages that are no article"


@pytest.mark.parametrize(("site", "rendition", "field"), per_field(ARTICLE_FIELDS))
def test_article_field(
    rendition_crawls: RenditionCrawls, site: str, rendition: str, field: str
) -> None:
    result = crawl(rendition_crawls, site, rendition)
    articles = by_path(result.of_type("article"), result.origin)
    facts = rendition_truth(site, rendition)["articles"]
    wrong = {}
    for path, want in facts.items():
        expected = "\n\n".join(want["paragraphs"]) if field == "body" else want[field]
        record = articles.get(route_key(path))
        got = record[field] if record else "<no article record>"
        if got != expected:
            wrong[path] = f"got {short(got)}, truth {short(expected)}"
    details = "\n  ".join(f"{p}: {w}" for p, w in list(wrong.items())[:4])
    assert not wrong, f"{site}/{rendition} {field}: {len(wrong)}/{len(facts)} wrong\n  {details}"


@pytest.mark.parametrize(("site", "rendition"), PER_RENDITION)
def test_ticker(rendition_crawls: RenditionCrawls, site: str, rendition: str) -> None:
    result = crawl(rendition_crawls, site, rendition)
    ticker = sorted(result.of_type("ticker_headline"), key=lambda r: r["position"])
    got = [
        {"title": t["title"], "path": t["url"] and route_key(t["url"].removeprefix(result.origin))}
        for t in ticker
    ]
    want = [
        {"title": t["title"], "path": t["path"] and route_key(t["path"])}
        for t in rendition_truth(site, rendition)["ticker"]
    ]
    assert got == want, f"{site}/{rendition}: ticker headlines (title, url, order)"


@pytest.mark.parametrize(("site", "rendition", "field"), per_field(RELATED_FIELDS))
def test_related_field(
    rendition_crawls: RenditionCrawls, site: str, rendition: str, field: str
) -> None:
    result = crawl(rendition_crawls, site, rendition)
    ids_by_path = {p: r["id"] for p, r in by_path(result.of_type("article"), result.origin).items()}
    lists: dict[str, list[dict[str, Any]]] = {}
    for record in sorted(result.of_type("related_link"), key=lambda r: r["position"]):
        lists.setdefault(record["article_id"], []).append(record)
    facts = rendition_truth(site, rendition)["articles"]
    wrong = {}
    for path, want in facts.items():
        entries = lists.get(ids_by_path.get(route_key(path), ""), [])
        if field == "url":
            got = [route_key(r["url"].removeprefix(result.origin)) for r in entries]
            expected = [route_key(w["path"]) for w in want["related"]]
        else:
            got = [r[field] for r in entries]
            expected = [w[field] for w in want["related"]]
        if got != expected:
            wrong[path] = f"got {short(got, 300)}, truth {short(expected, 300)}"
    details = "\n  ".join(f"{p}: {w}" for p, w in list(wrong.items())[:3])
    assert not wrong, (
        f"{site}/{rendition} related {field}: {len(wrong)}/{len(facts)} lists wrong\n  {details}"
    )


# ---------------------------------------------------------------- the date is on the page

INDIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
MONTH_NAMES = [  # English, Egyptian and Levantine Arabic names (and common spellings)
    ("january", "jan", "يناير", "كانون الثاني"),
    ("february", "feb", "فبراير", "شباط"),
    ("march", "mar", "مارس", "آذار"),
    ("april", "apr", "أبريل", "ابريل", "إبريل", "نيسان"),
    ("may", "مايو", "أيار"),
    ("june", "jun", "يونيو", "يونيه", "حزيران"),
    ("july", "jul", "يوليو", "يوليه", "تموز"),
    ("august", "aug", "أغسطس", "آب"),
    ("september", "sep", "سبتمبر", "أيلول"),
    ("october", "oct", "أكتوبر", "تشرين الأول"),
    ("november", "nov", "نوفمبر", "تشرين الثاني"),
    ("december", "dec", "ديسمبر", "كانون الأول"),
]


def names_date(raw: str, iso: str) -> bool:
    """Does the text name this calendar date (day, month, four-digit year), in words or in
    numbers (day/month/year or year-month-day)? Independent of newscrawl.dates on purpose."""
    year, month, day = (int(x) for x in iso.split("-"))
    text = raw.translate(INDIC_DIGITS).lower()
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    if year not in numbers:
        return False
    if any(name in text for name in MONTH_NAMES[month - 1]):
        return day in [n for n in numbers if n != year]
    triples = list(zip(numbers, numbers[1:], numbers[2:], strict=False))
    return (day, month, year) in triples or (year, month, day) in triples


def page_texts(site: str, rendition: str, path: str) -> tuple[str, list[str]]:
    """The page's visible text (whitespace collapsed) and its attribute values."""
    folder = FIXTURES / "renditions" / site / rendition
    routes = {route_key(t): spec for t, spec in load_routes(folder).items()}
    raw = (folder / routes[route_key(path)]["file"]).read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1256")
    sel = Selector(text=text)
    nodes = sel.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]")
    visible = " ".join("".join(nodes.getall()).split())
    return visible, [" ".join(v.split()) for v in sel.xpath("//@*").getall()]


def load_routes(folder: Path) -> dict[str, dict[str, str]]:
    return json.loads((folder / "routes.json").read_text("utf-8"))["routes"]


@pytest.mark.parametrize(("site", "rendition"), PER_RENDITION)
def test_published_date_is_stated_on_the_page(
    rendition_crawls: RenditionCrawls, site: str, rendition: str
) -> None:
    result = crawl(rendition_crawls, site, rendition)
    wrong = {}
    for path, record in by_path(result.of_type("article"), result.origin).items():
        raw = " ".join((record["published_raw"] or "").split())
        if not raw or not record["published_date"]:
            wrong[path] = f"no date (raw {raw!r})"
            continue
        visible, attributes = page_texts(site, rendition, path)
        if raw not in visible and raw not in attributes:
            wrong[path] = f"published_raw {raw!r} is not on the page"
        elif not names_date(raw, record["published_date"]):
            wrong[path] = f"{raw!r} does not name {record['published_date']}"
    details = "\n  ".join(f"{p}: {w}" for p, w in list(wrong.items())[:4])
    assert not wrong, f"{site}/{rendition} published_raw: {len(wrong)} wrong\n  {details}"


# ---------------------------------------------------------------- the seed page

EN_RENDITIONS = [name for site, name in CASES if site == "yemenshabab_en"]


@pytest.mark.parametrize("rendition", EN_RENDITIONS)
def test_seed_figures(rendition_crawls: RenditionCrawls, rendition: str) -> None:
    """tests/test_seed_acceptance.py's figures, in every rendition of the English site."""
    result = crawl(rendition_crawls, "yemenshabab_en", rendition)
    seeds = [a for a in result.of_type("article") if a["url"] == result.origin + SEED]
    assert len(seeds) == 1, f"{rendition}: the seed article is not written once"
    article = seeds[0]
    assert article["title"] == (
        "Bloomberg: Russia pushed Bashar al-Assad to flee after confirming his defeat"
    ), rendition
    assert article["section"] == "Arab", rendition
    assert article["published_at"] == "2024-12-11T12:21:00+00:00", rendition
    assert article["published_date"] == "2024-12-11", rendition
    assert article["source"] == "Bloomberg", rendition
    paragraphs = article["body"].split("\n\n")
    assert len(paragraphs) == 9, rendition
    assert paragraphs[0].startswith("Bloomberg quoted Russian officials today"), rendition
    assert paragraphs[-1].startswith("Russian Foreign Minister Sergei Lavrov held talks"), rendition
    assert "Source:" not in article["body"], rendition
    assert "Weapons chaos" not in article["body"], rendition

    ticker = sorted(result.of_type("ticker_headline"), key=lambda t: t["position"])
    assert len(ticker) == 7, rendition
    assert ticker[0]["title"] == (
        "Weapons chaos.. Two killed in two separate incidents in Ibb Governorate"
    ), rendition
    assert ticker[-1]["title"] == (
        "Hadhramaut.. Local Authority, National Council and Tribal Alliance Welcome "
        "Presidential Plan to Normalize Situation in the Governorate"
    ), rendition

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
    ], rendition
    assert all(r["published_at"] is None for r in related), rendition
