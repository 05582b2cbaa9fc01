from newscrawl.sites import PROFILES
from newscrawl.spiders.base import NewsSiteSpider


class MarebpressSpider(NewsSiteSpider):
    name = "marebpress"
    profile = PROFILES["marebpress"]
