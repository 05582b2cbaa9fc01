"""The generic path alone gets the mirrors' pages right: profiles only sharpen it.

Every article page of every mirror goes through its profile with the selectors off
(``selectors=False``: the site's zone and language, no CSS) and with them on; the ticker,
the article fields and the related entries must agree. Mirrors and profiles were written by
the same hand, so this is a floor: ``tests/test_renditions.py`` holds the generic path to
the truth on templates the profiles never saw.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest

from newscrawl import extract_page
from tests.conftest import FIXTURES, SITES, truth

ARTICLE_FIELDS = (
    "title",
    "section",
    "published_at",
    "published_date",
    "published_raw",
    "body",
    "source",
    "canonical_url",
    "language",
)
RELATED_FIELDS = ("title", "url", "section", "published_date", "published_at", "published_raw")


def pages() -> list[tuple[str, str]]:
    return [(site, path) for site in SITES for path in truth(site)["articles"]]


def both(site: str, path: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    routes = json.loads((FIXTURES / site / "routes.json").read_text("utf-8"))
    route = routes["routes"][path]
    body = (FIXTURES / site / route["file"]).read_bytes()
    url = routes["base_url"] + path
    now = datetime.fromisoformat(routes["fetched_at"])
    kwargs = {"content_type": route["content_type"], "now": now}
    generic = extract_page(body, url, site, selectors=False, **kwargs)
    return generic, extract_page(body, url, site, **kwargs)


def of_type(records: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [r for r in records if r["type"] == kind]


@pytest.mark.parametrize(("site", "path"), pages())
def test_generic_ticker_equals_profile(site: str, path: str) -> None:
    generic, profile = both(site, path)
    pick = lambda rs: [(r["title"], r["url"]) for r in of_type(rs, "ticker_headline")]  # noqa: E731
    assert pick(generic) == pick(profile)


@pytest.mark.parametrize(("site", "path"), pages())
def test_generic_article_equals_profile(site: str, path: str) -> None:
    generic, profile = both(site, path)
    [g], [p] = of_type(generic, "article"), of_type(profile, "article")
    assert {f: g[f] for f in ARTICLE_FIELDS} == {f: p[f] for f in ARTICLE_FIELDS}


@pytest.mark.parametrize(("site", "path"), pages())
def test_generic_related_equals_profile(site: str, path: str) -> None:
    generic, profile = both(site, path)
    pick = lambda rs: [{f: r[f] for f in RELATED_FIELDS} for r in of_type(rs, "related_link")]  # noqa: E731
    assert pick(generic) == pick(profile)
