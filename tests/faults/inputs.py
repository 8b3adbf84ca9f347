"""The inputs fault scenarios publish: good raw and enriched articles, article pages over
HTTP, poison for every topic, and a plan mixing poison among the good (see ``scenarios``)."""

from __future__ import annotations

import base64
import gzip
import json
import random
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from newsdesk import topics
from newsdesk.events import EnrichedArticle, Event, EventParty, RawArticle

Expect = Literal["indexed", "dead_letter"]


# --- inputs ---------------------------------------------------------------------------------

PEOPLE = [
    ("Benny Gantz", "Israel"),
    ("Abdullah Al Noaimi", "Bahrain"),
    ("Lloyd Austin", "the United States"),
    ("Ben Wallace", "Britain"),
    ("Florence Parly", "France"),
    ("Nobuo Kishi", "Japan"),
    ("Rajnath Singh", "India"),
    ("Richard Marles", "Australia"),
    ("Abdellatif Loudiyi", "Morocco"),
    ("Mohammed bin Ahmed Al Bowardi", "the United Arab Emirates"),
]
CITIES = ["Manama", "Jerusalem", "Washington", "London", "Paris", "Tokyo", "New Delhi", "Rabat"]
ITEMS = ["drones", "patrol boats", "air defence radars", "training aircraft", "missile systems"]
MONTHS = ["January", "March", "May", "July", "September", "November"]


def article_text(scenario: str, number: int) -> str:
    """A short seed-like defence report (about 70 words), distinct per (scenario, number)."""
    pick = random.Random(f"{scenario}/{number}")  # noqa: S311  # reproducible text, no secret
    (a, country_a), (b, country_b) = pick.sample(PEOPLE, 2)
    city, item, month = pick.choice(CITIES), pick.choice(ITEMS), pick.choice(MONTHS)
    count, value = pick.randint(2, 400), pick.randint(10, 9000)
    return (
        f"{city}, {month} {pick.randint(1, 28)}, 2022. The defence minister of {country_a}, "
        f"{a}, on Tuesday signed a security agreement with {b} of {country_b}. It covers "
        f"the purchase of {count} {item} worth {value} million dollars. "
        f'"This makes both our nations safer," {a} said. Report {scenario}-{number} counted '
        f"{count * 7 + number} troops."
    )


def raw_article(scenario: str, number: int) -> RawArticle:
    """A plain-text raw article, as ``newsdesk ingest`` or the fetcher would publish it."""
    url = f"https://fault.example/{scenario}/{number}"
    return RawArticle(
        article_id=f"fault-{scenario}-{number:05d}",
        url=url,
        canonical_url=url,
        source=f"fault-{scenario}",
        content=article_text(scenario, number).encode(),
        content_type="text/plain",
    )


def enriched_article(scenario: str, number: int) -> EnrichedArticle:
    """An enriched record as the extractor would publish it, one or two events included."""
    pick = random.Random(f"enriched/{scenario}/{number}")  # noqa: S311  # reproducible text
    (a, country_a), (b, country_b) = pick.sample(PEOPLE, 2)
    url = f"https://fault.example/{scenario}/{number}"
    events = [
        Event(
            type="agreement",
            trigger="signed",
            parties=[EventParty(name=a), EventParty(name=b)],
            sentence=f"{a} signed a security agreement with {b}.",
        )
    ] * (1 + number % 2)
    return EnrichedArticle(
        article_id=f"fault-{scenario}-{number:05d}",
        url=url,
        canonical_url=url,
        source=f"fault-{scenario}",
        fetched_at=datetime.now(UTC),
        title=f"{country_a} and {country_b} sign a security agreement ({number})",
        text=article_text(scenario, number),
        persons=[a, b],
        events=events,
        minhash_bands=[f"{scenario}-{number}-{band}" for band in range(16)],
    )


def page_html(number: int) -> bytes:
    """An article page the loopback HTTP server serves to the fetcher."""
    text = article_text("page", number)
    return (
        f"<!doctype html><html><head><title>Security agreement {number}</title></head><body>"
        f"<article><h1>Security agreement {number}</h1><p>{text}</p><p>{text}</p></article>"
        f"</body></html>"
    ).encode()


def _gzip64(data: bytes) -> str:
    return base64.b64encode(gzip.compress(data)).decode()


def poison(topic: str) -> list[tuple[str, bytes | None, str | None]]:
    """Hostile messages for ``topic``: (what it is, the bytes or None for a null value, the id
    of the article it would become if it were wrongly accepted)."""
    noise = random.Random(topic)  # noqa: S311  # reproducible noise, no secret
    shared: list[tuple[str, bytes | None, str | None]] = [
        ("arbitrary bytes", noise.randbytes(300), None),
        ("not JSON text", b"{'article_id': 1,", None),
        ("JSON of the wrong shape", b"[1, 2, 3]", None),
        ("empty message", b"", None),
        ("null value", None, None),
        ("6.5 MB of random bytes", noise.randbytes(6_500_000), None),
    ]
    stamp = "discovered_at" if topic == topics.URLS else "fetched_at"
    count = 0

    def variant(**changes: Any) -> tuple[bytes, str | None]:
        # Each variant is otherwise a good input of the poison scenario: accepted by mistake, it
        # would show up as an unexpected document rather than go unnoticed.
        nonlocal count
        count += 1
        number = 90_000 + 100 * list(topics.CONSUMERS).index(topic) + count
        valid: dict[str, Any]
        if topic == topics.URLS:
            valid = {"url": f"http://127.0.0.1:9/poison/{number}", "source": "fault-e"}
            return json.dumps({**valid, **changes}).encode(), None
        model = raw_article if topic == topics.ARTICLES_RAW else enriched_article
        article = model("e", number)
        valid = json.loads(article.model_dump_json())
        return json.dumps({**valid, **changes}).encode(), article.article_id

    specific = [
        ("schema_version 99", *variant(schema_version=99)),
        (f"{stamp} in 1900", *variant(**{stamp: "1900-01-01T00:00:00Z"})),
    ]
    if topic == topics.ARTICLES_RAW:
        specific += [
            ("content not base64", *variant(content="%%% not base64 %%%")),
            ("content base64 of non-gzip bytes", *variant(content=_b64(b"x" * 99))),
            ("content truncated gzip", *variant(content=_gzip64(b"y" * 5000)[:40])),
            ("content a gzip bomb (40 MB)", *variant(content=_gzip64(b"\0" * 40_000_000))),
        ]
    if topic == topics.ARTICLES_ENRICHED:
        bands = [f"band-{n}" for n in range(70_000)]
        specific.append(("70,000 minhash_bands", *variant(minhash_bands=bands)))
    return shared + specific


def among(topic: str, goods: list[RawArticle] | list[EnrichedArticle], every: int) -> Plan:
    """Good articles for ``topic`` with a poison message after every ``every``-th of them."""
    plan: Plan = []
    for n, good in enumerate(goods, start=1):
        value = good.model_dump_json().encode()
        plan.append((Input("article", "indexed", topic, article_id=good.article_id), value))
        if not every or n % every:
            continue
        # Accepted by mistake, the third kind would show up as an unexpected document.
        wrong = f"{good.article_id}-poison"
        kinds: list[tuple[str, bytes, str | None]] = [
            ("not JSON", b"{not json " + str(n).encode(), None),
            ("JSON of the wrong shape", json.dumps([n]).encode(), None),
            ("schema_version 99", _with(value, schema_version=99, article_id=wrong), wrong),
        ]
        what, poison_value, would_be = kinds[(n // every) % len(kinds)]
        plan.append((Input(what, "dead_letter", topic, article_id=would_be), poison_value))
    return plan


def _with(value: bytes, **changes: Any) -> bytes:
    return json.dumps({**json.loads(value), **changes}).encode()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


@dataclass
class Input:
    """One thing a scenario published, and where its outcome will name it."""

    what: str
    expect: Expect
    topic: str
    partition: int = -1
    offset: int = -1
    article_id: str | None = None


#: What a scenario publishes: each input and its bytes (keyed by its article id, if any).
Plan = list[tuple["Input", bytes | None]]
