"""The text stage's output: clean text and metadata of one article, before NLP."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsdesk.events import DateInfo


@dataclass
class ExtractedDocument:
    """What the text stage got out of a page or a text file.

    ``text`` is the body only: no title, byline, dateline, header or noise lines. Dates carry
    their provenance; an unknown date is ``DateInfo()`` (value None, source "none").
    """

    text: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    source_name: str | None = None
    canonical_url: str | None = None
    published: DateInfo = field(default_factory=DateInfo)
    modified: DateInfo = field(default_factory=DateInfo)
    description: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    image: str | None = None
    language: str | None = None
    language_confidence: float | None = None
    skipped_steps: list[str] = field(default_factory=list)

    @property
    def word_count(self) -> int:
        """Whitespace-separated words of the body."""
        return len(self.text.split())
