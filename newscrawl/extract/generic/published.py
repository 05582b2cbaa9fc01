"""Where a page states its publication date: every candidate, with its place.

Gathered in order of trust (:data:`newscrawl.extract.parts.DATE_SOURCES`):

- ``visible``: the date line beside the headline, the first short text with a date after
  it (or, failing that, just before it: some templates print the date above the title);
- ``jsonld``: ``datePublished`` of the page's article object;
- ``meta``: ``article:published_time`` and its relatives;
- ``time``: a ``<time datetime>`` of the article;
- ``url``: a ``/YYYY/MM/DD/`` path;
- failing all of these, htmldate's reading of the markup (labelled ``meta``).

Never a candidate: a date inside the ticker, a related list, navigation, a footer, a
sidebar or the comments (those are other articles' and readers' dates), a copyright line
(``© 2024`` is not a publication date), or a year alone. Which candidate a record uses is
decided once they are read in the site's language and time zone
(:func:`newscrawl.records.choose_published`).
"""

from __future__ import annotations

import re
from copy import deepcopy
from typing import TYPE_CHECKING

from htmldate import find_date
from lxml import etree

from newscrawl.extract.generic.common import clean_text, el_text, outside_article
from newscrawl.extract.generic.dateline import has_date, split_section_label
from newscrawl.extract.generic.meta import PUBLISHED_KEYS, ld_text
from newscrawl.extract.parts import DateCandidate

if TYPE_CHECKING:
    from newscrawl.extract.page import Page

# The texts around the headline where a news page prints its date line.
_FOLLOWING_TEXTS = etree.XPath(
    "following::text()[normalize-space()][not(ancestor::script or ancestor::style)]"
    "[position() <= 30]"
)
_PRECEDING_TEXTS = etree.XPath(
    "preceding::text()[normalize-space()][not(ancestor::script or ancestor::style)]"
    "[position() <= 8]"
)
_TIMES = etree.XPath("//time[@datetime]")
MAX_DATE_LINE_CHARS = 90
_LINE_EDGES = " |｜-–—:•·/،,"
_COPYRIGHT_RE = re.compile(r"©|\(c\)|copyright|all rights reserved|جميع الحقوق|حقوق", re.I)
# "/2024/12/11/" in an article URL.
_URL_DATE_RE = re.compile(r"/((?:19|20)\d{2})/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])(?:/|$|[-_])")


class DateLine:
    """The visible date line and the section label printed with it, if any."""

    def __init__(self, text: str | None = None, section: str | None = None) -> None:
        self.text = text
        self.section = section


def date_candidates(page: Page, line: DateLine) -> list[DateCandidate]:
    """Every statement of the publication date, most trusted place first."""
    found: list[DateCandidate] = []
    meta = page.meta
    stated = (
        ("visible", line.text),
        ("jsonld", ld_text(meta.ld, "datePublished")),
        ("meta", meta.meta(*PUBLISHED_KEYS)),
        ("time", _article_time(page)),
        ("url", _url_date(page.url)),
    )
    for source, raw in stated:
        if raw and raw.strip():
            found.append(DateCandidate(source, raw.strip()))
    if all(c.source == "visible" for c in found):  # nothing machine-readable: look harder
        guessed = _markup_date(page)
        if guessed:
            found.append(DateCandidate("meta", guessed))
    return found


def _markup_date(page: Page) -> str | None:
    """Last resort: htmldate's reading of the page's markup (meta names we do not know,
    JSON in scripts, dated elements), on a copy without the ticker and related lists.

    Not its extensive search of the free text, which turns a footer's "© 2024" into
    2024-01-01: a date the page does not state."""
    tree = deepcopy(page.root)  # htmldate cleans the tree it is given
    paths = [page.root.getroottree().getpath(node) for node in page.not_article]
    for node in [n for path in paths for n in tree.xpath(path)]:
        parent = node.getparent()
        if parent is not None:
            parent.remove(node)
    try:
        found = find_date(tree, url=page.url, original_date=True, extensive_search=False)
    except (ValueError, TypeError):  # htmldate's own parsing failures
        return None
    return found if isinstance(found, str) else None


def find_date_line(page: Page, headline: etree._Element | None, title: str | None) -> DateLine:
    """The shown date line near the headline and its section label
    ("Arab| 11 December, 2024 - 3:21 PM": one text, or a label and a date side by side)."""
    if headline is None:
        return DateLine()
    for texts in (_FOLLOWING_TEXTS(headline), reversed(_PRECEDING_TEXTS(headline))):
        for raw in texts:
            # " | Sat, 31/01/2026 - 16:50" after a section link: the bar is the label's.
            text = clean_text(raw).strip(_LINE_EDGES)
            if not (4 <= len(text) <= MAX_DATE_LINE_CHARS) or text == title:
                continue
            if not has_date(text) or _COPYRIGHT_RE.search(text):
                continue
            if outside_article(getattr(raw, "getparent", lambda: None)(), page.not_article):
                continue
            section, rest = split_section_label(text)
            if section is None:
                section = _label_beside(raw, rest)
            return DateLine(rest, section)
    return DateLine()


def _label_beside(raw: object, date_text: str) -> str | None:
    """The section label in the line around a date element (``<a>Arab</a>| <span>date``)."""
    parent = getattr(raw, "getparent", lambda: None)()
    for _ in range(2):
        if parent is None:
            return None
        line = el_text(parent)
        if len(line) > MAX_DATE_LINE_CHARS:
            return None
        section, rest = split_section_label(line)
        if section is not None and rest.endswith(date_text):
            return section
        parent = parent.getparent()
    return None


def _article_time(page: Page) -> str | None:
    for node in _TIMES(page.root):
        if not outside_article(node, page.not_article):
            value = clean_text(node.get("datetime"))
            if value:
                return value
    return None


def _url_date(url: str) -> str | None:
    match = _URL_DATE_RE.search(url)
    if not match:
        return None
    year, month, day = match.groups()
    return f"{year}-{int(month):02d}-{int(day):02d}"
