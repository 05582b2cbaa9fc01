"""``NEWSCRAWL_*`` settings checked like spider arguments: before anything starts.

``-s NEWSCRAWL_NOW=garbage`` used to end in an asyncio traceback from inside the crawler,
and ``-s NEWSCRAWL_MAX_LISTING_PAGE=3`` (a typo) was silently ignored. Every setting named
``NEWSCRAWL_*`` must be one the project defines (:mod:`newscrawl.settings`, so a setting
added there is known at once), and its value must read as the type of its default: a
whole number, a number, ``True``/``False``, a JSON object. Rates are between 0 and 1,
counts and intervals are not negative.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from typing import Any

from scrapy.exceptions import UsageError
from scrapy.settings import BaseSettings

from newscrawl import settings as defaults
from newscrawl.spiders.args import parse_now

PREFIX = "NEWSCRAWL_"
# Settings whose meaning a type alone does not say.
POSITIVE = ("NEWSCRAWL_MAX_LISTING_PAGES",)
# Numbers whose default happens to be whole (30 seconds) but that take fractions too.
FRACTIONAL = ("NEWSCRAWL_PROGRESS_INTERVAL",)


def known() -> dict[str, Any]:
    """The project's own settings and their defaults."""
    return {name: value for name, value in vars(defaults).items() if name.startswith(PREFIX)}


def problems(settings: BaseSettings) -> list[str]:
    """What is wrong with the ``NEWSCRAWL_*`` settings (empty when nothing is)."""
    names = known()
    found = []
    for name in sorted(str(n) for n in settings if str(n).startswith(PREFIX)):
        if name not in names:
            found.append(unknown(name, names))
        else:
            found.extend(_value_problems(settings, name, names[name]))
    return found


def validate(settings: BaseSettings) -> None:
    """Raise UsageError (one line) on the first problem."""
    found = problems(settings)
    if found:
        raise UsageError(found[0], print_help=False)


def unknown(name: str, names: Mapping[str, Any]) -> str:
    close = difflib.get_close_matches(name, list(names), n=1, cutoff=0.6)
    if close:
        return f"unknown setting {name}; did you mean {close[0]}?"
    return f"unknown setting {name} (known: {', '.join(sorted(names))})"


def _value_problems(settings: BaseSettings, name: str, default: Any) -> Iterator[str]:
    raw = settings.get(name)
    try:
        value = _read(settings, name, default)
    except (TypeError, ValueError):
        yield f"{name}={raw!r}: expected {_expected_of(name, default)}"
        return
    if name == "NEWSCRAWL_NOW":
        try:
            parse_now(value)
        except UsageError as exc:
            yield str(exc)
    yield from _range_problems(name, value, raw)


def _expected_of(name: str, default: Any) -> str:
    return "a number" if name in FRACTIONAL else _expected(default)


def _read(settings: BaseSettings, name: str, default: Any) -> Any:
    if isinstance(default, bool):
        return settings.getbool(name)
    if isinstance(default, float) or name in FRACTIONAL:
        return settings.getfloat(name)
    if isinstance(default, int):
        return settings.getint(name)
    if isinstance(default, dict):
        value = settings.getdict(name)
        if "RATE" in name:
            return {key: float(rate) for key, rate in value.items()}
        return value
    return settings.get(name)


def _range_problems(name: str, value: Any, raw: Any) -> Iterator[str]:
    numbers = value.values() if isinstance(value, dict) else [value]
    for number in numbers:
        if isinstance(number, bool) or not isinstance(number, int | float):
            continue
        if "RATE" in name and not 0 <= number <= 1:
            yield f"{name}={raw!r}: a rate is between 0 and 1"
        elif name in POSITIVE and number < 1:
            yield f"{name}={raw!r}: expected a whole number > 0"
        elif number < 0:
            yield f"{name}={raw!r}: expected a number >= 0"


def _expected(default: Any) -> str:
    if isinstance(default, bool):
        return "True or False"
    if isinstance(default, int):
        return "a whole number"
    if isinstance(default, float):
        return "a number"
    if isinstance(default, dict):
        return 'a JSON object, e.g. {"body": 0.2}'
    return "text"
