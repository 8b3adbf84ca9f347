"""Keywords (frequent noun phrases that are not named entities) and the lead summary."""

from __future__ import annotations

from collections import Counter

import numpy as np
from spacy.attrs import ENT_TYPE, IS_ALPHA, IS_STOP, LOWER, POS, SENT_START
from spacy.symbols import ADJ, NOUN
from spacy.tokens import Doc

MAX_KEYWORDS = 10
SUMMARY_MIN_WORDS = 35
SUMMARY_MAX_SENTENCES = 3
PHRASE_POS = np.array([ADJ, NOUN], dtype=np.uint64)
# Nouns every news story has; as keywords they say nothing about this one.
GENERIC = {
    "country", "state", "official", "side", "year", "time", "part", "way", "region", "thing",
    "people", "number", "day", "week", "month", "report", "source", "statement", "thousand",
    "percent", "lot", "kind", "area", "group", "level", "field", "use", "head",
}  # fmt: skip
GENERIC |= {
    "countries", "states", "officials", "sides", "years", "times", "parts", "regions", "things",
    "days", "weeks", "months", "reports", "sources", "thousands", "areas",
}  # fmt: skip
# A phrase of n words weighs 1 + 0.5 (n - 1) per occurrence: "drone sales" over "sales".
PHRASE_BONUS = 0.5


def keywords(doc: Doc, limit: int = MAX_KEYWORDS) -> list[str]:
    """Noun phrases by frequency (title and lead first on ties), entities and stop words out."""
    counts: Counter[str] = Counter()
    weights: dict[str, float] = {}
    first: dict[str, int] = {}
    strings = doc.vocab.strings
    for run in _phrase_runs(doc):
        words = [strings[value] for value in run[1]]
        if len(words[-1]) < 3 or (len(words) == 1 and words[0] in GENERIC):
            continue
        phrase = " ".join(words)
        counts[phrase] += 1
        weights[phrase] = 1 + PHRASE_BONUS * (len(words) - 1)
        first.setdefault(phrase, run[0])
    ranked = sorted(counts, key=lambda p: (-counts[p] * weights[p], first[p]))
    return ranked[:limit]


def _phrase_runs(doc: Doc) -> list[tuple[int, list[int]]]:
    """(start, lower-case word hashes) of each run of adjectives and nouns
    ending in a noun, within a sentence, outside entities and titles: the keyword candidates,
    found on the token columns with numpy rather than by walking noun chunks."""
    if not len(doc):
        return []
    columns = doc.to_array([POS, IS_STOP, ENT_TYPE, IS_ALPHA, SENT_START, LOWER])
    pos = columns[:, 0]
    candidate = np.isin(pos, PHRASE_POS) & (columns[:, 1] == 0) & (columns[:, 2] == 0)
    candidate &= columns[:, 3] == 1
    for span in doc.spans.get("titles", []):
        candidate[span.start : span.end] = False
    follows = np.r_[False, candidate[:-1]] & (columns[:, 4] != 1)
    run_ids = np.cumsum(candidate & ~follows) * candidate
    runs = []
    for run_id in np.unique(run_ids[run_ids > 0]).tolist():
        where = np.flatnonzero(run_ids == run_id)
        nouns = where[pos[where] == NOUN]
        if not len(nouns):
            continue
        where = where[where <= nouns[-1]]  # a phrase ends in its last noun
        runs.append((int(where[0]), columns[where, 5].tolist()))
    return runs


def lead_summary(doc: Doc) -> str | None:
    """The first sentences of the body, enough for about 35 words."""
    body_start = doc._.body_start or 0
    picked: list[str] = []
    words = 0
    for sentence in doc.sents:
        if sentence.end_char <= body_start or not sentence.text.strip():
            continue
        picked.append(sentence.text.strip())
        words += len(sentence)
        if words >= SUMMARY_MIN_WORDS or len(picked) == SUMMARY_MAX_SENTENCES:
            break
    return " ".join(picked) or None
