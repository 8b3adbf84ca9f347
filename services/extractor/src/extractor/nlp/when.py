"""Dates of events: which day mention dates a trigger (its phrase, its clause, the verbs above
it, the journey it belongs to); days counted from another are in ``counted``."""

from __future__ import annotations

import re
from datetime import datetime

from spacy.tokens import Span, Token

from extractor.nlp.arguments import REPORTING_VERBS, relative_clauses, where_clause_place
from extractor.nlp.counted import (
    SPAN_BOUNDS,
    bounds_a_span,
    counted_clause,
    heads,
    of_that_time,
    shifted,
    within,
)
from extractor.nlp.days import ResolvedDate, resolve_date
from extractor.nlp.journeys import TRAVEL_VERBS
from extractor.nlp.lookup import SpanIndex

# A date in one of these clauses without the trigger dates that clause, not the event.
SUBORDINATE_DEPS = {"advcl", "relcl", "acl", "ccomp", "xcomp", "conj"}
# Words that open a clause of another time than the one above it.
OTHER_TIMES = {"after", "before", "since", "until", "till"}


def trigger_date(
    trigger: Token,
    clause: Token,
    published: datetime | None,
    dates: SpanIndex,
    *,
    future: bool | None = False,
    past_on: Token | None = None,
) -> ResolvedDate | None:
    """The first resolvable date in the trigger's phrase, else in its ``clause`` (``future`` as
    in ``resolve_date``, except in the phrase of ``past_on``, whose day is past).

    A date on a reporting verb ("the WSJ reported Tuesday") dates the report, and one on
    another noun ("attacks earlier this year") dates that noun, not the event.
    """
    # ("the first anniversary of Russia's invasion of Ukraine", on Feb. 17: only its own
    # phrase dates what an anniversary remembers)
    if (named := _year_of_its_noun(trigger, published, dates)) is not None or _remembered(trigger):
        own = dates.starting(trigger.left_edge.i, trigger.right_edge.i)
        return named or next((r for e in own if (r := resolve_date(e.text, published))), None)
    seen: set[int] = set()  # (the heads' phrases nest: each date is judged once)
    if (other := _other_time(trigger)) is not None and clause.is_ancestor(other):
        clause = other  # ("the ties that collapsed after Turkey shot down a jet": its own time)
    # A trigger that heads its own clause takes a day from the verbs above it ("notified
    # Washington in February 2020 that he was scrapping the pact"), unless it is still to come
    # ("met al-Sisi on Monday and will sign an agreement": not Monday).
    above = clause.i == trigger.i and future is not True
    verbs = _verbs_between(trigger, clause) if not above else _verbs_above(trigger)
    counted = counted_clause(trigger, verbs)
    for head in (trigger, *verbs, clause):
        for ent in dates.starting(head.left_edge.i, head.right_edge.i):
            if ent.start in seen:
                continue
            seen.add(ent.start)
            if _dates_other(ent, trigger) or _in_other_clause(ent, trigger, head):
                continue
            past = past_on is not None and head.i == past_on.i
            resolved = resolve_date(ent.text, published, future=False if past else future)
            resolved = of_that_time(ent, resolved, published, dates)
            if resolved and counted and not within(ent, counted[0]):
                return shifted(resolved, *counted[1:])  # "two days after X struck": Monday - 2
            if resolved:
                return resolved
    return (
        _when_of_a_day(trigger, published, dates, future)
        or _journey_day(trigger, published, dates, future)
        or _day_of_the_journey_there(trigger, published, dates, future)
    )


def _journey_day(
    trigger: Token, published: datetime | None, dates: SpanIndex, future: bool | None
) -> ResolvedDate | None:
    """A journey is on the day of what the traveller did there ("flew to Washington and met
    Esper at the Pentagon on Jan. 27") or does where it goes; else of what it was made for."""
    if trigger.lemma_ not in TRAVEL_VERBS:
        return None
    done = [
        verb
        for verb in trigger.children
        if verb.dep_ == "conj" and verb.pos_ == "VERB" and not _has_aux(verb)
    ]
    # ("travels on to the United States, where she is due to meet Reagan on Saturday")
    done += [
        verb
        for prep in trigger.children
        if prep.dep_ == "prep" and prep.lower_ in ("to", "into", "in", "at")  # (not "from")
        for place in prep.children
        for where in place.children
        if where_clause_place(where) == place
        for verb in where.subtree
        if verb.i == where.i or verb.dep_ == "xcomp"  # ("is due to meet")
    ]
    for verb in done:
        if (day := trigger_date(verb, verb, published, dates, future=future)) is not None:
            return day
    return _purpose_day(trigger, published, dates, future)


def _day_of_the_journey_there(
    trigger: Token, published: datetime | None, dates: SpanIndex, future: bool | None
) -> ResolvedDate | None:
    """What is done where a dated journey goes is done on its day: "flies on to Rwanda on
    Tuesday, where officials said he and Kagame will sign a treaty" (the journey's own day,
    not one its "where" clause tells)."""
    for head in heads(trigger):
        place = where_clause_place(head)
        if place is None:
            continue
        # (not "from"; and the parser may hang the clause on the journey's day: "flies on to
        # Rwanda on Tuesday, where ...")
        to = place.head.dep_ == "prep" and (
            place.head.lower_ in ("to", "into") or place.ent_type_ == "DATE"
        )
        journey = place.head.head if to else None
        while journey is not None and journey.pos_ in ("ADP", "ADV") and journey.dep_ != "ROOT":
            journey = journey.head  # ("flies on to Rwanda")
        if journey is None or journey.lemma_ not in TRAVEL_VERBS:
            return None
        for prep in journey.children:
            if prep.dep_ not in ("prep", "npadvmod"):
                continue
            for ent in dates.starting(prep.left_edge.i, prep.right_edge.i):
                if not head.left_edge.i <= ent.start <= head.right_edge.i:
                    return resolve_date(ent.text, published, future=future)
        return None
    return None


def _when_of_a_day(
    trigger: Token, published: datetime | None, dates: SpanIndex, future: bool | None
) -> ResolvedDate | None:
    """A "when" clause told right after a day is of that day: "a summit planned for early April,
    when Bashir had been due to travel to Juba"."""
    for head in (trigger, *heads(trigger)):
        if head.dep_ not in ("relcl", "advcl") or not any(
            c.dep_ == "advmod" and c.lower_ == "when" and c.i == head.left_edge.i
            for c in head.children
        ):
            continue
        comma = head.left_edge.i - 1
        if comma < 1 or head.doc[comma].text != ",":
            return None
        told = [ent for ent in dates.starting(0, comma - 1) if ent.end == comma]
        return resolve_date(told[0].text, published, future=future) if told else None
    return None


def _has_aux(verb: Token) -> bool:
    return any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def told_to_come(trigger: Token, dates: SpanIndex) -> bool:
    """A time still to come in the trigger's own phrase, whether or not it resolves to a month
    ("Golda Meir's trip to Washington next week": a week that may start in this month or run
    across two)."""
    return any(
        _TO_COME.match(ent.text) is not None and _on_the_trigger(ent, trigger)
        for ent in dates.starting(trigger.left_edge.i, trigger.right_edge.i)
    )


def _on_the_trigger(ent: Span, trigger: Token) -> bool:
    """The date times the trigger itself: "trip next week", "meet in the coming days" (not
    what it is about: "a partnership for the coming century")."""
    head = ent.root.head
    if ent.root.dep_ == "pobj" and head.lower_ in ("in", "during", "within", "over"):
        head = head.head
    return head.i == trigger.i and ent.root.dep_ in ("npadvmod", "pobj", "tmod")


_TO_COME = re.compile(r"(?:next|the coming|coming|later this)\b", re.IGNORECASE)


def _purpose_day(
    trigger: Token, published: datetime | None, dates: SpanIndex, future: bool | None
) -> ResolvedDate | None:
    """A journey with no day of its own takes the day of what it was made for: "flew to
    Beijing to sign the accord with his Chinese counterpart last Friday"."""
    for purpose in trigger.children:
        if purpose.dep_ not in ("advcl", "xcomp") or not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in purpose.children
        ):
            continue
        for ent in dates.starting(purpose.left_edge.i, purpose.right_edge.i):
            if bounds_a_span(ent) or _in_other_clause(ent, purpose, purpose):
                continue
            if resolved := resolve_date(ent.text, published, future=future):
                return resolved
    return None


def _verbs_between(trigger: Token, clause: Token) -> list[Token]:
    """The verbs from the trigger up to its clause: the nearest one's date first ("traded blame
    on Wednesday after soldiers were killed in fighting on Monday night": Monday)."""
    if not clause.is_ancestor(trigger):
        return []
    verbs = []
    for head in heads(trigger):
        if head.i == clause.i:
            break
        if head.pos_ in ("VERB", "AUX"):
            verbs.append(head)
    return verbs


# Nouns of a day that remembers an event: "the anniversary of the invasion".
REMEMBRANCES = {"anniversary", "commemoration"}


def _remembered(trigger: Token) -> bool:
    """The trigger is what an anniversary remembers: "the anniversary of Russia's invasion"."""
    head = trigger.head
    return (
        trigger.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in REMEMBRANCES
    )


def _year_of_its_noun(
    trigger: Token, published: datetime | None, dates: SpanIndex
) -> ResolvedDate | None:
    """ "a 1996 arms control agreement signed in Florence", "the 1955 accord that Khrushchev
    signed in Belgrade": a participle or clause on a paper named by its year tells the paper
    signed then."""
    noun = trigger.head
    if trigger.dep_ not in ("acl", "relcl") or noun.pos_ not in ("NOUN", "PROPN"):
        return None
    if noun.i > trigger.i:
        return None
    for ent in dates.starting(noun.left_edge.i, noun.i):
        if ent.end <= noun.i and (resolved := resolve_date(ent.text, published)) is not None:
            return resolved
    return None


def of_another_time(trigger: Token) -> bool:
    """The trigger is in a clause of another time than the sentence's: a relative clause's
    "after" clause ("the ties that collapsed after Turkey shot down a Russian jet")."""
    return _other_time(trigger) is not None


def _other_time(trigger: Token) -> Token | None:
    """The nearest clause at or above the trigger that tells another time than the one above
    it (see ``_tells_other_time``), if any."""
    return next((token for token in (trigger, *heads(trigger)) if _tells_other_time(token)), None)


def _tells_other_time(token: Token) -> bool:
    """An "after", "before" or "since" clause of a relative clause ("the ties that collapsed
    after Turkey shot down a jet"; but "shook hands on Friday, before Alfonsin crossed into
    Brazil" tells the same day), not one that counts its distance ("a day after his summit
    with Putin ended": a day before the day above)."""
    return (
        token.dep_ == "advcl"
        and token.head.dep_ == "relcl"
        and any(c.dep_ == "mark" and c.lower_ in OTHER_TIMES for c in token.children)
        and counted_clause(token, []) is None
    )


def _verbs_above(trigger: Token) -> list[Token]:
    """The verbs above the trigger, up to a clause that tells another time ("the ties that
    collapsed after Turkey shot down a Russian jet": not the day of the pledge to rebuild
    them)."""
    verbs = []
    token = trigger
    for head in heads(trigger):
        if _tells_other_time(token):
            break
        if head.pos_ in ("VERB", "AUX"):
            verbs.append(head)
        token = head
    return verbs


def dates_another_clause(ent: Span, trigger: Token) -> bool:
    """A date of the trigger's sentence in a clause that describes someone or something else
    ("held talks with Zaev, whose government took office at the end of May"); not one joined
    to the trigger's ("flew to Berlin and will meet the chancellor on Friday")."""
    return any(
        head.dep_ == "relcl"
        and head.head.i != trigger.i
        and not head.left_edge.i <= trigger.i <= head.right_edge.i
        for head in heads(ent.root)
    )


def _in_other_clause(ent: Span, trigger: Token, clause: Token) -> bool:
    """A date in a subordinate clause without the trigger ("Though X offered help in the wake
    of attacks earlier this year, it refused to sell …") dates that clause."""
    if any(
        c.dep_ in ("relcl", "acl")
        and c.left_edge.lower_ != "to"  # (not a purpose: "a trip … to help fight … in July")
        and c.left_edge.i <= ent.start <= c.right_edge.i
        # (also one the parser hangs on a noun of the trigger's phrase: "a visit by Defence
        # Minister Pal Jonson that had been planned for Jan. 27")
        and (c.head.i == trigger.i or (c.lemma_ in PLANNING and c.head.ent_type_ == "PERSON"))
        for c in (trigger.subtree if trigger.pos_ == "NOUN" else trigger.children)
    ) or any(within(ent, c) for c in relative_clauses(trigger) if c.head.i != trigger.i):
        return False  # a clause about the trigger dates it: "a summit that was due on April 3"
    for token in heads(ent.root):
        if token.i == clause.i:
            return False
        holds_trigger = token.left_edge.i <= trigger.i <= token.right_edge.i
        if _at_the_time(token):
            continue  # "became the first to visit Venezuela when he landed on Wednesday"
        if token.dep_ in SUBORDINATE_DEPS and not holds_trigger:
            return True
    return False


# Verbs of a clause that tells when an event was to be: "a visit … that had been planned for".
PLANNING = {"plan", "schedule", "set", "slate", "expect"}


def _at_the_time(clause: Token) -> bool:
    """A "when" clause tells the time of the clause it hangs on."""
    return clause.dep_ == "advcl" and any(
        c.dep_ == "advmod" and c.lower_ == "when" for c in clause.children
    )


def _dates_other(ent: Span, trigger: Token) -> bool:
    owner = ent.root.head
    if owner.ent_type_ == "TIME" and owner.head.i != owner.i:
        owner = owner.head  # "on Wednesday evening": the day of what the evening dates
    if any(t.lower_ in SPAN_BOUNDS for t in _up_to(ent.root, trigger)):
        return True  # "its largest purchase since (the return of democracy in) 1983"
    if any(
        since.lower_ == "since"
        and since.dep_ == "prep"
        and ent.root.head.i == since.right_edge.i + 1  # ("... since Leonid Brezhnev in 1974")
        and ent.root.head.dep_ == "prep"
        and ent.root.head.head.i == trigger.i
        for since in trigger.children
    ):
        return True  # "the first Kremlin leader to visit since Leonid Brezhnev in 1974"
    if trigger.i in (owner.i, ent.root.i):
        return False
    return owner.lemma_ in REPORTING_VERBS or owner.pos_ == "NOUN"


def _up_to(token: Token, trigger: Token) -> list[Token]:
    """``token``'s heads up to (not including) the trigger or the sentence's root."""
    found = []
    for head in heads(token):
        if head.i == trigger.i:
            break
        found.append(head)
    return found
