"""Bylines and datelines written in a page's markup ("By Jane Doe | 13 July 2022")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml.etree import XPath
from lxml.html import HtmlElement

from extractor.text.authors import byline_names, credit_names
from extractor.text.dates import DateCandidate, dateline

# Plain XPaths, then regexes in Python: XPath contains() on every element costs more than
# trafilatura's whole extraction.
_CLASSED = XPath("//*[@class or @rel]")
_BYLINE_CLASS = re.compile(r"byline|author|date|meta|firma|posted|publish|time|writer|reporter")
_MAX_NODES = 12
_MAX_CHARS = 160
# Bylines without a telling class ("<i>by Gareth Lloyd</i>") sit near the top of the body.
_FIRST_TEXTS = XPath("(//body//text())[position() <= 400]")
_MAX_TEXT_NODE_WORDS = 8
_UNDER_HEADLINE = XPath("(//h1)[1]/following::text()[position() <= 40]")
_MAX_HEADER_LINE_WORDS = 12
# Wire stories credit their reporters after the text: "Reporting by Jane Doe in London; ...".
_CREDITS = XPath("//body//text()[contains(., 'eporting by')]")
_NOT_TEXT = ("script", "style", "noscript")
_PARTS = re.compile(r"\s*[|•·]\s*|\s+-\s+")
_OUTSIDE_ARTICLE = re.compile(r"comment|related|sidebar|widget|recommend", re.IGNORECASE)
_AUTHOR_CLASS = re.compile(r"author|writer|reporter|journalist", re.IGNORECASE)


@dataclass
class Bylines:
    """Author strings and dated lines found in the markup."""

    names: list[str] = field(default_factory=list)
    dates: list[DateCandidate] = field(default_factory=list)


def find_bylines(tree: HtmlElement) -> Bylines:
    """Bylines from author/byline/dateline elements, then from short "By ..." text anywhere."""
    found = Bylines()
    for node in _byline_elements(tree):
        text = " ".join(node.text_content().split())
        if text and len(text) <= _MAX_CHARS:
            _read_parts(text, node, found)
    if not found.names or not found.dates:
        _read_under_headline(tree, found)
    if not found.names:
        _read_text_nodes(tree, found)
    if not found.names:
        found.names.extend(filter(None, (credit_names(t.strip()) for t in _CREDITS(tree)[:3])))
    return found


def _byline_elements(tree: HtmlElement) -> list[HtmlElement]:
    elements = []
    for node in _CLASSED(tree):
        if node.tag in ("html", "body", "head", "meta") or _outside_article(node):
            continue
        if node.get("rel") == "author" or _BYLINE_CLASS.search(node.get("class") or ""):
            elements.append(node)
            if len(elements) == _MAX_NODES:
                break
    return elements


def _read_parts(text: str, node: HtmlElement, found: Bylines) -> None:
    marked_author = node.get("rel") == "author" or bool(
        _AUTHOR_CLASS.search(node.get("class") or "")
    )
    for part in _PARTS.split(text):
        if candidate := dateline(part):
            found.dates.append(candidate)
        elif (names := byline_names(part)) is not None:
            found.names.append(names)
        elif marked_author:
            found.names.append(part)


def _read_under_headline(tree: HtmlElement, found: Bylines) -> None:
    """Short lines right after the first ``<h1>`` ("Posted: Tue 14 Feb 2023", "Words: Sam Ng"),
    where article headers put them whatever their markup; a masthead's date comes before."""
    names: list[str] = []
    dates: list[DateCandidate] = []
    for text in _UNDER_HEADLINE(tree):
        line = " ".join(text.split())
        if not line or len(line.split()) > _MAX_HEADER_LINE_WORDS:
            continue
        parent = text.getparent()
        if parent is None or parent.tag in (*_NOT_TEXT, "aside", "nav", "a"):
            continue
        if _outside_article(parent):
            continue
        if candidate := dateline(line):
            dates.append(candidate)
        elif (byline := byline_names(line)) is not None:
            names.append(byline)
    found.names = found.names or names
    found.dates = found.dates or dates


def _read_text_nodes(tree: HtmlElement, found: Bylines) -> None:
    for text in _FIRST_TEXTS(tree):
        parent = text.getparent()
        if parent is not None and parent.tag in _NOT_TEXT:
            continue
        line = " ".join(text.split())
        if line and len(line.split()) <= _MAX_TEXT_NODE_WORDS and (names := byline_names(line)):
            found.names.append(names)


def _outside_article(node: HtmlElement) -> bool:
    return any(
        a.tag in ("aside", "nav")
        or _OUTSIDE_ARTICLE.search(f"{a.get('class', '')} {a.get('id', '')}")
        for a in node.iterancestors()
    )
