"""Hardened XML parsing for feeds and sitemaps: no entities, no DTD fetching (defusedxml)."""

from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from newsdesk.errors import FetchRejected


def _refuse(url: str, exc: Exception) -> FetchRejected:
    kind = type(exc).__name__
    return FetchRejected(f"{url}: XML refused unparsed ({kind}: {exc})", reason="unsafe_xml")


def parse_xml(content: bytes, url: str) -> Element:
    """Parse ``content`` strictly; entity declarations and external references are refused.

    Raises ``FetchRejected`` with reason ``unsafe_xml`` (billion laughs, XXE) or ``feed_error``
    (not well-formed).
    """
    try:
        return fromstring(content, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise _refuse(url, exc) from None
    except ParseError as exc:
        raise FetchRejected(f"{url}: not well-formed XML ({exc})", reason="feed_error") from None


def is_well_formed_and_safe(content: bytes, url: str) -> bool:
    """True if ``content`` parses strictly; False if it is merely malformed.

    Raises ``FetchRejected(unsafe_xml)`` if it declares entities anywhere, even in a document
    that is malformed elsewhere, because a lenient parser downstream would expand them.
    """
    try:
        parse_xml(content, url)
    except FetchRejected as exc:
        if exc.reason == "unsafe_xml":
            raise
        if b"<!ENTITY" in content.upper():
            raise _refuse(url, ValueError("entity declaration in malformed XML")) from None
        return False
    return True
