from lxml.html import HtmlElement
from parsel import Selector

from newscrawl.extract.parts import RelatedEntry


def find_related(sel: Selector, url: str) -> list[RelatedEntry]:
    return []


def related_nodes(sel: Selector) -> list[HtmlElement]:
    return []
