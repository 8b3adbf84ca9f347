"""spaCy pipeline components of the enrichment, registered with ``@Language.factory``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extractor.entities import fix_entities, merge_entities
from extractor.resources_loader import ResourcePaths, load_resources

Doc.set_extension("entities", default=None, force=True)
Doc.set_extension("published", default=None, force=True)
Doc.set_extension("body_start", default=0, force=True)


def _paths(**paths: str | None) -> ResourcePaths:
    return ResourcePaths(**{key: value or None for key, value in paths.items()})


class EntityComponent:
    """Repairs the NER output and merges mentions into canonical entities."""

    def __init__(self, paths: ResourcePaths):
        self.context = load_resources(paths).entity_context

    def __call__(self, doc: Doc) -> Doc:
        fix_entities(doc, self.context)
        doc._.entities = merge_entities(doc, self.context)
        return doc


@Language.factory(
    "newsdesk_entities",
    default_config={"vocabulary": "", "demonyms": "", "regions": ""},
    requires=["doc.ents", "token.ent_iob", "token.ent_type", "token.pos"],
    assigns=["doc.ents", "doc._.entities", "doc.spans"],
)
def make_entities(
    nlp: Language, name: str, vocabulary: str, demonyms: str, regions: str
) -> EntityComponent:
    """Factory of :class:`EntityComponent`; empty paths mean the packaged data files."""
    return EntityComponent(_paths(vocabulary=vocabulary, demonyms=demonyms, regions=regions))
