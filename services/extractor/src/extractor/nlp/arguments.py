"""What a trigger's words name in the parse: its subjects, its objects, the paper a verb signs,
and whether a noun refers back ("the visit")."""

from __future__ import annotations

from spacy.tokens import Span, Token

OBJECT_DEPS = {"dobj", "nsubjpass", "attr", "pobj", "dative", "appos"}
DEFINITE = {"the", "this", "that"}
RELATIVES = {"who", "which", "that"}
# Verbs that report what others did: their objects are outlets, their days the report's.
REPORTING_VERBS = {"say", "report", "tell", "announce", "claim", "add", "state", "write"}
# Words that stand for the pair a story has named ("the two leaders", "both had flown").
PAIR_WORDS = {"two", "both"}
# Where a trigger's clause ends: the dates and places of other clauses are not its own.
CLAUSE_DEPS = {"ROOT", "ccomp", "parataxis"}


def subjects_of(verb: Token) -> list[Token]:
    """The verb's subjects, or those of the verbs it completes ("Putin is scheduled to
    arrive", "parts began arriving", "the UAE agreed to normalise ties", "Modi was due to fly
    on to Singapore"); a relative pronoun's noun too ("Modi, who arrived in Washington",
    "Saudi television, which attacked Qatar's rulers")."""
    head = verb
    subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    while not subjects and head.dep_ in ("xcomp", "acomp") and head.head.i != head.i:
        head = head.head
        subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        # ("Bashir flew to Eritrea on Monday and on Wednesday landed in Cairo": Bashir)
        subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if verb.dep_ == "relcl" and any(s.lower_ in RELATIVES for s in subjects):
        subjects += [verb.head, *verb.head.conjuncts, *counted_among(verb.head)]
    if not subjects and infinitive(verb):
        # "the first U.S. secretary of state to set foot in Libya" (a noun's infinitive, or
        # the one the parser hangs on the verb: "Rice became the first ... to set foot")
        if _accepted_invitation(verb):
            # ("Singh accepted an invitation to visit Pakistan": who accepts will travel)
            subjects += subjects_of(verb.head.head)
        elif verb.dep_ in ("acl", "relcl"):
            subjects.append(verb.head)
        elif verb.dep_ == "advcl" and verb.head.i != verb.i:
            subjects += [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return subjects


# The word a list is counted among: "Assad, King Hussein and Fahd were among those who sat down".
AMONG_WORDS = {"those", "ones"}


def counted_among(noun: Token) -> list[Token]:
    """Who "those" stands for when a clause's subjects are counted among them: "Assad, King
    Hussein of Jordan and Fahd were among those who sat down with their Iraqi hosts"."""
    prep = noun.head
    if noun.lower_ not in AMONG_WORDS or noun.dep_ != "pobj" or prep.lower_ != "among":
        return []
    told = [c for c in prep.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return [s for subject in told for s in (subject, *subject.conjuncts)]


def _accepted_invitation(verb: Token) -> bool:
    """The verb is what an accepted invitation is to do ("accepted an invitation to visit")."""
    noun = verb.head
    return (
        verb.dep_ == "acl"
        and noun.lemma_.lower() == "invitation"
        and noun.dep_ == "dobj"
        and noun.head.lemma_ == "accept"
    )


def infinitive(verb: Token) -> bool:
    """A verb with its "to": "to set foot", "to buy"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def agents_of(verb: Token) -> list[Token]:
    """Who a passive verb names as its doer: "was sunk by a torpedo" -> torpedo."""
    return [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def of_what(noun: Token) -> list[Token]:
    """What a quantity is of: "trained thousands of Somali soldiers"."""
    return [g for c in noun.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]


def objects_of(verb: Token) -> list[Token]:
    objects = [child for child in verb.children if child.dep_ in OBJECT_DEPS]
    objects += [
        grand
        for child in verb.children
        if child.dep_ == "prep"
        for grand in child.children
        if grand.dep_ == "pobj"
    ]
    if verb.dep_ in ("acl", "amod", "relcl"):
        objects.append(verb.head)
    # (what the object is called: "signed what officials called the Northwood Declaration")
    objects += [
        name
        for clause in verb.children
        if clause.dep_ == "ccomp"
        and any(w.lower_ == "what" and w.dep_ == "dobj" for w in clause.children)
        for name in clause.children
        if name.dep_ == "oprd"
    ]
    return objects


def paper_noun(trigger: Token) -> Token | None:
    """The noun a trigger names its paper or event by: itself, or a verb's object ("signed
    the contract")."""
    return trigger if trigger.pos_ == "NOUN" else object_noun(trigger)


def paper_lemma(trigger: Token) -> str | None:
    noun = paper_noun(trigger)
    return noun.lemma_.lower() if noun is not None else None


def is_anaphoric(trigger: Token) -> bool:
    """ "The visit will include …", "the agreement, signed in Manama": refers to an earlier one."""
    noun = paper_noun(trigger)
    return noun is not None and definite(noun)


def definite(noun: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in DEFINITE for c in noun.children)


def object_noun(verb: Token) -> Token | None:
    if verb.dep_ in ("acl", "amod", "relcl"):
        return verb.head
    return next((child for child in verb.children if child.dep_ in ("dobj", "nsubjpass")), None)


def clause_of(token: Token, boundaries: set[str] = CLAUSE_DEPS) -> Token:
    """The head of ``token``'s clause: the nearest ancestor whose dependency is a boundary."""
    while token.dep_ not in boundaries and token.head.i != token.i:
        token = token.head
    return token


def first_of_list(noun: Token) -> Token:
    """The first noun of the list ``noun`` is in: "visit" of "for a state visit and talks"."""
    while noun.dep_ == "conj" and noun.head.pos_ == "NOUN" and noun.pos_ == "NOUN":
        noun = noun.head
    return noun


def phrase_top(noun: Token) -> Token:
    """The noun a trigger noun is "of": "a sixth round of talks", "the first batch of jets"."""
    while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
        noun = noun.head.head
    return noun


def entity_of(token: Token) -> Span:
    """The whole named entity ``token`` is in (the token alone when it is in none)."""
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def where_clause_place(verb: Token) -> Token | None:
    """The place a "where" clause describes: "Moscow" of "in Moscow, where Bush spent Monday"."""
    if verb.dep_ == "relcl" and any(c.lower_ == "where" for c in verb.children):
        return verb.head
    return None


def has_particle(token: Token, particles: dict[str, frozenset[str]]) -> bool:
    """A phrasal verb of ``particles``: "called off", "turned down", "sat down" (a particle by
    its tag too, where the parser made it an adverb: "had quietly held back arms shipments")."""
    needed = particles.get(token.lemma_)
    return bool(needed) and any(
        (c.dep_ == "prt" or c.tag_ == "RP") and c.lower_ in needed for c in token.children
    )


def takes_object(verb: Token) -> bool:
    """The verb has a direct object ("landed a deal", not "landed in Riyadh")."""
    return any(c.dep_ == "dobj" for c in verb.children)


def relative_clauses(noun: Token) -> list[Token]:
    """The relative clauses about ``noun``: its own, and one the parser hung on the last noun of
    its phrase that agrees with the plural trigger instead ("talks between Cuba and the U.S. on
    migration, which are due to resume": "are" is the talks')."""
    clauses = [c for c in noun.children if c.dep_ == "relcl"]
    if noun.tag_ != "NNS":
        return clauses
    return clauses + [
        clause
        for prep in noun.children
        if prep.dep_ == "prep"
        for last in prep.children
        if last.dep_ == "pobj" and last.tag_ in ("NN", "NNP")
        for clause in last.children
        if clause.dep_ == "relcl" and clause.tag_ == "VBP"
    ]
