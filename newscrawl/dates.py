"""Date normalization for regional (Yemeni and Arab) news sites, in English and Arabic.

Pages print dates in local time, in many shapes: ``Arab| 11 December, 2024 - 3:21 PM``,
``الأحد 01 فبراير-شباط 2026 الساعة 05 مساءً``, ``منذ 3 ساعات``, a Hijri date beside the
Gregorian one, RSS ``Wed, 11 Dec 2024 12:21:00 GMT``... :func:`normalize_date` turns one of
them into ``{"published_at": <UTC ISO 8601 or None>, "published_date": <local YYYY-MM-DD or
None>}``; :func:`parse_date` returns the same plus the reason of a failure.

How: a fast path of our own (normalize digits/letters, take out the Hijri part, the time and
the date with a few regexes over the month names of every regional family, kept in
:mod:`newscrawl.vocab.months` and shared with the date-line finder), then dateparser as a
fallback for the shapes we do not know. dateparser alone is ~1 ms a call and misses most of
the Arabic forms above; the fast path is tens of microseconds.

Also read: ordinals set apart (``11 th December 2024``, ``11th, December 2024``), digits
glued to month names (``11ديسمبر2024``), a label in the other language (``نشر في: Dec 11,
2024``), spaced slashes (``6 / 6 / 2024م``), and Hijri-only dates with Arabic or
transliterated month names (``12 Rabi' al-Awwal 1446 AH``, ``17جمادى الثاني 1442هـ``),
converted with the Umm al-Qura calendar. A page printing both calendars is read by its
Gregorian date: Umm al-Qura can differ by a day from a country's sighting (Morocco...).

Rules the archive relies on:

* no time of day on the page -> ``published_at`` is None (never a made-up midnight);
* ``published_date`` is the calendar date in the *site* zone;
* an explicit offset (ISO ``+03:00``, RFC 822 ``GMT``/``+0300``, ``بتوقيت غرينتش``,
  ``بتوقيت مكة``) beats the site zone;
* local times that do not exist or exist twice at a DST change are read with ``fold=0``
  (zoneinfo's default: the offset in force *before* the change), so a nonexistent
  00:30 on a spring-forward night is read as standard time, and an ambiguous 23:30 on a
  fall-back night as the first (summer-time) occurrence. Sites do not say which one they
  meant; being consistent is all we can do;
* dates more than :data:`FUTURE_TOLERANCE` ahead of ``now`` or before 1990 are rejected.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from newscrawl.vocab import months

__all__ = [
    "FUTURE_TOLERANCE",
    "MIN_DATE",
    "REASONS",
    "DateResult",
    "normalize_date",
    "parse_date",
]

# A page stamp a little ahead of our clock is normal: the site's clock or its configured
# zone can be off by an hour or two (DST rules change with little notice in the region,
# e.g. Egypt 2023, Lebanon 2023), and a site may print the Mecca-time stamp while we file
# it under a UTC+2 zone. Three hours absorbs that; a whole day ahead is a wrong parse
# (e.g. a month/day swap) or a scheduled event date, not a publication time.
FUTURE_TOLERANCE = timedelta(hours=3)
# Nothing we archive predates the web-era news sites; an older year is a misread number.
MIN_DATE = date(1990, 1, 1)

# Failure reasons, used by the pipeline as stats keys (``newscrawl/dates/<reason>``).
REASONS = ("empty", "unparsed", "future", "too_old")


@dataclass(frozen=True, slots=True)
class DateResult:
    """A normalized date; ``reason`` says why both values are None (None on success)."""

    published_at: str | None
    published_date: str | None
    reason: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {"published_at": self.published_at, "published_date": self.published_date}


def normalize_date(
    raw: str,
    *,
    language: str | None,
    timezone: str,
    now: datetime | None = None,
    date_order: str | None = None,
) -> dict[str, str | None]:
    """``{"published_at": UTC ISO or None, "published_date": local date or None}``."""
    result = parse_date(raw, language=language, timezone=timezone, now=now, date_order=date_order)
    return result.as_dict()


# --------------------------------------------------------------------------- text cleanup

_ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"
_EASTERN_INDIC = "۰۱۲۳۴۵۶۷۸۹"
_CHAR_MAP: dict[int, str | None] = {
    **{ord(c): str(i) for i, c in enumerate(_ARABIC_INDIC)},
    **{ord(c): str(i) for i, c in enumerate(_EASTERN_INDIC)},
    **dict.fromkeys(map(ord, "،٬"), ","),
    ord("؛"): ";",
    **dict.fromkeys(map(ord, "–—−‐"), "-"),
    **dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u3000"), " "),
    # Invisible marks (bidi controls, zero-width joiners) that pages wrap around numbers.
    **dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u061c\u2066\u2067\u2068\u2069"), None),
    ord("\u0640"): None,  # tatweel: decorative stretching, "هـ" -> "ه"
    **dict.fromkeys(range(0x064B, 0x0653), None),  # harakat: "مساءً" -> "مساء"
    ord("\u0670"): None,
    # Spelling variants that sites mix freely: hamza seats, alef maqsura, Persian letters.
    **dict.fromkeys(map(ord, "أإآٱ"), "ا"),
    ord("ى"): "ي",
    ord("ی"): "ي",
    ord("ک"): "ك",
}
_SPACES = re.compile(r"\s+")
_ISO_T = re.compile(r"(?<=\d)t(?=\d)")  # "2024-12-11t15:21" -> a space, so \b works


def _light(raw: str) -> str:
    """Digits/punctuation/whitespace only: what we hand to dateparser."""
    return _SPACES.sub(" ", raw.translate(_CHAR_MAP)).strip()


def _norm(text: str) -> str:
    """Lowercased, alef/yeh-normalized text: what our regexes and tables match."""
    return _ISO_T.sub(" ", _light(text).lower())


# ----------------------------------------------------------------------------- tables

# Month names of every family (English, Egyptian, Levantine, Iraqi, Maghrebi, Hijri Arabic and
# transliterated) live in newscrawl.vocab.months, shared with the date-line finder.
_MON = months.gregorian_pattern()
_HMON = months.hijri_pattern()

# Zones named in the text ("بتوقيت مكة المكرمة", "بتوقيت غرينتش") beat the site zone.
_ZONE_WORDS_RAW = {
    "UTC": ("غرينتش", "غرينيتش", "جرينتش", "جرينيتش", "غرينش"),
    "Asia/Riyadh": ("مكة", "مكه", "الرياض", "السعودية"),
    "Asia/Aden": ("عدن", "صنعاء", "اليمن"),
    "Africa/Cairo": ("القاهرة", "مصر"),
    "Asia/Beirut": ("بيروت", "لبنان"),
    "Asia/Baghdad": ("بغداد", "العراق"),
    "Asia/Damascus": ("دمشق", "سوريا"),
    "Asia/Qatar": ("الدوحة", "قطر"),
    "Asia/Dubai": ("أبوظبي", "ابوظبي", "دبي", "الإمارات"),
    "Asia/Kuwait": ("الكويت",),
    "Africa/Casablanca": ("الرباط", "المغرب"),
}
_ZONE_WORDS = {_norm(w): zone for zone, words in _ZONE_WORDS_RAW.items() for w in words}

_AR_NUMBERS = {
    _norm(k): v
    for k, v in {
        "واحد": 1, "واحدة": 1, "اثنين": 2, "اثنان": 2, "ثلاث": 3, "ثلاثة": 3, "أربع": 4,
        "أربعة": 4, "خمس": 5, "خمسة": 5, "ست": 6, "ستة": 6, "سبع": 7, "سبعة": 7, "ثمان": 8,
        "ثماني": 8, "ثمانية": 8, "تسع": 9, "تسعة": 9, "عشر": 10, "عشرة": 10, "نصف": 0.5,
    }.items()
}  # fmt: skip
_EN_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "half an": 0.5, "half a": 0.5,
}  # fmt: skip
# unit word -> (unit, implied count when no number is given: Arabic duals mean 2).
_AR_UNITS = {
    _norm(k): v
    for k, v in {
        "ثانية": ("seconds", 1), "ثوان": ("seconds", 1), "ثواني": ("seconds", 1),
        "ثانيتين": ("seconds", 2), "ثانيتان": ("seconds", 2),
        "دقيقة": ("minutes", 1), "دقيقه": ("minutes", 1), "دقائق": ("minutes", 1),
        "دقيقتين": ("minutes", 2), "دقيقتان": ("minutes", 2),
        "ساعة": ("hours", 1), "ساعه": ("hours", 1), "ساعات": ("hours", 1),
        "ساعتين": ("hours", 2), "ساعتان": ("hours", 2),
        "يوم": ("days", 1), "أيام": ("days", 1), "يومين": ("days", 2), "يومان": ("days", 2),
        "أسبوع": ("weeks", 1), "أسابيع": ("weeks", 1), "أسبوعين": ("weeks", 2),
        "أسبوعان": ("weeks", 2),
    }.items()
}  # fmt: skip
_EN_UNITS = {
    "sec": "seconds", "secs": "seconds", "second": "seconds", "seconds": "seconds",
    "min": "minutes", "mins": "minutes", "minute": "minutes", "minutes": "minutes",
    "hr": "hours", "hrs": "hours", "hour": "hours", "hours": "hours",
    "day": "days", "days": "days", "week": "weeks", "weeks": "weeks",
}  # fmt: skip
# Relative day words -> days back from today (date only, unless a time is printed too).
_DAY_WORDS = {
    _norm(k): v
    for k, v in {
        "the day before yesterday": 2, "yesterday": 1, "today": 0,
        "أول من أمس": 2, "أول أمس": 2, "أمس": 1, "الأمس": 1, "البارحة": 1, "اليوم": 0,
    }.items()
}  # fmt: skip
_NOW_WORDS = ("just now", "right now", "الآن", "للتو", "قبل قليل", "منذ قليل", "منذ لحظات")


def _words(names: Mapping[str, object] | tuple[str, ...]) -> str:
    keys = [_norm(n) for n in names]
    return "|".join(
        re.escape(k).replace(r"\ ", r"\s+") for k in sorted(keys, key=len, reverse=True)
    )


# ---------------------------------------------------------------------------- regexes

_B = r"(?<!\w)"  # word start: \b is unreliable next to Arabic combining marks and digits
_E = r"(?!\w)"
# AM/PM markers. ص/م are single letters, so they only count right after a clock time.
_MARK = r"a\.?m\.?|p\.?m\.?|صباحا|صباح|ص|مساءا|مساء|م|ظهرا|الظهر|عصرا|ليلا|فجرا"
# Zone abbreviations that mean one offset only (IST, AST, CST are ambiguous: not here).
_ABBREVIATIONS = {"cest": 2, "cet": 1, "eest": 3, "eet": 2, "msk": 3, "bst": 1}
_TZ = r"z|(?:gmt|utc)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2}|" + "|".join(
    sorted(_ABBREVIATIONS, key=len, reverse=True)
)
_TIME = re.compile(
    rf"(?<![\d:])(?P<h>\d{{1,2}}):(?P<mi>\d{{2}})(?::(?P<s>\d{{2}})(?:[.,]\d+)?)?(?![\d:])"
    rf"(?:\s*(?P<ap>{_MARK}){_E})?(?:\s*(?P<tz>{_TZ}){_E})?"
)
# Hour only: "الساعة 05 مساءً", "3 PM", "5 مساء" (but never a bare "5 م": "2024 م" is a year).
_HOUR = re.compile(
    rf"(?:الساعة\s+(?P<h1>\d{{1,2}})(?!\d)\s*(?P<ap1>{_MARK})?{_E}"
    rf"|{_B}(?P<h2>\d{{1,2}})\s*(?P<ap2>a\.?m\.?|p\.?m\.?|صباحا|مساءا|مساء|ظهرا|عصرا|ليلا|فجرا){_E})"
)
# Month names may touch digits ("11December 2024", "11ديسمبر2024", "17جمادى الثاني") but
# never letters ("mar" is not in "market").
_MB = r"(?<![^\W\d])"
_ME = r"(?![^\W\d])"
# An English ordinal suffix, glued or set apart: "11th", "11 th" (never "11 thousand").
_ORD = r"(?:\s?(?:st|nd|rd|th)(?![a-z]))"
_MONTH_PAIR = rf"(?P<m>{_MON})\.?(?:\s*(?:[-/]\s*|\(\s*)(?P<m2>{_MON})\s*\)?)?"
# A comma between day and month only after an ordinal: "11th, December 2024".
_DMY_NAMED = re.compile(
    rf"(?<![\d/.:-])(?P<d>\d{{1,2}})(?:{_ORD}\s*,?)?\s*(?:of\s+|من\s+)?[-/]?\s*"
    rf"{_MB}{_MONTH_PAIR}{_ME}(?:\s*,?\s*[-/]?\s*(?P<y>\d{{4}}))?(?!\d)"
)
_MDY_NAMED = re.compile(
    rf"{_MB}{_MONTH_PAIR}{_ME}\s*(?P<d>\d{{1,2}}){_ORD}?(?![\d:])"
    rf"(?:\s*,?\s*(?P<y>\d{{4}}))?(?!\d)"
)
_YMD_NAMED = re.compile(
    rf"(?<![\d/.:-])(?P<y>\d{{4}})\s*,?\s*[-/]?\s*{_MB}{_MONTH_PAIR}{_ME}\s*[-/]?\s*"
    rf"(?P<d>\d{{1,2}})(?![\d:])"
)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
# "11/12/2024", "11.12.2024", "2024-12-11"; slashes may be spaced ("6 / 6 / 2024م",
# "٩ /١١ /١٤٤١هـ" on Saudi pages), dots and hyphens may not ("3 - 1" is a score).
_NUMERIC = re.compile(
    r"(?<![\d/.:-])(?P<a>\d{1,4})(?:(?P<s>[.-])|\s*/\s*)(?P<b>\d{1,2})(?(s)(?P=s)|\s*/\s*)"
    r"(?P<c>\d{4}|\d{1,2})(?![\d/.-]?\d)"
)
# Hijri dates. Years are 13xx/14xx, so "Ramadan 2025" keeps its Gregorian year. Markers:
# هـ (folded to ه), هجري, AH, A.H., or an H glued to the year ("1446H").
_HYEAR = r"1[34]\d\d(?!\d)"
_HMARK = r"(?:\s*(?:ه|هجري|هجرية|a\.?h\.?)|h)"
_HIJRI = re.compile(
    # "Rajab 12, 1446 AH"
    rf"{_MB}(?P<m2>{_HMON}){_ME}\s*(?P<d2>\d{{1,2}}){_ORD}?\s*,?\s*(?P<y2>{_HYEAR}){_HMARK}?{_E}"
    # "12 رجب 1446هـ", "12th of Rajab 1446 AH", "17جمادى الثاني 1442هـ", a month alone
    rf"|(?<!\d)(?:(?P<d>\d{{1,2}}){_ORD}?\s*(?:(?:day\s+)?of\s+)?[-/]?\s*)?{_MB}(?P<m>{_HMON}){_ME}"
    rf"\s*,?\s*[-/]?\s*(?:(?P<y>{_HYEAR}){_HMARK}?)?{_E}"
    # "1446/06/10 هـ", "١ /١١ /١٤٤٥هـ", "10/06/1446 AH"
    r"|(?<![\d/.-])(?:(?P<ny>\d{4})\s*[/.-]\s*(?P<nm>\d{1,2})\s*[/.-]\s*(?P<nd>\d{1,2})"
    r"|(?P<nd2>\d{1,2})\s*[/.-]\s*(?P<nm2>\d{1,2})\s*[/.-]\s*(?P<ny2>\d{4}))"
    rf"{_HMARK}(?!\w)"
    # a year alone with its marker: cut, never a date
    rf"|(?<!\d)\d{{4}}{_HMARK}(?!\w)"
)
_GREG_MARK = re.compile(r"(?<=\d{4})\s*م(?!\w)")  # "2024م" / "2024/12/11 م": Miladi year marker
_ZONE_NAMED = re.compile(rf"توقيت\s+(?:مدينة\s+)?(?P<z>{_words(tuple(_ZONE_WORDS))}){_E}")
_AR_REL = re.compile(
    rf"(?:منذ|قبل)\s+(?:(?P<n>\d+|{_words(_AR_NUMBERS)})\s+)?(?P<u>{_words(_AR_UNITS)}){_E}"
)
_EN_REL = re.compile(
    rf"{_B}(?P<n>\d+|{_words(_EN_NUMBERS)})\s+(?P<u>{_words(_EN_UNITS)})\s+ago{_E}"
)
_NOW_RE = re.compile(rf"{_B}(?:{_words(_NOW_WORDS)}){_E}|^\s*now\s*$")
# "اليوم" right after a word is part of a name ("اليمن اليوم"), not "today".
_TODAY = _norm("اليوم")
_DAY_RE = re.compile(
    rf"{_B}(?P<w>{_words(tuple(w for w in _DAY_WORDS if w != _TODAY))}){_E}"
    rf"|(?<![^\W\d_]\s){_B}(?P<w2>{_TODAY}){_E}"
)
_HAS_DIGIT = re.compile(r"\d")


# ---------------------------------------------------------------------------- parsing


@dataclass(slots=True)
class _Time:
    hour: int
    minute: int
    second: int
    tz: tzinfo | None  # an offset printed with the time


def parse_date(
    raw: str | None,
    *,
    language: str | None,
    timezone: str,
    now: datetime | None = None,
    date_order: str | None = None,
) -> DateResult:
    """Normalize one date string; on failure ``reason`` is one of :data:`REASONS`."""
    if raw is None or not raw.strip():
        return DateResult(None, None, "empty")
    site = _zone(timezone)
    now = _aware_now(now)
    text = _norm(raw)
    zone = _named_zone(text) or site
    text, hijri = _take_hijri(text)
    text, clock = _take_time(text)
    text = _GREG_MARK.sub(" ", text)
    day = _find_date(text, date_order, now.astimezone(site).date())
    if day is not None:
        return _finish(_combine(day, clock, zone), site, now)
    # Relative forms only when no absolute date is printed ("اليمن اليوم | 8 أكتوبر 2025").
    relative = _relative(text, clock, now, zone)
    if relative is not None:
        return _finish(relative, site, now)
    if hijri is not None:  # Hijri only: converted, a date without time (sites print it so)
        return _finish(hijri, site, now)
    return _fallback(raw, text, clock, language, date_order, zone, site, now)


def _aware_now(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(UTC)
    return now if now.tzinfo is not None else now.replace(tzinfo=UTC)


@cache
def _zone(name: str) -> tzinfo:
    return UTC if name.upper() in ("UTC", "GMT") else ZoneInfo(name)


def _named_zone(text: str) -> tzinfo | None:
    if "توقيت" in text:
        match = _ZONE_NAMED.search(text)
        if match:
            return _zone(_ZONE_WORDS[_SPACES.sub(" ", match["z"])])
    return None


def _take_hijri(text: str) -> tuple[str, date | None]:
    """Cut every Hijri date out (its year must never pass for a Gregorian one).

    The first complete one is converted, to be used only if no Gregorian date is printed.
    """
    converted: date | None = None
    kept: list[str] = []
    last = 0
    for match in _HIJRI.finditer(text):  # one pass: the pattern is the costliest we run
        if converted is None:
            converted = _hijri_match_to_date(match)
        kept.append(text[last : match.start()])
        last = match.end()
    if not kept:
        return text, None
    kept.append(text[last:])
    return " ".join(kept), converted


def _hijri_match_to_date(match: re.Match[str]) -> date | None:
    named = (
        (match["m2"], match["d2"], match["y2"])
        if match["m2"]
        else (match["m"], match["d"], match["y"])
    )
    name, day, year = named
    if name and day and year:
        month = months.hijri_month(name)
        return _from_hijri(int(year), month, int(day)) if month else None
    if match["ny"]:
        return _from_hijri(int(match["ny"]), int(match["nm"]), int(match["nd"]))
    if match["ny2"]:
        return _from_hijri(int(match["ny2"]), int(match["nm2"]), int(match["nd2"]))
    return None  # a bare year, or day and month only: not a date


def _from_hijri(year: int, month: int, day: int) -> date | None:
    from hijridate import Hijri  # imported late: only Hijri-only pages need it

    try:
        return date(*Hijri(year, month, day).to_gregorian().datetuple())
    except (ValueError, OverflowError):
        return None


def _take_time(text: str) -> tuple[str, _Time | None]:
    """Find the clock time (with its AM/PM marker and offset) and cut it out of the text."""
    match = _TIME.search(text)
    if match:
        hour = _apply_marker(int(match["h"]), match["ap"])
        second = int(match["s"] or 0)
        clock = _Time(hour, int(match["mi"]), second, _offset(match["tz"]))
    else:
        match = _HOUR.search(text)
        if not match:
            return text, None
        hour_text, marker = (
            (match["h1"], match["ap1"]) if match["h1"] else (match["h2"], match["ap2"])
        )
        clock = _Time(_apply_marker(int(hour_text), marker), 0, 0, None)
    if clock.hour > 23 or clock.minute > 59 or clock.second > 59:
        return text, None
    return text[: match.start()] + " " + text[match.end() :], clock


def _apply_marker(hour: int, marker: str | None) -> int:
    """12-hour clock -> 24-hour; hours already past 12 are kept (``15:21 م`` is seen)."""
    if not marker or hour > 12:
        return hour
    marker = marker.replace(".", "")
    if marker in ("am", "ص", "صباحا", "صباح", "فجرا"):
        return 0 if hour == 12 else hour
    if marker in ("ظهرا", "الظهر"):  # noon-ish: 11 ظهرا is 11, 1 ظهرا is 13
        return hour + 12 if hour < 6 else hour
    if marker == "ليلا":  # night: 10 ليلا is 22, 2 ليلا is 2, 12 ليلا is midnight
        return 0 if hour == 12 else (hour + 12 if hour >= 6 else hour)
    return hour if hour == 12 else hour + 12  # pm, م, مساء, عصرا


def _offset(tz: str | None) -> tzinfo | None:
    if not tz:
        return None
    tz = tz.replace(" ", "")
    if tz in ("z", "gmt", "utc"):
        return UTC
    if tz in _ABBREVIATIONS:
        return timezone(timedelta(hours=_ABBREVIATIONS[tz]))
    sign_at = max(tz.find("+"), tz.find("-"))
    sign = -1 if tz[sign_at] == "-" else 1
    digits = tz[sign_at + 1 :].replace(":", "")
    if len(digits) <= 2:
        hours, minutes = int(digits), 0
    else:
        hours, minutes = int(digits[:-2]), int(digits[-2:])
    if hours > 14 or minutes > 59:
        return None
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _find_date(text: str, date_order: str | None, today: date) -> date | None:
    """The Gregorian date in the text: month-name forms first, then numeric ones."""
    # A year-less match ("Dec. 11") is only trusted when no year is printed anywhere.
    has_year = _YEAR.search(text) is not None
    for pattern in (_DMY_NAMED, _MDY_NAMED, _YMD_NAMED):
        for match in pattern.finditer(text):
            if has_year and not match["y"]:
                continue
            found = _named_date(match, today)
            if found is not None:
                return found
    return _numeric_date(text, date_order or "DMY")


def _named_date(match: re.Match[str], today: date) -> date | None:
    month = months.gregorian_month(match["m"])
    if month is None:
        return None
    day = int(match["d"])
    if match["y"]:
        return _safe_date(int(match["y"]), month, day)
    # No year ("11 ديسمبر" on listing pages): the latest such date that is not in the future.
    found = _safe_date(today.year, month, day)
    if found is not None and found > today + timedelta(days=1):
        found = _safe_date(today.year - 1, month, day)
    return found


def _numeric_date(text: str, order: str) -> date | None:
    """``01/06/2021`` in the site's order; ``2024-12-11`` is always YMD.

    Years 1343-1500 are Hijri (``1446/06/10`` without its marker): used only if no
    Gregorian date is printed beside them.
    """
    hijri: date | None = None
    for match in _NUMERIC.finditer(text):
        a, b, c = match["a"], match["b"], match["c"]
        if len(a) == 4:
            year, month, day = int(a), int(b), int(c)
        elif len(a) <= 2 and len(c) in (2, 4):
            year = int(c) if len(c) == 4 else 2000 + int(c)
            first, second = int(a), int(b)
            day, month = (second, first) if order == "MDY" else (first, second)
            if month > 12 >= day:  # impossible in the site's order: the other one
                day, month = month, day
        else:
            continue
        if 1343 <= year <= 1500:
            hijri = hijri or _from_hijri(year, month, day)
            continue
        found = _safe_date(year, month, day)
        if found is not None:
            return found
    return hijri


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _relative(
    text: str, clock: _Time | None, now: datetime, zone: tzinfo
) -> date | datetime | None:
    """ "منذ 3 ساعات" / "2 days ago" / "أمس" / "اليوم 10:30" against ``now``."""
    for pattern, numbers, units in (
        (_AR_REL, _AR_NUMBERS, _AR_UNITS),
        (_EN_REL, _EN_NUMBERS, _EN_UNITS),
    ):
        match = pattern.search(text)
        if match:
            return _ago(match, numbers, units, now, zone)
    if _NOW_RE.search(text):
        return now
    match = _DAY_RE.search(text)
    if match:
        back = _DAY_WORDS[_SPACES.sub(" ", match["w"] or match["w2"])]
        day = now.astimezone(zone).date() - timedelta(days=back)
        return _combine(day, clock, zone) if clock else day
    return None


def _ago(
    match: re.Match[str],
    numbers: dict[str, float],
    units: Mapping[str, object],
    now: datetime,
    zone: tzinfo,
) -> date | datetime:
    unit_info = units[_SPACES.sub(" ", match["u"])]
    unit, implied = unit_info if isinstance(unit_info, tuple) else (unit_info, 1)
    n_text = match["n"]
    count = implied if n_text is None else (float(n_text) if n_text.isdigit() else numbers[n_text])
    if unit in ("seconds", "minutes", "hours"):
        return now - timedelta(**{unit: count})
    # Days and weeks ago: the calendar date is known, the time of day is not.
    return now.astimezone(zone).date() - timedelta(**{unit: count})


def _combine(day: date, clock: _Time | None, zone: tzinfo) -> date | datetime:
    if clock is None:
        return day
    naive = datetime(day.year, day.month, day.day, clock.hour, clock.minute, clock.second)
    return naive.replace(tzinfo=clock.tz or zone, fold=0)


def _finish(value: date | datetime, site: tzinfo, now: datetime) -> DateResult:
    """Range checks, then the output strings (UTC instant, local date in the site zone)."""
    latest = now + FUTURE_TOLERANCE
    if isinstance(value, datetime):
        instant = value.astimezone(UTC)
        local_day = value.astimezone(site).date()
        if instant > latest:
            return DateResult(None, None, "future")
        if local_day < MIN_DATE:
            return DateResult(None, None, "too_old")
        return DateResult(instant.isoformat(), local_day.isoformat())
    if value > latest.astimezone(site).date():
        return DateResult(None, None, "future")
    if value < MIN_DATE:
        return DateResult(None, None, "too_old")
    return DateResult(None, value.isoformat())


# --------------------------------------------------------------------------- fallback


def _fallback(
    raw: str,
    text: str,
    clock: _Time | None,
    language: str | None,
    date_order: str | None,
    zone: tzinfo,
    site: tzinfo,
    now: datetime,
) -> DateResult:
    """dateparser, for shapes the fast path does not know.

    Only absolute dates with day, month and year are accepted from it (relative ones are
    ours: dateparser would anchor them on the wall clock, not on ``now``). Whether a time
    was printed is read from the text, not inferred from a midnight result.
    """
    if not _HAS_DIGIT.search(text):
        return DateResult(None, None, "unparsed")  # no day or year can be printed
    parser = _dateparser(language, date_order)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # dateparser's deprecation noise must not escape
        try:
            found = parser.get_date_data(_light(raw))["date_obj"]
        except (ValueError, OverflowError, TypeError):
            found = None
    if found is None:
        return DateResult(None, None, "unparsed")
    if found.tzinfo is not None:
        return _finish(found if clock else found.date(), site, now)
    if clock is None:
        return _finish(found.date(), site, now)
    return _finish(found.replace(tzinfo=zone, fold=0), site, now)


@cache
def _dateparser(language: str | None, date_order: str | None) -> Any:
    """One DateDataParser per (language, order): building one costs more than a parse."""
    from dateparser.date import DateDataParser  # slow import; the fast path never needs it

    # RETURN_AS_TIMEZONE_AWARE stays at its default: aware only when an offset is printed,
    # so naive results can be read in the site zone and printed offsets are kept.
    settings: dict[str, object] = {
        "PREFER_DAY_OF_MONTH": "first",
        "PREFER_DATES_FROM": "past",
        "REQUIRE_PARTS": ["day", "month", "year"],
        "PARSERS": ["custom-formats", "absolute-time"],
    }
    if date_order:
        settings["DATE_ORDER"] = date_order
    languages = [language] if language else ["ar", "en"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return DateDataParser(languages=languages, settings=settings)
