"""Language identification of article text with py3langid, with a calibrated confidence."""

from __future__ import annotations

from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

# Enough text for a stable guess; more only costs time.
_SAMPLE_CHARS = 800
_MIN_CHARS = 20
# Below this probability a guess is no guess: a list of 10,000 names came out as Fulfulde
# ("fuv", 0.16), which switched the (English) enrichment off.
CONFIDENT = 0.5
# Letters of the Latin script (Basic Latin to Latin Extended-B) among all letters.
_LATIN_SHARE = 0.8
_LATIN_END = 0x250


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    # Loaded once per process (about a second): the worker process keeps it warm.
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str | None, float | None]:
    """ISO 639-1 code and probability of ``text``'s language; (None, None) when too short."""
    sample = text[:_SAMPLE_CHARS]
    if len(sample.strip()) < _MIN_CHARS:
        return None, None
    code, probability = _identifier().classify(sample)
    return str(code), round(float(probability), 3)


def choose_language(text: str, declared: str | None) -> tuple[str | None, float | None]:
    """The language of ``text`` with its probability: the detected one when it is confident,
    else the declared one; a low-confidence guess on Latin-script text with nothing declared
    is no answer (None: unknown, which the enrichment treats as English)."""
    detected, confidence = detect_language(text)
    if detected is None or confidence is None:
        return declared, None
    if confidence >= CONFIDENT:
        return detected, confidence
    if declared:
        return declared, None
    if is_latin_script(text[:_SAMPLE_CHARS]):
        return None, None
    return detected, confidence


def is_latin_script(text: str) -> bool:
    """Whether most letters of ``text`` are Latin ones."""
    letters = [ch for ch in text if ch.isalpha()]
    latin = sum(ord(ch) < _LATIN_END for ch in letters)
    return bool(letters) and latin >= _LATIN_SHARE * len(letters)


def declared_language(value: str | None) -> str | None:
    """The primary subtag of a declared language such as ``en-GB`` or ``pt_BR``."""
    return _base_code(value) if value else None


def _base_code(value: str) -> str | None:
    code = value.strip().replace("_", "-").split("-")[0].lower()
    return code if 2 <= len(code) <= 3 and code.isalpha() else None


def warm_up() -> None:
    """Load the model now, so the first document does not pay for it."""
    _identifier()
