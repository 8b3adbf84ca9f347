"""Which words trigger which event rule: candidate lemmas found with numpy, then each judged
in its sense (sentence context, the verb's subject and objects)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
from spacy.attrs import LEMMA, LOWER, POS
from spacy.symbols import AUX, NOUN, PROPN, VERB
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from extractor.nlp.arguments import subjects_of
from extractor.nlp.doers import (
    done_by_companies,
    done_by_factions,
    done_by_outlaws,
    fired_on_victims,
    owned_by_a_company,
)
from extractor.nlp.journeys import OFFICIALS, kin_travels, person_goes_to_a_place
from extractor.nlp.rules import EventRule
from extractor.nlp.senses import noun_accepted
from extractor.nlp.verb_senses import (
    excluded_object,
    sense_accepted,
    verb_accepted,
    what_was_agreed,
)

# A year as written in a paper's name.
YEAR = re.compile(r"(?:19|20)\d\d")
# Leagues of states and parties, no sport: "a member of the Arab League".
BODIES = re.compile(
    r"\b(?:Arab League|League of (?:Nations|Arab States)|Awami League|Muslim League"
    r"|National League for Democracy)\b"
)


class Triggers:
    """The trigger words of a rule set and the judgement of each occurrence."""

    def __init__(
        self,
        rules: list[EventRule],
        vocab: Vocab,
        exclude_context: frozenset[str],
        *,
        exclude_patterns: tuple[str, ...] = (),
        followers: frozenset[str] = frozenset(),
        organ: re.Pattern[str] | None = None,
    ):
        self.rules = rules
        self.organ = organ  # (state organs: a named group that is none attacks for no state)
        self.exclude_context = exclude_context
        self.exclude_pattern = (
            re.compile("|".join(f"(?:{p})" for p in exclude_patterns), re.IGNORECASE)
            if exclude_patterns
            else None
        )
        self._last_sentence: _SentenceWords | None = None
        self.trigger_verbs = frozenset(verb for rule in rules for verb in rule.verbs)
        self.trigger_nouns = frozenset(noun for rule in rules for noun in rule.nouns)
        # Trigger lemmas as hash arrays: numpy finds the candidate tokens of a whole document
        # at once, where a Matcher with IN predicates tests each token in Python-level steps.
        strings = vocab.strings
        self.lemmas = [
            (
                np.array([strings.add(lemma) for lemma in rule.verbs], dtype=np.uint64),
                np.array(
                    [strings.add(lemma) for lemma in rule.nouns | rule.dated_nouns],
                    dtype=np.uint64,
                ),
            )
            for rule in rules
        ]
        # (and the same papers named by a proper noun: "the 1948 Treaty of Friendship")
        self.named = [
            np.array([strings.add(noun) for noun in rule.dated_nouns], dtype=np.uint64)
            for rule in rules
        ]
        self.follower_lemmas = np.array(
            [strings.add(lemma) for lemma in followers], dtype=np.uint64
        )

    def followers(self, doc: Doc) -> list[int]:
        """Positions of the verbs by which a state repeats the event before ("followed")."""
        if not len(doc) or not len(self.follower_lemmas):
            return []
        columns = doc.to_array([LEMMA, POS])
        hits = np.isin(columns[:, 0], self.follower_lemmas) & (columns[:, 1] == VERB)
        return [int(i) for i in np.flatnonzero(hits)]

    def candidates(self, doc: Doc) -> list[tuple[int, EventRule]]:
        """(token, rule) of every verb or noun whose lemma triggers a rule, in text order."""
        if not len(doc):
            return []
        columns = doc.to_array([LEMMA, POS, LOWER])
        lemmas, pos, lower = columns[:, 0], columns[:, 1], columns[:, 2]
        verbs, nouns = (pos == VERB) | (pos == AUX), pos == NOUN  # ("was in Moscow")
        found = []
        for index, (verb_lemmas, noun_lemmas) in enumerate(self.lemmas):
            hits = (np.isin(lemmas, verb_lemmas) & verbs) | (np.isin(lemmas, noun_lemmas) & nouns)
            hits |= np.isin(lower, self.named[index]) & (pos == PROPN)
            found += [(int(i), index) for i in np.flatnonzero(hits)]
        return [(start, self.rules[index]) for start, index in sorted(found)]

    def accepts(self, rule: EventRule, trigger: Token, *, filed: bool) -> bool:
        """The trigger in this type's sense: not a modifier ("air raid sirens"), not in a
        sentence about sport (its words, or a result) or money, with the objects its verb
        needs."""
        if trigger.pos_ == "AUX" and not any(c.dep_ in ("prep", "acomp") for c in trigger.children):
            return False  # (most "is" and "was" tell no place: checked first, they are many)
        if hyphenated(trigger) or unreal(trigger) or a_crime(trigger):
            # a word of a compound adjective ("the most far-reaching arms deal"), or no
            # happening ("aid in case of attack", "agreed not to attack", "give up weapons")
            return False
        # The trigger is judged by its own rule, not as context ("war games" are no sport).
        sentence = self._sentence(trigger.sent)
        if sentence.names(self.exclude_context | rule.exclude_context, besides=trigger):
            return False
        if sentence.excluded:
            return False
        if trigger.pos_ in ("NOUN", "PROPN"):
            # (a person's attacks are words: "Trump's frequent attacks on Mexico over trade",
            # "what it saw as an attack by Zelenskiy", "a bruising clash with President
            # Donald Trump over deportation flights")
            said = trigger.lemma_ in rule.words_of_a_person and any(
                (c.dep_ == "poss" and c.ent_type_ == "PERSON")
                or (
                    c.lower_ in ("by", "with")
                    and any(g.ent_type_ == "PERSON" and g.dep_ == "pobj" for g in c.children)
                )
                for c in trigger.children
            )
            # (a paper named by its year is the event of that year: "the 1951 defence
            # agreement with the United States"; not "the deal" alone)
            dated = trigger.lemma_ in rule.nouns or of_a_year(trigger)
            return (
                not said
                and dated
                and trigger.dep_ != "compound"
                and noun_accepted(rule, trigger)
                and not done_by_outlaws(rule, trigger, self.organ)
                and not done_by_factions(trigger)
                and not owned_by_a_company(trigger)
                and not (rule.person_verbs and kin_travels(trigger))
            )
        return (
            not self._verb_of_another_kind(rule, trigger, filed=filed)
            and not excluded_object(rule, trigger)
            and sense_accepted(rule, trigger)
            and verb_accepted(rule, trigger)
            and not done_by_outlaws(rule, trigger, self.organ)
            and not fired_on_victims(rule, trigger)
            and not (rule.accused and _passive_of_nothing(trigger))
        )

    def _sentence(self, sentence: Span) -> _SentenceWords:
        """The words of the trigger's sentence, read once per sentence, not per trigger (a
        run-on sentence's triggers made that quadratic); triggers come in text order."""
        last = self._last_sentence
        if last is None or last.doc is not sentence.doc or last.start != sentence.start:
            pattern = self.exclude_pattern
            counts = Counter(w for t in sentence for w in {t.lemma_.lower(), t.lower_})
            if counts["league"]:  # (a body of states or a party is no sport league)
                counts["league"] -= len(BODIES.findall(sentence.text))
            last = self._last_sentence = _SentenceWords(
                doc=sentence.doc,
                start=sentence.start,
                counts=counts,
                excluded=pattern is not None and pattern.search(sentence.text) is not None,
            )
        return last

    def _verb_of_another_kind(self, rule: EventRule, verb: Token, *, filed: bool) -> bool:
        """A verb that tells no event of this type: jets flying, deals struck by companies,
        "agreed to normalise ties" or "agreed to hold talks" (that event, not an agreement)."""
        if verb.lemma_ in rule.person_verbs and not person_goes_to_a_place(verb, filed=filed):
            return True
        if done_by_companies(verb) or done_by_factions(verb):
            return True
        if (
            verb.lemma_ in rule.words_of_a_person
            and any(_a_person(s) for s in subjects_of(verb))
            and not (
                any(c.dep_ == "dobj" and c.ent_type_ == "GPE" for c in verb.children)
                and not any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)
            )
        ):  # (but "Putin attacked Ukraine on Feb. 24, 2022"; not "attacked the Soviet Union
            # as an evil empire")
            return True  # "Erdogan attacked the Swedish authorities": in words
        return verb.lemma_ in rule.joint_verbs and any(
            c.lemma_ not in HALTS  # ("agreed to stop firing": a ceasefire, an agreement)
            and not any(n.dep_ == "neg" for n in c.children)  # ("agreed not to attack")
            and (
                c.lemma_ in self.trigger_verbs
                or any(o.dep_ == "dobj" and o.lemma_ in self.trigger_nouns for o in c.children)
            )
            for c in what_was_agreed(verb)
        )


def of_a_year(noun: Token) -> bool:
    """A year of the noun's own ("the 1948 Treaty of Friendship", "a 1995 deal", "the
    treaty of 1920")."""
    years = [c for c in noun.children if c.dep_ in ("nummod", "compound", "amod", "nmod")]
    years += [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    return any(YEAR.fullmatch(t.text) is not None for t in years)


def _a_person(subject: Token) -> bool:
    """A person, by the model's label, by an office in apposition ("Prakash Karat, leader of
    the Communist Party of India (Marxist), attacked …", which the model took for a firm) or by
    an office alone ("Libyan officials have attacked Sadat's reliance on Kissinger")."""
    return (
        subject.ent_type_ == "PERSON"
        or (subject.lemma_.lower() in OFFICIALS and not subject.ent_type_)
        or any(c.dep_ == "appos" and c.lemma_.lower() in OFFICIALS for c in subject.children)
    )


def a_crime(trigger: Token) -> bool:
    """What persons are wanted, tried or jailed for is a crime, no event between states:
    "three men wanted for the 1998 bombings of the U.S. embassies", "convicted of the attack"."""
    prep = trigger.head
    return (
        trigger.dep_ == "pobj"
        and prep.lower_ in ("for", "of", "with", "over")
        and prep.head.lemma_.lower() in PROSECUTED
    )


def unreal(trigger: Token) -> bool:
    """A trigger that tells no happening: a case provided for ("come to each other's aid in
    case of an attack", "in the event of an invasion"), a deed promised not to be done
    ("agreed not to attack each other's nuclear facilities"), a weapon given up ("how the North
    should give up its weapons")."""
    if trigger.pos_ == "NOUN":
        of = trigger.head
        case = of.head
        return (
            trigger.dep_ == "pobj"
            and of.lower_ == "of"
            and case.lemma_ in ("case", "event")
            and case.head.lower_ == "in"
        )
    if any(c.dep_ == "prt" and c.lower_ == "up" for c in trigger.children):
        return trigger.lemma_ == "give"
    return (
        trigger.dep_ == "xcomp"
        and trigger.head.lemma_ in PROMISES
        and any(c.dep_ == "neg" for c in trigger.children)
    )


# Words of prosecuting persons: what they are wanted or tried for is a crime.
PROSECUTED = {"want", "wanted", "suspect", "suspected", "charge", "charged", "convict",
              "convicted", "indict", "indicted", "jail", "sentence", "arrest", "try", "execute",
              "prosecute", "hang"}  # fmt: skip
# Verbs by which sides bind themselves: what they promise not to do happens nowhere.
PROMISES = {"agree", "pledge", "promise", "vow", "undertake", "commit"}


def hyphenated(token: Token) -> bool:
    """The second part of a hyphenated word the tokenizer split: "far-reaching",
    "long-awaited" (nouns are kept: "air-strikes"; and a verb's prefix: "re-establish")."""
    if token.i < 2 or token.pos_ == "NOUN":
        return False
    hyphen, first = token.nbor(-1), token.nbor(-2)
    return (
        hyphen.text == "-"
        and not hyphen.whitespace_
        and not first.whitespace_
        and first.lower_ not in VERB_PREFIXES
    )


VERB_PREFIXES = {"re", "co", "pre", "de", "un", "counter", "cross", "over", "out", "self"}


# Verbs whose object is an event brought to an end: two sides agreeing to them agree a truce.
HALTS = {"stop", "halt", "cease", "end"}


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


def _passive_of_nothing(verb: Token) -> bool:
    """A passive with neither what it was done to nor by whom, as the parser left "business
    deals worth several hundred million dollars could be struck": no attack to tell."""
    children = {c.dep_ for c in verb.children}
    return (
        "auxpass" in children
        and not children & {"nsubjpass", "agent", "nsubj"}
        and (verb.dep_ not in ("acl", "relcl", "conj", "xcomp", "advcl"))
    )
