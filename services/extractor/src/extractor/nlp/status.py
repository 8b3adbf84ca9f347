"""An event's status settled: the modality's word (``modality.py``), then what the story tells
of the event itself. A paper named by its year was concluded then, one the type's own verb
tells signed is done, one the sides agree to hold is still a plan, and a day after the story's
is still to come. The day comes with it, since the status decides which day mention dates it."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from spacy.tokens import Token

from extractor.nlp.counted import shifted, stay_ended
from extractor.nlp.dating import event_date
from extractor.nlp.days import ResolvedDate, wholly_after
from extractor.nlp.lookup import SpanIndex
from extractor.nlp.modality import Modality, Status
from extractor.nlp.when import told_to_come

if TYPE_CHECKING:
    from extractor.nlp.rules import EventRule


def settle(
    modality: Modality,
    rule: EventRule,
    trigger: Token,
    published: datetime | None,
    dates: SpanIndex,
) -> tuple[Status, ResolvedDate | None]:
    """The status of the event ``trigger`` tells and its day (or None)."""
    status, decider = modality.decide(trigger)
    if trigger.lemma_.lower() in rule.dated_nouns - rule.nouns:
        # (a paper named by its year was concluded then, whatever is done with it now:
        # "cancelled a 1995 security agreement", "under a 1929 treaty, Santiago cannot …")
        status, decider = "reported", trigger
    elif status == "planned" and told_done(rule, trigger):
        status, decider = "reported", trigger
    elif status == "planned" and (announced := modality.told_decided(rule, trigger)) is not None:
        status, decider = "reported", announced
    elif status == "reported" and rule.agreed_plans and agreed_to(trigger):
        status = "planned"  # ("the leaders also agreed to meet at least once a year")
    resolved = event_date(
        trigger,
        decider,
        status,
        published,
        dates,
        past_on=decider if modality.cancels(decider) else None,
    )
    if resolved is not None and rule.person_verbs and (back := stay_ended(trigger)):
        resolved = shifted(resolved, back)  # ("wrapped up a two-day visit on Friday": Thursday)
    if status == "reported" and resolved and published and wholly_after(resolved, published):
        status = "planned"  # ("agreed on Tuesday to resume peace talks next month")
    elif status == "reported" and told_to_come(trigger, dates):
        status = "planned"  # ("Meir's trip to Washington next week", even across months)
    return status, resolved


def told_done(rule: EventRule, trigger: Token) -> bool:
    """ "… under an agreement signed on Friday": the type's own verb as a past participle on
    the paper or event tells it done, whatever the clause around it plans ("Russia will keep
    its base")."""
    if trigger.pos_ == "VERB":
        return (
            trigger.dep_ == "acl"
            and trigger.tag_ == "VBN"
            and trigger.lemma_ in rule.verbs
            and not any(c.dep_ == "neg" for c in trigger.children)
        )
    return any(c.dep_ == "acl" and told_done(rule, c) for c in trigger.children)


def agreed_to(trigger: Token) -> bool:
    """The trigger is what its sides agree to hold: a plan, however firm, for a type whose
    ``agreed_plans`` says so ("the leaders also agreed to meet at least once a year", "agreed
    to revive talks")."""
    verb = trigger.head if trigger.pos_ == "NOUN" and trigger.dep_ == "dobj" else trigger
    return verb.dep_ == "xcomp" and verb.head.lemma_ == "agree"
