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
from collections.abc import Iterator
from copy import deepcopy
from typing import TYPE_CHECKING

from htmldate import find_date
from lxml import etree

from newscrawl.extract.generic.common import clean_text, el_text, outside_article
from newscrawl.extract.generic.dateline import has_date
from newscrawl.extract.generic.meta import PUBLISHED_KEYS, ld_text
from newscrawl.extract.generic.section import section_of_piece
from newscrawl.extract.lines import SECTION_LABEL_RE
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
_MAX_LINE_CHARS = 160  # a meta line: section, date, author, read count
_LINE_LEVELS = 3
_PIECE_SPLIT_RE = re.compile(r"\s*[|｜•·]\s*")
_TIME_PIECE_RE = re.compile(
    r"^[0-9٠-٩]{1,2}:[0-9٠-٩]{2}(?::[0-9٠-٩]{2})?\s*(?:[AaPp]\.?[Mm]\.?|ص|م|صباحا|مساء)?[ًا]?$"
)
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
    """The shown date line near the headline and the section label printed with it.

    A line is read in pieces set apart by bars or bullets: "Arab| 11 December, 2024 -
    3:21 PM", "القسم: كتابات | تاريخ النشر: 2026-01-29 22:00:00 | القراءات: 3145" (the
    date piece is the date; a bare label or a "Section:" piece before it is the section),
    whether the pieces are one text or a link and a text side by side."""
    for raw, text in texts_near(page, headline):
        if not (4 <= len(text) <= MAX_DATE_LINE_CHARS) or text == title:
            continue
        if not has_date(text) or _COPYRIGHT_RE.search(text) or not in_article(page, raw):
            continue
        date, section = _read_line(text)
        if section is None:
            section = _section_in_line(getattr(raw, "getparent", lambda: None)(), date, title)
        return DateLine(date, section)
    return DateLine()


def texts_near(page: Page, headline: etree._Element | None) -> Iterator[tuple[object, str]]:
    """The texts after the headline (then just before it) where a news page prints its
    date line and byline; callers check :func:`in_article` on the ones they keep (the
    check walks the text's ancestors: too dear to do for every text)."""
    if headline is None:
        return
    for texts in (_FOLLOWING_TEXTS(headline), reversed(_PRECEDING_TEXTS(headline))):
        for raw in texts:
            # " | Sat, 31/01/2026 - 16:50" after a section link: the bar is the label's.
            text = clean_text(raw).strip(_LINE_EDGES)
            if text:
                yield raw, text


def in_article(page: Page, raw: object) -> bool:
    """Whether a text of the page stands outside the ticker, related lists, comments,
    captions and menus."""
    return not outside_article(getattr(raw, "getparent", lambda: None)(), page.not_article)


def _pieces(line: str) -> list[str]:
    return [piece for piece in _PIECE_SPLIT_RE.split(line) if piece]


def _read_line(line: str) -> tuple[str, str | None]:
    """The date piece of a line (with a time printed as a piece of its own after it) and
    the section named before it."""
    pieces = _pieces(line)
    at = next((i for i, piece in enumerate(pieces) if has_date(piece)), None)
    if at is None:  # the date runs across a bar: keep the line whole
        return line, None
    date = pieces[at]
    if at + 1 < len(pieces) and _TIME_PIECE_RE.match(pieces[at + 1]):
        date = f"{date} {pieces[at + 1]}"
    return date, _section_before(pieces[:at]) or _labelled_section(pieces[at + 1 :])


def _section_before(pieces: list[str]) -> str | None:
    return section_of_piece(pieces[-1]) if pieces else None


def _labelled_section(pieces: list[str]) -> str | None:
    for piece in pieces:
        match = SECTION_LABEL_RE.match(piece)
        if match:
            return match.group("name").strip()
    return None


def _section_in_line(node: etree._Element | None, date: str, title: str | None) -> str | None:
    """The section in the line around a date element (``<a>Arab</a>| <span>date``)."""
    for _ in range(_LINE_LEVELS):
        if node is None:
            return None
        line = el_text(node)
        if len(line) > _MAX_LINE_CHARS or (title and title in line):
            return None
        pieces = _pieces(line)
        at = next((i for i, piece in enumerate(pieces) if date in piece), None)
        if at is not None and len(pieces) > 1:
            return _section_before(pieces[:at]) or _labelled_section(pieces)
        node = node.getparent()
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
