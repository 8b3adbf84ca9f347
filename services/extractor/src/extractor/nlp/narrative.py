"""How a story tells its events' parties over several sentences: "the two leaders" are the
pair it named, "followed suit" repeats the event told before, and a later verb may deny it.
The days a story carries from sentence to sentence are in ``carried``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from extractor.nlp.actors import governing_verb
from extractor.nlp.arguments import PAIR_WORDS, RELATIVES, subjects_of
from extractor.nlp.carried import CARRY_SENTENCES
from extractor.nlp.days import ResolvedDate, resolve_date
from extractor.nlp.found import FoundEvent
from extractor.nlp.journeys import stop_before
from extractor.nlp.lookup import SpanIndex

if TYPE_CHECKING:
    from extractor.nlp.entities import EntityCluster

# Words of "the two leaders", "both sides": the pair the story has named.
PAIRS = {"leader", "side", "country", "man", "government", "president", "minister", "nation",
         "delegation", "state", "neighbour", "neighbor", "capital", "ally", "rival",
         "army", "navy", "military", "force"}  # fmt: skip
# What a denial may deny: "a charge Moscow rejected", "denied the accusation", "an account
# Moscow flatly rejected".
CHARGES = {"charge", "claim", "accusation", "allegation", "account", "version", "assertion"}


def pair_subject(trigger: Token) -> bool:
    """ "The two leaders met", "commanders from both sides held talks": the pair the story
    has just named."""
    subjects = subjects_up(trigger)
    if trigger.pos_ == "NOUN":  # "talks between the two countries' ministers"
        subjects += [c for c in trigger.children if c.dep_ == "prep" and c.lower_ == "between"]
    return pair_alone(trigger) or any(
        t.lemma_.lower() in PAIRS and any(c.lower_ in PAIR_WORDS for c in t.children)
        for s in subjects
        for t in s.subtree
    )


def pair_alone(trigger: Token) -> bool:
    """ "Both had flown to Washington", "the two then flew on": the pair of the sentences
    before is the subject itself (not "X raised it with Y when the two met": the two its own
    sentence names)."""
    return any(
        s.lower_ in PAIR_WORDS and not any(t.ent_type_ for t in s.sent[: s.i - s.sent.start])
        for s in subjects_up(trigger)
        if s.dep_ != "agent"
    )


def subjects_up(trigger: Token) -> list[Token]:
    """Subjects (and the agent) of the trigger's verb and of the verbs it completes ("the two
    governments are expected to sign")."""
    # (a noun's: "the two men watched the signing of an order for 80 Rafale fighters")
    verb = (
        trigger
        if trigger.pos_ == "VERB"
        else (governing_verb(trigger, any_chain=True) or trigger.head)
    )
    verbs = [verb]
    while verb.dep_ == "xcomp" and verb.head.i != verb.i:
        verb = verb.head
        verbs.append(verb)
    # (and of the verb a subjectless one is joined to: "the two leaders attended a ceremony
    # … and signed a joint statement")
    if verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        verbs.append(verb.head)
    # (and the agent: "a ceasefire was agreed by the heads of the two countries' committees")
    return [c for v in verbs for c in v.children if c.dep_ in ("nsubj", "nsubjpass", "agent")]


def join_the_pair(event: FoundEvent, found: list[FoundEvent], *, near: bool = False) -> None:
    """The parties of the last event told before that named two states or more join
    ``event``'s ("Hasina is due to visit New Delhi, and the two governments are expected to
    sign an agreement"); ``near``: only an event of the same sentence or the one before
    ("Israel and Qatar held talks. Two American women were freed. The two flew to Germany":
    the women)."""
    pair = next(
        (
            other
            for other in reversed(found)
            if len(other.countries) >= 2 and other.trigger.i < event.trigger.i
        ),
        None,
    )
    if pair is not None and near:
        doc = event.trigger.doc
        start = event.sentence.start
        before = doc[start - 1].sent.start if start > 0 else start
        if pair.trigger.i < before:
            return
    if pair is not None:
        event.parties += [party for party in pair.parties if party not in event.parties]


def followed_event(
    verb: Token, found: list[FoundEvent], objects: frozenset[str]
) -> FoundEvent | None:
    """The event a state's "followed" (``objects``: "followed suit") repeats: the last one told
    before the verb, in its sentence or the one before, when the verb takes no other object."""
    if any(c.dep_ == "prt" for c in verb.children):
        return None  # "followed up with"
    if any(c.dep_ == "dobj" and c.lower_ not in objects for c in verb.children):
        return None  # "China followed the talks closely"
    clause = verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if clause.dep_ == "relcl" and subjects and all(s.lower_ not in RELATIVES for s in subjects):
        return None  # ("a tour ... that U.S. officials are following with concern")
    sentence = verb.sent
    since = verb.doc[sentence.start - 1].sent.start if sentence.start > 0 else 0
    before = [event for event in found if since <= event.trigger.i < verb.i]
    return before[-1] if before else None


def subject_mentions(trigger: Token, ents: SpanIndex) -> list[Span]:
    """Mentions in the subject of the trigger's verb ("Panama established ties", "Panama's
    decision to establish ties"); a form of "be" is a verb of its own ("Macri is due in
    Washington next week, his aides said": Macri, not the aides)."""
    verb = trigger
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return [m for s in subjects_of(verb) for m in ents.starting(s.left_edge.i, s.right_edge.i)]


def occasion_place(found: list[FoundEvent], trigger: Token) -> EntityCluster | None:
    """The place of the event the story told last, in the traveller's sentence or the two
    before it: where one who "flew in for the signing" came to."""
    sentences = list(trigger.doc.sents)
    here = next(i for i, sent in enumerate(sentences) if sent.start <= trigger.i < sent.end)
    for event in reversed(found):
        told = next(i for i, sent in enumerate(sentences) if sent.start == event.sentence.start)
        if here - told > CARRY_SENTENCES:
            return None
        if event.place is not None and event.place.country:
            return event.place
    return None


def deny_later(
    events: list[FoundEvent],
    denied: frozenset[str],
    accused: frozenset[str],
    ents: SpanIndex,
    by_name: dict[str, EntityCluster],
) -> None:
    """A reported event that a later verb of its sentence denies: "Chirchir said the French
    navy had shelled al Shabaab positions, but Paris denied any involvement", "… a rocket
    attack on villages in the Kodori Gorge, a charge Moscow also rejected". The denial is of
    the last event told before it, of a type a state is ``accused`` of (an attack, a sale), and
    its subject is one of that event's states, or what it denies a charge ("a claim the
    Israeli military denied")."""
    for event in events:
        if event.status != "reported" or event.type not in accused:
            continue
        trigger = event.trigger
        after = [e.trigger.i for e in events if e.sentence == event.sentence]
        end = min([i for i in after if i > trigger.i], default=event.sentence.end)
        for token in event.sentence.doc[trigger.i + 1 : end]:
            if (
                token.pos_ == "VERB"
                and token.lemma_ in denied
                and _denies(token, event, ents, by_name)
            ):
                event.status = "denied"
                break
        else:
            # (the next sentence, when it is the denial: "… had shot down an Armenian jet.
            # Turkey flatly denied it.")
            doc = event.sentence.doc
            if event.sentence.end < len(doc) and not any(
                e.sentence.start == event.sentence.end for e in events
            ):
                root = doc[event.sentence.end].sent.root
                if (
                    root.pos_ == "VERB"
                    and root.lemma_ in denied
                    and _denies_it(root)
                    and _denies(root, event, ents, by_name)
                ):
                    event.status = "denied"


# What a denial in the sentence after an event denies when it denies that event: "Turkey flatly
# denied it", "Tehran has denied any role", "Lisbon denied any part in it".
DENIED_OBJECTS = {"it", "this", "that", "role", "part", "involvement", "responsibility", "charge",
                  "charges", "claim", "claims", "accusation", "accusations", "allegation",
                  "allegations", "report", "reports"}  # fmt: skip


def _denies_it(verb: Token) -> bool:
    """The denial's object is the event told before, not a claim of its own ("denied harbouring
    the rebels", "denied that the site was nuclear", "refused to host exercises", "rejected
    reports of civilian casualties")."""
    if any(c.dep_ in ("ccomp", "xcomp") for c in verb.children):
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return all(
        o.lemma_.lower() in DENIED_OBJECTS
        and not any(c.dep_ in ("acl", "relcl") or c.lower_ in ("that", "of") for c in o.children)
        for o in objects
    )


def _denies(
    verb: Token, event: FoundEvent, ents: SpanIndex, by_name: dict[str, EntityCluster]
) -> bool:
    # (the denier is one of the event's states: not "the army rejected reports of casualties")
    charged = verb.dep_ == "relcl" and verb.head.lemma_.lower() in CHARGES  # "a charge … rejected"
    if event.trigger.is_ancestor(verb) and not charged:
        return False  # (a clause of the event's own: "attacked posts that Pakistan denies …")
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    said_by = {
        cluster.country
        for s in subjects
        for m in ents.starting(s.left_edge.i, s.right_edge.i)
        if (cluster := by_name.get(m.kb_id_)) is not None and cluster.country
    }
    return bool(said_by & event.countries)


def stop_before_event(
    event: FoundEvent, by_name: dict[str, EntityCluster], dates: SpanIndex
) -> FoundEvent | None:
    """ "Bush flew into Tirana from Rome, where he had an audience with the Pope on Saturday":
    the travellers' visit to where they came from, on the day done there."""
    found = stop_before(event.trigger)
    if found is None or event.status != "reported":
        return None
    place_token, done = found
    named = [e for e in event.sentence.doc.ents if e.start <= place_token.i < e.end]
    place = by_name.get(named[0].kb_id_) if named else None
    if place is None or place.country is None:
        return None
    hosts = {place.country, event.place.country if event.place else None}
    travellers = [p for p in event.parties if p.country and p.country not in hosts]
    if not travellers:
        return None
    # (the day its own clause gives, not the arrival's: "where he had an audience with the
    # Pope on Saturday"; "rested for three days" gives none)
    published = done.doc._.published
    own = dates.starting(done.left_edge.i, done.right_edge.i)
    resolved = next((r for e in own if (r := resolve_date(e.text, published))), None)
    if resolved is None and event.date and event.date_precision == "day" and not event.evening:
        # (before the arrival, on a day the story does not give: its month, "Reagan arrived on
        # Sunday from Helsinki, where he had rested for three days"; but a flight in at night
        # is a hop from a day there: "flew in late on Wednesday from Islamabad, where he had
        # talks with Imran Khan")
        resolved = ResolvedDate(event.date[:7], "month")
    return FoundEvent(
        type=event.type,
        trigger=done,
        parties=travellers,
        place=place,
        date=resolved.value if resolved else None,
        date_precision=resolved.precision if resolved else None,
        status="reported",
        sentence=event.sentence,
        follows=True,
    )
