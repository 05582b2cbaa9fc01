"""Class and id names that hint at what a box of a news page is.

Themes and CMSs name their boxes in English whatever the page's language ("ticker",
"breaking-news", "related-posts", "most-read"), with a few transliterations (``3ajel``,
``akhbar``). These names are hints, never proof: a box named "related" on one site is the
latest news of the section on another, so the detectors use them only with other evidence
(a visible label from :mod:`newscrawl.vocab.labels`, the box's place on the page, its
entries).

Each kind is a regular expression over the ``"class id"`` string of an element (or a set
of whole class tokens); :data:`TICKER_NAME_HINTS` holds lower-case substrings every ticker
name contains, so that the page's named elements can be pre-filtered
(:meth:`newscrawl.extract.generic.common.PageIndex.named_with`) before the expressions
run.
"""

from __future__ import annotations

import re

__all__ = [
    "COMMENTS_NAME_RE",
    "DATE_NAME_RE",
    "LIST_NAME_RE",
    "MENU_NAME_RE",
    "MENU_TOKENS",
    "NOT_TICKER_NAME_RE",
    "SECTION_NAME_RE",
    "SPONSORED_NAME_RE",
    "TICKER_NAME_HINTS",
    "TICKER_STRONG_NAME_RE",
    "TICKER_WEAK_NAME_RE",
    "UNRELATED_NAME_RE",
]

# --- ticker ------------------------------------------------------------------------------

# Names of a breaking-news bar.
TICKER_STRONG_NAME_RE = re.compile(
    r"ticker|breaking|urgent|news-?bar|marquee|newsflash|flash-?news|news-?flash|scroll-?news"
    r"|news-?scroll|headline-?bar|headlines-?bar|last-?minute|ultima-?hora|eilmeld|sondakika"
    r"|son-?dakika|3ajel|ajel\b|akhbar-?3ajel|sokuho",
    re.IGNORECASE,
)
# Names that also fit a "latest posts" sidebar or a teaser slider: only above the headline.
TICKER_WEAK_NAME_RE = re.compile(
    r"latest|flash|scroll|last-?news|akhbar|headlines|slider-?news|just-?in", re.I
)
TICKER_NAME_HINTS = (
    "ticker",
    "breaking",
    "urgent",
    "bar",
    "marquee",
    "flash",
    "scroll",
    "headline",
    "minute",
    "hora",
    "eilmeld",
    "dakika",
    "ajel",
    "sokuho",
    "latest",
    "last",
    "akhbar",
    "slider",
    "just",
)
# Boxes that are not a ticker even when they sit above the headline or scroll: lists of
# the most read, trends and topics, share bars, promotions, markets and weather. (Menus
# are told by :data:`MENU_NAME_RE`.)
NOT_TICKER_NAME_RE = re.compile(
    r"most|popular|trending|trend|(?:^|[\s_-])tags?(?:$|[\s_-])|topic|social|share|related"
    r"|comment|sponsor|promo|advert|subscri|stock|market|weather|currency|exchange|quote"
    r"|score|cookie|consent",
    re.IGNORECASE,
)

# Menus, footers and sidebars: whole class/id words ("main-menu", not "navigator-headline").
MENU_NAME_RE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|main-menu|footer|site-footer|sidebar"
    r"|breadcrumbs?)(?:$|[\s_-])",
    re.IGNORECASE,
)

# Whole class tokens (or tags) of the site's menus and footer: a list there is navigation
# (an "article-footer" is the article's, not the page's).
MENU_TOKENS = frozenset(
    {
        "nav",
        "navbar",
        "navigation",
        "menu",
        "main-menu",
        "mega-menu",
        "megamenu",
        "site-nav",
        "footer",
        "site-footer",
        "page-footer",
        "global-footer",
        "breadcrumb",
        "breadcrumbs",
    }
)
# Readers' comments: prose, but not the article's.
COMMENTS_NAME_RE = re.compile(r"comment|disqus|viafoura|discussion|forum", re.IGNORECASE)

# --- related news ---------------------------------------------------------------------------

# Names of boxes that are never related news, whatever else they are named.
UNRELATED_NAME_RE = re.compile(
    r"most-?read|mostread|most-?viewed|most-?popular|popular|trending|latest|recent|newest"
    r"|read-?next|recirc|up-?next|next-?(?:post|article|story)|more-?stories"
    r"|(?:^|[\s_-])tags?(?:$|[\s_-])|tag-?list|topics|keywords|author|video",
    re.IGNORECASE,
)
# Sponsored widgets and advertising slots.
SPONSORED_NAME_RE = re.compile(
    r"outbrain|taboola|sponsor|promoted|revcontent|mgid|zergnet|dianomi|plista|ligatus|adup"
    r"|advertorial|(?:^|[\s_-])ads?(?:$|[\s_-])",
    re.IGNORECASE,
)
# A container for a list of articles: with no link in it, a list still to be filled.
LIST_NAME_RE = re.compile(r"related|list|articles|posts|stories", re.IGNORECASE)
# The parts of an entry beside its headline: its section (category, kicker) and its date.
SECTION_NAME_RE = re.compile(r"categor|section|(?:^|[\s_-])cat(?:$|[\s_-])|kicker|rubric", re.I)
DATE_NAME_RE = re.compile(r"date|time|posted|published", re.IGNORECASE)
