"""The article's section, as the page states it.

In order of trust:

1. the label printed in the date line (``Arab| 11 December, 2024``,
   ``القسم: كتابات | تاريخ النشر: ...``): read with the date line
   (:mod:`newscrawl.extract.generic.published`);
2. a category link or badge beside the headline: ``rel="category"``, or an element whose
   class/id names a category, section, kicker or rubric, in the headline's own box;
3. the stated section (``article:section``, JSON-LD ``articleSection``);
4. a breadcrumb trail of two or more crumbs (an element named breadcrumb, or "Home > Section"
   links just above the headline): its last crumb that is not the headline.

A trail of one crumb ("News") names the site's news, not this article's section: no section
then. A null is better than a section the page does not state.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lxml import etree

from newscrawl.extract.generic.common import clean_text, el_text, outside_article
from newscrawl.extract.generic.meta import ld_text
from newscrawl.extract.lines import SECTION_LABEL_RE

if TYPE_CHECKING:
    from newscrawl.extract.page import Page

# "Arab", "عربي ودولي": a label, not a sentence, a date or a count.
_MAX_SECTION_WORDS = 4
_MAX_SECTION_CHARS = 40
_DIGIT_RE = re.compile(r"[0-9٠-٩]")
_SECTION_NAME_RE = re.compile(
    r"categor|(?:^|[\s_-])(?:section|cat|cats|kicker|rubric|rubrique|ressort)(?:$|[\s_-])"
    r"|post-cat|entry-cat|article-cat|news-cat",
    re.IGNORECASE,
)
_SECTION_HINTS = ("cat", "section", "kicker", "rubric", "rubrique", "ressort")
_CATEGORY_LINKS = etree.XPath(
    ".//a[contains(concat(' ', normalize-space(@rel), ' '), ' category ')]"
)
# "breadcrumb", "crumbs", and the "news_path" of legacy PHP templates.
_BREADCRUMB_RE = re.compile(r"breadcrumb|crumbs|(?:^|[\s_-])path(?:$|[\s_-])", re.IGNORECASE)
_CRUMB_SEPARATORS = (">", "»", "›", "<", "«", "‹", "/", "\\", "→", "←")
_HEADER_LEVELS = 3  # how far up from the headline its own box reaches
_PRECEDING_LINKS = etree.XPath("preceding::a[@href][position() <= 12]")


def find_section(page: Page, headline: etree._Element | None) -> str | None:
    """The section beside the headline, else the stated one, else a breadcrumb's."""
    meta = page.meta
    return (
        _beside_headline(page, headline)
        or meta.meta("article:section")
        or ld_text(meta.ld, "articleSection")
        or _named_breadcrumb(page)
        or _trail_above(page, headline)
    )


def section_of_piece(piece: str) -> str | None:
    """A section named by one piece of a date line: "القسم: كتابات", or a bare label."""
    labelled = SECTION_LABEL_RE.match(piece)
    if labelled:
        return labelled.group("name").strip()
    return piece if is_label(piece) and ":" not in piece and "：" not in piece else None


def is_label(text: str) -> bool:
    return (
        0 < len(text) <= _MAX_SECTION_CHARS
        and len(text.split()) <= _MAX_SECTION_WORDS
        and not _DIGIT_RE.search(text)
    )


def _beside_headline(page: Page, headline: etree._Element | None) -> str | None:
    if headline is None:
        return None
    box = headline
    for _ in range(_HEADER_LEVELS):
        parent = box.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        box = parent
        for link in _CATEGORY_LINKS(box):
            text = el_text(link)
            if is_label(text) and not outside_article(link, page.not_article):
                return text
        for node in _named_sections(page, box, headline):
            return node
    return None


def _named_sections(page: Page, box: etree._Element, headline: etree._Element) -> list[str]:
    found: list[str] = []
    for node, names in page.index.named_with(_SECTION_HINTS):
        if node is headline or not _SECTION_NAME_RE.search(names):
            continue
        if not any(a is box for a in node.iterancestors()):
            continue
        text = el_text(node)
        if is_label(text) and not outside_article(node, page.not_article):
            found.append(text)
    return found


def _named_breadcrumb(page: Page) -> str | None:
    """The last crumb of the first element named breadcrumb, when it has two or more."""
    for node, names in page.index.named_with(("crumb", "path")):
        if node.tag != "a" and _BREADCRUMB_RE.search(names):
            return _last_crumb([el_text(a) for a in node.iter("a")], page)
    return None


def _trail_above(page: Page, headline: etree._Element | None) -> str | None:
    """ "Home > Section" just above the headline, in a line of its own (legacy templates
    that name nothing): links joined by a crumb separator."""
    if headline is None:
        return None
    links = _PRECEDING_LINKS(headline)
    if not links:
        return None
    line = links[-1].getparent()
    if line is None:
        return None
    text = el_text(line)
    crumbs = [el_text(a) for a in line.iter("a")]
    if len(crumbs) < 2 or len(text) > 120:
        return None
    between = text
    for crumb in crumbs:
        between = between.replace(crumb, "\x00", 1)
    separators = [clean_text(s) for s in between.split("\x00")[1:-1]]
    if not separators or not all(s in _CRUMB_SEPARATORS for s in separators):
        return None
    return _last_crumb(crumbs, page)


def _last_crumb(crumbs: list[str], page: Page) -> str | None:
    crumbs = [c for c in crumbs if c and len(c) <= _MAX_SECTION_CHARS]
    return crumbs[-1] if len(crumbs) >= 2 and is_label(crumbs[-1]) else None
