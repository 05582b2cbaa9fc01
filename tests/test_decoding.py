"""Bytes are decoded as a browser would: the mirrors' legacy Arabic pages come out right
whether the charset is in the HTTP header, only in a <meta> tag, or given nowhere."""

from __future__ import annotations

import json

import pytest

from newscrawl.extract.decode import decode_html
from tests.conftest import FIXTURES, SITES

ROUTES = [
    (site, target, spec)
    for site in SITES
    for target, spec in json.loads((FIXTURES / site / "routes.json").read_text("utf-8"))[
        "routes"
    ].items()
    if spec["content_type"].startswith("text/html")
]


def encoding_of(site: str) -> str:
    return "cp1256" if site == "marebpress" else "utf-8"


@pytest.mark.parametrize(("site", "target", "spec"), ROUTES, ids=[f"{s}{t}" for s, t, _ in ROUTES])
def test_decoding_with_the_http_header(site: str, target: str, spec: dict) -> None:
    body = (FIXTURES / site / spec["file"]).read_bytes()
    assert decode_html(body, spec["content_type"]) == body.decode(encoding_of(site))


@pytest.mark.parametrize(("site", "target", "spec"), ROUTES, ids=[f"{s}{t}" for s, t, _ in ROUTES])
def test_decoding_saved_bytes_without_any_header(site: str, target: str, spec: dict) -> None:
    body = (FIXTURES / site / spec["file"]).read_bytes()
    text = decode_html(body)
    assert text == body.decode(encoding_of(site))
    if site != "yemenshabab_en":
        assert "ال" in text  # Arabic, not mojibake
