"""Typed events from trigger lemmas and dependency parses, with parties, date, place, polarity."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from extractor.nlp import datelines
from extractor.nlp.actors import (
    Actors,
    argument_mentions,
    clause_mentions,
    mentions_in,
    one_side,
    weapon_maker,
)
from extractor.nlp.arguments import clause_of, is_anaphoric, paper_lemma
from extractor.nlp.bystanders import (
    based_in,
    counted_by,
    judged_by,
    left_sides,
    mediated_by,
    moved_by,
    near_borders,
    of_a_time,
    recognised_by,
    topic_sides,
)
from extractor.nlp.carried import (
    after_arrivals,
    carry_dates,
    date_together,
    evening_of,
    for_the_occasion,
)
from extractor.nlp.counts import counted, join_the_counted
from extractor.nlp.dating import clause_date
from extractor.nlp.days import is_day, untagged_seasons
from extractor.nlp.entities import EntityCluster
from extractor.nlp.found import ANAPHORA_TOKENS, FoundEvent
from extractor.nlp.journeys import (
    STAYS,
    attendees_visits,
    described_place,
    flown_in,
    held_where_filed,
    to_the_country,
)
from extractor.nlp.lookup import SpanIndex
from extractor.nlp.merging import merge_events
from extractor.nlp.modality import Modality
from extractor.nlp.narrative import (
    deny_later,
    followed_event,
    join_the_pair,
    occasion_place,
    pair_alone,
    pair_subject,
    stop_before_event,
    subject_mentions,
)
from extractor.nlp.operator_files import read_event_rules
from extractor.nlp.rules import EventRule, frozen_fields
from extractor.nlp.senses import concluded_by_paper, the_paper
from extractor.nlp.status import settle
from extractor.nlp.triggers import Triggers
from extractor.nlp.venues import venue


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
        onlookers: frozenset[str] = frozenset(),
        recognisers: frozenset[str] = frozenset(),
        movers: frozenset[str] = frozenset(),
    ):
        self.rules = rules
        self.modality = modality
        self.actors = actors
        self.followers = followers or {}
        self.triggers = Triggers(
            rules,
            vocab,
            exclude_context,
            exclude_patterns=exclude_patterns,
            followers=frozenset(self.followers),
            organ=actors.organ,
        )
        self.mediators = mediators
        self.onlookers = onlookers
        self.recognisers = recognisers
        self.movers = movers
        self.by_type = {rule.type: rule for rule in rules}
        self.needed = {rule.type: rule.min_countries for rule in rules}
        self.held_with = {rule.type: rule.held_with for rule in rules}
        self.accused = frozenset(rule.type for rule in rules if rule.accused)

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
            onlookers=frozenset(data.onlookers),
            recognisers=frozenset(data.recognisers),
            movers=frozenset(data.movers),
        )

    def find(self, doc: Doc, clusters: list[EntityCluster]) -> list[FoundEvent]:
        """Events of the body (not the title), merged when they describe the same happening."""
        # (a name the model also tagged as something else keeps its state's cluster:
        # "Moscow and Bishkek sealed the deal" and "at Bishkek's international airport", an ORG)
        by_name = {c.name: c for c in sorted(clusters, key=lambda c: c.country is not None)}
        body_start = doc._.body_start or 0
        found: list[FoundEvent] = []
        ents = SpanIndex(doc.ents)  # doc.ents is built anew on every access: read once
        filed = datelines.place(doc)  # (who arrives in a datelined story arrives there)
        spans = _Spans(
            ents,
            SpanIndex([*(e for e in ents.spans if is_day(e)), *untagged_seasons(doc)]),
            SpanIndex(doc.spans.get("topic_terms", [])),
            filed.start if filed is not None else None,
        )
        sold: FoundEvent | None = None  # the sale "the contract" refers back to
        filed_from = by_name.get(filed.kb_id_) if filed is not None else None
        for start, candidate in self.triggers.candidates(doc):
            trigger = doc[start]
            # (who flew in for the signing came where the story just told it: "… signed a pact
            # in Canberra on Thursday. Japan's prime minister flew in for the ceremony.")
            here = filed_from or (
                occasion_place(found, trigger) if for_the_occasion(trigger) else None
            )
            accepted = self.triggers.accepts(candidate, trigger, filed=here is not None)
            if trigger.idx < body_start or not accepted:
                continue
            if self.modality.no_one_event(candidate.type, trigger):
                continue
            rule = self._concluded(candidate, trigger)
            event = self._build(rule, trigger, by_name, spans, doc._.published)
            if (
                trigger.lemma_ in rule.person_verbs
                and trigger.lemma_ not in STAYS
                and (
                    event.place is None
                    or described_place(event.place, trigger)
                    or (here is not None and flown_in(trigger))
                )
            ):
                event.place = here  # (also "flew to the Black Sea resort": no state named)
            elif (
                rule.person_verbs
                and event.place is None
                and filed_from is not None
                and to_the_country(trigger)
            ):
                event.place = filed_from
            # "… ordered 42 jets. The contract was signed on Thursday": the sale, its sides
            if sold is not None and self._refers_back(sold, event):
                rule = self.by_type[sold.type]
                event = self._build(rule, trigger, by_name, spans, doc._.published)
                event.parties += [p for p in sold.parties if p not in event.parties]
            self._join_the_pair(event, found, spans, by_name)
            if (count := counted(trigger)) and len(event.countries) < count.states:
                join_the_counted(
                    event, count, lambda s: self.actors.parties(spans.ents.within(s), by_name, None)
                )
            found.append(event)
            if rule.person_verbs and (stop := stop_before_event(event, by_name, spans.dates)):
                found.append(stop)
            if rule.papers and len(event.countries) >= rule.min_countries:
                sold = event
            elif paper_lemma(trigger) in rule.objects:
                sold = None  # "… signed a defence pact": "the deal" is that one now
        for verb in (doc[i] for i in self.triggers.followers(doc)):
            if verb.idx >= body_start and (event := self._follow(verb, found, by_name, spans)):
                found.append(event)
        return self._settle(found, spans, by_name, doc._.published, filed_from)

    def _join_the_pair(
        self,
        event: FoundEvent,
        found: list[FoundEvent],
        spans: _Spans,
        by_name: dict[str, EntityCluster],
    ) -> None:
        """ "The two leaders", "both": the two persons its own sentence names before it ("raise
        the matter with President Vladimir Putin when the two leaders meet"), else the pair told
        before; the pair as the subject itself is the travellers ("Both had flown to Prague for
        the ceremony, the centrepiece of Obama's effort": both, not Obama alone)."""
        trigger = event.trigger
        if not pair_subject(trigger):
            return  # (also with two others named: "The two men sat down with Macron and Merkel")
        before = [
            ent
            for ent in spans.ents.starting(trigger.sent.start, trigger.i - 1)
            if ent.label_ == "PERSON"  # (persons: not "arrived from Moscow, where …")
        ]
        told = self.actors.parties(before, by_name, None)
        if len({party.country for party in told if party.country}) == PAIR:
            event.parties += [party for party in told if party not in event.parties]
        else:
            join_the_pair(event, found, near=pair_alone(trigger))
        if len(event.countries) < PAIR:  # "the two countries' ministers signed … with X"
            named = self.actors.parties(spans.ents.within(trigger.sent), by_name, None)
            event.parties += [p for p in named if p not in event.parties]

    def _settle(
        self,
        found: list[FoundEvent],
        spans: _Spans,
        by_name: dict[str, EntityCluster],
        published: datetime | None,
        filed_from: EntityCluster | None = None,
    ) -> list[FoundEvent]:
        """What the whole story tells of the events found one by one: days carried from the
        sentence before, later denials, one event per happening, a seller from the weapon."""
        found.sort(key=lambda event: event.trigger.i)
        carry_dates(found, spans.dates, published, self.modality.to_come)
        deny_later(found, self.modality.denied, self.accused, spans.ents, by_name)
        # (after merging: "the visit" told apart from its sides still adds its day)
        merged = merge_events(found)
        for event in merged:  # a sale no seller is named for: the weapon's maker's
            needed = self.needed[event.type]
            if self.by_type[event.type].subtree and (
                len(event.countries) < needed
                or one_side(event.trigger, spans.ents, by_name, event.countries)
            ):
                mentions = spans.ents.within(event.sentence)
                event.made_by = weapon_maker(mentions, by_name, event.countries)
        kept = [e for e in merged if len(e.countries) >= self.needed[e.type]]
        held_where_filed(kept, filed_from, published)
        kept += attendees_visits(kept)  # ("talks in Geneva between the two": both came there)
        date_together(kept, self.held_with)
        after_arrivals(kept, spans.dates, published)
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
        resolved = clause_date(verb, spans.dates, future=status == "planned")
        return FoundEvent(
            type=earlier.type,
            trigger=verb,
            parties=follower + others,
            # (the same place: "Nixon went to Bucharest in 1969, and Ford followed in 1975")
            place=earlier.place,
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

    def _build(
        self,
        rule: EventRule,
        trigger: Token,
        by_name: dict[str, EntityCluster],
        spans: _Spans,
        published: datetime | None,
    ) -> FoundEvent:
        clause = clause_of(trigger)
        ents = spans.ents
        about = topic_sides(rule, trigger)  # ("talks with X on the war in Angola")
        mentions = [m for m in mentions_in(clause, ents) if m.start not in about]
        place_span = venue(rule.type, trigger, clause, mentions, ents)
        place = by_name.get(place_span.kb_id_) if place_span is not None else None
        # Parties from the trigger's arguments; its clause when they name fewer than two states.
        # no sides: "switched recognition from Taiwan to Beijing", "talks Qatar mediated"
        left = left_sides(rule, trigger) | mediated_by(trigger, self.mediators)
        left |= about
        if spans.filed is not None:
            left.add(spans.filed)
        left |= judged_by(trigger, self.onlookers)  # ("Russia and China condemned the strikes")
        left |= recognised_by(trigger, self.recognisers)  # ("Guaido, who is recognised by …")
        left |= near_borders(trigger)  # ("bombed a camp in Rann, near the Cameroon border")
        left |= based_in(trigger)  # ("raids by exile groups based in Florida")
        left |= of_a_time(trigger)  # ("his first visit to Kyiv since Russia's invasion")
        left |= counted_by(trigger)  # ("the attack, which Washington says killed 1,400 people")
        left |= moved_by(trigger, self.movers)  # ("…, which angered China and South Korea")
        # (who is or attends somewhere is the traveller: not "was in London for a meeting on
        # Chinese investment", "attended a memorial for the victims of the Russian invasion")
        alone = trigger.lemma_ in STAYS or trigger.lemma_ == "attend"
        found = subject_mentions(trigger, ents) if alone else argument_mentions(trigger, ents, left)
        # ("halt the column with its own strikes before asking the French for help": the
        # owner's alone, no side from the rest of the clause)
        alone = alone or (
            trigger.pos_ == "NOUN" and any(c.lower_ == "own" for c in trigger.children)
        )
        sides = [m for m in found if m.start not in left]
        parties = self.actors.parties(sides, by_name, place)
        if not alone and len({party.country for party in parties if party.country}) < 2:
            sides = [m for m in clause_mentions(trigger, ents) if m.start not in left]
            more = self.actors.parties(sides, by_name, place)
            parties += [party for party in more if party not in parties]
        status, resolved = settle(self.modality, rule, trigger, published, spans.dates)
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
            evening=evening_of(
                trigger, resolved.value if resolved else None, published, spans.dates
            )
            if rule.type == "visit" and resolved is not None and resolved.precision == "day"
            else None,
        )


# Two states, of "the two leaders" or "both".
PAIR = 2


@dataclass(frozen=True)
class _Spans:
    """The spans events read, indexed once per Doc: entities, dates, taxonomy terms."""

    ents: SpanIndex
    dates: SpanIndex
    terms: SpanIndex
    # where the dateline's place starts: where the story was filed from, no side ("ISLAMABAD,
    # Oct 8 - American and British forces struck targets across Afghanistan")
    filed: int | None = None


def _subjects(sentence: Span, spans: _Spans) -> list[str]:
    """Taxonomy terms of the sentence: what an agreement or a sale is about."""
    named = {i for ent in spans.ents.within(sentence) for i in range(ent.start, ent.end)}
    found = [
        t.text.lower()
        for t in spans.terms.starting(sentence.start, sentence.end - 1)
        if not named.intersection(range(t.start, t.end))
    ]
    return list(dict.fromkeys(found))
