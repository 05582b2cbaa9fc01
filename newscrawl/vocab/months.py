"""Month names of the calendars the region's pages print, in every spelling we read.

One vocabulary for the date-line finder (:mod:`newscrawl.extract.generic.dateline`) and the
normalizer (:mod:`newscrawl.dates`), so that what the finder finds the normalizer can read.

Gregorian names come in families: English; the Egyptian/Gulf/Yemeni transliterations of the
Latin names (يناير...); the Syriac-derived Levantine names (Syria, Lebanon, Jordan, Palestine
and Iraq: كانون الثاني...); Iraqi extras; the Maghrebi names, French-derived in Algeria and
Tunisia (جانفي...) and Spanish/Berber-derived in Morocco and Mauritania (يوليوز، غشت...).
Hijri months come as Arabic names and as English transliterations. Transliterations vary
too much for a list (Rabi' al-Awwal, Rabi I, Rabiul Awal, Rabi-ul-Awwal, Rabee Al-Awwal...),
so each transliterated month is one regular expression over its spellings.

Names are written as pages print them. :func:`fold` is the key both sides look them up by
(case, hamza seats, alef maqsura, Persian letters, harakat, spaces, hyphens and apostrophes
do not count); :func:`gregorian_pattern` and :func:`hijri_pattern` are regex sources that
match any spelling in raw page text as well as in the normalizer's folded text. They carry
no word boundaries: callers add their own (a digit may touch a name: ``11ديسمبر2024``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache

__all__ = [
    "EGYPTIAN",
    "ENGLISH",
    "GREGORIAN",
    "GREGORIAN_FAMILIES",
    "HIJRI_ARABIC",
    "HIJRI_LATIN",
    "HIJRI_LATIN_INITIALS",
    "IRAQI",
    "LEVANTINE",
    "MAGHREBI",
    "fold",
    "gregorian_month",
    "gregorian_pattern",
    "hijri_month",
    "hijri_pattern",
]

MonthTable = Mapping[int, tuple[str, ...]]

ENGLISH: MonthTable = {
    1: ("january", "jan"),
    2: ("february", "feb"),
    3: ("march", "mar"),
    4: ("april", "apr"),
    5: ("may",),
    6: ("june", "jun"),
    7: ("july", "jul"),
    8: ("august", "aug"),
    9: ("september", "sept", "sep"),
    10: ("october", "oct"),
    11: ("november", "nov"),
    12: ("december", "dec"),
}
# Egypt, the Gulf, Yemen, Sudan (and most pan-Arab outlets): the Latin names transliterated.
EGYPTIAN: MonthTable = {
    1: ("يناير",),
    2: ("فبراير", "فبرير"),
    3: ("مارس",),
    4: ("أبريل", "إبريل"),
    5: ("مايو",),
    6: ("يونيو", "يونية", "يونيه"),
    7: ("يوليو", "يوليه", "يولية"),
    8: ("أغسطس", "أغسطوس"),
    9: ("سبتمبر",),
    10: ("أكتوبر",),
    11: ("نوفمبر",),
    12: ("ديسمبر", "دسمبر"),
}
# Syria, Lebanon, Jordan, Palestine, Iraq. "كانون 2" / "تشرين 1" are CLDR's short forms;
# "ثان" is the colloquial "second" (تشرين ثان). Hamza seats are folded: أيار = ايار.
LEVANTINE: MonthTable = {
    1: ("كانون الثاني", "كانون ثاني", "كانون ثان", "كانون 2"),
    2: ("شباط",),
    3: ("آذار",),
    4: ("نيسان",),
    5: ("أيار",),
    6: ("حزيران",),
    7: ("تموز",),
    8: ("آب",),
    9: ("أيلول",),
    10: ("تشرين الأول", "تشرين أول", "تشرين 1"),
    11: ("تشرين الثاني", "تشرين ثاني", "تشرين ثان", "تشرين 2"),
    12: ("كانون الأول", "كانون أول", "كانون 1"),
}
# Iraq also writes May as مايس (official and press usage alongside أيار).
IRAQI: MonthTable = {5: ("مايس",)}
# Algeria and Tunisia (from French, with the spellings of French "-ier"/"-et" endings),
# Morocco (from Spanish/Berber), Mauritania.
MAGHREBI: MonthTable = {
    1: ("جانفي", "جانفييه"),
    2: ("فيفري", "فيفرييه"),
    3: ("مارس",),
    4: ("أفريل",),
    5: ("ماي",),
    6: ("جوان",),
    7: ("جويلية", "جويليه", "جويلة", "جوييه", "يوليوز"),
    8: ("أوت", "غشت", "أغشت"),
    9: ("سبتمبر", "شتنبر", "شتمبر"),
    10: ("أكتوبر",),
    11: ("نوفمبر", "نونبر"),
    12: ("ديسمبر", "دجنبر", "دجمبر"),
}
GREGORIAN_FAMILIES: Mapping[str, MonthTable] = {
    "english": ENGLISH,
    "egyptian": EGYPTIAN,
    "levantine": LEVANTINE,
    "iraqi": IRAQI,
    "maghrebi": MAGHREBI,
}
GREGORIAN: MonthTable = {
    month: tuple(name for table in GREGORIAN_FAMILIES.values() for name in table.get(month, ()))
    for month in range(1, 13)
}

HIJRI_ARABIC: MonthTable = {
    1: ("محرم", "المحرم"),
    2: ("صفر",),
    3: ("ربيع الأول", "ربيع أول"),
    4: ("ربيع الآخر", "ربيع الأخر", "ربيع آخر", "ربيع الثاني", "ربيع ثاني"),
    5: ("جمادى الأولى", "جمادى الأول", "جمادى أولى", "جماد الأول", "جماد أول"),
    6: (
        "جمادى الآخرة", "جمادى الأخرة", "جمادى الآخر", "جمادى الثانية", "جمادى الثاني",
        "جمادى آخرة", "جماد الآخر", "جماد آخر", "جماد الثاني",
    ),
    7: ("رجب",),
    8: ("شعبان",),
    9: ("رمضان",),
    10: ("شوال",),
    11: ("ذو القعدة", "ذي القعدة", "ذو القعده", "ذي القعده"),
    12: ("ذو الحجة", "ذي الحجة", "ذو الحجه", "ذي الحجه"),
}  # fmt: skip

# Transliterations, lowercase (callers match case-insensitively or on lowercased text).
# _SEP: what pages put between (or inside) the parts of a name, possibly nothing:
# "Rabi' al-Awwal", "Rabi-ul-Awwal", "Rabiul Awal", "Dhu'l-Hijjah", curly or straight quotes.
_APOSTROPHES = "'’‘`´ʻʼʿʾ"
_SEP = rf"[\s{_APOSTROPHES}-]*"
_SEP1 = rf"[\s{_APOSTROPHES}-]+"  # before a Roman numeral: "Rabi I", "Jumada II", never "Jamadi"
_ART = rf"(?:[aeu]?(?:l|th|t|s){_SEP})?"  # al-, el-, ul-, 'l-, ath-, as-, us- (or none)
_RABI = rf"rab(?:i|ee|ea|ie|ia|i{_SEP}a)"
_JUMADA = r"j[uoa]maa?d[aeiy]{0,2}h?"
_DHU = rf"(?:dh|dz|z|th)[uio]{_SEP}"
_FIRST = r"(?:aa?ww?al|avv?al|(?:u|o|ou|oo|uu)la+h?)"  # awwal, awal, ula, oula, ulaa
_SECOND = r"(?:(?:th|ts|s)aa?nn?i(?:ya)?h?|aa?kh[aei]?ra?h?|ukhra)"  # thani, sani, akhir(ah)
# The letters HIJRI_LATIN spellings start with (al-Muharram, Dhu/Zu/Thu al-Hijjah...).
HIJRI_LATIN_INITIALS = "adjmrstz"
HIJRI_LATIN: Mapping[int, str] = {
    1: rf"(?:al{_SEP})?m[ou]h?arr?am",  # Muharram, Moharram, Muharam, al-Muharram
    2: r"saf[ae]r",
    3: rf"{_RABI}{_SEP}{_ART}{_FIRST}|{_RABI}{_SEP1}i",  # Rabi' al-Awwal, Rabiul Awal, Rabi I
    4: rf"{_RABI}{_SEP}{_ART}{_SECOND}|{_RABI}{_SEP1}ii",  # Rabi' al-Thani, Rabi us-Sani
    5: rf"{_JUMADA}{_SEP}{_ART}{_FIRST}|{_JUMADA}{_SEP1}i",  # Jumada al-Ula, Jumadil Awal
    6: rf"{_JUMADA}{_SEP}{_ART}{_SECOND}|{_JUMADA}{_SEP1}ii",  # Jumada al-Akhirah, Jumada II
    7: r"raj[ae]b",
    8: rf"(?:sh|sy)a{_SEP}a?baa?n",  # Sha'ban, Shaban, Shaaban
    9: r"rama[dzt]h?aa?n|ramzan",  # Ramadan, Ramadhan, Ramazan
    10: r"(?:sh|sy)aww?aa?l",  # Shawwal, Shawal
    11: rf"{_DHU}{_ART}q(?:[aei]{{1,2}})?{_SEP}[aei]?d(?:a+h?)?",  # Dhu al-Qi'dah, Zul Qaida
    12: rf"{_DHU}{_ART}h[aie]jj?(?:a+h?)?",  # Dhu al-Hijjah, Dhul Hijja, Zul Hijja
}

# ---------------------------------------------------------------------------- folding

_FOLD_MAP: dict[int, str | None] = {
    **dict.fromkeys(map(ord, "أإآٱ"), "ا"),
    ord("ى"): "ي",
    ord("ی"): "ي",
    ord("ک"): "ك",
    ord("\u0640"): None,  # tatweel
    **dict.fromkeys(range(0x064B, 0x0653), None),  # harakat
    ord("\u0670"): None,
}
_FOLD_DROP = re.compile(rf"[\s.{_APOSTROPHES}-]+")


def fold(name: str) -> str:
    """The lookup key of a month name: ``"Rabi' al-Awwal"`` -> ``"rabialawwal"``."""
    return _FOLD_DROP.sub("", name.lower().translate(_FOLD_MAP))


def _keys(table: MonthTable) -> dict[str, int]:
    return {fold(name): month for month, names in table.items() for name in names}


_GREGORIAN_KEYS = _keys(GREGORIAN)
_HIJRI_KEYS = _keys(HIJRI_ARABIC)
_HIJRI_LATIN_RE = {month: re.compile(source) for month, source in HIJRI_LATIN.items()}


def gregorian_month(name: str) -> int | None:
    """1-12 for a Gregorian month name in any spelling of :data:`GREGORIAN`, else None."""
    return _GREGORIAN_KEYS.get(fold(name))


def hijri_month(name: str) -> int | None:
    """1-12 for a Hijri month name, Arabic or transliterated, else None."""
    month = _HIJRI_KEYS.get(fold(name))
    if month is not None:
        return month
    text = " ".join(name.lower().split())
    for month, pattern in _HIJRI_LATIN_RE.items():
        if pattern.fullmatch(text):
            return month
    return None


# ---------------------------------------------------------------------------- patterns

# Letters pages spell in several ways; the regex accepts every variant.
_VARIANTS = {
    **dict.fromkeys("اأإآٱ", "[اأإآٱ]"),
    **dict.fromkeys("يىی", "[يىی]"),
    **dict.fromkeys("كک", "[كک]"),
}


def _name_regex(name: str) -> str:
    parts: list[str] = []
    for char in name:
        if char in " -":
            if parts[-1] != r"[\s-]*":
                parts.append(r"[\s-]*")  # "كانون الثاني", "ذوالحجة" glued, "Jan-" ...
        else:
            parts.append(_VARIANTS.get(char, re.escape(char)))
    if name[-1].isdigit():
        parts.append(r"(?!\d)")  # "كانون 2" is not the start of "كانون 20"
    return "".join(parts)


def _alternation(names: Iterable[str]) -> str:
    """Longest first, so that "مايو" wins over "ماي" and "sept" over "sep"."""
    unique = {fold(name): name for name in names}
    ordered = sorted(unique.values(), key=len, reverse=True)
    return "|".join(_name_regex(name) for name in ordered)


def _initials(names: Iterable[str], extra: str = "") -> str:
    """A lookahead on the first letter: Python's re tries every branch of an alternation
    at every position; testing one character class first makes a failed search 2-4x faster."""
    letters = set(extra)
    for name in names:
        letters.update(_VARIANTS.get(name[0], name[0]).strip("[]"))
    letters |= {c.upper() for c in letters if c.isascii()}
    return f"(?=[{''.join(sorted(letters))}])"


@cache
def gregorian_pattern() -> str:
    """Regex source (no groups) matching any Gregorian month name of any family."""
    names = [name for names in GREGORIAN.values() for name in names]
    return f"{_initials(names)}(?:{_alternation(names)})"


@cache
def hijri_pattern() -> str:
    """Regex source (no groups) matching any Hijri month name, Arabic or transliterated."""
    names = [name for names in HIJRI_ARABIC.values() for name in names]
    latin = "|".join(f"(?:{source})" for source in HIJRI_LATIN.values())
    return f"{_initials(names, HIJRI_LATIN_INITIALS)}(?:{_alternation(names)}|{latin})"
