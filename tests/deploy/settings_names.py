"""The environment variables newsdesk reads, taken from its settings classes, per image."""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel
from pydantic_settings import BaseSettings

from extractor.settings import ExtractorSettings
from fetcher.settings import FetcherSettings
from indexer.settings import IndexerSettings
from newsdesk.settings import NewsdeskSettings

#: The settings classes each image's processes build (the CLI image builds NewsdeskSettings only).
CLASSES: dict[str, tuple[type[BaseSettings], ...]] = {
    "fetcher": (NewsdeskSettings, FetcherSettings),
    "extractor": (NewsdeskSettings, ExtractorSettings),
    "indexer": (NewsdeskSettings, IndexerSettings),
    "cli": (NewsdeskSettings,),
}
#: Set in the images for Python and the operating system, not for newsdesk.
RUNTIME = frozenset({"PATH", "HOME", "TMPDIR", "PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED"})


def _names(prefix: str, model: type[BaseModel], delimiter: str) -> set[str]:
    names = set()
    for field, info in model.model_fields.items():
        name = f"{prefix}{field}".upper()
        names.add(name)
        kind = info.annotation
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            names |= _names(f"{name}{delimiter}", kind, delimiter)
    return names


@cache
def settings_names(image: str) -> frozenset[str]:
    """Every variable the processes of ``image`` read: prefixed fields and nested fields."""
    names: set[str] = set()
    for cls in CLASSES[image]:
        config = cls.model_config
        delimiter = config.get("env_nested_delimiter") or "__"
        names |= _names(config.get("env_prefix", ""), cls, delimiter)
    return frozenset(names)


def unknown(image: str, env: dict[str, str]) -> list[str]:
    """The names in ``env`` that no settings class of ``image`` reads."""
    known = settings_names(image) | RUNTIME
    return sorted(name for name in env if name.upper() not in known)


def parse(image: str, env: dict[str, str], monkeypatch: object) -> None:
    """Build each settings class of ``image`` from ``env``: the values must parse, too."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)  # type: ignore[attr-defined]
    for cls in CLASSES[image]:
        cls()
