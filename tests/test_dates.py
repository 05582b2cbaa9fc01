"""Table-driven tests of newscrawl.dates (the table lives in tests/date_cases.py).

Also holds the finder (``dateline.has_date``) to the same table and to the shared month
vocabulary (:mod:`newscrawl.vocab.months`): what the normalizer reads, the finder finds.
"""

from __future__ import annotations

import importlib.util
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the package is not necessarily installed in the venv
    sys.path.insert(0, str(ROOT))

from newscrawl.dates import REASONS, DateResult, normalize_date, parse_date  # noqa: E402
from newscrawl.extract.generic.dateline import has_date  # noqa: E402
from newscrawl.vocab import months  # noqa: E402


def _load_cases():
    # Loaded by path so the benchmark can share the table without tests/ being a package.
    spec = importlib.util.spec_from_file_location(
        "date_cases", Path(__file__).with_name("date_cases.py")
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("date_cases", module)
    spec.loader.exec_module(module)
    return module


cases = _load_cases()
NOW = cases.NOW


def test_table_is_big_and_mostly_arabic():
    arabic = [c for c in cases.CASES if any("\u0600" <= ch <= "\u06ff" for ch in c.raw)]
    assert len(cases.CASES) >= 150
    assert len(arabic) * 2 >= len(cases.CASES)


@pytest.mark.parametrize("case", cases.CASES, ids=[cases.case_id(c) for c in cases.CASES])
def test_normalize_date(case):
    got = normalize_date(
        case.raw,
        language=case.language,
        timezone=case.timezone,
        now=NOW,
        date_order=case.date_order,
    )
    assert got == {"published_at": case.published_at, "published_date": case.published_date}


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", "empty"),
        ("  \n ", "empty"),
        ("Breaking News", "unparsed"),
        ("1446", "unparsed"),
        ("26 نوفمبر 2026", "future"),
        ("10 يناير 1985", "too_old"),
        ("11 ديسمبر 2024", None),
    ],
)
def test_parse_date_reasons(raw, reason):
    result = parse_date(raw, language="ar", timezone="Asia/Aden", now=NOW, date_order="DMY")
    assert isinstance(result, DateResult)
    assert result.reason == reason
    assert reason is None or reason in REASONS
    if reason is not None:
        assert result.published_at is None and result.published_date is None


def test_naive_now_is_utc():
    naive = NOW.replace(tzinfo=None)
    got = normalize_date("منذ ساعة", language="ar", timezone="Asia/Aden", now=naive)
    assert got == {"published_at": "2026-11-25T11:00:00+00:00", "published_date": "2026-11-25"}


def test_default_now_is_the_clock():
    got = normalize_date("منذ 5 دقائق", language="ar", timezone="Asia/Aden")
    published = datetime.fromisoformat(got["published_at"])
    assert abs((datetime.now(UTC) - published).total_seconds() - 300) < 60


def test_midnight_printed_is_a_time():
    # "00:00" on the page is a real time of day, not a missing one.
    got = normalize_date("11 ديسمبر 2024 - 00:00", language="ar", timezone="Asia/Aden", now=NOW)
    assert got == {"published_at": "2024-12-10T21:00:00+00:00", "published_date": "2024-12-11"}


def test_fallback_date_only_has_no_time():
    # A shape the fast path does not know goes to dateparser; it prints no time, so none.
    got = normalize_date("2024 December the 11th", language="en", timezone="Asia/Aden", now=NOW)
    assert got == {"published_at": None, "published_date": "2024-12-11"}


# --------------------------------------------------------------- one vocabulary, two readers

# The finder looks for full dates only: relative ones ("منذ 3 ساعات") and year-less ones
# ("11 ديسمبر", "Nov. 20 (Saba)") are read by the normalizer but not looked for.
_UNFOUND_FAMILIES = {"rel_ar", "rel_en"}
_YEARLESS = {"ADEN, Nov. 20 (Saba) -", "Dec. 11 (Saba) -", "20 نوفمبر", "11 ديسمبر"}
FOUND_CASES = [
    c
    for c in cases.CASES
    if c.published_date and c.family not in _UNFOUND_FAMILIES and c.raw not in _YEARLESS
]


@pytest.mark.parametrize("case", FOUND_CASES, ids=[cases.case_id(c) for c in FOUND_CASES])
def test_finder_finds_what_the_normalizer_reads(case):
    assert has_date(case.raw)


@pytest.mark.parametrize(
    "text",
    [
        "© 2024",
        "Copyright © 2024 Yemen Shabab",
        "2024",
        "ديسمبر 2024",
        "ديسمبر2024",
        "Dec 2024",
        "15:21",
        "الساعة 10:30 صباحاً",
        "Page 2 of 11",
        "صفحة 2 / 11",
        "+967 1 234 567",
        "Tel: 777-123-456",
        "11 - 12 - 2024",
        "11 things to know in 2024",
        "Ramadan 2025",
        "Ramadan 11, 2025",
        "رمضان 1446",
        "1446 AH",
        "12 Ramadan",
        "مقتل 11 شخصاً وإصابة 20 آخرين في قصف على صعدة",
        "Three killed, 12 injured in 2 separate attacks in Ibb",
        "Rajab Tayeb wins 2024 award",
    ],
)
def test_finder_ignores_what_is_not_a_date(text):
    assert not has_date(text)


_ALL_GREGORIAN = [(m, name) for m, names in months.GREGORIAN.items() for name in names]


@pytest.mark.parametrize(("month", "name"), _ALL_GREGORIAN, ids=[n for _, n in _ALL_GREGORIAN])
def test_every_gregorian_name_is_read_by_both(month, name):
    # A name ending in a digit ("كانون 2") cannot be glued to the year.
    glued = [] if name[-1].isdigit() else [f"11{name}2024"]
    for raw in (f"11 {name} 2024", *glued):
        assert has_date(raw), raw
        got = normalize_date(raw, language=None, timezone="Asia/Aden", now=NOW)
        assert got["published_date"] == f"2024-{month:02d}-11", raw


# Spellings of each transliterated Hijri month seen on pages and in calendar software.
HIJRI_SPELLINGS = {
    1: ["Muharram", "Moharram", "Muharam", "al-Muharram"],
    2: ["Safar", "Safer"],
    3: ["Rabi' al-Awwal", "Rabi’ al-Awwal", "Rabiʻ I", "Rabi I", "Rabiul Awal", "Rabi-ul-Awwal",
        "Rabi ul Awwal", "Rabee Al-Awwal", "Rabi Al Awal"],
    4: ["Rabi' al-Thani", "Rabi II", "Rabi al-Akhir", "Rabi' al-Akhar", "Rabiul Akhir",
        "Rabi-us-Sani", "Rabi' ath-Thani", "Rabee Al-Thani"],
    5: ["Jumada al-Ula", "Jumada I", "Jumadil Awal", "Jumada al-Awwal", "Jumada al-Oula",
        "Jamadi ul Awal", "Jumadal Ula"],
    6: ["Jumada al-Akhirah", "Jumada II", "Jumada al-Thani", "Jumadil Akhir", "Jumada al-Akhira",
        "Jumada ath-Thaniyah", "Jamadi ul Sani", "Jumada al-Ukhra"],
    7: ["Rajab", "Rajeb"],
    8: ["Sha'ban", "Sha’ban", "Shaaban", "Shaban", "Shaʻban"],
    9: ["Ramadan", "Ramazan", "Ramadhan", "Ramadaan"],
    10: ["Shawwal", "Shawal"],
    11: ["Dhu al-Qi'dah", "Dhul Qadah", "Zul Qaida", "Dhu al-Qadah", "Dhul-Qa'dah",
         "Dhu'l-Qi'dah", "Zulqadah", "Dhuʻl-Qiʻdah", "Zilqad"],
    12: ["Dhu al-Hijjah", "Dhul Hijja", "Zul Hijja", "Dhu'l-Hijjah", "Dhul-Hijjah", "Zilhaj",
         "Dhuʻl-Hijjah", "Zil Hajj"],
}  # fmt: skip
_ALL_HIJRI = [(m, n) for m, names in HIJRI_SPELLINGS.items() for n in names] + [
    (m, n) for m, names in months.HIJRI_ARABIC.items() for n in names
]


@pytest.mark.parametrize(("month", "name"), _ALL_HIJRI, ids=[n for _, n in _ALL_HIJRI])
def test_every_hijri_name_is_read_by_both(month, name):
    from hijridate import Hijri

    expected = Hijri(1446, month, 10).to_gregorian().isoformat()
    assert months.hijri_month(name) == month
    for raw in (f"10 {name} 1446", f"10 {name} 1446 AH", f"{name} 10, 1446 AH"):
        assert has_date(raw), raw
        got = normalize_date(raw, language=None, timezone="Asia/Riyadh", now=NOW)
        assert got == {"published_at": None, "published_date": expected}, raw
