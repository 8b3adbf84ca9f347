"""Names the model left untagged or took for another kind: later mentions by surname, cities
after a verb of travel, capitals given something, cities that name a facility, cities the model
cut in two, states the model joined to the body that is theirs, and the leaders of the
day."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from extractor.nlp.countries import clean_name
from extractor.nlp.journeys import TRAVEL_NOUNS, TRAVEL_VERBS
from extractor.nlp.places import fold

if TYPE_CHECKING:
    from extractor.nlp.entities import EntityContext


def untagged_surnames(
    doc: Doc, kept: list[Span], last_names: set[str], given_names: frozenset[str] = frozenset()
) -> list[Span]:
    """Later mentions by surname the NER left untagged ("Modi, who arrived ..." after "Narendra
    Modi"): the person named in full; and by given name as a subject ("Abiy flew to Ankara"
    after "Abiy Ahmed"), as news names many people."""
    if not last_names and not given_names:
        return []
    tagged = {i for span in kept for i in range(span.start, span.end)}
    return [
        Span(doc, token.i, token.i + 1, label="PERSON")
        for token in doc
        if (
            token.lower_ in last_names
            or (token.lower_ in given_names and token.dep_ in ("nsubj", "nsubjpass"))
        )
        and token.i not in tagged
        and token.pos_ == "PROPN"
        and token.is_title
    ]


def untagged_cities(doc: Doc, kept: list[Span], context: EntityContext) -> list[Span]:
    """Cities the model left untagged as the place of a verb or noun of travel ("flew to
    Colombo", "his first visit to Kyiv"), and capitals as a verb's recipient ("agreed to sell
    Tunis 12 helicopters")."""
    taken = {i for span in kept for i in range(span.start, span.end)}
    found = []
    for token in doc:
        prep = token.head
        gone_to = (
            token.dep_ == "pobj"
            and prep.lower_ in ("to", "in", "into")
            and (prep.head.lemma_ in TRAVEL_VERBS or prep.head.lemma_.lower() in TRAVEL_NOUNS)
        )
        # (or a capital a verb gives something to: "agreed to sell Tunis 12 helicopters")
        given = token.dep_ == "dative"
        if not ((gone_to or given) and token.pos_ == "PROPN" and token.i not in taken):
            continue
        start = token.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN":
            start -= 1
        span = Span(doc, start, token.i + 1, label="GPE")
        if taken.intersection(range(span.start, span.end)):
            continue
        place = context.gazetteer.resolve(span.text)
        city = place is not None and place.kind == "city" and span.text[0].isupper()
        if city and place is not None and (gone_to or context.gazetteer.is_capital(place)):
            found.append(span)
    return found


# Places a city names by its own name: "stormed Entebbe airport", "the Kant air base".
FACILITIES = {"airport", "airfield", "airbase", "base", "port", "harbour", "harbor"}


def facility_cities(doc: Doc, kept: list[Span], context: EntityContext) -> list[Span]:
    """A city that names a facility ("stormed Entebbe airport") is a place, also where the
    model left it untagged or took it for an organisation: the spans, so relabelled."""
    runs = {}
    for token in doc:
        if token.dep_ != "compound" or token.pos_ != "PROPN":
            continue
        if token.head.lemma_.lower() not in FACILITIES or not token.text[:1].isupper():
            continue
        start = token.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN":
            start -= 1
        place = context.gazetteer.resolve(doc[start : token.i + 1].text)
        if place is not None and place.kind == "city":
            runs[(start, token.i + 1)] = place
    if not runs:
        return kept
    out = [
        Span(doc, span.start, span.end, label="GPE")
        if span.label_ == "ORG" and (span.start, span.end) in runs
        else span
        for span in kept
    ]
    taken = {i for span in out for i in range(span.start, span.end)}
    out += [
        Span(doc, start, end, label="GPE")
        for start, end in runs
        if not taken.intersection(range(start, end))
    ]
    return out


def possessive_places(doc: Doc, kept: list[Span], context: EntityContext) -> list[Span]:
    """ "head of Beijing's Association for Relations Across the Taiwan Straits": a body the model
    tagged with the state whose it is; the state (a country or a capital) is a place of its own
    and the rest the body."""
    out: list[Span] = []
    for span in kept:
        mark = next((t.i for t in span if t.lower_ in ("'s", "’s")), None)
        if span.label_ != "ORG" or mark is None or mark == span.start or mark + 1 >= span.end:
            out.append(span)
            continue
        place = context.gazetteer.resolve(doc[span.start : mark].text)
        owner = place is not None and (
            place.kind == "country" or context.gazetteer.is_capital(place)
        )
        if not owner:
            out.append(span)
            continue
        out += [Span(doc, span.start, mark, label="GPE"), Span(doc, mark + 1, span.end, "ORG")]
    return out


def cities_cut_in_two(doc: Doc, kept: list[Span], context: EntityContext) -> list[Span]:
    """ "Caracas and Port of Spain agreed": a city whose name goes on "X of" before a place the
    model tagged alone ("Spain"), or on after a hyphen ("Port-au" of "Port-au-Prince"); the
    whole name is the city (the longer span wins)."""
    found = []
    for span in kept:
        if (whole := _hyphenated_city(doc, span, context)) is not None:
            found.append(whole)
            continue
        start = span.start
        if span.label_ not in ("GPE", "LOC") or start < 2 or doc[start - 1].lower_ != "of":
            continue
        if not doc[start - 2].is_title:
            continue
        if (whole := _city_span(doc, start - 2, span.end, context)) is not None:
            found.append(whole)
    return found


def _city_span(doc: Doc, start: int, end: int, context: EntityContext) -> Span | None:
    """The span, as a GPE, when its words are exactly a city the gazetteer knows."""
    whole = Span(doc, start, end, label="GPE")
    place = context.gazetteer.resolve(whole.text)
    if place is not None and place.kind == "city" and fold(place.name) == fold(whole.text):
        return whole
    return None


def _hyphenated_city(doc: Doc, span: Span, context: EntityContext) -> Span | None:
    """The city a span names with the hyphenated words glued after it ("Port-au" + "-Prince";
    the model's span may end on the hyphen)."""
    end = span.end - 1 if span[-1].text == "-" and len(span) > 1 else span.end
    while (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_alpha
    ):
        end += 2
    return _city_span(doc, span.start, end, context) if end > span.end else None


def leaders_by_name(doc: Doc, kept: list[Span], context: EntityContext) -> list[Span]:
    """A state's leader of the day the model leaves untagged ("Modi flew to Lahore") or takes
    for a place, a nationality or an organisation ("Vajpayee wrote …", "Museveni", "Orban") is
    a person: a run of proper nouns, or such a span, that the gazetteer and the vocabulary do
    not know and that names a leader in office then (or recently, as in ``Leaders``)."""
    published = doc._.published
    if published is None:
        return kept
    day = published.date() if isinstance(published, datetime) else published
    taken = {i for span in kept for i in range(span.start, span.end)}
    out = [
        Span(doc, span.start, span.end, label="PERSON")
        if span.label_ in ("GPE", "NORP", "ORG") and _a_leader(span, context, day)
        else span
        for span in kept
    ]
    # (and the same name told again bare: "King Hassan …", then "Hassan signed")
    persons = {clean_name(span.text) for span in out if span.label_ == "PERSON"}
    out = [
        Span(doc, span.start, span.end, label="PERSON")
        if span.label_ == "GPE"
        and clean_name(span.text) in persons
        and _a_leader(span, context, day, named=True)
        else span
        for span in out
    ]
    for token in doc:
        if (
            token.pos_ != "PROPN"
            or token.i in taken
            or not token.text[:1].isupper()
            or (token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN")
        ):
            continue  # (the last word of a run of proper nouns)
        start = token.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and start - 1 not in taken:
            start -= 1
        run = Span(doc, start, token.i + 1, label="PERSON")
        if _a_leader(run, context, day):
            out.append(run)
    return out


def _titled(span: Span, context: EntityContext) -> bool:
    """ "King Hassan": a title before the name makes any town of that name (Hassan, India, has
    150,000 people) yield to the leader of the day."""
    return span.start > 0 and span.doc[span.start - 1].lower_ in context.title_words


# Towns smaller than this yield their name to a leader of the day the model took for a place:
# "Obama" is a Japanese town of 30,000.
SMALL_TOWN = 100_000


def _a_leader(span: Span, context: EntityContext, day: date, *, named: bool = False) -> bool:
    """``named``: the story has called a leader of this name a person (any town but a capital
    yields then, as after a title)."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if len(span) == 1 and span[0].is_sent_start and after is not None and after.lower_ == "of":
        return False  # (a noun opening a sentence: "Parts of the Russian system", not Parts)
    name = clean_name(span.text)
    place = context.gazetteer.resolve(name)
    small_town = (
        place is not None
        and place.kind == "city"
        and (place.population < SMALL_TOWN or named or _titled(span, context))
        and not context.gazetteer.is_capital(place)
    )
    return (
        (place is None or small_town)
        and name.lower() not in context.terms
        and name.lower() not in context.ignored
        and context.leaders.country(name, day) is not None
    )
