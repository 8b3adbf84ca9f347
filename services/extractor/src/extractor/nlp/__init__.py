"""The NLP stage: ``ExtractedDocument``s in, ``Enrichment``s out, with spaCy."""
