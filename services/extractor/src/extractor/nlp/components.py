"""spaCy pipeline components of the enrichment, registered with ``@Language.factory``."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extractor.nlp.clusters import merge_entities
from extractor.nlp.entities import fix_entities
from extractor.nlp.events import EventFinder
from extractor.nlp.quotes import QuoteFinder
from extractor.nlp.resources_loader import ResourcePaths, load_resources
from extractor.nlp.roles import Office, read_roles
from extractor.nlp.topics import TopicMatcher
from extractor.nlp.vocabulary import default_path

Doc.set_extension("entities", default=None, force=True)
Doc.set_extension("events", default=None, force=True)
Doc.set_extension("office_holders", default=None, force=True)
Doc.set_extension("quotes", default=None, force=True)
Doc.set_extension("topics", default=None, force=True)
Doc.set_extension("published", default=None, force=True)
Doc.set_extension("body_start", default=0, force=True)

#: Set on every Doc by ``Enricher.make_doc`` before the pipeline runs, not by a component:
#: components list them in ``requires``, and ``nlp.analyze_pipes()`` reports them as the only
#: attributes no earlier component assigns.
PIPELINE_INPUTS = ("doc._.published", "doc._.body_start")


_SEMICOLON = re.compile(r";\s+(?=\S)")
_LINE_BREAK = re.compile(r"\n\s*(?=\S)")
SENTENCE_ENDS = {".", "!", "?"}
# ``SENT_START`` -1 (no sentence starts here) as the unsigned integer ``Doc.to_array`` gives.
NOT_A_START = np.iinfo(np.uint64).max
# A wire dateline opening the body: a city in capitals, a comma, a date and the agency, a dash
# ("KYIV, Nov 21 (Reuters) - ", "CHEBARKUL, Russia, Aug. 17 (Wire) - ").
_DATELINE = re.compile(r"[A-Z][A-Z.'’ -]*[A-Z.],[^\n]{0,80}?\s(?:-|–|—|--)\s+(?=\S)")


def _paths(**paths: str | None) -> ResourcePaths:
    return ResourcePaths(**{key: value or None for key, value in paths.items()})


@Language.component(
    "newsdesk_paragraphs", assigns=["token.is_sent_start"], requires=["doc._.body_start"]
)
def paragraphs(doc: Doc) -> Doc:
    """Start a sentence after every line break: the parser sometimes runs paragraphs together.
    A wire dateline is a sentence of its own, and no sentence starts inside the lead's first
    sentence after it: parsed together, the dateline took the lead's subject in a third of the
    stories ("MINSK, Feb. 12 (Wire) - Russia, Ukraine, Germany and France agreed": "Russia" a
    conjunct of "Feb.", and "agreed" with no subject).

    All marks are set in one array write: ``token.is_sent_start = True`` scans the whole Doc
    for a parse on every call, which made this step quadratic in the length of the text.
    """
    text = doc.text
    breaks = [match.end() for match in _LINE_BREAK.finditer(text)]
    breaks += [match.end() for match in _SEMICOLON.finditer(text)]
    breaks.sort()
    dateline = _DATELINE.match(text, doc._.body_start or 0)
    if (not breaks and not dateline) or len(doc) < 2:
        return doc
    columns = doc.to_array([SENT_START, IDX])
    if dateline:
        lead = int(np.searchsorted(columns[:, 1], dateline.end(), side="right")) - 1
        paragraph_starts = set(breaks)
        for token in doc[lead + 1 :]:
            if token.text in SENTENCE_ENDS or token.idx in paragraph_starts or token.is_space:
                break
            columns[token.i, 0] = NOT_A_START
        breaks.append(dateline.end())
    # The token holding the first character after each break (that character is never a space).
    tokens = np.searchsorted(columns[:, 1], np.array(breaks, dtype=np.uint64), side="right") - 1
    columns[tokens[tokens > 0], 0] = 1
    doc.from_array([SENT_START], columns[:, :1])
    return doc


class EntityComponent:
    """Repairs the NER output, reads titles, and merges mentions into canonical entities."""

    def __init__(self, paths: ResourcePaths):
        self.context = load_resources(paths).entity_context

    def __call__(self, doc: Doc) -> Doc:
        fix_entities(doc, self.context)
        roles = read_roles(doc, self.context)
        offices = [
            Span(doc, o.span.start, o.span.end, label="ORG", kb_id=o.institution)
            for o in roles.offices
        ]
        # An office replaces the ministry mention it came from, and outranks nothing else.
        office_starts = {span.start for span in offices}
        kept = [ent for ent in doc.ents if ent.start not in office_starts]
        doc.ents = filter_spans([*kept, *offices])
        known: dict[int, str | None] = dict(roles.person_country)
        known.update({o.span.start: o.country for o in roles.offices})
        doc._.entities = merge_entities(
            doc, self.context, known, host=roles.home, published=doc._.published
        )
        doc._.office_holders = _office_holders(doc, roles.offices)
        return doc


def _office_holders(doc: Doc, offices: list[Office]) -> dict[int, str]:
    """Title mentions → the canonical person holding the title ("the Interior Minister" → …)."""
    holders = {o.institution: doc[o.holder].ent_kb_id_ for o in offices if o.holder is not None}
    return {
        o.span.start: holders[o.institution]
        for o in offices
        if o.from_title and holders.get(o.institution)
    }


@Language.factory(
    "newsdesk_entities",
    default_config={"vocabulary": "", "demonyms": "", "regions": "", "leaders": ""},
    requires=[
        "doc.ents",
        "token.ent_iob",
        "token.ent_type",
        "token.pos",
        "token.tag",
        "token.is_sent_start",
        "doc._.body_start",
        "doc._.published",
    ],
    # doc.spans: the "titles" group (read by the keywords of to_enrichment).
    assigns=["doc.ents", "doc.spans", "doc._.entities", "doc._.office_holders"],
)
def make_entities(
    nlp: Language, name: str, *, vocabulary: str, demonyms: str, regions: str, leaders: str
) -> EntityComponent:
    """Factory of :class:`EntityComponent`; empty paths mean the packaged data files."""
    return EntityComponent(
        _paths(vocabulary=vocabulary, demonyms=demonyms, regions=regions, leaders=leaders)
    )


class EventComponent:
    """Finds typed events in the parsed sentences, after the entities are merged."""

    def __init__(self, nlp: Language, events: str):
        path = Path(events) if events else default_path("events.yaml")
        self.finder = EventFinder.load(path, nlp.vocab)

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = self.finder.find(doc, doc._.entities or [])
        return doc


@Language.factory(
    "newsdesk_events",
    default_config={"events": ""},
    # doc.spans: the "topic_terms" group of newsdesk_topics (the events' subjects).
    requires=[
        "doc.ents",
        "doc.sents",
        "doc.spans",
        "token.dep",
        "token.head",
        "token.lemma",
        "token.pos",
        "token.ent_type",
        "doc._.entities",
        "doc._.published",
        "doc._.body_start",
    ],
    assigns=["doc._.events"],
)
def make_events(nlp: Language, name: str, events: str) -> EventComponent:
    """Factory of :class:`EventComponent`; an empty path means the packaged events.yaml."""
    return EventComponent(nlp, events)


class QuoteComponent:
    """Finds quotations and resolves their speakers to canonical entities."""

    def __init__(self, nlp: Language):
        self.finder = QuoteFinder(nlp.vocab)

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = self.finder.find(doc)
        return doc


@Language.factory(
    "newsdesk_quotes",
    requires=[
        "doc.ents",
        "doc.sents",
        "token.dep",
        "token.head",
        "token.lemma",
        "token.pos",
        "doc._.office_holders",
        "doc._.body_start",
    ],
    assigns=["doc._.quotes"],
)
def make_quotes(nlp: Language, name: str) -> QuoteComponent:
    """Factory of :class:`QuoteComponent`."""
    return QuoteComponent(nlp)


class TopicComponent:
    """Matches the taxonomy terms; keeps the term spans for event subjects."""

    def __init__(self, nlp: Language, taxonomy: str):
        path = Path(taxonomy) if taxonomy else default_path("taxonomy.yaml")
        self.matcher = TopicMatcher.load(path, nlp)

    def __call__(self, doc: Doc) -> Doc:
        spans = self.matcher.term_spans(doc)
        doc.spans["topic_terms"] = spans
        doc._.topics = self.matcher.topics(doc, spans)
        return doc


@Language.factory(
    "newsdesk_topics",
    default_config={"taxonomy": ""},
    # Terms match on token.lower, a lexical attribute of the tokenizer: no component assigns it.
    requires=["doc._.body_start"],
    # doc.spans: the "topic_terms" group (read by newsdesk_events).
    assigns=["doc.spans", "doc._.topics"],
)
def make_topics(nlp: Language, name: str, taxonomy: str) -> TopicComponent:
    """Factory of :class:`TopicComponent`; an empty path means the packaged taxonomy.yaml."""
    return TopicComponent(nlp, taxonomy)
