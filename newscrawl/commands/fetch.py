"""`scrapy fetch`: Scrapy's own, looking at pages only (see ``support.PageLookingCommand``)."""

from __future__ import annotations

from scrapy.commands.fetch import Command as ScrapyFetchCommand

from newscrawl.commands.support import PageLookingCommand


class Command(PageLookingCommand, ScrapyFetchCommand):
    pass
