"""Headlines: which heading is the title, the site-name part of a page's <title>, the outlet."""

from __future__ import annotations

import re

from extractor.text.authors import outlet_name, parse_byline
from extractor.text.metadata import PageMetadata

# A colon joins a headline's two halves ("Fishing: ban postponed"); it never cuts off a site name.
_TITLE_SEPARATORS = re.compile(r"\s+[|–—·•-]\s+")
# A heading that is less of the declared title than this is a blog or section name.
_CONFIRMING_SHARE = 0.4


def choose_title(page: PageMetadata) -> str | None:
    """The headline: the longest heading that a declared title (JSON-LD, Open Graph, ``<title>``)
    confirms, else the declared title, else the first ``<h1>``, else ``<title>``.

    A heading confirms when a declared title equals or contains it, and it is not a small part
    of that title (a blog's name in ``<h1>`` is a small part of "Blog name: Post title").
    """
    declared = [*page.titles, *([page.html_title] if page.html_title else [])]
    declared_keys = [_key(split_title_suffix(t, page.site_names)) for t in declared]
    confirmed = [
        heading
        for heading in page.headings
        if (key := _key(heading))
        and any(key in d and len(key) >= _CONFIRMING_SHARE * len(d) for d in declared_keys)
    ]
    if confirmed:
        return max(confirmed, key=len)
    if page.titles:
        return split_title_suffix(page.titles[0], page.site_names)
    if page.first_h1:
        return page.first_h1
    return split_title_suffix(page.html_title, page.site_names) if page.html_title else None


def split_title_suffix(title: str, site_names: list[str]) -> str:
    """ "Headline | Site" → "Headline", when the part cut off names the site or is short."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    sites = {s.casefold() for s in site_names}
    while len(parts) > 1 and (parts[-1].casefold() in sites or len(parts[-1].split()) <= 3):
        parts.pop()
    while len(parts) > 1 and (parts[0].casefold() in sites or _is_short_prefix(parts)):
        parts.pop(0)
    return " - ".join(parts) if len(parts) > 1 else parts[0]


def _is_short_prefix(parts: list[str]) -> bool:
    """ "Valley Gazette - Regional airport reports busiest summer": a site name before the title."""
    return len(parts[0].split()) <= 3 and len(parts[1].split()) >= 5


def title_site_name(title: str | None) -> str | None:
    """The short part of "Headline | Site" or "Site - Headline" that names the site, if any."""
    if not title:
        return None
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return None
    for part in (parts[-1], parts[0]):
        if 1 <= len(part.split()) <= 4 and part[:1].isupper() and not part.isdigit():
            return part
    return None


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def source_name(page: PageMetadata, credited: list[str]) -> str | None:
    """The outlet: structured data and og:site_name, then outlets named as authors, then the
    site part of the ``<title>``."""
    from_credits = [o for value in credited for o in parse_byline(value, ()).outlets]
    candidates = [*page.site_names, *from_credits, title_site_name(page.html_title)]
    for name in candidates:
        cleaned = outlet_name([name.lstrip("@")]) if name else None
        if cleaned and not cleaned.startswith("http"):
            return cleaned
    return None
