"""Bytes to text for the text stage: binary content refused, then ``newsdesk.charset``'s policy."""

from __future__ import annotations

import codecs

from newsdesk import charset
from newsdesk.errors import ExtractionFailed

# Magic numbers of formats that are sometimes served as text/html by mistake.
_BINARY_SIGNATURES = (
    b"%PDF-",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"BZh",
    b"\xfd7zXZ",
    b"RIFF",
    b"\x00\x00\x01\x00",
    b"OggS",
    b"ID3",
    b"\x7fELF",
    b"MZ",
)
# Bytes that never occur in text: C0 controls other than tab, newline, form feed, carriage return.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_SNIFF_BYTES = 4096
_MAX_CONTROL_SHARE = 0.02


def looks_binary(content: bytes) -> bool:
    """True for images, archives, PDFs and other bytes that are not text in any charset."""
    head = content[:_SNIFF_BYTES]
    if head.startswith(_BINARY_SIGNATURES):
        return True
    # UTF-16/32 text has many NUL bytes but announces itself with a byte order mark.
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    controls = sum(head.count(bytes([b])) for b in _CONTROL_BYTES)
    return b"\x00" in head or controls > _MAX_CONTROL_SHARE * max(len(head), 1)


def decode(content: bytes, *, declared: str | None = None, html: bool = False) -> str:
    """``content`` as text (see :mod:`newsdesk.charset`); ``html`` also reads ``<meta>``.

    Bytes that are not text in any charset raise ``ExtractionFailed(reason="decode_error")``.
    """
    decoded = charset.decode(content, declared=declared, markup=html)
    if decoded is None:
        raise ExtractionFailed(
            "the bytes are not valid text in any charset we could detect", reason="decode_error"
        )
    return decoded.text
