"""Story ids through the writer: the same set of copies gets the same labels however it arrives."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Sequence

import pytest

from indexer.grouping import Labels
from newsdesk.events import EnrichedArticle

from .fakes import ARTICLES, FakeElasticsearch, enriched, writer

# Three stories and a loner. A story's first article is its earliest fetch, whichever arrives
# first ("s2-y" before "s2-x"); "s1-c" is linked to "s1-a" only through "s1-b" (a chain), so it
# names no earlier copy of its own; "s3-p" and "s3-q" were fetched at the same time: the id decides.
COPIES = [
    enriched("s1-a", 0, minhash_bands=["00:a1", "01:a2"]),
    enriched("s1-b", 7, minhash_bands=["01:a2", "02:b3"]),
    enriched("s1-c", 3, minhash_bands=["02:b3"]),
    enriched("s2-x", 20, minhash_bands=["00:x1"]),
    enriched("s2-y", 15, minhash_bands=["00:x1", "03:y4"]),
    enriched("s3-p", 30, minhash_bands=["05:p5"]),
    enriched("s3-q", 30, minhash_bands=["05:p5"]),
    enriched("loner", 1, minhash_bands=["00:zz"]),
]
EXPECTED = {
    "s1-a": Labels("s1-a", None),
    "s1-b": Labels("s1-a", "s1-a"),
    "s1-c": Labels("s1-a", None),
    "s2-x": Labels("s2-y", "s2-y"),
    "s2-y": Labels("s2-y", None),
    "s3-p": Labels("s3-p", None),
    "s3-q": Labels("s3-p", "s3-p"),
    "loner": Labels("loner", None),
}


def fresh(articles: Sequence[EnrichedArticle]) -> list[EnrichedArticle]:
    """Copies without labels, as the extractor publishes them."""
    return [a.model_copy(update={"story_id": None, "duplicate_of": None}) for a in articles]


def stored_labels(es: FakeElasticsearch) -> dict[str, Labels]:
    return {
        doc_id: Labels(doc["story_id"], doc["duplicate_of"])
        for doc_id, doc in es.sources(ARTICLES).items()
    }


def batches(rng: random.Random) -> list[list[EnrichedArticle]]:
    """The copies in a random order, cut into batches of random sizes."""
    order = fresh(COPIES)
    rng.shuffle(order)
    cuts = sorted(rng.sample(range(1, len(order)), rng.randrange(len(order) - 1)))
    return [order[i:j] for i, j in zip([0, *cuts], [*cuts, len(order)], strict=True)]


@pytest.mark.parametrize("seed", range(12), ids=lambda seed: f"shuffle-{seed}")
async def test_shuffled_arrival_gives_the_same_story_ids(seed: int) -> None:
    """Refreshed after each batch: every batch sees what came before it."""
    es = FakeElasticsearch()
    bulk = writer(es)
    for batch in batches(random.Random(seed)):  # noqa: S311  # reproducible orders, nothing secret
        await bulk.write(batch)
        await es.indices.refresh(index=ARTICLES)
    assert stored_labels(es) == EXPECTED


@pytest.mark.parametrize("seed", range(12), ids=lambda seed: f"shuffle-{seed}")
async def test_copies_in_batches_within_the_refresh_interval_are_linked(seed: int) -> None:
    """Nothing refreshes between batches: each one sees only its own refresh."""
    es = FakeElasticsearch()
    bulk = writer(es)
    for batch in batches(random.Random(seed)):  # noqa: S311  # reproducible orders, nothing secret
        await bulk.write(batch)
    assert stored_labels(es) == EXPECTED


@pytest.mark.parametrize("seed", range(96), ids=lambda seed: f"interleaving-{seed}")
async def test_indexers_writing_copies_at_once_agree_on_story_ids(seed: int) -> None:
    """Two to four writers (partitions) interleave at random at every request."""
    rng = random.Random(seed)  # noqa: S311  # reproducible orders, nothing secret
    es = FakeElasticsearch()

    async def let_others_run() -> None:
        for _ in range(rng.randrange(3)):
            await asyncio.sleep(0)

    es.pause = let_others_run
    order = fresh(COPIES)
    rng.shuffle(order)
    count = 2 + seed % 3

    async def one_by_one(articles: list[EnrichedArticle]) -> None:
        bulk = writer(es)
        for article in articles:
            await bulk.write([article])

    await asyncio.gather(*(one_by_one(order[n::count]) for n in range(count)))
    assert stored_labels(es) == EXPECTED


async def test_a_relabelled_article_is_still_replaced_by_its_fetch() -> None:
    es = FakeElasticsearch()
    bulk = writer(es)
    late_first = enriched("first", 0, minhash_bands=["00:aa"])
    await bulk.write([enriched("copy", 5, minhash_bands=["00:aa"], title="v1")])
    assert stored_labels(es)["copy"] == Labels("copy", None)

    await bulk.write([late_first])  # fetched earlier, arrives later: "copy" joins its story
    assert stored_labels(es)["copy"] == Labels("first", "first")
    # A relabel is a compare-and-set: one more than the version it read.
    assert es.live[ARTICLES]["copy"].version == es.live[ARTICLES]["first"].version + 5 * 60_000 + 1

    again = await bulk.write([enriched("copy", 5, minhash_bands=["00:aa"], title="v2")])
    assert again.indexed == ["copy"]
    assert es.sources(ARTICLES)["copy"]["title"] == "v2"
    assert stored_labels(es)["copy"] == Labels("first", "first")


async def test_a_re_extraction_that_leaves_a_story_splits_it() -> None:
    es = FakeElasticsearch()
    bulk = writer(es)
    await bulk.write(
        fresh(
            [
                enriched("a", 0, minhash_bands=["00:aa"]),
                enriched("b", 1, minhash_bands=["00:aa", "01:bb"]),
                enriched("c", 2, minhash_bands=["01:bb"]),
            ]
        )
    )
    assert {labels.story_id for labels in stored_labels(es).values()} == {"a"}

    await bulk.write([enriched("b", 1, minhash_bands=["09:new"])])  # new rules, new bands
    assert stored_labels(es) == {
        "a": Labels("a", None),
        "b": Labels("b", None),
        "c": Labels("c", None),
    }


async def test_a_stale_article_leaves_the_stored_labels_alone() -> None:
    es = FakeElasticsearch()
    bulk = writer(es)
    await bulk.write([enriched("a", 10, minhash_bands=["00:aa"])])
    await bulk.write([enriched("b", 20, minhash_bands=["00:aa"])])
    outcome = await bulk.write([enriched("b", 1, minhash_bands=["00:aa"])])  # older fetch
    assert outcome.stale == ["b"]
    assert stored_labels(es) == {"a": Labels("a", None), "b": Labels("a", "a")}


async def test_a_unique_batch_costs_a_read_by_id_a_refresh_and_one_search() -> None:
    es = FakeElasticsearch()
    await writer(es).write(fresh(COPIES[-1:]))
    calls = [call for call, _ in es.calls]
    assert calls == ["mget", "bulk", "bulk", "refresh", "mget", "search"]


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [
        pytest.param(0, "indexed", id="same-fetch-replaces"),
        pytest.param(1, "indexed", id="newer-fetch-replaces"),
        pytest.param(-1, "stale", id="older-fetch-stays-stale"),
    ],
)
async def test_versions_raised_by_relabels_do_not_change_which_fetch_wins(
    minutes: int, expected: str
) -> None:
    es = FakeElasticsearch()
    bulk = writer(es)
    await bulk.write([enriched("a", 10, minhash_bands=["00:aa"])])
    es.live[ARTICLES]["a"].version += 5 * 60_000  # as if relabelled past a fetch 1 minute later
    outcome = await bulk.write([enriched("a", 10 + minutes, title="again")])
    assert outcome.result_of("a") == expected
    title = es.sources(ARTICLES)["a"]["title"]
    assert title == ("again" if expected == "indexed" else "Article a")
