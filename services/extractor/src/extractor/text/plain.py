"""Plain-text articles (the seed format and wire copy): header lines, title, byline, body."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice

from extractor.text.authors import byline_names, credit_names, outlet_name, parse_byline
from extractor.text.dates import CONFIDENCE, DateCandidate, dateline, parse_date_string
from extractor.text.document import count_words

_HEADER_KEYS = ("date", "title", "author", "source", "url", "language")
# "date 2022-02-03" may be glued to the first sentence of the body, as in seed 000.
_GLUED_DATE = re.compile(
    r"^date\s*:?\s+"
    r"(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?)(?!\S)\s*",
    re.IGNORECASE,
)
_HEADER_LINE = re.compile(rf"^(?P<key>{'|'.join(_HEADER_KEYS)})(?::\s*|\s+)(?P<value>\S.*)$")
_HEADER_LINE_COLON = re.compile(rf"^(?P<key>{'|'.join(_HEADER_KEYS)})\s*:\s*(?P<value>\S.*)$", re.I)

_NOISE = re.compile(
    r"^(?:advertisement|advertising|sponsored(?:\s+content)?|ad|promoted|"
    r"\d+\s*(?:-\s*)?min(?:ute)?s?\.?\s+read|reading\s+time\s*:?.*|listen(?:\s+to\s+this)?(?:\s+article)?.*|"
    r"share(?:\s+this)?(?:\s+(?:article|story|post|page))?(?:\s+on\s+\w+)?|"
    r"(?:share|tweet|email|print|copy\s+link|whatsapp|facebook|twitter|linkedin|telegram|"
    r"reddit|save|bookmark)(?:\s*[|·•/,]\s*\w+(?:\s+\w+)?)*|"
    r"follow\s+(?:us|me)\b.*|(?:click|tap)\s+here\b.*|sign[\s-]*up\b.*newsletter.*|"
    r"subscribe\b.*|(?:read|see)\s+(?:more|also)\b.*|also\s+read\b.*|"
    # "Related: <a headline>"; a paragraph of prose after "RELATED:" is the story's
    r"related(?:\s+\w+)?\s*:\s*\S*(?:\s+\S+){0,29}|"
    # a blog's links to the posts before and after: "« Older post | Main | Newer post »"
    r"«.{0,200}\|.{0,200}»|"
    r"recommended(?:\s+for\s+you)?|most\s+(?:read|popular)|trending(?:\s+now)?|"
    r"(?:story|article)\s+continues\s+(?:below|after)(?:\s+(?:this\s+)?(?:advertisement|ad))?|"
    r"continue\s+reading(?:\s+the\s+main\s+story)?|"
    r"(?:©|copyright\b).*|all\s+rights\s+reserved\.?|comments?(?:\s*\(\d+\))?|"
    r"skip\s+to\s+(?:main\s+)?content|back\s+to\b.{0,40}|loading\.*|image|photo|video|"
    r"our\s+standards\s*:.*|(?:source|quelle|fuente|fonte|bron|kilde|källa)\s*:\s*\S.{0,40}|\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)\W*$",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"[\[(][^\[\]()]{0,60}\b(?:getty|afp|reuters|ap(?:\s+photo)?|epa|anadolu|shutterstock|"
    r"alamy|photo|image|picture|file|credit|courtesy|via|wikimedia)\b[^\[\]()]{0,60}[\])]\s*$",
    re.IGNORECASE,
)
# "Do you have information about this story? Email tips@example.com" after the story.
_CONTACT = re.compile(
    r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b|\b(?:contact|email|write to)\s+us\b", re.IGNORECASE
)
_CAPTION_PREFIX = re.compile(
    r"^(?:photo|image|picture|pictured|file\s+photo|credit|caption)\s*[:|\-–]", re.IGNORECASE
)
# Lines of page furniture that trafilatura keeps inside the story, as the dev pages showed them
# (newspaper4k's news pages, trafilatura's evaluation pages in several languages), in a line of
# at most _PROMO_WORDS words: PROMO_STARTS at its start, PROMO_PHRASES anywhere in it.
PROMO_STARTS = (
    # pointers to other stories: "Read more: ...", "Lesen Sie auch: ...", "Lea también: ...",
    # or a heading of a list of them ("NOTAS RELACIONADAS", "Weitere Artikel zum Thema")
    r"(?:don'?t\s+miss|read\s+next|required\s+reading|more|people\s+are\s+also\s+reading|"
    r"you\s+(?:may|might)\s+also\s+like|related\s+(?:articles?|stories|posts|coverage)|"
    r"lesen\s+sie\s+(?:auch|hier|mehr)(?:\s+die\s+folgenden\s+beiträge)?|"
    r"auch\s+(?:lesen|interessant)|mehr\s+(?:zum\s+thema|themen)|"
    r"weitere\s+(?:aktuelle\s+)?(?:themen|artikel)(?:\s+zum\s+thema)?|zum\s+weiterlesen|"
    r"schon\s+gelesen|empfohlene\s+beiträge|l[eé]a\s+(?:también|tambien|m[aá]s)|"
    r"(?:le|te)\s+puede\s+interesar|v(?:e|é|ea)\s+también|notas?\s+relacionadas|"
    r"leia\s+(?:também|mais)|lisez\s+aussi|à\s+lire\s+aussi|leggi\s+anche|lees\s+ook|"
    r"dowiedz\s+się\s+więcej|czytaj\s+(?:też|także|więcej))\s*(?:[:?!.»]|$)",
    r"(?:mit\s+unserem|unser)\s+newsletter\b",
    r"to\s+(?:view|read|continue\s+reading)\s+the\s+full\s+(?:story|article)",
    # the print edition's note under a newspaper's web story
    r"a\s+version\s+of\s+this\s+(?:article|story|review|column|essay|interview)\s+"
    r"(?:appears?|appeared)\s+in\s+print\b",
    # the heading of the comment form after the story
    r"(?:leave\s+a\s+(?:reply|comment|response)|post\s+a\s+comment|add\s+(?:a\s+|your\s+)?comment|"
    r"no\s+comments(?:\s+yet)?)\s*(?:[:?!.»]|$)",
    # image credits: "Titelbild: ...", "Crédits photos : ..."
    r"(?:titelbild|beitragsbild|bildquelle|fotos?|bild|cr[ée]dits?\s+photos?|image\s+illustrative|"
    r"photo\s+source|featured\s+image|header\s+image)\s*:",
)
# (word the line must hold, pattern searched for then): the word is a cheap test first.
PROMO_PHRASES = (
    # newsletter and subscription prompts
    (
        "newsletter",
        r"\bnewsletters?\b.{0,80}\b(?:sign(?:ing)?[\s-]*up|subscribe|inbox|delivered|get\s+it)\b",
    ),
    ("newsletter", r"\b(?:sign(?:ing)?[\s-]*up|subscribe)\b.{0,40}\bnewsletters?\b"),
    ("subscriber", r"\balready\s+a\s+subscriber\b"),
    # affiliate disclosures
    ("affiliate", r"\baffiliate\s+(?:links?|partnerships?|commissions?|programs?)\b"),
    ("commission", r"\bwe\s+(?:may\s+)?(?:earn|receive|get)\s+(?:a\s+)?(?:small\s+)?commission\b"),
    ("compensation", r"\bwe\s+(?:may\s+)?(?:earn|receive|get)\s+(?:a\s+)?compensation\b"),
)
# A note on the author: a name, then what the person is or does (roles as data).
AUTHOR_ROLES = (
    "reporter", "writer", "editor", "correspondent", "journalist", "contributor", "columnist",
    "freelancer", "producer", "critic", "author", "redakteur", "redakteurin", "autor", "autorin",
    "periodista", "journaliste", "rédacteur", "rédactrice",
)  # fmt: skip
_NAME = r"(?:[A-Z][\w.'’-]+\s+){2,3}"
_AUTHOR_NOTE = re.compile(
    rf"^{_NAME}(?:(?:is|was|ist|es|est)\s+(?:an?\s+|the\s+|ein\w*\s+|une?\s+)?"
    rf"[^.]{{0,60}}\b(?:{'|'.join(AUTHOR_ROLES)})s?\b|"
    r"(?:writes|covers|reports)\s+(?:about|on)\b)"
)
_AUTHOR_NOTE_WORDS = 80
# How blogs sign a post and each comment under it (Movable Type, TypePad, Blogger): "Posted by:
# Ellen at September 10, 2012 11:40 AM", "Posted by Kathy on April 6, 2007 | Permalink". A short
# line that starts so and holds a figure (a date, a time) is a signature.
SIGNATURE_STARTS = (
    "posted by", "submitted by", "comment by", "commented by", "publié par",
    "publicado por", "geschrieben von", "pubblicato da", "geplaatst door",
)  # fmt: skip
_SIGNATURE = re.compile(rf"^(?:{'|'.join(SIGNATURE_STARTS)})\b", re.IGNORECASE)
_SIGNATURE_WORDS = 20
# The heading of a post's comments (WordPress themes): "4 Responses to “Open Enrollment”",
# "12 thoughts on “Title”", "{ 14 comments… read them below or add one }".
_COMMENTS_HEADING = re.compile(
    r"^[{(\[]?\s*(?:\d+|one)\s+(?:responses?|comments?|replies|thoughts?|reactions?)"
    r"(?:\s+(?:to|on)\s+[“\"‘'«][^”\"’'»]{1,200}[”\"’'»]\s*|"
    r"\s*(?:…|\.\.\.)\s*read\s+them\s+below.*)$",
    re.IGNORECASE,
)
# Words of story before a signature or a comments heading that ends it (one above the story is
# a byline, or a link to the comments under the headline).
_STORY_WORDS = 50
_PROMO_START = re.compile("|".join(f"(?:{p})" for p in PROMO_STARTS), re.IGNORECASE)
_PROMO_PHRASES = [(word, re.compile(p, re.IGNORECASE)) for word, p in PROMO_PHRASES]
_PROMO_WORDS = 60
_TERMINAL = (".", "!", "?", '"', "”", "’", "'", ":", ";", "…")
_HEAD_LINES = 15
_TAIL_LINES = 2
_MAX_TITLE_WORDS = 30
# A line ending like a sentence is no title: full stops and commas, CJK ones included.
_SENTENCE_ENDS = (".", ",", ";", ":", "。", "，", "；", "：")
_MIN_STANDFIRST_WORDS = 8
_MAX_SHORT_LINE_WORDS = 12


@dataclass
class PlainText:
    """What the plain-text parser found, before dates are chosen and language detected."""

    body: str
    title: str | None = None
    description: str | None = None
    authors: list[str] = field(default_factory=list)
    source_name: str | None = None
    url: str | None = None
    language: str | None = None
    dates: list[DateCandidate] = field(default_factory=list)


def parse_plain_text(text: str, known_outlets: tuple[str, ...] = ()) -> PlainText:
    """Split wire copy into header fields, title, standfirst, byline, datelines and body."""
    result = PlainText(body="")
    lines = _read_header(_normalise(text).split("\n"), result)
    body = _read_head_and_body(lines, result, known_outlets)
    result.body = _paragraphs(_read_tail(body, result, known_outlets))
    return result


def _read_tail(body: list[str], result: PlainText, known_outlets: tuple[str, ...]) -> list[str]:
    """Wire credits ("(Reporting by A; Editing by B)") and tip-line requests after the story."""
    content = [index for index, line in enumerate(body) if line]
    for index in content[-_TAIL_LINES:]:
        line = body[index]
        names = credit_names(line.strip("()"))
        if names is not None:
            if not result.authors:
                result.authors = parse_byline(names, known_outlets).authors
            body[index] = ""
        elif index != content[0] and is_contact_line(line):
            body[index] = ""
    return body


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text.replace("\ufeff", "").replace("\u00a0", " ").replace("\u200b", "")


def _read_header(lines: list[str], result: PlainText) -> list[str]:
    """Consume ``key value`` header lines at the top; return the rest."""
    index = 0
    while index < len(lines):
        line = lines[index].strip()
        if not line:
            index += 1
            continue
        glued = _GLUED_DATE.match(line)
        if glued:
            _add_header_date(glued.group(1), result)
            remainder = line[glued.end() :].strip()
            return (
                [remainder, *lines[index + 1 :]]
                if remainder
                else _read_header(lines[index + 1 :], result)
            )
        match = _HEADER_LINE.match(line) or _HEADER_LINE_COLON.match(line)
        if not match or not _apply_header(match.group("key").lower(), match.group("value"), result):
            break
        index += 1
    return lines[index:]


def _apply_header(key: str, value: str, result: PlainText) -> bool:
    value = value.strip()
    if key == "date":
        return _add_header_date(value, result)
    if key == "title":
        result.title = value
    elif key == "author":
        result.authors.extend(parse_byline(value).authors)
    elif key == "source":
        result.source_name = value
    elif key == "url":
        result.url = value
    else:
        result.language = value
    return True


def _add_header_date(value: str, result: PlainText) -> bool:
    parsed = parse_date_string(value)
    if parsed is None:
        return False
    moment, date_only = parsed
    confidence = CONFIDENCE["text-header"]
    result.dates.append(DateCandidate(moment, "published", "text-header", confidence, date_only))
    return True


def _read_head_and_body(
    lines: list[str], result: PlainText, known_outlets: tuple[str, ...]
) -> list[str]:
    """Classify the first lines (title, standfirst, byline, dateline, noise); filter the rest."""
    body: list[str] = []
    content_seen = result.title is not None
    body_started = False
    title_key = _key(result.title) if result.title else None
    nonblank = 0
    for index, raw in enumerate(lines):
        line = " ".join(raw.split())
        if not line:
            body.append("")
            continue
        nonblank += 1
        in_head = nonblank <= _HEAD_LINES
        if title_key and _key(line) == title_key:
            continue
        if is_noise_line(line) or (in_head and _read_byline(line, result, known_outlets)):
            continue
        if in_head and _read_dateline(line, result):
            continue
        if (
            not content_seen
            and _is_title_like(line)
            and _has_more_content(islice(lines, index + 1, None))
        ):
            result.title, title_key = line, _key(line)
            content_seen = True
            continue
        if not body_started and _is_standfirst(line, result):
            result.description = line
            continue
        content_seen = body_started = True
        body.append(line)
    return body


def _key(line: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", line.casefold()).split())


def _promo_phrase(line: str) -> bool:
    folded = line.casefold()
    return any(word in folded and p.search(line) for word, p in _PROMO_PHRASES)


def is_author_note(line: str) -> bool:
    """A note on the author after the story: "Jane Doe is a reporter for the Herald covering
    courts.", "Jane Doe writes about trending issues and community news." """
    return len(line.split()) <= _AUTHOR_NOTE_WORDS and bool(_AUTHOR_NOTE.match(line))


def is_signature(line: str) -> bool:
    """A post's or a comment's signature line (see ``SIGNATURE_STARTS``)."""
    return (
        len(line.split()) <= _SIGNATURE_WORDS
        and bool(_SIGNATURE.match(line))
        and any(char.isdigit() for char in line)
    )


def end_of_story(lines: list[str]) -> list[str]:
    """The lines before what closes the story, after its first words: the heading of its
    comments, or a signature that another follows (the post's, then each comment's) or that is
    among the last two lines (the post's own, under the story)."""
    signed = [index for index, line in enumerate(lines) if is_signature(line)]
    words = 0
    for index, line in enumerate(lines):
        if words >= _STORY_WORDS and _COMMENTS_HEADING.match(line):
            return lines[:index]
        closes = index in signed and (signed[-1] > index or index >= len(lines) - _TAIL_LINES)
        if words >= _STORY_WORDS and closes:
            return lines[:index]
        words += len(line.split())
    return lines


def is_contact_line(line: str) -> bool:
    """A short line asking readers for tips or giving an e-mail address."""
    return len(line.split()) <= 30 and bool(_CONTACT.search(line))


def is_noise_line(line: str) -> bool:
    """Advertising, read-time, share prompts, photo captions with credits and similar furniture."""
    if _NOISE.match(line):
        return True
    words = len(line.split())
    if words <= _PROMO_WORDS and (_PROMO_START.match(line) or _promo_phrase(line)):
        return True
    return words <= 40 and (bool(_CREDIT.search(line)) or bool(_CAPTION_PREFIX.match(line)))


def _read_byline(line: str, result: PlainText, known_outlets: tuple[str, ...]) -> bool:
    names = byline_names(line)
    if names is None or len(names.split()) > _MAX_SHORT_LINE_WORDS:
        return False
    byline = parse_byline(names, known_outlets)
    result.authors.extend(a for a in byline.authors if a not in result.authors)
    result.source_name = result.source_name or outlet_name(byline.outlets)
    return True


def _read_dateline(line: str, result: PlainText) -> bool:
    candidate = dateline(line)
    if candidate is not None:
        result.dates.append(candidate)
    return candidate is not None


def _is_title_like(line: str) -> bool:
    return count_words(line) <= _MAX_TITLE_WORDS and not line.endswith(_SENTENCE_ENDS)


def _has_more_content(rest: Iterable[str]) -> bool:
    words = 0
    for line in rest:
        words += count_words(line)
        if words >= _MAX_TITLE_WORDS:
            return True
    return False


def _is_standfirst(line: str, result: PlainText) -> bool:
    """A summary line right under the title, written without a final full stop."""
    return (
        result.title is not None
        and result.description is None
        and len(line.split()) >= _MIN_STANDFIRST_WORDS
        and not line.endswith(_TERMINAL)
    )


def _paragraphs(lines: list[str]) -> str:
    """Blank lines separate paragraphs; a hard-wrapped line continuing a sentence is joined."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        continues = current and not current[-1].endswith(_TERMINAL) and line[:1].islower()
        if current and not continues:
            paragraphs.append(" ".join(current))
            current = []
        current.append(line)
    return "\n\n".join(paragraphs)
