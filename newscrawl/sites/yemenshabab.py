"""Yemen Shabab (يمن شباب نت): one CMS, two editions (English and Arabic).

Page order: breaking-news ticker, breadcrumb, title, date line ``<Section>| <date>``,
optional credit line, image, body, optional ``Source: <outlet>`` line, share buttons,
related news (``<Section> | <d Mon, YYYY>`` + title). See docs in the README.
"""

from __future__ import annotations

from newscrawl.sites.base import Selectors, SiteProfile

YEMENSHABAB_SELECTORS = Selectors(
    ticker=".breaking-news .news-ticker li",
    title="h1.post-title",
    # "Arab| 11 December, 2024 - 3:21 PM": the date is the <span>, the label the <a>.
    date=".post-date > span",
    section=".post-date > a",
    authors=".post-author",  # credit line, e.g. "Yemen Youth Net: Follow-ups"
    # The source line ("Source: Bloomberg") is the last <p>: the profile's source patterns
    # take it out of the body. Quotes are paragraphs too, in document order.
    body=".post-content > p, .post-content > blockquote > p",
    image="figure.post-image img",
    summary='meta[name="description"]',
    tags="",  # the CMS shows no tags
    modified="",  # nor a modification date
    related=".related-news .related-item",
    related_link=".related-title a",
    related_section=".related-section",
    related_date=".related-date",  # "Arab | 7 Jan, 2025": the part after the bar
    listing=".news-list .news-item",
    listing_link=".news-title a",
    listing_date=".news-date",
    next_page='.pagination a[rel="next"]',
)

# Article pages, also the archived ones under /archive/ (robots.txt keeps us out of those).
_ARTICLE = r"(?:/archive)?/sections/NEWS/[^/?]+/[^/?]+$"
_LISTING = r"/sections/NEWS/[^/?]+$"

YEMENSHABAB_EN = SiteProfile(
    name="yemenshabab_en",
    site="en.yemenshabab.net",
    base_url="https://en.yemenshabab.net",
    hosts=("en.yemenshabab.net",),
    language="en",
    site_names=("Yemen Shabab Net", "Yemen Shabab", "Yemen Youth Net", "يمن شباب نت"),
    start_urls=(
        "https://en.yemenshabab.net/",
        "https://en.yemenshabab.net/sections/NEWS/Arab",
        "https://en.yemenshabab.net/sections/NEWS/Local",
    ),
    feed_urls=("https://en.yemenshabab.net/rss",),
    article_patterns=("^" + _ARTICLE,),
    listing_patterns=("^" + _LISTING,),
    selectors=YEMENSHABAB_SELECTORS,
)

YEMENSHABAB_AR = SiteProfile(
    name="yemenshabab_ar",
    site="yemenshabab.net",
    base_url="https://yemenshabab.net",
    hosts=("yemenshabab.net", "www.yemenshabab.net"),
    language="ar",
    site_names=("يمن شباب نت", "يمن شباب", "Yemen Shabab Net", "Yemen Shabab"),
    start_urls=(
        "https://yemenshabab.net/ar",
        "https://yemenshabab.net/ar/sections/NEWS/Files",
        "https://yemenshabab.net/ar/sections/NEWS/Local",
    ),
    feed_urls=("https://www.yemenshabab.net/rss",),
    article_patterns=("^/ar" + _ARTICLE,),
    listing_patterns=("^/ar" + _LISTING,),
    selectors=YEMENSHABAB_SELECTORS,
)
