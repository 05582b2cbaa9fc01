"""The mirror server answers like the real sites: exact bytes and Content-Type headers."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from newscrawl.mirror import (
    MirrorServer,
    available_renditions,
    available_sites,
    load_sites,
    route_key,
    sites_with_rendition,
)
from tests.conftest import FIXTURES, SITES, rendition_cases

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


# ---------------------------------------------------------------- renditions

RENDITIONS = FIXTURES / "renditions"
ASSETS = ("/assets/",)  # the base mirrors' stylesheet and script: renditions have their own


def test_every_site_has_three_renditions_or_more() -> None:
    assert all(len(available_renditions(site)) >= 3 for site in SITES)
    assert available_renditions("no-such-site") == []
    assert set(sites_with_rendition("nextjs")) == set(SITES)


def test_renditions_are_not_sites() -> None:
    assert "renditions" not in available_sites()


def test_unknown_rendition_is_refused_with_the_choice() -> None:
    with pytest.raises(SystemExit, match=r"no rendition 'nope' of marebpress; available: "):
        load_sites(["marebpress"], rendition="nope")


@pytest.mark.parametrize(("site", "rendition"), rendition_cases())
def test_rendition_serves_the_base_mirrors_urls_byte_for_byte(site: str, rendition: str) -> None:
    [mirror] = load_sites([site], rendition=rendition)
    [base] = load_sites([site])
    assert (mirror.name, mirror.base_url, mirror.fetched_at) == (
        base.name,
        base.base_url,
        base.fetched_at,
    )
    wanted = {key for key in base.routes if not key.startswith(ASSETS)}
    assert wanted <= set(mirror.routes), "a rendition answers every URL of the base mirror"
    routes = json.loads((RENDITIONS / site / rendition / "routes.json").read_text("utf-8"))
    with MirrorServer([mirror]) as server:
        for target, spec in routes["routes"].items():
            status, ctype, body = fetch(server.url(site) + target)
            assert (status, ctype) == (200, spec["content_type"]), target
            assert body == (RENDITIONS / site / rendition / spec["file"]).read_bytes(), target


def test_a_rendition_can_lie_about_its_charset() -> None:
    """marebpress/nuke: the header says utf-8, the bytes and the <meta> say windows-1256."""
    [mirror] = load_sites(["marebpress"], rendition="nuke")
    route = mirror.routes[route_key("/news_details.php?lang=arabic&sid=214958")]
    assert route.content_type == "text/html; charset=utf-8"
    body = route.file.read_bytes()
    assert b'<meta charset="windows-1256">' in body
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
