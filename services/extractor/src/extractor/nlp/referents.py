"""Who a pronoun or a definite noun stands for: "it" and "he" for the subject told before, "they"
for two who met, "the king" and "the prime minister" for the person named with that title,
"the instructors" for the ones named with their country, and whom an urged verb's infinitive
has act."""

from __future__ import annotations

from spacy.tokens import Span, Token

from extractor.nlp.arguments import RELATIVES
from extractor.nlp.entities import MONARCHS
from extractor.nlp.lookup import SpanIndex

SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# How a name qualifies a noun: a state a company's origin, an owner a thing.
ORIGIN_DEPS = {"poss", "compound", "amod", "nmod"}
# Titles a definite noun refers back by ("the king", "the monarch"): the titles it stands for.
TITLED = {title: {title} for title in MONARCHS} | {"monarch": MONARCHS}
# Offices "the" names a person by when the story named them with the same words before.
OFFICES = {"president", "minister", "premier", "chancellor", "secretary"}
OBJECT_PRONOUNS = {"him", "her", "them"}
PERSON_PRONOUNS = {"he", "she", "him", "her"}
PRONOUNS = {"it", "they", "he", "she", "we", "its", "their", "his", "her", "our"}
# How far up a noun trigger looks for the verb whose subject acts ("China responded by
# launching drills": drills -> launching -> by -> responded).
VERB_DEPTH = 4
# How far back "the instructors" looks for "Russian military instructors".
ANTECEDENT_TOKENS = 150


def antecedent(head: Token, ents: SpanIndex) -> list[Span]:
    """ "The instructors are to train …" after "Russian military instructors have arrived":
    a definite noun naming no one is the one named before with its country."""
    if head.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        return []
    if head.lemma_.lower() in TITLED:
        return _titled_before(head, ents)
    if head.lemma_.lower() in OFFICES:
        return _office_before(head, ents)
    doc = head.doc
    for token in reversed(doc[max(0, head.i - ANTECEDENT_TOKENS) : head.i]):
        if token.lemma_ == head.lemma_ and token.pos_ == "NOUN":
            named = [
                m
                for m in ents.starting(token.left_edge.i, token.i - 1)
                if m.label_ in ("GPE", "NORP") and m.root.head.i == token.i
            ]
            if named:
                return named
    return []


def _office_before(head: Token, ents: SpanIndex) -> list[Span]:
    """ "From Malaysia the prime minister flew on to Rangoon" after "Japanese Prime Minister
    Takeo Fukuda": the person the story last named with the same title words."""
    words = [c.lower_ for c in head.children if c.dep_ == "compound"] + [head.lower_]
    doc = head.doc
    named = [
        ent
        for ent in ents.starting(0, head.i - 1)
        if ent.label_ == "PERSON"
        and ent.start >= len(words)
        and [t.lower_ for t in doc[ent.start - len(words) : ent.start]] == words
    ]
    return named[-1:]


def _titled_before(head: Token, ents: SpanIndex) -> list[Span]:
    """ "The king travelled to Abuja" after "King Mohammed VI": the person the story last named
    with that title (a monarch is a king, queen, emir or sultan)."""
    titles = TITLED[head.lemma_.lower()]
    named = [
        ent
        for ent in ents.starting(0, head.i - 1)
        if ent.label_ == "PERSON"
        and ent.start > 0
        and head.doc[ent.start - 1].lemma_.lower() in titles
    ]
    return named[-1:]


def subject_told_before(verb: Token, ents: SpanIndex, pronoun: Token | None) -> list[Token]:
    """Who does what a verb without a named subject tells: the owner of the noun its clause
    is on, the subject of the verb above, or the subject named before."""
    inherited = _inherited_subjects(verb)
    if pronoun is not None and pronoun.lower_ in ("he", "she"):
        # ("gunmen tried to assassinate Mubarak as he arrived": "he" is no plural; "His tour
        # began in Kuala Lumpur, where he met …": nor the thing he owns)
        inherited = [
            s
            for s in inherited
            if s.tag_ not in ("NNS", "NNPS")
            and not (s.pos_ == "NOUN" and any(c.lower_ in ("his", "her") for c in s.children))
        ]
    return _clause_owner(verb) or inherited or earlier_subjects(verb, ents, person=pronoun)


def _clause_owner(verb: Token) -> list[Token]:
    """ "Gorbachev's visit to Poland last year, when he held talks with Jaruzelski": the
    pronoun of a clause on a noun someone named owns is that owner."""
    clause = verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "relcl":
        return []
    noun = clause.head
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ == "NOUN":
        noun = noun.head.head  # ("Maduro's trip to Moscow, where he held talks with Putin")
    return [
        c
        for owner in dict.fromkeys((clause.head, noun))
        for c in owner.children
        if c.dep_ == "poss" and c.ent_type_ in ("PERSON", "GPE", "NORP", "ORG")
    ]


# Verbs whose object is asked to do what their infinitive says: "urged Seoul to sign".
URGING = {"urge", "ask", "invite", "press", "persuade", "encourage", "call", "tell", "push"}


def _inherited_subjects(verb: Token) -> list[Token]:
    """The subject of the verb above, for "X agreed to restore ties", "X denied that it ...";
    but the object of one that charges it with the deed ("Washington accuses North Korea of
    shipping shells to Russia": North Korea ships)."""
    token = verb
    for _ in range(VERB_DEPTH):
        if token.head.i == token.i:
            return []
        if token.dep_ == "pcomp" and token.head.lower_ in ("of", "for"):
            charged = [c for c in token.head.head.children if c.dep_ == "dobj"]
            if charged:
                return charged
        if token.dep_ == "xcomp" and token.head.lemma_ in URGING:
            # ("Ahmadinejad urged Gulf Arab rulers to sign a pact": the rulers would sign)
            urged = [c for c in token.head.children if c.dep_ == "dobj"]
            if urged:
                return urged
        token = token.head
        subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
        if token.dep_ == "relcl" and any(s.lower_ in RELATIVES for s in subjects):
            return [token.head]  # "Lavrov, who was due to travel to Turkey": Lavrov
        named = [s for s in subjects if s.lower_ not in PRONOUNS]
        if named:
            return named
    return []


def earlier_subjects(
    verb: Token,
    ents: SpanIndex,
    other_than: Token | None = None,
    person: Token | None = None,
) -> list[Token]:
    """The named subject a pronoun stands for: the last one before it in the sentence ("Though
    Israel offered help, it refused to sell ..."), else the previous sentence's; for an object
    pronoun, not the subject of ``other_than``, its own verb. A ``person`` pronoun ("he",
    "him") without a named subject before is the person the sentence before named last."""
    sentence = verb.sent
    named = {ent.root.i for ent in ents.starting(sentence.start, sentence.end - 1)}
    before = [
        t
        for t in sentence
        if t.i < verb.i
        and t.dep_ in SUBJECT_DEPS
        # ("Yemen's military said its warplanes attacked …": a state's organ names it too)
        and (t.i in named or any(c.i in named and c.dep_ in ORIGIN_DEPS for c in t.children))
        and (other_than is None or t.head.i != other_than.i)
    ]
    if before:
        return before[-1:]
    if person is not None and person.lower_ in PERSON_PRONOUNS and verb.dep_ == "advcl":
        # ("gunmen tried to assassinate Egyptian President Hosni Mubarak as he arrived": the
        # person the sentence named before the clause)
        persons = [
            e for e in ents.starting(sentence.start, verb.left_edge.i - 1) if e.label_ == "PERSON"
        ]
        if persons:
            return [persons[-1].root]
    if sentence.start == 0:
        return []
    previous = verb.doc[sentence.start - 1].sent
    subjects = [t for t in previous if t.dep_ in SUBJECT_DEPS and t.head.dep_ == "ROOT"][:1]
    if any(ents.starting(s.left_edge.i, s.right_edge.i) for s in subjects):
        # ("Carter met Lopez Portillo on Wednesday. They were to meet again": both)
        both = person is not None and person.lower_ == "they" and _one(subjects[0])
        return subjects + (_met(previous.root) if both else [])
    # "The thaw gathered pace when President Isaac Herzog paid a visit. He was received …":
    # the person the sentence before named last
    if person is None or person.lower_ not in PERSON_PRONOUNS:
        return subjects  # ("It signed a pact" after a senator's remarks: not the senator)
    persons = [e for e in ents.starting(previous.start, previous.end - 1) if e.label_ == "PERSON"]
    return [persons[-1].root] if persons else subjects


def _one(subject: Token) -> bool:
    """A subject naming one: a person or a state, no list of them."""
    return subject.tag_ in ("NNP", "NN") and not subject.conjuncts


def _met(verb: Token) -> list[Token]:
    """Whom the verb's subject was with: its object and the object of its "with"."""
    return [c for c in verb.children if c.dep_ == "dobj"] + [
        g
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ == "with"
        for g in c.children
        if g.dep_ == "pobj"
    ]
