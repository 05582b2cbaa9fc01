"""Small text helpers shared by the profile and generic parsers."""

from __future__ import annotations

import re

from parsel import Selector, SelectorList

_SPACE = re.compile(r"\s+")
# Text of an element without the code it carries.
_TEXT_XPATH = ".//text()[not(ancestor::script or ancestor::style or ancestor::noscript)]"


def squash(text: str | None) -> str:
    """Collapse runs of white space (incl. NBSP) to one space and strip."""
    return _SPACE.sub(" ", text or "").strip()


def text_of(node: Selector | SelectorList) -> str:
    """The visible text of an element (or of the first of a list), white space collapsed."""
    if isinstance(node, SelectorList):
        if not node:
            return ""
        node = node[0]
    return squash("".join(node.xpath(_TEXT_XPATH).getall()))


# "By Jane Doe", "بقلم: د. فلان", "كتب/ فلان": the name is what follows the byline word.
_BYLINE = re.compile(
    r"^(?:by|written by|بقلم|كتب|كتبه|كتبت|إعداد|اعداد)\s*[:/：]?\s+", re.IGNORECASE
)


def author_name(text: str) -> str:
    """A byline reduced to the name(s) it gives."""
    return _BYLINE.sub("", squash(text)).strip()
