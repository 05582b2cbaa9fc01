"""Mareb Press (مأرب برس): a legacy PHP site, windows-1256, table layout.

Encoding is declared either in a ``<meta http-equiv>`` tag or only in the HTTP header,
page by page; Scrapy's response decoding (header, BOM, meta, as a browser) handles both.
"""

from __future__ import annotations

from newscrawl.sites.base import Selectors, SiteProfile

MAREBPRESS = SiteProfile(
    name="marebpress",
    site="marebpress.net",
    base_url="https://marebpress.net",
    hosts=(
        "marebpress.net",
        "www.marebpress.net",
        "marebpress.com",
        "www.marebpress.com",
        "marebpress.org",
        "www.marebpress.org",
    ),
    language="ar",
    encoding="windows-1256",
    site_names=("مأرب برس", "مارب برس", "Mareb Press", "Marib Press", "marebpress.net"),
    start_urls=(
        "https://marebpress.net/",
        "https://marebpress.net/news_list.php?lang=arabic&cat=1",
        "https://marebpress.net/news_list.php?lang=arabic&cat=3",
        "https://marebpress.net/articles_list.php?lng=arabic",
    ),
    feed_urls=("https://marebpress.net/news_rss.php?lang=arabic",),
    # News (news_details.php) and opinion pieces (articles.php), archived ones included.
    article_patterns=(r"^(?:/archive)?/news_details\.php\?", r"^/articles\.php\?"),
    listing_patterns=(r"^/news_list\.php\?", r"^/articles_list\.php"),
    selectors=Selectors(
        ticker="td.ticker marquee a",  # separated by bare " ** " text: not headlines
        title="h1.news_title",
        date="span.news_date",  # "الأحد 01 فبراير-شباط 2026 الساعة 05 مساءً"
        section="div.news_path a:last-of-type",
        authors="div.news_source, div.writer",  # desk credit on news, byline on opinion
        body="div.details > p, div.details > blockquote",
        image="div.details figure.news_pic img",
        summary='meta[name="description"]',
        tags="",  # its meta keywords are the same site-wide words on every page
        modified="",
        related="div.related table.related_list tr",
        related_link="td.rel_title a",
        related_date="td.rel_date",
        # Section pages, the opinion list, and the home page's top story and blocks.
        listing="table.news_list tr.news_row, div.top_news, ul.block_list li",
        listing_link="a.list_title, h2.top_title a, li > a",
        listing_date="div.list_date, div.top_date, span.block_date",
        next_page="div.pages a.next",
    ),
)
