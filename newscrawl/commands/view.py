"""`scrapy view`: Scrapy's own, looking at pages only (see ``support.PageLookingCommand``)."""

from __future__ import annotations

from scrapy.commands.view import Command as ScrapyViewCommand

from newscrawl.commands.support import PageLookingCommand


class Command(PageLookingCommand, ScrapyViewCommand):
    pass
