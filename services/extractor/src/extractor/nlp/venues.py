"""Where an event happens: the place a "where" clause describes, else the most specific place
its trigger's phrase attaches, else its clause's."""

from __future__ import annotations

from spacy.tokens import Span, Token

from extractor.nlp.arguments import where_clause_place
from extractor.nlp.entities import PLACE_LABELS
from extractor.nlp.lookup import SpanIndex

# "to" names a place only for visits; "provide help to the UAE" names a recipient.
PLACE_PREPOSITIONS = {"in", "at"}
# Where a type's events happen besides: "flew to Kyiv", "crossed into Macedonia", "left for
# Manila", "struck targets across Afghanistan", "throughout Syria", "inside Lebanon".
EXTRA_PLACE_PREPOSITIONS = {
    "visit": {"to", "into", "for"},
    "attack": {"across", "throughout", "inside"},
}


# Nouns a place's name follows with "of": "in the northern Tanzanian town of Arusha".
SETTLEMENTS = {"town", "city", "village", "port", "capital", "resort", "island", "province",
               "region", "district", "state", "enclave", "outpost", "base"}  # fmt: skip


def venue(
    event_type: str, trigger: Token, clause: Token, mentions: list[Span], ents: SpanIndex
) -> Span | None:
    """The place mention of an event of ``event_type`` told by ``trigger`` in ``clause``, whose
    place mentions are ``mentions``."""
    preps = PLACE_PREPOSITIONS | EXTRA_PLACE_PREPOSITIONS.get(event_type, set())
    return (
        _where(trigger, ents)  # (first: "Moscow, where Bush spent Monday at the …")
        or _place(trigger, mentions, preps, owners=True)
        or _place(clause, mentions, preps)
    )


def _where(trigger: Token, ents: SpanIndex) -> Span | None:
    """The place mention a "where" clause describes: "in Moscow, where Bush spent Monday"."""
    head = where_clause_place(trigger)
    if head is None:
        return None
    return next((e for e in ents.starting(head.i, head.i) if e.label_ in PLACE_LABELS), None)


def _place(
    head: Token, mentions: list[Span], prepositions: set[str], *, owners: bool = False
) -> Span | None:
    """The most specific place attached by in/at/to inside ``head``'s phrase (a city wins);
    with ``owners``, also the owner of such an object ("landed at Mogadishu's airport"; in a
    whole clause, too often a place of another verb: "struck targets in Afghanistan's
    Paktika province")."""
    candidates = [
        ent
        for ent in mentions
        if (ent.label_ in PLACE_LABELS or _a_capital(ent))
        and head.left_edge.i <= ent.start <= head.right_edge.i
        and _attached_by(ent.root, prepositions, owners=owners)
    ]
    return min(candidates, key=lambda ent: (ent.label_ != "GPE", ent.start), default=None)


def _attached_by(place: Token, prepositions: set[str], *, owners: bool) -> bool:
    """The place is the object of one of ``prepositions``, or (with ``owners``) that object's
    owner; not where someone is based ("raids by exile groups based in Florida")."""
    if place.dep_ in ("amod", "compound") and place.head.lower_ == "capital":
        place = place.head  # ("in the Venezuelan capital")
    if owners and place.dep_ == "poss" and place.head.dep_ == "pobj":
        place = place.head
    if place.head.lower_ == "of" and place.head.head.lemma_.lower() in SETTLEMENTS:
        place = place.head.head  # ("in the northern Tanzanian town of Arusha")
    return place.head.lower_ in prepositions and place.head.head.lemma_ != "base"


def _a_capital(ent: Span) -> bool:
    """ "the Venezuelan capital": the nationality names the state whose capital it is."""
    root, capital = ent.root, ent.root.head
    return (
        ent.label_ == "NORP"
        and root.dep_ in ("amod", "compound")
        and capital.lower_ == "capital"  # (one: not "alarm in Western capitals")
        and any(c.dep_ == "det" and c.lower_ == "the" for c in capital.children)
    )
