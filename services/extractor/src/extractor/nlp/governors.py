"""The words above an event's trigger that can decide its status: the chain up the parse to
a reporting verb, and which links of it govern what is below ("postponed the visit") rather
than only set it ("offered help in the wake of attacks")."""

from __future__ import annotations

from spacy.tokens import Token

from extractor.nlp.arguments import infinitive

# How many words up from the trigger (prepositions aside) a governing word still decides ("a
# planned round of talks was postponed": talks -> (of) -> round -> postponed).
DEPTH = 4
# Governors above these only report the event ("officials said ..."): the walk stops there.
REPORTING = {"say", "report", "tell", "announce", "claim", "add", "state", "write", "confirm"}
# A governing verb decides only for what it governs as complement, object or subject ("refused
# to sell", "denied that it supplied", "postponed the visit", "the talks were postponed"), not
# for an adjunct ("offered help in the wake of attacks").
# (and "prt": "called off the trip", which the parser may hang on the particle; "oprd": "called
# off Bright Star, the joint exercise", which it may take for an object predicate)
GOVERNED = {"xcomp", "ccomp", "dobj", "nsubjpass", "nsubj", "pcomp", "conj", "acl", "relcl", "prt",
            "oprd"}  # fmt: skip
# Prepositions whose object shares the fate of what the verb governs: "suspended cooperation
# with Australia, including joint exercises".
MEMBERSHIP = {"including"}
# Nouns of taking part whose "in" shares their fate: "denied any part in the incursion".
INVOLVEMENT = {"part", "role", "involvement", "hand", "participation", "responsibility",
               "involve", "participate", "engage"}  # fmt: skip
# Prepositions of the setting of a clause: the event it happened at, no object it denies.
SETTINGS = {"in", "at", "during"}
# Marks of a clause that tells when, which the parser may take for a complement.
TIME_MARKS = {"after", "before", "when", "since", "while", "once", "until"}
# Prepositions whose object is what a plan is for.
PURPOSES = {"for"}
# Words that call an event off only as transitive verbs: "dropped the talks" (not "attacks
# dropped sharply").
FALLING = {"drop"}


def purpose(token: Token) -> bool:
    """An infinitive of purpose ("promised to send personnel to train the police"): it shares
    the modality of the verb it serves."""
    return infinitive(token) and not any(c.dep_ == "mark" for c in token.children)


# What makes a participle's clause its own: a mark, a subject, an auxiliary, a preposition
# before it ("after meeting", "having met").
OWN_CLAUSE = {"mark", "nsubj", "aux", "prep"}


def _participle_of(verb: Token) -> bool:
    """A bare participle telling more of what its verb does, sharing its modality ("is due to
    stay on in Iraq on Sunday, visiting Mosul", "will work with their armies, helping to train
    their soldiers"); not one with a subject or a mark of its own ("after meeting")."""
    head = verb.head
    # (not one the parser hung on an infinitive whose doer is another's object: "urged African
    # leaders to root out corruption, using his first visit to Africa")
    controlled = head.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in head.head.children)
    return (
        verb.tag_ == "VBG"
        and verb.i > head.i
        and not controlled
        and not any(c.dep_ in OWN_CLAUSE and c.i < verb.i for c in verb.children)
    )


def falls(verb: Token, below: Token) -> bool:
    """ "Russian attacks dropped sharply": an intransitive verb of falling has the event as its
    subject, not as what is called off ("dropped the talks")."""
    return verb.lemma_ in FALLING and below.dep_ == "nsubj" and below.i != verb.i


def governed(child: Token, *, plan: bool = False) -> bool:
    """``child`` is what its head governs: a complement, object or subject, a member of one
    ("including joint exercises") or what one takes part in ("any role in the strikes");
    ``plan``: for a plan, also what it is for ("are expected in Beijing for the summit": the
    summit is to come too)."""
    prepositions = MEMBERSHIP | PURPOSES if plan else MEMBERSHIP
    if child.dep_ == "prep" and child.lower_ == "in":
        # ("denied any part in the incursion", which the parser may hang on the verb)
        owner = child.head
        nouns = [owner, *(c for c in owner.children if c.dep_ == "dobj")]
        return any(noun.lemma_.lower() in INVOLVEMENT for noun in nouns)
    return child.dep_ in GOVERNED or (child.dep_ == "prep" and child.lower_ in prepositions)


def governors(trigger: Token) -> list[Token]:
    """The trigger and the words above it that can change its status, up to a reporting verb."""
    chain = [trigger]
    token = trigger
    # (a preposition is no step: "is due to stop in New Delhi for a further round of talks")
    while len([t for t in chain if t.pos_ != "ADP"]) <= DEPTH:
        if token.head.i == token.i or (token.dep_ == "relcl" and not purpose(token)):
            break  # (but "cancelled a deal to buy helicopters": the deal's fate is the sale's)
        if token.dep_ == "advcl" and not purpose(token) and not _participle_of(token):
            break  # "Though Israel offered help, it refused ...": another clause
        if token.dep_ == "ccomp" and _time_clause(token):
            break  # ("after Trump met Kim in Singapore, the allies called off …", misparsed)
        if token.i != trigger.i and token.dep_ == "acl" and _bare_participle(token):
            break  # "a plan drawn up at talks in Vienna": a participle tells a thing done
        if _own_finite_clause(token):
            break  # "… they would resume ties, and the minister visited Damascus in April"
        if _setting_of_what_was_said(token):
            break  # ("told Trump that Canada would never be for sale, in a White House meeting")
        # ("suspending its programme with Fiji, including the training of …": the parser
        # hangs the list on Fiji; it is a member of what the verb suspends)
        token = token.head.head.head if _member_of_a_pobj(token) else token.head
        if token.lemma_ in REPORTING and token.pos_ in ("VERB", "AUX"):
            break  # (not the noun: "dismissed reports that it had sold")
        chain.append(token)
    return chain


def _time_clause(verb: Token) -> bool:
    """A clause its mark says tells when ("after Trump met Kim"), though the parser took it for
    a complement and the mark for a preposition with no object."""
    return any(
        c.lower_ in TIME_MARKS
        and c.i < verb.i
        and (
            c.dep_ == "mark" or (c.dep_ == "prep" and not any(g.dep_ == "pobj" for g in c.children))
        )
        for c in verb.children
    )


def _member_of_a_pobj(token: Token) -> bool:
    """A list of members ("including …") the parser hung on a preposition's object."""
    head = token.head
    return (
        token.dep_ == "prep"
        and token.lower_ in MEMBERSHIP
        and head.dep_ == "pobj"
        and head.head.dep_ == "prep"
    )


def _setting_of_what_was_said(token: Token) -> bool:
    """Where or when something was said, which the parser hangs on what was said: "told Trump
    that Canada would never be for sale, in a cordial first White House meeting" (the meeting
    took place; the "never" is Canada's)."""
    said = token.head
    return (
        token.dep_ == "prep"
        and token.lower_ in SETTINGS
        and not governed(token)
        and said.dep_ == "ccomp"
        and said.head.lemma_ in REPORTING
    )


def _bare_participle(verb: Token) -> bool:
    """A past participle with no subject or auxiliary of its own: "a plan drawn up in Vienna"
    (not "charges that its soldiers had crossed into China and fired on villages")."""
    return verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "nsubj") for c in verb.children)


def _own_finite_clause(verb: Token) -> bool:
    """A conjoined verb with its own subject and tense is a clause of its own, which the first
    conjunct's "would" or "plans to" does not govern; so is one with a finite auxiliary of its
    own ("has urged both sides to halt the fighting and is expected to bring envoys together
    for talks": the parser hangs "expected" on "halt")."""
    if verb.dep_ != "conj":
        return False
    finite_aux = any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP") for c in verb.children
    )
    own_subject = verb.tag_ in ("VBD", "VBZ", "VBP") and any(
        c.dep_ in ("nsubj", "nsubjpass") for c in verb.children
    )
    return own_subject or finite_aux
