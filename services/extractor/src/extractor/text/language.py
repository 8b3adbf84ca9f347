"""Language identification of article text with py3langid, with a calibrated confidence."""

from __future__ import annotations

from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

# Enough text for a stable guess; more only costs time.
_SAMPLE_CHARS = 800
_MIN_CHARS = 20


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


def declared_language(value: str | None) -> str | None:
    """The primary subtag of a declared language such as ``en-GB`` or ``pt_BR``."""
    return _base_code(value) if value else None


def _base_code(value: str) -> str | None:
    code = value.strip().replace("_", "-").split("-")[0].lower()
    return code if 2 <= len(code) <= 3 and code.isalpha() else None


def warm_up() -> None:
    """Load the model now, so the first document does not pay for it."""
    _identifier()
