"""A varied article corpus made from the seeds and the HTML test pages, without any network.

Plain-text articles are new compositions of paragraphs from the seeds and the pages' gold
bodies; HTML articles are the test pages. Both get names, places and numbers substituted, so
each article is its own text (the indexer sees related stories, not one story 2,000 times).
"""

from __future__ import annotations

import json
import random
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsdesk.events import RawArticle

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
PAGES = ROOT / "services/extractor/tests/resources/html"

PLACES = [
    "Bahrain", "Israel", "Egypt", "Jordan", "Oman", "Qatar", "Kuwait", "Morocco", "Tunisia",
    "Greece", "Cyprus", "Turkey", "Italy", "France", "Germany", "Spain", "Poland", "Japan",
]  # fmt: skip
CITIES = [
    "Manama", "Cairo", "Amman", "Muscat", "Doha", "Rabat", "Tunis", "Athens", "Nicosia",
    "Ankara", "Rome", "Paris", "Berlin", "Madrid", "Warsaw", "Tokyo", "Riyadh", "Beirut",
]  # fmt: skip
FIRST = ["Ahmed", "Maria", "John", "Fatima", "Omar", "Elena", "Carlos", "Yusuf", "Anna", "David"]
LAST = ["Haddad", "Novak", "Smith", "Rahman", "Kowalski", "Tanaka", "Silva", "Mensah", "Ivanov"]
_PLACE = re.compile(r"\b(" + "|".join(PLACES) + r")\b")
_CITY = re.compile(r"\b(" + "|".join(CITIES) + r")\b")
_SMALL_NUMBER = re.compile(r"(?<![\d\-/:.])\b([1-9]\d{0,2})\b(?![\d\-/:])")
_NAME = re.compile(r"\b(Mayorkas|Gantz|Kanani|Biden|Netanyahu|Blinken|Austin|Smith|Jones)\b")


def _vary(text: str, rng: random.Random) -> str:
    """Other places, cities, people and numbers: each call gives another article."""
    places = {place: rng.choice(PLACES) for place in PLACES}
    cities = {city: rng.choice(CITIES) for city in CITIES}
    text = _PLACE.sub(lambda m: places[m[1]], text)
    text = _CITY.sub(lambda m: cities[m[1]], text)
    text = _NAME.sub(lambda m: rng.choice(LAST), text)
    return _SMALL_NUMBER.sub(lambda m: str(rng.randint(2, 999)), text)


def _paragraphs() -> list[str]:
    found = []
    for path in sorted(SEEDS.glob("*.txt")):
        found += [p.strip() for p in path.read_text().split("\n\n") if len(p.strip()) > 80]
    for path in sorted(PAGES.glob("*.json")):
        body = json.loads(path.read_text()).get("body", [])
        found += [p for p in body if len(p) > 80 and p.isascii()]
    return found


def _raw(index: int, content: bytes, content_type: str, fetched: datetime) -> RawArticle:
    url = f"https://bench.example/{index:05d}"
    return RawArticle(
        article_id=f"bench-{index:05d}",
        url=url,
        canonical_url=url,
        source="bench",
        content=content,
        content_type=content_type,
        fetched_at=fetched,
    )


def make_corpus(count: int, seed: int = 8) -> list[RawArticle]:
    """``count`` raw articles, half plain text, half HTML pages, each varied."""
    rng = random.Random(seed)  # noqa: S311  # varied test data, not secrets
    paragraphs = _paragraphs()
    # Latin-1 maps bytes to characters one to one: pages in any charset keep their bytes.
    pages = [path.read_bytes().decode("latin-1") for path in sorted(PAGES.glob("*.html"))]
    fetched = datetime.now(UTC) - timedelta(hours=1)
    corpus = []
    for index in range(count):
        if index % 2:
            page = _vary(pages[(index // 2) % len(pages)], rng)
            content, kind = page.encode("latin-1"), "text/html"
        else:
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            body = "\n\n".join(rng.sample(paragraphs, rng.randint(3, 8)))
            title = f"{rng.choice(PLACES)} and {rng.choice(PLACES)} talk security"
            text = _vary(f"{title}\n\nBy {name}\n\n{body}\n", rng)
            content, kind = text.encode(), "text/plain"
        corpus.append(_raw(index, content, kind, fetched))
    return corpus
