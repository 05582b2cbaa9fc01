"""Spider contracts that run against the bundled mirrors: ``scrapy check`` as a smoke test.

The callbacks of :class:`newscrawl.spiders.base.NewsSiteSpider` carry contracts in their
docstrings. A stock ``@url`` would name one site's URL for all three spiders; instead:

- ``@mirror home|article|feed``: the request goes to that kind of page of the spider's
  site, on the origin the spider crawls (``-a base_url``; ``scrapy check`` serves the
  bundled mirrors on loopback and passes their origins, see :mod:`newscrawl.commands.check`).
  The article is the first one of the mirror's ``truth.json`` with a related-news list.
- ``@records TYPE ...``: the callback gave at least one record of each type, and every
  record it gave is valid against the archive contract (the JSON Schema).
- ``@filled TYPE FIELD ...``: every record of that type has these fields non-empty, e.g.
  ``@filled article title body published_date section``: what a redesign breaks first.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from itemadapter import ItemAdapter
from scrapy import Request
from scrapy.contracts import Contract
from scrapy.exceptions import ContractFail

from newscrawl import schema
from newscrawl.mirror import FIXTURES_DIR

KINDS = ("home", "article", "feed")


class MirrorContract(Contract):
    """``@mirror KIND``: the URL of a page of that kind on the origin the spider crawls."""

    name = "mirror"

    def adjust_request_args(self, args: dict[str, Any]) -> dict[str, Any]:
        spider = args["callback"].__self__  # the callback is a method of the spider
        kind = self.args[0] if self.args else ""
        if kind not in KINDS:
            raise ContractFail(f"@mirror {kind!r}: expected one of {', '.join(KINDS)}")
        args["url"] = spider.origin.rstrip("/") + sample_path(spider.name, kind)
        return args


class RecordsContract(Contract):
    """``@records TYPE ...``: at least one record of each type, all of them valid."""

    name = "records"

    def post_process(self, output: list[Any]) -> None:
        records = _records(output)
        for kind in self.args:
            if not any(r.get("type") == kind for r in records):
                found = sorted({str(r.get("type")) for r in records}) or ["none"]
                raise ContractFail(f"no {kind} record (found: {', '.join(found)})")
        for record in records:
            problems = schema.errors(record)
            if problems:
                raise ContractFail(f"invalid {record.get('type')} record: {problems[0]}")


class FilledContract(Contract):
    """``@filled TYPE FIELD ...``: these fields are non-empty in every record of the type."""

    name = "filled"

    def post_process(self, output: list[Any]) -> None:
        kind, *fields = self.args
        for record in _records(output):
            if record.get("type") != kind:
                continue
            empty = [name for name in fields if record.get(name) in (None, "", [])]
            if empty:
                where = record.get("url") or record.get("page_url")
                raise ContractFail(f"{kind} from {where}: empty {', '.join(empty)}")


def sample_path(spider: str, kind: str) -> str:
    """The request target of a page of ``kind`` in the spider's mirror."""
    from newscrawl.sites import get_profile

    profile = get_profile(spider)
    if kind == "home":
        return _target(profile.start_urls[0])
    if kind == "feed":
        if not profile.feed_urls:
            raise ContractFail(f"{spider} has no feed")
        return _target(profile.feed_urls[0])
    articles = _truth(spider)["articles"]
    with_related = [path for path, article in articles.items() if article.get("related")]
    return (with_related or list(articles))[0]


def _target(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


@cache
def _truth(spider: str) -> dict[str, Any]:
    path = FIXTURES_DIR / spider / "truth.json"
    if not path.is_file():
        raise ContractFail(f"no mirror of {spider} at {path.parent}: run scrapy check in a clone")
    return json.loads(path.read_text("utf-8"))


def _records(output: list[Any]) -> list[dict[str, Any]]:
    return [ItemAdapter(item).asdict() for item in output if not isinstance(item, Request)]
