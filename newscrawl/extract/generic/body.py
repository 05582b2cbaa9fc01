"""Body paragraphs of the main article.

trafilatura finds the main-content container well on most layouts; what it lets through on
news pages of the region (the ticker, the related list, image captions, share bars) is
removed from a copy of the page before it runs, so nothing has to be guessed afterwards.
"""

from __future__ import annotations

import logging
import re
from copy import deepcopy
from typing import TYPE_CHECKING

import trafilatura
from lxml import etree
from lxml.html import HtmlElement

if TYPE_CHECKING:
    from newscrawl.extract.page import Page

logger = logging.getLogger(__name__)


# Class/id tokens of nodes that are never body text on a news page: captions and the
# widgets around the text. Matched as whole dash/underscore-separated parts of a token, so
# "share-bar" and "wp-caption-text" match and "shareable-content" does not.
_BOILERPLATE_TOKEN_RE = re.compile(
    r"(?:^|[-_])(?:share|sharing|sharedaddy|social|caption|outbrain|taboola|sponsored|promoted)"
    r"(?:$|[-_]|s$)",
    re.IGNORECASE,
)
_BOILERPLATE_HINTS = ("shar", "social", "caption", "outbrain", "taboola", "sponsored", "promoted")
_MAX_WIDGET_PARAGRAPHS = 3
_PICTURE_NAME_RE = re.compile(
    r"(?:^|[-_\s])(?:story|news|post|article|entry|main)?-?_?(?:image|img|photo|pic|picture"
    r"|figure|thumb)s?(?:$|[-_\s])",
    re.IGNORECASE,
)
_PICTURE_HINTS = ("image", "img", "photo", "pic", "figure", "thumb")
_MAX_CAPTION_CHARS = 300
_STRING = etree.XPath("string(.)")
_DUMP_LINES = 3
_LINK_LIST_SHARE = 0.75
_MAX_LIST_ITEM_CHARS = 160  # a headline and its date
_MAX_LIST_TITLE_WORDS = 4
_MAX_LIST_TITLE_CHARS = 30
_TEXT_BLOCKS = frozenset({"p", "head", "item", "quote", "cell"})
_DROP_ATTR = "data-newscrawl-drop"
_DROP_XPATH = f"//*[@{_DROP_ATTR}]"
# trafilatura parses pages itself without comments; given our tree, a comment inside a link
# ("<a>costs<!-- --></a> are determined") makes it lose the rest of the paragraph.
_CODE_XPATH = "//comment() | //processing-instruction()"
_PROSE_PARAGRAPH_CHARS = 80
_ENOUGH_OF_PROSE = 0.6
_BREAK_PARENTS = etree.XPath("//br/parent::*[self::span or self::font or self::td or self::div]")
_BLOCK_CHILD = etree.XPath(
    "boolean(div or table or ul or ol or h1 or h2 or h3 or h4 or section or article)"
)
_MIN_BREAK_BLOCK_CHARS = 200  # a few sentences: less is a byline or an address
_LAYOUT_CELL = etree.XPath(
    "boolean(.//td[.//h1 or .//h2 or .//h3 or .//p or .//div or .//ul or .//form])"
)


def _is_boilerplate(node: etree._Element) -> bool:
    if node.tag in ("html", "body", "article"):
        return False
    names = f"{node.get('class', '')} {node.get('id', '')}".split()
    if not any(_BOILERPLATE_TOKEN_RE.search(name) for name in names):
        return False
    # A wrapper named after its share bar can hold the whole article: never drop prose.
    return len(node.findall(".//p")) < _MAX_WIDGET_PARAGRAPHS


def _picture_boxes(page: Page) -> list[etree._Element]:
    """Boxes named for a picture that hold an image and a line of text: a caption in
    templates older than <figcaption> (``<div class="storyimage"><img><br><span>..``)."""
    found = []
    for node, names in page.index.named_with(_PICTURE_HINTS):
        if not _PICTURE_NAME_RE.search(names) or node.find(".//img") is None:
            continue
        if node.find(".//p") is None and len(_STRING(node).strip()) <= _MAX_CAPTION_CHARS:
            found.append(node)
    return found


def body_paragraphs(page: Page, exclude: list[HtmlElement]) -> list[str]:
    """Body paragraph texts, in order, from the page without ``exclude`` and widgets."""
    root, url = page.root, page.url
    named = page.index.named_with(_BOILERPLATE_HINTS)
    widgets = [n for n, _ in named if _is_boilerplate(n)]
    dropped = [*exclude, *widgets, *root.iter("figcaption"), *_picture_boxes(page)]
    if _has_layout_table(root) or _break_blocks(root):
        tree = _pruned_copy(root, dropped)
        _unwrap_layout_tables(tree)
        for block in _break_blocks(tree):
            _split_at_breaks(block)
        return _extract_twice(tree, url, [_CODE_XPATH])
    # trafilatura copies the tree it is given and prunes what prune_xpath names: marking the
    # dropped nodes for the time of the call saves a copy of the page of our own.
    for node in dropped:
        node.set(_DROP_ATTR, "")
    try:
        return _extract_twice(root, url, [_DROP_XPATH, _CODE_XPATH])
    finally:
        for node in dropped:
            node.attrib.pop(_DROP_ATTR, None)


def _extract_twice(tree: etree._Element, url: str, prune: list[str]) -> list[str]:
    """trafilatura's fast pass, and its full pass (comparison with readability/justext,
    which costs more than the pass itself) only when the fast one missed much prose or
    fell back to dumping the page's whole text."""
    paragraphs, dump = _extract(tree, url, prune, fast=True)
    if dump or sum(map(len, paragraphs)) < _ENOUGH_OF_PROSE * _prose_chars(tree):
        full, full_dump = _extract(tree, url, prune, fast=False)
        if (dump and not full_dump) or sum(map(len, full)) > sum(map(len, paragraphs)):
            paragraphs = full
    return paragraphs


def _extract(
    tree: etree._Element, url: str, prune: list[str], *, fast: bool
) -> tuple[list[str], bool]:
    """Paragraphs, and whether they are trafilatura's last resort: the page's whole text
    as one block of lines (its "baseline"), menus and footer included."""
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        fast=fast,
        include_comments=False,
        include_links=True,  # for _is_link_list_item
        with_metadata=False,
        prune_xpath=prune or None,
    )
    body = getattr(doc, "body", None)  # a Document (with_metadata=False never gives a dict)
    if body is None:
        return [], False
    dump = len(body) == 1 and (body[0].text or "").count("\n") >= _DUMP_LINES
    return _tree_paragraphs(body), dump


def _prose_chars(root: etree._Element) -> int:
    """Characters of the page's prose paragraphs (<p> of a sentence or more)."""
    total = 0
    for node in root.iter("p"):
        size = len(_STRING(node))
        if size >= _PROSE_PARAGRAPH_CHARS:
            total += size
    return total


def _tree_paragraphs(body: etree._Element) -> list[str]:
    """One text per paragraph, heading, list item, quote or table cell of trafilatura's tree.

    A line break inside a paragraph (``<lb/>``, from ``<br>``) also ends a paragraph:
    legacy pages write their paragraphs as text separated by ``<br><br>``."""
    texts: list[str] = []
    title_of_list = False  # whether texts[-1] is a short line that may title a link list
    for node in body.iter("p", "head", "item", "quote", "cell"):
        if any(a.tag in _TEXT_BLOCKS for a in node.iterancestors()):
            continue  # its text is part of the enclosing block's
        if _is_link_list_item(node):
            if title_of_list:
                texts.pop()  # "Latest news" above the dropped list goes with it
                title_of_list = False
            continue
        for line in _lines(node):
            text = " ".join(line.split())
            if text:
                texts.append(text)
                title_of_list = _may_title_a_list(text)
    return texts


def _may_title_a_list(text: str) -> bool:
    """ "Latest news", "Most read": short, no colon (not "Source: X"), not a sentence."""
    return (
        len(text.split()) <= _MAX_LIST_TITLE_WORDS
        and len(text) <= _MAX_LIST_TITLE_CHARS  # Chinese and Japanese have no spaces
        and not any(c in text for c in ":：.!?؟。")
    )


def _is_link_list_item(node: etree._Element) -> bool:
    """A headline link with at most a date beside it: an entry of a list of other
    articles (a sidebar trafilatura kept), not a paragraph of this one."""
    if node.tag not in ("item", "p", "cell", "head"):
        return False
    text = "".join(node.itertext()).strip()
    if len(text) > _MAX_LIST_ITEM_CHARS:
        return False  # a linked paragraph of prose (a glossary box) is still prose
    linked = sum(len("".join(ref.itertext())) for ref in node.iter("ref"))
    return linked > 0 and linked >= _LINK_LIST_SHARE * len(text)


def _lines(node: etree._Element) -> list[str]:
    """The text of a node cut at its line breaks."""
    lines = [""]

    def walk(element: etree._Element, with_tail: bool) -> None:
        if element.tag == "lb":
            lines.append("")
        else:
            lines[-1] += element.text or ""
            for child in element:
                walk(child, True)
        if with_tail:
            lines[-1] += element.tail or ""

    walk(node, False)
    return lines


def _has_layout_table(root: etree._Element) -> bool:
    return any(
        table.find(".//table") is not None or _LAYOUT_CELL(table) for table in root.iter("table")
    )


def _unwrap_layout_tables(root: etree._Element) -> None:
    """Turn tables used for page layout into divs.

    trafilatura keeps tables as content, so on a legacy table-layout page it returns the
    whole page (menus and footer included). A table whose cells hold blocks (headings,
    paragraphs, divs, other tables) is layout, not data."""
    for table in list(root.iter("table")):
        if table.find(".//table") is None and not _LAYOUT_CELL(table):
            continue
        for node in [table, *table.iter("tbody", "thead", "tfoot", "tr", "td", "th")]:
            node.tag = "div"


def _break_blocks(root: etree._Element) -> list[etree._Element]:
    """Inline elements holding the article as text lines separated by ``<br>`` (legacy
    and ASP.NET templates: ``<span class="NewsText">para<br><br>para...</span>``), which
    trafilatura does not read as paragraphs: a block of prose with no block inside."""
    found = []
    for node in _BREAK_PARENTS(root):
        if node.find(".//p") is not None or _BLOCK_CHILD(node):
            continue
        own = (node.text or "") + "".join(child.tail or "" for child in node)
        if len(own.strip()) >= _MIN_BREAK_BLOCK_CHARS:
            found.append(node)
    return found


def _split_at_breaks(node: etree._Element) -> None:
    """Make a ``<br>``-separated block a div of paragraphs, inline markup kept."""
    paragraphs: list[etree._Element] = [etree.Element("p")]
    paragraphs[0].text = node.text
    for child in list(node):
        tail, child.tail = child.tail, None
        if child.tag == "br":
            paragraphs.append(etree.Element("p"))
            paragraphs[-1].text = tail
            continue
        current = paragraphs[-1]
        current.append(child)
        child.tail = tail
    node.text = None
    for child in list(node):
        node.remove(child)
    node.tag = "div"
    for paragraph in paragraphs:
        if (paragraph.text or "").strip() or len(paragraph):
            node.append(paragraph)


def _pruned_copy(root: etree._Element, exclude: list[HtmlElement]) -> etree._Element:
    """A copy of the page without the excluded nodes (found again in the copy by path)."""
    tree = root.getroottree()
    paths = {tree.getpath(node) for node in exclude}
    clone = deepcopy(root)
    # Find every node first: removing one would shift the index paths of its siblings.
    doomed = [node for path in paths for node in clone.xpath(path)]
    for node in doomed:
        _drop(node)
    return clone


def _drop(node: etree._Element) -> None:
    """Remove a node but keep its tail text (the text after it belongs to its parent)."""
    parent = node.getparent()
    if parent is None:
        return
    if node.tail:
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)
