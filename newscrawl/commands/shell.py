"""`scrapy shell`: Scrapy's own, looking at pages only (see ``support.PageLookingCommand``)."""

from __future__ import annotations

from scrapy.commands.shell import Command as ScrapyShellCommand

from newscrawl.commands.support import PageLookingCommand


class Command(PageLookingCommand, ScrapyShellCommand):
    pass
