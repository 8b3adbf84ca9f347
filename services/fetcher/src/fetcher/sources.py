"""The sources file (``sources.yaml``): what to poll, validated with pydantic."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ValidationError

from newsdesk.errors import ConfigError

SourceKind = Literal["feed", "sitemap", "urls", "directory", "url"]


class Source(BaseModel):
    """One source of articles."""

    id: str
    kind: SourceKind
    url: str | None = None
    path: Path | None = None
    name: str | None = None
    interval: str = "15m"


class SourcesFile(BaseModel):
    """The whole sources file."""

    sources: list[Source]


def load_sources(path: Path) -> list[Source]:
    """Read and validate a sources file; relative paths are resolved against its folder."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {"sources": []}
        parsed = SourcesFile.model_validate(data)
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    for source in parsed.sources:
        if source.path is not None and not source.path.is_absolute():
            source.path = (path.parent / source.path).resolve()
    return parsed.sources
