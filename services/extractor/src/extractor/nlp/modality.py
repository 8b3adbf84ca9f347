"""The status of an event: reported, or planned, cancelled or denied, from its trigger's syntax."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from spacy.tokens import Token

from extractor.nlp.arguments import has_particle, infinitive, relative_clauses, takes_object
from extractor.nlp.governors import falls, governed, governors, purpose
from extractor.nlp.journeys import ARRIVALS
from extractor.nlp.operator_schemas import EventRules
from extractor.nlp.schedules import PRESENT, arranged, arranged_undone, overtaken, timetabled

if TYPE_CHECKING:
    from extractor.nlp.rules import EventRule

Status = Literal["reported", "planned", "cancelled", "denied"]
CLAUSE_MARKS = {"mark"}
# "days before Tsai leaves on a trip": what a clause of these, in the present, tells is to come.
AHEAD = {"before", "until", "till"}


@dataclass(frozen=True)
class Modality:
    """The modality words of ``events.yaml``, as sets."""

    planned: frozenset[str]
    planned_modifiers: frozenset[str]
    future: frozenset[str]
    conditional: frozenset[str]
    cancelled: frozenset[str]
    cancelled_modifiers: frozenset[str]
    cancelled_particles: dict[str, frozenset[str]]
    #: verbs and the noun after their "on" that shelve an event ("put the strikes on hold")
    cancelled_on: dict[str, frozenset[str]]
    #: verbs and the preposition the event a party leaves hangs on ("withdrew from the
    #: exercise", "pulled out of the talks")
    cancelled_through: dict[str, frozenset[str]]
    denied_particles: dict[str, frozenset[str]]
    habitual: frozenset[str]
    denied: frozenset[str]
    cancelled_if_negated: dict[str, frozenset[str]]
    #: signed papers that conclude an event ("a contract to buy jets" is the sale, no plan)
    papers: frozenset[str] = frozenset()
    #: nouns whose infinitive is a power, no event ("the ability to carry out strikes")
    capability: frozenset[str] = frozenset()
    #: verbs that end what is going on ("to end the fighting"): what they end is no event
    ending: frozenset[str] = frozenset()

    @classmethod
    def from_rules(cls, rules: EventRules) -> Modality:
        """The modality of a validated events file; its ``negators`` deny."""
        words = rules.modality
        return cls(
            planned=frozenset(words.planned),
            planned_modifiers=frozenset(words.planned_modifiers),
            future=frozenset(words.future),
            conditional=frozenset(words.conditional),
            cancelled=frozenset(words.cancelled),
            cancelled_modifiers=frozenset(words.cancelled_modifiers),
            cancelled_particles={k: frozenset(v) for k, v in words.cancelled_particles.items()},
            cancelled_on={k: frozenset(v) for k, v in words.cancelled_on.items()},
            cancelled_through={k: frozenset(v) for k, v in words.cancelled_through.items()},
            denied_particles={k: frozenset(v) for k, v in words.denied_particles.items()},
            habitual=frozenset(words.habitual),
            capability=frozenset(words.capability),
            ending=frozenset(words.ending),
            denied=frozenset(rules.negators),
            cancelled_if_negated={k: frozenset(v) for k, v in words.cancelled_if_negated.items()},
            papers=frozenset(p for spec in rules.types.values() for p in spec.papers),
        )

    def status(self, trigger: Token) -> Status:
        """Cancelled or denied when a governing word says so, planned when it is future,
        intended or conditional, else reported. The first decisive word on the way up wins."""
        return self.decide(trigger)[0]

    def decide(self, trigger: Token) -> tuple[Status, Token]:  # noqa: PLR0911 (one return per decisive word, in the order they win)
        """The status and the word that decides it (the trigger itself when nothing above
        does): "North Korea on Thursday denied that it had exported …" is dated by "denied"."""
        chain = governors(trigger)
        for depth, token in enumerate(chain):
            governs = depth == 0 or governed(chain[depth - 1]) or self._paper_purpose(chain, depth)
            if depth == 0 and self._modified(token, cancelled=True):
                return "cancelled", token
            # (what falls, or what calls something else off, is not called off: "Russian
            # attacks dropped sharply", "the fighting derailed the talks")
            fell = depth > 0 and (falls(token, chain[depth - 1]) or _doer(token, chain[depth - 1]))
            if governs and self.cancels(token) and not fell:
                return "cancelled", token
            if depth > 1 and self._left_through(token, chain[depth - 1]):
                return "cancelled", token  # ("pulled out of a naval exercise with Russia")
            if governs and (
                token.lemma_ in self.denied or has_particle(token, self.denied_particles)
            ):
                return "denied", token
            if any(c.dep_ == "neg" for c in token.children) or _no(token, depth):
                return ("cancelled" if self._called_off(token) else "denied"), token
            if _instead(token):
                return "cancelled", token
            governs_plan = depth > 0 and governed(chain[depth - 1])
            if governs_plan and token.lemma_ in self.planned and overtaken(token):
                return "cancelled", token  # "had been due to visit", "had planned to buy"
        if (later := self._called_off_later(trigger)) is not None:
            return "cancelled", later
        if arranged_undone(chain):
            return "cancelled", trigger  # ("al-Hoss was to have flown to Cairo on Saturday")
        if _arrived_for(trigger):
            return "reported", trigger  # (under way: "arrived on Sunday for a state visit")
        planned = (
            (_purpose_of_a_noun(trigger) and not self._signed_paper(trigger.head))
            or arranged(chain)
            or timetabled(trigger)
            or any(
                self._plans(token, lemma=depth == 0 or governed(chain[depth - 1], plan=True))
                for depth, token in enumerate(chain)
            )
        )
        return ("planned" if planned else "reported"), trigger

    def _called_off_later(self, trigger: Token) -> Token | None:
        """A verb joined to the one whose object the trigger is, calling the event off by a
        pronoun ("had readied cruise missile strikes but put them on hold", "agreed a loan of
        jets and then cancelled it")."""
        if trigger.dep_ != "dobj":
            return None
        return next(
            (
                verb
                for verb in trigger.head.children
                if verb.dep_ == "conj"
                and self.cancels(verb)
                and any(c.dep_ == "dobj" and c.lower_ in ("it", "them") for c in verb.children)
            ),
            None,
        )

    def _paper_purpose(self, chain: list[Token], depth: int) -> bool:
        """ "cancelled a deal on Monday to buy fighter jets": the parser hangs the purpose of
        the paper on the verb; the verb's word on the paper is the purpose's."""
        below = chain[depth - 1]
        return (
            below.dep_ == "advcl"
            and purpose(below)
            and any(
                c.dep_ == "dobj" and c.lemma_.lower() in self.papers for c in chain[depth].children
            )
        )

    def _signed_paper(self, head: Token) -> bool:
        """ "a contract to buy", "a contract worth $375m to buy": a paper the purpose serves."""
        for token in (head, head.head):
            if token.lemma_.lower() in self.papers:
                return True
            if token.dep_ not in ("amod", "npadvmod", "pobj", "prep"):
                return False
        return False

    def no_one_event(self, event_type: str, trigger: Token) -> bool:
        """A custom ("every summer"), a power ("the ability to strike"), whichever there may
        be ("will oppose any aggression"; denied, it is one), what is only supposed, or
        fighting a deal ends ("agreed to halt the fighting"): no one event."""
        if self.habitual_event(trigger) or self.a_capability(trigger):
            return True
        if self.any_one(trigger) and self.status(trigger) not in ("denied", "cancelled"):
            return True
        if self.supposed(trigger):
            return True
        return event_type == "attack" and self.ended(trigger)

    @staticmethod
    def any_one(trigger: Token) -> bool:
        """ "will oppose any aggression", "warned that any strike would …": whichever there may
        be (``EventFinder`` keeps it denied: "denied carrying out any air strikes")."""
        return any(c.dep_ == "det" and c.lower_ == "any" for c in trigger.children)

    def ended(self, trigger: Token) -> bool:
        """ "an agreement meant to end the fighting", "halted five days of fighting", "an end to
        the war": what a deal ends is its background, no event of its own."""
        token = trigger
        if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ == "NOUN":
            token = token.head.head  # ("five days of fighting")
        if token.dep_ == "pobj" and token.head.lower_ == "to":
            return token.head.head.lemma_.lower() in self.ending  # ("an end to the war")
        return token.dep_ == "dobj" and token.head.lemma_.lower() in self.ending

    def habitual_event(self, trigger: Token) -> bool:
        """ "The exercise involves 20,000 troops every summer": a custom, not one event."""
        for token in (trigger, trigger.head):
            for child in token.children:
                if child.lower_ in self.habitual:
                    return True
                if any(g.dep_ == "det" and g.lower_ in self.habitual for g in child.children):
                    return True
        return False

    def a_capability(self, trigger: Token) -> bool:
        """ "developing its ability to carry out long-range strikes", "has a right to bombard
        terrorist suspects", "fears of an attack by China": what a state can do or might, no
        event that happened or is planned."""
        if trigger.dep_ == "pobj" and trigger.head.lower_ == "of":
            # "fears of an attack by China", "the threat of a strike": a possibility
            return trigger.head.head.lemma_.lower() in self.capability
        if trigger.tag_ == "NN" and trigger.lemma_.lower() in self.capability:
            # the word itself ("talk of a ceasefire" is no meeting; the plural "talks" is)
            return any(c.lower_ == "of" for c in trigger.children)
        token = trigger
        for _ in range(3):
            if token.dep_ in ("acl", "relcl", "xcomp") and purpose(token):
                return token.head.lemma_.lower() in self.capability
            if token.dep_ not in ("dobj", "pobj", "prep"):
                return False  # (not across a clause: "suspects who attacked its embassies")
            token = token.head
        return False

    def told_decided(self, rule: EventRule, trigger: Token) -> Token | None:
        """The verb announcing the event as decided ("India announced on Wednesday that it
        would establish full diplomatic relations with Israel"): the decision is the event, no
        plan. Only a "would" clause that names no time of its own ("by the end of 1997"
        plans) and no condition ("if a Palestinian state were created"), announced as done
        ("could announce" is still to come)."""
        head = trigger.head
        if not rule.decided_by or trigger.dep_ != "ccomp" or head.lemma_ not in rule.decided_by:
            return None
        if not any(c.dep_ == "aux" and c.lower_ == "would" for c in trigger.children):
            return None
        if any(c.dep_ == "aux" and c.lower_ in self.future for c in head.children):
            return None
        if any(
            c.dep_ == "advcl" and any(m.lower_ in self.conditional for m in c.children)
            for c in trigger.children
        ):
            return None
        own = [t for t in trigger.subtree if _in_its_clause(t, trigger)]
        return None if any(t.ent_type_ in ("DATE", "TIME") for t in own) else head

    def supposed(self, trigger: Token) -> bool:
        """The trigger is the condition of a clause ("come to each other's aid if attacked",
        "would help defend the island if it were attacked by China"): a case supposed, no
        event."""
        return any(c.dep_ == "mark" and c.lower_ in self.conditional for c in trigger.children)

    def to_come(self, noun: Token) -> bool:
        """What a noun's phrase tells as still to come: "an election that the chancellor will
        lose", "the planned summit" (its future and planned words)."""
        return any(
            t.lower_ in self.future or t.lower_ in self.planned_modifiers for t in noun.subtree
        )

    def cancels(self, token: Token) -> bool:
        """A word that calls an event off: "postponed", "called off", "revoked"."""
        if token.lemma_ in self.cancelled:
            return True
        on = self.cancelled_on.get(token.lemma_, frozenset())
        if any(
            prep.dep_ == "prep" and prep.lower_ == "on" and noun.lemma_.lower() in on
            for prep in token.children
            # (its object, or the next word the parser left beside it: "put on hold a sale")
            for noun in (*prep.children, *prep.doc[prep.i + 1 : prep.i + 2])
        ):
            return True  # ("put the strikes on hold")
        return has_particle(token, self.cancelled_particles)

    def _left_through(self, verb: Token, below: Token) -> bool:
        """A party leaves the event hung on the preposition ``below``: "withdrew from the talks",
        "pulled out of the exercise" (the event left is called off for it)."""
        through = self.cancelled_through.get(verb.lemma_)
        return (
            through is not None
            and verb.pos_ == "VERB"
            and below.pos_ == "ADP"
            and below.head.i == verb.i
            and below.lower_ in through
        )

    def _called_off(self, token: Token) -> bool:
        """A negated verb that says the event is off: "will not go ahead", "not take place"."""
        needs = self.cancelled_if_negated.get(token.lemma_)
        if needs is None:
            return False
        return not needs or any(c.lower_ in needs for c in token.children)

    def _modified(self, token: Token, *, cancelled: bool) -> bool:
        words = self.cancelled_modifiers if cancelled else self.planned_modifiers
        return any(
            c.dep_ in ("amod", "acl", "compound") and c.lower_ in words for c in token.children
        )

    def _plans(self, token: Token, *, lemma: bool) -> bool:
        if (lemma and token.lemma_ in self.planned) or self._modified(token, cancelled=False):
            return True
        if any(self._to_come(token, child) for child in token.children):
            return True
        return any(self._clause_to_come(c) for c in relative_clauses(token) if c.head is not token)

    def _to_come(self, token: Token, child: Token) -> bool:
        """A word below ``token`` that says it is still to come."""
        dep, word = child.dep_, child.lower_
        if dep in ("aux", "auxpass"):
            return word in self.future  # "will meet"
        if dep in CLAUSE_MARKS:
            # "if Ankara agrees"; "days before Tsai leaves on a trip" (a present clause)
            return word in self.conditional or (word in AHEAD and token.tag_ in PRESENT)
        if dep == "acomp":
            return child.lemma_ in self.planned  # "Yellen is due in South Africa on a tour"
        # "the summit Japan will host": a clause about the noun says it is to come
        return dep == "relcl" and self._clause_to_come(child)

    def _clause_to_come(self, clause: Token) -> bool:
        """A relative clause that puts its noun ahead: "that Japan will host", "which are due
        to resume", "which are expected to open"."""
        return any(
            (g.dep_ == "aux" and g.lower_ in self.future)
            or (g.dep_ == "acomp" and g.lemma_ in self.planned)
            for g in clause.children
        ) or (clause.lemma_ in self.planned and clause.tag_ == "VBN")


# Nouns of an intent that "no" denies with what it is for: "no intention of switching".
INTENTS = {"intention", "plan", "desire", "wish", "interest", "aim", "intent"}


def _no(token: Token, depth: int) -> bool:
    """ "There had been no attack": the trigger noun itself denied by "no"; "No Israeli
    official has set foot in Saudi Arabia": a verb whose subject is "no" one; "had no intention
    of switching recognition", "has no plans to buy": an intent above it that is "no" one."""
    if depth != 0:
        return (
            token.pos_ == "NOUN"
            and token.lemma_.lower() in INTENTS
            and any(c.dep_ == "det" and c.lower_ == "no" for c in token.children)
        )
    if token.pos_ == "NOUN":
        return any(c.dep_ == "det" and c.lower_ == "no" for c in token.children)
    return any(
        c.dep_ in ("nsubj", "nsubjpass")
        and any(g.dep_ == "det" and g.lower_ == "no" for g in c.children)
        for c in token.children
    )


def _instead(token: Token) -> bool:
    """ "… would return to Washington rather than travel on to Australia", "instead of
    visiting Kyiv": what was to happen and will not."""
    doc, head = token.doc, token.head
    if token.dep_ == "pcomp" and head.lower_ == "of" and head.i > 0:
        return doc[head.i - 1].lower_ == "instead"
    if token.dep_ not in ("conj", "pcomp", "advcl"):
        return False
    before = [t.lower_ for t in doc[max(0, token.i - 3) : token.i]]
    return "rather" in before and "than" in before


def _purpose_of_a_noun(trigger: Token) -> bool:
    """ "A plan to buy missiles", "an offer to supply drones": what a noun is for is still to
    come (but see ``Modality.papers``: a signed contract to buy is the sale)."""
    return (
        trigger.dep_ in ("acl", "xcomp")
        and trigger.head.pos_ in ("NOUN", "ADJ")  # "a contract worth $375m to buy": worth
        and infinitive(trigger)
    )


def _in_its_clause(token: Token, verb: Token) -> bool:
    """``token`` is in ``verb``'s own clause, not in one below it ("abandoning a policy of 40
    years", "closing a chapter that opened twenty years ago")."""
    for head in (token, *token.ancestors):
        if head.i == verb.i:
            return True
        if head.dep_ in ("advcl", "relcl", "acl", "ccomp", "xcomp"):
            return False
    return False


def _doer(verb: Token, below: Token) -> bool:
    """``below`` is the active subject of a verb with an object: it does what the verb says."""
    return below.dep_ == "nsubj" and takes_object(verb)


def _arrived_for(trigger: Token) -> bool:
    """A visit someone arrived for has begun: "Muizzu, who arrived on Sunday for a five-day
    state visit that will also take him to Mumbai" (not "will arrive for talks")."""
    prep = trigger.head
    if trigger.dep_ != "pobj" or prep.lower_ != "for" or prep.head.lemma_ not in ARRIVALS:
        return False
    verb = prep.head
    return verb.tag_ in ("VBD", "VBN") and not any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in ("will", "would", "to") for c in verb.children
    )
