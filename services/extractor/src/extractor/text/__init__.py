"""The text stage: a raw page or text file (bytes) in, an ``ExtractedDocument`` out; no spaCy."""
