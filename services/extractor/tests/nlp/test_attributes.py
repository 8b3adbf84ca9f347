"""The numpy attribute rules give exactly what the model's own AttributeRuler gives."""

from __future__ import annotations

import spacy

from extractor.nlp.enrich import Enricher

from .seeds import seed_document, seed_names


def test_same_pos_morph_and_lemma_as_the_attribute_ruler(enricher: Enricher) -> None:
    reference = spacy.load(enricher.options.model, exclude=["ner"])
    texts = [seed_document(name).text for name in seed_names()]
    texts.append("Y'all gonna sign it? There's no deal: we ain't got it, c'mon, let's go.")
    ours = enricher.nlp.select_pipes(
        enable=["tok2vec", "tagger", "parser", "newsdesk_attributes", "lemmatizer"]
    )
    with ours:
        mine = list(enricher.nlp.pipe(texts))
    theirs = list(reference.pipe(texts))
    view = [[(t.pos_, str(t.morph), t.lemma_) for t in doc] for doc in mine]
    expected = [[(t.pos_, str(t.morph), t.lemma_) for t in doc] for doc in theirs]
    assert view == expected
