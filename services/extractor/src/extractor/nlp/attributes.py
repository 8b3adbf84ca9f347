"""The model's attribute rules (tag → POS and morphology, word exceptions) applied with numpy."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs
from spacy.util import minibatch

VECTOR_ATTRS = (LEMMA, POS, MORPH)
TEST_ATTRS = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
TEST_COLUMNS = list(TEST_ATTRS.values())


@dataclass(frozen=True)
class Condition:
    """One token attribute that must equal a value, be (or not be) one of several, or match a
    regex."""

    column: int
    values: tuple[int, ...] = ()
    regex: re.Pattern[str] | None = None
    negated: bool = False


# A pattern: the conditions of each of its tokens, in order.
Pattern = list[list[Condition]]


class ArrayAttributeRuler:
    """Same results as the model's AttributeRuler, at a fraction of its cost.

    The AttributeRuler's Matcher tries its 179 patterns at every token, in Python-level steps
    for its IN and REGEX predicates. The patterns are plain conjunctions over one or two tokens
    (a tag, a word and a tag, "gon" + "na"), which numpy tests on the columns of a whole batch
    at once. All matches are then written in rule order (later rules win, as in the
    AttributeRuler) with one ``Doc.from_array`` per document; the few rules that set anything
    but LEMMA, POS and MORPH keep the AttributeRuler's own setter. ``tests/nlp`` checks that
    the output is identical.
    """

    def __init__(self) -> None:
        self.ruler: AttributeRuler | None = None
        self.rules: list[tuple[int, list[Pattern]]] = []
        self.regex_hits: dict[tuple[str, int], bool] = {}

    def adopt(self, ruler: AttributeRuler) -> None:
        """Take over the rules of ``ruler`` (the model's attribute_ruler)."""
        self.ruler = ruler
        self.strings = ruler.vocab.strings
        for rule, spec in enumerate(ruler.patterns):
            patterns = [_pattern(tokens, self.strings) for tokens in spec["patterns"]]
            self.rules.append((rule, patterns))
        count = len(ruler.attrs)
        self.values = np.zeros((count, len(VECTOR_ATTRS)), dtype=np.uint64)
        self.present = np.zeros((count, len(VECTOR_ATTRS)), dtype=bool)
        self.other = np.zeros(count, dtype=bool)
        for rule, attrs in enumerate(ruler.attrs):
            for attr, value in attrs.items():
                if attr in VECTOR_ATTRS:
                    self.values[rule, VECTOR_ATTRS.index(attr)] = value
                    self.present[rule, VECTOR_ATTRS.index(attr)] = True
                else:
                    self.other[rule] = True
        self.indices = np.asarray(ruler.indices, dtype=np.int64)

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Test a whole batch's columns at once: numpy pays its overhead once per batch."""
        for batch in minibatch(stream, size=batch_size):
            docs = list(batch)
            offsets = np.cumsum([0, *(len(doc) for doc in docs)])
            if not offsets[-1]:
                yield from docs
                continue
            columns = np.concatenate([doc.to_array(TEST_COLUMNS) for doc in docs if len(doc)])
            owner = np.repeat(np.arange(len(docs)), np.diff(offsets))
            rules, tokens = self._matches(columns, owner)
            found_in = owner[tokens]
            for i, doc in enumerate(docs):
                mine = found_in == i
                self._apply(doc, rules[mine], tokens[mine] - offsets[i])
                yield doc

    def _matches(self, columns: np.ndarray, owner: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(rule, token) of every match in the batch, tokens numbered across the batch."""
        masks: dict[Condition, np.ndarray] = {}
        rules: list[np.ndarray] = []
        tokens: list[np.ndarray] = []
        for rule, patterns in self.rules:
            for pattern in patterns:
                starts = self._starts(pattern, columns, owner, masks)
                if len(starts):
                    index = int(self.indices[rule])
                    rules.append(np.full(len(starts), rule))
                    tokens.append(starts + (index if index >= 0 else len(pattern) + index))
        if not rules:
            return np.array([], dtype=np.int64), np.array([], dtype=np.int64)
        return np.concatenate(rules), np.concatenate(tokens)

    def _starts(
        self,
        pattern: Pattern,
        columns: np.ndarray,
        owner: np.ndarray,
        masks: dict[Condition, np.ndarray],
    ) -> np.ndarray:
        """Batch positions where ``pattern`` starts, within one document."""
        width = len(columns) - len(pattern) + 1
        if width <= 0:
            return np.array([], dtype=np.int64)
        hit = owner[:width] == owner[len(pattern) - 1 :]
        for offset, conditions in enumerate(pattern):
            for condition in conditions:
                if condition not in masks:
                    masks[condition] = self._mask(columns[:, condition.column], condition)
                hit &= masks[condition][offset : offset + width]
        return np.flatnonzero(hit)

    def _mask(self, column: np.ndarray, condition: Condition) -> np.ndarray:
        if condition.regex is None:
            values = np.asarray(condition.values, dtype=np.uint64)
            mask = column == values[0] if len(values) == 1 else np.isin(column, values)
            return ~mask if condition.negated else mask
        regex = condition.regex
        matching = [value for value in np.unique(column).tolist() if self._regex_hit(regex, value)]
        return np.isin(column, np.asarray(matching, dtype=np.uint64))

    def _regex_hit(self, regex: re.Pattern[str], value: int) -> bool:
        key = (regex.pattern, value)
        if key not in self.regex_hits:
            self.regex_hits[key] = bool(regex.search(self.strings[value]))
        return self.regex_hits[key]

    def _apply(self, doc: Doc, rules: np.ndarray, tokens: np.ndarray) -> None:
        if self.ruler is None:
            raise RuntimeError("adopt() the model's attribute_ruler first")
        if not len(rules):
            return
        order = np.argsort(rules, kind="stable")
        rules, tokens = rules[order], tokens[order]
        array = doc.to_array(list(VECTOR_ATTRS))
        for column in range(len(VECTOR_ATTRS)):
            chosen = self.present[rules, column]
            array[tokens[chosen], column] = self.values[rules[chosen], column]
        doc.from_array(list(VECTOR_ATTRS), array)
        rare = self.other[rules]
        for rule, token in zip(rules[rare].tolist(), tokens[rare].tolist(), strict=True):
            set_token_attrs(doc[token], self.ruler.attrs[rule])


def _pattern(tokens: list[dict[str, Any]], strings: StringStore) -> Pattern:
    """A Matcher pattern as conditions; anything but equality, IN, NOT_IN and REGEX is
    refused (the model's rules use nothing else)."""
    return [[_condition(key, value, strings) for key, value in token.items()] for token in tokens]


def _condition(key: str, value: object, strings: StringStore) -> Condition:
    if key not in TEST_ATTRS:
        raise ValueError(f"attribute rule on {key} is not supported")
    column = TEST_COLUMNS.index(TEST_ATTRS[key])
    if not isinstance(value, dict):
        return Condition(column, (_hash(value, strings),))
    if set(value) in ({"IN"}, {"NOT_IN"}):
        (operator, values), *_ = value.items()
        hashes = tuple(_hash(v, strings) for v in values)
        return Condition(column, hashes, negated=operator == "NOT_IN")
    if set(value) == {"REGEX"} and key == "LOWER":
        return Condition(column, regex=re.compile(value["REGEX"]))
    raise ValueError(f"attribute rule predicate {value} is not supported")


def _hash(value: object, strings: StringStore) -> int:
    return int(value) if isinstance(value, bool) else strings.add(str(value))


@Language.factory(
    "newsdesk_attributes",
    assigns=["token.pos", "token.morph", "token.lemma"],
    requires=["token.tag"],
)
def make_attributes(nlp: Language, name: str) -> ArrayAttributeRuler:
    """Factory of :class:`ArrayAttributeRuler`; ``adopt`` the model's ruler after adding it."""
    return ArrayAttributeRuler()
