"""The text stage's output: clean text and metadata of one article, before NLP."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsdesk.events import DateInfo

# Scripts written without spaces between words (Chinese, Japanese kana): each character counts
# as a word, as word counts of such text usually do. Hangul is written with spaces.
_UNSPACED = re.compile(
    "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]"
)


def count_words(text: str) -> int:
    """Words of ``text``: whitespace-separated words, and each Chinese or Japanese character."""
    unspaced = len(_UNSPACED.findall(text))
    return unspaced + len((_UNSPACED.sub(" ", text) if unspaced else text).split())


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
        """Words of the body (each Chinese or Japanese character is one)."""
        return count_words(self.text)
