"""Metadata of HTML pages: title, authors without junk, outlet, canonical URL, tags, language."""

from __future__ import annotations

import pytest

from extractor.text.authors import clean_authors, credit_names
from extractor.text.dates import parse_date_line
from extractor.text.extract import TextStage
from extractor.text.titles import split_title_suffix

from .conftest import raw_article

BODY = "".join(
    f"<p>Paragraph {n}: officials from both countries met in the capital to discuss the accord"
    " on intelligence sharing, training and the sale of drones.</p>"
    for n in range(5)
)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        pytest.param(["Jane Doe"], ["Jane Doe"], id="person"),
        pytest.param(["By Jane Doe and John Roe"], ["Jane Doe", "John Roe"], id="byline-two"),
        pytest.param(["5 Minute Read"], [], id="minute-read"),
        pytest.param(["Published"], [], id="published"),
        pytest.param(["July 13, 2022"], [], id="a-date"),
        pytest.param(["@janedoe"], [], id="social-handle"),
        pytest.param(["https://www.facebook.com/janedoe"], [], id="profile-url"),
        pytest.param(["Staff"], [], id="staff"),
        pytest.param(["Reuters"], [], id="agency"),
        pytest.param(["JANE DOE"], ["Jane Doe"], id="shouting"),
        pytest.param(["Jane Doe", "jane doe"], ["Jane Doe"], id="duplicates"),
        pytest.param(
            ["Ahmed bin Rashid Al Khalifa"], ["Ahmed bin Rashid Al Khalifa"], id="particles"
        ),
        pytest.param(["أحمد الخليفة"], ["أحمد الخليفة"], id="arabic-script"),
    ],
)
def test_author_strings_are_cleaned(values: list[str], expected: list[str]) -> None:
    assert clean_authors(values) == expected


def test_page_metadata_is_read(inline_stage: TextStage) -> None:
    html = f"""<html lang="en-GB"><head><title>Drone pact signed | The Courier</title>
    <link rel="canonical" href="/world/drone-pact">
    <meta property="og:site_name" content="The Courier">
    <meta name="description" content="Two states sign a pact.">
    <meta property="article:section" content="World">
    <meta property="article:tag" content="Drones"><meta property="article:tag" content="Gulf">
    <meta property="og:image" content="/img/pact.jpg">
    <meta name="author" content="Jane Doe"></head>
    <body><article><h1>Drone pact signed</h1>{BODY}</article></body></html>"""
    document = inline_stage.extract(raw_article(html, url="https://courier.example.com/x?utm=1"))
    assert document.title == "Drone pact signed"
    assert document.source_name == "The Courier"
    assert document.canonical_url == "https://courier.example.com/world/drone-pact"
    assert document.description == "Two states sign a pact."
    assert (document.section, document.tags) == ("World", ["Drones", "Gulf"])
    assert document.image == "https://courier.example.com/img/pact.jpg"
    assert document.authors == ["Jane Doe"]
    assert document.language == "en"
    assert "Drone pact signed" not in document.text


def test_json_ld_organisation_author_is_the_outlet_not_a_person(inline_stage: TextStage) -> None:
    ld = (
        '{"@type": "NewsArticle", "headline": "Drone pact signed",'
        ' "author": {"@type": "Organization", "name": "Gulf Wire"},'
        ' "publisher": {"@type": "Organization", "name": "Gulf Wire"}}'
    )
    html = (
        f'<html><head><script type="application/ld+json">{ld}</script></head>'
        f"<body><article><h1>Drone pact signed</h1>{BODY}</article></body></html>"
    )
    document = inline_stage.extract(raw_article(html))
    assert document.authors == []
    assert document.source_name == "Gulf Wire"


def test_title_prefers_the_headline_over_the_page_title(inline_stage: TextStage) -> None:
    html = (
        "<html><head><title>Drone pact signed - World - The Courier</title>"
        '<meta property="og:title" content="Drone pact signed"></head>'
        "<body><h1>The Courier</h1>"
        f"<article><h1>Drone pact signed</h1>{BODY}</article></body></html>"
    )
    assert inline_stage.extract(raw_article(html)).title == "Drone pact signed"


def test_non_english_page_is_extracted_with_its_language(inline_stage: TextStage) -> None:
    body = "".join(
        f"<p>Les responsables des deux pays se sont rencontrés pour la {n}e fois dans la capitale"
        " afin de signer un accord sur le renseignement et la vente de drones.</p>"
        for n in range(2, 6)
    )
    html = (
        "<html lang='fr'><head><title>Accord signé</title></head>"
        f"<body><article>{body}</article></body></html>"
    )
    document = inline_stage.extract(raw_article(html))
    assert document.language == "fr"
    assert document.language_confidence is not None
    assert document.language_confidence > 0.9
    assert "renseignement" in document.text


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param(
            "Reporting by Jane Doe in London and Omar Haddad; Editing by Mark Potter",
            ["Jane Doe", "Omar Haddad"],
            id="two-reporters-with-places",
        ),
        pytest.param("Additional reporting by Li Wei in Beijing", ["Li Wei"], id="additional"),
        pytest.param("Editing by Mark Potter", [], id="editor-only"),
    ],
)
def test_wire_credit_lines_name_the_reporters(line: str, expected: list[str]) -> None:
    names = credit_names(line)
    assert clean_authors([names] if names else []) == expected


@pytest.mark.parametrize(
    ("line", "day"),
    [
        pytest.param("13. Juli 2022", "2022-07-13", id="german"),
        pytest.param("12 de abril de 2023", "2023-04-12", id="spanish"),
        pytest.param("13 يوليو 2022", "2022-07-13", id="arabic"),
        pytest.param("Published on 21 September 2022", "2022-09-21", id="english-prefixed"),
    ],
)
def test_datelines_in_other_languages_are_read(line: str, day: str) -> None:
    parsed = parse_date_line(line)
    assert parsed is not None
    assert parsed[0].date().isoformat() == day


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        pytest.param("Drone pact signed | The Courier", "Drone pact signed", id="site-suffix"),
        pytest.param(
            "Valley Gazette - Regional airport reports busiest summer",
            "Regional airport reports busiest summer",
            id="site-prefix",
        ),
        pytest.param(
            "Fishing : ban on dredging postponed",
            "Fishing : ban on dredging postponed",
            id="colon-kept",
        ),
    ],
)
def test_page_title_loses_only_its_site_part(title: str, expected: str) -> None:
    assert split_title_suffix(title, []) == expected


def test_json_ld_author_given_by_id_is_resolved_in_the_graph(inline_stage: TextStage) -> None:
    graph = (
        '{"@graph": [{"@type": "NewsArticle", "headline": "Drone pact signed",'
        ' "author": {"@id": "#person-1"}},'
        ' {"@type": "Person", "@id": "#person-1", "name": "Pieter Jansen"}]}'
    )
    html = (
        f'<html><head><script type="application/ld+json">{graph}</script></head>'
        f"<body><article><h1>Drone pact signed</h1>{BODY}</article></body></html>"
    )
    assert inline_stage.extract(raw_article(html)).authors == ["Pieter Jansen"]


def test_a_pruned_away_article_falls_back_to_trafilatura(inline_stage: TextStage) -> None:
    story = "".join(
        f"<p>Paragraph {i} of the story tells how the two ministers met in Manama and what "
        "they agreed on defence cooperation, maritime security and intelligence.</p>"
        for i in range(12)
    )
    # The whole story sits in a wrapper whose class names a newsletter box: pruned as furniture.
    html = (
        "<html><head><title>Ministers meet</title></head><body>"
        '<div class="ticker"><p>S&amp;P 500 5,005.57</p></div>'
        f'<div class="newsletter-wrapper"><article>{story}</article></div></body></html>'
    )
    document = inline_stage.extract(raw_article(html))
    assert "Paragraph 11 of the story" in document.text


def test_a_line_repeated_three_times_is_page_furniture(inline_stage: TextStage) -> None:
    oops = "<ul>" + "<li>Oops! Something went wrong. Please try again later.</li>" * 3 + "</ul>"
    story = "".join(
        f"<p>Sentence {i} of a long enough story about a meeting in Manama between ministers.</p>"
        for i in range(8)
    )
    document = inline_stage.extract(
        raw_article(f"<html><body><article>{oops}{story}</article></body></html>")
    )
    assert "Oops" not in document.text
    assert "Sentence 7" in document.text


def test_a_story_cut_short_by_pruning_falls_back_to_trafilatura(inline_stage: TextStage) -> None:
    lead = "".join(
        f"<p>Lead {i}: the two ministers met in Manama on Tuesday and agreed on defence "
        "cooperation, maritime security, intelligence sharing and joint training of their "
        "navies, officials of both governments said after a meeting that lasted most of the "
        "afternoon and ended with a ceremony attended by the heads of both navies.</p>"
        for i in range(2)
    )
    rest = "".join(
        f"<p>Paragraph {i} of the story tells what the accord means for the region, for the "
        "shipyards that will build the patrol boats and for the sailors who will crew them.</p>"
        for i in range(10)
    )
    # The rest of the story sits in a block whose class names a gallery of related photos, as
    # on a review page: pruned as furniture, it left only the lead, which the page contains.
    html = (
        "<html><head><title>Ministers meet</title></head><body><article>"
        f'{lead}<div class="related-gallery">{rest}</div></article></body></html>'
    )
    document = inline_stage.extract(raw_article(html))
    assert "Paragraph 9 of the story" in document.text


def test_an_unclosed_iframe_in_noscript_does_not_turn_scripts_into_text(
    inline_stage: TextStage,
) -> None:
    # A tag manager's fallback: the <iframe> is never closed, so a parser reads the rest of the
    # page as the frame's text, the page's JSON and scripts included.
    html = (
        "<html><head><title>Ministers meet</title></head><body>"
        '<noscript><iframe src="https://tags.example/ns.html" height="0" width="0"></noscript>'
        '<script id="page-data" type="application/json">{"meta": {"blog": "news"}}</script>'
        f"<article>{BODY}</article>"
        "<script>window.tags = window.tags || []; window.tags.push(function() {});</script>"
        "</body></html>"
    )
    document = inline_stage.extract(raw_article(html))
    assert "Paragraph 4: officials" in document.text
    assert "window.tags" not in document.text
    assert '{"meta"' not in document.text


def test_a_long_menu_is_not_taken_for_the_story(inline_stage: TextStage) -> None:
    story = "".join(
        f"<p>Paragraph {i} of the story tells how the two ministers met in Manama and what "
        "they agreed on defence cooperation, maritime security and intelligence.</p>"
        for i in range(6)
    )
    menu = "".join(f'<li><a href="/section-{i}">Section {i} news</a></li>' for i in range(200))
    # The story's wrapper is pruned as furniture, and recall mode then reads the site's menu:
    # longer than any short-body threshold, but not prose.
    html = (
        "<html><head><title>Ministers meet</title></head><body>"
        f'<nav-list><ul class="menu">{menu}</ul></nav-list>'
        f'<div class="newsletter-wrapper"><article>{story}</article></div></body></html>'
    )
    document = inline_stage.extract(raw_article(html))
    assert "Paragraph 5 of the story" in document.text
    assert "Section 150 news" not in document.text


def test_a_post_served_in_noscript_is_read(inline_stage: TextStage) -> None:
    # Blogger renders the post with JavaScript and serves it to everyone else in a <noscript>.
    html = (
        "<html><head><title>Ministers meet</title></head><body>"
        '<div class="post-body"><script>renderPost()</script>'
        f"<noscript>{BODY}</noscript></div>"
        '<div class="archive"><ul><li>2020</li><li>2019</li><li>2018</li></ul></div>'
        "</body></html>"
    )
    document = inline_stage.extract(raw_article(html))
    assert "Paragraph 4: officials" in document.text


@pytest.mark.parametrize(
    "dialog",
    [
        pytest.param('<div class="privacy-modal">', id="privacy-modal"),
        pytest.param('<div id="onetrust-consent-sdk">', id="onetrust"),
        pytest.param('<div id="CybotCookiebotDialog">', id="cookiebot"),
    ],
)
def test_a_cookie_dialog_longer_than_the_story_is_not_the_body(
    inline_stage: TextStage, dialog: str
) -> None:
    story = (
        "<p>Jennifer Felix, chief executive of the firm, explains what drove the company to make"
        " two acquisitions that closed in quick succession and which technologies it wants to"
        " lead in.</p>"
    )
    cookies = "".join(
        f"<p>Cookie {i}: a cookie is a small piece of data that a website asks your browser to"
        " store on your device in order to remember information about you, such as your"
        " language preference or login information, for the purposes listed below.</p>"
        for i in range(12)
    )
    html = (
        "<html><head><title>A podcast</title></head><body>"
        f"<article>{story}</article>{dialog}{cookies}</div></body></html>"
    )
    document = inline_stage.extract(raw_article(html))
    assert "Jennifer Felix" in document.text
    assert "small piece of data" not in document.text


def test_a_story_wrapper_whose_class_mentions_consent_inside_a_word_stays(
    inline_stage: TextStage,
) -> None:
    # (Yahoo's story wrapper carries "filterNonGdprEmbeds" among its classes)
    html = '<html><body><div class="caas-body filterNonGdprEmbeds">' + BODY + "</div></body></html>"
    assert "Paragraph 4" in inline_stage.extract(raw_article(html)).text
