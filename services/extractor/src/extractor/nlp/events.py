"""Typed events from trigger lemmas and dependency parses, with parties, date, place, polarity."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np
from spacy.attrs import LEMMA, POS
from spacy.symbols import AUX, NOUN, VERB
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from extractor.nlp import datelines
from extractor.nlp.actors import (
    Actors,
    argument_mentions,
    clause_mentions,
    mentions_in,
    weapon_maker,
)
from extractor.nlp.arguments import is_anaphoric, paper_lemma, subjects_of
from extractor.nlp.entities import PLACE_LABELS, EntityCluster
from extractor.nlp.found import ANAPHORA_TOKENS, FoundEvent
from extractor.nlp.journeys import STAYS, described_place, person_goes_to_a_place
from extractor.nlp.lookup import SpanIndex
from extractor.nlp.merging import merge_events
from extractor.nlp.modality import Modality
from extractor.nlp.narrative import (
    carry_dates,
    date_together,
    deny_later,
    followed_event,
    join_the_pair,
    pair_subject,
    subject_mentions,
)
from extractor.nlp.operator_files import read_event_rules
from extractor.nlp.senses import (
    EventRule,
    concluded_by_paper,
    done_by_companies,
    excluded_object,
    frozen_fields,
    left_sides,
    mediated_by,
    noun_accepted,
    sense_accepted,
    the_paper,
    told_done,
    verb_accepted,
)
from extractor.nlp.when import is_day, relative_to_earlier, trigger_date

# "to" names a place only for visits; "provide help to the UAE" names a recipient.
PLACE_PREPOSITIONS = {"in", "at"}
CLAUSE_DEPS = {"ROOT", "ccomp", "parataxis"}


class EventFinder:
    """Finds events in a parsed Doc whose entities are merged (``doc._.entities``)."""

    def __init__(
        self,
        rules: list[EventRule],
        modality: Modality,
        actors: Actors,
        exclude_context: frozenset[str],
        vocab: Vocab,
        *,
        exclude_patterns: tuple[str, ...] = (),
        followers: dict[str, frozenset[str]] | None = None,
        mediators: frozenset[str] = frozenset(),
    ):
        self.rules = rules
        self.modality = modality
        self.actors = actors
        self.exclude_context = exclude_context
        self.exclude_pattern = (
            re.compile("|".join(f"(?:{p})" for p in exclude_patterns), re.IGNORECASE)
            if exclude_patterns
            else None
        )
        self.followers = followers or {}
        self._last_sentence: _SentenceWords | None = None
        self.mediators = mediators
        self.by_type = {rule.type: rule for rule in rules}
        self.needed = {rule.type: rule.min_countries for rule in rules}
        self.held_with = {rule.type: rule.held_with for rule in rules}
        self.accused = frozenset(rule.type for rule in rules if rule.accused)
        self.trigger_verbs = frozenset(verb for rule in rules for verb in rule.verbs)
        self.trigger_nouns = frozenset(noun for rule in rules for noun in rule.nouns)
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
        self.follower_lemmas = np.array(
            [strings.add(lemma) for lemma in self.followers], dtype=np.uint64
        )

    @classmethod
    def load(cls, path: Path, vocab: Vocab) -> EventFinder:
        """Read the event rules file (see resources/events.yaml); ``ConfigError`` if wrong."""
        data = read_event_rules(path)
        rules = [
            EventRule(type=name, **frozen_fields(spec.model_dump()))
            for name, spec in data.types.items()
        ]
        return cls(
            rules,
            Modality.from_rules(data),
            Actors(data.state_organs),
            frozenset(data.exclude_context),
            vocab,
            exclude_patterns=tuple(data.exclude_patterns),
            followers={verb: frozenset(words) for verb, words in data.followers.items()},
            mediators=frozenset(data.mediators),
        )

    def find(self, doc: Doc, clusters: list[EntityCluster]) -> list[FoundEvent]:
        """Events of the body (not the title), merged when they describe the same happening."""
        by_name = {cluster.name: cluster for cluster in clusters}
        body_start = doc._.body_start or 0
        found: list[FoundEvent] = []
        ents = SpanIndex(doc.ents)  # doc.ents is built anew on every access: read once
        spans = _Spans(
            ents,
            SpanIndex([e for e in ents.spans if is_day(e)]),
            SpanIndex(doc.spans.get("topic_terms", [])),
        )
        sold: FoundEvent | None = None  # the sale "the contract" refers back to
        filed = datelines.place(doc)  # (who arrives in a datelined story arrives there)
        filed_from = by_name.get(filed.kb_id_) if filed is not None else None
        for start, candidate in self._candidates(doc):
            trigger = doc[start]
            accepted = self._accepts(candidate, trigger, filed=filed_from is not None)
            if trigger.idx < body_start or not accepted:
                continue
            if self.modality.habitual_event(trigger):
                continue
            rule = self._concluded(candidate, trigger)
            event = self._build(rule, trigger, by_name, spans, doc._.published)
            if (
                trigger.lemma_ in rule.person_verbs
                and trigger.lemma_ not in STAYS
                and (event.place is None or described_place(event.place, trigger))
            ):
                event.place = filed_from  # (also "flew to the Black Sea resort": no state named)
            # "… ordered 42 jets. The contract was signed on Thursday": the sale, its sides
            if sold is not None and self._refers_back(sold, event):
                rule = self.by_type[sold.type]
                event = self._build(rule, trigger, by_name, spans, doc._.published)
                event.parties += [p for p in sold.parties if p not in event.parties]
            if len(event.countries) < 2 and pair_subject(trigger):
                join_the_pair(event, found)
                if len(event.countries) < 2:  # "the two countries' ministers signed … with X"
                    named = self.actors.parties(spans.ents.within(trigger.sent), by_name, None)
                    event.parties += [p for p in named if p not in event.parties]
            found.append(event)
            if rule.papers and len(event.countries) >= rule.min_countries:
                sold = event
            elif paper_lemma(trigger) in rule.objects:
                sold = None  # "… signed a defence pact": "the deal" is that one now
        for verb in (doc[i] for i in self._followers(doc)):
            if verb.idx >= body_start and (event := self._follow(verb, found, by_name, spans)):
                found.append(event)
        return self._settle(found, spans, by_name, doc._.published)

    def _settle(
        self,
        found: list[FoundEvent],
        spans: _Spans,
        by_name: dict[str, EntityCluster],
        published: datetime | None,
    ) -> list[FoundEvent]:
        """What the whole story tells of the events found one by one: days carried from the
        sentence before, later denials, one event per happening, a seller from the weapon."""
        found.sort(key=lambda event: event.trigger.i)
        carry_dates(found, spans.dates, published)
        deny_later(found, self.modality.denied, self.accused, spans.ents, by_name)
        # (after merging: "the visit" told apart from its sides still adds its day)
        merged = merge_events(found)
        for event in merged:  # a sale no seller is named for: the weapon's maker's
            if self.by_type[event.type].subtree and len(event.countries) < self.needed[event.type]:
                mentions = spans.ents.within(event.sentence)
                event.made_by = weapon_maker(mentions, by_name, event.countries)
        kept = [e for e in merged if len(e.countries) >= self.needed[e.type]]
        date_together(kept, self.held_with)
        return kept

    def _follow(
        self,
        verb: Token,
        found: list[FoundEvent],
        by_name: dict[str, EntityCluster],
        spans: _Spans,
    ) -> FoundEvent | None:
        """ "…, and El Salvador followed in August 2018": the event told just before, done by
        the follower in place of its subject."""
        earlier = followed_event(verb, found, self.followers[verb.lemma_])
        if earlier is None:
            return None
        follower = self.actors.parties(subject_mentions(verb, spans.ents), by_name, None)
        leader = self.actors.parties(subject_mentions(earlier.trigger, spans.ents), by_name, None)
        if not follower or not leader:
            return None
        others = [p for p in earlier.parties if p not in leader and p not in follower]
        status, _ = self.modality.decide(verb)
        published = verb.doc._.published
        clause = _clause(verb, CLAUSE_DEPS | {"conj"})
        resolved = trigger_date(verb, clause, published, spans.dates, future=status == "planned")
        return FoundEvent(
            type=earlier.type,
            trigger=verb,
            parties=follower + others,
            place=None,
            date=resolved.value if resolved else None,
            date_precision=resolved.precision if resolved else None,
            status=status,
            sentence=verb.sent,
            subjects=list(earlier.subjects),
            follows=True,
        )

    def _refers_back(self, sold: FoundEvent, event: FoundEvent) -> bool:
        """ "The contract was signed on Thursday" after a sale: that sale's paper, when it
        follows closely and names no state the sale does not ("the deal on fisheries with
        Japan" is another)."""
        trigger = event.trigger
        return (
            the_paper(self.by_type[sold.type], trigger)
            and trigger.i - sold.trigger.i < ANAPHORA_TOKENS
            and not event.countries - sold.countries
        )

    def _concluded(self, rule: EventRule, trigger: Token) -> EventRule:
        """The type of what a signed paper concludes ("signed a contract to buy jets": the
        sale), else ``rule``."""
        return next(
            (
                other
                for other in self.rules
                if other is not rule and concluded_by_paper(other, trigger)
            ),
            rule,
        )

    def _followers(self, doc: Doc) -> list[int]:
        """Positions of the verbs by which a state repeats the event before ("followed")."""
        if not len(doc) or not len(self.follower_lemmas):
            return []
        columns = doc.to_array([LEMMA, POS])
        hits = np.isin(columns[:, 0], self.follower_lemmas) & (columns[:, 1] == VERB)
        return [int(i) for i in np.flatnonzero(hits)]

    def _candidates(self, doc: Doc) -> list[tuple[int, EventRule]]:
        """(token, rule) of every verb or noun whose lemma triggers a rule, in text order."""
        if not len(doc):
            return []
        columns = doc.to_array([LEMMA, POS])
        lemmas, pos = columns[:, 0], columns[:, 1]
        verbs, nouns = (pos == VERB) | (pos == AUX), pos == NOUN  # ("was in Moscow")
        found = []
        for index, (verb_lemmas, noun_lemmas) in enumerate(self.lemmas):
            hits = (np.isin(lemmas, verb_lemmas) & verbs) | (np.isin(lemmas, noun_lemmas) & nouns)
            found += [(int(i), index) for i in np.flatnonzero(hits)]
        return [(start, self.rules[index]) for start, index in sorted(found)]

    def _accepts(self, rule: EventRule, trigger: Token, *, filed: bool) -> bool:
        """The trigger in this type's sense: not a modifier ("air raid sirens"), not in a
        sentence about sport (its words, or a result) or money, with the objects its verb
        needs."""
        if trigger.pos_ == "AUX" and not any(c.dep_ in ("prep", "acomp") for c in trigger.children):
            return False  # (most "is" and "was" tell no place: checked first, they are many)
        # The trigger is judged by its own rule, not as context ("war games" are no sport).
        sentence = self._sentence(trigger.sent)
        if sentence.names(self.exclude_context | rule.exclude_context, besides=trigger):
            return False
        if sentence.excluded:
            return False
        if trigger.pos_ == "NOUN":
            # (a person's attacks are words: "Trump's frequent attacks on Mexico over trade")
            said = trigger.lemma_ in rule.words_of_a_person and any(
                c.dep_ == "poss" and c.ent_type_ == "PERSON" for c in trigger.children
            )
            return not said and trigger.dep_ != "compound" and noun_accepted(rule, trigger)
        return (
            not self._verb_of_another_kind(rule, trigger, filed=filed)
            and not excluded_object(rule, trigger)
            and sense_accepted(rule, trigger)
            and verb_accepted(rule, trigger)
        )

    def _sentence(self, sentence: Span) -> _SentenceWords:
        """The words of the trigger's sentence, read once per sentence, not per trigger (a
        run-on sentence's triggers made that quadratic); triggers come in text order."""
        last = self._last_sentence
        if last is None or last.doc is not sentence.doc or last.start != sentence.start:
            pattern = self.exclude_pattern
            last = self._last_sentence = _SentenceWords(
                doc=sentence.doc,
                start=sentence.start,
                counts=Counter(w for t in sentence for w in {t.lemma_.lower(), t.lower_}),
                excluded=pattern is not None and pattern.search(sentence.text) is not None,
            )
        return last

    def _verb_of_another_kind(self, rule: EventRule, verb: Token, *, filed: bool) -> bool:
        """A verb that tells no event of this type: jets flying, deals struck by companies,
        "agreed to normalise ties" or "agreed to hold talks" (that event, not an agreement)."""
        if verb.lemma_ in rule.person_verbs and not person_goes_to_a_place(verb, filed=filed):
            return True
        if done_by_companies(verb):
            return True
        if (
            verb.lemma_ in rule.words_of_a_person
            and any(s.ent_type_ == "PERSON" for s in subjects_of(verb))
            and not any(c.dep_ == "dobj" and c.ent_type_ == "GPE" for c in verb.children)
        ):  # (but "Putin attacked Ukraine on Feb. 24, 2022")
            return True  # "Erdogan attacked the Swedish authorities": in words
        return verb.lemma_ in rule.joint_verbs and any(
            c.dep_ == "xcomp"
            and (
                c.lemma_ in self.trigger_verbs
                or any(o.dep_ == "dobj" and o.lemma_ in self.trigger_nouns for o in c.children)
            )
            for c in verb.children
        )

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
        mentions = mentions_in(clause, ents)
        preps = PLACE_PREPOSITIONS | ({"to"} if rule.type == "visit" else set())
        place_span = _place(trigger, mentions, preps) or _place(clause, mentions, preps)
        place = by_name.get(place_span.kb_id_) if place_span is not None else None
        # Parties from the trigger's arguments; its clause when they name fewer than two states.
        # no sides: "switched recognition from Taiwan to Beijing", "talks Qatar mediated"
        left = left_sides(rule, trigger) | mediated_by(trigger, self.mediators)
        # (who is or attends somewhere is the traveller: not "was in London for a meeting on
        # Chinese investment", "attended a memorial for the victims of the Russian invasion")
        alone = trigger.lemma_ in STAYS or trigger.lemma_ == "attend"
        found = subject_mentions(trigger, ents) if alone else argument_mentions(trigger, ents)
        sides = [m for m in found if m.start not in left]
        parties = self.actors.parties(sides, by_name, place)
        if not alone and len({party.country for party in parties if party.country}) < 2:
            sides = [m for m in clause_mentions(trigger, ents) if m.start not in left]
            more = self.actors.parties(sides, by_name, place)
            parties += [party for party in more if party not in parties]
        status, decider = self.modality.decide(trigger)
        if status == "planned" and told_done(rule, trigger):
            status, decider = "reported", trigger
        # a called-off event was due before or after publication ("called off a meeting that
        # had been expected on Saturday"): the nearer day
        # (but the day the word calling it off names is past: "revoked the pact on Saturday")
        future = {"planned": True, "cancelled": None}.get(status, False)
        past_on = decider if self.modality.cancels(decider) else None
        clause = _clause(trigger, CLAUSE_DEPS | {"conj"})
        resolved = trigger_date(
            trigger, clause, published, spans.dates, future=future, past_on=past_on
        )
        if resolved is None and (top := _phrase_top(trigger)) is not trigger:
            # "a sixth round of talks that was due to take place on Sunday"
            resolved = trigger_date(top, top, published, spans.dates, future=future)
        if resolved is None and decider is not trigger:
            # "North Korea on Thursday denied that it had exported …": the day of the denial
            clause = _clause(decider, CLAUSE_DEPS | {"conj"})
            resolved = trigger_date(decider, clause, published, spans.dates)
        if resolved is None and status == "reported":
            # "Greece and France signed a pact on Tuesday, and Athens agreed to buy …": a day
            # on the sentence's main verb dates what its coordinated clauses report
            resolved = trigger_date(trigger, trigger.sent.root, published, spans.dates)
        if resolved is None:
            resolved = relative_to_earlier(trigger.sent, published, spans.dates)
        return FoundEvent(
            type=rule.type,
            trigger=trigger,
            parties=parties,
            place=place,
            date=resolved.value if resolved else None,
            date_precision=resolved.precision if resolved else None,
            status=status,
            sentence=(sentence := trigger.sent),
            subjects=_subjects(sentence, spans),
            anaphoric=is_anaphoric(trigger),
        )


@dataclass(frozen=True)
class _SentenceWords:
    """A sentence's lemmas and words, counted, and whether an ``exclude_patterns`` entry
    matches it."""

    doc: Doc
    start: int
    counts: Counter[str]
    excluded: bool

    def names(self, words: frozenset[str], *, besides: Token) -> bool:
        """One of ``words`` is a lemma or word of the sentence other than ``besides``."""
        own = {besides.lemma_.lower(), besides.lower_}
        return any(self.counts[w] > (w in own) for w in words)


@dataclass(frozen=True)
class _Spans:
    """The spans events read, indexed once per Doc: entities, dates, taxonomy terms."""

    ents: SpanIndex
    dates: SpanIndex
    terms: SpanIndex


def _subjects(sentence: Span, spans: _Spans) -> list[str]:
    """Taxonomy terms of the sentence: what an agreement or a sale is about."""
    named = {i for ent in spans.ents.within(sentence) for i in range(ent.start, ent.end)}
    found = [
        t.text.lower()
        for t in spans.terms.starting(sentence.start, sentence.end - 1)
        if not named.intersection(range(t.start, t.end))
    ]
    return list(dict.fromkeys(found))


def _phrase_top(noun: Token) -> Token:
    """The noun a trigger noun is "of": "a sixth round of talks", "the first batch of jets"."""
    while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
        noun = noun.head.head
    return noun


def _clause(token: Token, boundaries: set[str] = CLAUSE_DEPS) -> Token:
    while token.dep_ not in boundaries and token.head.i != token.i:
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
