"""Page metadata from JSON-LD, meta tags and markup: title, authors, outlet, dates, image, tags."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml.html import HtmlElement

from extractor.text.dates import (
    CONFIDENCE,
    DateCandidate,
    DateKind,
    parse_date_line,
    parse_date_string,
)

_ARTICLE_TYPES = re.compile(
    r"(Article|BlogPosting|Posting|Report|NewsArticle|LiveBlogPosting|WebPage|Blog)$"
)
_PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "article:published",
    "parsely-pub-date",
    "sailthru.date",
    "publish-date",
    "publish_date",
    "published_time",
    "published-date",
    "publication_date",
    "date_published",
    "datepublished",
    "citation_publication_date",
    "citation_date",
    "dc.date.issued",
    "dcterms.issued",
    "article.published",
    "original-publish-date",
    "originalpublicationdate",
    "article_date_original",
    "datecreated",
)
_WEAK_PUBLISHED_META = (
    "date",
    "pubdate",
    "dc.date",
    "dcterms.date",
    "dc.date.created",
    "dcterms.created",
    "og:updated_time",
)
_MODIFIED_META = (
    "article:modified_time",
    "og:modified_time",
    "last-modified",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "article.updated",
)
_AUTHOR_META = (
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "citation_author",
    "byl",
)
_SITE_META = ("og:site_name", "application-name", "publisher", "dc.publisher", "twitter:site")
_SECTION_META = ("article:section", "parsely-section", "section", "category")
_TAG_META = ("article:tag", "keywords", "news_keywords", "parsely-tags", "sailthru.tags")
_PUBLISHED_ATTR = re.compile(
    r"publish|posted|created|byline|dateline|article-date|entry-date", re.I
)
_MODIFIED_ATTR = re.compile(r"update|modif|edited|revised", re.I)
_MAX_TIME_ELEMENTS = 20
# Where headlines are: <h1>, then elements named like one (hAtom's .entry-title, .headline).
_HEADINGS_XPATH = (
    "//h1 | //*[self::h2 or self::h3 or self::div or self::span or self::a]"
    "[contains(@class, 'title') or contains(@class, 'headline') or @itemprop='headline']"
    " | //h2"
)
_MAX_HEADINGS = 12
_MAX_HEADING_CHARS = 300
# Dates in these parts of a page belong to other stories or to readers.
_OUTSIDE_TAGS = ("aside", "footer", "nav")
_OUTSIDE_CLASSES = r"comment|related|sidebar|recommend|promo|footer|widget"
_MAX_TAGS = 30


@dataclass
class PageMetadata:
    """Everything a page says about itself outside its body text."""

    titles: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    first_h1: str | None = None
    html_title: str | None = None
    authors: list[str] = field(default_factory=list)
    site_names: list[str] = field(default_factory=list)
    canonical_url: str | None = None
    description: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    image: str | None = None
    language: str | None = None
    dates: list[DateCandidate] = field(default_factory=list)


def read_metadata(tree: HtmlElement) -> PageMetadata:
    """Collect metadata from the page without changing the tree."""
    page = PageMetadata()
    items = list(_json_ld_items(tree))
    # Graphs (Yoast and others) name an author once and point to it by @id.
    by_id = {item["@id"]: item for item in items if isinstance(item.get("@id"), str)}
    for item in items:
        _read_json_ld(item, page, by_id)
    _read_meta_tags(tree, page)
    _read_microdata(tree, page)
    _read_time_elements(tree, page)
    _read_links(tree, page)
    page.language = page.language or tree.get("lang") or tree.get("xml:lang")
    return page


def _json_ld_items(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "", strict=False)
        except ValueError:
            continue
        yield from _flatten(data)


def _flatten(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for entry in data:
            yield from _flatten(entry)
    elif isinstance(data, dict):
        if "@graph" in data:
            yield from _flatten(data["@graph"])
        yield data


def _types(item: dict[str, Any]) -> list[str]:
    kind = item.get("@type", [])
    return [kind] if isinstance(kind, str) else [k for k in kind if isinstance(k, str)]


def _read_json_ld(
    item: dict[str, Any], page: PageMetadata, by_id: dict[str, dict[str, Any]]
) -> None:
    types = _types(item)
    if any(t in ("Organization", "NewsMediaOrganization", "WebSite") for t in types):
        _add(page.site_names, _text(item.get("name")))
        return
    if not any(_ARTICLE_TYPES.search(t) for t in types):
        return
    is_page = types == ["WebPage"]
    if not is_page:
        _add(page.titles, _text(item.get("headline")))
        page.authors.extend(_names(item.get("author"), by_id))
        page.description = page.description or _text(item.get("description"))
        page.section = page.section or _first_text(item.get("articleSection"))
        page.tags.extend(_keywords(item.get("keywords")))
        page.image = page.image or _image(item.get("image"))
        page.language = page.language or _text(item.get("inLanguage"))
        page.canonical_url = page.canonical_url or _text(item.get("url"))
        _add(page.site_names, _text(_dict(item.get("publisher")).get("name")))
    confidence = CONFIDENCE["json-ld"] - (0.1 if is_page else 0.0)
    _add_date(page, item.get("datePublished"), "published", "json-ld", confidence)
    _add_date(page, item.get("dateModified"), "modified", "json-ld", confidence)


def _read_meta_tags(tree: HtmlElement, page: PageMetadata) -> None:
    meta: dict[str, list[str]] = {}
    for element in tree.iterfind(".//meta"):
        key = (
            (element.get("property") or element.get("name") or element.get("itemprop") or "")
            .strip()
            .lower()
        )
        content = (element.get("content") or "").strip()
        if key and content:
            meta.setdefault(key, []).append(content)
    for key in ("og:title", "twitter:title", "title", "dc.title", "headline"):
        _add(page.titles, _first(meta.get(key)))
    for key in _AUTHOR_META:
        page.authors.extend(v for v in meta.get(key, []) if not v.startswith(("http", "@")))
    for key in _SITE_META:
        _add(page.site_names, _first(meta.get(key)))
    page.description = page.description or _first(
        meta.get("og:description") or meta.get("description") or meta.get("twitter:description")
    )
    page.section = page.section or next((meta[k][0] for k in _SECTION_META if k in meta), None)
    for key in _TAG_META:
        for value in meta.get(key, []):
            page.tags.extend(_keywords(value))
    page.image = page.image or _first(meta.get("og:image") or meta.get("twitter:image"))
    page.language = page.language or _first(meta.get("og:locale") or meta.get("content-language"))
    date_metas: tuple[tuple[tuple[str, ...], DateKind, float], ...] = (
        (_PUBLISHED_META, "published", CONFIDENCE["meta"]),
        (_WEAK_PUBLISHED_META, "published", CONFIDENCE["meta-weak"]),
        (_MODIFIED_META, "modified", CONFIDENCE["meta"]),
    )
    for keys, kind, confidence in date_metas:
        for key in keys:
            for value in meta.get(key, []):
                _add_date(page, value, kind, "meta", confidence)


def _read_microdata(tree: HtmlElement, page: PageMetadata) -> None:
    props: tuple[tuple[str, DateKind], ...] = (
        ("datePublished", "published"),
        ("dateModified", "modified"),
    )
    for prop, kind in props:
        for element in tree.xpath(f".//*[@itemprop='{prop}'][not(self::meta)]")[
            :_MAX_TIME_ELEMENTS
        ]:
            if _inside(element, _OUTSIDE_TAGS, _OUTSIDE_CLASSES) or _in_comment_item(element):
                continue
            value = element.get("datetime") or element.get("content") or element.text_content()
            _add_date(page, value, kind, "meta", CONFIDENCE["meta"] - 0.05)
    for element in tree.xpath(".//*[@itemprop='author'][not(self::meta)]")[:5]:
        names = element.xpath(".//*[@itemprop='name']")
        node = names[0] if names else element
        _add(page.authors, " ".join(node.text_content().split()))


def _read_time_elements(tree: HtmlElement, page: PageMetadata) -> None:
    """``<time>`` in the article counts; one in a sidebar or comment does not.

    A ``<time>`` with a published/updated hint counts in full; of those without a hint only the
    first does (the header comes before the body, whose times date other events).
    """
    unhinted_seen = False
    for element in _times(tree):
        if element.get("itemprop") or _inside(element, _OUTSIDE_TAGS, _OUTSIDE_CLASSES):
            continue
        if _in_comment_item(element):
            continue
        hints = _time_hints(element)
        kind: DateKind = "modified" if _MODIFIED_ATTR.search(hints) else "published"
        hinted = element.get("pubdate") is not None or bool(_PUBLISHED_ATTR.search(hints))
        if not (hinted or kind == "modified"):
            if unhinted_seen:
                continue
            unhinted_seen = True
        confidence = (
            CONFIDENCE["time"] if hinted or kind == "modified" else CONFIDENCE["time"] - 0.1
        )
        value = element.get("datetime") or (element.get("title") if element.tag == "abbr" else None)
        if value:
            _add_date(page, value, kind, "time", confidence)
        elif parsed := parse_date_line(element.text_content()):
            page.dates.append(DateCandidate(parsed[0], kind, "time", confidence - 0.1, parsed[1]))


def _time_hints(element: HtmlElement) -> str:
    parts = (element.get("class"), element.get("id"), _parent_hint(element), element.text_content())
    return " ".join(filter(None, parts))


def _in_comment_item(element: HtmlElement) -> bool:
    """Inside schema.org ``Comment`` microdata: a reader's comment, not the article."""
    return any("Comment" in (a.get("itemtype") or "") for a in element.iterancestors())


def _times(tree: HtmlElement) -> list[HtmlElement]:
    """``<time>`` elements, and hAtom's ``<abbr class="published" title="2021-10-04T…">``."""
    abbrs = tree.xpath(
        "//abbr[@title][contains(@class, 'published') or contains(@class, 'updated')]"
    )
    return [*tree.iter("time"), *abbrs][:_MAX_TIME_ELEMENTS]


def _parent_hint(element: HtmlElement) -> str:
    parent = element.getparent()
    return (
        " ".join(filter(None, (parent.get("class"), parent.get("id"))))
        if parent is not None
        else ""
    )


def _inside(element: HtmlElement, tags: tuple[str, ...], pattern: str) -> bool:
    regex = re.compile(pattern, re.I)
    for ancestor in element.iterancestors():
        if ancestor.tag in tags:
            return True
        if regex.search(f"{ancestor.get('class', '')} {ancestor.get('id', '')}"):
            return True
    return False


def _read_links(tree: HtmlElement, page: PageMetadata) -> None:
    for link in tree.iterfind(".//link[@rel]"):
        rel = link.get("rel", "").lower().split()
        href = (link.get("href") or "").strip()
        if "canonical" in rel and href:
            page.canonical_url = href
    for meta_url in tree.xpath(".//meta[@property='og:url']/@content")[:1]:
        page.canonical_url = page.canonical_url or meta_url.strip()
    title = tree.find(".//head/title")
    if title is not None:
        page.html_title = " ".join(title.text_content().split()) or None
    for h1 in tree.iter("h1"):
        page.first_h1 = " ".join(h1.text_content().split()) or None
        break
    for heading in tree.xpath(_HEADINGS_XPATH)[:_MAX_HEADINGS]:
        text = " ".join(heading.text_content().split())
        if len(text) <= _MAX_HEADING_CHARS:
            _add(page.headings, text)


def _add_date(
    page: PageMetadata, value: Any, kind: DateKind, source: str, confidence: float
) -> None:
    text = _text(value)
    parsed = parse_date_string(text) if text else None
    if parsed:
        page.dates.append(DateCandidate(parsed[0], kind, source, round(confidence, 2), parsed[1]))  # type: ignore[arg-type]


def _add(values: list[str], value: str | None) -> None:
    if value and value not in values:
        values.append(value)


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return " ".join(value.split()) or None
    if isinstance(value, list) and value:
        return _text(value[0])
    return None


def _first(values: list[str] | None) -> str | None:
    return values[0] if values else None


def _first_text(value: Any) -> str | None:
    return _text(value[0] if isinstance(value, list) and value else value)


def _dict(value: Any) -> dict[str, Any]:
    if isinstance(value, list) and value:
        value = value[0]
    return value if isinstance(value, dict) else {}


def _names(value: Any, by_id: dict[str, dict[str, Any]]) -> list[str]:
    if isinstance(value, list):
        return [name for entry in value for name in _names(entry, by_id)]
    if isinstance(value, dict):
        if "name" not in value and isinstance(value.get("@id"), str):
            value = by_id.get(value["@id"], value)
        if any(t in ("Organization", "NewsMediaOrganization") for t in _types(value)):
            return []
        return [n for n in [_text(value.get("name"))] if n]
    text = _text(value)
    return [text] if text else []


def _keywords(value: Any) -> list[str]:
    if isinstance(value, list):
        return [k for entry in value for k in _keywords(entry)]
    if not isinstance(value, str):
        return []
    return [k.strip() for k in re.split(r"[,;|]", value) if k.strip()][:_MAX_TAGS]


def _image(value: Any) -> str | None:
    if isinstance(value, list) and value:
        return _image(value[0])
    if isinstance(value, dict):
        return _text(value.get("url") or value.get("contentUrl"))
    return _text(value)
