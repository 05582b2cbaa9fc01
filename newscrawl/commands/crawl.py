"""`scrapy crawl` as cron needs it: checked arguments, one run per site, a true exit status.

- A typo in ``-a since=2024-13-01`` or ``-a max_article=5``, an unknown spider (with a
  "did you mean"), or a ``NEWSCRAWL_*`` setting of the wrong type ends the command at once
  with one line and exit status 2 (Scrapy's usage-error status), before Scrapy starts:
  no traceback from inside the crawler, no crawl that silently ignores the argument.
- The feeds are settled first (:mod:`newscrawl.feeds`): the archive's default output under
  ``NEWSCRAWL_HOME``, CSV split into one file per record type.
- The run is set up before the crawl starts (:class:`newscrawl.crawlrun.CrawlRun`): the
  site's lock held by another run ends the command with one line and status 75; a state or
  output folder that cannot be written, with status 74.
- The exit status is the run's verdict (:mod:`newscrawl.verdict`): 0 only when the crawl
  finished and met its expectations, 1 when it did not, 74 when an output or the state
  could not be written.
"""

from __future__ import annotations

import argparse
import sys

from scrapy.commands.crawl import Command as ScrapyCrawlCommand

from newscrawl.commands.support import (
    ProjectCommand,
    check_spider_arguments,
    fail,
    load_spider,
    spider_names,
)
from newscrawl.crawlrun import CrawlRun, StartupError
from newscrawl.verdict import FAILED


class Command(ProjectCommand, ScrapyCrawlCommand):
    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        assert self.settings is not None
        if len(args) != 1:
            known = ", ".join(spider_names(self.settings))
            fail(f"name one spider: scrapy crawl SPIDER (known: {known})")
        spidercls = load_spider(self.settings, args[0])
        check_spider_arguments(spidercls, opts.spargs)

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1 or self.crawler_process is None:
            return super().run(args, opts)  # Scrapy's own usage errors
        spidercls = self.crawler_process.spider_loader.load(args[0])
        validate = getattr(spidercls, "validate_arguments", None)
        if validate is None:
            return super().run(args, opts)
        crawl_args = validate(opts.spargs)
        crawler = self.crawler_process.create_crawler(spidercls)
        try:
            run = CrawlRun.start(crawler, crawl_args.base_url, crawl_args.full)
        except StartupError as refused:
            print(f"{spidercls.name}: {refused.message}", file=sys.stderr)
            self.exitcode = refused.status
            return None
        try:
            self.crawler_process.crawl(crawler, **opts.spargs)
            self.crawler_process.start()
        finally:
            run.close()
        if run.verdict is not None:
            self.exitcode = run.verdict.status
        elif self.crawler_process.bootstrap_failed:
            self.exitcode = FAILED
        return None
