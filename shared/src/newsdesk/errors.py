"""The exception tree of newsdesk and the stable reason codes of rejected input.

::

    NewsdeskError                     base of everything newsdesk raises on purpose
    ├── ConfigError                   a settings value or sources file is wrong
    ├── (newsdesk_cli.errors)         the embedded local servers and the process runner
    ├── InvalidQuery                  a query refused before it is sent (too long, too many terms)
    ├── NotFound                      what a query names does not exist (an article or story id)
    ├── TransientError                worth retrying later: do not advance the offset
    │   └── BackendUnavailable        Kafka or Elasticsearch could not be reached
    │       └── BackendTimeout        ... or did not answer within the request timeout
    └── Rejected                      permanent for this input: dead-letter it with ``reason``
        ├── InvalidPayload            the event does not parse or has an unknown schema_version
        ├── FetchRejected             the fetcher refused or failed a URL (ssrf_blocked, ...)
        └── ExtractionFailed          the extractor could not get usable text (empty, binary, ...)

Every :class:`Rejected` carries ``reason`` (a code from :data:`REASONS`) and a human ``message``;
the handlers turn it into a :class:`newsdesk.events.DeadLetter`.
"""

from __future__ import annotations

REASONS: dict[str, str] = {
    "invalid_payload": "the message is not a valid event of its topic",
    "unknown_schema": "the event has a schema_version this service does not know",
    "invalid_url": "the URL is malformed or not http(s)",
    "ssrf_blocked": "the URL resolves to an address the fetcher must not reach",
    "robots_disallowed": "robots.txt disallows the URL for our user agent",
    "robots_unavailable": "robots.txt could not be fetched (5xx or unreachable): disallow for now",
    "feed_error": "a feed or sitemap could not be parsed",
    "unsafe_xml": "the XML declares entities (billion laughs, XXE): refused unparsed",
    "too_large": "the body is larger than the configured maximum",
    "bad_content_type": "the content type is not one we extract",
    "http_status": "the server answered with a permanent HTTP error",
    "timeout": "the server did not answer in time",
    "too_many_redirects": "the redirect chain is longer than allowed or loops",
    "decode_error": "the bytes could not be decoded as text",
    "dns_error": "the host name does not resolve (no such name, or the resolver failed)",
    "fetch_error": "the connection failed",
    "file_error": "a local file could not be read",
    "empty_content": "no text could be extracted",
    "binary_content": "the content is binary, not text or HTML",
    "extraction_error": "the extractor failed on this document",
    "extraction_timeout": "extraction took longer than the per-document limit",
    "mapping_error": "Elasticsearch rejected the document",
    "index_error": "Elasticsearch failed to index the document",
    "internal_error": "an unexpected error in the service (a bug): see the message",
}


class NewsdeskError(Exception):
    """Base of every error newsdesk raises on purpose."""


class ConfigError(NewsdeskError):
    """A settings value or a sources file is wrong; the message names what and where."""


class InvalidQuery(NewsdeskError):
    """A query refused before any request: it is longer or has more terms than is searched."""


class NotFound(NewsdeskError):
    """What a query names does not exist: an article or story id nothing has."""


class TransientError(NewsdeskError):
    """A failure that is worth retrying later; the offset must not advance."""


class BackendUnavailable(TransientError):
    """Kafka or Elasticsearch could not be reached."""


class BackendTimeout(BackendUnavailable):
    """Elasticsearch was reached but did not answer within the request timeout."""


class Rejected(NewsdeskError):
    """A permanent failure for one input: it goes to the dead-letter topic with a reason."""

    default_reason = "invalid_payload"

    def __init__(self, message: str, *, reason: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason or self.default_reason
        if self.reason not in REASONS:
            raise ValueError(f"unknown reason code {self.reason!r}")
        self.message = message


class InvalidPayload(Rejected):
    """The message is not a valid event of its topic."""

    default_reason = "invalid_payload"


class FetchRejected(Rejected):
    """The fetcher refused or failed a URL."""

    default_reason = "fetch_error"


class ExtractionFailed(Rejected):
    """The extractor could not produce a usable record."""

    default_reason = "extraction_error"
