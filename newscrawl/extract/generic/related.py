"""The related-news list under an article, found without site knowledge.

The evidence is the label a reader sees: a heading or line that says its links are related
to the article ("Related News", "Lesen Sie auch", "À lire aussi", "أخبار ذات صلة", "関連記事"
..., the vocabulary of :mod:`newscrawl.vocab.labels`). A related block is

- the content after such a heading, up to the next heading (climbing out of the heading's
  own title box when nothing follows it inside), or
- an in-text line that starts with the label and holds the links ("Read also: <a>...</a>").

A label may also open a tab whose panel holds the list (``aria-controls``,
``data-target``), or be printed inside the teaser link it announces ("Lesen Sie auch:").
Weaker labels that also title generic lists ("Read more", "Lesen Sie mehr") only count
inside the article's text, where they introduce a read-also box, and not in a box named or
placed as the site's recirculation ("read-next", beside "Latest in ..." boxes). Lists under
"Most read", "Latest", "Read next", "You may also like", "More from <section>" ... are never
related news, and such a heading ends a related list. A container merely *named* "related"
is no evidence on its own: themes give that name to latest-news and most-read boxes too.

Entries are the block's links to other articles of the site, one per URL (an article listed
twice is one entry), titled by the headline the link shows, with the section and date shown
beside them (also after the link in an inline list: ``<a>..</a> (Local - 10/08/2025)``):
not tags, topics, sections, author pages or "More about ..." links, not the article itself,
not a teaser badged "Sponsored"/"Anzeige", not a block whose links mostly leave the site
(advertising whatever its heading says), not a sponsored widget (Outbrain, Taboola), not
menus or the page footer, and nothing from a list the page has yet to fill by script.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from newscrawl.extract.generic.common import absolute_url, clean_text, el_text
from newscrawl.extract.generic.dateline import DATE_RE, split_section_label
from newscrawl.extract.parts import RelatedEntry
from newscrawl.vocab.classes import (
    COMMENTS_NAME_RE,
    DATE_NAME_RE,
    LIST_NAME_RE,
    MENU_TOKENS,
    SECTION_NAME_RE,
    SPONSORED_NAME_RE,
    UNRELATED_NAME_RE,
)
from newscrawl.vocab.labels import NOT_RELATED, RELATED, SPONSORED_LABELS, label_key

if TYPE_CHECKING:
    from newscrawl.extract.page import Page

logger = logging.getLogger(__name__)

_BRACKETS = "()[]（）"
# A section in brackets before a date: "[أخبار محلية] 27-01-2026".
_BRACKETED_RE = re.compile(r"^\s*[\[(（]([^\])）\d]{1,40})[\])）]\s*(.+)$")
# A section before a date across a dash: "محليات - 10/08/2025" (no digit in the section).
_DASHED_RE = re.compile(r"^\s*([^\d|\-–—]{1,40}?)\s+[-–—]\s+(.+)$")
_RECIRCULATION_BOXES = 2  # "Latest in X", "Most read" side by side: a recirculation area
_META_CLIMB = 2  # a section link's box names it: <div class="field-section"><a>Arab</a>
_MAX_META_CHARS = 80  # longer text beside a headline is a summary, not a date or section
_MAX_LABEL_TEXT = 120  # an own text longer than that is no label, even padded
# Path segments of pages that list articles (tags, topics, sections, authors, searches):
# a link to one of them is not an article, however long its text.
_LISTING_SEGMENTS = frozenset(
    {
        "tag",
        "tags",
        "topic",
        "topics",
        "thema",
        "themen",
        "schlagwort",
        "stichwort",
        "keyword",
        "keywords",
        "category",
        "categories",
        "kategorie",
        "search",
        "suche",
        "noticias",
        "temas",
        "tema",
        "sujet",
        "sujets",
        "etiqueta",
        "etiquetas",
        "argomenti",
        "dossier",
        "dossiers",
        "hub",
    }
)
# Path segments of the pages of people (authors, staff).
_PEOPLE_SEGMENTS = frozenset(
    {
        "author",
        "authors",
        "autor",
        "autoren",
        "auteur",
        "autore",
        "profile",
        "profil",
        "people",
        "person",
        "staff",
        "team",
        "redaktion",
        "journalist",
        "journalists",
        "writer",
        "writers",
        "kuttab",
    }
)
_LISTING_FILE_RE = re.compile(
    r"(?:^|[_-])(?:list|archive|category|categories|search|tags?)(?:[_-]\w*)?\.(?:php|html?|aspx?)$"
)
_ARTICLE_PATH_RE = re.compile(r"\d{3,}|[^/?#]*[-_][^/?#]*[-_][^/?#]*[-_]|\.s?html?$|\.php$")
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_TITLE_CLASS_RE = re.compile(r"title|headline|(?:^|[\s_-])hed(?:$|[\s_-])", re.IGNORECASE)

_LINKS = etree.XPath(".//a[@href]")
_INLINE_TAGS = frozenset({"span", "strong", "b", "em", "i", "font", "u", "small"})
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "header"})
_SUBHEADINGS = ("h2", "h3", "h4", "h5", "h6")
_TITLE_TAGS = ("h1", *_SUBHEADINGS)  # a card may print its headline as an <h1>
_NOT_LABELS = frozenset({"button", "option", "title", "script", "style", "textarea", "select"})
_MIN_TITLE_CHARS = 12  # a tag or a section link is shorter than any headline
_MIN_CJK_TITLE_CHARS = 8  # Han, kana and hangul: no spaces, more meaning per character
_MAX_ENTRIES = 30  # more links than that is a listing, not a list picked for one article
_MAX_CLIMB = 8  # title boxes nest deep in CMS templates (heading > box > row > col)
_PROSE_CHARS = 80  # a paragraph of the article's text, not a caption or a teaser line
_TEXT_CLIMB = 4  # how far up a box may sit in the article's text column
_TAB_CLIMB = 3  # how far up from its label a tab (or a teaser link) may be
_MAX_HEADING_LINKS = 2  # links a heading's own title box may hold ("All articles")
# Attributes by which a tab names the panel it opens.
_TAB_TARGETS = ("aria-controls", "data-target", "data-bs-target", "data-tab-toggle", "href")
_PANEL = etree.XPath(
    "//*[@id=$v or @data-id=$v or @data-tab=$v or @data-tab-content=$v or @data-panel=$v]"
)
_LOADER = etree.XPath(
    "boolean(.//*[contains(@class, 'loader') or contains(@class, 'spinner')"
    " or contains(@class, 'skeleton') or contains(@class, 'placeholder')])"
)
_TOKEN_RE = re.compile(r"^[\w:.-]{1,80}$")
_NEAR = 3  # siblings looked at on each side for the article's paragraphs


@dataclass
class RelatedBlock:
    """A related-news block: its heading and the content after it, and its entries."""

    nodes: list[HtmlElement] = field(default_factory=list)
    entries: list[RelatedEntry] = field(default_factory=list)
    # The element the block was cut at: the heading (or its title box) whose following
    # siblings are the list, or the line holding both label and links.
    top: HtmlElement | None = None


def find_related(page: Page) -> list[RelatedEntry]:
    """Entries of the related-news list(s), in page order, one per URL ([] when none).

    An article listed twice (an in-text "Read also" box and the list under the text) is
    one entry, at its first place, with the section and date either place shows."""
    entries: dict[str | None, RelatedEntry] = {}
    for block in page.related_blocks:
        for entry in block.entries:
            first = entries.get(entry.url)
            if first is None:
                entries[entry.url] = replace(entry)  # a copy: the page keeps its answer
            elif first.section is None and first.date_raw is None:
                first.section, first.date_raw = entry.section, entry.date_raw
    return list(entries.values())


def related_nodes(page: Page) -> list[HtmlElement]:
    """The related blocks' nodes (for the article extractor to leave out of the body)."""
    return [node for block in page.related_blocks for node in block.nodes]


def find_blocks(page: Page) -> list[RelatedBlock]:
    """The related blocks of the page with their entries (blocks without entries left out;
    once per page: :attr:`Page.related_blocks`)."""
    blocks: list[RelatedBlock] = []
    covered: set[int] = set()
    labels = _labels(page)
    own = _own_urls(page) if labels else set()  # not worth resolving without a label
    for label, kind in labels:
        if id(label) in covered:
            continue  # a label inside a block already taken (a repeated heading)
        for block in _candidates(page, label, own):
            if _refused(block) or (kind == "weak" and not _reads_also(block)):
                break
            block.entries = _block_entries(block, page.base, own)
            if block.entries:
                blocks.append(block)
                covered.update(id(d) for n in block.nodes for d in n.iter())
                break
    return blocks


# --- labels and blocks -----------------------------------------------------------------------


def _labels(page: Page) -> list[tuple[HtmlElement, str]]:
    """Elements whose text is a related label ("related" or "weak"), in page order: own
    texts from the page index, and headings whose text follows an icon or a comment."""
    found: dict[HtmlElement, str] = {}
    for (node, own_text), key in zip(page.index.texts, page.index.label_keys, strict=True):
        if len(own_text) > _MAX_LABEL_TEXT:
            continue
        kind = RELATED.kind(key)
        if kind is not None and kind != NOT_RELATED:
            found[node] = kind
    extra = False
    for heading in page.root.iter(*_SUBHEADINGS):
        if heading not in found and not (heading.text or "").strip():
            kind = RELATED.of(el_text(heading))
            if kind is not None and kind != NOT_RELATED:
                found[heading] = kind
                extra = True
    if extra:  # put the headings found apart in page order
        order = {node: i for i, node in enumerate(page.root.iter())}
        found = dict(sorted(found.items(), key=lambda item: order.get(item[0], 0)))
    return [(n, k) for n, k in found.items() if n.tag not in _NOT_LABELS or _tab(n) is not None]


def _candidates(page: Page, label: HtmlElement, own: set[str]) -> Iterator[RelatedBlock]:
    """Blocks the label may head, nearest first: the tab panel it opens, the teaser link it
    is printed in, the line it starts, or the content after it."""
    tab = _tab(label)
    if tab is not None:
        panel = _tab_panel(page, tab)
        if panel is not None:
            yield RelatedBlock([panel], top=panel)
            return
        if _has_target(tab):
            return  # a tab whose panel is not in the page: the heading logic would mix tabs
    link = _enclosing_link(label)
    if link is not None:
        yield RelatedBlock([link], top=link)  # "Lesen Sie auch:" printed in the teaser
        return
    if label.tag == "a":
        if _is_real_link(label):
            return  # a link is not a heading (a dead one, href="#", may be a tab title)
    elif any(_is_real_link(a) for a in _LINKS(label)):
        yield RelatedBlock([label], top=label)  # <p>Read also: <a>...</a></p>
        return
    yield from _heading_blocks(label, page.base, own)


def _heading_blocks(heading: HtmlElement, base: str, own: set[str]) -> Iterator[RelatedBlock]:
    """The heading and the siblings after it, up to the next heading of another list.

    When nothing follows the heading in its own title box but decoration or the box's
    "All articles" link, climb: the list follows the title box. An empty list after the
    heading (filled by script) is no reason to climb: the page shows no entries."""
    # Climb inline wrappers (<h3><span>Related</span></h3>) to the element whose whole
    # text is the heading, without giving the climb any link of the list.
    key = label_key(el_text(heading))
    while heading.getparent() is not None and heading.getparent().tag in _INLINE_TAGS:
        parent = heading.getparent()
        if label_key(el_text(parent)) != key:
            break
        heading = parent
    start = heading
    for _ in range(_MAX_CLIMB):
        following = _following_until_heading(start)
        links = [a for n in following for a in _real_links(n)]
        if links:
            yield RelatedBlock([heading, *following], top=start)
            if len(links) > _MAX_HEADING_LINKS or any(_is_entry(a, base, own) for a in links):
                return  # the heading's list, whatever its entries were
        elif any(_is_empty_list(n) for n in following):
            return
        if any(_has_real_links(s) for s in start.itersiblings(preceding=True)):
            return  # links before the heading in its own box belong to something else
        parent = start.getparent()
        if parent is None or parent.tag in ("body", "html"):
            return
        start = parent


def _is_empty_list(node: HtmlElement) -> bool:
    """A linkless container that is a list still to be filled by script: named for a list
    of articles, or carrying the address it loads from, or a loader placeholder."""
    if LIST_NAME_RE.search(f"{node.get('class', '')} {node.get('id', '')}"):
        return True
    if any(k.startswith("data-") and v.startswith(("/", "http")) for k, v in node.items()):
        return True
    return bool(_LOADER(node))


def _tab(label: HtmlElement) -> HtmlElement | None:
    """The tab the label is the title of: a button, or an element with a tab role or a
    target attribute, within a few levels."""
    for node in (label, *islice(label.iterancestors(), _TAB_CLIMB)):
        if node.tag == "button" or node.get("role") == "tab" or _has_target(node):
            return node
    return None


def _has_target(node: HtmlElement) -> bool:
    return any(_targets(node))


def _targets(node: HtmlElement) -> Iterator[str]:
    """The ids a tab names: ``aria-controls="x"``, ``data-target="#x"``, ``href="#x"``."""
    for attr in _TAB_TARGETS:
        value = (node.get(attr) or "").strip()
        if attr == "href" and not value.startswith("#"):
            continue
        value = value.lstrip("#")
        if value and _TOKEN_RE.match(value):
            yield value


def _tab_panel(page: Page, tab: HtmlElement) -> HtmlElement | None:
    """The panel a tab opens: the element whose id (or data attribute) the tab names."""
    for value in _targets(tab):
        for panel in _PANEL(page.root, v=value):
            if panel is not tab and not any(a is panel for a in tab.iterancestors()):
                return panel
    return None


def _enclosing_link(label: HtmlElement) -> HtmlElement | None:
    for node in islice(label.iterancestors(), _TAB_CLIMB):
        if node.tag == "a":
            return node if _is_real_link(node) else None
    return None


def _following_until_heading(node: HtmlElement) -> list[HtmlElement]:
    """Siblings after the heading that make up its list: up to the next heading, or to the
    first prose once links were seen (a "Read also" box inside the body is followed by
    more of the article, whose links in the prose are no entries)."""
    found: list[HtmlElement] = []
    seen_links = False
    for sibling in node.itersiblings():
        if not isinstance(sibling.tag, str):
            continue
        has_links = _has_real_links(sibling)
        if _is_next_heading(sibling, has_links):
            break
        if seen_links and (sibling.tag == "p" or not has_links) and _is_prose(sibling):
            break
        seen_links = seen_links or has_links
        found.append(sibling)
    return found


def _is_next_heading(node: HtmlElement, has_links: bool) -> bool:
    """A heading (or a box opening with one) of another list: "Most read", "Related"."""
    if node.tag in _HEADING_TAGS:
        # A heading that is itself a link is an entry of the list (<h3><a>Headline</a></h3>).
        return not has_links or RELATED.of(el_text(node)) is not None
    text = el_text(node)
    if len(text) <= 2 * len("most read articles") and RELATED.of(text) is not None:
        return True
    first = next(node.iter(*_SUBHEADINGS), None)
    return first is not None and RELATED.of(el_text(first)) == NOT_RELATED


def _refused(block: RelatedBlock) -> bool:
    """Sponsored widgets, menus and the page footer are not related news. A widget is
    named as such near the block (a page wrapper named "gate-ad" says nothing)."""
    first = block.nodes[0]
    for level, node in enumerate((first, *first.iterancestors())):
        if node.tag in ("body", "html"):
            break
        names = f"{node.get('class', '')} {node.get('id', '')}"
        if (level <= _TAB_CLIMB and SPONSORED_NAME_RE.search(names)) or _is_menu(node):
            return True
    return False


def _is_menu(node: HtmlElement) -> bool:
    if node.tag == "nav":
        return True
    if node.tag == "footer":
        # An <article>'s own footer may carry its related list; the page's footer not.
        return not any(a.tag in ("article", "main") for a in node.iterancestors())
    tokens = f"{node.get('class', '')} {node.get('id', '')}".lower().split()
    return any(token in MENU_TOKENS for token in tokens)


def _reads_also(block: RelatedBlock) -> bool:
    """A weak label ("Read more") heads a read-also box only inside the article's text, not
    in a box its template names for the site's next or latest stories, nor in a row of
    boxes beside "Latest in ..." and "Most read" boxes (the site's recirculation area)."""
    top = block.top if block.top is not None else block.nodes[0]
    for node in (top, *islice(top.iterancestors(), _TEXT_CLIMB)):
        if UNRELATED_NAME_RE.search(_names(node)):
            return False
        siblings = (
            *islice(_elements(node.itersiblings(preceding=True)), _NEAR),
            *islice(_elements(node.itersiblings()), _NEAR),
        )
        if sum(1 for s in siblings if _first_label(s) == NOT_RELATED) >= _RECIRCULATION_BOXES:
            return False
    return _in_text(block)


def _in_text(block: RelatedBlock) -> bool:
    """Whether the block sits in the article's text: prose just before it, or beside one of
    its nearest ancestors (never its own entries, which follow the heading). Other
    read-also boxes in between do not count: the text may end with a row of them."""
    current: HtmlElement | None = block.top
    for level in range(_TEXT_CLIMB):
        if current is None or current.tag in ("body", "html"):
            return False
        near = list(islice(_boxes_around(current.itersiblings(preceding=True)), _NEAR))
        if level:  # above the block's own level, what follows is outside the block too
            near += islice(_boxes_around(current.itersiblings()), _NEAR)
        if any(_is_text(s) for s in near):
            return True
        current = current.getparent()
    return False


def _boxes_around(nodes: Iterator[HtmlElement]) -> Iterator[HtmlElement]:
    """Elements among the siblings, passing over read-also boxes like the block."""
    return (n for n in _elements(nodes) if _first_label(n) not in ("related", "weak"))


def _elements(nodes: Iterator[HtmlElement]) -> Iterator[HtmlElement]:
    """Elements only (no comments or processing instructions)."""
    return (n for n in nodes if isinstance(n.tag, str))


def _first_label(node: HtmlElement) -> str | None:
    """The kind of label a box opens with ("Latest in ...": not related; "Read also":
    related), or None; an ad slot's "Advertisement" is no label of a list."""
    for element in node.iter():
        if isinstance(element.tag, str) and element.text and element.text.strip():
            text = element.text
            if len(text) > _MAX_META_CHARS or SPONSORED_LABELS.of(text) is not None:
                return None
            return RELATED.of(text)
    return None


def _is_text(node: HtmlElement) -> bool:
    """A paragraph of the article's prose (a <p>, or a linkless block of text as some
    templates write paragraphs), or the box holding the article's paragraphs."""
    if COMMENTS_NAME_RE.search(_names(node)):
        return False  # readers' comments are prose too, but not the article's
    if node.tag == "p" or not _LINKS(node):
        return _is_prose(node)
    return sum(1 for p in node.iter("p") if _is_prose(p)) >= 2


def _is_prose(paragraph: HtmlElement) -> bool:
    text = el_text(paragraph)
    if len(text) < _PROSE_CHARS:
        return False
    linked = sum(len(el_text(a)) for a in _LINKS(paragraph))
    return linked * 2 < len(text)


def _is_real_link(node: HtmlElement) -> bool:
    href = (node.get("href") or "").strip().lower()
    return bool(href) and not href.startswith(("#", "javascript:"))


def _has_real_links(node: HtmlElement) -> bool:
    return bool(_real_links(node))


def _real_links(node: HtmlElement) -> list[HtmlElement]:
    if not isinstance(node.tag, str):
        return []  # a comment or a processing instruction
    links = [node] if node.tag == "a" else _LINKS(node)
    return [a for a in links if _is_real_link(a)]


# --- entries ---------------------------------------------------------------------------------


def _own_urls(page: Page) -> set[str]:
    """The article's own addresses: a link to them is a share or comments link."""
    urls = {_url_key(page.url)}
    link = page.root.find("head/link[@rel='canonical']")
    canonical = link.get("href") if link is not None else None
    if canonical:
        urls.add(_url_key(absolute_url(page.base, canonical) or ""))
    return urls


def _url_key(url: str) -> str:
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}?{parts.query}"


def _block_entries(block: RelatedBlock, base: str, own: set[str]) -> list[RelatedEntry]:
    """One entry per article URL of the block, or [] when the block is advertising."""
    links = [a for node in block.nodes for a in ([node] if node.tag == "a" else _LINKS(node))]
    by_url: dict[str, list[HtmlElement]] = {}
    url_of: dict[HtmlElement, str] = {}
    set_apart: set[str] = set()  # links the box itself presents as something else
    for link in links:
        url = _entry_url(link, base, own)
        if url:
            url_of[link] = url
            if _introduced_as_unrelated(link):
                set_apart.add(url)
            else:
                by_url.setdefault(url, []).append(link)
    titled: dict[str, tuple[HtmlElement, str, HtmlElement]] = {}
    for url, same in by_url.items():
        candidates = [(link, *_link_title(link)) for link in same]
        title_link, title, shown = max(candidates, key=lambda c: len(c[1]))
        if _is_headline(title, url):
            titled[url] = (title_link, title, shown)
    entries: list[RelatedEntry] = []
    titles: set[str] = set()
    for url, (title_link, title, shown) in titled.items():
        if title in titles:
            continue  # one article under two addresses (the picture's and the headline's)
        titles.add(title)
        # Its unit holds no other entry's link (a date archive's or a section's it may).
        unit = _entry_unit(title_link, block, (set(titled) | set_apart) - {url}, url_of)
        if _is_sponsored(unit):
            continue  # an advertorial teaser slipped into the list
        section, date_raw = _beside(unit, shown)
        if unit is title_link:  # an inline list: what follows the link up to the next
            section, date_raw = _after(title_link, section, date_raw)
        entries.append(RelatedEntry(title=title, url=url, section=section, date_raw=date_raw))
    if len(entries) > _MAX_ENTRIES or _mostly_offsite(entries, base):
        return []
    return entries


def _introduced_as_unrelated(link: HtmlElement) -> bool:
    """A link on the line after "Most read story about Local:" inside the box (PHP-Nuke's
    related-links block ends with the topic's most read story): a most-read item."""
    for sibling in islice(link.itersiblings(preceding=True), _NEAR):
        if not isinstance(sibling.tag, str) or sibling.tag == "a":
            return False
        line = clean_text(sibling.tail) or (el_text(sibling) if sibling.tag != "br" else "")
        if line:
            return RELATED.of(line) == NOT_RELATED
    return False


def _entry_url(link: HtmlElement, base: str, own: set[str]) -> str | None:
    """The link's absolute address without fragment; None for the article's own."""
    url = absolute_url(base, link.get("href"))
    if not url:
        return None
    url = url.split("#", 1)[0]
    return None if _url_key(url) in own else url


def _is_entry(link: HtmlElement, base: str, own: set[str]) -> bool:
    url = _entry_url(link, base, own)
    return url is not None and _is_headline(_link_title(link)[0], url)


def _is_sponsored(unit: HtmlElement) -> bool:
    """An entry marked as paid: a badge "Sponsored", "Anzeige", "إعلان" in it (its text,
    or the text after a hidden prefix: ``<span><span>Type:</span>Advertorial</span>``)."""
    for node in unit.iter():
        if not isinstance(node.tag, str):
            continue
        texts = [node.text, *(child.tail for child in node)]
        if any(SPONSORED_LABELS.of(t) is not None for t in texts if t and t.strip()):
            return True
    return False


def _link_title(link: HtmlElement) -> tuple[str, HtmlElement]:
    """The headline a link shows and the element showing it: its heading (or title
    element) when it wraps a whole teaser, else its text or its title; the card's heading
    when it is an empty overlay."""
    headings = [n for n in link.iterdescendants(*_TITLE_TAGS) if el_text(n)]
    if not headings:  # no heading: an element named for the title ("card-title")
        headings = [
            n
            for n in link.iterdescendants()
            if isinstance(n.tag, str) and _TITLE_CLASS_RE.search(n.get("class", "")) and el_text(n)
        ]
    if headings:  # the longest: a kicker may be named "title" too
        node = max(headings, key=lambda n: len(el_text(n)))
        return el_text(node), node
    text = el_text(link) or clean_text(link.get("title")) or clean_text(link.get("aria-label"))
    if text:
        return text, link
    card = link.getparent()
    heading = next(card.iter(*_SUBHEADINGS), None) if card is not None else None
    if heading is not None and not _LINKS(heading):
        return el_text(heading), heading
    return "", link


def _is_headline(title: str, url: str) -> bool:
    """An article's headline and address, not a tag, a section, an author or a date."""
    if _is_listing_url(url) or _is_date_only(title) or RELATED.of(title) is not None:
        return False  # a listing, a date archive, or a "More about ..." link
    if _CJK_RE.search(title):
        return len(title) >= _MIN_CJK_TITLE_CHARS
    words = len(title.split())
    if words >= 4:
        return True
    # Two or three words: a short headline only where the address looks like an article's.
    return words >= 2 and len(title) >= _MIN_TITLE_CHARS and _looks_like_article(url)


def _is_listing_url(url: str) -> bool:
    """A tag, topic, section, author or search page: the listing segment is followed by at
    most one more segment (``/tag/gaza``), or the path has a single short segment."""
    segments = [s for s in urlsplit(url).path.lower().split("/") if s]
    if segments and _LISTING_FILE_RE.search(segments[-1]):
        return True  # news_list.php, archive.html
    for i, segment in enumerate(segments):
        if segment in _PEOPLE_SEGMENTS and len(segments) - i <= 2:
            return True  # /autor/marcel-sommer-102.html: a person's page, whatever its id
        if segment in _LISTING_SEGMENTS and len(segments) - i <= 2:
            return not _looks_like_article(url)
    return False


def _looks_like_article(url: str) -> bool:
    """An id (digits), a long slug, or a page file: what article addresses carry."""
    parts = urlsplit(url)
    last = [s for s in parts.path.split("/") if s][-1:] or [""]
    return bool(_ARTICLE_PATH_RE.search(last[0]) or re.search(r"=\d{3,}", parts.query))


def _is_date_only(text: str) -> bool:
    """A date archive link ("February 28, 2025") is not a headline."""
    return len(DATE_RE.sub("", text).strip(" ,-|:")) < _MIN_TITLE_CHARS // 2


def _entry_unit(
    link: HtmlElement, block: RelatedBlock, others: set[str], url_of: dict[HtmlElement, str]
) -> HtmlElement:
    """The largest element around the link that holds no other entry's link."""
    unit = link
    tops = {id(n) for n in block.nodes}
    while id(unit) not in tops:
        parent = unit.getparent()
        if parent is None or any(url_of.get(a) in others for a in _LINKS(parent)):
            break
        unit = parent
    return unit


def _beside(unit: HtmlElement, shown: HtmlElement) -> tuple[str | None, str | None]:
    """The section and date text shown in an entry, outside its title."""
    section: str | None = None
    date_raw: str | None = None
    title_nodes = {id(shown), *(id(d) for d in shown.iterdescendants())}
    for node in unit.iter():
        if not isinstance(node.tag, str) or id(node) in title_nodes or node is unit:
            continue
        if node.tag != "time" and any(el_text(c) for c in node if isinstance(c.tag, str)):
            continue  # leaves only (an icon beside the text is no child that counts)
        names = " ".join(_names(n) for n in (node, *islice(node.iterancestors(), _META_CLIMB)))
        section, date_raw = _read_meta(node, el_text(node), section, date_raw, names)
    return section, date_raw


def _after(
    link: HtmlElement, section: str | None, date_raw: str | None
) -> tuple[str | None, str | None]:
    """The section and date printed after a link in an inline list (``<a>..</a> <span>
    [Local] 27-01-2026</span><br>``): its tail and the siblings up to the next link."""
    pieces: list[tuple[HtmlElement, str]] = [(link, clean_text(link.tail))]
    for sibling in islice(link.itersiblings(), _NEAR):
        if not isinstance(sibling.tag, str) or sibling.tag in ("a", "br") or _LINKS(sibling):
            break
        pieces.append((sibling, el_text(sibling)))
        if sibling.tail and sibling.tail.strip():
            pieces.append((sibling, clean_text(sibling.tail)))
    for node, text in pieces:
        names = _names(node) if node is not link else ""
        section, date_raw = _read_meta(node, text, section, date_raw, names)
    return section, date_raw


def _read_meta(
    node: HtmlElement, text: str, section: str | None, date_raw: str | None, names: str
) -> tuple[str | None, str | None]:
    """Read a section or a date from one piece of an entry's text (``names``: the class
    and id names of its element and the elements around it)."""
    if not text or len(text) > _MAX_META_CHARS:
        return section, date_raw
    if date_raw is None and (node.tag == "time" or DATE_RE.search(text)):
        if text[:1] in "([（" and text[-1:] in ")]）":
            text = text[1:-1]  # "(محليات - 14/12/2024)"
        label, rest = _split_label(text)
        return section or label, rest.strip(_BRACKETS + " ")
    if section is None and SECTION_NAME_RE.search(names) and len(text.split()) <= 4:
        return text, date_raw
    if date_raw is None and DATE_NAME_RE.search(names):
        return section, text
    return section, date_raw


def _split_label(text: str) -> tuple[str | None, str]:
    """The section label and the date of "Arab | 4 Jan, 2025", "[Local] 27-01-2026" or
    "محليات - 10/08/2025"."""
    for pattern in (_BRACKETED_RE, _DASHED_RE):
        match = pattern.match(text)
        if match and DATE_RE.search(match.group(2)) and not DATE_RE.search(match.group(1)):
            return match.group(1).strip(), match.group(2)
    return split_section_label(text)


def _names(node: HtmlElement) -> str:
    return f"{node.get('class', '')} {node.get('id', '')}"


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
