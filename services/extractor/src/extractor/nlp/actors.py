"""Who takes part in an event: states and state organs named in the trigger's arguments."""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Span, Token

from extractor.nlp import datelines
from extractor.nlp.arguments import (
    RELATIVES,
    counted_among,
    entity_of,
    subjects_of,
)
from extractor.nlp.entities import EntityCluster
from extractor.nlp.lookup import SpanIndex
from extractor.nlp.nonparties import (
    COMPANY_FORMS,
    COMPANY_WORDS,
    birthplace,
    business_group,
    civilians,
    maker,
    reported_to,
)
from extractor.nlp.referents import (
    OBJECT_PRONOUNS,
    ORIGIN_DEPS,
    PRONOUNS,
    SUBJECT_DEPS,
    antecedent,
    earlier_subjects,
    subject_told_before,
)

PARTY_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
# Arguments of a verb that name who takes part: its subject, object, the agent of a passive,
# and these prepositions' objects ("met with", "sold to", "bought from", "talks between").
# (npadvmod: the parser's reading of "met Saturday the US Secretary ...")
ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "dative", "agent", "attr", "appos", "npadvmod"}
# Nouns of an event's doing whose "of" names the event ("the signing of an order").
DONE_BY = {"signing", "conclusion", "completion", "handover", "delivery", "finalisation"}
CORE_DEPS = {"nsubj", "nsubjpass", "dobj", "dative", "attr", "pobj", "conj"}
ARGUMENT_PREPOSITIONS = {
    "with",
    "to",
    "from",
    "between",
    "by",
    "against",
    "on",
    "of",
    "among",
    "alongside",
}


class Actors:
    """Decides which named entities can be parties: states, their people and their organs."""

    def __init__(self, state_organs: Iterable[str]):
        words = sorted({w.lower() for w in state_organs}, key=len, reverse=True)
        self.organ = re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")\b", re.I)

    def acts(self, cluster: EntityCluster) -> bool:
        """A state (a place or nationality with a country), a person of a state, or an ORG
        that is a state organ (a ministry, an army, an agency): not a company or a team."""
        if cluster.label in ("GPE", "NORP"):
            return cluster.country is not None
        if cluster.label == "PERSON":
            return cluster.country is not None
        if cluster.kind in ("ministry", "agency", "alliance", "group"):
            return True
        return cluster.label == "ORG" and bool(self.organ.search(cluster.name))

    def parties(
        self,
        mentions: list[Span],
        by_name: dict[str, EntityCluster],
        place: EntityCluster | None,
    ) -> list[EntityCluster]:
        """Distinct acting entities among ``mentions``, in order, the place excluded."""
        found: list[EntityCluster] = []
        for ent in mentions:
            cluster = by_name.get(ent.kb_id_)
            if cluster is None or cluster is place or cluster in found or reported_to(ent):
                continue
            acting = ent.label_ in PARTY_LABELS and self.acts(cluster)
            if (
                acting
                and not self._origin(ent)
                and not civilians(ent)
                and not maker(ent)
                and not birthplace(ent)
            ):
                found.append(cluster)
        return found

    def _origin(self, ent: Span) -> bool:
        """A state named as where a company is from ("Austria's Immuno", "Swedish bus operator
        Swebus", "U.S. soybeans"): the company acts, not the state."""
        if ent.label_ not in ("GPE", "NORP") or ent.root.dep_ not in ORIGIN_DEPS:
            return False
        head = ent.root.head
        if head.lemma_.lower() in COMPANY_WORDS or head.lower_ in COMPANY_FORMS:
            return True
        if business_group(head):
            return True
        if head.ent_type_ != "ORG" or head.i in range(ent.start, ent.end):
            return False
        # (a name listed with persons is a person's the model took for a firm's: "Kazakhstan's
        # Kassym-Jomart Tokayev, Kyrgyzstan's Sadyr Japarov, Tajikistan's Emomali Rahmon")
        if any(other.ent_type_ == "PERSON" for other in head.conjuncts):
            return False
        return not self.organ.search(entity_of(head).text)


def argument_mentions(
    trigger: Token, ents: SpanIndex, leave: set[int] | frozenset[int] = frozenset()
) -> list[Span]:
    """Mentions in the trigger's syntactic arguments.

    A verb: its subject (a pronoun resolved to the subject above: "Iran denied that it
    supplied ..."), objects, agent and prepositional objects. A noun: its own phrase, then the
    arguments of the verb it depends on ("Poland signed agreements with South Korea for the
    purchase of tanks"). Arguments at the positions in ``leave`` (no sides) are not read, nor
    resolved to a state named before ("a plan to punish Assad for the attack": who judges).
    """
    if trigger.pos_ == "NOUN":
        own = mentions_in(trigger, ents)
        verb = governing_verb(trigger)
        if verb is None:
            return own
        more = _verb_arguments(verb, ents, skip=trigger, leave=leave)
        return own + [m for m in more if m not in own]
    return _verb_arguments(trigger, ents, leave=leave)


def _preposition_objects(verb: Token, prep: Token, skip: Token | None) -> list[Token]:
    """The objects of the verb's argument preposition; for a relative pronoun, what the clause
    is on ("Iraq, with which Moscow signed a similar treaty": Iraq)."""
    objects = [g for g in prep.children if g.dep_ == "pobj" and (skip is None or g.i != skip.i)]
    if verb.dep_ == "relcl" and any(g.lower_ in ("which", "whom") for g in objects):
        objects += [verb.head, *verb.head.conjuncts]
    return objects


def mentions_in(head: Token, ents: SpanIndex) -> list[Span]:
    """Mentions inside ``head``'s phrase."""
    return ents.starting(head.left_edge.i, head.right_edge.i)


def _verb_arguments(
    verb: Token,
    ents: SpanIndex,
    skip: Token | None = None,
    leave: set[int] | frozenset[int] = frozenset(),
) -> list[Span]:
    heads = []
    for child in verb.children:
        if skip is not None and child.i == skip.i:
            continue
        if child.dep_ in SUBJECT_DEPS and child.lower_ in RELATIVES and verb.dep_ == "relcl":
            # "Modi, who arrived in Washington ...": Modi arrived ("Kabila and Kagame, who
            # flew to Pretoria": both)
            # ("Assad and King Hussein were among those who sat down": the counted)
            heads += [verb.head, *verb.head.conjuncts, *counted_among(verb.head)]
        elif child.dep_ in ("dobj", "dative") and child.lower_ in OBJECT_PRONOUNS:
            # "Scholz flew to Paris, where Macron hosted him": him is the subject before
            heads += [child, *earlier_subjects(verb, ents, other_than=verb, person=child)]
        elif child.dep_ in ARGUMENT_DEPS:
            heads.append(child)
        elif child.dep_ == "prep" and child.lower_ in ARGUMENT_PREPOSITIONS:
            heads += _preposition_objects(verb, child, skip)
        elif child.dep_ == "advcl" and child.lemma_ in HANDINGS:
            # what the deal hands over and to whom: "signed a treaty on Thursday handing
            # sovereignty over the Chagos Islands to Mauritius"
            heads += [
                g
                for prep in child.children
                if prep.dep_ in ("prep", "dative") and prep.lower_ == "to"
                for g in prep.children
                if g.dep_ == "pobj"
            ]
    if not any(c.dep_ in SUBJECT_DEPS for c in verb.children) or _pronoun_subject(verb):
        # (or of the verb it completes: "They were to meet again")
        pronoun = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None) or next(
            (c for c in subjects_of(verb) if c.lower_ in PRONOUNS), None
        )
        heads += subject_told_before(verb, ents, pronoun)
    found: list[Span] = []
    for head in heads:
        if head.i in leave or (head.lower_ in PRONOUNS and head.dep_ in SUBJECT_DEPS):
            continue
        own = _argument_span(head, ents)
        if not own and head.dep_ in SUBJECT_DEPS and head.i != verb.head.i:
            own = antecedent(head, ents)  # (not "the agreement" a "signed" describes)
        if not own and any(
            c.dep_ == "poss" and c.lower_ in ("its", "their") for c in head.children
        ):
            # "Pretoria says it is neutral, but its navy held an exercise": the state before
            own = [m for t in earlier_subjects(verb, ents) for m in _argument_span(t, ents)]
        found += [m for m in own if m not in found]
    return found


def _argument_span(head: Token, ents: SpanIndex) -> list[Span]:
    """Mentions of an argument without its clauses ("the talks, which Oman hosted, ...")."""
    skip = [c for c in head.children if c.dep_ in ("relcl", "acl", "advcl", "ccomp")]
    return [
        ent
        for ent in mentions_in(head, ents)
        if not any(c.left_edge.i <= ent.start <= c.right_edge.i for c in skip)
    ]


def _pronoun_subject(verb: Token) -> bool:
    return any(c.dep_ in SUBJECT_DEPS and c.lower_ in PRONOUNS for c in verb.children)


def governing_verb(noun: Token, *, any_chain: bool = False) -> Token | None:
    """The verb a noun trigger is an argument of: its subject or object, or the object of one
    of its prepositions ("signed agreements for the purchase of tanks"); none for a noun
    deeper in an adjunct ("offered help in the wake of attacks")."""
    token = noun
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    # (up a chain of nouns that tell it done: "watched the signing of an order for 80 Rafale
    # fighters"; not "urged the resumption of talks between Armenia and Azerbaijan")
    # (``any_chain``: any noun's, to find who does it: "the two leaders signed the treaty
    # after a round of talks")
    while (
        token.dep_ == "pobj"
        and token.head.lower_ == "of"
        and (any_chain or token.head.head.lemma_.lower() in DONE_BY)
        and token.head.head.dep_ in CORE_DEPS
    ):
        token = token.head.head
    head = token.head
    if token.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
        if head.pos_ == "ADP" and head.dep_ == "prep":
            head = head.head  # (a preposition of two words: "pulled out of the exercise")
    elif token.dep_ not in CORE_DEPS:
        return None
    return head if head.pos_ in ("VERB", "AUX") and head.i != token.i else None


def clause_mentions(trigger: Token, ents: SpanIndex) -> list[Span]:
    """Mentions of the smallest clause around the trigger that has a subject of its own."""
    token = trigger
    while token.head.i != token.i:
        if token.pos_ in ("VERB", "AUX") and any(c.dep_ in SUBJECT_DEPS for c in token.children):
            break
        token = token.head
    # not the clauses beside the event ("..., as tensions with China simmer over Taiwan")
    skip = [
        c
        for c in token.children
        if c.dep_ in ("advcl", "relcl") and not c.left_edge.i <= trigger.i <= c.right_edge.i
    ]
    return [
        *_dateline_mentions(token, ents),
        *(
            m
            for m in mentions_in(token, ents)
            if not any(c.left_edge.i <= m.start <= c.right_edge.i for c in skip)
        ),
    ]


# Verbs of a participle that says what an event hands over, and to whom.
HANDINGS = {"hand", "cede", "return", "transfer", "give", "grant"}


def _dateline_mentions(root: Token, ents: SpanIndex) -> list[Span]:
    """The dateline's mentions, for the lead's whole sentence: the dateline is a sentence of its
    own, but it tells where the lead happens ("ENTEBBE, Uganda, July 4 - Netanyahu opened the
    first tour ...")."""
    doc, start = root.doc, root.sent.start
    if root.head.i != root.i or start == 0 or datelines.end(doc) != start - 1:
        return []
    opening = datelines.body(doc)
    return ents.starting(opening.start, start - 2) if opening is not None else []


def one_side(
    trigger: Token, ents: SpanIndex, by_name: dict[str, EntityCluster], countries: set[str]
) -> bool:
    """The event's states are all in its verb's subject, a list of two or more: "Belgium, the
    Netherlands, Denmark and Norway chose the American F-16 fighter …, handing General Dynamics
    a contract" names buyers only, so the weapon's maker is the seller."""
    verb = trigger
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    while (
        not any(c.dep_ in SUBJECT_DEPS for c in verb.children)
        and verb.dep_ in ("advcl", "xcomp", "conj")
        and verb.head.i != verb.i
    ):
        verb = verb.head  # ("…, handing General Dynamics a contract": the buyers chose)
    subject = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    named = {
        cluster.country
        for s in subject
        for ent in ents.starting(s.left_edge.i, s.right_edge.i)
        if (cluster := by_name.get(ent.kb_id_)) is not None and cluster.country
    }
    return len(named) >= 2 and countries <= named


def weapon_maker(
    mentions: list[Span], by_name: dict[str, EntityCluster], named: set[str]
) -> str | None:
    """The country whose weapon the mentions name, when it is one and not among ``named``:
    "the first part of the S-300 air defence system had been delivered" to Iran is Russia's
    sale (the vocabulary gives a weapon its maker's country)."""
    makers = {
        cluster.country
        for ent in mentions
        if (cluster := by_name.get(ent.kb_id_)) is not None
        and cluster.country
        and ((ent.label_ == "PRODUCT" and cluster.kind == "weapon") or maker(ent))
    }  # (and a nationality that made it: "agreed to buy three French-built frigates")
    return makers.pop() if len(makers) == 1 and not makers & named else None
