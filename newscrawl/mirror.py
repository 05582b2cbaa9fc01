"""Serve the offline mirrors under ``fixtures/`` over real HTTP on 127.0.0.1.

One port per site, because each mirror stands for a whole origin (root-relative links,
robots.txt at ``/robots.txt``). What a mirror answers is listed in its ``routes.json``:
request target -> file (bytes as on disk) and the exact ``Content-Type`` header, so a page
can declare its charset only in the header, or only in a ``<meta>`` tag, as real legacy
sites do. See ``fixtures/README.md``.

    python -m newscrawl.mirror --port 8000          # all sites on 8000, 8001, ...
    python -m newscrawl.mirror --site marebpress --port 0   # one site, any free port
    python -m newscrawl.mirror --rendition nextjs    # the same content in another template

A rendition (``fixtures/renditions/<site>/<name>/``) serves a site's content at the same
URLs in a structurally different template, to test the generic detectors on markup the
profiles were not written for; ``--rendition`` without ``--site`` serves every site that
has a rendition of that name.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import re
import sys
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

from newscrawl.mirror_faults import Behaviour, Served

logger = logging.getLogger(__name__)

FIXTURES_DIR = Path(__file__).resolve().parent.parent / "fixtures"
RENDITIONS = "renditions"  # fixtures/renditions/<site>/<rendition>/routes.json
LOOPBACK = "127.0.0.1"  # never listen beyond this machine


def route_key(target: str) -> str:
    """Request target with its query parameters sorted: `?b=1&a=2` and `?a=2&b=1` match."""
    parts = urlsplit(target)
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return f"{parts.path or '/'}?{query}" if query else (parts.path or "/")


@dataclass(frozen=True)
class Route:
    file: Path
    content_type: str


@dataclass(frozen=True)
class MirrorSite:
    """One mirrored site, as described by its folder's routes.json."""

    name: str
    root: Path
    base_url: str  # the REAL site this folder mirrors
    fetched_at: str  # the moment the mirror stands for (ISO 8601): tests freeze "now" there
    routes: Mapping[str, Route]

    @classmethod
    def load(cls, root: Path) -> MirrorSite:
        config = json.loads((root / "routes.json").read_text(encoding="utf-8"))
        routes = {
            route_key(target): Route(root / spec["file"], spec["content_type"])
            for target, spec in config["routes"].items()
        }
        missing = [str(r.file) for r in routes.values() if not r.file.is_file()]
        if missing:
            raise FileNotFoundError(f"{root}/routes.json names missing files: {missing}")
        return cls(config["site"], root, config["base_url"], config["fetched_at"], routes)


def available_sites(fixtures: Path = FIXTURES_DIR) -> list[str]:
    return sorted(p.parent.name for p in fixtures.glob("*/routes.json"))


def available_renditions(site: str, fixtures: Path = FIXTURES_DIR) -> list[str]:
    """Names of the renditions of one site's mirror (``[]`` when it has none)."""
    return sorted(p.parent.name for p in (fixtures / RENDITIONS / site).glob("*/routes.json"))


@dataclass
class Changes:
    """What a test changed on a served site: pages served differently, every answer an
    error status (a site that is down behind its web server), or failure routes
    (:mod:`newscrawl.mirror_faults`: a route, or every target matching a pattern)."""

    pages: dict[str, tuple[bytes, str | None]] = field(default_factory=dict)  # target -> body
    status: int | None = None  # every request answered with this status
    behaviours: dict[str, Behaviour] = field(default_factory=dict)  # target -> failure route
    patterns: list[tuple[re.Pattern[str], Behaviour]] = field(default_factory=list)

    def behaviour(self, key: str) -> Behaviour | None:
        if key in self.behaviours:
            return self.behaviours[key]
        return next((b for rx, b in self.patterns if rx.search(key)), None)


def _handler_for(
    site: MirrorSite, log: list[str], changes: Changes | None = None
) -> type[BaseHTTPRequestHandler]:
    changed = changes or Changes()

    class Handler(BaseHTTPRequestHandler):
        server_version = "newscrawl-mirror/1"

        def do_GET(self) -> None:
            self._answer(send_body=True)

        def do_HEAD(self) -> None:
            self._answer(send_body=False)

        def _answer(self, send_body: bool) -> None:
            log.append(self.path)  # list.append is atomic: safe across handler threads
            key = route_key(self.path)
            route = site.routes.get(key)
            behaviour = changed.behaviour(key)
            if behaviour is not None:  # a failure route answers (or not) by itself
                behaviour(self, self._served(key, route))
                return
            if changed.status is not None:
                status, ctype = HTTPStatus(changed.status), "text/html; charset=utf-8"
                body = f"<html><body><h1>{changed.status}</h1></body></html>".encode()
            elif key in changed.pages:
                body, ctype_or_none = changed.pages[key]
                status = HTTPStatus.OK
                ctype = ctype_or_none or (route.content_type if route else "text/html")
            elif route is None:
                status, ctype = HTTPStatus.NOT_FOUND, "text/html; charset=utf-8"
                body = b"<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>"
            else:
                status, ctype, body = HTTPStatus.OK, route.content_type, route.file.read_bytes()
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if send_body:
                self.wfile.write(body)

        def _served(self, key: str, route: Route | None) -> Served | None:
            if key in changed.pages:
                body, ctype = changed.pages[key]
                return Served(body, ctype or (route.content_type if route else "text/html"))
            return Served(route.file.read_bytes(), route.content_type) if route else None

        def log_message(self, format: str, *args: object) -> None:
            logger.debug("%s %s: " + format, site.name, self.address_string(), *args)

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hangs up (its timeout, its size limit) is what the failure routes
        test: no traceback for it."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class MirrorServer:
    """Serves sites on loopback, one thread and one port each. Use as a context manager."""

    def __init__(self, sites: Iterable[MirrorSite], port: int = 0) -> None:
        self.sites = {site.name: site for site in sites}
        self._servers: dict[str, ThreadingHTTPServer] = {}
        self._first_port = port
        # Request targets each site was asked for, in order: tests check what was fetched.
        self.requests: dict[str, list[str]] = {name: [] for name in self.sites}
        self.changes: dict[str, Changes] = {name: Changes() for name in self.sites}

    def start(self) -> MirrorServer:
        for offset, site in enumerate(self.sites.values()):
            port = self._first_port + offset if self._first_port else 0
            server = _Server(
                (LOOPBACK, port),
                _handler_for(site, self.requests[site.name], self.changes[site.name]),
            )
            threading.Thread(
                target=server.serve_forever, name=f"mirror-{site.name}", daemon=True
            ).start()
            self._servers[site.name] = server
        return self

    def url(self, name: str) -> str:
        port = self._servers[name].server_address[1]
        return f"http://{LOOPBACK}:{port}"

    def override(
        self, name: str, target: str, body: bytes, content_type: str | None = None
    ) -> None:
        """Serve ``body`` at ``target`` from now on (a page that changed since the last
        crawl); the route's own Content-Type unless one is given."""
        self.changes[name].pages[route_key(target)] = (body, content_type)

    def page(self, name: str, target: str) -> bytes:
        """What the site serves at ``target`` now (bytes as on disk, or the override)."""
        key = route_key(target)
        if key in self.changes[name].pages:
            return self.changes[name].pages[key][0]
        return self.sites[name].routes[key].file.read_bytes()

    def fail_all(self, name: str, status: int = 500) -> None:
        """Answer every request of the site with this error status."""
        self.changes[name].status = status

    def misbehave(self, name: str, target: str, behaviour: Behaviour) -> None:
        """Answer ``target`` with a failure route (:mod:`newscrawl.mirror_faults`)."""
        self.changes[name].behaviours[route_key(target)] = behaviour

    def misbehave_matching(self, name: str, pattern: str, behaviour: Behaviour) -> None:
        """Answer every request target matching the regex ``pattern`` with a failure route
        (an endless calendar, every page of a listing)."""
        self.changes[name].patterns.append((re.compile(pattern), behaviour))

    def reset(self, name: str) -> None:
        """Serve the site as on disk again."""
        changes = self.changes[name]  # the handler holds this object: change it in place
        changes.pages.clear()
        changes.status = None
        changes.behaviours.clear()
        changes.patterns.clear()

    @property
    def urls(self) -> dict[str, str]:
        return {name: self.url(name) for name in self._servers}

    def stop(self) -> None:
        for server in self._servers.values():
            server.shutdown()
            server.server_close()
        self._servers.clear()

    def __enter__(self) -> MirrorServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def load_sites(
    names: Iterable[str] | None = None,
    fixtures: Path = FIXTURES_DIR,
    rendition: str | None = None,
) -> list[MirrorSite]:
    """The chosen sites' mirrors (all by default), or their rendition ``rendition``."""
    available = available_sites(fixtures)
    chosen = list(names or available)
    unknown = sorted(set(chosen) - set(available))
    if unknown:
        raise SystemExit(
            f"unknown mirror site(s): {', '.join(unknown)}; available: {', '.join(available)}"
        )
    if rendition is None:
        return [MirrorSite.load(fixtures / name) for name in chosen]
    lacking = [name for name in chosen if rendition not in available_renditions(name, fixtures)]
    if lacking:
        offer = "; ".join(
            f"{name}: {', '.join(available_renditions(name, fixtures)) or 'none'}"
            for name in lacking
        )
        raise SystemExit(f"no rendition {rendition!r} of {', '.join(lacking)}; available: {offer}")
    return [MirrorSite.load(fixtures / RENDITIONS / name / rendition) for name in chosen]


def sites_with_rendition(rendition: str, fixtures: Path = FIXTURES_DIR) -> list[str]:
    return [s for s in available_sites(fixtures) if rendition in available_renditions(s, fixtures)]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m newscrawl.mirror",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--port",
        type=int,
        default=8000,
        help="port of the first site; the next sites take the next ports (0: any free)",
    )
    parser.add_argument("--site", action="append", help="serve only this site (repeatable)")
    parser.add_argument("--fixtures", type=Path, default=FIXTURES_DIR, help="mirrors folder")
    parser.add_argument(
        "--rendition",
        help="serve this rendition of the sites' content instead of the mirror itself",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    names = args.site
    if args.rendition and not names:
        names = sites_with_rendition(args.rendition, args.fixtures)
        if not names:
            raise SystemExit(f"no site has a rendition {args.rendition!r}")
    sites = load_sites(names, args.fixtures, args.rendition)
    # A rendition is there to test the generic detectors: crawl it without profile selectors.
    extra = " -s NEWSCRAWL_PROFILE_SELECTORS=False" if args.rendition else ""
    with MirrorServer(sites, port=args.port) as server:
        for name, url in server.urls.items():
            print(f"{name}\t{url}/\tscrapy crawl {name} -a base_url={url}{extra}", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
