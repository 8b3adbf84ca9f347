"""The sources file (``sources.yaml``): what to poll and how, validated with pydantic."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import ErrorDetails

from newsdesk.errors import ConfigError

SourceKind = Literal["feed", "sitemap", "urls", "directory", "url"]
URL_KINDS = frozenset({"feed", "sitemap", "url"})
PATH_KINDS = frozenset({"urls", "directory"})

_DURATION = re.compile(r"^\s*(?:(\d+)d)?\s*(?:(\d+)h)?\s*(?:(\d+)m)?\s*(?:(\d+)s)?\s*$")


def parse_interval(value: Any) -> timedelta:
    """``15m``, ``1h30m``, ``45s``, ``1d`` or a number of seconds, as a timedelta."""
    if isinstance(value, timedelta):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return timedelta(seconds=value)
    match = _DURATION.match(str(value))
    if not match or not any(match.groups()):
        raise ValueError(f"{value!r} is not a duration like 15m, 1h30m, 45s or 1d")
    days, hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)


def _compile(value: Any) -> Any:
    try:
        return [re.compile(pattern) for pattern in (value or [])]
    except (re.error, TypeError) as exc:
        raise ValueError(f"not a regular expression: {exc}") from exc


Interval = Annotated[timedelta, BeforeValidator(parse_interval)]
Patterns = Annotated[list[re.Pattern[str]], BeforeValidator(_compile)]


class Source(BaseModel):
    """One source of articles (an entry of ``sources:``)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", description="unique and stable")
    kind: SourceKind
    url: str | None = Field(default=None, description="for feed, sitemap and url")
    path: Path | None = Field(default=None, description="for urls (a file) and directory")
    name: str | None = Field(default=None, description="outlet name")
    interval: Interval = Field(default=timedelta(minutes=15), description="poll interval")
    max_items: int = Field(default=100, ge=1, description="new items emitted per poll at most")
    include: Patterns = Field(default_factory=list, description="URL must match one of these")
    exclude: Patterns = Field(default_factory=list, description="URL must match none of these")
    language: str | None = Field(default=None, description="language hint, e.g. en")
    glob: list[str] | None = Field(default=None, description="directory: file patterns")
    enabled: bool = True

    @model_validator(mode="after")
    def _location_fits_kind(self) -> Source:
        if self.kind in URL_KINDS:
            if not self.url or not re.match(r"^https?://", self.url, re.I):
                raise ValueError(f"a {self.kind} source needs `url:` with an http(s) URL")
            if self.path is not None:
                raise ValueError(f"a {self.kind} source takes `url:`, not `path:`")
        elif self.path is None or self.url is not None:
            raise ValueError(f"a {self.kind} source needs `path:` (and no `url:`)")
        if self.interval.total_seconds() < 1:
            raise ValueError("interval must be at least 1s")
        return self

    def wants(self, url: str) -> bool:
        """Whether ``url`` passes the include/exclude patterns."""
        if self.include and not any(pattern.search(url) for pattern in self.include):
            return False
        return not any(pattern.search(url) for pattern in self.exclude)


class SourcesFile(BaseModel):
    """The whole sources file."""

    model_config = ConfigDict(extra="forbid")

    sources: list[Source] = Field(default_factory=list)


def _describe(error: ErrorDetails, raw: Any) -> str:
    loc = list(error["loc"])
    where = "top level"
    if len(loc) >= 2 and loc[0] == "sources" and isinstance(loc[1], int):
        index = loc[1]
        entries = raw.get("sources") if isinstance(raw, dict) else None
        entry = entries[index] if isinstance(entries, list) and index < len(entries) else None
        source_id = entry.get("id") if isinstance(entry, dict) else None
        where = f"entry {index + 1}" + (f" (id {source_id!r})" if source_id else "")
        loc = loc[2:]
    field = ".".join(str(part) for part in loc) or "entry"
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"{where}: {field}: {message}"


def load_sources(path: Path) -> list[Source]:
    """Read and validate a sources file; relative paths are resolved against its folder.

    Raises :class:`ConfigError` naming the file, the entry and what is wrong.
    """
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    try:
        parsed = SourcesFile.model_validate(raw or {})
    except ValidationError as exc:
        problems = "; ".join(_describe(error, raw) for error in exc.errors())
        raise ConfigError(f"{path}: {problems}") from None
    seen: set[str] = set()
    for index, source in enumerate(parsed.sources):
        if source.id in seen:
            raise ConfigError(f"{path}: entry {index + 1}: id {source.id!r} is used twice")
        seen.add(source.id)
        if source.path is not None and not source.path.is_absolute():
            source.path = (path.parent / source.path).resolve()
    return [source for source in parsed.sources if source.enabled]
