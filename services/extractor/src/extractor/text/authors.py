"""Bylines: person names kept, outlets told apart from people, and junk author strings rejected."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# "By" in the languages of the corpus and the feeds we expect: fr/es/pt, de, it, nl, nordic,
# pl, ru, ar, he.
_BYLINE = re.compile(
    r"^\s*(?:(?:(?:written|words)\s+)?(?:by|par|por|von|di|door|av|af|przez|автор:?|от|بقلم|כתב|מאת)"
    r"|(?:words|text|texto|testo|tekst)\s*:)\s*[:\-]?\s+(?P<names>\S.*)$",
    re.IGNORECASE,
)
# Wire-agency credits after the story: "Reporting by A in London and B; Editing by C".
_CREDITS = re.compile(
    r"^\s*(?:additional\s+)?(?:reporting|writing|written|compiled)\s+by\s+(?P<names>.+?)"
    r"(?:;\s*(?:editing|edited|additional\s+reporting|writing)\s+by\b.*)?\.?$",
    re.IGNORECASE,
)
_IN_PLACE = re.compile(r"\s+in\s+[A-Z][\w .'-]*?(?=\s*(?:,|;|\band\b|&|$))")
_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|\|| / |\bwith\b)\s*", re.IGNORECASE)
# Words that make a byline an organisation rather than a person.
_OUTLET_WORDS = re.compile(
    r"\b(review|news|times|post|press|agency|agencies|reuters|afp|ap|dpa|xinhua|tass|upi|wire|"
    r"journal|daily|herald|tribune|gazette|media|tv|radio|network|online|magazine|monitor|"
    r"report|service|services|bureau|desk|newsroom|team|editorial|editors|staff|channel|"
    r"broadcasting|corporation|group|ltd|inc|\.com|\.org|\.net|today|observer|chronicle|"
    r"telegraph|guardian|independent|insider|digest|weekly)\b",
    re.IGNORECASE,
)
_JUNK = re.compile(
    r"(^\W*$|\d|@|https?:|www\.|\b(min(ute)?s?\s+read|read\s+more|published|updated|posted|"
    r"share|follow|subscribe|sign\s+up|comments?|advertisement|sponsored|photo|image|credit|"
    r"getty|shutterstock|copyright|all\s+rights|contact|email|twitter|facebook|instagram|"
    r"linkedin|opinion|analysis|admin|administrator|anonymous|unknown|guest|contributor|"
    r"user|by|view\s+all|more\s+from|about\s+the\s+author)\b)",
    re.IGNORECASE,
)
_ROLE_SUFFIX = re.compile(
    r"\s*[,(–-]\s*(?:senior\s+|chief\s+|special\s+|foreign\s+|political\s+|defen[cs]e\s+)*"
    r"(?:correspondent|reporter|editor|writer|columnist|contributor|analyst|staff writer)\b.*$",
    re.IGNORECASE,
)
_ROLE = re.compile(
    r"^(?:[\w-]+\s+){0,3}(?:correspondent|reporter|editor|writer|columnist|contributor|"
    r"analyst|producer|photographer|journalist)s?$",
    re.IGNORECASE,
)
_NAME_TOKEN = re.compile(r"^[^\W\d_][\w'’.\-]*$")
_LOWER_PARTICLES = {
    "de",
    "da",
    "del",
    "della",
    "der",
    "van",
    "von",
    "bin",
    "bint",
    "al",
    "el",
    "la",
    "le",
    "di",
    "du",
    "dos",
    "das",
    "ibn",
    "ben",
    "abu",
    "y",
    "e",
    "of",
}
_MAX_NAME_TOKENS = 6


@dataclass
class Byline:
    """What a byline names: people and, separately, the outlets."""

    authors: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)


def byline_names(line: str) -> str | None:
    """The part after "By" of a byline line such as "By Jane Doe and John Roe", else None."""
    match = _BYLINE.match(line)
    return match.group("names").strip() if match else None


def credit_names(line: str) -> str | None:
    """The reporters of a credits line ("Reporting by A in London and B"), places removed."""
    match = _CREDITS.match(line)
    return _IN_PLACE.sub("", match.group("names")).strip() if match else None


def parse_byline(names: str, known_outlets: tuple[str, ...] = ()) -> Byline:
    """Split a byline into person names and outlet names, dropping what is neither."""
    result = Byline()
    for part in _SPLIT.split(names):
        piece = clean_name(part)
        if not piece or _ROLE.match(piece):
            continue
        if is_outlet(piece, known_outlets):
            result.outlets.append(piece)
        elif is_person_name(piece):
            result.authors.append(piece)
    return result


def clean_name(value: str) -> str:
    """Whitespace collapsed, "By" and job titles removed, outer punctuation stripped."""
    text = " ".join(value.split())
    names = byline_names(text)
    text = names if names is not None else text
    text = _ROLE_SUFFIX.sub("", text)
    return text.strip(" \t,.;:|-–—·•\"'“”")


def is_outlet(name: str, known_outlets: tuple[str, ...] = ()) -> bool:
    """True when a byline names an organisation ("Eurasia Review", "Reuters", "Staff")."""
    lowered = name.casefold()
    if any(lowered == outlet.casefold() for outlet in known_outlets if outlet):
        return True
    tokens = name.split()
    acronym = len(tokens) == 1 and name.isupper() and 2 <= len(name) <= 6
    return bool(acronym or _OUTLET_WORDS.search(name))


def is_person_name(name: str) -> bool:
    """A plausible personal name: 1-6 word tokens, capitalised, none of the usual junk."""
    if _JUNK.search(name):
        return False
    tokens = name.split()
    if not 1 <= len(tokens) <= _MAX_NAME_TOKENS or not all(_NAME_TOKEN.match(t) for t in tokens):
        return False
    capitalised = [t for t in tokens if t.casefold() not in _LOWER_PARTICLES]
    if not capitalised or not all(t[0].isupper() or not t[0].isalpha() for t in capitalised):
        # Scripts without case (Arabic, Chinese, Hebrew...) have no capitals to check.
        return not any(c.isascii() and c.isalpha() for c in name)
    return not name.isupper() or len(tokens) >= 2


def clean_authors(values: list[str], known_outlets: tuple[str, ...] = ()) -> list[str]:
    """Person names from raw author strings (meta tags, JSON-LD, bylines), deduplicated."""
    seen: dict[str, str] = {}
    for value in values:
        for name in parse_byline(value, known_outlets).authors:
            seen.setdefault(name.casefold(), _title_case_if_shouting(name))
    return list(seen.values())


def _title_case_if_shouting(name: str) -> str:
    return name.title() if name.isupper() else name


_GENERIC_CREDITS = re.compile(
    r"^(?:(?:the\s+)?(?:staff|desk|team|newsroom|editors?|editorial(?:\s+board)?|"
    r"correspondents?|agenc(?:y|ies)|wire\s+services?|news\s+desk|web\s+desk|our\s+\w+)\s*)+$",
    re.IGNORECASE,
)


def outlet_name(outlets: list[str]) -> str | None:
    """The first outlet that names a publisher, not a generic credit like "Staff" or "News Desk"."""
    return next((o for o in outlets if not _GENERIC_CREDITS.match(o)), None)
