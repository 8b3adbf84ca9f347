"""Typed events from trigger lemmas and dependency parses, with parties, date, place, polarity."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np
from spacy.attrs import LEMMA, POS
from spacy.symbols import NOUN, VERB
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from extractor.nlp.entities import PLACE_LABELS, EntityCluster
from extractor.nlp.lookup import CountryIndex, SpanIndex
from extractor.nlp.operator_files import read_event_rules
from extractor.nlp.when import ResolvedDate, resolve_date

PARTY_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
# "to" names a place only for visits; "provide help to the UAE" names a recipient.
PLACE_PREPOSITIONS = {"in", "at"}
CLAUSE_DEPS = {"ROOT", "ccomp", "parataxis"}
OBJECT_DEPS = {"dobj", "nsubjpass", "attr", "pobj", "dative", "appos"}
DEFINITE = {"the", "this", "that"}
NEGATION_DEPTH = 3
SUBORDINATE_DEPS = {"advcl", "relcl", "acl", "ccomp", "xcomp", "conj"}
REPORTING_VERBS = {"say", "report", "tell", "announce", "claim", "add", "state", "write"}


@dataclass(frozen=True)
class EventRule:
    """How one event type is recognised (see resources/events.yaml)."""

    type: str
    verbs: frozenset[str] = frozenset()
    strong_verbs: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()
    objects: frozenset[str] = frozenset()
    modifiers: frozenset[str] = frozenset()
    exclude_modifiers: frozenset[str] = frozenset()
    subtree: frozenset[str] = frozenset()


@dataclass
class FoundEvent:
    """An event while it is being built; ``anaphoric`` ones ("the visit") refer back."""

    type: str
    trigger: Token
    parties: list[EntityCluster]
    place: EntityCluster | None
    date: str | None
    date_precision: str | None
    negative: bool
    sentence: Span
    anaphoric: bool = False
    subjects: list[str] = field(default_factory=list)

    @property
    def countries(self) -> set[str]:
        """Countries of the parties and of the place."""
        found = {party.country for party in self.parties if party.country}
        if self.place is not None and self.place.country:
            found.add(self.place.country)
        return found


class EventFinder:
    """Finds events in a parsed Doc whose entities are merged (``doc._.entities``)."""

    def __init__(self, rules: list[EventRule], negators: set[str], vocab: Vocab):
        self.rules = rules
        self.negators = negators
        # Trigger lemmas as hash arrays: numpy finds the candidate tokens of a whole document
        # at once, where a Matcher with IN predicates tests each token in Python-level steps.
        strings = vocab.strings
        self.lemmas = [
            (
                np.array([strings.add(lemma) for lemma in rule.verbs], dtype=np.uint64),
                np.array([strings.add(lemma) for lemma in rule.nouns], dtype=np.uint64),
            )
            for rule in rules
        ]

    @classmethod
    def load(cls, path: Path, vocab: Vocab) -> EventFinder:
        """Read the event rules file (see resources/events.yaml); ``ConfigError`` if wrong."""
        data = read_event_rules(path)
        negators = set(data.negators)
        rules = [
            EventRule(
                type=name,
                **{key: frozenset(value) for key, value in spec.model_dump().items() if value},
            )
            for name, spec in data.types.items()
        ]
        return cls(rules, negators, vocab)

    def find(self, doc: Doc, clusters: list[EntityCluster]) -> list[FoundEvent]:
        """Events of the body (not the title), merged when they describe the same happening."""
        by_name = {cluster.name: cluster for cluster in clusters}
        body_start = doc._.body_start or 0
        found: list[FoundEvent] = []
        ents = SpanIndex(doc.ents)  # doc.ents is built anew on every access: read once
        spans = _Spans(
            ents,
            SpanIndex([e for e in ents.spans if e.label_ == "DATE"]),
            SpanIndex(doc.spans.get("topic_terms", [])),
        )
        for start, rule in self._candidates(doc):
            trigger = doc[start]
            if trigger.idx < body_start or not self._accepts(rule, trigger):
                continue
            found.append(self._build(rule, trigger, by_name, spans, doc._.published))
        return merge_events(found)

    def _candidates(self, doc: Doc) -> list[tuple[int, EventRule]]:
        """(token, rule) of every verb or noun whose lemma triggers a rule, in text order."""
        if not len(doc):
            return []
        columns = doc.to_array([LEMMA, POS])
        lemmas, pos = columns[:, 0], columns[:, 1]
        verbs, nouns = pos == VERB, pos == NOUN
        found = []
        for index, (verb_lemmas, noun_lemmas) in enumerate(self.lemmas):
            hits = (np.isin(lemmas, verb_lemmas) & verbs) | (np.isin(lemmas, noun_lemmas) & nouns)
            found += [(int(i), index) for i in np.flatnonzero(hits)]
        return [(start, self.rules[index]) for start, index in sorted(found)]

    def _accepts(self, rule: EventRule, trigger: Token) -> bool:
        if trigger.pos_ == "NOUN":
            return _noun_accepted(rule, trigger)
        return _verb_accepted(rule, trigger)

    def _build(
        self,
        rule: EventRule,
        trigger: Token,
        by_name: dict[str, EntityCluster],
        spans: _Spans,
        published: datetime | None,
    ) -> FoundEvent:
        clause = _clause(trigger)
        ents = spans.ents
        mentions = _mentions(clause, ents)
        preps = PLACE_PREPOSITIONS | ({"to"} if rule.type == "visit" else set())
        place_span = _place(trigger, mentions, preps) or _place(clause, mentions, preps)
        place = by_name.get(place_span.kb_id_) if place_span is not None else None
        parties = _parties(_party_mentions(trigger, mentions, ents, by_name, place), by_name, place)
        resolved = _date(trigger, clause, published, spans.dates)
        return FoundEvent(
            type=rule.type,
            trigger=trigger,
            parties=parties,
            place=place,
            date=resolved.value if resolved else None,
            date_precision=resolved.precision if resolved else None,
            negative=self._negative(trigger),
            sentence=(sentence := trigger.sent),
            subjects=_subjects(sentence, spans),
            anaphoric=_is_anaphoric(trigger),
        )

    def _negative(self, trigger: Token) -> bool:
        token = trigger
        for _ in range(NEGATION_DEPTH):
            if (
                any(child.dep_ == "neg" for child in token.children)
                or token.lemma_ in self.negators
            ):
                return True
            if token.head is token:
                break
            token = token.head
        return False


@dataclass(frozen=True)
class _Spans:
    """The spans events read, indexed once per Doc: entities, dates, taxonomy terms."""

    ents: SpanIndex
    dates: SpanIndex
    terms: SpanIndex


def _party_mentions(
    trigger: Token,
    clause_mentions: list[Span],
    ents: SpanIndex,
    by_name: dict[str, EntityCluster],
    place: EntityCluster | None,
) -> list[Span]:
    """Where the parties are named: the clause, or for a noun trigger its own phrase and its
    verb's subject when they name any ("… amid drone and missile attacks on the UAE")."""
    if trigger.pos_ != "NOUN":
        return clause_mentions
    own = _mentions(trigger, ents) + _subject_mentions(trigger, ents)
    return own if _parties(own, by_name, place) else clause_mentions


def _is_anaphoric(trigger: Token) -> bool:
    """ "The visit will include …", "the agreement, signed in Manama": refers to an earlier one."""
    noun = trigger if trigger.pos_ == "NOUN" else _object_noun(trigger)
    if noun is None:
        return False
    return any(c.lower_ in DEFINITE for c in noun.children if c.dep_ == "det")


def _mentions(head: Token, ents: SpanIndex) -> list[Span]:
    return ents.starting(head.left_edge.i, head.right_edge.i)


def _subject_mentions(noun: Token, ents: SpanIndex) -> list[Span]:
    """Mentions in the subject of the noun's verb ("Mayorkas welcomed the visit")."""
    verb = next((t for t in noun.ancestors if t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return []
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c is not noun]
    return [m for subject in subjects for m in _mentions(subject, ents)]


def _subjects(sentence: Span, spans: _Spans) -> list[str]:
    """Taxonomy terms of the sentence: what an agreement or a sale is about."""
    named = {i for ent in spans.ents.within(sentence) for i in range(ent.start, ent.end)}
    found = [
        t.text.lower()
        for t in spans.terms.starting(sentence.start, sentence.end - 1)
        if not named.intersection(range(t.start, t.end))
    ]
    return list(dict.fromkeys(found))


def _parties(
    mentions: list[Span], by_name: dict[str, EntityCluster], place: EntityCluster | None
) -> list[EntityCluster]:
    """Distinct entities of the clause that can act: states, people, organisations."""
    parties: list[EntityCluster] = []
    for ent in mentions:
        cluster = by_name.get(ent.kb_id_)
        if cluster is None or cluster is place or cluster in parties or _reported_to(ent):
            continue
        acts = cluster.country is not None or cluster.label in ("PERSON", "ORG")
        if ent.label_ in PARTY_LABELS and acts:
            parties.append(cluster)
    return parties


def _reported_to(ent: Span) -> bool:
    """The outlet of "…, an official told the Wall Street Journal" is no party to the event."""
    head = ent.root.head
    return head.lemma_ in REPORTING_VERBS and ent.root.dep_ in ("dobj", "dative", "pobj")


def _noun_accepted(rule: EventRule, noun: Token) -> bool:
    """A noun trigger with the modifiers its type needs and none it excludes."""
    modifiers = {child.lower_ for child in noun.children if child.dep_ in ("amod", "compound")}
    if rule.exclude_modifiers & modifiers:
        return False
    return not rule.modifiers or bool(rule.modifiers & modifiers)


def _verb_accepted(rule: EventRule, verb: Token) -> bool:
    """A verb trigger with the object its type needs, and what is sold in its phrase."""
    if rule.objects:
        objects = [o for o in _objects(verb) if {o.lemma_.lower(), o.lower_} & rule.objects]
        if not objects:
            return False
        if rule.modifiers and verb.lemma_ not in rule.strong_verbs:
            modifiers = {child.lower_ for obj in objects for child in obj.children}
            return bool(rule.modifiers & modifiers)
    if rule.subtree:
        subject = {t.i for c in verb.children if c.dep_ == "nsubj" for t in c.subtree}
        phrase = [t for t in verb.subtree if t.i not in subject]
        words = {t.lemma_.lower() for t in phrase} | {t.lower_ for t in phrase}
        return bool(rule.subtree & words) or any(t.ent_type_ == "PRODUCT" for t in phrase)
    return True


def _objects(verb: Token) -> list[Token]:
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
    return objects


def _object_noun(verb: Token) -> Token | None:
    if verb.dep_ in ("acl", "amod", "relcl"):
        return verb.head
    return next((child for child in verb.children if child.dep_ in ("dobj", "nsubjpass")), None)


def _clause(token: Token, boundaries: set[str] = CLAUSE_DEPS) -> Token:
    while token.dep_ not in boundaries and token.head is not token:
        token = token.head
    return token


def _place(head: Token, mentions: list[Span], prepositions: set[str]) -> Span | None:
    """The most specific place attached by in/at/to inside ``head``'s phrase (a city wins)."""
    candidates = [
        ent
        for ent in mentions
        if ent.label_ in PLACE_LABELS
        and head.left_edge.i <= ent.start <= head.right_edge.i
        and ent.root.head.lower_ in prepositions
    ]
    return min(candidates, key=lambda ent: (ent.label_ != "GPE", ent.start), default=None)


def _date(
    trigger: Token, clause: Token, published: datetime | None, dates: SpanIndex
) -> ResolvedDate | None:
    """The first resolvable date in the trigger's phrase, else in its clause.

    A date on a reporting verb ("the WSJ reported Tuesday") dates the report, and one on
    another noun ("attacks earlier this year") dates that noun, not the event.
    """
    for head in (trigger, _clause(trigger, CLAUSE_DEPS | {"conj"})):
        for ent in dates.starting(head.left_edge.i, head.right_edge.i):
            if _dates_other(ent, trigger) or _in_other_clause(ent, trigger, head):
                continue
            resolved = resolve_date(ent.text, published)
            if resolved:
                return resolved
    return None


def _in_other_clause(ent: Span, trigger: Token, clause: Token) -> bool:
    """A date in a subordinate clause without the trigger ("Though X offered help in the wake
    of attacks earlier this year, it refused to sell …") dates that clause."""
    for token in ent.root.ancestors:
        if token is clause:
            return False
        holds_trigger = token.left_edge.i <= trigger.i <= token.right_edge.i
        if token.dep_ in SUBORDINATE_DEPS and not holds_trigger:
            return True
    return False


def _dates_other(ent: Span, trigger: Token) -> bool:
    owner = ent.root.head
    if owner is trigger or ent.root is trigger:
        return False
    return owner.lemma_ in REPORTING_VERBS or owner.pos_ == "NOUN"


def merge_events(events: list[FoundEvent]) -> list[FoundEvent]:
    """One event per happening: "the visit" joins the last visit; same-party repeats fold in."""
    merged: list[FoundEvent] = []
    kinds: dict[tuple[str, bool], CountryIndex[FoundEvent]] = {}
    for event in events:
        kept = kinds.setdefault((event.type, event.negative), CountryIndex())
        target = _same_happening(event, kept)
        if target is None:
            merged.append(event)
            kept.add(event, event.countries)
            continue
        target.parties += [party for party in event.parties if party not in target.parties]
        target.place = target.place or event.place
        target.subjects += [s for s in event.subjects if s not in target.subjects]
        if target.date is None:
            target.date, target.date_precision = event.date, event.date_precision
        kept.update(target, target.countries)
    return [event for event in merged if event.parties or event.place]


def _same_happening(event: FoundEvent, kept: CountryIndex[FoundEvent]) -> FoundEvent | None:
    """The latest kept event of the same type this one describes again, if any.

    Only an event naming a country can match, and when this one names any, only one sharing
    a country with it (a subset or superset does): the index yields just those, latest first.
    """
    if kept.items and event.sentence == kept.items[-1].sentence:
        return kept.items[-1]
    mine = event.countries
    if not mine and not event.anaphoric:
        return None
    for other in kept.latest_naming(mine or None):
        theirs = other.countries
        if event.date and other.date and event.date != other.date:
            continue
        if event.anaphoric and (not mine or mine & theirs):
            return other
        if mine and (mine <= theirs or theirs <= mine):
            return other
    return None
