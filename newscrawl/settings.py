"""Scrapy settings of newscrawl: every default in one place.

newscrawl's own knobs are prefixed ``NEWSCRAWL_``. Override any of them per run with
``-s NAME=value`` or in a spider's ``custom_settings``.
"""

import os

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
# Hops from the site's indexes (home, sections, feeds, sitemaps): a listing's next page is
# no hop (newscrawl/depth.py). Home -> section page N -> article -> related -> related.
DEPTH_LIMIT = 4
CLOSESPIDER_PAGECOUNT = 5000
NEWSCRAWL_MAX_LISTING_PAGES = 20  # pages of one listing a run without a date window reads
# A back-fill (-a since / until) pages each listing to the window's start; stopping here
# first is a window cut (warning, newscrawl/coverage/window_cut, exit status 1).
NEWSCRAWL_BACKFILL_MAX_LISTING_PAGES = 1000
# Which runs also crawl every section the site links to and read its sitemaps:
# "window" (runs with a date window), "always", or "start" (the profile's pages only).
NEWSCRAWL_DISCOVERY = "window"

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
    # Before RunReport: the failures file is written and remembered before the verdict.
    "newscrawl.failures.Failures": 490,
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
# `scrapy check`: the callbacks' contracts run against the bundled mirrors (contracts.py).
SPIDER_CONTRACTS = {
    "newscrawl.contracts.MirrorContract": 10,
    "newscrawl.contracts.RecordsContract": 11,
    "newscrawl.contracts.FilledContract": 12,
}
SPIDER_MIDDLEWARES = {
    # Just after HttpErrorMiddleware (50): feeds screened, pages inspected before reading.
    "newscrawl.safety.SafeFeeds": 60,
    "newscrawl.inspection.PageInspection": 70,
    "newscrawl.middlewares.SkipKnownArticles": 600,  # known articles are not fetched again
    # Scrapy's depth middleware, but a listing's next page is no depth hop.
    "scrapy.spidermiddlewares.depth.DepthMiddleware": None,
    "newscrawl.depth.IndexDepth": 900,
    # On the spider's side of DepthMiddleware (900): tracking parameters out, depth drops
    # counted; every request gets the errback that records what is given up on.
    "newscrawl.traps.UrlHygiene": 940,
    "newscrawl.failures.FailureErrbacks": 950,
}
DOWNLOADER_MIDDLEWARES = {
    # First of all: no request to a loopback, private or metadata address.
    "newscrawl.safety.NetworkSafety": 20,
    # robots.txt per RFC 9309: unreachable means disallow, 4xx means allow, 500 KiB read.
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "newscrawl.robots.Rfc9309RobotsTxtMiddleware": 100,
    # Just on the engine's side of RetryMiddleware (550): sees each request's final outcome.
    "newscrawl.middlewares.FetchOutcomes": 540,
    "newscrawl.robots.RobotsTxtResponses": 545,
    # Scrapy's retry decisions, sent later: Retry-After honoured, exponential backoff.
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "newscrawl.retry.BackoffRetryMiddleware": 550,
    # After CookiesMiddleware (700): no Cookie/Authorization on a redirect to another origin.
    "newscrawl.safety.RedirectCredentials": 710,
}

# When a site misbehaves (README section of that name; newscrawl/failures.py, retry.py,
# safety.py, robots.py, inspection.py, traps.py).
NEWSCRAWL_RETRY_BACKOFF_BASE = 1.0  # seconds before the first retry (doubled each time)
NEWSCRAWL_RETRY_BACKOFF_MAX = 30.0  # at most this long between two attempts
NEWSCRAWL_RETRY_AFTER_MAX = 120.0  # a longer Retry-After: given up on, left for the next run
# Later runs retry what a run gave up on, until this many runs in a row failed on it.
NEWSCRAWL_MAX_FAILURE_ATTEMPTS = 3
# Origins on private addresses the crawl may reach besides -a base_url (an intranet
# mirror); everything else that is not a public address is refused.
NEWSCRAWL_ALLOWED_PRIVATE_ORIGINS: list[str] = []
NEWSCRAWL_ROBOTSTXT_MAX_BYTES = 500 * 1024  # RFC 9309: parse at least 500 KiB; we parse that
NEWSCRAWL_MAX_NESTING = 1000  # deeper markup is not read (libxml2 drops what is below ~2000)
# Taken out of every URL before it is fetched ("prefix*" matches a prefix; any case).
NEWSCRAWL_TRACKING_PARAMETERS = [
    "utm_*", "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
    "igshid", "mc_cid", "mc_eid", "_ga", "_gl", "ref_src", "phpsessid", "jsessionid",
    "sessionid", "session_id",
]  # fmt: skip

# One JSON Lines file per run, named by spider and start time, used when the run names no
# feed of its own: `-o`/`-O` on the command line (or FEEDS) replace it, as in any Scrapy
# project. Scrapy merges FEEDS from all sources, hence separate settings.
FEEDS: dict = {}
NEWSCRAWL_OUTPUT_DIR = "data/%(name)s"  # %(name)s: the spider; empty: no default output
NEWSCRAWL_OUTPUT_NAME = "%(name)s-%(time)s.jsonl"
NEWSCRAWL_OUTPUT_FEED = {
    "format": "jsonlines",
    "encoding": "utf-8",  # non-ASCII written as is: Arabic stays readable
}
FEED_EXPORT_ENCODING = "utf-8"
# True: every file feed is split into one file per record type (out.article.jsonl, ...) for
# analysts; CSV always is (newscrawl/feeds.py). The combined file is the archive's default.
NEWSCRAWL_SPLIT_OUTPUT = False
# The folder a relative NEWSCRAWL_OUTPUT_DIR and NEWSCRAWL_STATE_DIR are read from, so cron
# or Scrapyd can start a crawl in any folder (newscrawl/home.py). Empty: the working folder.
NEWSCRAWL_HOME = os.environ.get("NEWSCRAWL_HOME", "")
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
# No Telnet console: an unattended crawl needs no open port (it would be one more listener
# on a shared host, and a second crawl would log a port conflict).
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"
