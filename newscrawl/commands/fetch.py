"""`scrapy fetch`: Scrapy's own, but it only looks at pages: no state, no output, no verdict.

Without this, ``scrapy fetch URL`` would open the project's state and leave a run summary in
``state/`` as if it had been a crawl. An unknown ``--spider`` is one line, not a traceback.
"""

from __future__ import annotations

import argparse

from scrapy.commands.fetch import Command as ScrapyFetchCommand

from newscrawl.commands.support import ProjectCommand, allow_typed_origin, load_spider


class Command(ProjectCommand, ScrapyFetchCommand):
    only_looks = True

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        assert self.settings is not None
        if opts.spider:
            load_spider(self.settings, opts.spider)
        allow_typed_origin(self.settings, args[0] if args else None)
