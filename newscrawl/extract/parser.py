"""A site parser: a :class:`~newscrawl.extract.page.Page` -> PageParts.

Profile selectors first; the generic detectors for any part the profile does not know, or
whose selector stopped matching (recorded in ``Page.fallbacks`` so the crawl can count it).
The same function serves the spiders and :func:`newscrawl.extract_page`, so it is testable
on saved pages without a crawl.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from parsel import Selector
from w3lib.url import safe_url_string

from newscrawl.extract import generic
from newscrawl.extract.generic.common import absolute_url
from newscrawl.extract.lines import SOURCE_LINE, author_name
from newscrawl.extract.page import Page
from newscrawl.extract.parts import (
    ArticleParts,
    DateCandidate,
    ListingEntry,
    PageParts,
    RelatedEntry,
    TickerEntry,
)
from newscrawl.extract.text import squash, text_of
from newscrawl.sites.base import Selectors, compiled

T = TypeVar("T")

_EMPTY_ARTICLE = ArticleParts()
# Separators some tickers put between headlines: not headlines themselves.
_SEPARATORS = {"*", "**", "•", "|", "-", "–", "—", "·", "◆", "■", "»", "«"}


def parse_page(page: Page) -> PageParts:
    """Split one page into ticker, article and related list."""
    return PageParser(page).parse()


def parse_listing(page: Page) -> tuple[list[ListingEntry], str | None]:
    """Article entries of a listing page (with their shown dates) and the next page's URL."""
    parser = PageParser(page)
    return parser.listing_entries(), parser.next_page()


class PageParser:
    """The profile's selectors over one page, part by part, with the generic fallback."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.sel = page.sel
        self.url = page.url
        self.profile = page.profile
        self.css = page.profile.selectors if page.profile else Selectors()
        self.fallbacks = page.fallbacks

    def absolute(self, href: str | None) -> str | None:
        """An http(s) URL, percent-encoded as a browser sends it; None for other links."""
        url = absolute_url(self.page.base, squash(href))
        return safe_url_string(url) if url else None

    # -- the three parts ------------------------------------------------------------------

    def parse(self) -> PageParts:
        parts = PageParts(url=self.url)
        parts.ticker = self._part("ticker", self.css.ticker, self._ticker, self._generic_ticker)
        parts.article = self._article()
        if parts.article is not None:
            parts.related = self._part(
                "related", self.css.related, self._related, self._generic_related
            )
        parts.fallbacks = self.fallbacks
        return parts

    def _part(
        self,
        name: str,
        selector: str | None,
        by_profile: Callable[[str], T],
        by_generic: Callable[[], T],
    ) -> T:
        """Profile first; generic when the profile has no selector or it found nothing."""
        if selector is not None:
            found = by_profile(selector)
            if found:
                return found
        value = by_generic()
        if selector is not None and value:
            self.fallbacks.append(name)
        return value

    def _ticker(self, selector: str) -> list[TickerEntry]:
        entries = []
        for node in self.sel.css(selector):
            title = text_of(node)
            if not title or title in _SEPARATORS:
                continue
            href = node.attrib.get("href") or node.css("a::attr(href)").get()
            entries.append(TickerEntry(title=title, url=self.absolute(href)))
        return entries

    def _generic_ticker(self) -> list[TickerEntry]:
        return generic.find_ticker(self.page)

    def _related(self, selector: str) -> list[RelatedEntry]:
        entries = []
        for node in self.sel.css(selector):
            link = node.css(self.css.related_link)
            title = text_of(link)
            if not title:
                continue
            entries.append(
                RelatedEntry(
                    title=title,
                    url=self.absolute(link.attrib.get("href")),
                    section=self._optional_text(node, self.css.related_section),
                    date_raw=self._optional_text(node, self.css.related_date),
                )
            )
        return entries

    def _generic_related(self) -> list[RelatedEntry]:
        return generic.find_related(self.page)

    # -- the article, field by field ------------------------------------------------------

    def _article(self) -> ArticleParts | None:
        if self.profile is not None and not self.profile.is_article_url(self.url):
            return None  # the profile decides what an article page is: no guessing on listings
        css = self.css
        article = ArticleParts(
            title=self._field("article.title", css.title, self._text, "title"),
            dates=self._field("article.date", css.date, self._dates, "dates"),
            section=self._field("article.section", css.section, self._text, "section"),
            paragraphs=self._field("article.body", css.body, self._paragraphs, "paragraphs"),
            canonical_url=self._field(
                "article.canonical", css.canonical, self._link, "canonical_url"
            ),
            modified_raw=self._optional(css.modified, self._text, "modified_raw"),
            authors=self._optional(css.authors, self._authors, "authors"),
            image_url=self._optional(css.image, self._link, "image_url"),
            summary=self._optional(css.summary, self._text, "summary"),
            tags=self._optional(css.tags, self._texts, "tags"),
            language=self._language(),
        )
        article.paragraphs, article.source = self._split_source(article.paragraphs)
        if article.source is None and self._body_is_generic:
            article.source = self._generic_value("source")
        if not article.title and not article.paragraphs:
            return None
        return article

    @property
    def _body_is_generic(self) -> bool:
        return self.css.body is None or "article.body" in self.fallbacks

    def _generic_value(self, attr: str) -> Any:
        found = self.page.generic_article
        return getattr(found if found is not None else _EMPTY_ARTICLE, attr)

    def _field(
        self, name: str, selector: str | None, by_profile: Callable[[str], T], attr: str
    ) -> T:
        return self._part(name, selector, by_profile, lambda: self._generic_value(attr))

    def _optional(self, selector: str | None, by_profile: Callable[[str], T], attr: str) -> T:
        """Optional parts: a profile selector that finds nothing means the page has none."""
        if selector == "":  # the profile says this site never has the part
            return getattr(_EMPTY_ARTICLE, attr)
        return by_profile(selector) if selector is not None else self._generic_value(attr)

    def _text(self, selector: str) -> str | None:
        nodes = self.sel.css(selector)
        content = nodes.attrib.get("content") if nodes else None
        return squash(content) or text_of(nodes) or None

    def _dates(self, selector: str) -> list[DateCandidate]:
        """The profile's date line: what the page shows beside the headline."""
        text = self._text(selector)
        return [DateCandidate("visible", text)] if text else []

    def _texts(self, selector: str) -> list[str]:
        values = (squash(n.attrib.get("content")) or text_of(n) for n in self.sel.css(selector))
        return [v for v in values if v]

    def _authors(self, selector: str) -> list[str]:
        return [name for name in map(author_name, self._texts(selector)) if name]

    def _paragraphs(self, selector: str) -> list[str]:
        return [t for t in (text_of(n) for n in self.sel.css(selector)) if t]

    def _link(self, selector: str) -> str | None:
        nodes = self.sel.css(selector)
        if not nodes:
            return None
        attrs = nodes[0].attrib
        return self.absolute(attrs.get("href") or attrs.get("content") or attrs.get("src"))

    def _optional_text(self, node: Selector, selector: str | None) -> str | None:
        return (text_of(node.css(selector)) or None) if selector else None

    def _language(self) -> str | None:
        if self.profile is not None:
            return self.profile.language
        lang = squash(self.sel.xpath("/html/@lang").get()).lower()
        return lang[:2] if len(lang) >= 2 and lang[:2].isalpha() else None

    def _split_source(self, paragraphs: list[str]) -> tuple[list[str], str | None]:
        """Take an attribution line ("Source: Bloomberg") out of the body."""
        regexes = compiled(self.profile.source_patterns if self.profile else (SOURCE_LINE,))
        kept, source = [], None
        for paragraph in paragraphs:
            match = next((m for rx in regexes if (m := rx.match(paragraph))), None)
            if match and source is None:
                source = squash(match.group("name"))
            else:
                kept.append(paragraph)
        return kept, source

    # -- listings -------------------------------------------------------------------------

    def listing_entries(self) -> list[ListingEntry]:
        entries: list[ListingEntry] = []
        for node in self.sel.css(self.css.listing) if self.css.listing else []:
            link = node.css(self.css.listing_link)
            url = self.absolute(link.attrib.get("href") if link else None)
            if url:
                date_raw = self._optional_text(node, self.css.listing_date)
                entries.append(
                    ListingEntry(url=url, title=text_of(link) or None, date_raw=date_raw)
                )
        return entries

    def next_page(self) -> str | None:
        if not self.css.next_page:
            return None
        return self.absolute(self.sel.css(self.css.next_page).attrib.get("href"))
