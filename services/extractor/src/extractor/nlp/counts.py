"""A group the story counts instead of naming: "troops from nine countries began the exercise",
"the foreign ministers of the three countries held talks", "the four held talks". Its members
are the states that a sentence near it names, when they are exactly that many.

"The four governments", counted with "the", are a group the story named before: the nearest
earlier sentence naming exactly that many. A count that matches no nearby sentence adds no
one: a list of another size is another group. Counts above twelve are not read ("24 crew
members", "the 20 countries at the summit"): no story lists them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from spacy.tokens import Span, Token

from extractor.nlp.days import NUMBER_WORDS
from extractor.nlp.narrative import subjects_up

if TYPE_CHECKING:
    from extractor.nlp.entities import EntityCluster
    from extractor.nlp.found import FoundEvent

# Counts written as words; digits count too. Two is a pair (narrative.join_the_pair).
NUMBERS = {word: n for word, n in NUMBER_WORDS.items() if n >= 3}
LARGEST = 12
# Nouns of a counted group of states or of their representatives.
GROUPS = {"country", "nation", "state", "government", "leader", "ally", "member", "power",
          "partner", "neighbour", "neighbor", "delegation", "minister", "president", "navy",
          "army", "military", "force", "side", "capital"}  # fmt: skip
# A noun trigger's own group: "talks between the four countries", "a summit of six states".
GROUP_PREPOSITIONS = {"between", "among", "of", "involving"}


class Count(NamedTuple):
    """How many states a group is, and whether "the" points back to a group named before."""

    states: int
    told_before: bool = False


def counted(trigger: Token) -> Count | None:
    """How many states the trigger's doers are, when a number counts them; a state named
    beside the group counts too ("soldiers from the United States and five East African
    countries": six)."""
    holders = subjects_up(trigger)
    if trigger.pos_ == "NOUN":
        holders += [c for c in trigger.children if c.lower_ in GROUP_PREPOSITIONS]
    for holder in holders:
        if (alone := _number(holder)) is not None and holder.dep_ in ("nsubj", "nsubjpass"):
            return Count(alone)  # "the four held talks"
        for token in holder.subtree:
            if token.lemma_.lower() in GROUPS and (count := _count(token)) is not None:
                beside = sum(c.ent_type_ in ("GPE", "NORP") for c in token.conjuncts)
                told_before = any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
                return Count(count + beside, told_before and not beside)
    return None


def join_the_counted(
    event: FoundEvent, count: Count, parties_of: Callable[[Span], list[EntityCluster]]
) -> None:
    """The states of the nearest sentence (its own, the next, the one before, or the next
    two together) join the event's parties when they are ``count``, alone, with the event's
    countries or beside its parties ("soldiers from the United States and five countries"). Only
    an event with a party of its own takes them ("the border region where the three countries
    meet" is no group of the story's)."""
    own = {party.country for party in event.parties if party.country}
    if not own:
        return
    if count.told_before:
        # ("The four governments are expected to sign a memorandum with the United States":
        # the four the story named before, not three named after with the United States)
        for sentence in _before(event.sentence):
            named = [p for p in parties_of(sentence) if p.country]
            if len({party.country for party in named}) == count.states:
                event.parties += [p for p in named if p not in event.parties]
                return
    for sentences in _nearby(event.sentence):
        named = [p for s in sentences for p in parties_of(s) if p.country]
        countries = {party.country for party in named}
        if count.states in (
            len(countries),
            len(countries | event.countries),
            len(countries - own),
        ):
            event.parties += [p for p in named if p not in event.parties]
            return


def _before(sentence: Span) -> Iterator[Span]:
    """The sentences before, nearest first, back to the story's start."""
    doc = sentence.doc
    while sentence.start > 0:
        sentence = doc[sentence.start - 1].sent
        yield sentence


def _nearby(sentence: Span) -> Iterator[list[Span]]:
    doc = sentence.doc
    yield [sentence]
    after = doc[sentence.end].sent if sentence.end < len(doc) else None
    if after is not None:
        yield [after]
    if sentence.start > 0:
        yield [doc[sentence.start - 1].sent]
    if after is not None and after.end < len(doc):
        yield [after, doc[after.end].sent]


def _count(token: Token) -> int | None:
    return next((n for c in token.children if c.dep_ == "nummod" and (n := _number(c))), None)


def _number(token: Token) -> int | None:
    if token.lower_ in NUMBERS:
        return NUMBERS[token.lower_]
    if token.is_digit and 3 <= int(token.text) <= LARGEST:
        return int(token.text)
    return None
