"""Table-driven tests of newscrawl.dates (the table lives in tests/date_cases.py)."""

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
