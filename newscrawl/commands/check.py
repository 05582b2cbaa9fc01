"""`scrapy check`: the spiders' contracts, run against the bundled mirrors.

Scrapy's own command would send the contracts' requests to the real sites (or nowhere: a
contract needs a URL, and three sites share one spider class). This one serves the mirrors
under ``fixtures/`` on free loopback ports for the length of the check and gives each
spider its mirror as ``-a base_url`` (unless ``-a base_url=...`` names another origin, a
live site or a mirror served elsewhere). The contracts are in the callbacks' docstrings
(:mod:`newscrawl.contracts`): so ``scrapy check`` is a smoke test of discovery and
extraction in a few seconds. Nothing is written: no state, no output, no verdict.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from collections.abc import AsyncIterator
from typing import Any
from unittest import TextTestRunner

from scrapy import Spider
from scrapy.commands.check import Command as ScrapyCheckCommand
from scrapy.commands.check import TextTestResult
from scrapy.contracts import ContractsManager
from scrapy.utils.conf import arglist_to_dict, build_component_list
from scrapy.utils.misc import load_object, set_environ

from newscrawl import mirror
from newscrawl.commands.support import (
    ProjectCommand,
    check_spider_arguments,
    fail,
    load_spider,
    spider_names,
)


class Command(ProjectCommand, ScrapyCheckCommand):
    only_looks = True

    def short_desc(self) -> str:
        return "Check spider contracts against the bundled mirrors"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        # Scrapy 2.14's check has no -a; later ones do (the parser resolves the duplicate).
        parser.add_argument(
            "-a",
            dest="spargs",
            action="append",
            default=[],
            metavar="NAME=VALUE",
            help="set spider argument (may be repeated); base_url: check that origin",
        )

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        assert self.settings is not None
        if isinstance(opts.spargs, list):
            try:
                opts.spargs = arglist_to_dict(opts.spargs)
            except ValueError:
                fail("invalid -a value, use -a NAME=VALUE")
        for name in args:
            check_spider_arguments(load_spider(self.settings, name), opts.spargs)

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None and self.crawler_process is not None
        # Scrapy 2.16 renamed getwithbase(); the lowest release we support has only that.
        with_base = getattr(self.settings, "get_component_priority_dict_with_base", None)
        contracts = build_component_list(
            (with_base or self.settings.getwithbase)("SPIDER_CONTRACTS")
        )
        conman = ContractsManager(load_object(c) for c in contracts)
        runner = TextTestRunner(verbosity=2 if opts.verbose else 1)
        result = TextTestResult(runner.stream, runner.descriptions, runner.verbosity)
        names = args or spider_names(self.settings)
        if opts.list:
            self._list(conman, names, opts.verbose)
            return
        served = [] if "base_url" in opts.spargs else mirror.load_sites(_mirrored(names))
        with mirror.MirrorServer(served) as server, set_environ(SCRAPY_CHECK="true"):
            for name in names:
                spidercls = self.crawler_process.spider_loader.load(name)
                if not conman.tested_methods_from_spidercls(spidercls):
                    continue
                spidercls.start = _contract_requests(conman, result)  # type: ignore[method-assign]
                origin = server.urls.get(name)
                spargs = {"base_url": origin, **opts.spargs} if origin else opts.spargs
                self.crawler_process.crawl(spidercls, **spargs)
            start = time.time()
            self.crawler_process.start()
            stop = time.time()
        result.printErrors()
        result.printSummary(start, stop)
        self.exitcode = int(not result.wasSuccessful() or self._bootstrap_failed())

    def _list(self, conman: ContractsManager, names: list[str], verbose: bool) -> None:
        assert self.crawler_process is not None
        methods: dict[str, list[str]] = defaultdict(list)
        for name in names:
            spidercls = self.crawler_process.spider_loader.load(name)
            methods[name] = conman.tested_methods_from_spidercls(spidercls)
        for name, tested in sorted(methods.items()):
            if tested or verbose:
                print(name)
                for method in sorted(tested):
                    print(f"  * {method}")

    def _bootstrap_failed(self) -> bool:
        return bool(getattr(self.crawler_process, "bootstrap_failed", False))


def _mirrored(names: list[str]) -> list[str]:
    """The spiders among ``names`` that have a bundled mirror."""
    available = set(mirror.available_sites())
    if not available:
        fail(f"no mirrors under {mirror.FIXTURES_DIR}: run it in a clone, or give -a base_url")
    return [name for name in names if name in available]


def _contract_requests(conman: ContractsManager, result: Any) -> Any:
    """A ``start`` that yields the contracts' requests instead of the crawl's."""

    async def start(self: Spider) -> AsyncIterator[Any]:
        for request in conman.from_spider(self, result):
            yield request

    return start
