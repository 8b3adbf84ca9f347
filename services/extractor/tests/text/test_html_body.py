"""How the text stage combines trafilatura's precise and default readings of a page."""

from __future__ import annotations

import pytest

from extractor.text.html import _fill_gaps

STORY = [
    f"Paragraph {i} of the story tells how the ministers met in Manama and what they agreed."
    for i in range(4)
]
ITEMS = [f"Item {i}: a jacket in three colours, 55% off in the winter sale." for i in range(6)]


def _lines(*lines: str) -> str:
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("precise", "balanced", "expected"),
    [
        pytest.param(
            _lines(STORY[0], STORY[1]),
            _lines("Menu", STORY[0], *ITEMS, STORY[1], "Related: more deals"),
            _lines(STORY[0], *ITEMS, STORY[1]),
            id="listicle-items-between-the-story-lines-are-added-in-place",
        ),
        pytest.param(
            _lines(*STORY),
            _lines(STORY[0], STORY[1], "Sign up for our newsletter today.", STORY[2], STORY[3]),
            _lines(*STORY),
            id="a-promo-line-inside-the-story-stays-out",
        ),
        pytest.param(
            _lines(STORY[0], STORY[1].replace(" met ", "\nmet "), STORY[2]),
            _lines(STORY[0], STORY[1], STORY[2]),
            _lines(STORY[0], STORY[1].replace(" met ", "\nmet "), STORY[2]),
            id="a-paragraph-wrapped-differently-is-not-added-twice",
        ),
        pytest.param(
            _lines(STORY[0], STORY[1]),
            _lines(*ITEMS, STORY[0], STORY[1], *ITEMS),
            _lines(STORY[0], STORY[1]),
            id="lines-outside-the-story-span-stay-out",
        ),
        pytest.param(
            _lines(STORY[0], "A line the default reading lacks.", STORY[1]),
            _lines(STORY[0], *ITEMS, STORY[1]),
            _lines(STORY[0], *ITEMS, "A line the default reading lacks.", STORY[1]),
            id="precise-lines-the-default-lacks-are-kept",
        ),
    ],
)
def test_default_reading_fills_the_gaps_of_the_precise_one(
    precise: str, balanced: str, expected: str
) -> None:
    assert _fill_gaps(precise, balanced) == expected
