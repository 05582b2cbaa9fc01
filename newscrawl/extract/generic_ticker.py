from lxml.html import HtmlElement
from parsel import Selector

from newscrawl.extract.parts import TickerEntry


def find_ticker(sel: Selector, url: str) -> list[TickerEntry]:
    return []


def ticker_nodes(sel: Selector) -> list[HtmlElement]:
    return []
