"""The public extraction API: one saved page in, the records a crawl would write out."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from newscrawl.extract.decode import decode_html
from newscrawl.extract.parser import parse_page
from newscrawl.records import SiteContext, build_records
from newscrawl.sites import get_profile


def extract_page(
    html: bytes | str,
    url: str,
    site: str | None = None,
    *,
    content_type: str | None = None,
    now: datetime | None = None,
) -> list[dict[str, Any]]:
    """Split one page into article, ticker_headline and related_link records.

    ``site`` names a profile (spider name or host, e.g. ``"marebpress"``); ``None`` uses
    only the generic detectors. Bytes are decoded as a browser would: the charset of
    ``content_type`` (the HTTP header) when given, then BOM, ``<meta charset>``, detection.
    ``now`` anchors relative dates (default: the current time).
    """
    text = decode_html(html, content_type) if isinstance(html, bytes) else html
    profile = get_profile(site) if site else None
    parts = parse_page(text, url, profile)
    if profile is not None:
        ctx = SiteContext.of(profile)
    else:
        ctx = SiteContext(site=urlsplit(url).hostname or "unknown")
    records = build_records(parts, ctx, now=now or datetime.now(UTC))
    return [asdict(record) for record in records]
