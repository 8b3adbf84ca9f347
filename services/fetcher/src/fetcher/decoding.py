"""The text encoding of a fetched page, chosen by the shared policy of ``newsdesk.charset``.

The codec travels in ``RawArticle.encoding``; the extractor decodes with the same policy.
"""

from __future__ import annotations

from newsdesk import charset
from newsdesk.errors import FetchRejected


def detect_encoding(content: bytes, content_type: str = "", *, url: str = "") -> str:
    """The codec that decodes ``content`` (see :mod:`newsdesk.charset` for the order).

    A page declared UTF-8 with a few foreign bytes is ``utf-8``: the consumer decodes it with
    U+FFFD for those bytes, as browsers do. Raises ``FetchRejected(decode_error)`` when the
    bytes are not text in any charset.
    """
    decoded = charset.decode(content, declared=charset.header_charset(content_type))
    if decoded is None:
        message = f"{url}: the bytes decode with no known text encoding"
        raise FetchRejected(message, reason="decode_error")
    return decoded.encoding
