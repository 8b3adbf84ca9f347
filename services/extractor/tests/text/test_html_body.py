"""How the text stage combines trafilatura's precise and default readings of a page."""

from __future__ import annotations

import pytest

from extractor.text.html import _fill_gaps, _with_lead, parse_html
from extractor.text.plain import is_noise_line

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
            _lines(*STORY),
            _lines(STORY[0], STORY[1], "What did the ministers agree?", STORY[2], STORY[3]),
            _lines(STORY[0], STORY[1], "What did the ministers agree?", STORY[2], STORY[3]),
            id="a-question-inside-the-story-is-a-subheading",
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


LEAD = "The council voted to rebuild the harbour wall after two winters of storms flooded the town."


def test_a_lead_in_the_page_header_is_kept() -> None:
    # Precision mode drops a <header>'s paragraph beside the headline; it is the story's lead.
    paragraphs = "".join(f"<p>{' '.join(STORY)} ({i})</p>" for i in range(5))
    html = (
        "<html><head><title>Council backs the harbour plan</title></head><body>"
        '<nav><a href="/">Home</a> <a href="/news">News</a></nav><main><article><header>'
        f'<h1>Council backs the harbour plan</h1><p class="lead">{LEAD}</p></header>'
        f'<div class="body">{paragraphs}</div></article></main></body></html>'
    )
    document, _ = parse_html(html, "https://example.com/news/harbour")
    assert document.text.startswith(LEAD + "\n\n" + STORY[0])


@pytest.mark.parametrize(
    ("balanced", "expected"),
    [
        pytest.param(
            _lines("Council backs the harbour plan", LEAD, *STORY),
            _lines(LEAD, *STORY),
            id="the-sentence-before-the-story-is-its-lead",
        ),
        pytest.param(
            _lines(LEAD.rstrip("."), *STORY),
            _lines(*STORY),
            id="a-line-without-a-full-stop-is-a-headline",
        ),
        pytest.param(
            _lines(*ITEMS, *STORY),
            _lines(*STORY),
            id="the-last-of-a-run-of-teasers-is-no-lead",
        ),
        pytest.param(
            _lines("Sign up for our newsletter to get the harbour news every morning.", *STORY),
            _lines(*STORY),
            id="a-promo-is-no-lead",
        ),
    ],
)
def test_the_default_reading_gives_the_lead(balanced: str, expected: str) -> None:
    assert _with_lead(_lines(*STORY), balanced) == expected


@pytest.mark.parametrize(
    "promo",
    [
        "Want more news like this? Sign up for our free daily newsletter to get it first.",
        "Never miss a story: the Harbour Times newsletter is delivered to your inbox daily.",
        "Example Weekly has affiliate partnerships, so we may receive compensation for links.",
        "More: Storm season starts early on the coast this year",
        "Lesen Sie auch: Der Hafen bekommt eine neue Mauer",
        "Lea también: El puerto tendrá un nuevo muro",
        "Titelbild: Hafenmauer im Sturm, Stadtarchiv",
        "NOTAS RELACIONADAS",
        "Lesen Sie auch die folgenden Beiträge:",
        "À lire aussi » Le port aura un nouveau mur",
        "Sign-up To The Newsletter And Get A Free eBook",
        "Leave a Reply",
        "Post a Comment",
        "« Harbour board elects a chair | Main | Storm season starts early »",
        "A version of this article appears in print on Nov. 8, 2012, Section B, Page 9 of the"
        " New York edition with the headline: Council Backs Harbour Plan.",
    ],
)
def test_promo_lines_inside_the_story_are_dropped(promo: str) -> None:
    paragraphs = [f"<p>{line} ({i})</p>" for i in range(3) for line in STORY]
    paragraphs.insert(6, f"<p>{promo}</p>")
    html = (
        "<html><head><title>Council backs the harbour plan</title></head><body><article>"
        f"<h1>Council backs the harbour plan</h1>{''.join(paragraphs)}</article></body></html>"
    )
    document, _ = parse_html(html, "https://example.com/news/harbour")
    assert promo not in document.text
    assert document.text.count("Paragraph") == 12


@pytest.mark.parametrize(
    "line",
    [
        "More than 200 people came to the harbour on Tuesday to watch the vote.",
        "The newsletter of the harbour board said the wall would cost 4 million euros.",
        "Photos of the flooded town were shown to the council before the vote.",
        "Leave a comment below if you were at the harbour on Tuesday to watch the vote.",
        "RELATED: The harbour board's last plan fared no better. Aside from the mayor, who was in"
        " no danger of losing her seat, most of the councillors who backed it lost theirs in May,"
        " and the board has not put a plan to the vote since.",
        "« Nous ne paierons pas pour ce mur », a dit la maire mardi devant le conseil.",
    ],
)
def test_story_lines_like_promos_are_kept(line: str) -> None:
    assert not is_noise_line(line)


def _article(*lines: str) -> str:
    paragraphs = "".join(f"<p>{line}</p>" for line in lines)
    return (
        "<html><head><title>Council backs the harbour plan</title></head><body><article>"
        f"<h1>Council backs the harbour plan</h1>{paragraphs}</article></body></html>"
    )


NOTE = "Jane Mary Doe is a staff reporter for the Harbour Times covering the town council."


@pytest.mark.parametrize(
    "note",
    [NOTE, "Jane Doe writes about courts, councils and the coast for the Harbour Times."],
)
def test_a_note_on_the_author_after_the_story_is_dropped(note: str) -> None:
    html = _article(*[f"{line} ({i})" for i in range(3) for line in STORY], note)
    document, _ = parse_html(html, "https://example.com/news/harbour")
    assert note not in document.text
    assert document.text.count("Paragraph") == 12


def test_a_reporter_named_inside_the_story_is_kept() -> None:
    lines = [f"{line} ({i})" for i in range(3) for line in STORY]
    html = _article(*lines[:6], NOTE, *lines[6:])
    document, _ = parse_html(html, "https://example.com/news/harbour")
    assert NOTE in document.text


@pytest.mark.parametrize("marker", ["paywall", "paywalled", "pmc-not-a-paywall"])
def test_paragraphs_marked_as_behind_the_paywall_are_the_story(marker: str) -> None:
    # Long enough that the pruned page's reading stands without trafilatura's whole-page one.
    lines = [f"{line} ({i})" for i in range(10) for line in STORY]
    paragraphs = "".join(
        f'<p class="{marker}">{line}</p>' if n >= 30 else f"<p>{line}</p>"
        for n, line in enumerate(lines)
    )
    prompt = "You have read your last free article this month. Become a member to keep reading."
    html = (
        "<html><head><title>Council backs the harbour plan</title></head><body><article>"
        f"<h1>Council backs the harbour plan</h1>{paragraphs}</article>"
        f'<div class="paywall-bar PaywallModalWrapper"><p>{prompt}</p></div></body></html>'
    )
    document, _ = parse_html(html, "https://example.com/news/harbour")
    assert document.text.count("Paragraph") == 40
    assert prompt not in document.text


def test_comments_signed_under_the_story_are_dropped() -> None:
    story = [f"{line} ({i})" for i in range(3) for line in STORY]
    comments = [
        line
        for i in range(4)
        for line in (
            f"I was at the meeting on Tuesday and I think the wall is a waste of money ({i}).",
            f"Posted by: Reader {i} at September 10, 2012 {i + 1}:15 PM",
        )
    ]
    signed = "Posted by Jane at September 10, 2012 9:01 AM"
    html = _article("Posted by Jane on September 10, 2012", *story, signed, *comments)
    document, _ = parse_html(html, "https://example.com/news/harbour")
    assert document.text.count("Paragraph") == 12
    assert "waste of money" not in document.text
    assert signed not in document.text


@pytest.mark.parametrize(
    "heading",
    [
        "4 Responses to “Council backs the harbour plan”",
        "12 thoughts on “Council backs the harbour plan”",
        "{ 14 comments… read them below or add one }",
    ],
)
def test_the_heading_of_the_comments_ends_the_story(heading: str) -> None:
    story = [f"{line} ({i})" for i in range(3) for line in STORY]
    comment = "I was at the meeting on Tuesday and I think the wall is a waste of money."
    html = _article("2 Comments", *story, heading, comment, "Jo Bloggs, 12 July 2012 at 9:10")
    document, _ = parse_html(html, "https://example.com/news/harbour")
    assert document.text.count("Paragraph") == 12
    assert "waste of money" not in document.text


@pytest.mark.parametrize(
    "line",
    [
        'No comment on "the Kremlin plan" came from Washington by Tuesday evening.',
        "Written by hand in 1945, the letter was found in the archive last spring.",
    ],
    ids=["no-comment-in-prose", "written-by-in-prose"],
)
def test_prose_like_a_heading_or_a_signature_keeps_the_story(line: str) -> None:
    story = [f"{text} ({i})" for i in range(3) for text in STORY]
    html = _article("Council backs the plan", *story[:9], line, *story[9:])
    document, _ = parse_html(html, "https://example.com/news/harbour")
    assert document.text.count("Paragraph") == 12
