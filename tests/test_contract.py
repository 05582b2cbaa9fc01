"""The output contract: item classes and the shipped JSON Schema say the same thing."""

from __future__ import annotations

import dataclasses
import types
import typing

import pytest

from newscrawl import schema
from newscrawl.items import RECORD_CLASSES, ArticleItem, Record, RelatedLinkItem, TickerHeadlineItem


def schema_def(cls: type[Record]) -> dict:
    return schema.load_schema()["$defs"][cls.record_type]


@pytest.mark.parametrize("cls", RECORD_CLASSES, ids=lambda c: c.record_type)
def test_schema_lists_exactly_the_item_fields_in_order(cls: type[Record]) -> None:
    fields = [f.name for f in dataclasses.fields(cls)]
    definition = schema_def(cls)
    assert list(definition["properties"]) == fields
    assert definition["required"] == fields  # every field is always written (null when absent)
    assert definition["additionalProperties"] is False


@pytest.mark.parametrize("cls", RECORD_CLASSES, ids=lambda c: c.record_type)
def test_nullable_fields_agree(cls: type[Record]) -> None:
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        nullable_in_code = _nullable(hints[f.name])
        prop = schema_def(cls)["properties"][f.name]
        nullable_in_schema = "null" in str(prop)
        assert nullable_in_code == nullable_in_schema, f.name


def _nullable(hint: object) -> bool:
    return isinstance(hint, types.UnionType) and type(None) in typing.get_args(hint)


SAMPLE = {
    "ticker_headline": TickerHeadlineItem(
        site="en.yemenshabab.net",
        crawled_at="2026-02-02T09:00:00+00:00",
        id="0123456789abcdef",
        title="Houthi militia kidnaps former US embassy employee",
        url="https://en.yemenshabab.net/sections/NEWS/Local/x",
        position=1,
        page_url="https://en.yemenshabab.net/",
    ),
    "related_link": RelatedLinkItem(
        site="en.yemenshabab.net",
        crawled_at="2026-02-02T09:00:00+00:00",
        article_id="0123456789abcdef",
        page_url="https://en.yemenshabab.net/a",
        position=0,
        title="t",
        url=None,
        section="Arab",
        published_at=None,
        published_date="2025-01-07",
        published_raw="Arab | 7 Jan, 2025",
    ),
}


@pytest.mark.parametrize("kind", SAMPLE)
def test_a_good_record_is_valid(kind: str) -> None:
    assert schema.errors(dataclasses.asdict(SAMPLE[kind])) == []


BAD = [
    ("missing field", lambda r: r.pop("title"), "'title' is a required property"),
    ("extra field", lambda r: r.update(extra=1), "Additional properties"),
    (
        "midnight-less date as instant",
        lambda r: r.update(published_at="2025-01-07"),
        "published_at",
    ),
    (
        "non-UTC instant",
        lambda r: r.update(published_at="2025-01-07T10:00:00+03:00"),
        "published_at",
    ),
    ("bad local date", lambda r: r.update(published_date="07/01/2025"), "published_date"),
    ("relative url", lambda r: r.update(url="/sections/x"), "url"),
    ("negative position", lambda r: r.update(position=-1), "position"),
    ("wrong version", lambda r: r.update(schema_version=2), "schema_version"),
    ("unknown type", lambda r: r.update(type="video"), "type"),
]


@pytest.mark.parametrize(("name", "spoil", "expected"), BAD, ids=[b[0] for b in BAD])
def test_a_bad_record_is_refused_with_a_clear_message(name, spoil, expected) -> None:
    record = dataclasses.asdict(SAMPLE["related_link"])
    spoil(record)
    problems = schema.errors(record)
    assert problems and any(expected in p for p in problems), problems


def test_article_type_is_set_by_the_class() -> None:
    fields = {
        f.name for f in dataclasses.fields(ArticleItem) if f.name not in ("type", "schema_version")
    }
    values = {name: None for name in fields} | {"authors": [], "tags": []}
    item = ArticleItem(**values)
    assert (item.type, item.schema_version) == ("article", 1)
