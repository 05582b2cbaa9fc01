from newscrawl.sites import PROFILES
from newscrawl.spiders.base import NewsSiteSpider


class YemenshababArSpider(NewsSiteSpider):
    name = "yemenshabab_ar"
    profile = PROFILES["yemenshabab_ar"]
