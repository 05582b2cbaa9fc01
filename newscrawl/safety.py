"""A crawler on an archive's server is an attack surface: what a hostile site cannot make it do.

- :class:`NetworkSafety` (a downloader middleware, first in the chain, and a
  ``request_scheduled`` handler like Scrapy's own ``OffsiteMiddleware``): no request, link
  or redirect reaches a loopback, private, link-local, carrier-grade NAT, multicast or
  reserved address (127.0.0.0/8, 10/8, 172.16/12, 192.168/16, 169.254.169.254 and the other
  cloud metadata addresses, ``::1``, ``fc00::/7``, IPv4-mapped IPv6...), unless its host and
  port are the mirror origin given with ``-a base_url`` or listed in
  ``NEWSCRAWL_ALLOWED_PRIVATE_ORIGINS``. Host names are resolved first, with the crawl's own
  (caching) resolver, so a name that resolves to 127.0.0.1 is loopback too.
  A redirect off the site is dropped even after a retry (Scrapy's retry sets
  ``dont_filter``, which also switches its offsite filter off for the redirect).
- :class:`RedirectCredentials`: a redirect to another origin (scheme, host, port) carries
  no ``Cookie`` and no ``Authorization`` header. Scrapy's ``RedirectMiddleware`` already
  drops them from the redirected request when the host (cookies) or origin (authorization)
  changes, but the redirected request then goes through the downloader middlewares again:
  ``DefaultHeadersMiddleware`` puts back an ``Authorization`` set in
  ``DEFAULT_REQUEST_HEADERS``, and the cookie jar sends a host's cookies to its other ports
  (RFC 6265 cookies ignore ports). This runs after both.
- :class:`SafeFeeds` (a spider middleware): a feed is read only if ``defusedxml`` finds no
  entity declaration and no external reference in it, so a billion-laughs expansion or an
  external entity (``file:///etc/passwd``) is refused, recorded and never expanded or read
  (parsel's lxml parser does not resolve entities either: this is the second lock, and the
  one that says so). A malformed feed is counted and read as far as lxml can recover it;
  a feed that lists itself is counted (the duplicate filter keeps it from looping).
"""

from __future__ import annotations

import ipaddress
import logging
from typing import Any, cast
from urllib.parse import urlsplit
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as defused_fromstring
from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.offsite import OffsiteMiddleware
from scrapy.http import Response, XmlResponse
from scrapy.utils.defer import maybe_deferred_to_future

from newscrawl.failures import FailureLog, Refused

logger = logging.getLogger(__name__)

DEFAULT_PORTS = {"http": 80, "https": 443}
CREDENTIAL_HEADERS = (b"Cookie", b"Authorization")


class UnsafeAddress(Refused):
    reason = "unsafe_address"


class UnsafeXml(Refused):
    reason = "unsafe_xml"


class OffsiteRedirect(Refused):
    reason = "offsite_redirect"


def origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    return scheme, (parts.hostname or "").lower(), parts.port or DEFAULT_PORTS.get(scheme)


def is_public(address: str) -> bool:
    """Is this IP address one the open internet routes to (not loopback, private, link
    local, shared, reserved or multicast)?"""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def ip_literal(host: str) -> str | None:
    try:
        return str(ipaddress.ip_address(host.strip("[]")))
    except ValueError:
        return None


class NetworkSafety:
    """Refuse requests to addresses that are not on the open internet (see the module)."""

    def __init__(self, crawler: Crawler, extra: list[str]) -> None:
        self.crawler = crawler
        self.extra = [origin(url)[1:] for url in extra]
        self.logged: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> NetworkSafety:
        extra = crawler.settings.getlist("NEWSCRAWL_ALLOWED_PRIVATE_ORIGINS")
        middleware = cls(crawler, extra)
        crawler.signals.connect(middleware.request_scheduled, signal=signals.request_scheduled)
        return middleware

    def allowed(self) -> set[tuple[str, int | None]]:
        """(host, port) pairs that may be private: the mirror origin and the listed ones."""
        args = getattr(self.crawler.spider, "args", None)
        base_url = getattr(args, "base_url", None)
        mirror = [origin(base_url)[1:]] if base_url else []
        return set(mirror + self.extra)

    def request_scheduled(self, request: Request) -> None:
        """Links and redirects to an IP address are refused before they are even queued
        (Scrapy's offsite filter works here too, and would drop most of them silently)."""
        _, host, port = origin(request.url)
        address = ip_literal(host)
        if address is not None:
            self._check(request, host, port, address, record=True)
        if request.meta.get("redirect_urls"):
            self._stay_on_site(request)

    def _stay_on_site(self, request: Request) -> None:
        """A redirect leaves the site only where the offsite filter allows. Scrapy's filter
        lets every ``dont_filter`` request through, and its retry sets ``dont_filter`` on
        each retry: a page that answers 503 once, then redirects anywhere, would take the
        crawl off the site (and read a stranger's page as the site's article)."""
        offsite = self.crawler.get_downloader_middleware(OffsiteMiddleware)
        spider = self.crawler.spider
        if offsite is None or spider is None or request.meta.get("allow_offsite"):
            return
        if offsite.should_follow(request, spider):
            return
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value("newscrawl/safety/offsite_redirects")
        message = f"redirected off the site to {request.url}"
        FailureLog.of(self.crawler).record(request, OffsiteRedirect.reason, message)
        raise OffsiteRedirect(message)

    async def process_request(self, request: Request) -> None:
        _, host, port = origin(request.url)
        if not host:
            return
        address = ip_literal(host)
        if address is None:
            address = await self._resolve(host)
        if address is not None:
            self._check(request, host, port, address, record=False)

    async def _resolve(self, host: str) -> str | None:
        from twisted.internet import reactor

        try:
            resolved = cast(Any, reactor).resolve(host)  # the crawl's caching resolver
            return str(await maybe_deferred_to_future(resolved))
        except Exception:  # the download will fail the same way, and say so
            return None

    def _check(
        self, request: Request, host: str, port: int | None, address: str, record: bool
    ) -> None:
        if is_public(address) or (host, port) in self.allowed():
            return
        shown = host if host == address else f"{host} ({address})"
        message = f"{shown}:{port} is not a public address: refused"
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value("newscrawl/safety/refused")
        if host not in self.logged:
            self.logged.add(host)
            logger.warning("refused %s: %s", request.url, message)
        if record:  # dropped before the downloader: no errback will see it
            FailureLog.of(self.crawler).record(request, UnsafeAddress.reason, message)
        raise UnsafeAddress(message)


class RedirectCredentials:
    """No Cookie or Authorization header on a redirect that leaves the first origin."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.logged: set[tuple[str, str, int | None]] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedirectCredentials:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        chain = request.meta.get("redirect_urls")
        if not chain or origin(request.url) == origin(chain[0]):
            return
        removed = [name for name in CREDENTIAL_HEADERS if request.headers.pop(name, None)]
        if not removed:
            return
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value("newscrawl/safety/credentials_removed")
        target = origin(request.url)
        if target not in self.logged:
            self.logged.add(target)
            logger.info(
                "redirect from %s to another origin %s: %s not sent",
                chain[0],
                request.url,
                " and ".join(name.decode() for name in removed),
            )


class SafeFeeds:
    """Screen every feed with defusedxml before the spider reads it (see the module)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.logged: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SafeFeeds:
        return cls(crawler)

    def process_spider_input(self, response: Response) -> None:
        if not _is_feed(response):
            return
        try:
            root = defused_fromstring(response.body, forbid_dtd=False)
        except DefusedXmlException as exc:
            self._count("unsafe")
            logger.warning("refused feed %s: %s (%s)", response.url, exc, type(exc).__name__)
            raise UnsafeXml(f"{type(exc).__name__}: {exc}") from None
        except (ParseError, ValueError) as exc:
            self._count("malformed")
            self._once(
                "malformed", f"malformed feed {response.url} ({exc}): read as far as it goes"
            )
            return
        # An entry (RSS <link>, sitemap <loc>) pointing back at the feed; the channel's
        # atom:link rel="self" is the standard way of naming itself and is not one.
        links = (el.text or "" for el in root.iter() if _local(el.tag) in ("link", "loc"))
        if any(_same_page(link.strip(), response.url, self.crawler.spider) for link in links):
            self._count("self_reference")
            self._once("self", f"feed {response.url} lists itself: not read again")

    def _count(self, key: str) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"newscrawl/feed/{key}")

    def _once(self, kind: str, message: str) -> None:
        if kind not in self.logged:
            self.logged.add(kind)
            logger.warning(message)


def _is_feed(response: Response) -> bool:
    """An XML response, or what the spider reads as a feed."""
    if isinstance(response, XmlResponse):
        return True
    callback = response.request.callback if response.request is not None else None
    return getattr(callback, "__name__", "") == "parse_feed"


def _local(tag: Any) -> str:
    return str(tag).rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _same_page(link: str, url: str, spider: Any) -> bool:
    if not link:
        return False
    rebase = getattr(spider, "rebase", None)
    target, here = urlsplit(rebase(link) if callable(rebase) else link), urlsplit(url)
    return (target.hostname, target.path, target.query) == (here.hostname, here.path, here.query)
