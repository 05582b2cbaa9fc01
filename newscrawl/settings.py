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
EXTENSIONS = {
    "newscrawl.extensions.RunReport": 500,  # lock, state, verdict, summary, exit status
    "newscrawl.extensions.Progress": 510,
    "newscrawl.extensions.StatsFile": 520,
}

# What each site's crawls remember between runs (newscrawl/state.py): one SQLite file and
# one lock file per site in this folder. Empty: no state, no lock, every record written.
NEWSCRAWL_STATE_DIR = "state"

ITEM_PIPELINES = {
    "newscrawl.pipelines.DuplicatesPipeline": 100,
    "newscrawl.pipelines.IncrementalPipeline": 800,  # what is new since the last runs
    "newscrawl.pipelines.SchemaValidationPipeline": 900,
}
SPIDER_MIDDLEWARES = {
    "newscrawl.middlewares.SkipKnownArticles": 600,  # known articles are not fetched again
}
DOWNLOADER_MIDDLEWARES = {
    # Just on the engine's side of RetryMiddleware (550): sees each request's final outcome.
    "newscrawl.middlewares.FetchOutcomes": 540,
}

# One JSON Lines file per run, named by spider and start time, used when the run names no
# feed of its own: `-o`/`-O` on the command line (or FEEDS) replace it, as in any Scrapy
# project. Scrapy merges FEEDS from all sources, hence separate settings.
FEEDS: dict = {}
NEWSCRAWL_OUTPUT_DIR = "data/%(name)s"  # %(name)s: the spider
NEWSCRAWL_OUTPUT_NAME = "%(name)s-%(time)s.jsonl"
NEWSCRAWL_OUTPUT_FEED = {
    "format": "jsonlines",
    "encoding": "utf-8",  # non-ASCII written as is: Arabic stays readable
}
FEED_EXPORT_ENCODING = "utf-8"
# A run that found nothing new writes no file (its summary says so): an empty file would be
# one more thing for the archive to ingest.
FEED_STORE_EMPTY = False
# Every local output (the default one, -O and -o) is written under a hidden temporary name
# and renamed into place complete: the archive never reads a partial .jsonl.
FEED_STORAGES = {
    "": "newscrawl.feedstorage.AtomicFileFeedStorage",
    "file": "newscrawl.feedstorage.AtomicFileFeedStorage",
}

# What a run must achieve for exit status 0 (newscrawl/verdict.py); else 1, with the
# reason in the summary and the last line of the log.
NEWSCRAWL_MAX_ERROR_RATE = 0.2  # requests that finally failed (error status but 404/410, or none)
NEWSCRAWL_MAX_FALLBACK_RATE = 0.5  # per part: pages where the profile selector missed
NEWSCRAWL_MAX_EMPTY_RATE = {"body": 0.2, "published_date": 0.5}  # per field, of articles read
NEWSCRAWL_HEALTH_MIN_ARTICLES = 5  # extraction health is judged from this many articles on

# A progress line (pages, articles, errors, rate) every N seconds; 0: off.
NEWSCRAWL_PROGRESS_INTERVAL = 30

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
LOG_LEVEL = "INFO"
