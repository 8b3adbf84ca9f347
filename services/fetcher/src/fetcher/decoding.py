"""Choosing the text encoding of a page: HTTP header, then BOM and meta tags, then detection."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

from charset_normalizer import from_bytes

from newsdesk.errors import FetchRejected

# Browsers (WHATWG Encoding) read these labels as their supersets; so must we, or pages labelled
# latin-1 that use curly quotes decode wrongly.
_WHATWG_SUPERSETS = {
    "ascii": "cp1252",
    "latin_1": "cp1252",
    "iso8859-1": "cp1252",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "gb2312": "gb18030",
    "gbk": "gb18030",
}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)""", re.I)
_PRESCAN_BYTES = 4096


def charset_of(content_type: str) -> str | None:
    """The ``charset`` parameter of a Content-Type header value, if any."""
    match = re.search(r"charset\s*=\s*[\"']?([^\s;\"']+)", content_type, re.I)
    return match.group(1) if match else None


def codec_name(label: str | None) -> str | None:
    """The Python codec for an encoding label (WHATWG supersets applied), or None if unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    return _WHATWG_SUPERSETS.get(name, name)


def _declared_in_document(content: bytes) -> str | None:
    head = content[:_PRESCAN_BYTES]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return codec_name(match.group(1).decode("ascii")) if match else None


def _decodes(content: bytes, codec: str) -> bool:
    try:
        content.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def _candidates(content: bytes, content_type: str) -> Iterator[str | None]:
    yield codec_name(charset_of(content_type))
    yield _declared_in_document(content)
    best = from_bytes(content[:65536]).best() if content else None  # only when labels failed
    if best is not None:
        yield codec_name(best.encoding)


def detect_encoding(content: bytes, content_type: str = "", *, url: str = "") -> str:
    """The codec that decodes ``content``.

    Order: a byte-order mark, the HTTP ``charset``, a ``<meta>``/XML declaration, then
    charset-normalizer's detection. A declared codec is used only if the bytes decode with it,
    and bytes that are valid non-ASCII UTF-8 are read as UTF-8 whatever the label says: legacy
    text almost never forms valid multi-byte UTF-8, while UTF-8 pages labelled latin-1 are common.
    Raises ``FetchRejected(decode_error)`` when nothing decodes the bytes.
    """
    for bom, codec in _BOMS:
        if content.startswith(bom):
            return codec
    if not content.isascii() and _decodes(content, "utf-8"):
        return "utf-8"
    for candidate in _candidates(content, content_type):
        if candidate and _decodes(content, candidate):
            return candidate
    if _decodes(content, "utf-8"):
        return "utf-8"
    message = f"{url}: the bytes decode with no known text encoding"
    raise FetchRejected(message, reason="decode_error")
