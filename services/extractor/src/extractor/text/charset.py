"""Bytes to text: the charset from the HTTP header, then the page's meta tag, then detection."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

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
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Bytes that never occur in text: C0 controls other than tab, newline, form feed, carriage return.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_SNIFF_BYTES = 4096
_MAX_CONTROL_SHARE = 0.02
_MAX_REPLACEMENT_SHARE = 0.05
_STRAY_BYTES_SHARE = 0.005
_DETECT_BYTES = 200_000


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


def header_charset(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header value, if it names a known codec."""
    if not content_type:
        return None
    match = _HEADER_CHARSET.search(content_type)
    return _known_codec(match.group(1)) if match else None


def meta_charset(content: bytes) -> str | None:
    """The charset a page declares in ``<meta charset>`` or ``http-equiv`` within its head."""
    match = _META_CHARSET.search(content[:_SNIFF_BYTES])
    return _known_codec(match.group(1).decode("ascii", "ignore")) if match else None


def _known_codec(name: str) -> str | None:
    try:
        codec = codecs.lookup(name.strip().lower())
    except LookupError:
        return None
    # Pages labelled latin-1 are in practice windows-1252 (the WHATWG encoding standard says so).
    return "cp1252" if codec.name in ("latin-1", "iso8859-1", "ascii") else codec.name


def _bom_codec(content: bytes) -> str | None:
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if content.startswith(bom):
            return name
    return None


def decode(content: bytes, *, declared: str | None = None, html: bool = False) -> str:
    """Decode ``content``: a byte order mark, then ``declared``, then ``<meta>``, then detection.

    A declared charset that fails on the bytes is skipped rather than trusted. Text that only
    decodes with many replacement characters raises ``ExtractionFailed(reason="decode_error")``.
    """
    candidates = [_bom_codec(content), _known_codec(declared) if declared else None]
    if html:
        candidates.append(meta_charset(content))
    for codec in candidates:
        if codec:
            try:
                return content.decode(codec)
            except (UnicodeDecodeError, LookupError):
                continue
    lenient = content.decode("utf-8", errors="replace")
    # A few stray invalid bytes in otherwise UTF-8 text: keep the text, as browsers do.
    if lenient.count("\ufffd") <= _STRAY_BYTES_SHARE * max(len(lenient), 1):
        return lenient
    detected = _detect(content)
    if detected:
        return content.decode(detected, errors="replace")
    text = content.decode("utf-8", errors="replace")
    if text.count("\ufffd") > _MAX_REPLACEMENT_SHARE * max(len(text), 1):
        raise ExtractionFailed(
            "the bytes are not valid text in any charset we could detect", reason="decode_error"
        )
    return text


def _detect(content: bytes) -> str | None:
    """charset-normalizer's best guess; among equally good guesses, windows-1252.

    With few non-ASCII bytes many single-byte charsets fit equally well, and the web's default
    for undeclared pages (the WHATWG encoding standard) is windows-1252.
    """
    matches = list(from_bytes(content[:_DETECT_BYTES]))
    if not matches:
        return None
    best = matches[0]
    tied = [m.encoding for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    return "cp1252" if "cp1252" in tied else best.encoding
