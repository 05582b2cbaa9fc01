"""Accuracy and speed of newscrawl.dates.normalize_date vs plain dateparser.parse.

Run: ``.venv/bin/python benchmarks/dates.py [--repeat N]``. Uses the test table
(tests/date_cases.py). For dateparser, a case counts as correct when its result, read the
same way as ours (site zone for naive results, UTC instant if the case has a time, local
calendar date, same 1990 / future window), matches the expected values. dateparser gets
the site zone (TIMEZONE), the site's DATE_ORDER and RELATIVE_BASE=now, so it is not
penalised for things it cannot know. Two dateparser variants are timed: plain (language
auto-detected, what ``dateparser.parse(raw)`` does) and with ``languages=[language]``.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import time
import warnings
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import dateparser  # noqa: E402

from newscrawl.dates import FUTURE_TOLERANCE, MIN_DATE, normalize_date  # noqa: E402

Expected = dict[str, str | None]


def load_cases():
    path = ROOT / "tests" / "date_cases.py"
    spec = importlib.util.spec_from_file_location("date_cases", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def ours(case, now: datetime) -> Expected:
    return normalize_date(
        case.raw,
        language=case.language,
        timezone=case.timezone,
        now=now,
        date_order=case.date_order,
    )


def plain_dateparser(case, now: datetime, *, with_language: bool) -> Expected:
    """dateparser.parse, its result read with the same rules as ours."""
    zone = ZoneInfo(case.timezone)
    settings = {
        "TIMEZONE": case.timezone,
        "RETURN_AS_TIMEZONE_AWARE": True,
        "RELATIVE_BASE": now.astimezone(zone).replace(tzinfo=None),
    }
    if case.date_order:
        settings["DATE_ORDER"] = case.date_order
    languages = [case.language] if with_language and case.language else None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = dateparser.parse(case.raw, languages=languages, settings=settings)
    if found is None:
        return {"published_at": None, "published_date": None}
    instant = found.astimezone(UTC)
    local_day = found.astimezone(zone).date()
    if instant > now + FUTURE_TOLERANCE or local_day < MIN_DATE:
        return {"published_at": None, "published_date": None}
    return {"published_at": instant.isoformat(), "published_date": local_day.isoformat()}


def correct(case, got: Expected) -> bool:
    if got["published_date"] != case.published_date:
        return False
    # dateparser cannot say "no time": for date-only cases only the date is compared.
    return case.published_at is None or got["published_at"] == case.published_at


def time_calls(func: Callable[[], object], repeat: int) -> float:
    """Mean microseconds of one call over `repeat` calls."""
    start = time.perf_counter()
    for _ in range(repeat):
        func()
    return (time.perf_counter() - start) / repeat * 1e6


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed calls per case")
    args = parser.parse_args()
    table = load_cases()
    now = table.NOW
    contenders: dict[str, Callable] = {
        "normalize_date": lambda c: ours(c, now),
        "dateparser": lambda c: plain_dateparser(c, now, with_language=False),
        "dateparser+lang": lambda c: plain_dateparser(c, now, with_language=True),
    }
    names = list(contenders)
    hits: dict[str, dict[str, int]] = {name: defaultdict(int) for name in names}
    totals: dict[str, int] = defaultdict(int)
    timings: dict[str, list[float]] = {name: [] for name in names}
    for case in table.CASES:
        totals[case.family] += 1
        for name, func in contenders.items():
            hits[name][case.family] += correct(case, func(case))  # also the warm-up call
            timings[name].append(time_calls(lambda f=func, c=case: f(c), args.repeat))

    width = max(len(f) for f in totals) + 2
    print(f"{len(table.CASES)} cases, now = {now.isoformat()}, {args.repeat} timed calls each\n")
    print(f"{'family':<{width}}{'n':>4}" + "".join(f"{n:>18}" for n in names))
    for family, total in totals.items():
        cells = "".join(f"{hits[n][family] / total:>18.0%}" for n in names)
        print(f"{family:<{width}}{total:>4}{cells}")
    all_n = len(table.CASES)
    cells = "".join(f"{sum(hits[n].values()) / all_n:>18.1%}" for n in names)
    print(f"{'ALL':<{width}}{all_n:>4}{cells}\n")

    print(f"{'µs per call':<{width + 4}}" + "".join(f"{n:>18}" for n in names))
    for label, stat in (("median", statistics.median), ("p90", lambda v: percentile(v, 0.9))):
        print(f"{label:<{width + 4}}" + "".join(f"{stat(timings[n]):>18.1f}" for n in names))
    base = statistics.median(timings["normalize_date"])
    for other in names[1:]:
        ratio = base / statistics.median(timings[other])
        print(f"median ratio normalize_date / {other}: {ratio:.3f}")


if __name__ == "__main__":
    main()
