"""Page parts -> output records (the archive contract in :mod:`newscrawl.items`).

Pure functions: ids, content hashes and normalized dates are computed here, the same way
for a crawl and for :func:`newscrawl.extract_page`. Dates are read by
:meth:`SiteContext.read_date` (:mod:`newscrawl.dates` with the site's language, time zone and
date order); the raw text is always kept beside them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from w3lib.url import canonicalize_url

from newscrawl.dates import DateResult, parse_date
from newscrawl.extract.page import Note
from newscrawl.extract.parts import DATE_SOURCES, ArticleParts, DateCandidate, PageParts
from newscrawl.extract.text import squash
from newscrawl.items import ArticleItem, Record, RelatedLinkItem, TickerHeadlineItem
from newscrawl.sites.base import SiteProfile, compiled

_ARABIC_LETTER = re.compile(r"[\u0600-\u06FF]")
# A machine timestamp with its own UTC offset ("2024-12-11T12:21:00Z", "...+03:00"): exact
# whatever zone the site is thought to be in.
_EXPLICIT_OFFSET_RE = re.compile(
    r"\d[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})$"
)
# Any statement of its own zone: an offset, Z, GMT/UTC (RFC 822 feeds, "12:21 GMT").
_OWN_ZONE_RE = re.compile(r"\d(?::\d{2})*(?:\.\d+)?\s*(?:Z|[+-]\d{2}:?\d{2}|GMT|UTC)\b", re.I)
_OFFSET_RE = re.compile(r"\d:\d{2}(?::\d{2}(?:\.\d+)?)?\s*([+-])(\d{2}):?(\d{2})$")
_STATED_SOURCES = ("jsonld", "meta", "time")
_MAX_AGREEMENT = 1  # days: candidates further apart than this disagree (dates/conflict)
_LATIN_LETTER = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class SiteContext:
    """What records need to know of the site a page came from."""

    site: str  # host written in records
    # IANA zone the site prints its times in; None: unknown (a page without a profile).
    timezone: str | None = None
    language: str | None = None  # ISO 639-1; None: from the page
    date_order: str | None = None
    # Where the site's articles live, for ``target_id``: its origin (links on any of its
    # hosts, or on the mirror a crawl reads instead, are moved onto it), its hosts (empty:
    # the host in ``site``) and its article URL patterns (empty: any URL on the site).
    origin: str | None = None
    hosts: tuple[str, ...] = ()
    article_patterns: tuple[str, ...] = ()
    mirror: str | None = None  # the origin crawled instead of the real site (-a base_url)

    @classmethod
    def of(cls, profile: SiteProfile, mirror: str | None = None) -> SiteContext:
        return cls(
            profile.site,
            profile.timezone,
            profile.language,
            profile.date_order,
            origin=profile.base_url,
            hosts=profile.hosts,
            article_patterns=profile.article_patterns,
            mirror=mirror,
        )

    def target_id(self, url: str | None) -> str | None:
        """The id the article at ``url`` has (or gets) in the archive: :func:`article_id` of
        the link as the real site names it. None without a URL, off the site, or for a URL
        that is no article of the site (a section page, say): no article will have it."""
        if not url:
            return None
        parts = urlsplit(url)
        on_mirror = self.mirror is not None and _origin(parts) == self.mirror
        host = (parts.hostname or "").lower()
        if not on_mirror and host not in (self.hosts or (self.site,)):
            return None
        path = f"{parts.path}?{parts.query}" if parts.query else parts.path
        if self.article_patterns and not any(
            rx.search(path) for rx in compiled(self.article_patterns)
        ):
            return None
        if self.origin:  # one origin for all the site's hosts, as the spider rebases them
            real = urlsplit(self.origin)
            parts = parts._replace(scheme=real.scheme, netloc=real.netloc)
        return article_id(urlunsplit(parts._replace(fragment="")))

    def read_date(self, raw: str, now: datetime, language: str | None = None) -> DateResult:
        """A date shown on one of this site's pages, read in its language, zone and order.

        In an unknown zone a printed time is no exact instant: the date as printed is kept
        and ``published_at`` is stated only when the text carries its own offset."""
        result = parse_date(
            raw,
            language=language or self.language,
            timezone=self.timezone or _own_zone(raw),
            now=now,
            date_order=self.date_order,
        )
        if self.timezone is None and result.published_at and not _OWN_ZONE_RE.search(raw):
            return DateResult(None, result.published_date, result.reason)
        return result


def _own_zone(raw: str) -> str:
    """The zone a timestamp states itself in ("...T01:00:00+03:00": its local date is that
    day there, not in UTC), for reading it when the site's zone is unknown."""
    match = _OFFSET_RE.search(raw)
    if not match or match.group(3) != "00":
        return "UTC"
    hours = int(match.group(2)) * (1 if match.group(1) == "+" else -1)
    return f"Etc/GMT{-hours:+d}" if hours else "UTC"  # POSIX signs: Etc/GMT-3 is UTC+3


@dataclass
class PageRecords:
    """The records of one page, by kind (a page gives 0-1 article, N ticker, N related),
    and what is worth counting about them (dates read or not, and why)."""

    article: ArticleItem | None = None
    ticker: list[TickerHeadlineItem] = field(default_factory=list)
    related: list[RelatedLinkItem] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    def __iter__(self) -> Iterator[Record]:
        if self.article is not None:
            yield self.article
        yield from self.related
        yield from self.ticker


def stable_id(*parts: str) -> str:
    """16 hex digits of SHA-1 over the parts: the same input gives the same id on every run."""
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def article_id(canonical_url: str) -> str:
    return stable_id(canonicalize_url(canonical_url))


def content_hash(title: str, body: str) -> str:
    return "sha256:" + hashlib.sha256(f"{title}\n\n{body}".encode()).hexdigest()


def _origin(parts: Any) -> str:
    return f"{parts.scheme}://{parts.netloc}"


def utc_now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def build_records(
    parts: PageParts, ctx: SiteContext, *, now: datetime, crawled_at: str | None = None
) -> PageRecords:
    """All records of one page. ``now`` anchors relative dates ("منذ 3 ساعات")."""
    crawled_at = crawled_at or utc_now_iso()
    common: dict[str, Any] = {"site": ctx.site, "crawled_at": crawled_at}
    out = PageRecords()
    out.ticker = [
        TickerHeadlineItem(
            **common,
            id=stable_id(ctx.site, squash(t.title).casefold()),
            title=t.title,
            url=t.url,
            target_id=ctx.target_id(t.url),
            position=i,
            page_url=parts.url,
        )
        for i, t in enumerate(parts.ticker)
    ]
    if parts.article is None or not parts.article.title:
        return out
    out.article = _article(parts, parts.article, ctx, now, common, out.notes)
    out.related = [
        RelatedLinkItem(
            **common,
            article_id=out.article.id,
            page_url=parts.url,
            position=i,
            title=r.title,
            url=r.url,
            target_id=ctx.target_id(r.url),
            section=r.section,
            published_raw=r.date_raw,
            **_dates(r.date_raw, ctx, now, out.article.language, out.notes),
        )
        for i, r in enumerate(parts.related)
    ]
    return out


def _article(
    parts: PageParts,
    art: ArticleParts,
    ctx: SiteContext,
    now: datetime,
    common: dict,
    notes: list[Note],
) -> ArticleItem:
    canonical = art.canonical_url or parts.url
    language = ctx.language or art.language or guess_language(" ".join(art.paragraphs[:3]))
    body = "\n\n".join(art.paragraphs)
    modified = _dates(art.modified_raw, ctx, now, language, [])["published_at"]
    chosen, result = choose_published(art.dates, ctx, now, language, notes)
    return ArticleItem(
        **common,
        id=article_id(canonical),
        url=parts.url,
        canonical_url=canonical,
        language=language,
        section=art.section,
        title=art.title or "",
        published_at=result.published_at if result else None,
        published_date=result.published_date if result else None,
        published_raw=chosen.raw if chosen else None,
        published_source=chosen.source if chosen and result and result.published_date else None,
        modified_at=modified,
        authors=art.authors,
        source=art.source,
        body=body,
        summary=art.summary,
        image_url=art.image_url,
        tags=art.tags,
        content_hash=content_hash(art.title or "", body),
    )


def _dates(
    raw: str | None, ctx: SiteContext, now: datetime, language: str | None, notes: list[Note]
) -> dict:
    if not raw:
        return {"published_at": None, "published_date": None}
    result = ctx.read_date(raw, now, language)
    notes.append(_date_note(raw, result))
    return {"published_at": result.published_at, "published_date": result.published_date}


def _date_note(raw: str, result: DateResult) -> Note:
    if result.published_date:
        return Note("dates/normalized", raw)
    return Note(f"dates/{result.reason or 'unparsed'}", raw)


def choose_published(
    candidates: list[DateCandidate],
    ctx: SiteContext,
    now: datetime,
    language: str | None,
    notes: list[Note],
) -> tuple[DateCandidate | None, DateResult | None]:
    """The publication date the record states, from every place the page states one.

    Read in the site's language, zone and date order; among those that read, the most
    precise and most trusted: a machine timestamp with its own UTC offset (JSON-LD, meta,
    <time>), then any statement with a time of day (the visible line first), then
    date-only statements in the order of :data:`DATE_SOURCES`. So a visible date line with
    a time beats date-only metadata for the same day. Candidates more than a day away from
    the one chosen are counted (``dates/conflict``): one of them is wrong.
    """
    if not candidates:
        return None, None
    read = [(c, ctx.read_date(c.raw, now, language)) for c in candidates]
    valid = [(c, r) for c, r in read if r.published_date]
    if not valid:
        notes.append(_date_note(read[0][0].raw, read[0][1]))
        return read[0]
    chosen, result = min(valid, key=lambda pair: _rank(*pair))
    notes.append(_date_note(chosen.raw, result))
    assert result.published_date is not None
    day = date.fromisoformat(result.published_date)
    for other, other_result in valid:
        assert other_result.published_date is not None
        if abs((date.fromisoformat(other_result.published_date) - day).days) > _MAX_AGREEMENT:
            notes.append(
                Note(
                    "dates/conflict",
                    f"{chosen.source} {chosen.raw!r} vs {other.source} {other.raw!r}",
                )
            )
    return chosen, result


def _rank(candidate: DateCandidate, result: DateResult) -> tuple[int, int]:
    order = DATE_SOURCES.index(candidate.source)
    if result.published_at is None:
        return 3, order
    exact = candidate.source in _STATED_SOURCES and _EXPLICIT_OFFSET_RE.search(candidate.raw)
    if exact:
        return 0, order
    return (1 if candidate.source == "visible" else 2), order


def guess_language(text: str) -> str:
    """Last resort when neither the profile nor the page says: Arabic script or not."""
    arabic = len(_ARABIC_LETTER.findall(text))
    return "ar" if arabic > len(_LATIN_LETTER.findall(text)) else "en"
