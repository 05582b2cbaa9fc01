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
from copy import deepcopy

from htmldate import find_date
from lxml import etree
from lxml.html import HtmlElement
from parsel import Selector

from newscrawl.extract.generic.body import body_paragraphs
from newscrawl.extract.generic.common import (
    absolute_url,
    base_url,
    clean_text,
    el_text,
    main_h1,
    node_text,
    page_index,
)
from newscrawl.extract.generic.dateline import has_date, has_time, split_section_label
from newscrawl.extract.generic.meta import (
    MODIFIED_KEYS,
    PUBLISHED_KEYS,
    PageMeta,
    ld_image,
    ld_list,
    ld_names,
    ld_text,
    read_meta,
)
from newscrawl.extract.lines import BYLINE_RE, SOURCE_LINE_RE
from newscrawl.extract.parts import ArticleParts

logger = logging.getLogger(__name__)

# Title suffix/prefix separators: "Title | Site", "Title - Site", "Site :: Title".
_SPACE_BEFORE_PUNCT_RE = re.compile(r"\s+([:;,!?])(?=\s|$)")
_SITE_SEPARATORS = "|｜-–—«»•·"  # not ":", which sets off a kicker
_TITLE_SEP_RE = re.compile(r"\s+(?:[|｜•·:]{1,2}|[-–—«»])\s+")
_SENTENCE_END_RE = re.compile(r"[.!?؟。！？]['\"”’»)]*$")
_NAME_SPLIT_RE = re.compile(r"\s*(?:,|\band\b|&|،|\sو\s)\s*")
_KEYWORD_SPLIT_RE = re.compile(r"\s*[,،;]\s*")
_URLISH_RE = re.compile(r"^(?:https?:)?//|^www\.|\.\w{2,4}/")
_MAX_CREDIT_WORDS = 6
_MIN_H1_WORDS = 3
_MIN_SUMMARY_WORDS = 4
_LINE_SPLIT_RE = re.compile(r"\n+|<br\s*/?>|</p>\s*<p>")
_STATED_BODY_RATIO = 0.5  # below this share of articleBody, the HTML body is incomplete
# Body sizes below which a page is not an article (a section front, an error page).
_MIN_STATED_CHARS = 80
_MIN_PROSE_CHARS = 350

# The first texts after the h1: where the date line of a news page is.
_FOLLOWING_TEXTS = etree.XPath(
    "following::text()[normalize-space()][not(ancestor::script or ancestor::style)]"
    "[position() <= 25]"
)
_MAX_DATE_LINE_CHARS = 90
_TIME_XPATH = "//time[@datetime]"
# "breadcrumb", "crumbs", and the "news_path" of legacy PHP templates.
_BREADCRUMB_RE = re.compile(r"breadcrumb|crumbs|(?:^|[\s_-])path(?:$|[\s_-])", re.IGNORECASE)
_BYLINE_XPATH = (
    "//*[@rel='author' or @itemprop='author' or contains(@class,'byline')"
    " or contains(@class,'author') or contains(@class,'writer')]"
    "[not(self::meta or self::link or self::body or self::article)]"
    "[string-length(normalize-space()) < 80]"
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
        summary=_summary(meta),
        image_url=absolute_url(base, meta.meta("og:image", "twitter:image") or ld_image(meta.ld)),
        tags=_tags(sel, meta),
        canonical_url=absolute_url(base, meta.canonical),
        language=meta.language,
    )
    paragraphs = _with_stated_body(body_paragraphs(sel, url, exclude or []), meta)
    parts.paragraphs, parts.source = _clean_body(paragraphs, parts, date_line)
    if not _is_article(parts, meta):
        logger.debug("not an article: %s", url)
        return None
    if parts.date_raw is None:
        parts.date_raw = _guessed_date(sel, url)
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
    if h1 and not (meta.language or "").lower().startswith("fr"):
        # "Kicker : Headline": the space comes from the markup between the kicker element
        # and the headline element (French typography is the one that wants it).
        h1 = _SPACE_BEFORE_PUNCT_RE.sub(r"\1", h1)
    if h1 and stated:
        a, b = _norm_title(h1), _norm_title(stated)
        if a != b and len(a) > 10 and len(b) > 10 and (b.endswith(a) or a.endswith(b)):
            return h1 if _extra_is_site_name(h1, stated) else stated
        if len(a.split()) < _MIN_H1_WORDS and not set(a.split()) & set(b.split()):
            return _strip_site_name(stated, site)  # the h1 is a page label ("Article")
        return h1
    if h1:
        return h1
    stated = stated or clean_text(sel.xpath("//title/text()").get())
    return _strip_site_name(stated, site) if stated else None


def _main_h1(sel: Selector, site: str | None) -> str | None:
    root = sel.root
    h1 = main_h1(root, site) if isinstance(root, etree._Element) else None
    return el_text(h1) if h1 is not None else None


def _extra_is_site_name(h1: str, stated: str) -> bool:
    """Whether what one title has more than the other is set off like a site name
    ("Site - Headline", "Headline | Site") rather than like a kicker ("Kicker: Headline")."""
    longer, shorter = (stated, h1) if len(stated) > len(h1) else (h1, stated)
    at = longer.find(shorter)
    extra = (longer[:at] if at > 0 else longer[len(shorter) :]).strip()
    return bool(extra) and (extra[-1] in _SITE_SEPARATORS or extra[0] in _SITE_SEPARATORS)


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
    """The shown date line after the h1 (first short text with a date) and its section label
    ("Arab| 4 January, 2025": one text, or a link and a span side by side)."""
    root = sel.root
    h1 = main_h1(root) if isinstance(root, etree._Element) else None
    if h1 is None:
        return None, None
    for raw in _FOLLOWING_TEXTS(h1):
        text = clean_text(raw)
        if 4 <= len(text) <= _MAX_DATE_LINE_CHARS and has_date(text) and text != title:
            section, rest = split_section_label(text)
            if section is None:
                section = _label_beside(raw, rest)
            return rest, section
    return None, None


def _label_beside(raw: object, date_text: str) -> str | None:
    """The section label in the line around a date element (``<a>Arab</a>| <span>date``)."""
    parent = getattr(raw, "getparent", lambda: None)()
    for _ in range(2):
        if parent is None:
            return None
        line = el_text(parent)
        if len(line) > _MAX_DATE_LINE_CHARS:
            return None
        section, rest = split_section_label(line)
        if section is not None and rest.endswith(date_text):
            return section
        parent = parent.getparent()
    return None


def _published(sel: Selector, meta: PageMeta, line: str | None) -> str | None:
    """The publication date: a stated timestamp beats the shown line, unless only the line
    carries the time of day."""
    stated = ld_text(meta.ld, "datePublished") or meta.meta(*PUBLISHED_KEYS)
    if not stated:
        stated = sel.xpath(_TIME_XPATH + "/@datetime").get()
    if stated and (has_time(stated) or not has_time(line)):
        return stated.strip()
    return line or (stated.strip() if stated else None)


def _guessed_date(sel: Selector, url: str) -> str | None:
    """Last resort: htmldate's search of the page (URL, scripts, text); YYYY-MM-DD only.

    Not the shown text, since the page shows none that we recognised."""
    root = sel.root
    if not isinstance(root, etree._Element):
        return None
    try:
        # htmldate cleans the tree it is given: let it have a copy.
        found = find_date(deepcopy(root), url=url, original_date=True, extensive_search=True)
    except (ValueError, TypeError):  # htmldate's own parsing failures
        return None
    return found if isinstance(found, str) else None


def _summary(meta: PageMeta) -> str | None:
    """The stated description, unless it is a stub ("| Lebanon News")."""
    for text in (
        meta.meta("og:description"),
        meta.meta("description"),
        meta.meta("twitter:description"),
        ld_text(meta.ld, "description"),
    ):
        if text and len(text.split()) >= _MIN_SUMMARY_WORDS:
            return text
    return None


def _section(sel: Selector, meta: PageMeta) -> str | None:
    section = meta.meta("article:section") or ld_text(meta.ld, "articleSection")
    if section:
        return section
    crumbs = [el_text(a) for a in _breadcrumb_links(sel)]
    crumbs = [c for c in crumbs if c and len(c) <= 40]
    return crumbs[-1] if len(crumbs) >= 2 else (crumbs[0] if crumbs else None)


def _breadcrumb_links(sel: Selector) -> list[HtmlElement]:
    """Links of the first element named breadcrumb (class, id)."""
    root = sel.root
    if not isinstance(root, etree._Element):
        return []
    for node, names in page_index(root).named_with(("crumb", "path")):
        if node.tag != "a" and _BREADCRUMB_RE.search(names):
            return list(node.iter("a"))
    return []


def _authors(sel: Selector, meta: PageMeta) -> list[str]:
    names = ld_names(meta.ld, "author")
    if not names:
        stated = meta.meta("author", "article:author", "dc.creator", "sailthru.author")
        if stated and not _URLISH_RE.search(stated):
            names = [n for n in _NAME_SPLIT_RE.split(stated) if n]
    if not names:
        names = _byline_names(sel)
    return [n for n in (clean_text(x) for x in names) if n and not _URLISH_RE.search(n)]


def _byline_names(sel: Selector) -> list[str]:
    """Names from the byline elements: "By A and B", or the text of an author link."""
    names: list[str] = []
    for node in sel.xpath(_BYLINE_XPATH)[:4]:
        text = node_text(node)
        match = BYLINE_RE.match(text)
        attrs = " ".join(node.xpath("@class | @rel | @itemprop").getall()).lower()
        if not match and "author" not in attrs and "writer" not in attrs:
            continue  # "byline-role", "byline-date": beside the name, not the name
        found = match.group("name") if match else text
        for name in _NAME_SPLIT_RE.split(found):
            if name and len(name.split()) <= 5 and name not in names:
                names.append(name)
    return names


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


# --- body cleanup ---


def _with_stated_body(paragraphs: list[str], meta: PageMeta) -> list[str]:
    """The JSON-LD articleBody when the page's HTML holds much less text than it.

    Script-rendered pages ship the text only in their data (JSON-LD, hydration state);
    the publisher's own articleBody is then the article."""
    stated = meta.ld.get("articleBody")
    if not isinstance(stated, str):
        return paragraphs
    lines = [clean_text(line) for line in _LINE_SPLIT_RE.split(stated)]
    lines = [line for line in lines if line]
    if sum(map(len, paragraphs)) < _STATED_BODY_RATIO * sum(map(len, lines)):
        return lines
    return paragraphs


# ---------------------------------------------------------------------------------------------


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
        match = SOURCE_LINE_RE.match(text)
        if match:
            source = match.group("name").strip()
            continue
        byline = BYLINE_RE.match(text)
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
        any(mark in text for mark in (":", "：", " - ", " – "))
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
