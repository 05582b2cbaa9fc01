"""Text helpers of the profile parser, on top of the ones the generic detectors use, so both
paths clean text the same way (invisible bidi marks dropped, NFC, white space collapsed)."""

from __future__ import annotations

from parsel import Selector, SelectorList

from newscrawl.extract.generic.common import clean_text as squash
from newscrawl.extract.generic.common import el_text

__all__ = ["squash", "text_of"]


def text_of(node: Selector | SelectorList) -> str:
    """The visible text of an element (or of the first of a list), white space collapsed."""
    first = node if isinstance(node, Selector) else (node[0] if node else None)
    if first is None:
        return ""
    root = first.root
    return squash(root) if isinstance(root, str) else el_text(root)
