"""Builds the spaCy pipeline of the enrichment: the model, the vocabulary ruler, our components."""

from __future__ import annotations

import spacy
from spacy.language import Language

# Imported for their @Language.factory registrations.
import extractor.nlp.attributes
import extractor.nlp.components  # noqa: F401
from extractor.nlp.resources_loader import ResourcePaths, load_resources


def build_pipeline(model: str, paths: ResourcePaths, events: str | None = None) -> Language:
    """Load ``model`` and add the vocabulary ruler (before the NER, which then respects it)."""
    # Every component of the packaged model is read: tagger (POS), parser (dependencies,
    # sentences, noun chunks), lemmatizer (trigger lemmas), ner.
    nlp = spacy.load(model)
    _split_abbreviated_compounds(nlp)
    _drop_wrong_base_forms(nlp)
    if "attribute_ruler" in nlp.pipe_names:
        # Same rules, same output, a fraction of the cost (see extractor.nlp.attributes).
        fast = nlp.add_pipe("newsdesk_attributes", after="attribute_ruler")
        fast.adopt(nlp.get_pipe("attribute_ruler"))  # type: ignore[attr-defined]
        nlp.remove_pipe("attribute_ruler")
    resources = load_resources(paths)
    ruler = nlp.add_pipe(
        "entity_ruler",
        name="newsdesk_vocabulary",
        before="ner",
        config={"phrase_matcher_attr": "LOWER", "validate": True},
    )
    # Patterns only need the tokenizer; with the other pipes on, every pattern would be parsed.
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(resources.vocabulary.ruler_patterns())  # type: ignore[attr-defined]
    config = {
        "vocabulary": paths.vocabulary or "",
        "demonyms": paths.demonyms or "",
        "regions": paths.regions or "",
        "leaders": paths.leaders or "",
    }
    # Country names and demonyms the statistical NER missed ("sell Bahrain drones").
    gazetteer = nlp.add_pipe(
        "entity_ruler", name="newsdesk_countries", after="ner", config={"overwrite_ents": False}
    )
    with nlp.select_pipes(enable=[]):
        gazetteer.add_patterns(resources.countries.ruler_patterns())  # type: ignore[attr-defined]
    nlp.add_pipe("newsdesk_paragraphs", before="parser")
    nlp.add_pipe("newsdesk_entities", after="newsdesk_countries", config=config)
    nlp.add_pipe("newsdesk_topics", config={"taxonomy": paths.taxonomy or ""})
    nlp.add_pipe("newsdesk_events", config={"events": events or ""})
    nlp.add_pipe("newsdesk_quotes")
    return nlp


# A hyphen after an abbreviation's full stop, before a word: "U.S.-led", "U.K.-based".
ABBREVIATED_COMPOUND = r"(?<=[A-Z]\.)-(?=[a-z])"


def _split_abbreviated_compounds(nlp: Language) -> None:
    """ "The U.S.-led coalition": the tokenizer kept "U.S.-led" whole, so the NER never saw
    "U.S." (a "Saudi-led coalition" it splits already)."""
    infixes = [*nlp.Defaults.infixes, ABBREVIATED_COMPOUND]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


# Base forms the model's rule lemmatizer prefers wrongly where a rule reads the lemma: it tries
# "-es" before "-s", so "hopes", "hoped" and "hoping" all came out as "hop", and "hopes to seal a
# deal" was no plan. Without "hop" in its index of verbs "hopes" is "hope"; "hopped" and
# "hopping" keep "hop" from its table of exceptions.
NOT_BASE_FORMS = {"verb": {"hop"}}


def _drop_wrong_base_forms(nlp: Language) -> None:
    if "lemmatizer" not in nlp.pipe_names:
        return
    index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")  # type: ignore[attr-defined]
    for pos, words in NOT_BASE_FORMS.items():
        index[pos] = [form for form in index.get(pos, []) if form not in words]
