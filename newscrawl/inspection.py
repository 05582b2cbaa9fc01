"""What is wrong with a page before it is read: broken markup and doubtful encodings, counted.

Regional sites serve truncated pages, unclosed tags, pages without ``<body>``, two
``<h1>``, pages labelled UTF-8 that are windows-1256, pages that declare no charset at all,
a byte-order mark that contradicts the header, invalid byte sequences, and headlines full
of bidi controls. Extraction copes with all of them (:mod:`newscrawl.extract` decodes like
a browser and cleans text); :class:`PageInspection`, a spider middleware, makes them
visible: one stats key per finding (``newscrawl/markup/<kind>``,
``newscrawl/encoding/<kind>``), one log line per kind with the first page it was seen on.

One finding stops a page: markup nested deeper than ``NEWSCRAWL_MAX_NESTING`` levels (5 MB
of nested ``<div>``). libxml2, under lxml and parsel, keeps about 2,000 levels and drops
whatever is deeper, so the page's tree is not the page: its fields would be read from what
is left (a body made of the headline, say). Such a page is not read; it goes to the failures
file as ``markup_too_deep``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse, XmlResponse
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom

from newscrawl.failures import Refused

logger = logging.getLogger(__name__)

# Elements whose end tag is never implied by what follows: an unclosed one nests everything
# after it, in libxml2 as in a browser. (<p>, <li>, <td>... close themselves.)
_NESTING = (
    b"div|span|section|article|aside|nav|header|footer|main|table|ul|ol|dl|form|font|b|i|u"
    b"|em|strong|a|blockquote|center|figure|small|big|sub|sup|label|select|fieldset"
)
_TAG_RE = re.compile(rb"<(/?)(" + _NESTING + rb")\b[^>]*?(/?)>", re.IGNORECASE)
_SCRIPT_RE = re.compile(rb"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_BODY_RE = re.compile(rb"<body[\s>]", re.IGNORECASE)
_END_RE = re.compile(rb"</html\s*>", re.IGNORECASE)
_H1_RE = re.compile(rb"<h1[\s>]", re.IGNORECASE)
_HEADLINE_RE = re.compile(rb"<(h1|title)\b[^>]*>(.*?)</\1\s*>", re.IGNORECASE | re.DOTALL)
# Bidi controls (U+061C, U+200E-F, U+202A-E, U+2066-9) and zero-width characters (U+200B-D,
# U+2060, U+FEFF), as UTF-8 bytes.
_INVISIBLE_UTF8 = re.compile(
    rb"\xd8\x9c|\xe2\x80[\x8b-\x8f\xaa-\xae]|\xe2\x81[\xa0\xa6-\xa9]|\xef\xbb\xbf"
)
_MAX_DAMAGED_CHARS = 8  # as newscrawl.extract.decode: more is a wrong label, fewer damage


class UnreadablePage(Refused):
    reason = "markup_too_deep"


@dataclass
class Findings:
    markup: list[str] = field(default_factory=list)
    encoding: list[str] = field(default_factory=list)
    depth: int = 0


def nesting(body: bytes) -> tuple[int, int]:
    """(deepest nesting, elements left open) of the never-self-closing elements."""
    depth = deepest = 0
    for closing, _, self_closing in _TAG_RE.findall(_SCRIPT_RE.sub(b"", body)):
        if closing:
            depth = max(depth - 1, 0)
        elif not self_closing:
            depth += 1
            deepest = max(deepest, depth)
    return deepest, depth


def inspect_markup(body: bytes, partial: bool = False) -> Findings:
    found = Findings()
    found.depth, left_open = nesting(body)
    if partial or not _END_RE.search(body[-4096:]):
        found.markup.append("truncated")
    if not _BODY_RE.search(body):
        found.markup.append("no_body")
    if left_open:
        found.markup.append("unclosed")
    if len(_H1_RE.findall(body)) > 1:
        found.markup.append("multiple_h1")
    if any(_INVISIBLE_UTF8.search(text) for _, text in _HEADLINE_RE.findall(body)):
        found.markup.append("invisible_marks")  # taken out of titles by extraction
    return found


def inspect_encoding(body: bytes, content_type: str | None) -> list[str]:
    header = http_content_type_encoding(content_type)
    bom, _ = read_bom(body)
    declared = header or html_body_declared_encoding(body)
    found = []
    if bom and header and bom.replace("-", "").lower() != header.replace("-", "").lower():
        found.append("bom_conflict")  # the BOM wins, as in a browser
    if not (bom or declared) and not body.isascii():
        found.append("undeclared")
    label = bom or declared
    if label and not bom:
        damaged = _damaged(body, label)
        if damaged > _MAX_DAMAGED_CHARS:
            found.append("mislabelled")
        elif damaged:
            found.append("invalid_bytes")
    return found


def _damaged(body: bytes, encoding: str) -> int:
    try:
        return body.decode(encoding, "replace").count("\ufffd")
    except LookupError:
        return 0


class PageInspection(BaseSpiderMiddleware):
    """Count what is wrong with each HTML page, and refuse the unreadable (see the module)."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.max_nesting = crawler.settings.getint("NEWSCRAWL_MAX_NESTING", 1000)
        self.logged: set[str] = set()

    def process_spider_input(self, response: Response) -> None:
        if not isinstance(response, TextResponse) or isinstance(response, XmlResponse):
            return
        ctype = response.headers.get(b"Content-Type")
        content_type = ctype.decode("latin-1") if ctype else None
        found = inspect_markup(response.body, partial="partial" in response.flags)
        for kind in found.markup:
            self._note(f"markup/{kind}", response.url)
        for kind in inspect_encoding(response.body, content_type):
            self._note(f"encoding/{kind}", response.url)
        if found.depth > self.max_nesting:
            self._note("markup/too_deep", response.url)
            raise UnreadablePage(
                f"markup nested {found.depth} levels deep (NEWSCRAWL_MAX_NESTING"
                f" {self.max_nesting}): the HTML parser would drop what is below"
            )

    def get_processed_item(self, item: Any, response: Response | None) -> Any:
        adapter = ItemAdapter(item)
        if adapter.get("type") == "article" and not adapter.get("body"):
            self._note("article/empty_body", adapter.get("url") or "")
        return item

    def _note(self, key: str, url: str) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"newscrawl/{key}")
        self._log_once(key, url)

    def _log_once(self, key: str, url: str | None) -> None:
        if key not in self.logged:
            self.logged.add(key)
            logger.info("%s: %s (first seen; counted in newscrawl/%s)", _WORDS[key], url, key)


_WORDS = {
    "markup/truncated": "page cut short (no </html>)",
    "markup/no_body": "page without <body>",
    "markup/unclosed": "page with unclosed elements",
    "markup/multiple_h1": "page with more than one <h1>",
    "markup/invisible_marks": "bidi or zero-width characters in a headline (stripped)",
    "markup/too_deep": "markup nested too deep to parse: page not read",
    "encoding/bom_conflict": "byte-order mark contradicts the declared charset (BOM used)",
    "encoding/undeclared": "page declares no charset (detected)",
    "encoding/mislabelled": "page not in the charset it declares (detected)",
    "encoding/invalid_bytes": "invalid byte sequences in the declared charset",
    "article/empty_body": "article with an empty body",
}
