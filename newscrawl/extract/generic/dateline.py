"""Finding a shown date line near the title (English and Arabic forms).

Only *finding* the text: turning it into a timestamp is :mod:`newscrawl.dates`' job.
"""

from __future__ import annotations

import re

_DIGIT = r"[0-9٠-٩]"
_EN_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# Egyptian (يناير...) and Levantine (كانون الثاني...) month names, with common spellings.
_AR_MONTHS = (
    r"(?:يناير|فبراير|مارس|[أا]بريل|إبريل|مايو|يوني[وه]|يولي[وه]|[أا]غسطس|سبتمبر|[أا]كتوبر"
    r"|نوفمبر|ديسمبر|كانون\s+الثاني|كانون\s+الأول|كانون\s+الاول|شباط|[آا]ذار|نيسان|[أا]يار"
    r"|حزيران|تموز|[آا]ب|[أا]يلول|تشرين\s+الأول|تشرين\s+الاول|تشرين\s+الثاني)"
)
_MONTH = rf"(?:{_EN_MONTHS}|{_AR_MONTHS}(?:\s*-\s*{_AR_MONTHS})?)"
_DATE_PATTERNS = (
    rf"{_DIGIT}{{1,2}}(?:st|nd|rd|th)?[\s\-/,]+{_MONTH},?[\s\-/,]+{_DIGIT}{{4}}",
    rf"{_MONTH}\s+{_DIGIT}{{1,2}}(?:st|nd|rd|th)?,?\s+{_DIGIT}{{4}}",
    rf"{_DIGIT}{{4}}[-/.]{_DIGIT}{{1,2}}[-/.]{_DIGIT}{{1,2}}",
    rf"{_DIGIT}{{1,2}}[-/.]{_DIGIT}{{1,2}}[-/.]{_DIGIT}{{4}}",
)
DATE_RE = re.compile("|".join(f"(?:{p})" for p in _DATE_PATTERNS), re.IGNORECASE)
# "Arab| 11 December, 2024 - 3:21 PM": a short section label, a bar, then the date.
SECTION_LABEL_RE = re.compile(r"^\s*([^|\d٠-٩]{1,40}?)\s*[|｜]\s*(?=\S)")
# Words that introduce a date ("Published:", "نشر في"), dropped from the section label.
_DATE_WORDS_RE = re.compile(
    r"^(?:published|posted|updated|last updated|date|on|تاريخ النشر|نشر في|نشر|آخر تحديث)"
    r"\s*:?\s*$",
    re.IGNORECASE,
)
_TIME_RE = re.compile(rf"{_DIGIT}{{1,2}}:{_DIGIT}{{2}}|الساعة")


def has_date(text: str) -> bool:
    return bool(DATE_RE.search(text))


def has_time(text: str | None) -> bool:
    return bool(text and (_TIME_RE.search(text) or "T" in text[8:14]))


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
