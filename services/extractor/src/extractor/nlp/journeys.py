"""Who and what moves: a person who goes to (or is in) a named place, weapons that arrive."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from spacy.tokens import Token

from extractor.nlp.arguments import PAIR_WORDS, subjects_of, takes_object, where_clause_place
from extractor.nlp.counted import shifted, stay_ended
from extractor.nlp.days import ResolvedDate, this_week

if TYPE_CHECKING:
    from extractor.nlp.entities import EntityCluster
    from extractor.nlp.found import FoundEvent

# Verbs of a journey: a known city after one is the place gone to ("flew to Colombo"), and a
# journey with no day of its own has the day of what it was made for.
TRAVEL_VERBS = {"fly", "travel", "arrive", "go", "come", "return", "head", "sail", "land",
                "journey"}  # fmt: skip
# Nouns of a journey, whose place is where it goes ("his first visit to Kyiv").
TRAVEL_NOUNS = {"visit", "trip", "journey", "tour", "stop", "stopover"}
# Verbs of arriving: a visit begins on the day of one, an arrival late in its day sends what the
# visitor does next to the day after, and a visit someone arrived for is under way.
ARRIVALS = {"arrive", "land", "fly"}
# Nouns of officials who travel ("the Israeli leader flies on to Kazakhstan", "the 11-man
# Chinese mission flew into Brasilia").
OFFICIALS = {"leader", "president", "minister", "premier", "chancellor", "king", "queen",
             "emir", "secretary", "envoy", "delegation", "official", "diplomat", "prince",
             "sultan", "mission"}  # fmt: skip
# Offices a weapon word may name without being cargo ("defence ministry", "arms control envoy").
MINISTRIES = {"ministry", "department", "chief", "attache", "attaché", "adviser", "advisor"}
# Kin of a leader, who travel as private persons.
KIN = {"son", "daughter", "wife", "husband", "brother", "sister", "father", "mother", "nephew",
       "niece", "cousin", "grandson", "granddaughter"}  # fmt: skip
# Pronouns for travellers: a person, or the pair the story has named ("Both had flown to
# Washington for the occasion", "the two flew on to Camp David").
TRAVELLERS = {"he", "she", *PAIR_WORDS}
# Verbs that tell a visit only with the place named, never by a dateline: being somewhere
# ("Karimov was in Moscow") and going ("went to Yerevan"; "he went on to say" goes nowhere).
# (and stopping: "Harris will stop in Seoul"; "had to stop being naive" goes nowhere; and
# spending time: "Putin spent two days in Hanoi", not "spent $2 billion in Afghanistan")
STAYS = {"be": ("in", "at"), "go": ("to",), "stop": ("in", "at"), "spend": ("in", "at"),
         "expect": ("in", "at")}  # fmt: skip
# Verbs that go where their "for" names: "Haig leaves on Wednesday for Manila".
LEFT_FOR = {"leave": ("for",)}
# Verbs of STAYS that tell a stay only in the passive: "Putin is expected in Brisbane".
PASSIVE = {"expect"}
# Verbs of STAYS that need a time as object.
TIMED = {"spend"}
# What carries people as well as weapons: arriving, a weapon only with a military modifier.
CARRIERS = {"aircraft", "plane", "jet", "helicopter"}
MILITARY = {"military", "attack", "fighter", "combat", "army", "naval", "armed"}
# What lands after it is fired: arriving, a delivery only as cargo ("a shipment of missiles").
PROJECTILES = {"missile", "drone", "rocket", "shell", "munition", "bomb", "interceptor"}
# Warships and warplanes that move under their own flag: "the Russian warship arrived in
# Havana", "two Russian Tu-160 bombers landed outside Caracas" are port calls and visits.
PLATFORMS = {"warship", "frigate", "destroyer", "corvette", "cruiser", "submarine", "bomber",
             "ship", "vessel", "flotilla", "squadron"}  # fmt: skip
# What lands that no one delivers: wreckage, and fire ("Turkish artillery fire landed near").
WRECKAGE = {"debris", "fragment", "wreckage", "shrapnel", "remains", "fire", "shelling",
            "barrage", "salvo", "volley", "round"}  # fmt: skip


def person_goes_to_a_place(verb: Token, *, filed: bool = False) -> bool:
    """ "Scholz flew to Paris", "Modi, who arrived in Washington", "attended the summit in
    Johannesburg", "Karimov was in Moscow": a person as subject and a named place to go to or
    be in (jets flying over, tanks arriving are no visits); in a story filed from a place (a
    wire dateline) a person who arrives, flies in or attends goes there ("Howard was among the
    foreign leaders who flew in for the ceremony"), but one who only "is" somewhere names
    it."""
    subjects = subjects_of(verb)
    # (and those joined to them: "Lennart Meri of Estonia, Guntis Ulmanis of Latvia and …")
    # (of a name only: not a ship's name, "Russia's research ship, the Akademik Fedorov")
    named = [s for s in subjects if s.pos_ == "PROPN" or s.ent_type_]
    subjects += [a for s in named for a in s.children if a.dep_ == "appos"]
    subjects += [c for s in subjects for c in s.conjuncts]
    if (verb.lemma_ == "land" and takes_object(verb)) or _active_of_a_passive_stay(verb):
        return False  # ("landed a deal", "landed a job")
    if not any(
        s.ent_type_ == "PERSON" or s.lemma_.lower() in OFFICIALS or s.lower_ in TRAVELLERS
        for s in subjects
    ) or kin_travels(verb):
        return False  # (a person, one by office or a pronoun: "the Israeli leader flies on")
    if filed and verb.lemma_ not in STAYS and not _goes_elsewhere(verb):
        return True
    if verb.lemma_ in STAYS:
        # being or going: the place itself right after the preposition ("was in London", "is
        # due in Shanghai", "went to Yerevan"; not "was in contact with U.S. officials", "went
        # to war in Iraq", "went to school in Britain")
        heads = [verb, *(c for c in verb.children if c.dep_ == "acomp" and c.lower_ == "due")]
        places = _after(heads, STAYS[verb.lemma_])
        if (where := where_clause_place(verb)) is not None:
            places.append(where)  # "Moscow, where Bush spent Monday"
        # (a stay of hours or days: "spent two days", "spent Monday"; not "spent $2 billion",
        # nor years of exile or a holiday: "spent five months in Germany recovering")
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        times = objects or [c for c in verb.children if c.dep_ == "npadvmod"]
        if verb.lemma_ in TIMED and not any(_a_short_stay(t) for t in times):
            return False
        return any(g.ent_type_ in ("GPE", "LOC", "FAC") for g in places)
    # (the place of what is attended: "attended the signing in AlUla"; "arrived in the
    # Vietnamese capital")
    heads = [verb, *(o for o in verb.children if o.dep_ == "dobj")]
    places = _after(heads, ("to", "in", "at", "into", *LEFT_FOR.get(verb.lemma_, ())))
    return any(t.ent_type_ in ("GPE", "LOC", "FAC", "NORP") for g in places for t in g.subtree)


def _active_of_a_passive_stay(verb: Token) -> bool:
    """ "Analysts expected Putin in Brisbane" tells what they thought, not a journey."""
    return verb.lemma_ in PASSIVE and not any(c.dep_ == "auxpass" for c in verb.children)


def _a_short_stay(time: Token) -> bool:
    """A time of hours or days ("four hours", "two days", "Monday", "the night")."""
    return time.ent_type_ in ("DATE", "TIME") and time.lemma_.lower() in SHORT_STAYS


# What a visit's stay is counted in (not weeks, months or years of exile, nor a weekend).
SHORT_STAYS = {"hour", "day", "night", "morning", "afternoon", "evening", "monday", "tuesday",
               "wednesday", "thursday", "friday", "saturday", "sunday"}  # fmt: skip


def _after(heads: list[Token], prepositions: tuple[str, ...]) -> list[Token]:
    """The objects of the heads' ``prepositions``."""
    return [
        g
        for head in heads
        for prep in head.children
        if prep.dep_ == "prep" and prep.lower_ in prepositions
        for g in prep.children
        if g.dep_ == "pobj"
    ]


def _goes_elsewhere(verb: Token) -> bool:
    """The verb names where to, or goes on or back ("flew on to", "flew home", "left for")."""
    return any(
        (c.dep_ == "prep" and c.lower_ in ("to", "into", "towards", *LEFT_FOR.get(verb.lemma_, ())))
        or (c.dep_ in ("prt", "advmod") and c.lower_ in ("on", "back", "home", "out", "off"))
        for c in verb.children
    )


def weapons_arrive(words: frozenset[str], arriving: list[Token]) -> bool:
    """What arrives holds one of ``words``; an aircraft only if it is a warplane ("attack
    aircraft", "military aircraft"), not any that lands ("the hijacked Airbus 310 landed")."""
    heads = {t.i for t in arriving if t.head.i not in {a.i for a in arriving}}
    if any(arriving[0].doc[i].lemma_.lower() in WRECKAGE for i in heads):
        return False  # "debris from a Chinese rocket landed", "artillery fire landed"
    if any(t.i in heads and t.lemma_.lower() in PLATFORMS and _flagged(t) for t in arriving):
        return False  # (but "Russian-built helicopters were unloaded", "built for Vietnam")
    for token in arriving:
        if not {token.lemma_.lower(), token.lower_} & words:
            continue
        if names_an_office(token):
            continue  # a person's office, no cargo: "the German defence minister arrived"
        if token.lemma_.lower() in PROJECTILES and token.i in heads:
            continue  # a missile or a drone that lands was fired, not delivered
        if token.lemma_.lower() not in CARRIERS:
            return True
        if any(c.lower_ in MILITARY for c in token.children if c.dep_ in ("amod", "compound")):
            return True
    return False


def names_an_office(token: Token) -> bool:
    """A word that describes an office, no weapon: "defence" in "the defence minister", "the
    defence ministry"."""
    return token.head.i != token.i and token.head.lemma_.lower() in OFFICIALS | MINISTRIES


def _flagged(platform: Token) -> bool:
    """A warship or warplane its owner's nationality describes ("the Russian warship"), not its
    maker's ("Russian-built")."""
    return any(
        c.dep_ in ("amod", "compound", "poss", "nmod")
        and c.ent_type_ in ("NORP", "GPE")
        and not any(g.lower_ in ("built", "made") for g in c.subtree)
        for c in platform.children
    )


def arriving(verb: Token) -> list[Token]:
    """What arrives: the subject's phrase ("two Egyptian aircraft carrying weapons landed",
    "parts of the Russian system began arriving"), or the noun a clause describes ("the 20
    containers of Russian weapons that were unloaded in Suva")."""
    if verb.dep_ in ("relcl", "acl"):
        return [t for t in verb.head.subtree if not verb.left_edge.i <= t.i <= verb.right_edge.i]
    return [t for s in subjects_of(verb) for t in s.subtree]


def kin_travels(token: Token) -> bool:
    """A leader's family travels as private persons: "His eldest son, Donald Trump Jr., flew
    into Nuuk for a day trip" (the verb, or the noun's verb; or the owner of "whose trip":
    "his son Donald Trump Jr., whose private day trip to the capital")."""
    whose = next((c for c in token.children if c.dep_ == "poss" and c.lower_ == "whose"), None)
    if whose is not None and whose.i > 1:
        # (the name told right before "whose", which the parser may hang elsewhere)
        owner = token.doc[whose.i - 2 if token.doc[whose.i - 1].text == "," else whose.i - 1]
        if any(w.lemma_.lower() in KIN for w in (owner, owner.head, *owner.children)):
            return True
    verb = token
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    subjects = subjects_of(verb)
    subjects += [a for s in subjects for a in s.children if a.dep_ == "appos"]
    return any(s.lemma_.lower() in KIN for s in subjects)


def flown_in(verb: Token) -> bool:
    """ "Ford flew in on Saturday from Seoul, … after four days in Japan": one who flies (or
    comes) in, and names no place gone to, comes where the story is; the places named are
    where he came from."""
    return any(c.dep_ in ("prt", "advmod") and c.lower_ == "in" for c in verb.children) and not any(
        c.dep_ == "prep" and c.lower_ in ("to", "into") for c in verb.children
    )


def to_the_country(trigger: Token) -> bool:
    """ "Castro, making his first visit to the country": in a story filed from a place, the
    country a visit goes to without its name is the one the story is filed from."""
    return any(
        prep.dep_ == "prep"
        and prep.lower_ == "to"
        and any(
            g.dep_ == "pobj" and g.lower_ == "country" and [c.lower_ for c in g.children] == ["the"]
            for g in prep.children
        )
        for prep in trigger.children
    )


def described_place(place: EntityCluster, trigger: Token) -> bool:
    """A place of no state that only describes where the trigger goes ("flew to the Black Sea
    resort"), not one it names ("flew to Camp David")."""
    if place.country:
        return False
    return not any(
        m.root.dep_ == "pobj" for m in place.mentions if m.sent.start == trigger.sent.start
    )


def stop_before(verb: Token) -> tuple[Token, Token] | None:
    """Where a traveller came from when the story says what was done there: "Bush flew into
    Tirana from Rome, where he had an audience with Pope Benedict XVI on Saturday" (a stop in
    Italy): the place and the verb of its "where" clause."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "from":
            continue
        for place in prep.children:
            for clause in place.children:
                if clause.dep_ == "relcl" and any(c.lower_ == "where" for c in clause.children):
                    return place, clause
    return None


def attendees_visits(events: list[FoundEvent]) -> list[FoundEvent]:
    """A meeting held in a state is a visit there by its sides from other states, as the
    writers' brief has it ("a leader who travels to a summit in a third state makes a visit to
    that host too"; "Modi held talks with the Sultan in Bandar Seri Begawan": Modi visits):
    one visit per such meeting, its sides the visitors and its place the host, with the
    meeting's day and status, unless the story tells that visit on that day itself. A paper
    signed somewhere is signed in person there too ("the defence ministers of Syria and Lebanon
    signed an agreement in the Saudi city of Jeddah": both came to Saudi Arabia)."""
    visits = [event for event in events if event.type == "visit"]
    found = []
    # (meetings first: the papers signed at one are signed by its sides, who came for it)
    for meeting in sorted(events, key=lambda event: event.type != "meeting"):
        host = meeting.place.country if meeting.place is not None else None
        sides = {party.country for party in meeting.parties if party.country}
        # (a signing told as the day's news, by the guests of a host or in a third state; not
        # one recalled by its year, nor two neighbours' pact told by the one hosting it)
        signed = (
            meeting.type == "agreement"
            and meeting.trigger.pos_ == "VERB"
            and meeting.status == "reported"
            and meeting.date_precision == "day"
            and (host not in sides or len(sides) > 2)
        )
        if not (meeting.type == "meeting" or signed) or not host or len(sides) < 2:
            continue
        if any(meeting.countries <= v.countries and v.date == meeting.date for v in visits + found):
            continue
        if host in sides and any(
            meeting.countries <= v.countries and v.status == meeting.status for v in visits
        ):
            continue  # (the guests' visit the story tells, on its own day: no second one)
        visit = replace(
            meeting, type="visit", parties=[*meeting.parties], subjects=[*meeting.subjects]
        )
        if meeting.date and meeting.date_precision and (back := stay_ended(meeting.trigger)):
            # (the guests came for its first day: "wrapped up a two-day meeting on Monday")
            start = shifted(ResolvedDate(meeting.date, meeting.date_precision), back)
            visit.date = start.value if start else visit.date
        found.append(visit)
    return found


# Meetings with whom lives there: "summoned the Russian ambassador" is no visit.
RESIDENTS = {"summon"}


def held_where_filed(
    events: list[FoundEvent], filed_from: EntityCluster | None, published: datetime | None
) -> None:
    """A meeting the story tells as its news (a day of the week before publication) with no
    place of its own, among whose sides is the state it was filed from, was held where it was
    filed ("KIRKENES, Norway - … Stoltenberg hosted his counterparts from Russia, Sweden …")."""
    if filed_from is None or not filed_from.country or published is None:
        return
    # (the journey there its sentence tells is the visit: "Cheney flew on to Egypt on Thursday
    # for talks")
    told = {
        e.sentence.start for e in events if e.type == "visit" and filed_from.country in e.countries
    }
    for event in events:
        if (
            event.type == "meeting"
            and event.trigger.lemma_ not in RESIDENTS
            and event.place is None
            and event.status == "reported"
            and event.date_precision == "day"
            and event.date is not None
            and event.sentence.start not in told
            and filed_from.country in event.countries
            and this_week(ResolvedDate(event.date, "day"), published)
        ):
            event.place = filed_from
