"""Where a crawl's records are written: the archive's default output, per-type files, and
flat formats split by record type.

Called from :meth:`NewsSiteSpider.update_settings`, once the command line is read:

- **The archive's output.** A run that names no feed of its own (no ``-O``/``-o``, no
  ``FEEDS``) writes one JSON Lines file per run: ``NEWSCRAWL_OUTPUT_DIR`` /
  ``NEWSCRAWL_OUTPUT_NAME`` (relative folders are read from ``NEWSCRAWL_HOME``, see
  :mod:`newscrawl.home`). ``NEWSCRAWL_OUTPUT_DIR`` empty: no default output (what ``scrapy
  parse``, ``check`` and ``shell`` use). Under Scrapyd the archive's output is written as
  well as the items file Scrapyd asks for (``items_dir``): the archive never depends on
  how Scrapyd is configured.
- **Flat formats** (CSV) hold one record type per file, with that type's columns in
  contract order (Scrapy would take the header from the first record, a ticker headline,
  and drop every article field). A CSV feed without ``item_classes`` becomes one feed per
  type through Scrapy's own ``FEEDS`` options ``item_classes`` and ``fields``:
  ``-O out.csv`` writes ``out.article.csv``, ``out.ticker_headline.csv`` and
  ``out.related_link.csv`` (a type with no record writes no file). Lists (``authors``,
  ``tags``) are joined with :data:`LIST_SEPARATOR`; an empty cell is a null. ``-o`` appends
  rows without a second header.
- ``-o`` to an existing JSON or XML file (one document each) is refused: appended, it
  would no longer parse (:func:`problems`).
- **Per-type files on request.** ``NEWSCRAWL_SPLIT_OUTPUT = True`` splits every file feed
  the same way (JSON Lines included), for analysts who load one table per type; the
  combined file stays the default, because the archive's crash recovery reads an article
  and its related-news lines from the same file.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings
from w3lib.url import file_uri_to_path

from newscrawl import home
from newscrawl.items import RECORD_CLASSES

FLAT_FORMATS = frozenset({"csv"})  # built-in formats that hold one flat table
# Formats whose file is one document: lines appended by -o would make it invalid.
SINGLE_DOCUMENT = frozenset({"json", "xml"})
LIST_SEPARATOR = "|"  # how list fields (authors, tags) are written in a flat cell
SCRAPYD_RUNNER = "scrapyd.runner"  # the module Scrapyd starts crawls with (python -m)


def configure(settings: BaseSettings) -> None:
    """Anchor the folders, add the archive's output, split flat and per-type feeds."""
    home.anchor(settings)
    feeds: dict[str, Any] = {
        str(uri): dict(opts) for uri, opts in settings.getdict("FEEDS").items()
    }
    wanted = dict(feeds)
    if not feeds or under_scrapyd():
        wanted.update(default_feed(settings))
    split_all = settings.getbool("NEWSCRAWL_SPLIT_OUTPUT")
    wanted = {
        uri: options
        for template, opts in wanted.items()
        for uri, options in split(template, opts, split_all).items()
    }
    if wanted != feeds:
        priority = max(settings.getpriority("FEEDS") or 0, _spider_priority())
        settings.set("FEEDS", wanted, priority=priority)


UNIQUE_NAME_OPTION = "newscrawl_unique_name"


def default_feed(settings: BaseSettings) -> dict[str, dict[str, Any]]:
    """The archive's own output (none when ``NEWSCRAWL_OUTPUT_DIR`` is empty)."""
    folder = (settings.get("NEWSCRAWL_OUTPUT_DIR") or "").rstrip("/")
    if not folder:
        return {}
    name = settings.get("NEWSCRAWL_OUTPUT_NAME") or "%(name)s-%(time)s.jsonl"
    options = dict(settings.getdict("NEWSCRAWL_OUTPUT_FEED") or {"format": "jsonlines"})
    # One file per run: a run started in the same second as another (a rerun after a kill,
    # whose recovered output took the name) gets a name of its own, never the other's.
    options.setdefault(UNIQUE_NAME_OPTION, True)
    return {f"{folder}/{name}": options}


def split(uri: str, options: dict[str, Any], split_all: bool) -> dict[str, dict[str, Any]]:
    """One feed per record type for a flat format (or any format when ``split_all``), unless
    the feed already chooses its item classes."""
    fmt = str(options.get("format") or "")
    if options.get("item_classes") or options.get("item_filter"):
        return {uri: options}
    if fmt not in FLAT_FORMATS and not split_all:
        return {uri: options}
    feeds = {}
    for cls in RECORD_CLASSES:
        typed = typed_uri(uri, cls.record_type)
        export_kwargs = dict(options.get("item_export_kwargs") or {})
        if fmt in FLAT_FORMATS:
            export_kwargs.setdefault("join_multivalued", LIST_SEPARATOR)
            if not options.get("overwrite") and _has_content(typed):
                export_kwargs.setdefault("include_headers_line", False)  # -o: rows follow
        feeds[typed] = {
            **options,
            "item_classes": [f"{cls.__module__}.{cls.__qualname__}"],
            "fields": options.get("fields") or field_names(cls),
            "item_export_kwargs": export_kwargs,
        }
    return feeds


def problems(settings: BaseSettings) -> list[str]:
    """Feeds that cannot work: ``-o`` (append) to a JSON or XML file that exists."""
    found = []
    for uri, options in settings.getdict("FEEDS").items():
        fmt = str(options.get("format") or "")
        if fmt in SINGLE_DOCUMENT and not options.get("overwrite") and _has_content(str(uri)):
            found.append(
                f"-o would append to {uri}, one {fmt.upper()} document: the result would not"
                " be valid; use -O to replace it, or JSON Lines (.jsonl) to append"
            )
    return found


def _local_path(uri: str) -> Path | None:
    """The file of a local feed URI whose name is known before the crawl."""
    if "%(" in uri or urlsplit(uri).scheme not in ("", "file"):
        return None
    return Path(file_uri_to_path(uri) if uri.startswith("file:") else uri)


def _has_content(uri: str) -> bool:
    path = _local_path(uri)
    return path is not None and path.is_file() and path.stat().st_size > 0


def typed_uri(uri: str, record_type: str) -> str:
    """``out.csv`` -> ``out.article.csv``; a name without an extension gets one part more.
    (Not pathlib: it would fold the ``//`` of ``file:///...``.)"""
    folder, slash, name = uri.rpartition("/")
    stem, dot, extension = name.rpartition(".")
    if dot and stem and "%(" not in extension:
        return f"{folder}{slash}{stem}.{record_type}.{extension}"
    return f"{uri}.{record_type}"


def field_names(cls: type) -> list[str]:
    return [f.name for f in dataclasses.fields(cls)]


def under_scrapyd() -> bool:
    """This process is a crawl Scrapyd started (``python -m scrapyd.runner crawl ...``)."""
    spec = getattr(sys.modules.get("__main__"), "__spec__", None)
    return getattr(spec, "name", None) == SCRAPYD_RUNNER


def _spider_priority() -> int:
    return SETTINGS_PRIORITIES["spider"]
