"""Ticker and related-news segmentation benchmark: generic detectors against hand annotations.

Reads every ``benchmarks/segmentation/annotations/*.json`` (one file per annotation group;
rules and format in ``benchmarks/segmentation/RULES.md``). Keys ``fundus/<country>/<file>``
are pages of the fundus corpus (``<repo>/../shared/corpus/fundus`` by default, URL and crawl
date in ``<country>/meta.info``); keys ``pages/<file>`` are pages stored in
``benchmarks/segmentation/pages/`` (URL in its ``meta.json``).

For each page, runs ``newscrawl.extract_page(raw, url, site=None, now=crawl_date)`` and matches
the predicted ``ticker_headline`` / ``related_link`` records with the annotation: by
normalized URL, or by normalized title when either side has no URL; each annotated entry
matches at most once. Reports micro precision / recall / F1 per field, the share of pages
annotated with neither list that still get a prediction, F1 per country folder and the worst
pages. Usage::

    .venv/bin/python benchmarks/segmentation.py [--corpus PATH] [--worst N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from w3lib.url import canonicalize_url  # noqa: E402

import newscrawl  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "fundus"
HERE = REPO / "benchmarks" / "segmentation"
ANNOTATIONS = HERE / "annotations"
PAGES = HERE / "pages"
FIELDS = {"ticker": "ticker_headline", "related": "related_link"}
# Query parameters that say where a click came from, not which article it opens.
_TRACKING_RE = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|xtor|at_\w+|wt_\w+|ns_\w+|"
    r"cmpid|icid|ocid|ref|ref_src|referer|source|src|from|share|smid|partner|yclid|_ga)$",
    re.IGNORECASE,
)


@dataclass
class Entry:
    title: str
    url: str | None


@dataclass
class Page:
    key: str
    group: str
    language: str  # the country folder; "external" for pages/
    path: Path
    url: str
    crawl_date: datetime
    content_type: str | None
    want: dict[str, list[Entry]]


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    pages_predicted: int = 0
    pages_annotated: int = 0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.pages_predicted += other.pages_predicted
        self.pages_annotated += other.pages_annotated

    def prf(self) -> tuple[float, float, float]:
        # Nothing predicted (or nothing to find) scores 1.0 on that side, not a division by zero.
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


@dataclass
class PageResult:
    page: Page
    got: dict[str, list[Entry]]
    scores: dict[str, Score]
    ms: float
    error: str | None = None
    misses: dict[str, tuple[list[Entry], list[Entry]]] = field(default_factory=dict)

    @property
    def errors(self) -> int:
        return sum(s.fp + s.fn for s in self.scores.values())


# --- normalization and matching ------------------------------------------------------------


def norm_title(title: str | None) -> str:
    return " ".join((title or "").split()).casefold()


def norm_url(url: str | None) -> str | None:
    """Scheme, ``www.``, trailing slash, fragment and tracking parameters do not count."""
    if not url:
        return None
    try:
        canonical = canonicalize_url(url.strip(), keep_fragments=False)
    except ValueError:
        canonical = url.strip()
    parts = urlsplit(canonical)
    host = (parts.hostname or "").casefold().removeprefix("www.")
    if parts.port:
        host = f"{host}:{parts.port}"
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    query = [(k, v) for k, v in pairs if not _TRACKING_RE.match(k)]
    path = parts.path.rstrip("/")
    return f"{host}{path}" + (f"?{urlencode(query)}" if query else "")


def match(got: list[Entry], want: list[Entry]) -> tuple[int, list[Entry], list[Entry]]:
    """(true positives, unmatched predictions, unmatched annotations)."""
    free = list(range(len(want)))
    wanted = [(norm_url(w.url), norm_title(w.title)) for w in want]
    false_pos: list[Entry] = []
    tp = 0
    for entry in got:
        url, title = norm_url(entry.url), norm_title(entry.title)
        for i in free:
            w_url, w_title = wanted[i]
            same = url == w_url if url and w_url else bool(title) and title == w_title
            if same:
                free.remove(i)
                tp += 1
                break
        else:
            false_pos.append(entry)
    return tp, false_pos, [want[i] for i in free]


# --- loading -------------------------------------------------------------------------------


def _entries(raw: Any, base: str) -> list[Entry]:
    out: list[Entry] = []
    for item in raw if isinstance(raw, list) else []:
        if isinstance(item, dict):
            url = item.get("url")
            out.append(Entry(str(item.get("title") or ""), urljoin(base, url) if url else None))
    return out


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:  # a file another annotator is still writing
        print(f"skip {path.name}: {exc}", file=sys.stderr)
        return {}
    return data if isinstance(data, dict) else {}


def _crawl_date(raw: str | None) -> datetime:
    when = datetime.fromisoformat(raw) if raw else datetime(2000, 1, 1)
    return when if when.tzinfo else when.replace(tzinfo=UTC)


class Locator:
    """Finds a key's HTML file and its URL / crawl date; caches each meta file."""

    def __init__(self, corpus: Path) -> None:
        self.corpus = corpus
        self.metas: dict[Path, dict[str, Any]] = {}

    def meta(self, path: Path) -> dict[str, Any]:
        if path not in self.metas:
            self.metas[path] = _read_json(path) if path.is_file() else {}
        return self.metas[path]

    def find(self, key: str) -> tuple[Path, dict[str, Any], str, str | None] | None:
        """(html path, meta entry, language, content type), or None when not available."""
        parts = key.split("/")
        if parts[0] == "fundus" and len(parts) == 3:
            folder = self.corpus / parts[1]
            # fundus stores pages as UTF-8 text (their <meta> may still name the old charset).
            found = (folder / parts[2], self.meta(folder / "meta.info"), parts[1], "utf-8")
        elif parts[0] == "pages" and len(parts) == 2:
            found = (PAGES / parts[1], self.meta(PAGES / "meta.json"), "external", None)
        else:
            return None
        path, meta, language, charset = found
        info = meta.get(path.name)
        if not path.is_file() or not isinstance(info, dict) or not info.get("url"):
            return None
        content_type = f"text/html; charset={charset}" if charset else None
        return path, info, language, content_type


def load_pages(corpus: Path) -> tuple[list[Page], dict[str, tuple[int, int]]]:
    """Annotated pages that can be scored, and per group (annotated, scorable) counts."""
    locator = Locator(corpus)
    pages: list[Page] = []
    counts: dict[str, tuple[int, int]] = {}
    seen: set[str] = set()
    for path in sorted(ANNOTATIONS.glob("*.json")):
        group, annotated, usable = path.stem, 0, 0
        for key, value in sorted(_read_json(path).items()):
            if not isinstance(value, dict):
                continue
            annotated += 1
            found = locator.find(key)
            if found is None or key in seen:
                continue
            seen.add(key)
            usable += 1
            html, info, language, content_type = found
            url = str(info["url"])
            want = {name: _entries(value.get(name), url) for name in FIELDS}
            crawl = _crawl_date(info.get("crawl_date"))
            pages.append(Page(key, group, language, html, url, crawl, content_type, want))
        counts[group] = (annotated, usable)
    return pages, counts


# --- scoring -------------------------------------------------------------------------------


def predict(page: Page) -> tuple[dict[str, list[Entry]], float, str | None]:
    raw = page.path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    got: dict[str, list[Entry]] = {name: [] for name in FIELDS}
    start = time.perf_counter()
    try:
        records = newscrawl.extract_page(
            raw, page.url, site=None, content_type=page.content_type, now=page.crawl_date
        )
    except Exception as exc:  # one broken page must not hide the others' figures
        return got, (time.perf_counter() - start) * 1000, f"{type(exc).__name__}: {exc}"
    ms = (time.perf_counter() - start) * 1000
    by_type = {kind: name for name, kind in FIELDS.items()}
    for record in sorted(records, key=lambda r: r.get("position") or 0):
        name = by_type.get(record.get("type", ""))
        if name:
            got[name].append(Entry(record.get("title") or "", record.get("url")))
    return got, ms, None


def score_page(page: Page) -> PageResult:
    got, ms, error = predict(page)
    result = PageResult(page, got, {}, ms, error)
    for name in FIELDS:
        tp, false_pos, false_neg = match(got[name], page.want[name])
        result.scores[name] = Score(
            tp, len(false_pos), len(false_neg), int(bool(got[name])), int(bool(page.want[name]))
        )
        result.misses[name] = (false_pos, false_neg)
    return result


# --- report --------------------------------------------------------------------------------


def _titles(entries: list[Entry], limit: int = 3, width: int = 40) -> str:
    shown = [repr(e.title[:width] + ("…" if len(e.title) > width else "")) for e in entries]
    more = f" +{len(shown) - limit}" if len(shown) > limit else ""
    return ", ".join(shown[:limit]) + more


def worst_line(result: PageResult) -> str:
    parts = []
    for name in FIELDS:
        got, want = len(result.got[name]), len(result.page.want[name])
        if not got and not want:
            continue
        false_pos, false_neg = result.misses[name]
        text = f"{name} got {got}/want {want}"
        if false_pos:
            text += f" +[{_titles(false_pos)}]"
        if false_neg:
            text += f" -[{_titles(false_neg)}]"
        parts.append(text)
    if result.error:
        parts.append(f"ERROR {result.error}")
    return f"  {result.errors:3d}  {result.page.key}: " + "; ".join(parts)


def print_fields(results: list[PageResult]) -> None:
    print(f"\n{'field':8} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5} pages got/want")
    for name in FIELDS:
        total = Score()
        for result in results:
            total.add(result.scores[name])
        empty = not (total.tp or total.fp or total.fn)
        figures = ["n/a"] * 3 if empty else [f"{x:.3f}" for x in total.prf()]
        print(
            f"{name:8} {figures[0]:>6} {figures[1]:>6} {figures[2]:>6} "
            f"{total.tp:5d} {total.fp:5d} {total.fn:5d} "
            f"{total.pages_predicted:5d}/{total.pages_annotated}"
        )


def print_quiet_pages(results: list[PageResult]) -> None:
    quiet = [r for r in results if not any(r.page.want.values())]
    noisy = [r for r in quiet if any(r.got.values())]
    share = len(noisy) / len(quiet) if quiet else 0.0
    print(
        f"\npages annotated with neither ticker nor related: {len(quiet)}; with any prediction: "
        f"{len(noisy)} ({share:.1%}; target <= 5%)"
    )


def print_languages(results: list[PageResult]) -> None:
    print(f"\n{'language':9} {'pages':>5} {'ticker F1':>10} {'related F1':>11}")
    for language in sorted({r.page.language for r in results}):
        mine = [r for r in results if r.page.language == language]
        figures = []
        for name in FIELDS:
            total = Score()
            for result in mine:
                total.add(result.scores[name])
            # Nothing annotated and nothing predicted: no figure, not a flattering 1.0.
            empty = not (total.tp or total.fp or total.fn)
            figures.append("n/a" if empty else f"{total.prf()[2]:.3f}")
        print(f"{language:9} {len(mine):5d} {figures[0]:>10} {figures[1]:>11}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--worst", type=int, default=10)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"fundus corpus not found at {args.corpus}: its pages are skipped (pages/ only)")
    pages, counts = load_pages(args.corpus)
    print("annotated pages per group (scored / annotated):")
    for group, (annotated, usable) in counts.items():
        print(f"  {group:12} {usable:4d} / {annotated}")
    if not pages:
        print("no annotated page available: nothing to measure")
        return 0
    results = [score_page(page) for page in pages]
    failed = [r for r in results if r.error]
    timings = [r.ms for r in results]
    print(
        f"\n{len(results)} pages; extract_page median {statistics.median(timings):.1f} ms, "
        f"max {max(timings):.1f} ms; {len(failed)} raised"
    )
    print_fields(results)
    print_quiet_pages(results)
    print_languages(results)
    ranked = sorted(results, key=lambda r: (-r.errors, r.page.key))
    ranked = [r for r in ranked if r.errors or r.error][: args.worst]
    print(f"\n{len(ranked)} worst pages (false positives + false negatives):")
    for result in ranked:
        print(worst_line(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
