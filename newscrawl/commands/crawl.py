"""`scrapy crawl` that checks the spider's arguments before anything starts.

A typo in ``-a since=2024-13-01`` or ``-a max_article=5`` ends the command at once with a
one-line error and exit status 2 (Scrapy's usage-error status), instead of a traceback
from inside the crawler, or worse, a crawl that silently ignores the argument.
"""

from __future__ import annotations

import argparse

from scrapy.commands.crawl import Command as ScrapyCrawlCommand


class Command(ScrapyCrawlCommand):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) == 1 and self.crawler_process is not None:
            try:
                spidercls = self.crawler_process.spider_loader.load(args[0])
            except KeyError:
                spidercls = None  # Scrapy's own command reports an unknown spider
            validate = getattr(spidercls, "validate_arguments", None)
            if validate is not None:
                validate(opts.spargs)
        super().run(args, opts)
