"""The main article of a page without site knowledge.

Metadata comes from what the publisher states about the page (JSON-LD, <meta>) and from the
visible header (h1, date line, byline); the body from trafilatura's main-content extraction,
run on a copy of the page from which the ticker, the related list, captions and widgets were
removed first, then cleaned of the lines a news page puts around its paragraphs (credit,
byline, date, "Source: ..." attribution).
"""

from __future__ import annotations

import logging
import re

from lxml.html import HtmlElement
from parsel import Selector

from newscrawl.extract.generic_body import body_paragraphs
from newscrawl.extract.generic_common import absolute_url, base_url, clean_text, node_text
from newscrawl.extract.generic_dates import has_date, has_time, split_section_label
from newscrawl.extract.generic_meta import (
    MODIFIED_KEYS,
    PUBLISHED_KEYS,
    PageMeta,
    ld_image,
    ld_list,
    ld_names,
    ld_text,
    read_meta,
)
from newscrawl.extract.parts import ArticleParts

logger = logging.getLogger(__name__)

# Title suffix/prefix separators: "Title | Site", "Title - Site", "Site :: Title".
_TITLE_SEP_RE = re.compile(r"\s+(?:[|｜•·:]{1,2}|[-–—«»])\s+")
# "Source: Bloomberg", "المصدر: وكالة سبأ", "(Source: Reuters)".
_SOURCE_RE = re.compile(
    r"^\(?\s*(?:source|sources|المصدر|مصدر)\s*[:：]\s*(?P<name>[^()]{2,80}?)\s*\)?\.?$",
    re.IGNORECASE,
)
_BYLINE_RE = re.compile(
    r"^(?:by|written by|بقلم|كتب|كتبت|تقرير)\s*[:：]?\s+(?P<name>.{2,80})$", re.I
)
_SENTENCE_END_RE = re.compile(r"[.!?؟。！？]['\"”’»)]*$")
_KEYWORD_SPLIT_RE = re.compile(r"\s*[,،;]\s*")
_URLISH_RE = re.compile(r"^(?:https?:)?//|^www\.|\.\w{2,4}/")
_MAX_CREDIT_WORDS = 6
# Body sizes below which a page is not an article (a section front, an error page).
_MIN_STATED_CHARS = 80
_MIN_PROSE_CHARS = 350

_H1_XPATH = "//h1[not(ancestor::header[not(ancestor::article)]) or ancestor::article]"
_TIME_XPATH = "//time[@datetime]"
_BREADCRUMB_XPATH = (
    "//*[self::nav or self::ol or self::ul or self::div]"
    "[contains(translate(@class,'BREADCRUMB','breadcrumb'),'breadcrumb')"
    " or contains(translate(@id,'BREADCRUMB','breadcrumb'),'breadcrumb')"
    " or contains(@aria-label,'readcrumb')][1]//a"
)
_BYLINE_XPATH = (
    "//*[@rel='author' or @itemprop='author' or contains(@class,'byline')"
    " or contains(@class,'author-name') or contains(@class,'author__name')"
    " or contains(@class,'writer')][not(self::meta) and not(self::link)]"
)
_ARTICLE_OG_TYPES = frozenset({"article", "news", "newsarticle"})


def find_article(
    sel: Selector, url: str, exclude: list[HtmlElement] | None = None
) -> ArticleParts | None:
    """The page's main article, or None when the page is not an article.

    ``exclude`` are nodes that are not article body (the ticker and related containers
    found by the other detectors); they are removed before the body is extracted.
    """
    meta = read_meta(sel)
    base = base_url(sel, url)
    title = _title(sel, meta)
    date_line, line_section = _date_line(sel, title)
    parts = ArticleParts(
        title=title,
        section=line_section or _section(sel, meta),
        date_raw=_published(sel, meta, date_line),
        modified_raw=ld_text(meta.ld, "dateModified") or meta.meta(*MODIFIED_KEYS),
        authors=_authors(sel, meta),
        summary=meta.meta("og:description", "description", "twitter:description")
        or ld_text(meta.ld, "description"),
        image_url=absolute_url(base, meta.meta("og:image", "twitter:image") or ld_image(meta.ld)),
        tags=_tags(sel, meta),
        canonical_url=absolute_url(base, meta.canonical),
        language=meta.language,
    )
    paragraphs = body_paragraphs(sel, url, exclude or [])
    parts.paragraphs, parts.source = _clean_body(paragraphs, parts, date_line)
    if not _is_article(parts, meta):
        logger.debug("not an article: %s", url)
        return None
    return parts


# --- title -------------------------------------------------------------------------------


def _title(sel: Selector, meta: PageMeta) -> str | None:
    """The headline as shown (h1), else the stated title without the site name.

    When the stated title (og:title, JSON-LD headline) is the h1 with a kicker in front
    ("Kicker: Headline"), or the h1 is the stated title with a kicker in front, the stated
    one wins: publishers put their canonical headline there and decorate the h1.
    """
    site = meta.meta("og:site_name", "application-name")
    stated = meta.meta("og:title", "twitter:title") or ld_text(meta.ld, "headline")
    h1 = _main_h1(sel, site)
    if h1 and stated:
        a, b = _norm_title(h1), _norm_title(stated)
        if a != b and len(a) > 10 and len(b) > 10 and (b.endswith(a) or a.endswith(b)):
            return stated
        return h1
    if h1:
        return h1
    stated = stated or clean_text(sel.xpath("//title/text()").get())
    return _strip_site_name(stated, site) if stated else None


def _main_h1(sel: Selector, site: str | None) -> str | None:
    """The article's h1: the first in <article>/<main>, else the first that is not a logo."""
    nodes = sel.xpath("//article//h1 | //main//h1") or sel.xpath("//h1")
    for node in nodes:
        text = clean_text(node.xpath("string(.)").get())
        if text and (not site or _norm_title(text) != _norm_title(site)) and len(text) > 3:
            return text
    return None


def _norm_title(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


def _strip_site_name(title: str, site: str | None) -> str:
    """Drop " | Site name" (or "Site - ") when one side names the site or is much shorter."""
    pieces = _TITLE_SEP_RE.split(title)
    if len(pieces) < 2:
        return title
    site_norm = _norm_title(site) if site else ""
    first, last = pieces[0], pieces[-1]
    if site_norm and _norm_title(last) in (site_norm, site_norm.replace(" ", "")):
        return title[: title.rfind(last)].rstrip(" |-–—:•·«»｜")
    if site_norm and _norm_title(first) == site_norm:
        return title[len(first) :].lstrip(" |-–—:•·«»｜")
    if len(last.split()) <= 3 < len(title.split()) - len(last.split()):
        return title[: title.rfind(last)].rstrip(" |-–—:•·«»｜")
    return title


# --- dates, section, authors, tags ------------------------------------------------------


def _date_line(sel: Selector, title: str | None) -> tuple[str | None, str | None]:
    """The shown date line after the h1 (first short text with a date) and its label."""
    h1 = sel.xpath(_H1_XPATH)
    if not h1:
        return None, None
    texts = (
        h1[0]
        .xpath(
            "following::text()[normalize-space()][not(ancestor::script) and not(ancestor::style)]"
            "[position() <= 25]"
        )
        .getall()
    )
    for raw in texts:
        text = clean_text(raw)
        if 4 <= len(text) <= 90 and has_date(text) and text != title:
            section, rest = split_section_label(text)
            return rest, section
    return None, None


def _published(sel: Selector, meta: PageMeta, line: str | None) -> str | None:
    """The publication date: a stated timestamp beats the shown line, unless only the line
    carries the time of day."""
    stated = ld_text(meta.ld, "datePublished") or meta.meta(*PUBLISHED_KEYS)
    if not stated:
        stated = sel.xpath(_TIME_XPATH + "/@datetime").get()
    if stated and (has_time(stated) or not has_time(line)):
        return stated.strip()
    return line or (stated.strip() if stated else None)


def _section(sel: Selector, meta: PageMeta) -> str | None:
    section = meta.meta("article:section") or ld_text(meta.ld, "articleSection")
    if section:
        return section
    crumbs = [clean_text(t) for t in (node_text(a) for a in sel.xpath(_BREADCRUMB_XPATH))]
    crumbs = [c for c in crumbs if c and len(c) <= 40]
    return crumbs[-1] if len(crumbs) >= 2 else (crumbs[0] if crumbs else None)


def _authors(sel: Selector, meta: PageMeta) -> list[str]:
    names = ld_names(meta.ld, "author")
    if not names:
        stated = meta.meta("author", "article:author", "dc.creator", "sailthru.author")
        if stated and not _URLISH_RE.search(stated):
            names = [n for n in re.split(r"\s*(?:,|\band\b|،| و)\s*", stated) if n]
    if not names:
        for node in sel.xpath(_BYLINE_XPATH)[:3]:
            text = node_text(node)
            match = _BYLINE_RE.match(text)
            text = match.group("name") if match else text
            if text and len(text.split()) <= 6 and text not in names:
                names.append(text)
    return [n for n in (clean_text(x) for x in names) if n and not _URLISH_RE.search(n)]


def _tags(sel: Selector, meta: PageMeta) -> list[str]:
    tags = [clean_text(t) for t in sel.xpath("//meta[@property='article:tag']/@content").getall()]
    if not tags:
        tags = ld_list(meta.ld, "keywords")
    if not tags:
        tags = _KEYWORD_SPLIT_RE.split(meta.meta("keywords", "news_keywords") or "")
    seen: list[str] = []
    for tag in tags:
        if tag and tag not in seen:
            seen.append(tag)
    return seen


# --- body cleanup -------------------------------------------------------------------------


def _clean_body(
    paragraphs: list[str], parts: ArticleParts, date_line: str | None
) -> tuple[list[str], str | None]:
    """Drop the lines around the text (title, date, byline, credit) and take the source."""
    source = None
    kept: list[str] = []
    title = _norm_title(parts.title or "")
    authors = {_norm_title(a) for a in parts.authors}
    for text in paragraphs:
        norm = _norm_title(text)
        if not norm or norm == title or norm in authors:
            continue
        if date_line and date_line in text and len(text) < len(date_line) + 40:
            continue
        match = _SOURCE_RE.match(text)
        if match:
            source = match.group("name").strip()
            continue
        byline = _BYLINE_RE.match(text)
        if byline and len(text.split()) <= 8:
            if not parts.authors:
                parts.authors = [byline.group("name").strip()]
            continue
        if not kept and _is_credit_line(text):
            continue
        kept.append(text)
    return kept, source


def _is_credit_line(text: str) -> bool:
    """ "Yemen Youth Net: Follow-ups", "خاص: يمن شباب نت": a desk credit before the text."""
    return (
        (":" in text or "：" in text)
        and len(text.split()) <= _MAX_CREDIT_WORDS
        and not _SENTENCE_END_RE.search(text)
    )


def _is_article(parts: ArticleParts, meta: PageMeta) -> bool:
    """A page is an article when it says so (og:type / JSON-LD) and has some text, or when it
    has a title and a body of real prose. Counted in characters, not words: Chinese and
    Japanese do not separate words."""
    chars = sum(len(p) for p in parts.paragraphs)
    says_article = (meta.meta("og:type") or "").lower() in _ARTICLE_OG_TYPES or bool(meta.ld)
    return (says_article and chars >= _MIN_STATED_CHARS) or (
        parts.title is not None and chars >= _MIN_PROSE_CHARS
    )
