"""Finding a shown date line near the title (English and Arabic forms).

Only *finding* the text: turning it into a timestamp is :mod:`newscrawl.dates`' job. Both
use the month names of :mod:`newscrawl.vocab.months`, so every full date the normalizer
reads (named months of every regional family, Hijri dates, numeric and ISO forms) is found.
"""

from __future__ import annotations

import re

from newscrawl.vocab import months

_DIGIT = r"[0-9٠-٩۰-۹]"  # Western, Arabic-Indic and Eastern Arabic-Indic digits
_D12 = rf"(?<![0-9٠-٩۰-۹]){_DIGIT}{{1,2}}(?![0-9٠-٩۰-۹])"
_YEAR4 = rf"{_DIGIT}{{4}}(?![0-9٠-٩۰-۹])"
# Hijri years are 13xx/14xx: "Ramadan 2025" is a season, not a Hijri date.
_HYEAR = rf"[1١۱][34٣٤۳۴]{_DIGIT}{{2}}(?![0-9٠-٩۰-۹])"
# Month names touch digits on some pages ("11December 2024", "11ديسمبر2024"), never letters.
_GREG = rf"(?<![^\W\d])(?:{months.gregorian_pattern()})\.?(?![^\W\d])"
_HIJRI = rf"(?<![^\W\d])(?:{months.hijri_pattern()})(?![^\W\d])"
# "فبراير-شباط", "فبراير/شباط", "شباط (فبراير)": one month in two names.
_MONTH = rf"{_GREG}(?:\s*(?:[-/]\s*|\(\s*){_GREG}\s*\)?)?"
_ORD = r"(?:\s?(?:st|nd|rd|th)(?![a-z]))"
# Between the parts: spaces, bidi marks, hyphens/dashes, slashes, Latin and Arabic commas.
_SEP = r"[\s\-–—/,،\u200e\u200f]*"
_COMMA = r"\s*[,،]?\s*"
# "Fri Apr 28 19:20:36 CEST 2023": a clock and a zone between the day and the year.
_CLOCK = r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s+[a-z]{3,5})?)?"
_OF = r"(?:(?:day\s+)?of\s+|من\s+)?"
# Numeric dates: slashes may be spaced ("6 / 6 / 2024م"), hyphens and dots may not.
_NUM_SEP = r"(?:[-.]|\s*/\s*)"
_DATE_PATTERNS = (
    # 11 December, 2024 / 11th, December 2024 / 11ديسمبر2024 / 11-ديسمبر-2024
    rf"{_D12}{_ORD}?{_SEP}{_OF}{_MONTH}{_SEP}{_YEAR4}",
    # 12 Rajab 1446 AH / 17جمادى الثاني 1442هـ / 29th day of Ramadan 1447
    rf"{_D12}{_ORD}?{_SEP}{_OF}{_HIJRI}{_SEP}{_HYEAR}",
    # December 11 th, 2024 / Dec.11th,2024 / December the 11th 2024 / Rajab 12, 1446 AH
    rf"{_MONTH}\s*(?:the\s+)?{_D12}{_ORD}?{_CLOCK}{_COMMA}{_YEAR4}",
    rf"{_HIJRI}\s*{_D12}{_ORD}?{_COMMA}{_HYEAR}",
    # 2024 ديسمبر 11 / 2024 December the 11th
    rf"{_YEAR4}{_COMMA}[-/]?\s*{_MONTH}\s*[-/]?\s*(?:the\s+)?{_D12}",
    # 2024-12-11, 2024/12/11 15:21, ١٤٤٦/٠٦/١٠ هـ
    rf"{_DIGIT}{{4}}{_NUM_SEP}{_DIGIT}{{1,2}}{_NUM_SEP}{_D12}",
    # 11/12/2024, 11.12.2024, 6 / 6 / 2024م, ٩ /١١ /١٤٤١هـ; 11/12/24 with slashes only
    rf"{_D12}{_NUM_SEP}{_DIGIT}{{1,2}}{_NUM_SEP}{_YEAR4}",
    rf"{_D12}/{_DIGIT}{{1,2}}/{_DIGIT}{{2}}(?![0-9٠-٩۰-۹/])",
)
DATE_RE = re.compile("|".join(f"(?:{p})" for p in _DATE_PATTERNS), re.IGNORECASE)
# "Arab| 11 December, 2024 - 3:21 PM": a short section label, a bar, then the date.
SECTION_LABEL_RE = re.compile(r"^\s*([^|\d٠-٩]{1,40}?)\s*[|｜]\s*(?=\S)")
# Words that introduce a date ("Published:", "نشر في"), dropped from the section label.
_DATE_WORDS_RE = re.compile(
    r"^(?:published(?: on)?|posted(?: on)?|updated|last updated|date|on|تاريخ النشر|نشر في|نشر"
    r"|نشر بتاريخ|بتاريخ|تم النشر|تم النشر في|آخر تحديث)"
    r"\s*:?\s*$",
    re.IGNORECASE,
)
_YEARISH_RE = re.compile(rf"{_DIGIT}{{2}}")


def has_date(text: str) -> bool:
    """A full date (day, month and year) in any form :func:`newscrawl.dates.parse_date` reads.

    Relative dates ("منذ 3 ساعات") and year-less ones ("11 ديسمبر") are not looked for: in
    the short texts around a headline they are too often something else.
    """
    # Every form has a year of two digits or more: texts without one are the common case
    # and are answered without running the big pattern.
    return _YEARISH_RE.search(text) is not None and DATE_RE.search(text) is not None


def split_section_label(line: str) -> tuple[str | None, str]:
    """Split ``Arab| 11 December, 2024 - 3:21 PM`` into ("Arab", "11 December, ...")."""
    match = SECTION_LABEL_RE.match(line)
    if not match:
        return None, line
    label = match.group(1).strip()
    rest = line[match.end() :].strip()
    if not has_date(rest) or _DATE_WORDS_RE.match(label):
        return None, line
    return label, rest
