"""HTML articles: main text with trafilatura, then title, authors, outlet and dates of the page."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from html import unescape
from urllib.parse import urljoin

import trafilatura
from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from extractor.text.authors import (
    byline_names,
    clean_authors,
    credit_names,
)
from extractor.text.bylines import find_bylines
from extractor.text.dates import DateCandidate, dateline
from extractor.text.document import ExtractedDocument, count_words
from extractor.text.metadata import read_metadata
from extractor.text.plain import (
    end_of_story,
    is_author_note,
    is_contact_line,
    is_noise_line,
    parse_plain_text,
)
from extractor.text.titles import choose_title, source_name
from newsdesk.errors import ExtractionFailed

# Page furniture trafilatura sometimes keeps: captions, share bars, newsletter boxes, related
# links, author boxes, standfirsts (kept as the description), kickers, paywall prompts, comments.
# A paywall prompt is a part of the paywall ("paywall-bar", "PaywallModalWrapper"); "paywall"
# alone, "paywalled" or "pmc-not-a-paywall" mark the story's own paragraphs behind the meter.
_FURNITURE_CLASS = re.compile(
    r"caption|credit|share|social|newsletter|subscribe|related|recommend|promo|author-bio|"
    r"byline|dateline|standfirst|subtitle|kicker|eyebrow|paywall[-_]|(?-i:Paywall[A-Z])|"
    r"advert|comments|comment-|"
    r"tags|breadcrumb|(?:^|\s)(?:ad|dek|label)(?:\s|$)",
    re.IGNORECASE,
)
# Cookie and consent dialogs, by a class or id that starts with these words: a privacy modal's
# cookie list may outweigh a short story ("privacy-modal", OneTrust's "onetrust-consent-sdk",
# Cookiebot's "CybotCookiebotDialog"; not Yahoo's story wrapper "filterNonGdprEmbeds").
_CONSENT = re.compile(
    r"(?:^|\s)(?:cookie|consent|gdpr|onetrust|cybotcookiebot|"
    r"privacy[-_](?:bar|modal|banner|pref|notice|popup))",
    re.IGNORECASE,
)
_FURNITURE_ROLES = ("complementary", "navigation")
_FURNITURE_CANDIDATES = XPath("//*[@class or @id or @role] | //figcaption | //aside")
# Containers of the story itself; WordPress, for one, puts "comments-open" on <body>.
_NEVER_PRUNED = ("html", "body", "main", "article")
_HEAD_PARAGRAPHS = 4
_TAIL_PARAGRAPHS = 2
_MAX_BYLINE_WORDS = 12
_FEW_PARAGRAPHS = 3
_DOUBLE_BREAK = re.compile(r"(?:<br\s*/?>\s*){2,}", re.IGNORECASE)
_MAX_TABLES = 50
# A cell holding a paragraph's worth of words is layout, not data.
_LAYOUT_CELL_WORDS = 40
_TRUNCATION_MIN_TAGS = 2000
_INVISIBLE = re.compile(
    r"<(script|style|svg|noscript|template)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S
)
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|li|h[1-6]|tr|article|section|blockquote|header)\b[^>]{0,500}>", re.I
)
_ANY_TAG = re.compile(r"<[^>]{0,500}>")
# A body this short may be what our pruning and precision mode left of a longer article (a
# wrapper whose class names a newsletter, a ticker taken for the story): trafilatura's own
# reading of the whole page is asked too, and wins when it is this many times longer.
_SHORT_BODY_CHARS = 2000
# ... and wins when it is longer and holds less than this share of our words (ours is another
# block of the page: a menu, a ticker, a legal notice), when ours is a mere scrap, or when it is
# this many times as long (ours is the article's first paragraphs, cut short where a gallery or
# an author box sat inside the story). Otherwise, when it holds ours, ours is the article and
# theirs the article with the page around it.
_CONTAINED = 0.5
_SCRAP_CHARS = 400
_MUCH_LONGER = 1.5
# A body whose text is mostly short lines (a menu, a list of labels, a login dialog) is asked
# about too, however long; between two readings of different parts of the page, the one with
# more prose (lines of at least _PROSE_WORDS words) is the story.
_PROSE_SHARE = 0.5
_PROSE_WORDS = 10
# <noscript> holds the page's no-JavaScript fallbacks: mostly tracking iframes and image copies,
# and an unclosed <iframe> in one turns the rest of the page, scripts included, into text; those
# are dropped. One with text is kept: Blogger serves the whole post in a <noscript>.
# (An unclosed block ends the match at the next <noscript>: ".*?" rescanned the rest of the page
# from each one, quadratic in pages of thousands of unclosed blocks.)
_NOSCRIPT = re.compile(
    r"<noscript\b(?:[^<]|<(?!/?noscript\b))*</noscript\s*>", re.IGNORECASE | re.DOTALL
)
_NOSCRIPT_TEXT_WORDS = 25
# The default reading's lines inside the precise reading's span are the story's when they add at
# least this share to it (a listicle's items), and promos when fewer.
_GAP_SHARE = 0.25
_QUESTION_WORDS = 20
_REPEATED = 3
# Precision mode drops a story's lead when it sits in the page's <header> beside the headline
# (trafilatura's evaluation pages, Readability's): the default reading's line just before the
# story is its lead when it is a sentence of prose, and not one of a run of them (teasers).
_SENTENCE_END = (".", "!", "?", '"', "”", "’", "»", ")", "…")


def parse_html(
    html: str, url: str, known_outlets: tuple[str, ...] = (), *, fast: bool = False
) -> tuple[ExtractedDocument, list[DateCandidate]]:
    """Body and metadata of an HTML page; the date candidates are chosen later by the caller.

    ``fast`` skips trafilatura's second-opinion extractors (readability, jusText): about
    twice as fast, slightly lower recall on unusual layouts.
    """
    html = _NOSCRIPT.sub(_noscript, html)
    if html.count("<p") < _FEW_PARAGRAPHS:
        # Old pages separate paragraphs with <br><br>; make them paragraphs trafilatura knows.
        html = _DOUBLE_BREAK.sub("<p>", html)
    tree = load_html(html)
    if tree is None:
        raise ExtractionFailed("the content does not parse as HTML", reason="bad_content_type")
    page = read_metadata(tree)
    bylines = find_bylines(tree)
    outlets = (*page.site_names, *known_outlets)
    title = choose_title(page)
    _prune_furniture(tree)
    _unwrap_layout_tables(tree)
    body = _body(tree, url, title, fast)
    if not body.text:
        body = _body_of_truncated_tree(tree, html, title)
    if len(body.text) < _SHORT_BODY_CHARS or _prose(body.text) < _PROSE_SHARE * len(body.text):
        body = _fuller_body(body, html, url, title)
    authors = (
        clean_authors(page.authors, outlets)
        or clean_authors(bylines.names, outlets)
        or clean_authors(body.bylines, outlets)
        or clean_authors(body.credits, outlets)
    )
    document = ExtractedDocument(
        text=body.text,
        title=title,
        authors=authors,
        source_name=source_name(page, [*page.authors, *bylines.names]),
        canonical_url=_absolute(url, page.canonical_url),
        description=page.description,
        section=page.section,
        tags=_unique(page.tags),
        image=_absolute(url, page.image),
        language=page.language,
    )
    return document, [*page.dates, *bylines.dates, *body.dates]


def _noscript(match: re.Match[str]) -> str:
    """A ``<noscript>`` block kept when it holds text, else a space."""
    words = len(unescape(_ANY_TAG.sub(" ", match.group(0))).split())
    return match.group(0) if words >= _NOSCRIPT_TEXT_WORDS else " "


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


@dataclass
class Body:
    """The article text, and the bylines, credits and dates that were cut from its edges."""

    text: str
    credits: list[str] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    dates: list[DateCandidate] = field(default_factory=list)


def _body(tree: HtmlElement, url: str, title: str | None, fast: bool) -> Body:
    precise = (
        trafilatura.extract(
            tree,
            url=url,
            include_comments=False,
            include_tables=False,
            include_images=False,
            deduplicate=False,
            favor_precision=True,
            fast=fast,
        )
        or ""
    )
    # The default reading is a second opinion on the same pruned page; its own fallback
    # extractors (readability, jusText) would double its cost for little: fast mode.
    balanced = (
        trafilatura.extract(tree, url=url, include_comments=False, include_tables=False, fast=True)
        or ""
    )
    if _prose(precise) < _PROSE_SHARE * len(precise) or not precise:
        # Precision mode kept a date line or a list of labels and dropped the story: the
        # default mode, on the same pruned page, wins when it reads more prose.
        text = balanced if _prose(balanced) > _prose(precise) else precise
    else:
        text = _with_lead(_fill_gaps(precise, balanced), balanced)
    if not text:
        # Precision mode can discard short pages (a teaser, a brief): ask again for recall.
        text = trafilatura.extract(tree, url=url, include_comments=False, favor_recall=True) or ""
    return _clean_body(text, title)


def _fill_gaps(precise: str, balanced: str) -> str:
    """The precise reading, with the lines the default reading finds between its first and last
    line when they add at least ``_GAP_SHARE`` to it: precision mode drops a listicle's items
    (short blocks among links), while a promo line or two inside a story stay out."""
    ours = [line for line in (" ".join(raw.split()) for raw in precise.split("\n")) if line]
    theirs = [" ".join(raw.split()) for raw in balanced.split("\n")]
    known = set(ours)
    where = [index for index, line in enumerate(theirs) if line in known]
    if len(where) < 2:
        return precise
    span = theirs[where[0] : where[-1] + 1]
    flat = " ".join(precise.split())  # the two readings may wrap a paragraph differently
    added = {
        line
        for line in span
        if line and line not in known and line not in flat and not is_noise_line(line)
    }
    if sum(map(len, added)) < _GAP_SHARE * len(precise):
        # Too little for a listicle's items: only the questions go in, an interview's or an
        # FAQ's subheadings, which precision mode drops ("Was sagt Professor Drosten dazu?").
        added = {line for line in added if _is_question(line)}
        if not added:
            return precise
    positions: dict[str, list[int]] = {}
    for index, line in enumerate(ours):
        positions.setdefault(line, []).append(index)
    merged: list[str] = []
    done = 0  # ours[:done] are merged, in their order; an added line goes where theirs has it
    for line in span:
        if line in added:
            merged.append(line)
            added.discard(line)
        elif line in positions:
            found = positions[line]
            at = bisect_left(found, done)
            if at < len(found):
                merged.extend(ours[done : found[at] + 1])
                done = found[at] + 1
    return "\n".join([*merged, *ours[done:]])


def _is_question(line: str) -> bool:
    return line.endswith("?") and len(line.split()) <= _QUESTION_WORDS


def _with_lead(text: str, balanced: str) -> str:
    """The text with the default reading's line just before its first line, when that line is
    a lead: a sentence of prose (a headline has no full stop) not already in the text, and not
    the last of a run of such sentences (a list of teasers above the story)."""
    first = next((line for line in (" ".join(raw.split()) for raw in text.split("\n")) if line), "")
    theirs = [line for line in (" ".join(raw.split()) for raw in balanced.split("\n")) if line]
    if first not in theirs or (at := theirs.index(first)) == 0:
        return text
    lead, before = theirs[at - 1], theirs[at - 2] if at >= 2 else ""
    if not _is_sentence(lead) or is_noise_line(lead) or lead in " ".join(text.split()):
        return text
    return text if _is_sentence(before) else f"{lead}\n{text}"


def _is_sentence(line: str) -> bool:
    return count_words(line) >= _PROSE_WORDS and line.endswith(_SENTENCE_END)


def _prune_furniture(tree: HtmlElement) -> None:
    """Remove page furniture by class, id and role (one XPath, then a regex in Python: many
    ``contains()`` in XPath cost more than trafilatura's whole extraction)."""
    for element in _FURNITURE_CANDIDATES(tree):
        if element.tag in _NEVER_PRUNED:
            continue
        if (
            element.tag in ("figcaption", "aside")
            or element.get("role") in _FURNITURE_ROLES
            or "comments" in (element.get("id") or "")
            or _FURNITURE_CLASS.search(element.get("class") or "")
            or _consent_dialog(element)
        ):
            element.drop_tree()


def _consent_dialog(element: HtmlElement) -> bool:
    return element.tag not in _NEVER_PRUNED and bool(
        _CONSENT.search(f"{element.get('class') or ''} {element.get('id') or ''}")
    )


def _unwrap_layout_tables(tree: HtmlElement) -> None:
    """Tables used for page layout become divs, so trafilatura sees their paragraphs."""
    for table in list(tree.iter("table"))[:_MAX_TABLES]:
        cells = table.xpath("./tr/td | ./tbody/tr/td")
        if any(len(cell.text_content().split()) > _LAYOUT_CELL_WORDS for cell in cells):
            for element in [table, *table.xpath("./tbody | ./tr | ./tbody/tr")]:
                element.tag = "div"
            for cell in cells:
                cell.tag = "div"


def _fuller_body(body: Body, html: str, url: str, title: str | None) -> Body:
    """trafilatura's default reading of the unpruned page (tables included: a results table
    can be the story), when ours is a scrap, another part of the page than the story, or the
    story cut short.

    On real news pages (newspaper4k's set) ours came out empty or a few lines of page furniture
    on 5% of the pages where trafilatura alone finds the article; on Mozilla Readability's test
    pages it stopped after the first paragraph of a review whose gallery sat in the story.
    """
    tree = load_html(html)
    if tree is None:
        return body
    for element in _FURNITURE_CANDIDATES(tree):  # (a cookie dialog is never the story)
        if _consent_dialog(element):
            element.drop_tree()
    text = trafilatura.extract(tree, url=url, include_comments=False)
    theirs = _clean_body(text or "", title)
    if not theirs.text:
        return body
    ours_words = Counter(body.text.casefold().split())
    shared = sum((ours_words & Counter(theirs.text.casefold().split())).values())
    if shared < _CONTAINED * sum(ours_words.values()):
        # Two different parts of the page: the one with more prose is the story.
        return theirs if _prose(theirs.text) > _prose(body.text) else body
    short = len(body.text) < _SHORT_BODY_CHARS
    scrap = len(body.text) < _SCRAP_CHARS and len(theirs.text) > len(body.text)
    cut_short = short and len(theirs.text) > _MUCH_LONGER * len(body.text)
    return theirs if scrap or cut_short else body


def _prose(text: str) -> int:
    """Characters of the text's lines of prose: lines of at least ``_PROSE_WORDS`` words (as
    the word count counts them, Chinese and Japanese characters included)."""
    return sum(len(line) for line in text.split("\n") if count_words(line) >= _PROSE_WORDS)


def _body_of_truncated_tree(tree: HtmlElement, html: str, title: str | None) -> Body:
    """Text of a page whose markup nests deeper than lxml's limit, which drops what lies below.

    Such pages exist (thousands of unclosed ``<font>`` or ``<b>``); the text is rescued by
    reading the markup as text, block tags as line breaks.
    """
    opening_tags = html.count("<")
    if opening_tags < _TRUNCATION_MIN_TAGS or tree.xpath("count(//*)") * 4 > opening_tags:
        return Body("")
    text = _INVISIBLE.sub(" ", html)
    text = _BLOCK_TAG.sub("\n", text)
    text = unescape(_ANY_TAG.sub(" ", text))
    return _clean_body(parse_plain_text(text).body.replace("\n\n", "\n"), title)


def _clean_body(text: str, title: str | None) -> Body:
    """Drop what trafilatura kept around the story: headline, bylines, datelines, credits."""
    title_key = _key(title) if title else None
    lines = [" ".join(raw.split()) for raw in text.split("\n")]
    lines = end_of_story([line for line in lines if line and not is_noise_line(line)])
    counts = Counter(lines)
    # A short line said three times is the page's, not the story's ("Oops! Something went
    # wrong. Please try again later." under every stock quote).
    lines = [line for line in lines if counts[line] < _REPEATED or not _short(line)]
    kept: list[str] = []
    credits: list[str] = []
    bylines: list[str] = []
    dates: list[DateCandidate] = []
    for index, line in enumerate(lines):
        head, tail = index < _HEAD_PARAGRAPHS, index >= len(lines) - _TAIL_PARAGRAPHS
        if title_key and _key(line) == title_key:
            continue
        if head and _is_byline(line):
            bylines.append(line)
            continue
        if head and (candidate := dateline(line)):
            dates.append(candidate)
            continue
        if tail and (names := credit_names(line)):
            credits.append(names)
            continue
        if tail and index > 0 and (is_contact_line(line) or is_author_note(line)):
            continue
        kept.append(line)
    return Body("\n\n".join(kept), credits, bylines, dates)


def _short(line: str) -> bool:
    return len(line.split()) <= _MAX_BYLINE_WORDS


def _is_byline(line: str) -> bool:
    return byline_names(line) is not None and len(line.split()) <= _MAX_BYLINE_WORDS


def _absolute(base: str, value: str | None) -> str | None:
    if not value:
        return None
    if base.startswith(("http://", "https://")):
        return urljoin(base, value)
    return value if value.startswith(("http://", "https://")) else None


def _unique(values: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for value in values:
        seen.setdefault(value.casefold(), value)
    return list(seen.values())
