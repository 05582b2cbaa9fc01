"""Failure routes of the loopback mirror: a site that misbehaves the way real ones do.

In the spirit of the resources of Scrapy's own test server (``tests/mockserver``: ``Status``,
``Delay``, ``Partial``, ``Drop``, ``BrokenChunkedResource``, ``Compress``, ``SetCookie``,
``Echo``), each *behaviour* answers one request of :mod:`newscrawl.mirror` in its own way:
an error status, a ``Retry-After``, a late or never-ending answer, a connection reset in the
middle of the body, broken chunked encoding, a redirect, a body too large or a gzip bomb.
Install one on a route with :meth:`newscrawl.mirror.MirrorServer.misbehave`::

    server.misbehave("yemenshabab_ar", "/ar/sections/NEWS/Local/x", status(503))
    server.misbehave("yemenshabab_ar", "/ar/x", flaky(2, retry_after(1)))  # 2 x 429, then OK

A behaviour is called with the request handler and what the route serves normally
(``Served`` or ``None``: body and Content-Type), and writes whatever it wants to the socket.
"""

from __future__ import annotations

import contextlib
import gzip
import socket
import struct
import threading
import time
from collections.abc import Callable
from functools import cache
from http.server import BaseHTTPRequestHandler
from typing import NamedTuple

__all__ = [
    "Behaviour",
    "Served",
    "big_body",
    "broken_chunked",
    "delay",
    "drop",
    "flaky",
    "gzip_bomb",
    "recording",
    "redirect",
    "reset_mid_body",
    "retry_after",
    "serve",
    "slow_drip",
    "status",
]


class Served(NamedTuple):
    """What a route serves when it behaves."""

    body: bytes
    content_type: str


Behaviour = Callable[[BaseHTTPRequestHandler, Served | None], None]

_HTML = "text/html; charset=utf-8"


def _head(
    handler: BaseHTTPRequestHandler,
    code: int,
    headers: dict[str, str] | None = None,
    length: int | None = None,
) -> None:
    handler.send_response(code)
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    if length is not None:
        handler.send_header("Content-Length", str(length))
    handler.end_headers()


def _error_page(code: int) -> bytes:
    return f"<!DOCTYPE html><html><body><h1>{code}</h1></body></html>".encode()


def serve(
    body: bytes | None = None,
    content_type: str | None = None,
    headers: dict[str, str] | None = None,
) -> Behaviour:
    """Answer 200 with ``body`` (default: what the route serves) and extra headers, e.g.
    ``serve(headers={"Set-Cookie": "session=s3cret; Path=/"})``."""

    def answer(handler: BaseHTTPRequestHandler, served: Served | None) -> None:
        data = body if body is not None else (served.body if served else b"")
        ctype = content_type or (served.content_type if served else _HTML)
        _head(handler, 200, {"Content-Type": ctype, **(headers or {})}, len(data))
        handler.wfile.write(data)

    return answer


def status(
    code: int, body: bytes | None = None, headers: dict[str, str] | None = None
) -> Behaviour:
    """Answer with this status (an error page unless ``body`` is given)."""
    data = body if body is not None else _error_page(code)

    def answer(handler: BaseHTTPRequestHandler, served: Served | None) -> None:
        _head(handler, code, {"Content-Type": _HTML, **(headers or {})}, len(data))
        handler.wfile.write(data)

    return answer


def retry_after(seconds: int, code: int = 429) -> Behaviour:
    """429 Too Many Requests (or 503) with ``Retry-After: seconds``."""
    return status(code, headers={"Retry-After": str(seconds)})


def redirect(location: str, code: int = 302, headers: dict[str, str] | None = None) -> Behaviour:
    """A redirect to ``location`` (absolute or relative)."""
    return status(code, b"", {"Location": location, **(headers or {})})


def flaky(times: int, failing: Behaviour, then: Behaviour | None = None) -> Behaviour:
    """Misbehave (``failing``) for the first ``times`` requests, then serve (or ``then``)."""
    lock = threading.Lock()
    count = [0]

    def answer(handler: BaseHTTPRequestHandler, served: Served | None) -> None:
        with lock:
            count[0] += 1
            failing_now = count[0] <= times
        (failing if failing_now else (then or serve()))(handler, served)

    return answer


def delay(seconds: float, then: Behaviour | None = None) -> Behaviour:
    """Say nothing for ``seconds`` (no status line either), then answer."""

    def answer(handler: BaseHTTPRequestHandler, served: Served | None) -> None:
        time.sleep(seconds)
        _quietly(lambda: (then or serve())(handler, served))

    return answer


def slow_drip(interval: float, chunk: int = 64) -> Behaviour:
    """Headers at once, then the body ``chunk`` bytes every ``interval`` seconds: a download
    that is never stalled long enough for a per-read timeout, only for a total one."""

    def answer(handler: BaseHTTPRequestHandler, served: Served | None) -> None:
        data = served.body if served else _error_page(200)
        _head(handler, 200, {"Content-Type": _content_type(served)}, len(data))

        def drip() -> None:
            for start in range(0, len(data), chunk):
                handler.wfile.write(data[start : start + chunk])
                handler.wfile.flush()
                time.sleep(interval)

        _quietly(drip)

    return answer


def reset_mid_body(fraction: float = 0.5) -> Behaviour:
    """Announce the whole body, send ``fraction`` of it, then reset the connection (RST)."""

    def answer(handler: BaseHTTPRequestHandler, served: Served | None) -> None:
        data = served.body if served else _error_page(200)
        _head(handler, 200, {"Content-Type": _content_type(served)}, len(data))
        handler.wfile.write(data[: int(len(data) * fraction)])
        handler.wfile.flush()
        _reset(handler)

    return answer


def drop() -> Behaviour:
    """Close the connection without a word: no status line, no headers."""

    def answer(handler: BaseHTTPRequestHandler, served: Served | None) -> None:
        _reset(handler)

    return answer


def broken_chunked() -> Behaviour:
    """``Transfer-Encoding: chunked`` with one good chunk, then a chunk-size line that is not
    hexadecimal, then the connection closed."""

    def answer(handler: BaseHTTPRequestHandler, served: Served | None) -> None:
        data = served.body if served else _error_page(200)
        handler.protocol_version = "HTTP/1.1"  # chunked encoding is HTTP/1.1
        handler.close_connection = True
        first = data[: len(data) // 2]
        _head(
            handler,
            200,
            {
                "Content-Type": _content_type(served),
                "Transfer-Encoding": "chunked",
                "Connection": "close",
            },
        )
        handler.wfile.write(b"%x\r\n%s\r\nzz-not-a-size\r\n" % (len(first), first))
        handler.wfile.flush()

    return answer


def big_body(size: int, with_length: bool = True) -> Behaviour:
    """A page of ``size`` bytes (an HTML comment fills it), with or without Content-Length
    (without: the client learns the size only by reading)."""

    def answer(handler: BaseHTTPRequestHandler, served: Served | None) -> None:
        head = b"<!DOCTYPE html><html><body><h1>big</h1><!--"
        headers = {"Content-Type": _HTML}
        if not with_length:
            headers["Connection"] = "close"
        _head(handler, 200, headers, size if with_length else None)

        def write() -> None:
            handler.wfile.write(head)
            block = b"x" * 65536
            for _ in range(0, size - len(head), len(block)):
                handler.wfile.write(block)

        _quietly(write)

    return answer


def gzip_bomb(unpacked: int) -> Behaviour:
    """``Content-Encoding: gzip``: a few kilobytes on the wire, ``unpacked`` bytes of HTML
    once decompressed."""

    def answer(handler: BaseHTTPRequestHandler, served: Served | None) -> None:
        data = _bomb(unpacked)
        _head(handler, 200, {"Content-Type": _HTML, "Content-Encoding": "gzip"}, len(data))
        _quietly(lambda: handler.wfile.write(data))

    return answer


def recording(log: list[dict[str, str]], then: Behaviour | None = None) -> Behaviour:
    """Keep the request's path, arrival time (``time.monotonic()``) and headers in ``log``,
    then answer (default: serve)."""

    def answer(handler: BaseHTTPRequestHandler, served: Served | None) -> None:
        headers = {k.lower(): v for k, v in handler.headers.items()}
        log.append({"path": handler.path, "at": f"{time.monotonic():.6f}", **headers})
        (then or serve())(handler, served)

    return answer


@cache
def _bomb(unpacked: int) -> bytes:
    head = b"<!DOCTYPE html><html><body>"
    return gzip.compress(head + b" " * (unpacked - len(head)), compresslevel=9, mtime=0)


def _content_type(served: Served | None) -> str:
    return served.content_type if served else _HTML


def _reset(handler: BaseHTTPRequestHandler) -> None:
    """Abort the connection with a TCP reset (SO_LINGER 0), not an orderly close."""
    conn = handler.connection
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    handler.close_connection = True
    conn.close()


def _quietly(write: Callable[[], object]) -> None:
    """The client may give up first (its timeout, its size limit): that is the point."""
    with contextlib.suppress(BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
        write()
