"""Local files as articles: find them under a directory and read one into a RawArticle."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from newsdesk.errors import Rejected
from newsdesk.events import RawArticle
from newsdesk.ids import article_id, file_url

#: File suffixes read as articles, and the content type each one is given.
CONTENT_TYPES: dict[str, str] = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "application/xhtml+xml",
}
DEFAULT_PATTERNS = tuple(f"*{suffix}" for suffix in CONTENT_TYPES)
MAX_FILE_BYTES = 16 * 1024 * 1024


def iter_article_files(root: Path, patterns: Sequence[str] = DEFAULT_PATTERNS) -> Iterator[Path]:
    """Article files under ``root`` (recursively), in a stable order; ``root`` may be a file."""
    if root.is_file():
        yield root
        return
    found: set[Path] = set()
    for pattern in patterns:
        found.update(path for path in root.rglob(pattern) if path.is_file())
    yield from sorted(found)


def raw_article_from_file(
    path: Path,
    *,
    source: str = "local",
    source_name: str | None = None,
    max_bytes: int = MAX_FILE_BYTES,
) -> RawArticle:
    """Read one local file into a RawArticle; its url is the file:// URL of its resolved path.

    Raises :class:`Rejected` (reason ``file_error`` or ``too_large``) when it cannot be read.
    """
    resolved = path.resolve()
    try:
        size = resolved.stat().st_size
        if size > max_bytes:
            raise Rejected(
                f"{resolved} is {size:,} bytes, more than the {max_bytes:,} a file may have",
                reason="too_large",
            )
        content = resolved.read_bytes()
    except OSError as exc:
        message = f"cannot read {resolved}: {exc.strerror or exc}"
        raise Rejected(message, reason="file_error") from exc
    url = file_url(resolved)
    return RawArticle(
        article_id=article_id(url),
        url=url,
        canonical_url=url,
        source=source,
        source_name=source_name,
        content=content,
        content_type=CONTENT_TYPES.get(resolved.suffix.lower(), "application/octet-stream"),
    )
