"""Scrapy settings of newscrawl: every default in one place.

newscrawl's own knobs are prefixed ``NEWSCRAWL_``. Override any of them per run with
``-s NAME=value`` or in a spider's ``custom_settings``.
"""

BOT_NAME = "newscrawl"
SPIDER_MODULES = ["newscrawl.spiders"]
NEWSPIDER_MODULE = "newscrawl.spiders"
COMMANDS_MODULE = "newscrawl.commands"  # `scrapy crawl` validates spider arguments first

# An honest crawler: say who we are, obey robots.txt, keep the load on small regional
# servers low. AutoThrottle adapts to how fast each site answers.
USER_AGENT = "newscrawl/0.1 (+https://github.com/newscrawl/newscrawl; regional news archive)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.25
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.25
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024  # a news page is never this large: refuse rather than swell
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 2

# Sane limits for scheduled crawls; analysts raise them with -s.
DEPTH_LIMIT = 4  # start page -> listing page N -> article -> related article -> related
CLOSESPIDER_PAGECOUNT = 5000
NEWSCRAWL_MAX_LISTING_PAGES = 20  # pages of one section listing followed at most

# The site profiles' CSS selectors. False: every part of every page is found by the generic
# detectors, as after a redesign of the site (the profile's URL patterns, language, time
# zone and names still apply). The renditions tests crawl with it off.
NEWSCRAWL_PROFILE_SELECTORS = True

# The clock relative dates ("منذ 3 ساعات", "yesterday") are read against, ISO 8601.
# Empty: the crawl's start time. Tests and the demo freeze it at the mirror's fetch time.
NEWSCRAWL_NOW = ""

# Final crawl stats as JSON (for cron wrappers and tests); empty: off.
NEWSCRAWL_STATS_FILE = ""
EXTENSIONS = {"newscrawl.extensions.StatsFile": 500}

ITEM_PIPELINES = {
    "newscrawl.pipelines.DuplicatesPipeline": 100,
    "newscrawl.pipelines.SchemaValidationPipeline": 900,
}

# One JSON Lines file per run, named by spider and start time, used when the run names no
# feed of its own: `-o`/`-O` on the command line (or FEEDS) replace it, as in any Scrapy
# project. Scrapy merges FEEDS from all sources, hence a separate setting.
FEEDS: dict = {}
NEWSCRAWL_DEFAULT_FEEDS = {
    "data/%(name)s/%(name)s-%(time)s.jsonl": {
        "format": "jsonlines",
        "encoding": "utf-8",  # non-ASCII written as is: Arabic stays readable
        "store_empty": True,  # an empty file says "crawled, found nothing" to cron
    },
}
FEED_EXPORT_ENCODING = "utf-8"

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
LOG_LEVEL = "INFO"
