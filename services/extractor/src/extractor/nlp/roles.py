"""Titles and offices: whose minister a person is, and which ministry or agency a title implies."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from extractor.nlp import datelines
from extractor.nlp.clusters import counterpart_countries, leading_country
from extractor.nlp.entities import EntityContext
from extractor.nlp.nonparties import COMPANY_WORDS
from extractor.nlp.vocabulary import Term

# Words that may sit between a country and the name it qualifies: "Israel's defense minister
# Benny Gantz", "his Bahraini counterpart, Minister of Defense Affairs Abdullah ...".
ROLE_WORDS = {
    "'s",
    "’s",
    "the",
    "his",
    "her",
    "its",
    "their",
    ",",
    "-",
    "counterpart",
    "minister",
    "ministry",
    "defense",
    "defence",
    "foreign",
    "interior",
    "affairs",
    "chief",
    "official",
    "officials",
    "senior",
    "top",
    "envoy",
    "president",
    "prime",
    "premier",  # ("Chinese Premier Wen Jiabao", "Chinese Vice Premier Wu Yi")
    "chancellor",
    "councillor",  # ("Chinese State Councillor Tang Jiaxuan")
    "councilor",
    "emir",
    "sultan",
    "queen",
    "crown",
    "prince",
    "king",
    "deputy",
    "acting",
    "former",
    "head",
    "commander",
    "spokesperson",
    "spokesman",
    "leader",
    "ambassador",
    "secretary",
    "general",
    "admiral",
    "vice",
    "state",
    "and",
    "(",
    ")",
    "to",
}
MAX_ROLE_ZONE = 10
# Countries whose short form is how newsdesk names their institutions ("US Navy").
ACRONYM_NAMES = {"US": "US", "GB": "UK", "AE": "UAE"}


@dataclass
class Office:
    """A title or ministry mention and the institution it stands for."""

    span: Span
    institution: str
    country: str | None
    holder: int | None = None

    @property
    def from_title(self) -> bool:
        """Whether a person's title named it ("the Interior Minister"), not the body itself."""
        return self.span.label_ == "TITLE"


@dataclass
class Roles:
    """What titles told us about a document's people and institutions."""

    person_country: dict[int, str] = field(default_factory=dict)
    offices: list[Office] = field(default_factory=list)
    #: the story's own country: its dateline city's, else the one it names most
    home: str | None = None


def read_roles(doc: Doc, context: EntityContext) -> Roles:
    """Countries of persons from the titles before them; ministries implied by titles."""
    roles = Roles()
    country_of = _mention_countries(doc, context)
    ents = tuple(doc.ents)
    titles = list(doc.spans.get("titles", []))
    titled = {i for span in titles for i in range(span.start, span.end)}
    persons = {ent.start: ent for ent in ents if ent.label_ == "PERSON"}
    spans = [*titles, *(e for e in ents if _is_office(e, context))]
    known: dict[str, str] = {}
    pending: list[tuple[Span, str, str | None, int | None]] = []
    for span in sorted(spans, key=lambda s: s.start):
        term = _term(span, context)
        country = (
            _zone_country(doc, span.start, country_of, titled)
            or (term.country if term else None)
            or _its_country(doc, span.start, country_of)
        )
        holder = _holder(doc, span, persons, titled)
        if holder is not None and country:
            roles.person_country.setdefault(holder.start, country)
        if term and term.org:
            if country:
                known.setdefault(term.org, country)
            pending.append((span, term.org, country, holder.start if holder else None))
    home = roles.home = datelines.story_country(doc, context.gazetteer)
    for span, org, own_country, holder_start in pending:
        # "the Interior Ministry" takes its country from "Bahrain's Interior Minister" elsewhere,
        # else from the dateline: in a story filed from Kyiv, "the ministry" is Ukraine's.
        # (but not the country of "his Indonesian counterpart" beside the title)
        elsewhere = known.get(org) or home
        if own_country is None and elsewhere in counterpart_countries(span.sent, context):
            elsewhere = None
        country = own_country or elsewhere
        name = institution_name(org, country, context)
        roles.offices.append(Office(span, name, country, holder_start))
    for start, person in persons.items():
        if start not in roles.person_country and (
            code := _of_country(doc, person, country_of)
            or _zone_country(doc, start, country_of, titled)
            or _appositive_country(person, country_of)
        ):
            roles.person_country[start] = code
    return roles


def _of_country(doc: Doc, person: Span, country_of: dict[int, str | None]) -> str | None:
    """ "Guntis Ulmanis of Latvia": the country named right after the name, which wins over
    one before it ("Lennart Meri of Estonia, Guntis Ulmanis of Latvia and …")."""
    i = person.end
    if i + 1 >= len(doc) or doc[i].lower_ != "of":
        return None
    named = i + 2 if doc[i + 1].lower_ == "the" else i + 1
    if named < len(doc) and doc[named].ent_type_ == "NORP":
        return None  # (a nationality describes what follows: "Teng warns Lee of Soviet designs")
    return country_of.get(named)


def _appositive_country(person: Span, country_of: dict[int, str | None]) -> str | None:
    """The country of a noun in apposition to a name: "his Tajik counterpart, Emomali Rahmon",
    "Kamchybek Tashiev, Kyrgyzstan's security chief" (not of the noun's clauses)."""
    root = person.root
    nouns = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        nouns.append(root.head)
    for noun in nouns:
        # (a place is no role: "MATARAM, Nov 13 - Foreign Minister Alexander Downer flew",
        # the name parsed in apposition to the dateline's city)
        if noun.pos_ not in ("NOUN", "PROPN") or noun.ent_type_ in ("PERSON", "GPE", "LOC"):
            continue
        if noun.lemma_.lower() in COMPANY_WORDS:
            return None  # "British bus operator Stagecoach" is a company
        if _a_list(noun, person):
            continue  # "Bashar al-Assad, the emir of Qatar and Turkey's prime minister"
        clauses = [c for c in noun.children if c.dep_ in ("relcl", "acl", "appos")]
        for token in noun.subtree:
            inside = any(c.left_edge.i <= token.i <= c.right_edge.i for c in clauses)
            if not inside and person.start <= token.i < person.end:
                continue
            if not inside and (code := country_of.get(token.i)):
                return code
    return None


def _a_list(noun: Token, person: Span) -> bool:
    """A noun after the name that goes on with another one: a list of people, no apposition
    ("alongside President Bashar al-Assad, the emir of Qatar and Turkey's prime minister")."""
    own = person.root
    # (when the name hangs on the noun, the name's own clauses are no part of the list: "the
    # foreign minister, Ould Moine, who arrived on Wednesday and held talks")
    inside = own.head.i == noun.i
    return any(
        t.dep_ == "conj"
        and t.pos_ in ("NOUN", "PROPN")
        and t.i > person.end
        and not (inside and own.left_edge.i <= t.i <= own.right_edge.i)
        for t in noun.subtree
    )


def _term(span: Span, context: EntityContext) -> Term | None:
    return context.terms.get(span.kb_id_.lower()) or context.terms.get(span.text.lower())


def institution_name(org: str, country: str | None, context: EntityContext) -> str:
    """ "Ministry of Defense" of Israel → "Israel Ministry of Defense"."""
    if country is None:
        return org
    prefix = ACRONYM_NAMES.get(country) or context.gazetteer.countries.name(country)
    return f"{prefix} {org}"


def _is_office(ent: Span, context: EntityContext) -> bool:
    term = context.terms.get(ent.kb_id_.lower()) if ent.kb_id_ else None
    return ent.label_ == "ORG" and term is not None and term.kind == "ministry"


def _mention_countries(doc: Doc, context: EntityContext) -> dict[int, str | None]:
    """Country of every token inside a mention that names one ("Bahraini", "US Navy").

    A country after "to" is a destination ("Ambassador to the United States"), not an origin:
    its tokens map to None, passable but not taken. Demonyms the NER missed are NORP mentions
    too, added by the ``newsdesk_countries`` ruler.
    """
    found: dict[int, str | None] = {}
    for ent in doc.ents:
        place = (
            context.gazetteer.resolve(ent.text) if ent.label_ in ("GPE", "NORP", "LOC") else None
        )
        # (a region is no one's country, but a state the NER called a region is: "the Solomon
        # Islands" as LOC)
        code = place.country if place and (ent.label_ != "LOC" or place.kind == "country") else None
        if ent.label_ == "ORG":
            term = context.terms.get(ent.kb_id_.lower())
            code = (term.country if term else None) or leading_country(ent.text, context)
        if code:
            destination = _after_to(doc, ent)
            found.update(dict.fromkeys(range(ent.start, ent.end), None if destination else code))
    return found


def _after_to(doc: Doc, ent: Span) -> bool:
    """ "Ambassador to the United States", but not "according to Egypt's foreign ministry"."""
    i = ent.start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    return i > 0 and doc[i].lower_ == "to" and doc[i - 1].lower_ != "according"


def _zone_country(
    doc: Doc, start: int, country_of: dict[int, str | None], titled: set[int]
) -> str | None:
    """The country named just before a title or name, across role words only, and describing
    what follows it (not "From Cairo, Nixon went on to Jeddah": Cairo is where he came from)."""
    i = start - 1
    while i >= 0 and start - i <= MAX_ROLE_ZONE:
        code = country_of.get(i)
        if code:
            where = doc[i].dep_ == "pobj" and doc[i].head.lower_ != "of"
            # (nor "From Hungary Bush goes to Paris", parsed as one name)
            first = i
            while first - 1 in country_of and country_of[first - 1] == code:
                first -= 1
            where = where or (first > 0 and doc[first - 1].lower_ == "from")
            return None if where else code
        token = doc[i]
        passable = token.lower_ in ROLE_WORDS or token.is_space or i in country_of
        passable = passable or i in titled
        if not passable:
            return None
        i -= 1
    return None


def _its_country(doc: Doc, start: int, country_of: dict[int, str | None]) -> str | None:
    """ "Latvia broke the deadlock first. Its president, Guntis Ulmanis, travelled to Moscow":
    "its" before a title is the country named last before it, in that sentence or the one
    before."""
    if start == 0 or doc[start - 1].lower_ != "its":
        return None
    sentence = doc[start - 1].sent
    since = doc[sentence.start - 1].sent.start if sentence.start > 0 else 0
    for i in range(start - 2, since - 1, -1):
        if code := country_of.get(i):
            return code
    return None


def _holder(doc: Doc, title: Span, persons: dict[int, Span], titled: set[int]) -> Span | None:
    """The person a title belongs to: the name right after it, titles and commas between."""
    i = title.end
    while i < len(doc) and i - title.end <= 3 and i not in persons:
        if not (i in titled or doc[i].is_space or doc[i].lower_ in {",", "the"}):
            return None
        i += 1
    return persons.get(i)
