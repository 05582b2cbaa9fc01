from newscrawl.sites import PROFILES
from newscrawl.spiders.base import NewsSiteSpider


class YemenshababEnSpider(NewsSiteSpider):
    name = "yemenshabab_en"
    profile = PROFILES["yemenshabab_en"]
