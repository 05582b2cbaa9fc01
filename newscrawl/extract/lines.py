"""The lines a news page puts around its paragraphs, recognised the same way by the profile
parser and the generic detectors: the attribution ("Source: Bloomberg") and the byline."""

from __future__ import annotations

import re

# "Source: Bloomberg", "المصدر: وكالة سبأ", "(Source: Reuters)". A profile may name its own
# patterns; each must capture the outlet as the group "name".
SOURCE_LINE = (
    r"(?i)^\(?\s*(?:source|sources|المصدر|مصدر)\s*[:：]\s*(?P<name>[^()]{2,80}?)\s*\)?\.?$"
)
SOURCE_LINE_RE = re.compile(SOURCE_LINE)

# "By Jane Doe", "بقلم: د. فلان", "كتب/ فلان", "الكاتب: فلان": the name follows the word.
BYLINE_RE = re.compile(
    r"^(?:by|written by|author|reporter|بقلم|كتب|كتبه|كتبت|تقرير|إعداد|اعداد|الكاتب|الكاتبة"
    r"|المحرر|المراسل)\s*[:/：]?\s*(?<=[\s:/：])(?P<name>[^\s:/：].{1,79})$",
    re.IGNORECASE,
)
# "القسم: كتابات", "Section: Arab": a line piece that names the article's section.
SECTION_LABEL_RE = re.compile(
    r"^(?:section|category|categories|filed under|rubrique|rubrik|ressort|kategorie|kategori"
    r"|sección|categoría|categoria|sezione|القسم|التصنيف|الباب|الفئة|التبويب|بخش|دسته|קטגוריה"
    r"|מדור|раздел|рубрика)\s*[:：]\s*(?P<name>.{1,40})$",
    re.IGNORECASE,
)
_SPACE_RE = re.compile(r"\s+")


def author_name(text: str) -> str:
    """A byline reduced to the name(s) it gives ("بقلم: د. فلان" -> "د. فلان")."""
    text = _SPACE_RE.sub(" ", text).strip()
    match = BYLINE_RE.match(text)
    return match.group("name").strip() if match else text
