"""Entity fixes (labels, titles, lost name parts) and merging mentions into canonical entities."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from extractor.nlp import datelines, untagged
from extractor.nlp.countries import clean_name, styled
from extractor.nlp.leaders import Leaders, family_first
from extractor.nlp.places import Gazetteer
from extractor.nlp.titled import (
    names_after_titles,
    strip_title_words,
    title_surnames,
    titled_name,
)
from extractor.nlp.vocabulary import Term

PLACE_LABELS = {"GPE", "LOC", "FAC"}
KEPT_LABELS = {"PERSON", "ORG", "NORP", "LAW", "PRODUCT", "EVENT", *PLACE_LABELS}
# Kept in doc.ents for event dates, but not entities of the record.
TIME_LABELS = {"DATE", "TIME"}
_INITIAL = re.compile(r"[A-Z]\.")
_FIGURE = re.compile(r"[\d.,:/-]+")
_SCORE = re.compile(r"\d\s*[-/]\s*\d")


# Words that name half of a divided country on their own ("the North", "North and South Korea").
COMPASS = ("North", "South", "East", "West")


@dataclass
class EntityCluster:
    """All mentions of one real-world entity in a document."""

    name: str
    label: str
    mentions: list[Span] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    country: str | None = None
    kind: str | None = None

    @property
    def first_offset(self) -> int:
        """Character offset of the first mention."""
        return min(span.start_char for span in self.mentions)


@dataclass
class EntityContext:
    """Everything entity fixing and merging read: vocabulary and gazetteer."""

    terms: dict[str, Term]
    ignored: set[str]
    title_words: set[str]
    gazetteer: Gazetteer
    leaders: Leaders


# Offices whose holder a name in apposition is ("Zed Seselja, Australia's minister for …").
# Prepositions whose object, when a city's exact name, is that city and no team or firm.
PLACE_PREPS = {"to", "in", "at", "into", "from"}
# Titles of monarchs (a reigning name follows them: "King Charles", "Emir Tamim").
MONARCHS = {"king", "queen", "emir", "sultan", "pope", "emperor", "prince", "princess"}
OFFICES = {"minister", "president", "secretary", "ambassador", "envoy", "spokesman",
           "spokeswoman", "spokesperson", "chief", "commander", "leader", "governor", "premier",
           "chancellor", "adviser", "advisor", "coordinator", "counterpart"}  # fmt: skip


def fix_entities(doc: Doc, context: EntityContext) -> None:
    """Repair the NER output in place: keep titles aside, strip honorifics, recover names."""
    # The ruler's canonical names arrive as ent_id; the rest of the pipeline reads kb_id.
    ents = [Span(doc, e.start, e.end, label=e.label_, kb_id=e.id_ or e.kb_id_) for e in doc.ents]
    surnames = title_surnames(doc, ents, context)
    titles = [ent for ent in ents if ent.label_ == "TITLE" and ent.start not in surnames]
    doc.spans["titles"] = titles
    # Names right after a title are persons' ("German Chancellor Olaf Scholz", which the model
    # may take for an ORG); last words of multi-word person names, read once: "Clinton" after
    # "Bill Clinton".
    after_title = {title.end for title in titles}
    named = [
        e
        for e in ents
        if len(e) > 1 and (e.label_ == "PERSON" or titled_name(e, after_title, context))
    ]
    last_names = {e[-1].lower_ for e in named} | {
        family.lower() for e in named if (family := family_first(e.text)) is not None
    }
    kept: list[Span] = list(surnames.values())
    for found in ents:
        ent = (  # "Filipino troops", "Tajik forces": a nationality describing a noun
            Span(doc, found.start, found.end, label="NORP")
            if _mislabelled_nationality(found, context) and _nationality_word(found, context)
            else found
        )
        if ent.label_ in TIME_LABELS:
            kept += datelines.split_date(ent, context.gazetteer)
            continue
        name = clean_name(ent.text).lower()
        if ent.label_ not in KEPT_LABELS or name in context.ignored or _common_word(ent, context):
            continue
        if ent.label_ != "EVENT" and not any(char.isalpha() for char in name):
            continue  # "25" of a scoreboard taken for a product ("9/11" is an event)
        span = strip_title_words(ent, context.title_words) if ent.label_ == "PERSON" else ent
        if span is not None:
            span = _strip_trailing_figures(span)
            kept.append(_relabel(span, context, last_names, after_title))
    kept.extend(names_after_titles(doc, titles, kept))
    # (first: of two spans alike the first is kept, and the model may call "WARSAW" an ORG)
    kept[:0] = datelines.city(doc, context.gazetteer)
    # (given names of two-word names only: not "Recep" of "Recep Tayyip Erdogan")
    given = frozenset(e[0].lower_ for e in kept if e.label_ == "PERSON" and len(e) == 2)
    kept.extend(untagged.untagged_surnames(doc, kept, last_names, given - last_names))
    kept.extend(untagged.untagged_cities(doc, kept, context))
    kept = untagged.facility_cities(doc, kept, context)
    kept = untagged.possessive_places(doc, kept, context)
    kept.extend(untagged.cities_cut_in_two(doc, kept, context))
    kept = untagged.leaders_by_name(doc, kept, context)
    kept = _first_halves(doc, kept)
    kept = _without_origins(doc, kept)
    dateline_end = datelines.end(doc)
    # The dateline's date is the day of filing, not of what the story tells ("KYIV, Nov 21 -
    # ... on Tuesday"): not a date of the text's events.
    kept = [s for s in kept if not (s.label_ in TIME_LABELS and s.end <= dateline_end)]
    doc.ents = filter_spans(kept)


def _without_origins(doc: Doc, kept: list[Span]) -> list[Span]:
    """ "Cuban-American leaders": the first of two hyphenated nationalities is an origin, the
    people are the second's (Americans), so it names no state of its own."""
    starts = {span.start for span in kept if span.label_ == "NORP"}
    return [
        span
        for span in kept
        if not (
            span.label_ == "NORP"
            and span.end + 1 < len(doc)
            and doc[span.end].text == "-"
            and span.end + 1 in starts
        )
    ]


def _first_halves(doc: Doc, kept: list[Span]) -> list[Span]:
    """ "North and South Korea": the first compass word is a state too, which the NER leaves out
    or joins to the second (its country is found with the clusters)."""
    taken = {i for span in kept for i in range(span.start, span.end)}
    halves: list[Span] = []
    for span in kept:
        if span.label_ != "GPE":
            halves.append(span)
        elif len(span) > 3 and _halves_joined(span[0], span[1], span[2]):
            halves += [Span(doc, span.start, span.start + 1, label="GPE"),
                       Span(doc, span.start + 2, span.end, label="GPE")]  # fmt: skip
        else:
            halves.append(span)
            first = span.start - 2
            if (
                first >= 0
                and first not in taken
                and _halves_joined(doc[first], doc[first + 1], span[0])
            ):
                halves.append(Span(doc, first, first + 1, label="GPE"))
    return halves


def _halves_joined(first: Token, conjunction: Token, second: Token) -> bool:
    return first.text in COMPASS and conjunction.lower_ == "and" and second.text in COMPASS


def _mislabelled_nationality(ent: Span, context: EntityContext) -> bool:
    """A language ("Filipino"), or a nationality adjective taken for a person or an
    organisation ("Tajik forces", "Kyrgyz authorities"; not "Jordan King Abdullah")."""
    if ent.label_ == "LANGUAGE":
        return True
    if ent.label_ not in ("PERSON", "ORG") or ent.text.isupper():
        return False  # (not "US", "UAE": names of countries, see _relabel)
    countries = context.gazetteer.countries
    name = clean_name(ent.text)  # ("the Dutch" of "the Dutch Defence Ministry")
    if countries.demonym(name):
        return True  # "the Sri Lankan navy"
    code = countries.code(name) if len(name.split()) == 1 else None
    return code is not None and countries.name(code).lower() != name.lower()


def _nationality_word(ent: Span, context: EntityContext) -> bool:
    """A nationality word that describes a noun ("Filipino troops") names its country."""
    place = context.gazetteer.resolve(clean_name(ent.text))
    root = next((t for t in ent if t.dep_ != "det"), ent.root)  # (not "the" of "the Dutch")
    describes = root.dep_ in ("amod", "compound") or (
        root.dep_ == "conj" and root.head.dep_ in ("amod", "compound")  # "American and Filipino"
    )
    return describes and place is not None and place.kind == "country"


def _common_word(ent: Span, context: EntityContext) -> bool:
    """Words the NER took for a name: a lone capitalised common noun ("Benchmark copper rose"),
    or a phrase without a capital letter ("the transport department")."""
    if ent.label_ not in ("PERSON", "ORG", "GPE") or clean_name(ent.text).lower() in context.terms:
        return False
    if not any(ch.isupper() for ch in ent.text):
        return True
    token = ent[0]
    return (
        len(ent) == 1
        and ent.label_ != "GPE"
        and token.tag_ not in ("NNP", "NNPS")
        and not token.is_upper
        and not _city_gone_to(ent, context)
    )


def _city_gone_to(ent: Span, context: EntityContext) -> bool:
    """A known city's exact name gone to or stayed in, which the tagger took for a common noun
    ("a visit to Rabat"): a place (a city takes no article)."""
    root = ent.root
    if root.dep_ != "pobj" or root.head.lower_ not in PLACE_PREPS:
        return False
    if any(c.dep_ == "det" for c in root.children):
        return False
    place = context.gazetteer.resolve(ent.text)
    return place is not None and place.kind == "city" and place.name == ent.text


def _strip_trailing_figures(span: Span) -> Span:
    """A name without the figures the NER ran into: "Younis 25-6-95-4", "M. Vaughan 57" (a
    person's name never ends in a number; other names may, "Unit 8200", "Boeing 747", but not
    in a score)."""
    end = span.end
    while end - span.start > 1 and _FIGURE.fullmatch(span.doc[end - 1].text):
        end -= 1
    figures = span.doc[end : span.end].text
    if end == span.end or not (span.label_ == "PERSON" or _SCORE.search(figures)):
        return span
    return Span(span.doc, span.start, end, label=span.label_)


def _person_by_form(
    span: Span, context: EntityContext, last_names: set[str], after_title: set[int]
) -> bool:
    """Whether a name the NER took for something else is a person's: a name right after a
    title ("Chancellor Olaf Scholz", taken for an ORG), an initial and a surname ("C. Lewis"),
    or the surname of a person the text names in full ("Millns" after "David Millns", taken for
    a place) that is no country's name as written ("Sudani" after "Mohammed Shia al-Sudani" is
    Iraq's prime minister, not Sudan; "Jordan" stays the kingdom)."""
    if span.label_ == "PERSON" or span.label_ not in KEPT_LABELS:
        return False
    if titled_name(span, after_title, context):
        return True
    if len(span) == 2 and _INITIAL.fullmatch(span[0].text) and span[1].is_title:
        return True
    if len(span) != 1 or span[0].lower_ not in last_names:
        return False
    name = clean_name(span.text)
    place = context.gazetteer.resolve(name)
    countries = context.gazetteer.countries
    return (
        place is None
        or place.kind != "country"
        or (countries.state_name(name) is None and countries.demonym(name) is None)
    )


def _name_of_an_office(span: Span, context: EntityContext) -> int | None:
    """Where a name the NER took for a place or an organisation starts, when an office is in
    apposition to it ("Zed Seselja, Australia's minister for the Pacific", "Seselja" a GPE);
    else None. A place it resolves to stays a place."""
    if span.label_ not in ("GPE", "LOC", "ORG") or context.gazetteer.resolve(span.text):
        return None
    root = span.root
    if not any(c.dep_ == "appos" and c.lemma_.lower() in OFFICES for c in root.children):
        return None
    start = span.start
    doc = span.doc
    while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN":
        start -= 1  # "Zed" of "Zed Seselja", left out of the mention
    return start


def _relabel(
    span: Span, context: EntityContext, last_names: set[str], after_title: set[int]
) -> Span:
    name = clean_name(span.text)
    term = context.terms.get(name.lower())
    if term and term.label not in ("TITLE", "IGNORE") and term.label != span.label_:
        return Span(span.doc, span.start, span.end, label=term.label, kb_id=term.canonical)
    if not term and _person_by_form(span, context, last_names, after_title):
        return Span(span.doc, span.start, span.end, label="PERSON")
    if not term and (start := _name_of_an_office(span, context)) is not None:
        return Span(span.doc, start, span.end, label="PERSON")
    if span.label_ in ("ORG", "PERSON"):
        place = context.gazetteer.resolve(name)
        # "UAE" as ORG, "Kyiv" as PERSON, "Saint Lucia" as PERSON: a name that is exactly a
        # country or city is a place; an ORG named by a city stays one ("Oakland beat
        # Detroit": teams).
        exact = place is not None and (
            name.isupper()
            or name.lower() == place.name.lower()
            or context.gazetteer.countries.state_name(name) == place.country
            or (place.kind == "country" and styled(name))
        )
        # "Clinton" after "Bill Clinton" is a surname, whatever city bears the name; so is a
        # last word the model cut off a person's name ("Samia Suluhu" + "Hassan")
        surname = span[0].lower_ in last_names or (
            span.start > 0 and span.doc[span.start - 1].ent_type_ == "PERSON"
        )
        city_ok = len(span) == 1 and span.label_ == "PERSON" and not surname
        # ... and one gone to or stayed in is a place ("flew to Harare", Harare an ORG)
        # (a city takes no article: "suspended from the Commonwealth" is no Philippine town;
        # nor is a surname: "in a letter to Kim", after "Kim Jong Un")
        gone_to = span.root.dep_ == "pobj" and span.root.head.lower_ in PLACE_PREPS
        city_ok = city_ok or (
            gone_to and not surname and not any(c.dep_ == "det" for c in span.root.children)
        )
        # ... and a capital that acts is its state ("Budapest signed a treaty with Slovakia",
        # "Moscow and Bishkek sealed the deal")
        head = span.root
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
        acts = head.dep_ in ("nsubj", "nsubjpass")  # (as an ORG or a PERSON: "London and
        # Buenos Aires restored diplomatic relations", Buenos Aires taken for a person)
        city_ok = city_ok or (acts and place is not None and context.gazetteer.is_capital(place))
        if place and exact and (place.kind == "country" or city_ok):
            return Span(span.doc, span.start, span.end, label="GPE")
    return span
