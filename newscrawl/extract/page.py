"""One fetched page: the unit of extraction state.

A :class:`Page` is built from what was fetched (URL, body bytes, the HTTP ``Content-Type``)
and, optionally, the site's profile. It decodes the bytes once, the same way for a crawl and
for :func:`newscrawl.extract_page`, parses them once, and owns every per-page cache: the
meta statements, the element index, the headline, and what each generic detector found
(the ticker box and the related blocks are asked for twice: once as parts, once to keep
them out of the body). The detectors in :mod:`newscrawl.extract.generic` are stateless
functions of the page; nothing is cached at module level, so pages may be extracted in any
order or in parallel.

In the spirit of web-poet's page objects: the page knows what it is and what it holds; the
spider only decides what to fetch.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from lxml import etree
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction
from parsel import Selector

from newscrawl.extract.decode import decode_html
from newscrawl.extract.generic.common import (
    PageIndex,
    base_url,
    build_index,
    clean_text,
    elements_above,
    main_h1,
)
from newscrawl.extract.generic.meta import PageMeta, read_meta

if TYPE_CHECKING:
    from newscrawl.extract.generic.related import RelatedBlock
    from newscrawl.extract.generic.ticker import TickerBox
    from newscrawl.extract.parts import ArticleParts
    from newscrawl.sites.base import SiteProfile

_EMPTY_PAGE = b"<html><body></body></html>"
# lxml.html's parser picks each element's class through a Python callback, once per element
# touched: a tenth of extraction time. A C-level lookup that always gives lxml.html's classes
# keeps the tree what trafilatura expects (HtmlElement) without that cost.
_HTML_CLASSES = etree.ElementDefaultClassLookup(
    element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity
)
_LOGO_ALT = etree.XPath("(descendant-or-self::img[@alt])[1]/@alt")
_MAX_LOGOS = 3


def _parse_html(text: str) -> etree._Element:
    """The page's tree, parsed as parsel parses text (NULs dropped, errors recovered, huge
    trees allowed) but with lxml.html's classes looked up in C."""
    parser = etree.HTMLParser(recover=True, encoding="utf-8", huge_tree=True)
    parser.set_element_class_lookup(_HTML_CLASSES)
    body = text.strip().replace("\x00", "").encode("utf-8") or _EMPTY_PAGE
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError:  # nothing lxml can make a document of
        root = None
    return root if root is not None else etree.fromstring(_EMPTY_PAGE, parser=parser)


@dataclass(frozen=True)
class Note:
    """Something worth a stats counter (and a log line) found while reading the page."""

    key: str  # stats key under newscrawl/, e.g. "dates/conflict"
    detail: str  # what, for the log line


class Page:
    """A fetched page, decoded and parsed once, with everything computed from it."""

    def __init__(
        self,
        url: str,
        body: bytes | str,
        *,
        content_type: str | None = None,
        profile: SiteProfile | None = None,
    ) -> None:
        self.url = url
        self.profile = profile
        self._body = body
        self._content_type = content_type
        # Parts whose profile selector found nothing, so the generic detector was used.
        self.fallbacks: list[str] = []
        self.notes: list[Note] = []

    def note(self, key: str, detail: str) -> None:
        self.notes.append(Note(key, detail))

    # -- what was fetched --------------------------------------------------------------

    @cached_property
    def text(self) -> str:
        """The page as text: bytes decoded as a browser would (see :mod:`.decode`)."""
        body = self._body
        return decode_html(body, self._content_type) if isinstance(body, bytes) else body

    @cached_property
    def sel(self) -> Selector:
        return Selector(root=_parse_html(self.text), type="html")

    @property
    def root(self) -> etree._Element:
        root = self.sel.root
        assert isinstance(root, etree._Element)  # parsel parses HTML text into a tree
        return root

    @cached_property
    def base(self) -> str:
        """Where relative links resolve from: ``<base href>`` when the page has one."""
        return base_url(self.sel, self.url)

    # -- what the page states, and where its headline is -------------------------------

    @cached_property
    def meta(self) -> PageMeta:
        return read_meta(self.sel)

    @cached_property
    def index(self) -> PageIndex:
        return build_index(self.root)

    @cached_property
    def site_names(self) -> tuple[str, ...]:
        """Names the site goes by: the profile's, og:site_name, application-name, the
        logo's alt text. Used to tell the site's name from a headline."""
        names: list[str] = list(self.profile.site_names) if self.profile else []
        logos = [node for node, _ in self.index.named_with(("logo",))][:_MAX_LOGOS]
        names += [
            self.meta.meta("og:site_name") or "",
            self.meta.meta("application-name") or "",
            *(str(alt) for node in logos for alt in _LOGO_ALT(node)),
        ]
        cleaned = (clean_text(n) for n in names)
        return tuple(dict.fromkeys(n for n in cleaned if n))

    @cached_property
    def h1(self) -> etree._Element | None:
        """The article's h1 (not a logo h1 carrying the site's name)."""
        return main_h1(self.root, self.site_names)

    @cached_property
    def above_h1(self) -> set[etree._Element]:
        return elements_above(self.root, self.h1)

    # -- what the generic detectors found (each computed once per page) ----------------

    @cached_property
    def ticker_box(self) -> TickerBox | None:
        from newscrawl.extract.generic.ticker import find_box

        return find_box(self)

    @cached_property
    def related_blocks(self) -> list[RelatedBlock]:
        from newscrawl.extract.generic.related import find_blocks

        return find_blocks(self)

    @cached_property
    def not_article(self) -> set[etree._Element]:
        """The ticker's and the related lists' nodes: never the article's facts."""
        from newscrawl.extract.generic.related import related_nodes
        from newscrawl.extract.generic.ticker import ticker_nodes

        return {*ticker_nodes(self), *related_nodes(self)}

    @cached_property
    def generic_article(self) -> ArticleParts | None:
        from newscrawl.extract.generic.article import find_article

        return find_article(self)
