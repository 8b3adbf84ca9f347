"""Who a sentence names beside an event without taking part in it: a side the verb gives up,
who mediated or hosted for others, who judges the event, and what the event is about."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from extractor.nlp.arguments import RELATIVES, REPORTING_VERBS, subjects_of
from extractor.nlp.counted import SPAN_BOUNDS

if TYPE_CHECKING:
    from extractor.nlp.rules import EventRule


# Mediators' verbs that in "X-hosted" name a side: "the Saudi-hosted Northern Thunder exercise".
HOSTS = {"host", "chair", "convene"}


def mediated_by(trigger: Token, mediators: frozenset[str]) -> set[int]:
    """Token positions of a clause on the event naming who brought the sides together ("talks
    …, which Qatar and Turkey mediated", "a summit hosted by Angola", "U.S.-brokered talks")."""
    noun = trigger if trigger.pos_ == "NOUN" else None
    if noun is None:
        return set()
    return {
        t.i
        for c in noun.subtree  # (the clause may hang on the sides: "ministers, which Qatar …")
        if c.i != noun.i
        and c.lemma_ in mediators
        and (c.dep_ in ("relcl", "acl") or (c.dep_ == "amod" and c.lemma_ not in HOSTS))
        for t in c.subtree
    }


def recognised_by(trigger: Token, recognisers: frozenset[str]) -> set[int]:
    """Token positions of who recognises a person or body so, in a clause on it in the trigger's
    sentence ("advisers to Juan Guaido, who is recognised as Venezuela's interim president by the
    United States", "Guaido, whom Washington recognises"): who recognises takes no part, what
    the clause recognises them as does."""
    clauses = [
        c
        for c in trigger.sent
        if c.dep_ in ("relcl", "acl")
        and c.lemma_ in recognisers
        and not c.left_edge.i <= trigger.i <= c.right_edge.i
    ]
    who = [
        t
        for c in clauses
        for t in c.subtree
        if (t.dep_ in ("prep", "agent") and t.lower_ == "by")
        or (t.dep_ == "nsubj" and t.head.i == c.i and t.lower_ not in RELATIVES)
    ]
    return {t.i for w in who for t in w.subtree}


def moved_by(trigger: Token, movers: frozenset[str]) -> set[int]:
    """Token positions of whom a clause of the trigger's sentence says it moved ("Koizumi's visit
    to the Yasukuni war shrine ..., which angered China and South Korea"): who is angered or
    alarmed takes no part."""
    return {
        t.i
        for clause in trigger.sent
        if clause.dep_ in ("relcl", "conj", "advcl", "ROOT")
        and clause.lemma_ in movers
        and not clause.left_edge.i <= trigger.i <= clause.right_edge.i
        for obj in clause.children
        if obj.dep_ == "dobj"
        for t in obj.subtree
    }


# Prepositions of a place told by a border near it: "a camp in Rann, near the Cameroon border".
NEAR = {"near", "close"}


def near_borders(trigger: Token) -> set[int]:
    """Token positions of a border a place is told to be near ("bombed a camp for displaced
    people in Rann, near the Cameroon border"): the state beyond it takes no part."""
    return {
        t.i
        for prep in trigger.sent
        if prep.dep_ == "prep" and prep.lower_ in NEAR
        for noun in prep.children
        if noun.dep_ == "pobj" and noun.lemma_.lower() in ("border", "frontier")
        for t in noun.subtree
    }


def of_a_time(trigger: Token) -> set[int]:
    """Token positions of a time the trigger's own phrase is measured against ("his first visit
    to Kyiv since the start of Russia's full-scale invasion"; on an object, also its verb:
    "made his first visit to Kyiv since …"): who acted then takes no part."""
    # (not a noun's copula: "the fighting is the heaviest since South Africa's intervention"
    # measures this fighting by the same sides')
    heads = [trigger, trigger.head] if trigger.dep_ == "dobj" else [trigger]
    return {
        t.i
        for head in heads
        for prep in head.children
        if prep.dep_ == "prep" and prep.lower_ in SPAN_BOUNDS
        for t in prep.subtree
    }


def based_in(trigger: Token) -> set[int]:
    """Token positions of where someone of the trigger's sentence is based ("raids on the Cuban
    coast by exile groups based in Florida"): a base is no side."""
    return {
        t.i
        for based in trigger.sent
        if based.lemma_ == "base"
        and based.tag_ == "VBN"
        and based.dep_ in ("acl", "relcl")
        and not based.left_edge.i <= trigger.i <= based.right_edge.i
        for prep in based.children
        if prep.dep_ == "prep" and prep.lower_ in ("in", "at", "on")
        for t in prep.subtree
    }


# What an event's toll counts: "the gas attack, which Washington says killed 1,400 people".
TOLL_VERBS = {"kill", "wound", "injure", "claim"}
VICTIMS = {"people", "person", "civilian", "child", "resident", "villager", "victim", "life"}


def counted_by(trigger: Token) -> set[int]:
    """Token positions of who tells the event's toll in a clause on it ("the gas attack on
    rebel-held suburbs, which Washington says killed 1,400 people"): who counts the dead takes
    no part (but "the attack, which Ukraine's SBU said had hit 41 warplanes" claims a hit)."""
    if trigger.pos_ != "NOUN":
        return set()
    return {
        t.i
        for clause in trigger.children
        if clause.dep_ == "relcl" and clause.lemma_ in REPORTING_VERBS
        if any(
            said.dep_ == "ccomp"
            and said.lemma_ in TOLL_VERBS
            and any(o.dep_ == "dobj" and o.lemma_.lower() in VICTIMS for o in said.children)
            for said in clause.children
        )
        for sayer in clause.children
        if sayer.dep_ == "nsubj" and sayer.lower_ not in RELATIVES
        for t in sayer.subtree
    }


def judged_by(trigger: Token, onlookers: frozenset[str]) -> set[int]:
    """Token positions of the subject of a verb that judges the event its noun names as object
    ("Russia and China condemned the strikes", "Britain criticised Russia for the attack"): who
    judges takes no part."""
    if trigger.pos_ != "NOUN":
        return set()
    token = trigger
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    verb = token.head
    if token.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ == "for":
        verb = verb.head  # ("criticised Russia for the attack")
    elif token.dep_ != "dobj":
        return set()
    if verb.lemma_ not in onlookers:
        return set()
    judges = subjects_of(verb)
    if verb.dep_ == "acl" and verb.head.dep_ == "dobj":
        judges += subjects_of(verb.head.head)  # ("the president defended his plan to punish")
    return {t.i for s in judges for t in s.subtree}


def left_sides(rule: EventRule, trigger: Token) -> set[int]:
    """Token positions of what the trigger leaves ("switched recognition from Taiwan to
    Beijing", "is due to leave Havana on Wednesday for London"), or of where a noun's event is
    held by ("could stage large-scale military drills near Taiwan", on the verb of its object
    too): a side given up, or a place passed, is no party."""
    words = rule.leaves.get(trigger.lemma_, frozenset())
    heads = [trigger]
    if trigger.pos_ == "NOUN" and trigger.dep_ == "dobj":
        heads.append(trigger.head)
    return {
        t.i
        for head in heads
        for c in head.children
        if (c.dep_ == "prep" and c.lower_ in words) or (c.dep_ in words and c.i != trigger.i)
        for t in c.subtree
    }


# Verbs that hold the event their object names: "held talks with X on the war in Angola".
HOLDERS = {"hold", "have", "conduct", "open", "begin", "start", "resume"}
# Verbs whose subject, the event, has the rest of their clause for its topic: "the talks also
# covered the fighting in Mali", "their talks ranged from the Middle East to the crisis in
# Yugoslavia".
COVERING = {"cover", "range", "focus", "centre", "center", "touch", "dwell", "concentrate",
            "revolve", "address", "tackle"}  # fmt: skip
# Nouns of a "on" phrase that tell where, not what about: "a summit on the island of Bali".
WHERE_NOUNS = {"island", "islands", "border", "frontier", "coast", "shore", "bank", "banks",
               "outskirts", "edge", "sidelines", "margins", "board", "deck", "soil"}  # fmt: skip


def topic_sides(rule: EventRule, trigger: Token) -> set[int]:
    """Token positions of what the event is about ("held talks with Shevardnadze on the war in
    Angola", "met Kozyrev to discuss the war in Angola"): a state named there is no side. The
    topic hangs on the trigger or on the verb holding it, as a ``topics`` preposition with a
    common noun (not "talks on Crete") or as what is discussed, or is what a ``COVERING`` verb
    of which the event is the subject names ("the talks covered the fighting in Mali"; and the
    talks are none of the fighting's)."""
    left: set[int] = set()
    if trigger.dep_ == "nsubj" and trigger.head.lemma_ in COVERING:
        left |= {t.i for c in trigger.head.children if c.i != trigger.i for t in c.subtree}
    elif trigger.dep_ == "dobj" and trigger.head.lemma_ in COVERING:
        # (and what is covered has none of the talks' sides: "the fighting in Mali")
        left |= {t.i for s in subjects_of(trigger.head) for t in s.subtree}
    if not rule.topics:
        return left
    heads = [trigger]
    if trigger.dep_ == "dobj" and trigger.head.lemma_ in HOLDERS:
        heads.append(trigger.head)
    for head in heads:
        for c in head.children:
            topic = (
                c.dep_ == "prep"
                and c.lower_ in rule.topics
                and any(
                    g.dep_ == "pobj" and not g.ent_type_ and g.lower_ not in WHERE_NOUNS
                    for g in c.children
                )
            ) or (c.dep_ in ("advcl", "xcomp") and c.lemma_ == "discuss")
            if topic:
                left |= {t.i for t in c.subtree}
    return left
