"""The day of one event: its trigger's clause first, then the phrase it belongs to, the word
deciding its status, the sentence's main verb, a day counted from an earlier one."""

from __future__ import annotations

from datetime import datetime

from spacy.tokens import Token

from extractor.nlp.arguments import CLAUSE_DEPS, clause_of, first_of_list, phrase_top
from extractor.nlp.counted import relative_to_earlier
from extractor.nlp.days import ResolvedDate
from extractor.nlp.lookup import SpanIndex
from extractor.nlp.modality import Status
from extractor.nlp.when import of_another_time, trigger_date

# A trigger's day may sit on a verb coordinated with it: "met on Monday and signed …".
DATED_CLAUSE = CLAUSE_DEPS | {"conj"}


def event_date(
    trigger: Token,
    decider: Token,
    status: Status,
    published: datetime | None,
    dates: SpanIndex,
    *,
    past_on: Token | None = None,
) -> ResolvedDate | None:
    """The day of the event ``trigger`` tells, whose status ``decider`` decided, or None.

    ``past_on`` is the word calling the event off when it names a day of its own: that day is
    past ("revoked the pact on Saturday")."""
    # a called-off event was due before or after publication ("called off a meeting that
    # had been expected on Saturday"): the nearer day
    future = {"planned": True, "cancelled": None}.get(status, False)
    # (a noun listed after another is in that one's clause: "flies to Beijing on Friday for a
    # state visit and talks with Hu")
    clause = clause_of(first_of_list(trigger), DATED_CLAUSE)
    resolved = trigger_date(trigger, clause, published, dates, future=future, past_on=past_on)
    if resolved is None and (top := phrase_top(trigger)) is not trigger:
        # "a sixth round of talks that was due to take place on Sunday"
        resolved = trigger_date(top, top, published, dates, future=future)
    if resolved is None and decider is not trigger:
        # "North Korea on Thursday denied that it had exported …": the day of the denial
        clause = clause_of(decider, DATED_CLAUSE)
        resolved = trigger_date(decider, clause, published, dates)
    if resolved is None and status == "reported" and not of_another_time(trigger):
        # "Greece and France signed a pact on Tuesday, and Athens agreed to buy …": a day
        # on the sentence's main verb dates what its coordinated clauses report
        resolved = trigger_date(trigger, trigger.sent.root, published, dates)
    if resolved is None:
        resolved = relative_to_earlier(trigger.sent, published, dates)
    return resolved


def clause_date(verb: Token, dates: SpanIndex, *, future: bool = False) -> ResolvedDate | None:
    """The day of a verb told beside another event ("and Ford followed in 1975", "from Rome,
    where he had an audience with the Pope on Saturday"): the first date of its own clause."""
    clause = clause_of(verb, DATED_CLAUSE)
    return trigger_date(verb, clause, verb.doc._.published, dates, future=future)
