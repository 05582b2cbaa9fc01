"""The breaking-news ticker, found without site knowledge.

A ticker is found by, in order of trust:

1. a ``<marquee>``;
2. an element named for it (class/id: ticker, breaking, urgent, newsbar, ...); weaker names
   ("latest", "flash", "scroll") only count above the article's h1, where a ticker sits
   and a "latest posts" sidebar does not;
3. a label ("Breaking", "عاجل", "Urgent") whose enclosing box holds headline links;
4. a run of at least three headline-length links above the h1 in one list, outside
   navigation: what the seed page's ticker is when it carries no name at all.

Entries are headline elements (links, list items, spans), never pieces of text split on
characters: ``..`` inside a headline is a pause, not a separator. Separators (``*``, ``•``,
``|``, ``-``, images) are not headlines.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from lxml import etree
from lxml.html import HtmlElement

from newscrawl.extract.generic.common import (
    absolute_url,
    clean_text,
    el_text,
    in_boilerplate,
    is_inside,
)
from newscrawl.extract.parts import TickerEntry

if TYPE_CHECKING:
    from newscrawl.extract.page import Page

logger = logging.getLogger(__name__)

# Class/id parts that name a ticker outright, and weaker ones that only count above the h1.
_STRONG_NAME_RE = re.compile(
    r"ticker|breaking|urgent|news-?bar|marquee|3ajel|ajel\b|akhbar-?3ajel|scroll-?news"
    r"|news-?scroll|flash-?news|headline-?bar|headlines-?bar",
    re.IGNORECASE,
)
_WEAK_NAME_RE = re.compile(r"latest|flash|scroll|last-?news|akhbar|headlines|slider-?news", re.I)
# Substrings every name above contains one of (a cheap pre-filter for the regexes).
_NAME_HINTS = (
    "ticker",
    "breaking",
    "urgent",
    "bar",
    "marquee",
    "ajel",
    "scroll",
    "flash",
    "headline",
    "latest",
    "last",
    "akhbar",
    "slider",
)
# A label that is the whole text of its element ("Breaking News:", "عاجل"). The weak ones
# ("Latest", "آخر الأخبار") also title sidebars, so they only count above the h1.
_LABEL_END = r"\s*[:：|»«-]?\s*$"
_STRONG_LABEL_RE = re.compile(
    r"^(?:breaking(?: news)?|urgent|just in|news ?flash"
    r"|عاجل|عــاجل|عاجل جدا|أخبار عاجلة|اخبار عاجلة|الأخبار العاجلة|خبر عاجل)" + _LABEL_END,
    re.IGNORECASE,
)
_WEAK_LABEL_RE = re.compile(
    r"^(?:latest(?: news)?|flash|alert|آخر الأخبار|اخر الاخبار|آخر الاخبار|الأحدث)" + _LABEL_END,
    re.IGNORECASE,
)


def _is_label(text: str) -> bool:
    return bool(_STRONG_LABEL_RE.match(text) or _WEAK_LABEL_RE.match(text))


# What is left of an entry made only of separators or bullets.
_SEPARATOR_RE = re.compile(r"^[\s*•·|/\\\-–—:،,.»«>❖◆◇■□●○▪►◄♦★☆|]*$")
_EDGE_SEPARATORS = " *•·|-–—:،,»«◆■●▪►♦★"
# Boxes whose headlines are not a ticker even when they sit above the h1.
_NOT_TICKER_RE = re.compile(
    r"most|popular|trending|read|menu|nav|breadcrumb|footer|tag|lang|social|share|related"
    r"|comment|sponsor|promo|advert",
    re.IGNORECASE,
)
_NOT_TICKER_TEXT_RE = re.compile(
    r"most read|most viewed|popular|trending|الأكثر قراءة|الاكثر قراءة|الأكثر مشاهدة|الأكثر تداولا"
    r"|related|ذات صلة",
    re.IGNORECASE,
)

_MARQUEE = etree.XPath("//marquee")
# Substrings every label contains one of (a cheap pre-filter for _is_label).
_LABEL_HINTS = (
    "breaking",
    "urgent",
    "just in",
    "flash",
    "latest",
    "alert",
    "عاجل",
    "عــاجل",
    "الأخبار",
    "الاخبار",
    "آخر",
    "الأحدث",
)
_LINKS = etree.XPath(".//a[@href]")
_MIN_HEADLINE_WORDS = 2  # in a named box
_MIN_RUN_WORDS = 5  # in an unnamed run of links, where a menu must not pass
_MIN_RUN_LINKS = 3
_MIN_ENTRIES = 2
# A time shown beside a headline: "10:30", "10:30 ص", "6m ago", "منذ 3 ساعات".
_CLOCK_RE = re.compile(
    r"^(?:\d{1,2}:\d{2}(?:\s*(?:am|pm|ص|م))?|\d+\s*(?:m|min|h|hrs?|d)\s+ago|منذ\s+.{1,20})$",
    re.IGNORECASE,
)
_CODE_TAGS = frozenset({"script", "style", "noscript", "template", "button"})
_HEADLINE_BLOCKS = etree.XPath("boolean(.//h2 or .//h3 or .//h4 or .//picture)")
_TEASER_PARTS = etree.XPath("boolean(.//img or .//picture or .//h2 or .//h3 or .//h4 or .//time)")
_MAX_RUN_CLIMB = 3
_MAX_ENTRIES = 80  # a box with more is a page section, not a ticker


@dataclass
class TickerBox:
    """The ticker's container and its headlines."""

    node: HtmlElement
    entries: list[TickerEntry]


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
    h1, above = page.h1, page.above_h1
    finders = (
        (_marquee_boxes, False),
        (_named_boxes, False),
        (_labelled_boxes, False),
        (_run_boxes, True),
    )
    for finder, nameless in finders:
        for node in finder(page, above):
            if not _plausible(node, h1):
                continue
            entries = _entries(node, page.base)
            if _looks_like_ticker(node, entries, nameless):
                return TickerBox(node, entries)
    return None


# --- candidate boxes ---------------------------------------------------------------------


def _marquee_boxes(page: Page, above: set[HtmlElement]) -> list[HtmlElement]:
    return list(_MARQUEE(page.root))


def _named_boxes(page: Page, above: set[HtmlElement]) -> list[HtmlElement]:
    """Elements named for a ticker, outer first (an outer one that fails, e.g. a page
    wrapper called "has-ticker", leaves the inner one its chance)."""
    found: list[HtmlElement] = []
    for node, names in page.index.named_with(_NAME_HINTS):
        if node.tag == "a":
            continue
        if _STRONG_NAME_RE.search(names):
            found.append(node)
        elif _WEAK_NAME_RE.search(names) and node in above and not _HEADLINE_BLOCKS(node):
            # A "latest" row of teasers (headings, pictures) is a section, not a ticker.
            found.append(node)
    return found


def _labelled_boxes(page: Page, above: set[HtmlElement]) -> list[HtmlElement]:
    """The smallest box around a "Breaking"/"عاجل" label that also holds headline links."""
    boxes: list[HtmlElement] = []
    for label, own_text in page.index.texts_with(_LABEL_HINTS):
        if label.tag == "a":
            continue
        text = clean_text(own_text)
        if not _is_label(text) or el_text(label) != text:
            continue
        if not _STRONG_LABEL_RE.match(text) and label not in above:
            continue
        box = label.getparent()
        while box is not None and box.tag not in ("body", "html"):
            if _LINKS(box):
                boxes.append(box)
                break
            box = box.getparent()
    return boxes


def _run_boxes(page: Page, above: set[HtmlElement]) -> list[HtmlElement]:
    """Boxes of links above the h1 (the nameless ticker), judged in _looks_like_ticker.

    A link's box is its nearest ancestor holding at least three links, so both
    ``<ul><li><a>`` and ``<div><div class="item"><a>`` shapes group their headlines."""
    boxes: list[HtmlElement] = []
    for link in page.root.iter("a"):
        if link not in above:
            break
        box = link.getparent()
        for _ in range(_MAX_RUN_CLIMB):
            if box is None or len(_LINKS(box)) >= _MIN_RUN_LINKS:
                break
            box = box.getparent()
        if box is not None and box.tag not in ("body", "html") and box not in boxes:
            boxes.append(box)
    return boxes


# --- entries -------------------------------------------------------------------------------


def _entries(box: HtmlElement, base: str) -> list[TickerEntry]:
    """One entry per headline element: list items, else links, else text children."""
    items = [li for li in box.iter("li") if li.find(".//li") is None]
    if items:
        entries = [_entry(li, base) for li in items]
    elif _LINKS(box):
        entries = [_link_entry(a, base) for a in _LINKS(box)]
    else:
        entries = [_entry(child, base) for child in _text_children(box)]
    return _dedupe([e for e in entries if e is not None])


def _entry(node: HtmlElement, base: str) -> TickerEntry | None:
    """A list item: its longest link, else its text (a headline that links nowhere)."""
    if node.tag in _CODE_TAGS:
        return None
    links = [a for a in _LINKS(node) if _strip(el_text(a))]
    if links:
        return _link_entry(max(links, key=lambda a: len(el_text(a))), base)
    title = _strip(el_text(node))
    return TickerEntry(title=title) if title else None


def _link_entry(link: HtmlElement, base: str) -> TickerEntry | None:
    title = _strip(_headline_text(link))
    return TickerEntry(title=title, url=absolute_url(base, link.get("href"))) if title else None


def _headline_text(link: HtmlElement) -> str:
    """The link's text without the label or clock shown inside it ("Latest", "6m ago")."""
    text = el_text(link)
    for child in link.iterdescendants():
        if not isinstance(child.tag, str) or len(child):
            continue
        part = el_text(child)
        if part and part != text and (_is_label(part) or _CLOCK_RE.match(part)):
            text = text.replace(part, " ", 1)
    return clean_text(text)


def _text_children(box: HtmlElement) -> list[HtmlElement]:
    """The innermost elements carrying text (spans of a marquee without links)."""
    found: list[HtmlElement] = []
    for node in box.iter():
        if not isinstance(node.tag, str) or node is box or node.tag in _CODE_TAGS:
            continue
        if any(a.tag in _CODE_TAGS for a in node.iterancestors()):
            continue
        has_text_child = any(isinstance(c.tag, str) and clean_text(el_text(c)) for c in node)
        if not has_text_child and clean_text(el_text(node)):
            found.append(node)
    return found


def _strip(text: str) -> str:
    """A headline without the separators and label around it (None-like "" if nothing)."""
    text = clean_text(text).strip(_EDGE_SEPARATORS).strip()
    if _SEPARATOR_RE.match(text) or _is_label(text):
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


def _plausible(box: HtmlElement, h1: HtmlElement | None) -> bool:
    """Cheap checks first: not the page (or the article) itself, not navigation."""
    if len(_LINKS(box)) > 2 * _MAX_ENTRIES:
        return False
    if h1 is not None and (box is h1 or is_inside(h1, box)):
        return False
    return not in_boilerplate(box)


def _looks_like_ticker(box: HtmlElement, entries: list[TickerEntry], nameless: bool) -> bool:
    """Headlines (not menu words), not a whole page section."""
    if not entries or len(entries) > _MAX_ENTRIES:
        return False
    words = [len(e.title.split()) for e in entries]
    if len(entries) < _MIN_ENTRIES:
        return False  # a lone "headline" is a banner or a button
    if nameless:
        # The nameless run: every entry a linked long headline in a bare text strip (no
        # pictures, no headings: that is a teaser row), no "Most read" box around it.
        return (
            len(entries) >= _MIN_RUN_LINKS
            and all(e.url for e in entries)
            and min(words) >= _MIN_RUN_WORDS
            and not _TEASER_PARTS(box)
            and not _NOT_TICKER_RE.search(_names_up(box))
            and not _NOT_TICKER_TEXT_RE.search(_heading_text(box))
        )
    return sum(words) / len(words) >= _MIN_HEADLINE_WORDS + 1 and max(words) >= 3


def _names_up(node: HtmlElement, levels: int = 3) -> str:
    """Class/id names of a node and its nearest ancestors."""
    names: list[str] = []
    current: HtmlElement | None = node
    for _ in range(levels + 1):
        if current is None:
            break
        names.append(f"{current.get('class', '')} {current.get('id', '')}")
        current = current.getparent()
    return " ".join(names)


def _heading_text(box: HtmlElement) -> str:
    """The text of a heading just before the box ("Most Read")."""
    previous = box.getprevious()
    parent = box.getparent()
    if previous is None and parent is not None:
        previous = parent.getprevious()
    return el_text(previous)[:60] if previous is not None else ""
