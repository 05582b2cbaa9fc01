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
from collections.abc import Callable
from typing import TYPE_CHECKING

from lxml import etree

from newscrawl.extract.generic.body import body_paragraphs
from newscrawl.extract.generic.common import (
    absolute_url,
    clean_text,
    el_text,
    heading_text,
    outside_article,
)
from newscrawl.extract.generic.meta import (
    MODIFIED_KEYS,
    PageMeta,
    ld_image,
    ld_list,
    ld_names,
    ld_text,
)
from newscrawl.extract.generic.published import (
    date_candidates,
    find_date_line,
    in_article,
    texts_near,
)
from newscrawl.extract.generic.related import related_nodes
from newscrawl.extract.generic.section import find_section
from newscrawl.extract.generic.ticker import ticker_nodes
from newscrawl.extract.lines import BYLINE_RE, SOURCE_LINE_RE
from newscrawl.extract.parts import ArticleParts

if TYPE_CHECKING:
    from newscrawl.extract.page import Page

logger = logging.getLogger(__name__)

# Title suffix/prefix separators: "Title | Site", "Title - Site", "Site :: Title".
_SPACE_BEFORE_PUNCT_RE = re.compile(r"\s+([:;,!?])(?=\s|$)")
_TITLE_STRIP = " |-–—:•·«»｜"
_MAX_STRIPS = 2
# A "paragraph" holding the whole headline and little else is the header run together.
_HEADER_EXTRA_CHARS = 160
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
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

# Byline elements: rel/itemprop author, or class/id naming an author, byline or writer
# (any case: "NewsWriter", "post-author"), found through the page index.
_SOURCE_HINTS = ("source", "مصدر", "المصدر")
_MAX_LABEL_CHARS = 12
_AUTHOR_ATTR = etree.XPath("//*[@rel='author' or @itemprop='author']")
_BYLINE_HINTS = ("author", "byline", "writer")
_NOT_BYLINE_TAGS = frozenset({"meta", "link", "body", "article", "html"})
_MAX_BYLINE_CHARS = 80
_ARTICLE_OG_TYPES = frozenset({"article", "news", "newsarticle"})


def find_article(page: Page) -> ArticleParts | None:
    """The page's main article, or None when the page is not an article.

    The ticker and the related list found by the other detectors are left out of the body
    (and their dates are never the article's).
    """
    meta = page.meta
    title, headline = _title(page)
    line = find_date_line(page, headline, title)
    parts = ArticleParts(
        title=title,
        section=line.section or find_section(page, headline),
        dates=date_candidates(page, line),
        modified_raw=ld_text(meta.ld, "dateModified") or meta.meta(*MODIFIED_KEYS),
        authors=_authors(page, headline),
        summary=_summary(meta),
        image_url=absolute_url(
            page.base, meta.meta("og:image", "twitter:image") or ld_image(meta.ld)
        ),
        tags=_tags(page),
        canonical_url=absolute_url(page.base, meta.canonical),
        language=meta.language,
    )
    exclude = ticker_nodes(page) + related_nodes(page)
    paragraphs = _with_stated_body(body_paragraphs(page, exclude), meta)
    parts.paragraphs, parts.source = _clean_body(paragraphs, parts, line.text)
    if parts.source is None:
        parts.source = _source_field(page)
    if not _is_article(parts, meta):
        logger.debug("not an article: %s", page.url)
        return None
    return parts


# --- title -------------------------------------------------------------------------------


def _title(page: Page) -> tuple[str | None, etree._Element | None]:
    """The headline as shown and the element showing it.

    The h1, unless the stated title (og:title, JSON-LD headline) is the h1 with a kicker in
    front ("Kicker: Headline"), or the h1 is the stated title with a kicker in front: then
    the stated one wins, as publishers put their canonical headline there and decorate the
    h1. Without an h1: the stated title (or ``<title>``) without the site's name, and the
    element that shows it when one does.
    """
    meta = page.meta
    stated = meta.meta("og:title", "twitter:title") or ld_text(meta.ld, "headline")
    h1 = heading_text(page.h1) if page.h1 is not None else None
    if h1 and not (meta.language or "").lower().startswith("fr"):
        # "Kicker : Headline": the space comes from the markup between the kicker element
        # and the headline element (French typography is the one that wants it).
        h1 = _SPACE_BEFORE_PUNCT_RE.sub(r"\1", h1)
    if h1 and stated:
        stated = _strip_site_name(stated, page.site_names)
        a, b = _norm_title(h1), _norm_title(stated)
        if a.replace(" ", "") == b.replace(" ", ""):
            # The same words: the stated text keeps the colon or space that the h1's markup
            # put in a separate box ("<span>Kicker</span>Headline") and plain quotes.
            return stated, page.h1
        if len(a) > 10 and len(b) > 10 and (b.endswith(a) or a.endswith(b)):
            return _without_kicker(h1, stated), page.h1
        if len(a.split()) < _MIN_H1_WORDS and not set(a.split()) & set(b.split()):
            return stated, _shown_as(page, stated)  # the h1 is a page label ("Article")
        return h1, page.h1
    if h1:
        return h1, page.h1
    for candidate in (stated, clean_text(page.sel.xpath("//title/text()").get())):
        if candidate:
            shown = _shown_piece(page, candidate)
            if shown is not None:
                return shown
            return _strip_site_name(candidate, page.site_names), None
    return None, None


def _without_kicker(h1: str, stated: str) -> str:
    """One title is the other with a kicker in front ("Minderheit in Syrien - Drusen ...",
    "MSV-Interimstrainer ...", "Neue Leipziger Schule: Judy Lybke ..."): the headline is
    the one without, unless that is too short to be one."""
    longer, shorter = (h1, stated) if len(h1) > len(stated) else (stated, h1)
    return shorter if len(shorter.split()) >= _MIN_H1_WORDS else longer


def _shown_piece(page: Page, stated: str) -> tuple[str, etree._Element] | None:
    """The longest run of a stated title's pieces that the page shows as a headline:
    "Site - Section - Headline" is shown as "Headline" (site name and section off)."""
    cuts = [0, *(m for sep in _TITLE_SEP_RE.finditer(stated) for m in sep.span()), len(stated)]
    starts, ends = cuts[0::2], cuts[1::2]
    runs = sorted(
        ((i, j) for i in range(len(starts)) for j in range(i, len(ends))),
        key=lambda run: run[0] - run[1],  # most pieces first
    )
    for i, j in runs:
        text = stated[starts[i] : ends[j]].strip()
        if len(text.split()) < _MIN_H1_WORDS:
            continue
        node = _shown_as(page, text)
        if node is not None:
            return el_text(node), node
    return None


def _shown_as(page: Page, title: str) -> etree._Element | None:
    """The element whose whole text is the headline (a legacy page's <td><b>, a theme's
    <div class="entry-title">), outside the ticker, related lists, menus and sidebars, not
    a link to another page; a heading when several show it."""
    key = _norm_title(title)
    if not key:
        return None
    found: list[tuple[int, int, etree._Element]] = []
    for order, (node, own_text) in enumerate(page.index.texts):
        own = _norm_title(own_text)
        if not own or not key.startswith(own) or _norm_title(el_text(node)) != key:
            continue
        while node.getparent() is not None and _norm_title(el_text(node.getparent())) == key:
            node = node.getparent()
        link = _link_of(node)
        if outside_article(node, page.not_article) or (link and not _to_itself(page, link)):
            continue  # a teaser, a ticker or a most-read entry linking to the article
        # A heading that is no link first; a sidebar may link the article to itself.
        rank = (0 if node.tag in _HEADING_TAGS else 1) + (2 if link else 0)
        found.append((rank, order, node))
    return min(found, key=lambda item: item[:2])[2] if found else None


def _link_of(node: etree._Element) -> str | None:
    for parent in (node, *node.iterancestors()):
        if parent.tag == "a":
            return parent.get("href") or ""
        if parent.tag in ("body", "html"):
            break
    return None


def _to_itself(page: Page, href: str) -> bool:
    url = absolute_url(page.base, href)
    return url is None or url.split("#")[0] in (page.url, page.meta.canonical)


def _norm_title(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


def _strip_site_name(title: str, site_names: tuple[str, ...]) -> str:
    """Drop " | Site name" (or "Site - ") when one end names the site or is much shorter;
    twice at most ("Headline | Site | by Author")."""
    names = {_norm_title(n).replace(" ", "") for n in site_names} - {""}
    for _ in range(_MAX_STRIPS):
        stripped = _strip_one(title, names)
        if stripped == title:
            break
        title = stripped
    return title


def _strip_one(title: str, names: set[str]) -> str:
    pieces = _TITLE_SEP_RE.split(title)
    if len(pieces) < 2:
        return title
    first, last = pieces[0], pieces[-1]
    if _norm_title(last).replace(" ", "") in names:
        return title[: title.rfind(last)].rstrip(_TITLE_STRIP)
    if _norm_title(first).replace(" ", "") in names:
        return title[len(first) :].lstrip(_TITLE_STRIP)
    if len(last.split()) <= 3 < len(title.split()) - len(last.split()):
        return title[: title.rfind(last)].rstrip(_TITLE_STRIP)
    return title


# --- section, authors, tags -------------------------------------------------------------


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


def _authors(page: Page, headline: etree._Element | None) -> list[str]:
    meta = page.meta
    names = ld_names(meta.ld, "author")
    if not names:
        stated = meta.meta("author", "article:author", "dc.creator", "sailthru.author")
        if stated and not _URLISH_RE.search(stated):
            names = [n for n in _NAME_SPLIT_RE.split(stated) if n]
    if not names:
        names = _byline_names(page)
    if not names:
        names = _credit_near(page, headline)
    return [n for n in (clean_text(x) for x in names) if n and not _URLISH_RE.search(n)]


def _credit_near(page: Page, headline: etree._Element | None) -> list[str]:
    """A byline or desk credit printed as a plain line by the headline (legacy templates
    name nothing): "بقلم/ فلان", "By Jane Doe", or the site's own name with a desk,
    "<site> - خاص", "<site>: Follow-ups" (the byline such pages show)."""
    for raw, text in texts_near(page, headline):
        if len(text.split()) > _MAX_CREDIT_WORDS + 2:
            continue
        byline = BYLINE_RE.match(text)
        if byline and in_article(page, raw):
            return [name for name in _NAME_SPLIT_RE.split(byline.group("name")) if name]
        if _is_desk_credit(text, page.site_names) and in_article(page, raw):
            return [text]
    return []


def _is_desk_credit(text: str, site_names: tuple[str, ...]) -> bool:
    pieces = _TITLE_SEP_RE.split(text) if " " in text else [text]
    pieces = pieces if len(pieces) > 1 else re.split(r"\s*[:：]\s*", text)
    if len(pieces) != 2:
        return False
    names = {_norm_title(n) for n in site_names}
    return any(_norm_title(piece) in names for piece in pieces) and _is_credit_line(text)


def _byline_names(page: Page) -> list[str]:
    """Names from the byline elements: "By A and B", or the text of an author link
    (not a commenter's name, nor a related entry's author)."""
    names: list[str] = []
    for node in _byline_nodes(page)[:4]:
        text = el_text(node)
        match = BYLINE_RE.match(text)
        attrs = f"{node.get('class', '')} {node.get('id', '')} {node.get('rel', '')}"
        attrs = f"{attrs} {node.get('itemprop', '')}".lower()
        if not match and "author" not in attrs and "writer" not in attrs:
            continue  # "byline-role", "byline-date": beside the name, not the name
        found = match.group("name") if match else text
        for name in _NAME_SPLIT_RE.split(found):
            if name and len(name.split()) <= 5 and name not in names:
                names.append(name)
    return names


def _byline_nodes(page: Page) -> list[etree._Element]:
    named = [node for node, _ in page.index.named_with(_BYLINE_HINTS)]
    nodes = sorted({*named, *_AUTHOR_ATTR(page.root)}, key=_document_order(page))
    return [
        node
        for node in nodes
        if node.tag not in _NOT_BYLINE_TAGS
        and 0 < len(el_text(node)) < _MAX_BYLINE_CHARS
        and not outside_article(node, page.not_article)
    ]


def _document_order(page: Page) -> Callable[[etree._Element], int]:
    order = {node: i for i, (node, _) in enumerate(page.index.named)}
    return lambda node: order.get(node, len(order))


def _tags(page: Page) -> list[str]:
    meta = page.meta
    tags = [
        clean_text(t) for t in page.sel.xpath("//meta[@property='article:tag']/@content").getall()
    ]
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
        if title and title in norm and len(norm) < len(title) + _HEADER_EXTRA_CHARS:
            continue  # the page's header run together (crumbs, headline, date line, credit)
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


def _source_field(page: Page) -> str | None:
    """An attribution set as a labelled field rather than a line of the text
    (``<div class="field-label">Source:</div><div>Bloomberg</div>``)."""
    for node, own_text in page.index.texts_with(_SOURCE_HINTS):
        label = clean_text(own_text)
        if len(label) > _MAX_LABEL_CHARS or el_text(node) != label:
            continue
        value = node.getnext()
        text = el_text(value) if value is not None else clean_text(node.tail)
        match = SOURCE_LINE_RE.match(f"{label} {text}") if text else None
        if match and not outside_article(node, page.not_article):
            return match.group("name").strip()
    return None


def _is_credit_line(text: str) -> bool:
    """ "<site>: Follow-ups", "خاص: <site>": a desk credit before the text."""
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
