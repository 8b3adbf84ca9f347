"""The model's attribute rules (tag → POS and morphology, word exceptions) applied with numpy."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
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
    """One token attribute that must equal a value or be one of several."""

    column: int
    values: tuple[int, ...]


class ArrayAttributeRuler:
    """Same results as the model's AttributeRuler, at a fraction of its cost.

    The AttributeRuler's Matcher tries its 179 patterns at every token; almost all of them are
    single-token equalities (a tag, a word and a tag), which numpy tests on whole columns at
    once. Multi-token and regex patterns keep a small Matcher of their own. All matches are
    then written in rule order (later rules win, as in the AttributeRuler) with one
    ``Doc.from_array``; the few rules that set anything but LEMMA, POS and MORPH keep the
    AttributeRuler's own path. ``tests/nlp`` checks the output is identical.
    """

    def __init__(self) -> None:
        self.ruler: AttributeRuler | None = None
        self.simple: list[tuple[int, list[list[Condition]]]] = []

    def adopt(self, ruler: AttributeRuler) -> None:
        """Take over the rules of ``ruler`` (the model's attribute_ruler)."""
        self.ruler = ruler
        strings = ruler.vocab.strings
        self.complex = Matcher(ruler.vocab)
        self.rule_of: dict[int, int] = {}
        for rule, spec in enumerate(ruler.patterns):
            alternatives = [_conditions(pattern, strings) for pattern in spec["patterns"]]
            if all(alt is not None for alt in alternatives):
                self.simple.append((rule, alternatives))  # type: ignore[arg-type]
            else:
                self.complex.add(str(rule), spec["patterns"])
                self.rule_of[strings[str(rule)]] = rule
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
            lengths = [len(doc) for doc in docs]
            offsets = np.cumsum([0, *lengths])
            if not offsets[-1]:
                yield from docs
                continue
            columns = np.concatenate([doc.to_array(TEST_COLUMNS) for doc in docs if len(doc)])
            rules, tokens = self._simple_matches(columns)
            owner = np.searchsorted(offsets, tokens, side="right") - 1
            for i, doc in enumerate(docs):
                mine = owner == i
                self._apply(doc, rules[mine], tokens[mine] - offsets[i])
                yield doc

    def _simple_matches(self, columns: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        rules: list[np.ndarray] = []
        tokens: list[np.ndarray] = []
        for rule, alternatives in self.simple:
            mask = _mask(columns, alternatives[0])
            for conditions in alternatives[1:]:
                mask |= _mask(columns, conditions)
            hits = np.flatnonzero(mask)
            if len(hits):
                rules.append(np.full(len(hits), rule))
                tokens.append(hits)
        if not rules:
            return np.array([], dtype=np.int64), np.array([], dtype=np.int64)
        return np.concatenate(rules), np.concatenate(tokens)

    def _apply(self, doc: Doc, rules: np.ndarray, tokens: np.ndarray) -> None:
        assert self.ruler is not None, "adopt() the model's attribute_ruler first"
        extra = [
            (self.rule_of[match_id], start, end)
            for match_id, start, end in self.complex(doc, allow_missing=True)
        ]
        if extra:
            found = np.array(extra, dtype=np.int64)
            index = self.indices[found[:, 0]]
            at = np.where(index >= 0, found[:, 1] + index, found[:, 2] + index)
            rules, tokens = np.concatenate([rules, found[:, 0]]), np.concatenate([tokens, at])
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


def _conditions(pattern: list[dict[str, Any]], strings: StringStore) -> list[Condition] | None:
    """A single-token pattern of equalities and IN sets as conditions; None if anything else."""
    if len(pattern) != 1:
        return None
    conditions = []
    for key, value in pattern[0].items():
        if key not in TEST_ATTRS:
            return None
        if isinstance(value, dict):
            if set(value) != {"IN"}:
                return None
            values = tuple(_hash(v, strings) for v in value["IN"])
        else:
            values = (_hash(value, strings),)
        conditions.append(Condition(TEST_COLUMNS.index(TEST_ATTRS[key]), values))
    return conditions


def _hash(value: object, strings: StringStore) -> int:
    return int(value) if isinstance(value, bool) else strings.add(str(value))


def _mask(columns: np.ndarray, conditions: list[Condition]) -> np.ndarray:
    mask = np.ones(len(columns), dtype=bool)
    for condition in conditions:
        column = columns[:, condition.column]
        if len(condition.values) == 1:
            mask &= column == np.uint64(condition.values[0])
        else:
            mask &= np.isin(column, np.asarray(condition.values, dtype=np.uint64))
    return mask


@Language.factory(
    "newsdesk_attributes",
    assigns=["token.pos", "token.morph", "token.lemma"],
    requires=["token.tag"],
)
def make_attributes(nlp: Language, name: str) -> ArrayAttributeRuler:
    """Factory of :class:`ArrayAttributeRuler`; ``adopt`` the model's ruler after adding it."""
    return ArrayAttributeRuler()
