"""HTML articles: main text with trafilatura, then title, authors, outlet and dates of the page."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import urljoin

import trafilatura
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from extractor.authors import byline_names, clean_authors, is_outlet, outlet_name, parse_byline
from extractor.dates import CONFIDENCE, DateCandidate, parse_date_line
from extractor.document import ExtractedDocument
from extractor.metadata import PageMetadata, read_metadata, split_title_suffix
from extractor.text import is_noise_line, parse_plain_text
from newsdesk.errors import ExtractionFailed

# Page furniture trafilatura sometimes keeps: captions, share bars, newsletter boxes, related
# links, author boxes, standfirsts (kept as the description), paywall prompts.
_PRUNE = [
    "//figcaption",
    "//aside",
    "//*[@role='complementary' or @role='navigation']",
    "//*[contains(@class, 'caption') or contains(@class, 'credit')]",
    "//*[contains(@class, 'share') or contains(@class, 'social')]",
    "//*[contains(@class, 'newsletter') or contains(@class, 'subscribe')]",
    "//*[contains(@class, 'related') or contains(@class, 'recommend')]",
    "//*[contains(@class, 'promo')]",
    "//*[contains(@class, 'author-bio') or contains(@class, 'byline')]",
    "//*[contains(@class, 'dateline')]",
    "//*[contains(@class, 'standfirst') or contains(@class, 'subtitle')]",
    "//*[contains(@class, 'dek')]",
    "//*[contains(@class, 'paywall') or contains(@class, 'ad-') or contains(@class, 'advert')]",
    "//*[contains(@class, 'comment') or contains(@id, 'comment')]",
    "//*[contains(@class, 'tags') or contains(@class, 'breadcrumb')]",
]
_BYLINE_XPATH = (
    ".//*[@rel='author' or contains(@class, 'byline') or contains(@class, 'author')"
    " or contains(@class, 'dateline') or contains(@class, 'meta')][not(self::meta)]"
)
_MAX_BYLINE_NODES = 12
_MAX_BYLINE_CHARS = 160
_HEAD_PARAGRAPHS = 4
_TRUNCATION_MIN_TAGS = 2000
_INVISIBLE = re.compile(
    r"<(script|style|svg|noscript|template)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S
)
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|li|h[1-6]|tr|article|section|blockquote|header)\b[^>]{0,500}>", re.I
)
_ANY_TAG = re.compile(r"<[^>]{0,500}>")


def parse_html(
    html: str, url: str, known_outlets: tuple[str, ...] = ()
) -> tuple[ExtractedDocument, list[DateCandidate]]:
    """Body and metadata of an HTML page; the date candidates are chosen later by the caller."""
    tree = load_html(html)
    if tree is None:
        raise ExtractionFailed("the content does not parse as HTML", reason="bad_content_type")
    page = read_metadata(tree)
    bylines, datelines = _byline_nodes(tree)
    site_names = [*page.site_names, *known_outlets]
    title = choose_title(page)
    body = _body(tree, url, title) or _body_of_truncated_tree(tree, html, title)
    authors = clean_authors(page.authors, tuple(site_names)) or clean_authors(
        bylines, tuple(site_names)
    )
    outlets = [
        name for value in page.authors if is_outlet(value, tuple(site_names)) for name in [value]
    ]
    document = ExtractedDocument(
        text=body,
        title=title,
        authors=authors,
        source_name=_source_name(page, outlets, bylines),
        canonical_url=_absolute(url, page.canonical_url),
        description=page.description,
        section=page.section,
        tags=_unique(page.tags),
        image=_absolute(url, page.image),
        language=page.language,
    )
    return document, [*page.dates, *datelines]


def choose_title(page: PageMetadata) -> str | None:
    """The headline: an ``<h1>`` a meta title confirms, else structured data, else ``<title>``."""
    declared = [*page.titles, *([page.html_title] if page.html_title else [])]
    declared_keys = {_key(split_title_suffix(t, page.site_names)) for t in declared}
    for heading in page.headings:
        if _key(heading) in declared_keys or any(_key(heading) in k for k in declared_keys if k):
            return heading
    if page.titles:
        return split_title_suffix(page.titles[0], page.site_names)
    if page.headings:
        return page.headings[0]
    return split_title_suffix(page.html_title, page.site_names) if page.html_title else None


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _byline_nodes(tree: HtmlElement) -> tuple[list[str], list[DateCandidate]]:
    """Author strings and datelines written in the page header ("By Jane Doe | 13 July 2022")."""
    names: list[str] = []
    dates: list[DateCandidate] = []
    for node in tree.xpath(_BYLINE_XPATH)[:_MAX_BYLINE_NODES]:
        if node.tag in ("html", "body", "head") or _in_comments(node):
            continue
        text = " ".join(node.text_content().split())
        if not text or len(text) > _MAX_BYLINE_CHARS:
            continue
        for part in re.split(r"\s*[|•·]\s*|\s+-\s+", text):
            parsed = parse_date_line(part)
            if parsed:
                kind = "modified" if re.match(r"\s*(last\s+)?updated", part, re.I) else "published"
                dates.append(
                    DateCandidate(parsed[0], kind, "dateline", CONFIDENCE["dateline"], parsed[1])
                )
            elif (names_part := byline_names(part)) is not None:
                names.append(names_part)
            elif node.get("rel") == "author" or "author" in (node.get("class") or ""):
                names.append(part)
    return names, dates


def _in_comments(node: HtmlElement) -> bool:
    return any(
        re.search(r"comment|related|sidebar", f"{a.get('class', '')} {a.get('id', '')}", re.I)
        for a in node.iterancestors()
    )


def _body(tree: HtmlElement, url: str, title: str | None) -> str:
    text = trafilatura.extract(
        tree,
        url=url,
        include_comments=False,
        include_tables=False,
        include_images=False,
        deduplicate=False,
        favor_precision=True,
        prune_xpath=_PRUNE,
    )
    if not text:
        # Precision mode can discard short pages (a teaser, a brief): ask again for recall.
        text = trafilatura.extract(tree, url=url, include_comments=False, favor_recall=True) or ""
    return _clean_body(text, title)


def _body_of_truncated_tree(tree: HtmlElement, html: str, title: str | None) -> str:
    """Text of a page whose markup nests deeper than lxml's limit, which drops what lies below.

    Such pages exist (thousands of unclosed ``<font>`` or ``<b>``); the text is rescued by
    reading the markup as text, block tags as line breaks.
    """
    opening_tags = html.count("<")
    if opening_tags < _TRUNCATION_MIN_TAGS or tree.xpath("count(//*)") * 4 > opening_tags:
        return ""
    text = _INVISIBLE.sub(" ", html)
    text = _BLOCK_TAG.sub("\n", text)
    text = unescape(_ANY_TAG.sub(" ", text))
    return _clean_body(parse_plain_text(text).body.replace("\n\n", "\n"), title)


def _clean_body(text: str, title: str | None) -> str:
    """Drop what trafilatura kept around the story: the headline, bylines, datelines, noise."""
    title_key = _key(title) if title else None
    kept: list[str] = []
    for index, raw in enumerate(text.split("\n")):
        line = " ".join(raw.split())
        if not line or is_noise_line(line):
            continue
        if title_key and _key(line) == title_key:
            continue
        head = index < _HEAD_PARAGRAPHS
        if head and (
            (byline_names(line) is not None and len(line.split()) <= 12) or parse_date_line(line)
        ):
            continue
        kept.append(line)
    return "\n\n".join(kept)


def _source_name(page: PageMetadata, outlets: list[str], bylines: list[str]) -> str | None:
    from_bylines = [o for b in bylines for o in parse_byline(b).outlets]
    for name in (*page.site_names, *outlets, *from_bylines):
        cleaned = outlet_name([name.lstrip("@")])
        if cleaned and not cleaned.startswith("http"):
            return cleaned
    return None


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
