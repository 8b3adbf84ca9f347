"""Seed articles as the text stage would hand them over, and their gold annotations."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from extractor.text.document import ExtractedDocument
from newsdesk.events import DateInfo

ROOT = Path(__file__).resolve().parents[4]
SEEDS = ROOT / "seeds"
GOLD = Path(__file__).resolve().parents[1] / "resources" / "gold" / "seeds.json"
NOISE = re.compile(
    r"^(advertisement|by .{1,60}|\d+ min read|\d{1,2} \w+, \d{4})$|\[AFP via Getty\]$", re.I
)
DATE_HEADER = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2})\s*")


@cache
def gold() -> dict:
    """The gold annotations of the seed articles."""
    return json.loads(GOLD.read_text(encoding="utf-8"))


def seed_names() -> list[str]:
    """File names of the annotated seed articles."""
    return sorted(gold()["articles"])


def seed_document(name: str) -> ExtractedDocument:
    """A seed article without header, title and noise lines (the text stage's job, simplified)."""
    raw = (SEEDS / name).read_text(encoding="utf-8")
    article = gold()["articles"][name]
    title = article["must"].get("title")
    published = article["must"].get("published")
    raw = DATE_HEADER.sub("", raw)
    lines = [line.strip() for line in raw.splitlines()]
    body = [line for line in lines if line and line != title and not NOISE.search(line)]
    value = datetime.fromisoformat(published).replace(tzinfo=UTC) if published else None
    return ExtractedDocument(
        text="\n\n".join(body),
        title=title,
        published=DateInfo(value=value, source="text-header" if value else "none"),
        language="en",
    )
