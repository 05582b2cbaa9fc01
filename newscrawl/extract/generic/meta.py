"""Article metadata from the page head: <meta> tags, JSON-LD, canonical link, html lang.

These are the machine-readable statements a publisher makes about its own article; they are
the most reliable source for dates and the cleanest for title/summary/image/tags.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree
from parsel import Selector

from newscrawl.extract.generic.common import clean_text

logger = logging.getLogger(__name__)

# schema.org types that describe one article (NewsArticle and its relatives).
_ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "askpublicnewsarticle",
        "satiricalarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "reviewnewsarticle",
        "blogposting",
        "liveblogposting",
        "socialmediaposting",
        "scholarlyarticle",
        "techarticle",
        "report",
        "webpage",  # last resort only: ranked below the article types
    }
)
_JSON_TRAILING_COMMA_RE = re.compile(r",\s*([}\]])")

# Meta names in order of preference for each field (name or property, lower-cased).
PUBLISHED_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "publishdate",
    "pubdate",
    "publish-date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.created",
    "dc.date",
    "date",
    "article.published",
    "og:published_time",
    "published_time",
    "release_date",
)
MODIFIED_KEYS = (
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dcterms.modified",
    "last-modified",
    "lastmod",
)


@dataclass
class PageMeta:
    """What the head says about the article."""

    metas: dict[str, str] = field(default_factory=dict)
    ld: dict[str, Any] = field(default_factory=dict)  # the best article object of JSON-LD
    canonical: str | None = None
    language: str | None = None

    def meta(self, *keys: str) -> str | None:
        for key in keys:
            value = self.metas.get(key)
            if value:
                return value
        return None


_METAS = etree.XPath("//meta[@content]")
_LANG = etree.XPath("/html/@lang")
_CANONICAL = etree.XPath("//link[@rel='canonical']/@href")
_LD_BLOCKS = etree.XPath("//script[@type='application/ld+json']/text()")


def read_meta(sel: Selector) -> PageMeta:
    """Collect <meta> tags (first value wins), the JSON-LD article, canonical and lang."""
    root = sel.root
    if not isinstance(root, etree._Element):
        return PageMeta()
    metas: dict[str, str] = {}
    for node in _METAS(root):
        key = node.get("property") or node.get("name") or node.get("itemprop")
        value = clean_text(node.get("content"))
        if key and value:
            metas.setdefault(key.strip().lower(), value)
    langs = _LANG(root)
    lang = (langs[0] if langs else None) or metas.get("og:locale")
    canonicals = _CANONICAL(root)
    canonical = (canonicals[0] if canonicals else None) or metas.get("og:url")
    return PageMeta(
        metas=metas,
        ld=_best_ld_article(root),
        canonical=canonical.strip() if canonical else None,
        language=lang.strip().replace("_", "-") if lang and lang.strip() else None,
    )


def _load_json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        pass
    try:  # hand-written JSON-LD often has trailing commas
        return json.loads(_JSON_TRAILING_COMMA_RE.sub(r"\1", text))
    except ValueError:
        logger.debug("unreadable JSON-LD block")
        return None


def _walk(data: Any) -> Iterator[dict[str, Any]]:
    """Every JSON object in a JSON-LD block (top level, lists, @graph, mainEntity)."""
    if isinstance(data, list):
        for item in data:
            yield from _walk(item)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
            if isinstance(data.get(key), (list, dict)):
                yield from _walk(data[key])


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type", ())
    kinds = [kind] if isinstance(kind, str) else kind if isinstance(kind, list) else []
    return {str(k).lower() for k in kinds}


def _best_ld_article(root: etree._Element) -> dict[str, Any]:
    """The JSON-LD object most likely to describe this page's article."""
    best: dict[str, Any] = {}
    best_rank = -1
    for block in _LD_BLOCKS(root):
        for obj in _walk(_load_json(block.strip())):
            kinds = _types(obj) & _ARTICLE_TYPES
            if not kinds:
                continue
            rank = 0 if kinds == {"webpage"} else 2 if obj.get("headline") else 1
            if rank > best_rank:
                best, best_rank = obj, rank
    return best


def ld_text(ld: dict[str, Any], key: str) -> str | None:
    """A string property of a JSON-LD object (first of a list)."""
    value = ld.get(key)
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("url") or value.get("@id")
    return clean_text(str(value)) if isinstance(value, (str, int, float)) and value else None


def ld_names(ld: dict[str, Any], key: str) -> list[str]:
    """Names of the people in a JSON-LD property (author, creator)."""
    value = ld.get(key)
    items = value if isinstance(value, list) else [value] if value else []
    names: list[str] = []
    for item in items:
        if isinstance(item, dict):
            name = item.get("name")
            if isinstance(name, list):
                name = name[0] if name else None
        else:
            name = item
        text = clean_text(str(name)) if isinstance(name, str) else ""
        if text and text not in names:
            names.append(text)
    return names


def ld_list(ld: dict[str, Any], key: str) -> list[str]:
    """A list property of a JSON-LD object, also given as a comma-separated string."""
    value = ld.get(key)
    if isinstance(value, str):
        items: list[Any] = value.split(",")
    elif isinstance(value, list):
        items = value
    else:
        return []
    return [clean_text(str(item)) for item in items if isinstance(item, str) and item.strip()]


def ld_image(ld: dict[str, Any]) -> str | None:
    value = ld.get("image")
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("url") or value.get("contentUrl")
    return value.strip() if isinstance(value, str) and value.strip() else None
