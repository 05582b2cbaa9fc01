"""The public extraction API: one saved page in, the records a crawl would write out."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from newscrawl.extract.page import Page
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
    selectors: bool = True,
) -> list[dict[str, Any]]:
    """Split one page into article, ticker_headline and related_link records.

    ``site`` names a profile (spider name or host, e.g. ``"marebpress"``); ``None`` uses
    only the generic detectors. ``selectors=False`` keeps the profile's site facts (URL
    patterns, language, time zone, names) but leaves every part to the generic detectors,
    as a crawl with ``NEWSCRAWL_PROFILE_SELECTORS=False`` does. Bytes are decoded as a
    crawl decodes them (:class:`newscrawl.extract.page.Page`): the charset of
    ``content_type`` (the HTTP header) when the bytes agree with it, then BOM,
    ``<meta charset>``, detection. ``now`` anchors relative dates (default: now).
    """
    profile = get_profile(site) if site else None
    if profile is not None and not selectors:
        profile = profile.without_selectors()
    page = Page(url, html, content_type=content_type, profile=profile)
    parts = parse_page(page)
    if profile is not None:
        ctx = SiteContext.of(profile)
    else:
        ctx = SiteContext(site=urlsplit(url).hostname or "unknown")
    records = build_records(parts, ctx, now=now or datetime.now(UTC))
    return [asdict(record) for record in records]
