"""The story rule as a pure function of the set of articles."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from itertools import permutations

import pytest

from indexer.grouping import Labels, Member, label

T0 = datetime(2022, 2, 3, tzinfo=UTC)


def member(article_id: str, minutes: int, *bands: str) -> Member:
    return Member(article_id, T0 + timedelta(minutes=minutes), frozenset(bands))


# a(0) -- b(5) share 00:x; c(10) shares 01:y with b only; d(1) stands alone; e(3) shares 02:z
# with c, so a late-fetched chain a-b-c-e is one story whose first article is a.
CHAIN = [
    member("a", 0, "00:x"),
    member("b", 5, "00:x", "01:y"),
    member("c", 10, "01:y", "02:z"),
    member("d", 1, "00:q"),
    member("e", 3, "02:z"),
]


@pytest.mark.parametrize(
    ("members", "expected"),
    [
        pytest.param([member("a", 0, "00:x")], {"a": Labels("a", None)}, id="alone"),
        pytest.param([member("a", 0)], {"a": Labels("a", None)}, id="no-bands-is-its-own-story"),
        pytest.param(
            [member("late", 9, "00:x"), member("early", 1, "00:x")],
            {"early": Labels("early", None), "late": Labels("early", "early")},
            id="earliest-fetch-is-the-story",
        ),
        pytest.param(
            [member("b", 0, "00:x"), member("a", 0, "00:x")],
            {"a": Labels("a", None), "b": Labels("a", "a")},
            id="same-fetch-time-the-id-decides",
        ),
        pytest.param(
            CHAIN,
            {
                "a": Labels("a", None),
                "b": Labels("a", "a"),
                "c": Labels("a", "e"),
                "d": Labels("d", None),
                "e": Labels("a", None),
            },
            id="a-chain-is-one-story-each-naming-its-first-earlier-link",
        ),
    ],
)
def test_labels(members: list[Member], expected: dict[str, Labels]) -> None:
    assert label(members) == expected


def test_labels_do_not_depend_on_the_order_of_the_articles() -> None:
    expected = label(CHAIN)
    for order in permutations(CHAIN):
        assert label(order) == expected


def test_labels_of_a_larger_set_do_not_depend_on_the_order() -> None:
    rng = random.Random(10)  # noqa: S311  # reproducible orders, nothing secret
    bands = [f"{n:02d}:{rng.choice('abcdefgh')}" for n in range(40)]
    members = [member(f"m{n:02d}", rng.randrange(60), *rng.sample(bands, 2)) for n in range(30)]
    expected = label(members)
    assert len({labels.story_id for labels in expected.values()}) < len(members)
    for _ in range(50):
        rng.shuffle(members)
        assert label(members) == expected
