"""The files operators edit (``vocabulary.jsonl``, ``taxonomy.yaml``, ``events.yaml``), validated.

Each reader returns validated entries or raises :class:`newsdesk.errors.ConfigError` naming the
file, the entry (line, topic or event type) and the field, as ``sources.yaml`` does in the
fetcher; the schemas they check against are in ``operator_schemas.py``. The readers only check
and parse; what the entries mean is for ``vocabulary.py``, ``topics.py`` and ``events.py``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from extractor.nlp.operator_schemas import EventRules, Taxonomy, Topic, VocabularyEntry
from newsdesk.errors import ConfigError


def read_vocabulary(path: Path) -> list[VocabularyEntry]:
    """Every entry of a JSON-lines vocabulary (blank and ``#`` lines skipped), in file order."""
    entries = []
    for number, line in enumerate(_read(path).splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{path}: line {number}: not a JSON object: {exc.msg}") from None
        try:
            entries.append(VocabularyEntry.model_validate(row))
        except ValidationError as exc:
            pattern = row.get("pattern") if isinstance(row, dict) else None
            where = f"line {number}" + (f" (pattern {pattern!r})" if pattern else "")
            raise ConfigError(f"{path}: {_problems(exc, _at(where))}") from None
    return entries


def read_taxonomy(path: Path) -> dict[str, Topic]:
    """Topics by name."""
    raw = _yaml(path)
    try:
        return Taxonomy.model_validate(raw).root
    except ValidationError as exc:
        raise ConfigError(f"{path}: {_problems(exc, _named('topic'))}") from None


#: The keys of ``events.yaml`` that are not event types.
TOP_LEVEL = (
    "negators",
    "modality",
    "exclude_context",
    "exclude_patterns",
    "state_organs",
    "followers",
    "mediators",
    "onlookers",
    "recognisers",
    "movers",
)


def read_event_rules(path: Path) -> EventRules:
    """The negators, modality words, actors and the event types, in file order."""
    raw = _yaml(path)
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: top level: must map event types to their rules")
    types = {key: value for key, value in raw.items() if key not in TOP_LEVEL}
    top = {key: raw[key] for key in TOP_LEVEL if key in raw}
    try:
        return EventRules.model_validate({**top, "types": types})
    except ValidationError as exc:
        raise ConfigError(f"{path}: {_problems(exc, _event_location)}") from None


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc


def _yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(_read(path))
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from exc


#: From an error's location to the entry it names and the location within that entry.
Locate = Callable[[list[Any]], tuple[str, list[Any]]]


def _problems(exc: ValidationError, locate: Locate) -> str:
    """``entry: field: message`` for every error, joined with ``; ``."""
    problems = []
    for error in exc.errors():
        where, loc = locate(list(error["loc"]))
        problems.append(f"{where}: {_field(loc)}: {_message(error)}")
    return "; ".join(problems)


def _at(where: str) -> Locate:
    def locate(loc: list[Any]) -> tuple[str, list[Any]]:
        return where, loc

    return locate


def _named(kind: str) -> Locate:
    def locate(loc: list[Any]) -> tuple[str, list[Any]]:
        return (f"{kind} {loc[0]!r}", loc[1:]) if loc else ("top level", loc)

    return locate


def _event_location(loc: list[Any]) -> tuple[str, list[Any]]:
    if loc[:1] == ["types"] and len(loc) >= 2:
        return f"event type {loc[1]!r}", loc[2:]
    return "top level", loc


def _field(loc: list[Any]) -> str:
    """``terms[2]``, ``verbs``, ``negators[0]``; ``entry`` for the entry as a whole."""
    text = ""
    for part in loc:
        if part == "[key]":
            text += ("." if text else "") + "name"
        elif isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text or "entry"


def _message(error: ErrorDetails) -> str:
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        return "unknown field"
    return message
