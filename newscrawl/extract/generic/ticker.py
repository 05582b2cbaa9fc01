"""The breaking-news ticker, found without site knowledge.

A ticker is a site-wide strip of current headlines at the top of the page or scrolling
across it. It is found by, in order of trust:

1. a ``<marquee>`` (wherever it scrolls);
2. a box labelled as one: "Breaking", "Eilmeldung", "Última hora", "عاجل", "速報" ... (the
   vocabulary of :mod:`newscrawl.vocab.labels`) whose box holds headlines;
3. an element named for it (class/id: ticker, breaking, urgent, marquee, newsbar ...,
   :mod:`newscrawl.vocab.classes`);
4. weaker labels and names ("Latest", "latest-news", "scroll") and a run of at least three
   long headline links in one bare strip, with no label or name at all: the seed page's
   ticker.

Except a marquee, a ticker stands above the article's headline (a "Just in" or "News
ticker" list beside or under the article is a sidebar, not a strip). When the page's h1 is
the site's name and the document title's main part is printed in a heading further down,
that heading is the headline. A ticker is never the navigation, a trending-topics bar
(topic names, not headlines: every entry must read as a headline), a most-read box, a
market or weather strip, a banner's call to action, nor a template the page fills by
script (no entries in the saved HTML).

Entries are headline elements (links, list items, spans), never pieces of text split on
characters: ``..`` inside a headline is a pause, not a separator. Separators (``*``, ``•``,
``|``, ``-``, images), the label, a clock or a position number ("#1") are not headlines.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import islice
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from newscrawl.extract.generic.common import (
    absolute_url,
    clean_text,
    el_text,
    elements_above,
    is_inside,
)
from newscrawl.extract.parts import TickerEntry
from newscrawl.vocab.classes import (
    MENU_NAME_RE,
    NOT_TICKER_NAME_RE,
    TICKER_NAME_HINTS,
    TICKER_STRONG_NAME_RE,
    TICKER_WEAK_NAME_RE,
)
from newscrawl.vocab.labels import NOT_TICKER, TICKER, label_key

if TYPE_CHECKING:
    from newscrawl.extract.page import Page

logger = logging.getLogger(__name__)

# What is left of an entry made only of separators or bullets.
_SEPARATOR_RE = re.compile(r"^[\s*•·|/\\\-–—:،,.»«>❖◆◇■□●○▪►◄♦★☆|]*$")
_EDGE_SEPARATORS = " *•·|-–—:،,»«◆■●▪►♦★"
# A time or a position shown beside a headline: "10:30", "10:30 ص", "6m ago", "منذ 3
# ساعات", "#1".
_CLOCK_RE = re.compile(
    r"^(?:\d{1,2}:\d{2}(?:\s*(?:am|pm|ص|م))?|\d+\s*(?:m|min|h|hrs?|d)\s+ago|منذ\s+.{1,20}"
    r"|#?\d{1,2}\.?)$",
    re.IGNORECASE,
)
# Between the parts of a document title: "Headline | Site", "Headline - Site".
_TITLE_SPLIT_RE = re.compile(r"\s+[|｜\-–—:»]\s+")
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_CODE_TAGS = frozenset({"script", "style", "noscript", "template", "button", "select"})
_LINKS = etree.XPath(".//a[@href]")
_HEADLINE_BLOCKS = etree.XPath("boolean(.//h2 or .//h3 or .//h4 or .//picture)")
_TEASER_PARTS = etree.XPath("boolean(.//img or .//picture or .//h2 or .//h3 or .//h4 or .//time)")
_MIN_TITLE_CHARS = 12  # a document title's part shorter than that is a name, not a headline
_MIN_HEADLINE_WORDS = 3  # "Fuel prices fall": shorter is a topic name or a menu item
_MIN_CJK_CHARS = 6  # Han, kana, hangul: no spaces, more meaning per character
_MIN_RUN_WORDS = 5  # in an unnamed run of links, where a menu must not pass
_MIN_RUN_LINKS = 3
_MIN_WEAK_ENTRIES = 2  # a "Latest" box with one link is a teaser, not a strip
_MAX_RUN_CLIMB = 3
_MAX_LABEL_CLIMB = 4  # from a label up to the strip that holds its headlines
_MAX_ENTRIES = 80  # a box with more is a page section, not a ticker
_MAX_LABEL_TEXT = 60  # an own text longer than that is no label


@dataclass
class TickerBox:
    """The ticker's container and its headlines."""

    node: HtmlElement
    entries: list[TickerEntry]


@dataclass
class _Scan:
    """One search of a page: the page, its headline and what stands above it."""

    page: Page
    headline: HtmlElement | None
    above: set[HtmlElement]
    _named: list[tuple[HtmlElement, str]] | None = None

    @property
    def named(self) -> list[tuple[HtmlElement, str]]:
        """Elements whose class/id has a ticker hint (looked up once for both finders)."""
        if self._named is None:
            self._named = self.page.index.named_with(TICKER_NAME_HINTS)
        return self._named


@dataclass(frozen=True)
class _Finder:
    """One way to find candidate boxes, and what its boxes must show to be a ticker."""

    boxes: Callable[[_Scan], Iterator[HtmlElement]]
    min_entries: int
    strong: bool = False  # labelled or named outright: may sit in the header's <nav>
    text_entries: bool = False  # may show only headlines that link nowhere (a legacy marquee)
    anywhere: bool = False  # may stand below the headline (a marquee)
    nameless: bool = False  # no label, no name: only long linked headlines in a bare strip


def find_ticker(page: Page) -> list[TickerEntry]:
    """Headlines of the breaking-news ticker, in order ([] when the page has none)."""
    box = page.ticker_box
    # Copies: the page keeps its answer, the caller may change what it gets.
    return [replace(entry) for entry in box.entries] if box else []


def ticker_nodes(page: Page) -> list[HtmlElement]:
    """The ticker's container (for the article extractor to leave out of the body)."""
    box = page.ticker_box
    return [box.node] if box else []


def find_box(page: Page) -> TickerBox | None:
    """Search the page for its ticker (once per page: :attr:`Page.ticker_box`)."""
    headline = _headline(page)
    above = page.above_h1 if headline is page.h1 else elements_above(page.root, headline)
    scan = _Scan(page, headline, above)
    finders = (
        _Finder(_marquee_boxes, min_entries=1, strong=True, anywhere=True, text_entries=True),
        _Finder(_strong_labelled_boxes, min_entries=1, strong=True, text_entries=True),
        # A named box with one link is as often a banner's call to action ("Explore the
        # issue") as a one-headline bar; a labelled one says which it is.
        _Finder(_strong_named_boxes, min_entries=_MIN_WEAK_ENTRIES, strong=True),
        _Finder(_weak_labelled_boxes, min_entries=_MIN_WEAK_ENTRIES),
        _Finder(_weak_named_boxes, min_entries=_MIN_WEAK_ENTRIES),
        _Finder(_run_boxes, min_entries=_MIN_RUN_LINKS, nameless=True),
    )
    tried: set[HtmlElement] = set()
    for finder in finders:
        for node in finder.boxes(scan):
            if node in tried:
                continue
            tried.add(node)
            if not _plausible(scan, node, finder):
                continue
            entries = _entries(node)
            if entries is not None and _looks_like_ticker(node, entries, finder):
                # Addresses are resolved for the box taken only (urljoin is not cheap).
                for entry in entries:
                    entry.url = absolute_url(page.base, entry.url)
                return TickerBox(node, entries)
    return None


def _headline(page: Page) -> HtmlElement | None:
    """The article's headline: the page's h1, unless there is none or it is a shorter part
    of the document title than another ("Site - Section - Headline": the site's name in
    the header) and a heading further down carries that longest part (Drupal's ``<h2
    id="page-title">``, a PHP-Nuke story title)."""
    h1 = page.h1
    parts = [clean_text(p) for p in _TITLE_SPLIT_RE.split(_document_title(page))]
    main = max(parts, key=len)
    if h1 is not None:
        name = clean_text(el_text(h1))
        if name not in parts or name == main:
            return h1
    if len(main) < _MIN_TITLE_CHARS:
        return h1
    passed = h1 is None  # the headline follows the site's name, never the reverse
    for heading in page.root.iter("h1", "h2", "h3"):
        if heading is h1:
            passed = True
        elif passed and clean_text(el_text(heading)) == main:
            return heading
    return h1


def _document_title(page: Page) -> str:
    title = page.root.find("head/title")
    return el_text(title) if title is not None else ""


# --- candidate boxes ---------------------------------------------------------------------


def _marquee_boxes(scan: _Scan) -> Iterator[HtmlElement]:
    yield from scan.page.root.iter("marquee")


def _strong_labelled_boxes(scan: _Scan) -> Iterator[HtmlElement]:
    """Boxes around a "Breaking"/"Eilmeldung"/"عاجل" label."""
    return _labelled_boxes(scan, "strong")


def _weak_labelled_boxes(scan: _Scan) -> Iterator[HtmlElement]:
    """Boxes around a "Latest"/"آخر الأخبار" label."""
    return _labelled_boxes(scan, "weak")


def _labelled_boxes(scan: _Scan, strength: str) -> Iterator[HtmlElement]:
    """The boxes around a label, smallest first, up to the first that holds links.

    A label is an element whose own text is the whole label (not a link: a "Breaking"
    menu item leads to the breaking-news page, it does not head a strip). Each box from the
    label's parent up to the first with links is a candidate, so that a bar whose
    headlines sit one level further out still gets its chance."""
    for label in _labels(scan, strength):
        box = label.getparent()
        for _ in range(_MAX_LABEL_CLIMB):
            if box is None or box.tag in ("body", "html"):
                break
            if _LINKS(box) or len(box) > 1:
                yield box
            if _LINKS(box):
                break
            box = box.getparent()


def _labels(scan: _Scan, strength: str) -> Iterator[HtmlElement]:
    """Elements whose own text is a whole ticker label of that strength. Every ticker but a
    marquee stands above the headline, and the index is in page order: the scan stops at
    the headline."""
    index = scan.page.index
    for (node, own_text), key in zip(index.texts, index.label_keys, strict=True):
        if scan.headline is not None and node not in scan.above:
            return
        if node.tag == "a" or node.tag in _CODE_TAGS or len(own_text) > _MAX_LABEL_TEXT:
            continue
        if TICKER.kind(key) == strength and label_key(el_text(node)) == key:
            yield node


def _strong_named_boxes(scan: _Scan) -> Iterator[HtmlElement]:
    """Elements named for a ticker, outer first (an outer one that fails, e.g. a page
    wrapper called "has-ticker", leaves the inner one its chance)."""
    for node, names in scan.named:
        if node.tag not in ("a", "body", "html") and TICKER_STRONG_NAME_RE.search(names):
            yield node


def _weak_named_boxes(scan: _Scan) -> Iterator[HtmlElement]:
    above = scan.above
    for node, names in scan.named:
        if node.tag == "a" or node not in above or not TICKER_WEAK_NAME_RE.search(names):
            continue
        if not _HEADLINE_BLOCKS(node):  # a "latest" row of teasers is a section
            yield node


def _run_boxes(scan: _Scan) -> Iterator[HtmlElement]:
    """Boxes of links above the h1 (the nameless ticker), judged in _looks_like_ticker.

    A link's box is its nearest ancestor holding at least three links, so both
    ``<ul><li><a>`` and ``<div><div class="item"><a>`` shapes group their headlines."""
    above = scan.above
    counts: dict[HtmlElement, int] = {}  # links per element, counted once
    seen: set[HtmlElement] = set()
    for link in scan.page.root.iter("a"):
        if link not in above:
            break
        box = link.getparent()
        for _ in range(_MAX_RUN_CLIMB):
            if box is None:
                break
            if box not in counts:
                counts[box] = len(_LINKS(box))
            if counts[box] >= _MIN_RUN_LINKS:
                break
            box = box.getparent()
        if box is not None and box.tag not in ("body", "html") and box not in seen:
            seen.add(box)
            yield box


# --- entries -------------------------------------------------------------------------------


def _entries(box: HtmlElement) -> list[TickerEntry] | None:
    """One entry per headline element, in order: list items; else the links and the
    headlines that link nowhere between them; else the text children. Entries carry the
    link's href as written (resolved once the box is taken). None as soon as one entry is
    no headline (a topic name, a menu word): the box is no ticker, and a menu is long."""
    items = [li for li in box.iter("li") if li.find(".//li") is None and not _in_code(li, box)]
    if items:
        found: Iterable[TickerEntry | None] = (_entry(li) for li in items)
    elif any(not _in_code(a, box) for a in _LINKS(box)):
        found = _mixed_entries(box)
    else:
        found = (_entry(child) for child in _text_children(box))
    entries: list[TickerEntry] = []
    for entry in found:
        if entry is None:
            continue
        if not _is_headline(entry.title) or len(entries) >= _MAX_ENTRIES:
            return None
        entries.append(entry)
    return _dedupe(entries)


def _mixed_entries(box: HtmlElement) -> Iterator[TickerEntry | None]:
    """Links, and the plain-text headlines among them (a bar may show a headline that
    has no page yet); other text (a label, a clock, a section name) is not an entry."""
    for node in box.iterdescendants():
        if not isinstance(node.tag, str) or _in_code(node, box):
            continue
        if node.tag == "a":
            if node.get("href") is not None:
                yield _link_entry(node)
            continue
        if _in_link(node, box) or _LINKS(node):
            continue
        if any(isinstance(c.tag, str) and clean_text(el_text(c)) for c in node):
            continue  # not the innermost element carrying the text
        title = _strip(el_text(node))
        if title and _is_headline(title):
            yield TickerEntry(title=title)


def _in_link(node: HtmlElement, box: HtmlElement) -> bool:
    for parent in node.iterancestors():
        if parent is box:
            return False
        if parent.tag == "a":
            return True
    return False


def _in_code(node: HtmlElement, box: HtmlElement) -> bool:
    """Inside a <template>, <script> or <noscript> of the box: not shown as such."""
    for parent in node.iterancestors():
        if parent is box:
            return False
        if parent.tag in _CODE_TAGS:
            return True
    return False


def _entry(node: HtmlElement) -> TickerEntry | None:
    """A list item: its longest link, else its text (a headline that links nowhere)."""
    if node.tag in _CODE_TAGS:
        return None
    links = [a for a in _LINKS(node) if _strip(el_text(a))]
    if links:
        return _link_entry(max(links, key=lambda a: len(el_text(a))))
    title = _strip(el_text(node))
    return TickerEntry(title=title) if title else None


def _link_entry(link: HtmlElement) -> TickerEntry | None:
    title = _strip(_headline_text(link))
    if not title:
        return None
    href = (link.get("href") or "").strip()
    dead = not href or href.startswith("#") or href.lower().startswith("javascript:")
    return TickerEntry(title=title, url=None if dead else href)


def _headline_text(link: HtmlElement) -> str:
    """The link's text without the label, clock or number shown inside it ("Latest",
    "6m ago", "#1")."""
    text = el_text(link)
    for child in link.iterdescendants():
        if not isinstance(child.tag, str) or len(child):
            continue
        part = el_text(child)
        if part and part != text and (_is_label(part) or _CLOCK_RE.match(part)):
            text = text.replace(part, " ", 1)
    return clean_text(text)


def _is_label(text: str) -> bool:
    kind = TICKER.of(text)
    return kind is not None and kind != NOT_TICKER


def _text_children(box: HtmlElement) -> list[HtmlElement]:
    """The innermost elements carrying text (spans of a marquee without links)."""
    found: list[HtmlElement] = []
    for node in box.iter():
        if not isinstance(node.tag, str) or node is box or node.tag in _CODE_TAGS:
            continue
        if _in_code(node, box):
            continue
        has_text_child = any(isinstance(c.tag, str) and clean_text(el_text(c)) for c in node)
        if not has_text_child and clean_text(el_text(node)):
            found.append(node)
    return found


def _strip(text: str) -> str:
    """A headline without the separators and label around it ("" if nothing is left)."""
    text = clean_text(text).strip(_EDGE_SEPARATORS).strip()
    if _SEPARATOR_RE.match(text) or _is_label(text) or _CLOCK_RE.match(text):
        return ""
    return text


def _dedupe(entries: list[TickerEntry]) -> list[TickerEntry]:
    """Tickers repeat their list for a seamless scroll: keep each headline once."""
    seen: set[tuple[str, str | None]] = set()
    unique: list[TickerEntry] = []
    for entry in entries:
        key = (entry.title, entry.url)
        if key not in seen:
            seen.add(key)
            unique.append(entry)
    return unique


# --- acceptance ----------------------------------------------------------------------------


def _plausible(scan: _Scan, box: HtmlElement, finder: _Finder) -> bool:
    """Cheap checks first: at the top of the page (unless it may scroll anywhere), not the
    page or the article itself, not a menu, a sidebar or the footer (a strip labelled or
    named as a ticker may sit in the header's <nav>), not named for something else."""
    headline = scan.headline
    if not finder.anywhere and not _at_top(scan, box):
        return False  # below the headline: a sidebar or a list under the article
    if headline is not None and (box is headline or is_inside(headline, box)):
        return False
    if len(_LINKS(box)) > 2 * _MAX_ENTRIES:
        return False
    if _in_footer(box) if finder.strong else _in_menu(box):
        return False
    return not any(
        NOT_TICKER_NAME_RE.search(_names(node)) for node in (box, *islice(box.iterancestors(), 2))
    )


def _in_menu(box: HtmlElement) -> bool:
    """In a <nav>, <footer> or <aside>, or in a box named as a menu or sidebar near it (a
    page wrapper's "without-secondary-menu" says nothing about the strip deep inside)."""
    for level, node in enumerate((box, *box.iterancestors())):
        if node.tag in ("nav", "footer", "aside"):
            return True
        if level <= _MAX_RUN_CLIMB and MENU_NAME_RE.search(_names(node)):
            return True
    return False


def _in_footer(box: HtmlElement) -> bool:
    for node in (box, *box.iterancestors()):
        if node.tag == "footer" or "footer" in _names(node).lower().split():
            return True
    return False


def _at_top(scan: _Scan, box: HtmlElement) -> bool:
    """Above the article's headline; on a page without one (a home page), in the page
    header or before the main content."""
    if scan.headline is not None:
        return box in scan.above
    for node in (box, *box.iterancestors()):
        if node.tag == "header" or node.get("role") == "banner":
            return True
    main = next(scan.page.root.iter("main", "article"), None)
    return main is not None and not is_inside(box, main) and _precedes(box, main)


def _precedes(node: HtmlElement, other: HtmlElement) -> bool:
    """Whether node starts before other in document order."""
    for element in node.getroottree().iter():
        if element is node:
            return True
        if element is other:
            return False
    return False


def _looks_like_ticker(box: HtmlElement, entries: list[TickerEntry], finder: _Finder) -> bool:
    """Headlines (not menu words or topic names), not a whole page section."""
    if len(entries) < finder.min_entries:
        return False
    urls = [e.url for e in entries if e.url]
    if len(urls) < finder.min_entries and not finder.text_entries and box.find(".//li") is None:
        # A named box shows linked headlines, or a list of them: plain text beside one link
        # is a banner's title and blurb ("Bottlenecks: Must-solve..." + "Explore the issue").
        return False
    if len(urls) > 1 and len(set(urls)) == 1:
        return False  # several lines leading to one page: a promotion of that page
    if any(_is_page_of_site(url) for url in urls):
        return False  # "Die Nachrichten heute" -> /newsticker: a link to a site page
    if _has_not_ticker_label(box):
        return False
    if finder.nameless:
        # Every entry a linked long headline in a bare text strip (no pictures, no
        # headings: that is a teaser row).
        return (
            len(urls) == len(entries)
            and all(_words(e.title) >= _MIN_RUN_WORDS for e in entries)
            and not _TEASER_PARTS(box)
        )
    return True


def _is_page_of_site(url: str) -> bool:
    """A top-level page of the site (``/newsticker``, ``/live``), not an article: one path
    segment at most, no id and no query."""
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    if len(segments) > 1 or parts.query or any(c.isdigit() for c in parts.path):
        return False
    return not segments or len(re.split(r"[-_]", segments[0])) < _MIN_HEADLINE_WORDS


def _is_headline(title: str) -> bool:
    if _CJK_RE.search(title):
        return len(title) >= _MIN_CJK_CHARS
    return _words(title) >= _MIN_HEADLINE_WORDS


def _words(title: str) -> int:
    return len(title.split())


def _has_not_ticker_label(box: HtmlElement) -> bool:
    """A heading in (or just before) the box that says what else it is: "Trending",
    "Most read", "Top stories"."""
    previous = box.getprevious()
    candidates = [previous] if previous is not None else []
    candidates += islice(box.iter("h2", "h3", "h4", "h5", "h6", "strong", "span", "div"), 8)
    for node in candidates:
        text = el_text(node)
        if len(text) <= 40 and TICKER.of(text) == NOT_TICKER:
            return True
    return False


def _names(node: HtmlElement) -> str:
    return f"{node.get('class', '')} {node.get('id', '')}"
