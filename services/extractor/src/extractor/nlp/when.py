"""Dates of events: which day mention dates a trigger (its phrase, its clause, the verbs above
it), and days counted from another ("two days after", "hours later")."""

from __future__ import annotations

import re
from datetime import datetime
from itertools import islice

from spacy.tokens import Span, Token

from extractor.nlp.arguments import REPORTING_VERBS, relative_clauses, where_clause_place
from extractor.nlp.days import MONTHS, NUMBER_WORDS, ResolvedDate, resolve_date, shifted_day
from extractor.nlp.journeys import TRAVEL_VERBS
from extractor.nlp.lookup import SpanIndex

# A date in one of these clauses without the trigger dates that clause, not the event.
SUBORDINATE_DEPS = {"advcl", "relcl", "acl", "ccomp", "xcomp", "conj"}
# Words before a date that make it a span's bound ("since 2016", "until Aug 22").
SPAN_BOUNDS = {"since", "until", "till"}
# A year counted in days, to tell counted years apart ("three years after").
YEAR_DAYS = 365
# Words that open a clause of another time than the one above it.
OTHER_TIMES = {"after", "before", "since", "until", "till"}
# How far up the parse a date or a trigger is followed.
DEPTH = 12


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
    counted = _counted_clause(trigger, verbs)
    for head in (trigger, *verbs, clause):
        for ent in dates.starting(head.left_edge.i, head.right_edge.i):
            if ent.start in seen:
                continue
            seen.add(ent.start)
            if _dates_other(ent, trigger) or _in_other_clause(ent, trigger, head):
                continue
            past = past_on is not None and head.i == past_on.i
            resolved = resolve_date(ent.text, published, future=False if past else future)
            resolved = _of_that_time(ent, resolved, published, dates)
            if resolved and counted and not _within(ent, counted[0]):
                return _shifted(resolved, *counted[1:])  # "two days after X struck": Monday - 2
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
    for head in _heads(trigger):
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
    for head in (trigger, *_heads(trigger)):
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


# "two days after", "a week before": the clause they open happened that long from its head's day.
_COUNTED_UNITS = {"day": 1, "week": 7, "year": YEAR_DAYS}
# "days after", "months before": uncounted, they leave only the month or the year of that day.
_UNCOUNTED_UNITS = {"day": "month", "week": "month", "month": "year", "year": "year"}


def _counted_clause(trigger: Token, verbs: list[Token]) -> tuple[Token, int, str | None] | None:
    """The clause on the way up from the trigger that "two days after" or "a week before" opens
    ("broke off relations on Monday, two days after warplanes struck a camp"), with the days
    its day lies from the day of the clause above (-2); uncounted ("days after Kristersson flew
    to Budapest", on Feb. 26), with the precision left of that day (the month)."""
    for verb in (trigger, *verbs):
        # (or a clause the parser joins with "and": "shot down a jet on Wednesday and captured
        # its pilot, a day after Indian warplanes bombed a camp", or takes for a complement:
        # "warned France on Thursday …, a day after Taipei signed a contract")
        misjoined = verb.dep_ in ("conj", "ccomp") and any(
            c.dep_ == "mark" and c.lower_ in ("after", "before") for c in verb.children
        )
        if verb.dep_ != "advcl" and not misjoined:
            continue
        marks = [c for c in verb.children if c.dep_ in ("mark", "prep")]
        # ("two days" on the verb, or on its "after": the parser hangs it either way)
        units = [*verb.children, *(g for m in marks for g in m.children)]
        # (years only before a clause: "came in 1973, three years after Brandt's government
        # signed the treaty"; not "signed on Friday to normalise relations, five years after
        # the war", which the parser hangs on the purpose)
        clause_marks = {m.lower_ for m in marks if m.dep_ == "mark"}
        marks = [m.lower_ for m in marks]
        for unit in units:
            if (
                unit.dep_ == "npadvmod"
                and unit.tag_ == "NNS"
                and unit.lemma_ in _UNCOUNTED_UNITS
                and not any(c.dep_ in ("nummod", "det") for c in unit.children)
                and ("after" in marks or "before" in marks)
            ):
                return verb, 0, _UNCOUNTED_UNITS[unit.lemma_]
            if unit.dep_ != "npadvmod" or unit.lemma_ not in _COUNTED_UNITS:
                continue
            if unit.lemma_ == "year" and not clause_marks & {"after", "before"}:
                continue
            count = next((c for c in unit.children if c.dep_ in ("nummod", "det")), None)
            days = NUMBER_WORDS.get(count.lower_) if count is not None else None
            if days is None and count is not None and count.text.isdigit():
                days = int(count.text)
            if days and ("after" in marks or "before" in marks):
                days *= _COUNTED_UNITS[unit.lemma_]
                return verb, (-days if "after" in marks else days), None
    return None


def _within(ent: Span, clause: Token) -> bool:
    return clause.left_edge.i <= ent.start <= clause.right_edge.i


def _shifted(resolved: ResolvedDate, days: int, left: str | None = None) -> ResolvedDate | None:
    """A day moved by ``days``; a month or a year stays as it is (too coarse to move); whole
    years move the year ("came in 1973, three years after Brandt's government signed the
    Moscow treaty": 1970); ``left``: only that precision of it is known ("days after")."""
    if left is not None:
        if left == "month" and resolved.precision == "day":
            return ResolvedDate(resolved.value[:7], "month")
        if left == "year" and resolved.precision in ("day", "month"):
            return ResolvedDate(resolved.value[:4], "year")
        return resolved
    if days and days % YEAR_DAYS == 0:
        return ResolvedDate(str(int(resolved.value[:4]) + days // YEAR_DAYS), "year")
    if resolved.precision != "day":
        return resolved
    return ResolvedDate(shifted_day(resolved.value, days), "day")


def _verbs_between(trigger: Token, clause: Token) -> list[Token]:
    """The verbs from the trigger up to its clause: the nearest one's date first ("traded blame
    on Wednesday after soldiers were killed in fighting on Monday night": Monday)."""
    if not clause.is_ancestor(trigger):
        return []
    verbs = []
    for head in _heads(trigger):
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
    return next((token for token in (trigger, *_heads(trigger)) if _tells_other_time(token)), None)


def _tells_other_time(token: Token) -> bool:
    """An "after", "before" or "since" clause of a relative clause ("the ties that collapsed
    after Turkey shot down a jet"; but "shook hands on Friday, before Alfonsin crossed into
    Brazil" tells the same day), not one that counts its distance ("a day after his summit
    with Putin ended": a day before the day above)."""
    return (
        token.dep_ == "advcl"
        and token.head.dep_ == "relcl"
        and any(c.dep_ == "mark" and c.lower_ in OTHER_TIMES for c in token.children)
        and _counted_clause(token, []) is None
    )


def _verbs_above(trigger: Token) -> list[Token]:
    """The verbs above the trigger, up to a clause that tells another time ("the ties that
    collapsed after Turkey shot down a Russian jet": not the day of the pledge to rebuild
    them)."""
    verbs = []
    token = trigger
    for head in _heads(trigger):
        if _tells_other_time(token):
            break
        if head.pos_ in ("VERB", "AUX"):
            verbs.append(head)
        token = head
    return verbs


def _heads(token: Token) -> list[Token]:
    """``token``'s heads, nearest first, at most ``DEPTH`` of them: a date's tie to its event
    is never deeper, and walking a run-on sentence to its root for every date of every
    trigger grew with the fourth power of its length."""
    return list(islice(token.ancestors, DEPTH))


def dates_another_clause(ent: Span, trigger: Token) -> bool:
    """A date of the trigger's sentence in a clause that describes someone or something else
    ("held talks with Zaev, whose government took office at the end of May"); not one joined
    to the trigger's ("flew to Berlin and will meet the chancellor on Friday")."""
    return any(
        head.dep_ == "relcl"
        and head.head.i != trigger.i
        and not head.left_edge.i <= trigger.i <= head.right_edge.i
        for head in _heads(ent.root)
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
    ) or any(_within(ent, c) for c in relative_clauses(trigger) if c.head.i != trigger.i):
        return False  # a clause about the trigger dates it: "a summit that was due on April 3"
    for token in _heads(ent.root):
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


def bounds_a_span(ent: Span) -> bool:
    """ "since 2016", "since the return of democracy in 1983", "until Aug 22": when a span
    began or ends, no day an event happened."""
    return any(t.lower_ in SPAN_BOUNDS for t in _heads(ent.root))


def _up_to(token: Token, trigger: Token) -> list[Token]:
    """``token``'s heads up to (not including) the trigger or the sentence's root."""
    heads = []
    for head in _heads(token):
        if head.i == trigger.i:
            break
        heads.append(head)
    return heads


# "Hours later", "later that day", "earlier in the day", "that night", "three days earlier": a
# day counted from the date the story last named, not from publication.
_LATER = re.compile(
    r"\b(?:(?:hours|minutes) later|(?:later|earlier) (?:that|the same|in the) day|"
    r"(?:that|the same) (?:day|night|evening|morning|afternoon)|"
    r"the (?P<next>next|following) day|"
    r"(?P<count>an?|one|two|three|four|five|six|seven|\d{1,2}) (?P<unit>days?|weeks?) "
    r"(?P<way>later|earlier))\b"
    r"(?! than)",
    re.IGNORECASE,
)
# How far back (in tokens) the date a relative day counts from may be.
ANCHOR_TOKENS = 120


def _days(match: re.Match[str]) -> int:
    """How many days "two days later", "a week earlier", "the next day" count."""
    if match.group("next"):
        return 1
    if not match.group("count"):
        return 0  # "hours later", "the same day"
    count = match.group("count").lower()
    days = NUMBER_WORDS.get(count) or int(count)
    days *= 7 if match.group("unit").lower().startswith("week") else 1
    return -days if match.group("way").lower() == "earlier" else days


def tells_the_same_day(sentence: Span) -> bool:
    """ "Earlier in the day", "that evening", "hours later": the day the story told last."""
    match = _LATER.search(sentence.text)
    return match is not None and _days(match) == 0


def counts_a_day(sentence: Span) -> bool:
    """ "the same evening", "two days later": the sentence counts its day from another."""
    return _LATER.search(sentence.text) is not None


def _of_that_time(
    ent: Span, resolved: ResolvedDate | None, published: datetime | None, dates: SpanIndex
) -> ResolvedDate | None:
    """ "in 1994 under an agreement signed in Moscow that July", "later that year": the time of
    the year (or month) told last before, not of publication."""
    own = [t.lower_.rstrip(".") for t in ent]
    if "that" not in own and (ent.start == 0 or ent.doc[ent.start - 1].lower_ != "that"):
        return resolved
    month = next((MONTHS[w] for w in own if w in MONTHS), None)
    unit = "of" if month else own[-1]  # ("that July", "in May that year": its month)
    if unit not in ("year", "month", "of"):
        return resolved
    for earlier in reversed(list(dates.starting(max(0, ent.start - ANCHOR_TOKENS), ent.start - 1))):
        if earlier.end > ent.start - 1 or bounds_a_span(earlier):
            continue
        told = resolve_date(earlier.text, published)
        if told is None or (unit == "month" and told.precision == "year"):
            continue
        if unit == "year":
            return ResolvedDate(told.value[:4], "year")
        if unit == "month":
            return ResolvedDate(told.value[:7], "month")
        return ResolvedDate(f"{told.value[:4]}-{month:02d}", "month")
    return resolved


def relative_to_earlier(
    sentence: Span, published: datetime | None, dates: SpanIndex
) -> ResolvedDate | None:
    """The day "hours later", "three days earlier", "a week later" or "the next day" names in
    ``sentence``: counted from the last full date named before it (in this sentence or the
    ones before), else None."""
    match = _LATER.search(sentence.text)
    if match is None:
        return None
    start = sentence.start_char + match.start()
    before = [
        ent
        for ent in dates.starting(max(0, sentence.start - ANCHOR_TOKENS), sentence.end - 1)
        if ent.end_char <= start
    ]
    for ent in reversed(before):
        anchor = resolve_date(ent.text, published)
        if anchor is None or anchor.precision != "day" or bounds_a_span(ent):
            continue  # (not "the ship is to stay until Aug 22")
        return ResolvedDate(shifted_day(anchor.value, _days(match)), "day")
    return None
