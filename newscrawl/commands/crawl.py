"""`scrapy crawl` as cron needs it: checked arguments, one run per site, a true exit status.

- A typo in ``-a since=2024-13-01`` or ``-a max_article=5`` ends the command at once with a
  one-line error and exit status 2 (Scrapy's usage-error status), instead of a traceback
  from inside the crawler, or worse, a crawl that silently ignores the argument.
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

from newscrawl.crawlrun import CrawlRun, StartupError
from newscrawl.verdict import FAILED


class Command(ScrapyCrawlCommand):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1 or self.crawler_process is None:
            return super().run(args, opts)  # Scrapy's own usage errors
        try:
            spidercls = self.crawler_process.spider_loader.load(args[0])
        except KeyError:
            return super().run(args, opts)  # Scrapy's own command reports an unknown spider
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
