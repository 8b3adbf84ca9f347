"""Keywords (frequent noun phrases that are not named entities) and the lead summary."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

MAX_KEYWORDS = 10
SUMMARY_MIN_WORDS = 35
SUMMARY_MAX_SENTENCES = 3
DROPPED = {"DET", "PRON", "PUNCT", "SPACE", "NUM", "ADP", "CCONJ", "PART"}
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
    titles = {i for span in doc.spans.get("titles", []) for i in range(span.start, span.end)}
    for chunk in doc.noun_chunks:
        words = [
            t.lemma_.lower() if t is chunk.root else t.lower_
            for t in chunk
            if t.pos_ not in DROPPED
            and not t.is_stop
            and not t.ent_type_
            and t.is_alpha
            and t.i not in titles
        ]
        if not words or len(words[-1]) < 3 or (len(words) == 1 and words[0] in GENERIC):
            continue
        phrase = " ".join(words)
        counts[phrase] += 1
        weights[phrase] = 1 + PHRASE_BONUS * (len(words) - 1)
        first.setdefault(phrase, chunk.start)
    ranked = sorted(counts, key=lambda p: (-counts[p] * weights[p], first[p]))
    return ranked[:limit]


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
