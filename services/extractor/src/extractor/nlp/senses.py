"""Whether a trigger word means an event of a type: its objects, modifiers, senses and what
its phrase names (the rules of ``resources/events.yaml`` applied to one token)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Token

from extractor.nlp.arguments import (
    PAIR_WORDS,
    agents_of,
    definite,
    has_particle,
    objects_of,
    of_what,
    paper_noun,
    subjects_of,
    takes_object,
)
from extractor.nlp.journeys import arriving, names_an_office, weapons_arrive

NAMED = {"PROPN"}
# Whom a host receives: a person, a state, a nationality ("the Saudi crown prince").
GUESTS = {"PERSON", "GPE", "NORP"}
# Armed forces named as a partner ("an exercise with Russian warships").
FORCES = {"warship", "ship", "vessel", "navy", "force", "troop", "army", "soldier", "marine",
          "military", "fleet", "jet", "aircraft", "unit", "counterpart"}  # fmt: skip
# Auxiliaries of a clause that commits who agreed to it: "agreed that neither would use force".
COMMITMENTS = {"will", "would", "shall", "should", "must", "wo", "'ll"}
# Pronouns that stand for people.
PERSONAL = {"he", "she", "him", "her", "they", "them"}


@dataclass(frozen=True)
class EventRule:
    """How one event type is recognised (see resources/events.yaml)."""

    type: str
    verbs: frozenset[str] = frozenset()
    strong_verbs: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()
    dated_nouns: frozenset[str] = frozenset()
    objects: frozenset[str] = frozenset()
    modifiers: frozenset[str] = frozenset()
    exclude_modifiers: frozenset[str] = frozenset()
    exclude_objects: frozenset[str] = frozenset()
    subtree: frozenset[str] = frozenset()
    person_verbs: frozenset[str] = frozenset()
    words_of_a_person: frozenset[str] = frozenset()
    outlaws: frozenset[str] = frozenset()
    victims: frozenset[str] = frozenset()
    arrivals: frozenset[str] = frozenset()
    joint_verbs: frozenset[str] = frozenset()
    papers: frozenset[str] = frozenset()
    topics: frozenset[str] = frozenset()
    own_bodies: frozenset[str] = frozenset()
    parts: frozenset[str] = frozenset()
    decided_by: frozenset[str] = frozenset()
    min_countries: int = 1
    held_with: frozenset[str] = frozenset()
    senses: dict[str, frozenset[str]] = field(default_factory=dict)
    targets: dict[str, frozenset[str]] = field(default_factory=dict)
    leaves: dict[str, frozenset[str]] = field(default_factory=dict)
    agents: dict[str, frozenset[str]] = field(default_factory=dict)
    particles: dict[str, frozenset[str]] = field(default_factory=dict)
    exclude_context: frozenset[str] = frozenset()
    proper_names: bool = False
    joint: bool = False
    guests: bool = False
    agreed_plans: bool = False
    accused: bool = False


def frozen_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """An event type's fields as ``EventRule`` keeps them: word lists as frozensets, also
    those of a verb (``senses``, ``targets``, ``leaves``)."""
    frozen: dict[str, Any] = {}
    for key, value in fields.items():
        if isinstance(value, list):
            frozen[key] = frozenset(value)
        elif isinstance(value, dict):
            frozen[key] = {verb: frozenset(words) for verb, words in value.items()}
        else:
            frozen[key] = value
    return frozen


def noun_accepted(rule: EventRule, noun: Token) -> bool:
    """A noun trigger with the modifiers its type needs and none it excludes; a named one
    ("the Malabar exercise") needs none when its type allows proper names."""
    children = [child for child in noun.children if child.dep_ in ("amod", "compound")]
    modifiers = {child.lower_ for child in children}
    if rule.exclude_modifiers & modifiers or _the_whole(rule, noun) or _a_kind_of_craft(noun):
        return False
    if rule.subtree and not _names_what(rule.subtree, list(noun.subtree)):
        return False  # "soybean sales", "banned from sale": no weapon, no arms sale
    if rule.objects and not _names_what(rule.objects, _trainees(noun)):
        return False  # "training" of whom: pilots, troops, officers
    if rule.proper_names and any(child.pos_ in NAMED for child in children):
        return True
    # one state's own: "the huge Indian army exercise in the Rajasthan desert", "an emergency
    # meeting of his National Security Council"
    if (rule.joint and _one_states(noun, children, modifiers)) or _of_own_body(rule, noun):
        return False
    return not rule.modifiers or bool(rule.modifiers & modifiers) or _with_forces(noun)


# Craft a noun before it names the kind of: "Mi-35 attack helicopters", "training jets".
CRAFT = {"helicopter", "aircraft", "jet", "fighter", "submarine", "drone", "plane", "boat", "ship",
         "craft", "vessel", "bomber", "missile", "aeroplane", "airplane", "warplane"}  # fmt: skip


def _a_kind_of_craft(noun: Token) -> bool:
    """ "Iraq ordered Mi-28 and Mi-35 attack helicopters": the trigger word right before a craft
    names its kind (however the parser hangs it), no event."""
    following = noun.nbor(1) if noun.i + 1 < len(noun.doc) else None
    return following is not None and following.lemma_.lower() in CRAFT


def _the_whole(rule: EventRule, noun: Token) -> bool:
    """ "Rumsfeld flies on to Lima, the second stop of his trip": the trip is the whole journey,
    whose stops are visits of their own."""
    preposition = noun.head
    return (
        bool(rule.parts)
        and noun.dep_ == "pobj"
        and preposition.lower_ in ("of", "on")
        and preposition.head.lemma_.lower() in rule.parts
    )


# Possessive pronouns that make a body one person's or one state's own.
OWNERS = {"his", "her", "its", "their"}


# Verbs by which a leader gathers a body, or speaks to it: "called an emergency meeting of
# security ministers", "told a meeting of top military commanders".
CONVENES = {"call", "convene", "chair", "tell", "address"}


def _called_by_a_leader(noun: Token, body: Token) -> bool:
    """A meeting a leader calls of a body no state or nationality describes is of his own
    (where it sits says nothing of whose it is: "commanders at the Defence Ministry")."""
    if noun.dep_ != "dobj" or noun.head.lemma_ not in CONVENES:
        return False
    seat = {
        t.i
        for c in body.children
        if c.dep_ == "prep" and c.lower_ in ("at", "in")
        for t in c.subtree
    }
    return not any(
        t.ent_type_ or t.dep_ == "prep" for t in body.subtree if t.i != body.i and t.i not in seat
    )


def _of_own_body(rule: EventRule, noun: Token) -> bool:
    """A meeting of a body one leader or state owns ("of his National Security Council", "of
    its cabinet") is inside that state: no meeting between states."""
    return bool(rule.own_bodies) and any(
        {body.lemma_.lower(), body.lower_} & rule.own_bodies
        and (
            any(
                c.dep_ == "poss" and (c.lower_ in OWNERS or c.lemma_.lower() in rule.own_bodies)
                for c in body.children
            )  # (also a body's own: "a meeting of the party's executive committee")
            or _called_by_a_leader(noun, body)
            # ("an emergency meeting of the national security council")
            or any(c.lower_ == "national" for c in body.children)
        )
        and not any(c.lower_ in PAIR_WORDS for c in body.children)  # ("their two governments")
        for prep in noun.children
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for body in prep.children
        if body.dep_ == "pobj"
    )


# Words of an exercise held together ("joint", "combined"), or its partners ("with", "between").
JOINT = {"joint", "combined", "bilateral", "trilateral", "multinational", "international"}
PARTNERS = {"with", "between", "alongside", "involving"}


def _one_states(noun: Token, children: list[Token], modifiers: set[str]) -> bool:
    """An exercise one nationality describes, with no word of a partner ("an Indian army
    exercise"; not "a joint Indian exercise", "an Indian exercise with Japan")."""
    if JOINT & modifiers or any(c.lower_ in PARTNERS for c in noun.children):
        return False
    if any(c.lower_ == "own" for c in noun.children):
        return True  # "Iran's army and navy staged their own war games"
    states = [c for c in children if c.ent_type_ in ("NORP", "GPE")]
    if not states:  # "China began live-fire exercises in the Taiwan Strait": its subject's
        return _held_by_one(noun)
    return len(states) == 1 and not any(c.dep_ == "conj" for c in states[0].children)


def _held_by_one(noun: Token) -> bool:
    """An exercise its verb's subject holds alone: one state named there, and no partner with
    the verb ("China began exercises"; not "China began exercises with Russia", "China and
    Russia began exercises"), also one it sends forces into ("Venezuela ordered 5,600 troops
    into military exercises")."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ == "into" and verb.dep_ == "prep":
        verb = verb.head
    elif noun.dep_ != "dobj":
        return False
    if any(c.lower_ in PARTNERS for c in verb.children):
        return False
    subjects = subjects_of(verb)
    return _states_among(subjects) == 1 and all(s.ent_type_ == "GPE" for s in subjects)


def _with_forces(noun: Token) -> bool:
    """ "A 10-day exercise with Russian and Chinese warships", "drills with India": a partner
    state, or its forces, makes it joint; so do doers from two states or more ("ships and
    aircraft from France, Italy, Greece and Cyprus began a further exercise")."""
    if noun.dep_ == "dobj" and _states_among(subjects_of(noun.head)) >= 2:
        return True
    # (or its verb's: "began the exercise on Monday, with Moroccan and American forces")
    for partner in [*_with(noun), *(_with(noun.head) if noun.dep_ == "dobj" else ())]:
        if partner.ent_type_ in ("GPE", "NORP"):
            return True
        named = any(t.ent_type_ in ("GPE", "NORP") for t in partner.subtree)
        if named and partner.lemma_.lower() in FORCES:
            return True
    return False


def _states_among(heads: list[Token]) -> int:
    """How many states the phrases of ``heads`` name (a GPE or a nationality each)."""
    starts = {
        t.i
        for h in heads
        for t in h.subtree
        if t.ent_type_ in ("GPE", "NORP") and t.ent_iob_ == "B"
    }
    return len(starts)


def _with(head: Token) -> list[Token]:
    """What ``head`` is with: the objects of its "with" ("drills with India", "ties with
    Beijing")."""
    return [
        g
        for prep in head.children
        if prep.dep_ == "prep" and prep.lower_ == "with"
        for g in prep.children
        if g.dep_ == "pobj"
    ]


# Words of what a sale is of that also name a kind of pact: "a defence deal".
KINDS_OF_PACTS = frozenset({"defence", "defense", "security"})


def concluded_by_paper(rule: EventRule, trigger: Token) -> bool:
    """A signed paper ("signed a contract", "the deal") whose purpose is an event of ``rule``'s
    type: "a contract to buy 24 jets", "a deal for the purchase of tanks", "a contract for 36
    howitzers" tell the sale itself, not a pact between states."""
    paper = paper_noun(trigger)
    if paper is None or paper.lemma_.lower() not in rule.papers:
        return False
    # "a contract worth $375m to buy": the purpose may hang on the paper's modifier, or on
    # the signing ("signed a contract on Tuesday to buy")
    holders = {paper.i, trigger.i} | {c.i for c in paper.children if c.dep_ == "amod"}
    # ("an arms deal", "the Rafale contract": a modifier that names the weapon; not "a defence
    # deal", a pact)
    named = rule.subtree - KINDS_OF_PACTS
    if named and any(
        c.dep_ in ("compound", "nmod") and _names_what(named, list(c.subtree))
        for c in paper.children
    ):
        return True
    for token in (*paper.subtree, *trigger.children):
        if token.head.i not in holders:
            continue
        # what it is for must be what the type needs: "a deal to buy LNG" is no arms sale
        what = not rule.subtree or _names_what(rule.subtree, list(token.subtree))
        if token.dep_ in ("acl", "xcomp", "advcl") and token.lemma_ in rule.verbs:
            return what
        if token.dep_ == "prep" and token.lower_ == "for":
            objects = [g for g in token.children if g.dep_ == "pobj"]
            if what and (any(g.lemma_ in rule.nouns for g in objects) or rule.subtree):
                return True
    return False


def _trainees(noun: Token) -> list[Token]:
    """The noun's phrase and the subject of the verb it depends on ("pilots began training")."""
    subjects = [c for c in noun.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return [*noun.subtree, *(t for s in subjects if noun.head.i != noun.i for t in s.subtree)]


def _names_what(words: frozenset[str], phrase: list[Token]) -> bool:
    """The phrase holds one of ``words`` (as lemma or as written) or a named product; a word
    naming an office is none ("sent its defence minister to Ukraine")."""
    phrase = [t for t in phrase if not names_an_office(t)]
    found = {t.lemma_.lower() for t in phrase} | {t.lower_ for t in phrase}
    return bool(words & found) or any(t.ent_type_ == "PRODUCT" for t in phrase)


def excluded_object(rule: EventRule, verb: Token) -> bool:
    """A verb whose object gives it another sense ("struck a deal", "meet the demand")."""
    objects = [o for o in objects_of(verb) if o.dep_ != "pobj" or o.i == verb.head.i]
    objects += [c for c in verb.children if c.dep_ == "nsubjpass"]  # ("deals could be struck")
    if verb.dep_ in ("acl", "relcl"):  # "a handful of deals struck by ...": of the head
        objects += [g for c in verb.head.children if c.lower_ == "of" for g in c.children]
    return any({o.lemma_.lower(), o.lower_} & rule.exclude_objects for o in objects)


def sense_accepted(rule: EventRule, verb: Token) -> bool:
    """A verb with several senses ("host talks", not "host the drills") in this type's: one of
    the objects its sense needs, or a named entity as object."""
    aims = rule.targets.get(verb.lemma_)
    if aims and not any(
        (
            c.dep_ == "prep"
            and c.lower_ in aims
            and not any(g.ent_type_ in ("DATE", "TIME") for g in c.children)  # ("on Tuesday")
        )
        or c.dep_ == "dative"  # ("sent Ukraine 31 tanks")
        for c in verb.children
    ):
        return False  # "fired a missile into the sea" is a test, "fired missiles at" an attack
    doers = rule.agents.get(verb.lemma_)
    if doers is not None and not _done_by(verb, doers):
        return False  # "the decision hits exporters", "fuel shortages hit the city"
    if aims and not takes_object(verb):
        # "Rwandan forces fired on a Congolese fighter jet": no object, a target (but "China
        # fired back at the United States" in words)
        return not any(c.lower_ == "back" for c in verb.children)
    if verb.lemma_ in rule.particles and not has_particle(verb, rule.particles):
        return False  # "sat down with the president", not "sat in parliament"
    needed = rule.senses.get(verb.lemma_)
    if needed is None:
        return True
    objects = [o for o in objects_of(verb) if o.dep_ != "pobj" or verb.dep_ == "relcl"]
    if verb.dep_ == "conj" and any(c.dep_ == "auxpass" for c in verb.children):
        # "Austin arrived on Thursday and was received by President Duterte": the guest is
        # the subject the two verbs share
        objects += [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if any(c.dep_ == "nsubj" and c.lower_ in ("who", "which", "that") for c in verb.children):
        objects = [o for o in objects if o.i != verb.head.i]  # "Armenia, which hosts a base"
    guests = rule.guests  # (not "fired him at a meeting", "shot him at a checkpoint")
    # (an object that is this type's noun in another sense: "launched a verbal attack")
    objects = [o for o in objects if o.lemma_ not in rule.nouns or noun_accepted(rule, o)]
    # (a ship named after its kind: "sank the corvette Cheonan")
    kinds = [c for o in objects for c in o.children if c.dep_ == "compound"]
    return any(k.lemma_.lower() in needed for k in kinds) or any(
        o.lemma_.lower() in needed
        or o.lower_ in needed
        or (guests and o.lower_ in PERSONAL)  # "he was received by President Erdogan"
        or (guests and o.ent_type_ in GUESTS)  # (not "hosts a Russian military base")
        or o.ent_type_ in needed  # (a label: "shot down a Yugoslav MiG-29", a PRODUCT)
        for o in objects
    )


def _done_by(verb: Token, doers: frozenset[str]) -> bool:
    """The verb's doer is one of ``doers``: its subject ("cruise missiles hit air defence
    sites"), the agent of a passive ("was sunk by a torpedo"), the noun a participle hangs on
    ("a base destroyed by jets" is the agent's; "jets destroyed" is the subject's)."""
    subjects = subjects_of(verb)
    if verb.dep_ == "relcl" and any(c.lower_ in ("which", "that") for c in subjects):
        subjects = [verb.head]  # "missiles, which hit a radar station"
    agents = agents_of(verb)
    # (a participle on a noun is passive too: "a base destroyed by jets"; "have hit" is not)
    participle = verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod")
    passive = participle or any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    if passive and not agents and "passive" in doers:
        return True  # ("Sarkozy was welcomed with full honours": by his host)
    heads = agents if agents or passive else subjects
    heads += [g for h in heads for g in h.conjuncts]
    # (a doer may also be named by its entity label: "PERSON" for "Obama welcomed Essebsi")
    return any(
        h.lemma_.lower() in doers or h.lower_ in doers or (h.ent_type_ and h.ent_type_ in doers)
        for h in heads
    )


def verb_accepted(rule: EventRule, verb: Token) -> bool:
    """A verb trigger with the object its type needs, and what is sold in its phrase."""
    if verb.lemma_ in rule.joint_verbs and _together(verb):
        return True
    if rule.objects:
        candidates = [*objects_of(verb), *(g for o in objects_of(verb) for g in of_what(o))]
        if not candidates:  # (the parser's "trained [troops guarding the border … are active]")
            candidates = [s for c in verb.children if c.dep_ == "ccomp" for s in subjects_of(c)]
        objects = [o for o in candidates if {o.lemma_.lower(), o.lower_} & rule.objects]
        if not objects and not _object_as_subject(rule, verb):
            return False
        kinds = {c.lower_ for o in objects for c in o.children if c.dep_ in ("amod", "compound")}
        if kinds and kinds <= rule.exclude_modifiers:
            return False  # "Energean signed sales agreements": the object names another kind
        if rule.modifiers and verb.lemma_ not in rule.strong_verbs:
            modifiers = {child.lower_ for obj in objects for child in obj.children}
            return bool(rule.modifiers & modifiers) or _bare_with_a_state(verb, objects)
    if rule.subtree and verb.lemma_ in rule.arrivals:
        # (what arrives takes no object: "landed a deal for 26 Rafale jets"; but an object
        # that names this type's event is the arrival told again: "aircraft carrying weapons
        # landed in Mogadishu, the first such delivery")
        objects = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_ not in rule.nouns]
        return not objects and weapons_arrive(rule.subtree, arriving(verb))
    return not rule.subtree or _names_what(rule.subtree, _what_is_sold(verb))


def _what_is_sold(verb: Token) -> list[Token]:
    """The verb's phrase without its subject (the seller) and without what its relative
    clauses tell of other things ("pledged to rebuild the ties that collapsed after Turkey
    shot down a Russian jet": no jet pledged)."""
    left = {t.i for c in verb.children if c.dep_ == "nsubj" for t in c.subtree}
    left |= {t.i for t in verb.subtree if t.dep_ == "relcl" and t.i != verb.i for t in t.subtree}
    phrase = [t for t in verb.subtree if t.i not in left]
    if verb.dep_ in ("relcl", "acl"):  # "the equipment Poland had given to Ukraine"
        phrase.append(verb.head)
    return phrase


def _bare_with_a_state(verb: Token, objects: list[Token]) -> bool:
    """ "Panama established ties with Beijing": an object without any modifier, with a state as
    the other side, needs none ("restored trade ties with China" names another kind)."""
    if any(c.dep_ in ("amod", "compound", "nmod") for o in objects for c in o.children):
        return False
    return any(
        t.ent_type_ == "GPE" for head in (verb, *objects) for g in _with(head) for t in g.subtree
    )


def what_was_agreed(verb: Token) -> list[Token]:
    """The clauses a joint verb says the sides agreed to do: "agreed to restore ties", and the
    purpose of a plan agreed on ("agreed on a plan to halt the war"); the parser may hang it on
    "time" ("agreed for the first time to coordinate their deterrents")."""
    clauses = [c for c in verb.children if c.dep_ == "xcomp"]
    for prep in verb.children:
        if prep.dep_ == "prep" and (
            prep.lower_ == "on"
            or (prep.lower_ == "for" and any(n.lemma_ == "time" for n in prep.children))
        ):
            clauses += [
                a
                for noun in prep.children
                if noun.dep_ == "pobj"
                for a in noun.children
                if a.dep_ in ("acl", "relcl")
                and any(t.dep_ == "aux" and t.lower_ == "to" for t in a.children)
            ]
    return clauses


def _together(verb: Token) -> bool:
    """Two sides act together: "Iran and Saudi Arabia agreed to …", "agreed with China to …"."""
    if not what_was_agreed(verb) and not any(_commits(c) for c in verb.children):
        return False  # (what they agreed: "to restore ties", "that neither would use force")
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    joined = any(g.dep_ == "conj" for s in subjects for g in s.children)
    return joined or any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children)


def _commits(clause: Token) -> bool:
    """A "that" clause agreed on that commits the sides ("that neither would use force"), not
    a shared opinion ("agreed that tensions were too high")."""
    return clause.dep_ == "ccomp" and any(
        c.dep_ == "aux" and c.lower_ in COMMITMENTS for c in clause.children
    )


def _object_as_subject(rule: EventRule, verb: Token) -> bool:
    """An intransitive trigger whose subject is what it needs ("Ukrainian crews trained"),
    also the subject of the verb it completes ("Ukrainian pilots began training")."""
    if any(child.dep_ in ("dobj", "nsubjpass") for child in verb.children):
        return False
    subjects = [*verb.children, *(verb.head.children if verb.dep_ == "xcomp" else ())]
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in rule.objects for c in subjects)


def the_paper(rule: EventRule, trigger: Token) -> bool:
    """ "The contract was signed", "the deal": a paper named before, with the definite article."""
    noun = paper_noun(trigger)
    return noun is not None and noun.lemma_.lower() in rule.papers and definite(noun)
