"""Reading response bodies under a size cap, decompressing them ourselves so bombs are caught."""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator

from newsdesk.errors import FetchRejected

#: Content-Encodings we undo; the request's Accept-Encoding offers exactly these.
SUPPORTED_ENCODINGS = ("gzip", "deflate")
ACCEPT_ENCODING = ", ".join(SUPPORTED_ENCODINGS)


class _Inflater:
    """Undoes one Content-Encoding, never producing more than it is asked for per call."""

    def __init__(self, encoding: str) -> None:
        self._deflate_raw_fallback = encoding == "deflate"
        # wbits 47 = zlib or gzip header, auto-detected; "deflate" is sometimes sent raw.
        self._inflater = zlib.decompressobj(47 if encoding == "gzip" else zlib.MAX_WBITS)
        self._first = True

    def feed(self, chunk: bytes, limit: int) -> bytes:
        try:
            out = self._inflater.decompress(chunk, limit)
        except zlib.error:
            if not (self._first and self._deflate_raw_fallback):
                raise
            self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
            out = self._inflater.decompress(chunk, limit)
        self._first = False
        return out

    def pending(self) -> bool:
        return bool(self._inflater.unconsumed_tail)

    def more(self, limit: int) -> bytes:
        return self._inflater.decompress(self._inflater.unconsumed_tail, limit)


def _too_large(url: str, max_bytes: int, compressed: bool) -> FetchRejected:
    what = "decompressed body" if compressed else "body"
    hint = " (a compression bomb?)" if compressed else ""
    return FetchRejected(f"{url}: {what} exceeds {max_bytes} bytes{hint}", reason="too_large")


async def read_capped(
    raw: AsyncIterator[bytes], *, url: str, content_encoding: str, max_bytes: int
) -> tuple[bytes, int]:
    """The decoded body (at most ``max_bytes``) and the number of bytes read off the wire.

    Raises ``FetchRejected(too_large)`` as soon as either the wire bytes or the decoded bytes
    pass ``max_bytes``: an endless body or a gzip bomb costs at most ``max_bytes`` of memory.
    """
    encoding = content_encoding.strip().lower()
    if encoding in ("", "identity"):
        inflater = None
    elif encoding in SUPPORTED_ENCODINGS:
        inflater = _Inflater(encoding)
    else:
        message = f"{url}: unsupported Content-Encoding {encoding!r}"
        raise FetchRejected(message, reason="fetch_error")
    body = bytearray()
    wire = 0
    async for chunk in raw:
        wire += len(chunk)
        if wire > max_bytes:
            raise _too_large(url, max_bytes, compressed=False)
        if inflater is None:
            body += chunk
            continue
        try:
            body += inflater.feed(chunk, max_bytes + 1 - len(body))
            while inflater.pending() and len(body) <= max_bytes:
                body += inflater.more(max_bytes + 1 - len(body))
        except zlib.error as exc:
            message = f"{url}: corrupt {encoding} body: {exc}"
            raise FetchRejected(message, reason="decode_error") from exc
        if len(body) > max_bytes:
            raise _too_large(url, max_bytes, compressed=True)
    if len(body) > max_bytes:
        raise _too_large(url, max_bytes, compressed=inflater is not None)
    return bytes(body), wire
