"""The hostile web, built on the yemenshabab_ar mirror: broken pages and failure routes.

Every hostile page lives at ``/ar/sections/NEWS/Local/hostile-<name>`` (an article URL of the
site) and is linked from the site's RSS feed, together with links to private addresses; the
failure routes come from :mod:`newscrawl.mirror_faults`. Pages are derived from one real
article of the mirror (new URL, new title), so every field a good page has is known.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from newscrawl import mirror_faults as fault
from newscrawl.mirror import MirrorServer
from newscrawl.mirror_faults import Behaviour, Served

REPO = Path(__file__).resolve().parent.parent
SITE = "yemenshabab_ar"
ROOT = REPO / "fixtures" / SITE
REAL = "https://yemenshabab.net"
TEMPLATE_ID = "c2e3b2c7-16cb-5aef-8be5-9b4bc5d9f2bc"
TEMPLATE = ROOT / "articles" / "local" / f"{TEMPLATE_ID}.html"
TEMPLATE_TITLE = "عدن.. انقطاع الكهرباء يتجاوز 12 ساعة يومياً مع نفاد وقود المحطات"
TRUTH = json.loads((ROOT / "truth.json").read_text("utf-8"))
GOOD = TRUTH["articles"][f"/ar/sections/NEWS/Local/{TEMPLATE_ID}"]
HTML = "text/html; charset=utf-8"
MB = 1024 * 1024


def path(name: str) -> str:
    return f"/ar/sections/NEWS/Local/hostile-{name}"


def title(name: str) -> str:
    """Each hostile page's headline: Arabic, and names its case."""
    return f"صفحة اختبار {name}: تقرير عن أزمة الكهرباء في عدن"


def article(name: str, headline: str | None = None) -> str:
    """The template article at ``path(name)``, with its own headline and canonical URL (the
    site-wide ticker, which lists the template article, stays as it is)."""
    page = TEMPLATE.read_text("utf-8")
    start, end = page.index('<div class="breaking-news">'), page.index("<main")
    parts = [page[:start], page[end:]]
    head, rest = (
        part.replace(TEMPLATE_TITLE, headline or title(name)).replace(
            TEMPLATE_ID, f"hostile-{name}"
        )
        for part in parts
    )
    return head + page[start:end] + rest


# -- broken markup ----------------------------------------------------------------------


def truncated() -> bytes:
    page = article("truncated")
    cut = page.index("</p>", page.index('id="news-body"')) + len("</p>")
    return page[: cut + 40].encode()  # mid-way through the second paragraph's tag


def unclosed() -> bytes:
    """Legacy-CMS markup: no </p>, </li>, </span>, and an inline <b> never closed."""
    page = article("unclosed")
    page = re.sub(r"</(p|li|span)>", "", page)
    return page.replace("<p>تجاوزت", "<p><b>تجاوزت", 1).encode()


def no_body() -> bytes:
    page = article("no-body")
    return re.sub(r"</?(html|head|body)\b[^>]*>", "", page).encode()


def nested(levels: int) -> bytes:
    """The article wrapped in ``levels`` <div>s (5 MB for 450,000)."""
    page = article("nested")
    start = page.index('<article class="news-details"')
    end = page.index("</article>") + len("</article>")
    return (
        page[:start] + "<div>" * levels + page[start:end] + "</div>" * levels + page[end:]
    ).encode()


def ticker_only() -> bytes:
    page = article("ticker-only")
    ticker = page[page.index('<div class="breaking-news">') : page.index("<main")]
    head = "<!DOCTYPE html><html><head><meta charset='utf-8'></head>"
    return f"{head}<body>{ticker}</body></html>".encode()


def empty_body() -> bytes:
    page = article("empty-body")
    return re.sub(
        r'(<div class="post-content" id="news-body">).*?(</div>)', r"\1\2", page, flags=re.S
    ).encode()


def two_h1() -> bytes:
    """A logo <h1> with the site's name above the headline, and one in the sidebar."""
    page = article("two-h1")
    page = page.replace(
        '<ol class="breadcrumb">', '<h1 class="logo">يمن شباب نت</h1><ol class="breadcrumb">', 1
    )
    return page.replace(
        '<aside class="col-md-4 sidebar">',
        '<aside class="col-md-4 sidebar"><h1>الأكثر قراءة</h1>',
        1,
    ).encode()


# -- encodings --------------------------------------------------------------------------


def without_meta_charset(page: str) -> str:
    return re.sub(r"<meta charset=[^>]*>", "", page)


def mislabelled() -> tuple[bytes, str]:
    """windows-1256 bytes behind a header that says UTF-8 (the server's default)."""
    return without_meta_charset(article("mislabelled")).encode("cp1256"), HTML


def undeclared() -> tuple[bytes, str]:
    return without_meta_charset(article("undeclared")).encode("cp1256"), "text/html"


def bom_conflict() -> tuple[bytes, str]:
    """A UTF-8 BOM on UTF-8 bytes, behind a header that says windows-1256: the BOM wins."""
    page = without_meta_charset(article("bom-conflict")).encode()
    return b"\xef\xbb\xbf" + page, "text/html; charset=windows-1256"


def invalid_bytes() -> tuple[bytes, str]:
    """Two invalid UTF-8 sequences inside the last paragraph (a damaged page)."""
    page = article("invalid-bytes").encode()
    at = page.index("على غرار".encode())
    return page[:at] + b"\xff\xfe " + page[at:], HTML


BIDI = "\u200f\u202b\u200b\u2066\u2069\ufeff\u202c\u200e"  # stripped today
MORE_BIDI = "\u061c\u2060"  # Arabic letter mark, word joiner


def bidi(name: str, marks: str) -> bytes:
    headline = title(name)
    words = headline.split(" ")
    marked = " ".join(
        marks[i % len(marks)] + word + marks[-1 - i % len(marks)] for i, word in enumerate(words)
    )
    page = article(name, headline)
    return page.replace(
        f'<h1 class="post-title">{headline}</h1>', f'<h1 class="post-title">{marked}</h1>'
    ).encode()


# -- failure routes that need the request -----------------------------------------------


def endless_chain(handler: BaseHTTPRequestHandler, served: Served | None) -> None:
    """Redirect ``?n=N`` to ``?n=N+1``, forever."""
    query = parse_qs(urlsplit(handler.path).query)
    n = int(query.get("n", ["0"])[0]) + 1
    fault.redirect(f"{path('redirect-chain')}?n={n}")(handler, served)


def endless_listing(handler: BaseHTTPRequestHandler, served: Served | None) -> None:
    """Every page of the Files listing has a next page."""
    n = int(parse_qs(urlsplit(handler.path).query).get("page", ["1"])[0])
    page = (ROOT / "sections" / "files-1.html").read_text("utf-8")
    page = page.replace("?page=2", f"?page={n + 1}")
    fault.serve(page.encode(), HTML)(handler, served)


def calendar_day(handler: BaseHTTPRequestHandler, served: Served | None) -> None:
    """A day's archive page, as an article whose related news is the day before: an
    endless calendar."""
    day = int(re.search(r"hostile-day-(\d+)", handler.path).group(1))  # type: ignore[union-attr]
    page = article(f"day-{day}", f"أرشيف اليوم {day}: تقرير عن أزمة الكهرباء في عدن")
    page = re.sub(
        r'href="/ar/sections/NEWS/Local/c8f2bc40-23f1-52d7-9269-062ff2ea3408"',
        f'href="{path(f"day-{day - 1}")}"',
        page,
    )
    fault.serve(page.encode(), HTML)(handler, served)


# -- the feed ---------------------------------------------------------------------------


def rss(extra_links: list[str], base: str | None = None) -> bytes:
    """The site's feed with more entries (absolute URLs, real host or any other)."""
    feed = base or (ROOT / "rss.xml").read_text("utf-8")
    items = "".join(
        f"<item><title>خبر {i}</title><link>{link.replace('&', '&amp;')}</link></item>\n"
        for i, link in enumerate(extra_links)
    )
    return feed.replace("</channel>", items + "</channel>").encode()


# -- servers beside the mirror ----------------------------------------------------------


@dataclass
class Recorder:
    """A loopback server that records every request (path and headers) and answers 200
    (404 for robots.txt): an internal service that must never be reached, or an allowed
    second origin."""

    log: list[dict[str, str]] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None

    @property
    def origin(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def port(self) -> int:
        assert self.server is not None
        return int(self.server.server_address[1])


@contextmanager
def recorder() -> Iterator[Recorder]:
    rec = Recorder()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            rec.log.append({"path": self.path, **{k.lower(): v for k, v in self.headers.items()}})
            code = 404 if self.path == "/robots.txt" else 200
            body = b"<!DOCTYPE html><html><body><p>internal</p></body></html>"
            self.send_response(code)
            self.send_header("Content-Type", HTML)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    rec.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    rec.server.daemon_threads = True
    threading.Thread(target=rec.server.serve_forever, daemon=True).start()
    try:
        yield rec
    finally:
        rec.server.shutdown()
        rec.server.server_close()


def install(
    server: MirrorServer, routes: dict[str, Behaviour], patterns: dict[str, Behaviour]
) -> None:
    for target, behaviour in routes.items():
        server.misbehave(SITE, target, behaviour)
    for pattern, behaviour in patterns.items():
        server.misbehave_matching(SITE, pattern, behaviour)


Page = Callable[[], bytes]
