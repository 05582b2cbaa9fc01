"""Small helpers shared by the generic detectors (text, URLs, class/id names)."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urljoin

from lxml import etree
from parsel import Selector

from newscrawl.vocab.classes import MENU_NAME_RE
from newscrawl.vocab.labels import label_key

_SPACE_RE = re.compile(r"\s+")
# Zero-width and bidi control characters (the Arabic letter mark U+061C and the word joiner
# U+2060 among them): Arabic pages are full of them and they make equal strings unequal.
_INVISIBLE_RE = re.compile(
    "[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u061c\ufeff\u00ad]"
)
_SCHEMES_KEPT = ("http:", "https:")
_BOILERPLATE_TAGS = frozenset({"nav", "footer", "aside"})
_PAGE_TAGS = frozenset({"body", "html"})
# Named menus, footers and sidebars (whole class/id words, not "navigator-headline"): one
# vocabulary with the detectors.
_BOILERPLATE_NAME_RE = MENU_NAME_RE
_HAS_CODE = etree.XPath("boolean(.//script or .//style)")
_VISIBLE_TEXTS = etree.XPath(".//text()[not(ancestor::script or ancestor::style)]")
_STRING = etree.XPath("string(.)")
_ARTICLE_H1 = etree.XPath("//article//h1 | //main//h1")
_ANY_H1 = etree.XPath("//h1")
_MIN_H1_CHARS = 3


def clean_text(text: str | None) -> str:
    """Collapse whitespace, drop invisible characters and NFC-normalize."""
    if not text:
        return ""
    text = _INVISIBLE_RE.sub("", text)
    return unicodedata.normalize("NFC", _SPACE_RE.sub(" ", text)).strip()


def node_text(sel: Selector) -> str:
    """Visible text of a node (scripts and styles excluded), whitespace-normalized."""
    parts = sel.xpath(
        ".//text()[not(ancestor::script) and not(ancestor::style) and not(ancestor::noscript)]"
    ).getall()
    return clean_text(" ".join(parts))


def base_url(sel: Selector, url: str) -> str:
    """The URL relative links resolve against: ``<base href>`` (itself resolved) or url."""
    href = sel.xpath("//head/base/@href | //base/@href").get()
    return urljoin(url, href.strip()) if href and href.strip() else url


def absolute_url(base: str, href: str | None) -> str | None:
    """Resolve href against base; None for empty, fragment-only and javascript: links."""
    if not href:
        return None
    href = href.strip()
    if not href or href.startswith("#"):
        return None
    resolved = urljoin(base, href)
    if not resolved.lower().startswith(_SCHEMES_KEPT):
        return None
    return resolved


def el_text(node: etree._Element | None) -> str:
    """Visible text of an lxml element, whitespace-normalized (inline tags join words)."""
    if node is None or not isinstance(node.tag, str):  # comments, processing instructions
        return ""
    if _HAS_CODE(node):
        return clean_text("".join(_VISIBLE_TEXTS(node)))
    return clean_text(_STRING(node))


_BLOCK_TAGS = frozenset(
    {
        "div",
        "p",
        "ul",
        "ol",
        "table",
        "section",
        "article",
        "figure",
        "header",
        "footer",
        "aside",
        "nav",
        "form",
        "blockquote",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "main",
    }
)


def heading_text(node: etree._Element) -> str:
    """A heading's own text: inline content up to the first block inside it. An unclosed
    ``<h1>`` swallows the date line and the body in the parsed tree; those are blocks."""
    parts = [node.text or ""]
    for child in node:
        if isinstance(child.tag, str) and child.tag in _BLOCK_TAGS:
            break
        parts.append(el_text(child) if isinstance(child.tag, str) else "")
        parts.append(child.tail or "")
    return clean_text("".join(parts)) if len(node) else clean_text(node.text)


def is_inside(node: etree._Element, ancestor: etree._Element) -> bool:
    """Whether ``ancestor`` is a proper ancestor of ``node``."""
    return any(parent is ancestor for parent in node.iterancestors())


def in_boilerplate(node: etree._Element) -> bool:
    """Inside a <nav>, <footer> or <aside> (menus, footers, sidebars), or a named one.

    Not <body>/<html>: their classes describe the page's layout ("one-sidebar
    sidebar-second" on every Drupal page), not a box the node is in."""
    for parent in (node, *node.iterancestors()):
        if parent.tag in _PAGE_TAGS:
            break
        if parent.tag in _BOILERPLATE_TAGS:
            return True
        names = f"{parent.get('class', '')} {parent.get('id', '')}"
        if _BOILERPLATE_NAME_RE.search(names):
            return True
    return False


# Comment threads carry readers' names and dates ("comment", "disqus", "reply", "تعليق");
# captions the date and credit of a photo.
_NOT_ARTICLE_NAME_RE = re.compile(r"comment|disqus|reply|respond|تعليق|caption", re.IGNORECASE)
_NOT_ARTICLE_TAGS = frozenset({"figcaption", "caption"})


def outside_article(node: etree._Element | None, not_article: set[etree._Element]) -> bool:
    """Inside the ticker or a related list (``not_article``), the comments, a caption, a
    menu, footer or sidebar: nothing there states a fact of the article."""
    if node is None:
        return False
    for parent in (node, *node.iterancestors()):
        if parent.tag in _PAGE_TAGS:
            break
        if parent in not_article or parent.tag in _NOT_ARTICLE_TAGS:
            return True
        if _NOT_ARTICLE_NAME_RE.search(f"{parent.get('class', '')} {parent.get('id', '')}"):
            return True
    return in_boilerplate(node)


def h1_candidates(root: etree._Element) -> list[etree._Element]:
    """The h1s of the page, those inside <article>/<main> first (a logo is often an h1)."""
    inside = _ARTICLE_H1(root)
    return [*inside, *(h for h in _ANY_H1(root) if h not in inside)]


def main_h1(root: etree._Element, site_names: tuple[str, ...] = ()) -> etree._Element | None:
    """The article's h1: the first with real text that is not the site's name."""
    names = {clean_text(name).casefold() for name in site_names}
    for node in h1_candidates(root):
        text = el_text(node)
        if len(text) > _MIN_H1_CHARS and text.casefold() not in names:
            return node
    return None


def elements_above(root: etree._Element, h1: etree._Element | None) -> set[etree._Element]:
    """Every element that starts before the h1 in document order (empty without h1)."""
    above: set[etree._Element] = set()
    if h1 is None:
        return above
    for node in root.iter():
        if node is h1:
            break
        above.add(node)
    return above


@dataclass
class PageIndex:
    """One pass over the page, shared by the detectors (each would otherwise walk it)."""

    root: etree._Element
    named: list[tuple[etree._Element, str]]  # (element, "class id") for named elements
    texts: list[tuple[etree._Element, str]]  # (element, own text) for short own texts
    _blobs: dict[str, tuple[str, list[int]]] = field(default_factory=dict)
    # Several detectors ask for the same words (the section finder once per level it climbs).
    _found: dict[tuple[str, tuple[str, ...]], list[tuple[etree._Element, str]]] = field(
        default_factory=dict
    )

    @cached_property
    def label_keys(self) -> list[str]:
        """:func:`newscrawl.vocab.labels.label_key` of each of :attr:`texts` (the ticker and
        the related detectors both read every short text as a possible label)."""
        return [label_key(text) for _, text in self.texts]

    def named_with(self, words: tuple[str, ...]) -> list[tuple[etree._Element, str]]:
        """Named elements whose class/id contains one of the lower-case words, in order."""
        return self._with("named", self.named, words)

    def texts_with(self, words: tuple[str, ...]) -> list[tuple[etree._Element, str]]:
        """Elements whose own short text contains one of the lower-case words, in order."""
        return self._with("texts", self.texts, words)

    def _with(
        self, kind: str, items: list[tuple[etree._Element, str]], words: tuple[str, ...]
    ) -> list[tuple[etree._Element, str]]:
        # Substring search over all strings joined (str.find runs in C) instead of a regex
        # per element: pages have thousands of named elements and few candidates. Callers
        # check the candidates with their exact regex.
        key = (kind, words)
        if key in self._found:
            return self._found[key]
        if kind not in self._blobs:
            starts: list[int] = []
            position = 0
            for _, value in items:
                starts.append(position)
                position += len(value) + 1
            blob = "\n".join(value for _, value in items).lower()
            self._blobs[kind] = (blob, starts)
        blob, starts = self._blobs[kind]
        hits: set[int] = set()
        for word in words:
            at = blob.find(word)
            while at != -1:
                index = bisect_right(starts, at) - 1
                hits.add(index)
                # Skip to the next item: one hit per item is enough.
                next_start = starts[index + 1] if index + 1 < len(starts) else len(blob)
                at = blob.find(word, next_start)
        self._found[key] = [items[i] for i in sorted(hits)]
        return self._found[key]


_INDEX_SKIP = frozenset({"script", "style", "noscript", "head", "title", "meta", "link"})
_MAX_INDEXED_TEXT = 200


def build_index(root: etree._Element) -> PageIndex:
    """Named elements and short text-bearing elements of the page, in document order
    (built once per page: :attr:`newscrawl.extract.page.Page.index`)."""
    named: list[tuple[etree._Element, str]] = []
    texts: list[tuple[etree._Element, str]] = []
    for node in root.iter():
        tag = node.tag
        if not isinstance(tag, str) or tag in _INDEX_SKIP:
            continue
        cls, ident = node.get("class"), node.get("id")
        if cls or ident:
            named.append((node, f"{cls or ''} {ident or ''}".replace("\n", " ")))
        text = node.text
        if text and len(text) < _MAX_INDEXED_TEXT and not text.isspace():
            texts.append((node, text.replace("\n", " ")))
    return PageIndex(root, named, texts)
