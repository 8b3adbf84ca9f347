"""Names and the titles around them: a title word that ends a name ("Stephen King") or stands
inside one ("Hassan Sheikh Mohamud"), titles stripped off a name, names right after a title
("Secretary of Homeland Security Alejandro Mayorkas")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from extractor.nlp.countries import clean_name

if TYPE_CHECKING:
    from extractor.nlp.entities import EntityContext

NAME_PARTICLES = {"bin", "bint", "ibn", "al", "el", "abu", "de", "van", "von", "der", "da", "di"}
MAX_NAME_TOKENS = 7
MAX_TITLED_NAME = 4
SUFFIXES = {"jr", "sr", "ii", "iii"}


def title_surnames(doc: Doc, ents: list[Span], context: EntityContext) -> dict[int, Span]:
    """Title words that end a name ("Stephen King", "Martin Luther King Jr.") or stand inside
    one ("President Hassan Sheikh Mohamud"), by title start.

    The vocabulary marks "King" and "Sheikh" as titles before the NER runs; right after a first
    name such a word is part of the name, and the whole name becomes one PERSON.
    """
    by_end = {ent.end: ent for ent in ents}
    by_start = {ent.start: ent for ent in ents}
    found = {}
    for title in (ent for ent in ents if ent.label_ == "TITLE" and len(ent) == 1):
        before = by_end.get(title.start)
        after = by_start.get(title.end)
        # a name on both sides, the model's persons, is one name ("Hassan" a town in India)
        inside = (
            before is not None
            and before.label_ == "PERSON"
            and after is not None
            and after.label_ == "PERSON"
        )
        place = context.gazetteer.resolve(before.text) if before is not None else None
        if place is not None and (not inside or place.kind == "country"):
            continue  # "Jordan King Abdullah": a country's king, not a surname
        start = title.start
        if before is not None and before.label_ == "PERSON":
            start = before.start
        while (
            start > 0 and title.start - start < MAX_NAME_TOKENS and _untagged_name(doc[start - 1])
        ):
            start -= 1
        if start == title.start or (before is not None and before.label_ != "PERSON"):
            continue
        end = title.end + (title.end < len(doc) and doc[title.end].lower_.rstrip(".") in SUFFIXES)
        if inside and after is not None:
            end = after.end
        found[title.start] = Span(doc, start, end, label="PERSON")
    return found


def _untagged_name(token: Token) -> bool:
    return (
        token.pos_ == "PROPN" and token.is_title and not token.ent_type_ and not token.is_sent_start
    )


def strip_title_words(ent: Span, title_words: set[str]) -> Span | None:
    """The name without leading titles and trailing possessive; None if nothing is left.

    A name the NER cut after its first part ("Shaikh Rashid | bin Abdullah Al Khalifa") gets
    that part back when it is an untagged proper noun; otherwise "bin …" alone is no name.
    """
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and doc[start].lower_ in title_words:
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in {"'s", "’s"}):
        end -= 1
    if start == end:
        return None
    if doc[start].lower_ in NAME_PARTICLES:
        if start == 0 or not _lost_name_part(doc[start - 1]):
            return None
        start -= 1
    return Span(doc, start, end, label="PERSON", kb_id=ent.kb_id_)


def _lost_name_part(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.is_title and not token.ent_type_


def titled_name(span: Span, after_title: set[int], context: EntityContext) -> bool:
    """A name of two to four capitalised words right after a title, and no place."""
    return (
        span.start in after_title
        and 1 < len(span) <= MAX_TITLED_NAME
        and all(t.pos_ == "PROPN" and t.is_title for t in span)
        and context.gazetteer.resolve(clean_name(span.text)) is None
    )


def names_after_titles(doc: Doc, titles: list[Span], kept: list[Span]) -> list[Span]:
    """Names the NER left untagged or cut after a title ("Secretary of X Alejandro Mayorkas")."""
    taken = {token_i for span in kept for token_i in range(span.start, span.end)}
    found = []
    for title in titles:
        end = title.end
        while end < len(doc) and end - title.end < MAX_NAME_TOKENS and _name_part(doc[end]):
            end += 1
        if end > title.end and doc[title.end].is_title and title.end not in taken:
            person_end = max([end] + [s.end for s in kept if s.start < end <= s.end])
            found.append(Span(doc, title.end, person_end, label="PERSON"))
    return found


def _name_part(token: Token) -> bool:
    return token.ent_type_ in ("", "PERSON") and (
        (token.pos_ == "PROPN" and token.is_title) or token.lower_ in NAME_PARTICLES
    )
