"""Bytes to text: the one charset policy of the fetcher (which records the codec it chose) and
the extractor (which decodes with it).

w3lib reads the labels: a byte order mark, the HTTP ``charset``, ``<meta charset>`` /
``http-equiv`` / the XML declaration (the WHATWG prescan), and maps each label to the codec
browsers use for it (latin-1 and ascii read as windows-1252, shift_jis as cp932, gb2312 and
gbk as gb18030, euc-kr as cp949; utf-7 refused). On top of that, in order:

1. a byte order mark wins;
2. bytes that are valid UTF-8 with non-ASCII characters are UTF-8 whatever the label says:
   legacy text almost never forms valid multi-byte UTF-8, while UTF-8 pages labelled latin-1
   are common;
3. a declared charset is used when the bytes decode with it;
4. UTF-8 with its invalid bytes as U+FFFD, as browsers do, when the text is UTF-8 but for some
   foreign bytes: declared UTF-8 with at least one valid multi-byte character or only a few
   stray bytes (at most 0.5 %); undeclared, with more valid multi-byte characters than invalid
   bytes;
5. charset-normalizer's detection (windows-1252 among equally good guesses), when its codec
   replaces at most 0.5 % of the characters;
6. UTF-8 with U+FFFD when at most 5 % of the characters are replaced; otherwise the bytes are
   not text, and :func:`decode` returns ``None`` (each service raises its own ``decode_error``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from charset_normalizer import from_bytes
from w3lib.encoding import (
    html_body_declared_encoding,
    http_content_type_encoding,
    read_bom,
    resolve_encoding,
    to_unicode,
)

Method = Literal["bom", "declared", "utf-8", "detected"]

_UTF8 = "utf-8"
_REPLACEMENT = "\ufffd"
#: Share of invalid bytes a page declared UTF-8 may hold and still be read as UTF-8.
STRAY_BYTES_SHARE = 0.005
#: Share of replaced characters above which bytes are not text in any charset.
MAX_REPLACEMENT_SHARE = 0.05
_DETECT_BYTES = 200_000


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, the Python codec that decoded it and how it was chosen."""

    text: str
    encoding: str
    method: Method


def codec_for(label: str | None) -> str | None:
    """The Python codec browsers use for an encoding label (``None`` if unknown or refused)."""
    return resolve_encoding(label.strip()) if label and label.strip() else None


def header_charset(content_type: str | None) -> str | None:
    """The codec of the ``charset`` parameter of a Content-Type header value, if any."""
    return http_content_type_encoding(content_type)


def markup_charset(content: bytes) -> str | None:
    """The codec a page declares in ``<meta>`` or its XML declaration, within its head."""
    return html_body_declared_encoding(content)


def decode(content: bytes, *, declared: str | None = None, markup: bool = True) -> Decoded | None:
    """Decode ``content`` by the policy of this module; ``None`` when it is not text.

    ``declared`` is the label from outside the document (an HTTP ``charset``, or the codec the
    fetcher chose); ``markup`` also reads the page's own declaration (HTML or XML).
    """
    labels = [codec_for(declared), markup_charset(content) if markup else None]
    codecs = [label for label in dict.fromkeys(labels) if label]
    return (
        _by_bom(content)
        or _valid_utf8(content)
        or _declared(content, codecs)
        or _utf8_with_stray_bytes(content, declared=_UTF8 in codecs)
        or _detected(content)
        or _lenient_utf8(content)
    )


def _by_bom(content: bytes) -> Decoded | None:
    bom_codec, bom = read_bom(content)
    if bom_codec is None or bom is None:
        return None
    return Decoded(to_unicode(content[len(bom) :], bom_codec), bom_codec, "bom")


def _valid_utf8(content: bytes) -> Decoded | None:
    text = None if content.isascii() else _strict(content, _UTF8)
    return Decoded(text, _UTF8, "utf-8") if text is not None else None


def _declared(content: bytes, codecs: list[str]) -> Decoded | None:
    for codec in codecs:
        text = _strict(content, codec)
        if text is not None:
            return Decoded(text, codec, "declared")
    return None


def _utf8_with_stray_bytes(content: bytes, *, declared: bool) -> Decoded | None:
    """UTF-8 text with a few foreign bytes (as U+FFFD), rather than text in another charset."""
    lenient = content.decode(_UTF8, errors="replace")
    invalid = lenient.count(_REPLACEMENT) - content.count(_REPLACEMENT.encode())
    non_ascii = len(lenient) - len(lenient.encode("ascii", errors="ignore"))
    multibyte = non_ascii - lenient.count(_REPLACEMENT)
    if declared:
        # A page declared UTF-8 with any valid multi-byte character was written in UTF-8 (legacy
        # text does not form them by chance); without one, only a few stray bytes are allowed,
        # more mean that the label is wrong.
        utf8 = multibyte > 0 or invalid <= STRAY_BYTES_SHARE * len(lenient)
    else:
        utf8 = multibyte >= invalid
    if utf8:
        return Decoded(lenient, _UTF8, "declared" if declared else "utf-8")
    return None


def _detected(content: bytes) -> Decoded | None:
    codec = _detect(content)
    if codec is None:
        return None
    text = to_unicode(content, codec)
    return Decoded(text, codec, "detected") if _replaced_share(text) <= STRAY_BYTES_SHARE else None


def _lenient_utf8(content: bytes) -> Decoded | None:
    text = content.decode(_UTF8, errors="replace")
    return Decoded(text, _UTF8, "utf-8") if _replaced_share(text) <= MAX_REPLACEMENT_SHARE else None


def _strict(content: bytes, codec: str) -> str | None:
    """``content`` decoded without a single error, or ``None``."""
    try:
        return content.decode(codec)
    except UnicodeDecodeError:
        if codec != "gb18030":
            return None
    except LookupError:
        return None
    # w3lib reads a lone 0x80 in gb18030 as the euro sign, as GBK pages mean it and browsers do.
    text = to_unicode(content, codec)
    return None if _REPLACEMENT in text else text


def _replaced_share(text: str) -> float:
    return text.count(_REPLACEMENT) / max(len(text), 1)


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
    return codec_for("cp1252" if "cp1252" in tied else best.encoding)
