"""`scrapy parse URL`: what the spider makes of one page, with the callback its URL calls for.

- The spider is found from the URL (the site that owns it) or named with ``--spider``.
- The callback is the spider's ``parse``, which reads an article URL as an article, the
  feed as a feed and anything else as a listing (``--callback`` still picks one).
- ``-a base_url=http://127.0.0.1:8000`` reads a mirror: a URL of the real site is moved
  onto it, and a mirror URL without ``base_url`` is refused with the line to type.
- Nothing is written: no state, no default output file, no run summary.
- No response (a dead link, a refused connection) is exit status 1, not 0.
"""

from __future__ import annotations

import argparse
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from scrapy.commands.parse import Command as ScrapyParseCommand
from w3lib.url import is_url

from newscrawl.commands.support import (
    ProjectCommand,
    check_spider_arguments,
    fail,
    load_spider,
    spider_names,
)
from newscrawl.sites import PROFILES


class Command(ProjectCommand, ScrapyParseCommand):
    only_looks = True

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        assert self.settings is not None
        if len(args) != 1 or not is_url(args[0]):
            fail("give one URL: scrapy parse [options] URL")
        url = args[0]
        name = opts.spider or _owner(url)
        if name is None:
            fail(
                f"no spider reads {url}; name one with --spider"
                f" (known: {', '.join(spider_names(self.settings))})"
            )
        spidercls = load_spider(self.settings, name)
        opts.spider = name
        crawl_args = check_spider_arguments(spidercls, opts.spargs)
        profile = getattr(spidercls, "profile", None)
        if profile is not None and crawl_args is not None:
            args[0] = _on_origin(url, profile, crawl_args.base_url)

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        super().run(args, opts)
        if self.spidercls is not None and self.first_response is None:
            self.exitcode = 1  # "No response downloaded": not a success


def _owner(url: str) -> str | None:
    """The spider of the site that owns ``url``."""
    return next((name for name, p in PROFILES.items() if p.owns(url)), None)


def _on_origin(url: str, profile: Any, base_url: str | None) -> str:
    """``url`` where the spider will fetch it: on the mirror when there is one."""
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}"
    if base_url is None:
        if not profile.owns(url):
            fail(f"{url} is not on {profile.site}; to read a mirror of it add -a base_url={origin}")
        return url
    if origin == base_url:
        return url
    if profile.owns(url):
        mirror = urlsplit(base_url)
        return urlunsplit(parts._replace(scheme=mirror.scheme, netloc=mirror.netloc))
    fail(f"{url} is neither on {profile.site} nor on base_url {base_url}")
