"""The related-news list under an article, found without site knowledge.

A related block is either the content after a heading that says the links are related
("Related News", "Read also", "أخبار ذات صلة", ...) up to the next heading, or an element
named for it (class/id ``related``). Entries are the block's article links, one per URL,
with the section and date shown beside them.

Not related news: menus, "Most read" boxes, footers, tag clouds, and sponsored widgets
(Outbrain/Taboola, "Sponsored", "From around the web"), nor a block whose links mostly lead
to other sites (that is advertising whatever its heading says).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from newscrawl.extract.generic.common import (
    absolute_url,
    clean_text,
    el_text,
    in_boilerplate,
)
from newscrawl.extract.generic.dateline import DATE_RE, split_section_label
from newscrawl.extract.parts import RelatedEntry

if TYPE_CHECKING:
    from newscrawl.extract.page import Page

logger = logging.getLogger(__name__)

_RELATED_HEADING_RE = re.compile(
    r"^(?:related(?: news| articles?| stories| posts| content| coverage| reading)?"
    r"|(?:read|see) (?:also|more)|also read|more on this (?:story|topic)|more about this"
    r"|you (?:may|might) also (?:like|be interested in)|recommended(?: for you)?"
    r"|more (?:stories|news) (?:on|about) .{1,30}"
    r"|[أا]خبار ذات صلة|مواضيع ذات صلة|مقالات ذات صلة|تقارير ذات صلة|ذات صلة"
    r"|[أا]خبار متعلقة|مواضيع متعلقة|مقالات متعلقة|[اإ]قر[أا] [أا]يضا[ًا]?|[اإ]قر[أا] المزيد"
    r"|قد يهمك|قد يهمك أيضا[ًا]?|المزيد من الأخبار|شاهد أيضا[ًا]?)"
    r"\s*[:：.…»«|-]*\s*$",
    re.IGNORECASE,
)
# Headings whose lists are not related news, even when a page labels them next to ours.
_OTHER_HEADING_RE = re.compile(
    r"most (?:read|viewed|popular|shared)|popular|trending|top stories|latest|editor'?s? picks"
    r"|sponsored|promoted|from around the web|from the web|partner|advert|comments?"
    r"|الأكثر|الاكثر|الأحدث|آخر الأخبار|اخر الاخبار|تعليقات|إعلان",
    re.IGNORECASE,
)
# Containers named for related news (WordPress themes and plugins: related-posts,
# jp-relatedposts, yarpp-related, crp_related, td-related, jeg_related ...).
_RELATED_NAME_RE = re.compile(r"related|relatedposts|yarpp|crp_|read-?also|readalso", re.I)
_SPONSORED_NAME_RE = re.compile(
    r"outbrain|taboola|sponsor|promoted|revcontent|mgid|zergnet|dianomi|(?:^|[\s_-])ads?(?:$|[\s_-])",
    re.IGNORECASE,
)
_SECTION_NAME_RE = re.compile(r"categor|section|(?:^|[\s_-])cat(?:$|[\s_-])|kicker|rubric", re.I)
_DATE_NAME_RE = re.compile(r"date|time|posted|published", re.IGNORECASE)

# Substrings every related heading / container name contains one of (cheap pre-filters).
_HEADING_HINTS = (
    "related",
    "read",
    "also",
    "more",
    "like",
    "recommended",
    "صلة",
    "متعلقة",
    "يضا",
    "المزيد",
    "يهمك",
)
_RELATED_NAME_HINTS = ("related", "yarpp", "crp_", "readalso", "read-also")
_LINKS = etree.XPath(".//a[@href]")
_INLINE_TAGS = frozenset({"span", "strong", "b", "em", "i", "font", "u"})
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "header"})
_MIN_TITLE_CHARS = 12  # a tag or a section link is shorter than any headline
_MAX_ENTRIES = 40
_MAX_CLIMB = 8  # title boxes nest deep in CMS templates (heading > box > row > col)
_MAX_ENTRY_EXTRA_CHARS = 80  # longer text without links is prose, not a list entry


@dataclass
class RelatedBlock:
    """A related-news block: its heading and the content after it, and its entries."""

    nodes: list[HtmlElement] = field(default_factory=list)
    entries: list[RelatedEntry] = field(default_factory=list)


def find_related(page: Page) -> list[RelatedEntry]:
    """Entries of the related-news list(s), in page order, one per URL ([] when none)."""
    entries: list[RelatedEntry] = []
    seen: set[str | None] = set()
    for block in page.related_blocks:
        for entry in block.entries:
            if entry.url not in seen:
                seen.add(entry.url)
                entries.append(replace(entry))  # a copy: the page keeps its answer
    return entries


def related_nodes(page: Page) -> list[HtmlElement]:
    """The related blocks' nodes (for the article extractor to leave out of the body)."""
    return [node for block in page.related_blocks for node in block.nodes]


def find_blocks(page: Page) -> list[RelatedBlock]:
    """The related blocks of the page with their entries (blocks without entries left out;
    once per page: :attr:`Page.related_blocks`)."""
    found = []
    for block in _blocks(page):
        block.entries = _block_entries(block, page.base)
        if block.entries:
            found.append(block)
    return found


# --- blocks ----------------------------------------------------------------------------------


def _blocks(page: Page) -> list[RelatedBlock]:
    h1 = page.h1
    blocks = [b for b in (_heading_block(h) for h in _related_headings(page)) if b]
    covered = {id(n) for b in blocks for n in b.nodes}
    for node, names in page.index.named_with(_RELATED_NAME_HINTS):
        if node.tag == "a":
            continue
        if not _RELATED_NAME_RE.search(names) or _SPONSORED_NAME_RE.search(names):
            continue
        if any(id(a) in covered for a in (node, *node.iterancestors())):
            continue
        if h1 is not None and (node is h1 or h1 in node.iterdescendants()):
            continue  # a page wrapper that happens to carry the word
        blocks.append(RelatedBlock([node]))
        covered.add(id(node))
    return [b for b in blocks if not _excluded(b)]


def _related_headings(page: Page) -> list[HtmlElement]:
    """Elements whose whole text says "related": the innermost such element (a link is
    not a heading, but a heading may hold a link, as WordPress themes do)."""
    found: list[HtmlElement] = []
    for node, own_text in page.index.texts_with(_HEADING_HINTS):
        if node.tag in ("button", "option") or (node.tag == "a" and _is_real_link(node)):
            continue  # a heading may be a dead link (href="#", javascript:), not a real one
        if not _RELATED_HEADING_RE.match(clean_text(own_text)):
            continue
        # Climb inline wrappers (<h3><span>Related</span></h3>) to the element whose whole
        # text is the heading, without giving the climb any link of the list.
        while node.getparent() is not None and node.getparent().tag in _INLINE_TAGS:
            node = node.getparent()
        if _RELATED_HEADING_RE.match(el_text(node)) and node not in found:
            found.append(node)
    return found


def _is_real_link(node: HtmlElement) -> bool:
    href = (node.get("href") or "").strip().lower()
    return bool(href) and not href.startswith(("#", "javascript:"))


def _has_real_links(node: HtmlElement) -> bool:
    links = [node] if node.tag == "a" else _LINKS(node)
    return any(_is_real_link(a) for a in links)


def _heading_block(heading: HtmlElement) -> RelatedBlock | None:
    """The heading and the siblings after it, up to the next heading of another list.

    When the heading has nothing after it (it is wrapped in its own title box), climb: the
    list follows the wrapper."""
    start = heading
    for _ in range(_MAX_CLIMB):
        following = _following_until_heading(start)
        if any(_has_real_links(n) for n in following):
            return RelatedBlock([heading, *following])
        parent = start.getparent()
        if parent is None or parent.tag in ("body", "html") or _has_real_links(parent):
            # Links above the heading in its own box belong to something else.
            return None
        start = parent
    return None


def _following_until_heading(node: HtmlElement) -> list[HtmlElement]:
    """Siblings after the heading that make up its list: up to the next heading, or to the
    first prose without links once links were seen (a "Read also" list inside the body is
    followed by more of the article)."""
    found: list[HtmlElement] = []
    seen_links = False
    for sibling in node.itersiblings():
        if not isinstance(sibling.tag, str):
            continue
        if sibling.tag in _HEADING_TAGS or _is_other_heading(sibling):
            break
        has_links = _has_real_links(sibling)
        if seen_links and not has_links and len(el_text(sibling)) > _MAX_ENTRY_EXTRA_CHARS:
            break
        seen_links = seen_links or has_links
        found.append(sibling)
    return found


def _is_other_heading(node: HtmlElement) -> bool:
    text = el_text(node)
    return len(text) < 40 and bool(
        _OTHER_HEADING_RE.search(text) or _RELATED_HEADING_RE.match(text)
    )


def _excluded(block: RelatedBlock) -> bool:
    """Sponsored widgets and menus/footers are not related news."""
    first = block.nodes[0]
    for node in (first, *first.iterancestors()):
        if _SPONSORED_NAME_RE.search(f"{node.get('class', '')} {node.get('id', '')}"):
            return True
    return first.tag != "aside" and in_boilerplate(first) and not _in_article(first)


def _in_article(node: HtmlElement) -> bool:
    return any(a.tag in ("article", "main") for a in node.iterancestors())


# --- entries ---------------------------------------------------------------------------------


def _block_entries(block: RelatedBlock, base: str) -> list[RelatedEntry]:
    """One entry per article URL of the block, or [] when the block is advertising."""
    links = [a for node in block.nodes for a in ([node] if node.tag == "a" else _LINKS(node))]
    by_url: dict[str, list[HtmlElement]] = {}
    for link in links:
        url = absolute_url(base, link.get("href"))
        if url:
            by_url.setdefault(url, []).append(link)
    titled: dict[str, tuple[HtmlElement, str]] = {}
    for url, same in by_url.items():
        title_link = max(same, key=lambda a: len(el_text(a)))
        title = el_text(title_link) or clean_text(title_link.get("title"))
        if len(title) >= _MIN_TITLE_CHARS and len(title.split()) >= 2 and not _is_date_only(title):
            titled[url] = (title_link, title)
    entries: list[RelatedEntry] = []
    for url, (title_link, title) in titled.items():
        unit = _entry_unit(title_link, block, set(titled) - {url}, base)
        section, date_raw = _beside(unit, title_link)
        entries.append(RelatedEntry(title=title, url=url, section=section, date_raw=date_raw))
    if len(entries) > _MAX_ENTRIES or _mostly_offsite(entries, base):
        return []
    return entries


def _is_date_only(text: str) -> bool:
    """A date archive link ("February 28, 2025") is not a headline."""
    return len(DATE_RE.sub("", text).strip(" ,-|:")) < _MIN_TITLE_CHARS // 2


def _entry_unit(link: HtmlElement, block: RelatedBlock, others: set[str], base: str) -> HtmlElement:
    """The largest element around the link that holds no other entry's link."""
    unit = link
    tops = {id(n) for n in block.nodes}
    while id(unit) not in tops:
        parent = unit.getparent()
        if parent is None:
            break
        urls = {absolute_url(base, a.get("href")) for a in _LINKS(parent)}
        if urls & others:
            break
        unit = parent
    return unit


def _beside(unit: HtmlElement, title_link: HtmlElement) -> tuple[str | None, str | None]:
    """The section and date text shown in an entry, outside its title."""
    section: str | None = None
    date_raw: str | None = None
    title_nodes = {id(title_link), *(id(d) for d in title_link.iterdescendants())}
    for node in unit.iter():
        if not isinstance(node.tag, str) or id(node) in title_nodes or node is unit:
            continue
        if any(isinstance(c.tag, str) for c in node) and node.tag != "time":
            continue  # leaves only: their text is what is shown as one piece
        text = el_text(node)
        if not text or len(text) > 80:
            continue
        names = f"{node.get('class', '')} {node.get('id', '')}"
        if date_raw is None and (node.tag == "time" or DATE_RE.search(text)):
            label, rest = split_section_label(text)
            date_raw = rest
            section = section or label
        elif section is None and _SECTION_NAME_RE.search(names) and len(text.split()) <= 4:
            section = text
        elif date_raw is None and _DATE_NAME_RE.search(names):
            date_raw = text
    return section, date_raw


def _mostly_offsite(entries: list[RelatedEntry], base: str) -> bool:
    """Links that mostly leave the site are a sponsored widget, whatever the heading says."""
    if not entries:
        return False
    home = _site(base)
    offsite = sum(1 for e in entries if e.url and _site(e.url) != home)
    return offsite * 2 > len(entries)


def _site(url: str) -> str:
    """The registrable-ish part of a host (last two labels; mirrors .net/.com differ)."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    labels = host.split(".")
    return labels[-2] if len(labels) >= 2 else host
