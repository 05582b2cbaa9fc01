"""What the project's Scrapy commands share: one-line errors, spiders found by name with a
"did you mean", settings checked before anything starts, and the settings of a command that
only looks at pages (``parse``, ``check``, ``shell``, ``fetch``, ``view``).

Errors are printed here and the process exits at once, before Scrapy configures logging:
an error is one line on stderr and an exit status, never a traceback or a usage page.
"""

from __future__ import annotations

import difflib
import sys
from typing import Any, NoReturn
from urllib.parse import urlsplit

from scrapy import Spider
from scrapy.exceptions import UsageError
from scrapy.settings import BaseSettings, Settings
from scrapy.spiderloader import get_spider_loader

from newscrawl import feeds, settings_check
from newscrawl.verdict import USAGE

# Above the project's settings and a spider's custom_settings, below the command line:
# `scrapy parse -s NEWSCRAWL_STATE_DIR=state ...` still can keep state if asked to.
LOOKING_PRIORITY = 35
# Commands that only look at pages keep no state, write no default output and judge no run.
LOOKING_SETTINGS: dict[str, Any] = {"NEWSCRAWL_STATE_DIR": "", "NEWSCRAWL_OUTPUT_DIR": ""}
RUN_REPORT = "newscrawl.extensions.RunReport"
# Origins on private or loopback addresses a crawl may fetch from (newscrawl/safety.py).
PRIVATE_ORIGINS = "NEWSCRAWL_ALLOWED_PRIVATE_ORIGINS"


def fail(message: str, status: int = USAGE) -> NoReturn:
    """End the command with one line on stderr and ``status``."""
    print(f"error: {message}", file=sys.stderr, flush=True)
    raise SystemExit(status)


def spider_names(settings: BaseSettings) -> list[str]:
    return sorted(get_spider_loader(settings).list())


def load_spider(settings: BaseSettings, name: str) -> type[Spider]:
    """The spider class called ``name``, or one line naming the closest and the known ones."""
    names = spider_names(settings)
    if name not in names:
        close = difflib.get_close_matches(name, names, n=1, cutoff=0.5)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        fail(f"unknown spider {name!r}{hint} (known: {', '.join(names)})")
    return get_spider_loader(settings).load(name)


def check_settings(settings: BaseSettings) -> None:
    """``NEWSCRAWL_*`` settings: known names, values of the right type (else one line)."""
    found = settings_check.problems(settings)
    if found:
        fail(found[0])


def check_spider_arguments(spidercls: type[Spider], spider_args: dict[str, Any]) -> Any:
    """The spider's own check of its ``-a`` arguments (one line when one is wrong)."""
    validate = getattr(spidercls, "validate_arguments", None)
    if validate is None:
        return None
    try:
        return validate(spider_args)
    except UsageError as exc:
        fail(f"{spidercls.name}: {exc}")


def prepare_outputs(settings: BaseSettings) -> None:
    """Settle the feeds on the command's settings, before Scrapy copies them into the
    crawler (it copies them again when the crawl starts, undoing a change made only there)."""
    feeds.configure(settings)


def allow_typed_origin(settings: BaseSettings, url: str | None) -> None:
    """A URL typed on the command line (``scrapy shell http://127.0.0.1:8000/``) may be on a
    loopback mirror: typing it is the consent the network-safety check asks for."""
    if not url or settings.get(PRIVATE_ORIGINS) is None:
        return
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc:
        origin = f"{parts.scheme}://{parts.netloc}"
        allowed = settings.getlist(PRIVATE_ORIGINS)
        settings.set(PRIVATE_ORIGINS, [*allowed, origin], priority=LOOKING_PRIORITY)


def only_looking(settings: BaseSettings) -> None:
    """No state, no default output, no verdict: the command only looks at pages."""
    for name, value in LOOKING_SETTINGS.items():
        settings.set(name, value, priority=LOOKING_PRIORITY)
    extensions = settings["EXTENSIONS"]
    if isinstance(extensions, BaseSettings):
        extensions.set(RUN_REPORT, None, priority=LOOKING_PRIORITY)
    else:
        settings.set("EXTENSIONS", {**(extensions or {}), RUN_REPORT: None}, LOOKING_PRIORITY)


class ProjectCommand:
    """Mixin for the project's Scrapy commands (put it first among the bases): Scrapy's
    own option handling with its usage errors as one line, then the settings checked and
    the outputs settled before the crawler process exists."""

    settings: Settings | None
    only_looks = False  # parse, check, shell, fetch, view: no state, output or verdict

    def process_options(self, args: list[str], opts: Any) -> None:
        try:
            super().process_options(args, opts)  # type: ignore[misc]
        except UsageError as exc:
            fail(str(exc) or f"wrong usage; see scrapy {self.command_name()} -h")
        assert self.settings is not None
        check_settings(self.settings)
        if self.only_looks:
            only_looking(self.settings)
        prepare_outputs(self.settings)
        for problem in feeds.problems(self.settings):
            fail(problem)

    def command_name(self) -> str:
        return type(self).__module__.rsplit(".", 1)[-1]


class PageLookingCommand(ProjectCommand):
    """Mixin for ``shell``, ``fetch`` and ``view``: Scrapy's own command, but it only looks
    at pages: no state, no output, no verdict (without it ``scrapy fetch URL`` would open the
    project's state and leave a run summary as if it had crawled). An unknown ``--spider`` is
    one line, not a traceback."""

    only_looks = True

    def process_options(self, args: list[str], opts: Any) -> None:
        super().process_options(args, opts)
        assert self.settings is not None
        if opts.spider:
            load_spider(self.settings, opts.spider)
        allow_typed_origin(self.settings, args[0] if args else None)
