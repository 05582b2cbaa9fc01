"""Article extraction benchmark: newscrawl's generic path against trafilatura.

Runs over the fundus parser test pages (``<repo>/../shared/corpus/fundus`` by default):
``<country>/<Publisher>_<YYYY_MM_DD>.html.gz`` pages, ``<country>/<Publisher>.json``
expected values keyed by parser version (the n-th oldest page <-> the n-th version key, in
version order), ``<country>/meta.info`` (file -> url, crawl_date).

Measures, per extractor: title exact match (whitespace-normalized), date accuracy (same
calendar day in the expected date's offset; same instant when both carry a time), body
precision/recall/F1 over 4-word shingles (expected body = summary + section headlines +
paragraphs) and median milliseconds per page. Usage::

    .venv/bin/python benchmarks/extraction.py [--corpus PATH] [--worst N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import trafilatura  # noqa: E402

from newscrawl import extract_page  # noqa: E402
from newscrawl.extract.decode import decode_html  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "fundus"
SHINGLE = 4
# Han and kana have no spaces between words: each character is a token there.
_TOKEN_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]|\w+", re.UNICODE)
_VERSION_RE = re.compile(r"^V(\d+)(?:_(\d+))?")
TRAFILATURA_SETTING = "bare_extraction defaults (with_metadata=True)"


@dataclass
class Page:
    path: Path
    url: str
    crawl_date: datetime
    expected: dict
    language: str = ""


@dataclass
class Result:
    title_ok: bool
    date_ok: bool
    precision: float
    recall: float
    f1: float
    ms: float


@dataclass
class Extracted:
    title: str | None
    date: tuple[datetime | date, bool] | None  # (value, has time) in the expected's offset
    body: str


@dataclass
class Totals:
    results: list[Result] = field(default_factory=list)

    def median_ms(self) -> float:
        return statistics.median(r.ms for r in self.results)

    def row(self) -> str:
        n = len(self.results)
        if not n:
            return "   n/a"

        def mean(values: list[float]) -> float:
            return sum(values) / n

        return (
            f"{n:4d} {mean([r.title_ok for r in self.results]):7.1%} "
            f"{mean([r.date_ok for r in self.results]):7.1%} "
            f"{mean([r.precision for r in self.results]):6.3f} "
            f"{mean([r.recall for r in self.results]):6.3f} "
            f"{mean([r.f1 for r in self.results]):6.3f} "
            f"{statistics.median(r.ms for r in self.results):8.1f}"
        )


# --- corpus -------------------------------------------------------------------------------


def _version_key(key: str) -> tuple[int, int]:
    match = _VERSION_RE.match(key)
    return (int(match.group(1)), int(match.group(2) or 0)) if match else (0, 0)


def load_corpus(root: Path) -> list[Page]:
    """Pages with their expected values; versions and pages both sorted oldest first."""
    pages: list[Page] = []
    for expected_file in sorted(root.glob("*/*.json")):
        publisher = expected_file.stem
        folder = expected_file.parent
        meta = json.loads((folder / "meta.info").read_text(encoding="utf-8"))
        versions = json.loads(expected_file.read_text(encoding="utf-8"))
        htmls = sorted(folder.glob(f"{publisher}_*.html.gz"), key=lambda p: p.name)
        keys = sorted(versions, key=_version_key)
        if len(keys) != len(htmls):
            print(f"skip {publisher}: {len(htmls)} pages, {len(keys)} versions", file=sys.stderr)
            continue
        for html, key in zip(htmls, keys, strict=True):
            info = meta.get(html.name, {})
            crawl = datetime.fromisoformat(info.get("crawl_date", "2000-01-01 00:00:00"))
            pages.append(Page(html, info.get("url", ""), crawl, versions[key]))
    return pages


def expected_body(expected: dict) -> str:
    body = expected.get("body") or {}
    texts = list(body.get("summary") or [])
    for section in body.get("sections") or []:
        texts += section.get("headline") or []
        texts += section.get("paragraphs") or []
    return "\n".join(texts)


# --- metrics ------------------------------------------------------------------------------


def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = [t.casefold() for t in _TOKEN_RE.findall(text)]
    if len(tokens) < SHINGLE:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))


def prf(ours: str, expected: str) -> tuple[float, float, float]:
    got, want = shingles(ours), shingles(expected)
    if not want:
        return (1.0, 1.0, 1.0) if not got else (0.0, 1.0, 0.0)
    common = sum((got & want).values())
    precision = common / sum(got.values()) if got else 0.0
    recall = common / sum(want.values())
    f1 = 2 * precision * recall / (precision + recall) if common else 0.0
    return precision, recall, f1


def _norm_ws(text: str | None) -> str:
    return " ".join((text or "").split())


def _expected_when(expected: dict) -> datetime | None:
    raw = expected.get("publishing_date")
    return datetime.fromisoformat(raw) if raw else None


def _zone_name(when: datetime) -> str:
    """An IANA name for the expected date's offset (Etc/GMT-3 is UTC+3), UTC otherwise."""
    offset = when.utcoffset() or timedelta(0)
    hours, rest = divmod(int(offset.total_seconds()), 3600)
    if rest or not offset:
        return "UTC"
    return f"Etc/GMT{-hours:+d}"


def date_matches(got: tuple[datetime | date, bool] | None, want: datetime | None) -> bool:
    if want is None:
        return got is None
    if got is None:
        return False
    value, with_time = got
    if with_time and isinstance(value, datetime) and want.tzinfo and want.hour + want.minute:
        return abs((value - want).total_seconds()) < 60
    if isinstance(value, datetime):
        value = value.astimezone(want.tzinfo).date() if value.tzinfo else value.date()
    return value == want.date()


def parse_trafilatura(raw: str | None) -> tuple[date, bool] | None:
    try:
        return (date.fromisoformat(raw[:10]), False) if raw else None
    except ValueError:
        return None


# --- extractors ---------------------------------------------------------------------------


def run_ours(html: str, page: Page) -> Extracted:
    """The whole page as a crawl reads it: ticker, article, related list, dates chosen and
    normalized (no profile: the site's zone is unknown, so a printed time without its own
    offset gives the date only)."""
    records = extract_page(html, page.url, now=page.crawl_date.astimezone())
    article = next((r for r in records if r["type"] == "article"), None)
    if article is None:
        return Extracted(None, None, "")
    when: tuple[datetime | date, bool] | None = None
    if article["published_at"]:
        when = datetime.fromisoformat(article["published_at"]), True
    elif article["published_date"]:
        when = date.fromisoformat(article["published_date"]), False
    return Extracted(article["title"], when, article["body"].replace("\n\n", "\n"))


def run_trafilatura(html: str, page: Page) -> Extracted:
    doc = trafilatura.bare_extraction(html, url=page.url, with_metadata=True)
    if doc is None:
        return Extracted(None, None, "")
    return Extracted(doc.title, parse_trafilatura(doc.date), doc.text or "")


def score(page: Page, html: str, extractor: Callable[[str, Page], Extracted]) -> Result:
    start = time.perf_counter()
    got = extractor(html, page)
    ms = (time.perf_counter() - start) * 1000
    p, r, f = prf(got.body, expected_body(page.expected))
    title_ok = _norm_ws(got.title) == _norm_ws(page.expected.get("title"))
    date_ok = date_matches(got.date, _expected_when(page.expected))
    return Result(title_ok, date_ok, p, r, f, ms)


# --- report -------------------------------------------------------------------------------

_LANG_RE = re.compile(rb"<html[^>]*?\slang=[\"']?([A-Za-z]{2,3})", re.IGNORECASE)


def page_language(raw: bytes) -> str:
    match = _LANG_RE.search(raw[:20000])
    return match.group(1).decode().lower() if match else "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--worst", type=int, default=10)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"corpus not found at {args.corpus}: nothing to measure (skipped)")
        return 0
    pages = load_corpus(args.corpus)
    extractors = {"newscrawl": run_ours, "trafilatura": run_trafilatura}
    groups: dict[str, dict[str, Totals]] = {}
    worst: list[tuple[float, str, Result]] = []
    for number, page in enumerate(pages):
        raw = gzip.decompress(page.path.read_bytes())
        page.language = page_language(raw)
        # fundus stores pages as UTF-8 text (their <meta> may still name the original charset).
        html = decode_html(raw, "text/html; charset=utf-8")
        # Whichever extractor reads a page second finds it warm in the CPU's caches: take
        # turns at going first, so neither gets that advantage.
        turns = list(extractors.items())
        for name, extractor in turns if number % 2 == 0 else reversed(turns):
            result = score(page, html, extractor)
            for group in ("all", page.language):
                groups.setdefault(group, {}).setdefault(name, Totals()).results.append(result)
            if name == "newscrawl":
                worst.append((result.f1, f"{page.path.parent.name}/{page.path.name}", result))
    print(f"{len(pages)} pages from {args.corpus}; trafilatura: {TRAFILATURA_SETTING}")
    print(
        f"{'group':6} {'extractor':12} {'n':>4} {'title':>7} {'date':>7} "
        f"{'P':>6} {'R':>6} {'F1':>6} {'ms/page':>8}"
    )
    order = ["all", "en", "ar", *sorted(g for g in groups if g not in ("all", "en", "ar"))]
    for group in order:
        for name in extractors:
            totals = groups.get(group, {}).get(name, Totals())
            print(f"{group:6} {name:12} {totals.row()}")
    ours, theirs = (groups["all"][name].median_ms() for name in extractors)
    print(
        f"\nspeed: newscrawl's whole page (ticker, article, related, dates) {ours:.1f} ms"
        f" against trafilatura's extraction {theirs:.1f} ms (median): {ours / theirs:.2f}x"
    )
    print(f"\n{args.worst} worst pages by body F1 (newscrawl):")
    for f1, name, result in sorted(worst)[: args.worst]:
        print(f"  F1 {f1:.3f}  P {result.precision:.3f}  R {result.recall:.3f}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
