"""Browser-like decoding of page bytes to text.

Order, as a browser does it: byte-order mark, the charset of the HTTP ``Content-Type``
header, a ``<meta charset>`` / ``<meta http-equiv>`` declaration, then detection.
:func:`w3lib.encoding.html_to_unicode` does the first three (and maps labels the way
browsers do, e.g. ``latin1`` -> ``cp1252``); detection is ours.
"""

from __future__ import annotations

import logging
import re

from charset_normalizer import from_bytes
from w3lib.encoding import (
    html_body_declared_encoding,
    html_to_unicode,
    http_content_type_encoding,
    read_bom,
    resolve_encoding,
)

logger = logging.getLogger(__name__)

# w3lib looks for the <meta> declaration in the first 4 KiB only. Legacy Arab sites put
# long inline scripts first; a browser still honours a later <meta> (it re-decodes), so
# look further before guessing.
_LATE_META_RE = re.compile(rb"<meta[^>]+?charset\s*=\s*[\"']?\s*([a-zA-Z0-9_:.+-]+)", re.IGNORECASE)
_LATE_META_BYTES = 128 * 1024
# Invalid sequences a UTF-8 page may carry (a truncated paste) before it is not UTF-8.
_MAX_DAMAGED_CHARS = 8

# Detection on short Arabic text often names a sibling code page (ISO-8859-6, cp720,
# mac_arabic); news sites of the region that do not declare a charset are windows-1256.
_ARABIC_SINGLE_BYTE = frozenset({"iso8859_6", "cp720", "cp864", "mac_arabic", "cp1256"})


def _detect(body: bytes) -> str | None:
    """Guess the encoding of bytes that declare none (browser's last resort)."""
    match = _LATE_META_RE.search(body[:_LATE_META_BYTES])
    if match:
        declared = resolve_encoding(match.group(1).decode("ascii", "ignore"))
        if declared:
            return declared
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    best = from_bytes(body).best()
    if best is None:
        return None
    encoding = best.encoding
    if encoding in _ARABIC_SINGLE_BYTE:
        return "cp1256"
    logger.debug("detected encoding %s", encoding)
    return encoding


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """Decode page bytes like a browser: BOM, HTTP charset, <meta>, then detection.

    One deliberate difference: when only a ``<meta>`` tag names a legacy charset but the
    bytes are valid UTF-8 with non-ASCII text, the page is UTF-8. Sites that moved to UTF-8
    often kept the old ``windows-1256`` / ``iso-8859-1`` tag in their templates (and saved
    copies of pages keep the tag after being re-encoded); real legacy bytes are practically
    never valid UTF-8, so this cannot misread a true windows-1256 page.
    """
    if _meta_charset_is_stale(body, content_type):
        return body.decode("utf-8")
    if _header_utf8_is_wrong(body, content_type):
        content_type = None  # the bytes say otherwise: <meta>, then detection
    _, text = html_to_unicode(content_type, body, auto_detect_fun=_detect)
    return text


def _header_utf8_is_wrong(body: bytes, content_type: str | None) -> bool:
    """A server that labels every page UTF-8 in front of a legacy (windows-1256) site.

    Browsers trust the header and show mojibake; an archive must not. Bytes that are not
    valid UTF-8 cannot be UTF-8 text, so the header is set aside when the page declares
    another charset itself or the bytes are mostly not UTF-8 (one stray invalid byte in a
    UTF-8 page is a damaged page, not a legacy one)."""
    if http_content_type_encoding(content_type) != "utf-8" or read_bom(body)[0]:
        return False
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return False
    declared = html_body_declared_encoding(body)
    if declared and declared not in ("utf-8", "utf8"):
        return True
    text = body.decode("utf-8", "replace")
    return text.count("\ufffd") > _MAX_DAMAGED_CHARS


def _meta_charset_is_stale(body: bytes, content_type: str | None) -> bool:
    if http_content_type_encoding(content_type) or read_bom(body)[0]:
        return False
    declared = html_body_declared_encoding(body)
    if not declared or declared in ("utf-8", "utf8") or body.isascii():
        return False
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
