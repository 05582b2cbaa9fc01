"""Small helpers shared by the generic detectors (text, URLs, class/id names)."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urljoin

from parsel import Selector

_SPACE_RE = re.compile(r"\s+")
# Zero-width and bidi control characters: Arabic pages are full of them and they make
# equal strings compare unequal.
_INVISIBLE_RE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad]")
_SCHEMES_KEPT = ("http:", "https:")


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


def names_of(sel: Selector) -> str:
    """Lower-cased class and id of a node, for matching words like ticker/related."""
    cls = sel.attrib.get("class", "")
    ident = sel.attrib.get("id", "")
    return f"{cls} {ident}".lower()


def word_count(text: str) -> int:
    """Words in a text (Arabic and Latin words alike are space-separated)."""
    return len(text.split())
