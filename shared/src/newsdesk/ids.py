"""Stable identities: canonical URLs and the article_id derived from them."""

from __future__ import annotations

import hashlib
from pathlib import Path
from urllib.parse import urlsplit

from courlan import normalize_url


def canonical_url(url: str) -> str:
    """The URL with tracking parameters, fragments and case noise removed (courlan)."""
    if url.startswith("file://"):
        return url
    try:
        return str(normalize_url(url, strict=True))
    except (ValueError, AttributeError):
        return url


def article_id(canonical: str) -> str:
    """The stable id of an article: same canonical URL, same id, same document."""
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:24]


def file_url(path: Path) -> str:
    """The ``file://`` URL of a local file's resolved path."""
    return path.resolve().as_uri()


def host_of(url: str) -> str:
    """The lower-cased host of a URL (the Kafka key of ``newsdesk.urls``)."""
    return (urlsplit(url).hostname or "").lower()
