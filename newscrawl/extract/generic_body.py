"""Body paragraphs of the main article.

trafilatura finds the main-content container well on most layouts; what it lets through on
news pages of the region (the ticker, the related list, image captions, share bars) is
removed from a copy of the page before it runs, so nothing has to be guessed afterwards.
"""

from __future__ import annotations

import logging
import re
from copy import deepcopy

import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from parsel import Selector

logger = logging.getLogger(__name__)


# Class/id tokens of nodes that are never body text on a news page: captions and the
# widgets around the text. Matched as whole dash/underscore-separated parts of a token, so
# "share-bar" and "wp-caption-text" match and "shareable-content" does not.
_BOILERPLATE_TOKEN_RE = re.compile(
    r"(?:^|[-_])(?:share|sharing|sharedaddy|social|caption|outbrain|taboola|sponsored|promoted)"
    r"(?:$|[-_]|s$)",
    re.IGNORECASE,
)
_MAX_WIDGET_PARAGRAPHS = 3
_CLASSED = etree.XPath("//*[@class or @id][not(self::html or self::body or self::article)]")


def _is_boilerplate(node: etree._Element) -> bool:
    if node.tag == "figcaption":
        return True
    names = f"{node.get('class', '')} {node.get('id', '')}".split()
    if not any(_BOILERPLATE_TOKEN_RE.search(name) for name in names):
        return False
    # A wrapper named after its share bar can hold the whole article: never drop prose.
    return len(node.findall(".//p")) < _MAX_WIDGET_PARAGRAPHS


def body_paragraphs(sel: Selector, url: str, exclude: list[HtmlElement]) -> list[str]:
    """Body paragraph texts, in order, from a copy of the page without ``exclude``."""
    root = sel.root
    if not isinstance(root, etree._Element):
        return []
    clone = _pruned_copy(root, exclude)
    for node in [n for n in _CLASSED(clone) if _is_boilerplate(n)] + clone.xpath("//figcaption"):
        _drop(node)
    doc = trafilatura.bare_extraction(
        clone, url=url, fast=False, include_comments=False, with_metadata=False
    )
    if doc is None or doc.body is None:
        return []
    return _tree_paragraphs(doc.body)


def _tree_paragraphs(body: etree._Element) -> list[str]:
    """One text per paragraph, heading, list item, quote or table cell of trafilatura's tree."""
    texts: list[str] = []
    for node in body.iter("p", "head", "item", "quote", "cell"):
        parent = node.getparent()
        if parent is not None and parent.tag in ("item", "quote", "cell"):
            continue
        text = " ".join("".join(node.itertext()).split())
        if text:
            texts.append(text)
    return texts


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
