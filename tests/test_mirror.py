"""The mirror server answers like the real sites: exact bytes and Content-Type headers."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from newscrawl.mirror import MirrorServer, available_sites, route_key
from tests.conftest import FIXTURES, SITES

ROUTE_KEYS = [
    ("/", "/"),
    ("", "/"),
    ("/rss", "/rss"),
    ("/sections/NEWS/Arab?page=2", "/sections/NEWS/Arab?page=2"),
    ("/news_details.php?sid=101&lang=arabic", "/news_details.php?lang=arabic&sid=101"),
    ("/news_details.php?lang=arabic&sid=101", "/news_details.php?lang=arabic&sid=101"),
    ("/a?b=&a=1", "/a?a=1&b="),
]


@pytest.mark.parametrize(("target", "key"), ROUTE_KEYS)
def test_route_key_ignores_parameter_order(target: str, key: str) -> None:
    assert route_key(target) == key


def test_every_site_has_a_mirror() -> None:
    assert set(SITES) <= set(available_sites())


def fetch(url: str, method: str = "GET") -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


@pytest.mark.parametrize("site", SITES)
def test_every_route_is_served_byte_for_byte(mirrors: MirrorServer, site: str) -> None:
    routes = json.loads((FIXTURES / site / "routes.json").read_text("utf-8"))["routes"]
    assert len(routes) >= 20, "a mirror has a home page, 2 sections x 2 pages, 8+ articles..."
    for target, spec in routes.items():
        status, ctype, body = fetch(mirrors.url(site) + target)
        assert (status, ctype) == (200, spec["content_type"]), target
        assert body == (FIXTURES / site / spec["file"]).read_bytes(), target


def test_unknown_page_is_404_and_head_has_no_body(mirrors: MirrorServer) -> None:
    status, _, _ = fetch(mirrors.url("yemenshabab_en") + "/no/such/page")
    assert status == 404
    status, _, body = fetch(mirrors.url("yemenshabab_en") + "/robots.txt", method="HEAD")
    assert (status, body) == (200, b"")


def test_mirror_listens_on_loopback_only(mirrors: MirrorServer) -> None:
    assert all(url.startswith("http://127.0.0.1:") for url in mirrors.urls.values())
