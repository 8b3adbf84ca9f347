"""How one event type is recognised: the rule of ``resources/events.yaml`` as the finder keeps
it (read and validated by ``operator_files``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class EventRule:
    """How one event type is recognised (see resources/events.yaml)."""

    type: str
    verbs: frozenset[str] = frozenset()
    strong_verbs: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()
    dated_nouns: frozenset[str] = frozenset()
    objects: frozenset[str] = frozenset()
    modifiers: frozenset[str] = frozenset()
    exclude_modifiers: frozenset[str] = frozenset()
    exclude_objects: frozenset[str] = frozenset()
    subtree: frozenset[str] = frozenset()
    person_verbs: frozenset[str] = frozenset()
    words_of_a_person: frozenset[str] = frozenset()
    outlaws: frozenset[str] = frozenset()
    victims: frozenset[str] = frozenset()
    arrivals: frozenset[str] = frozenset()
    joint_verbs: frozenset[str] = frozenset()
    papers: frozenset[str] = frozenset()
    topics: frozenset[str] = frozenset()
    own_bodies: frozenset[str] = frozenset()
    sitting_bodies: frozenset[str] = frozenset()
    parts: frozenset[str] = frozenset()
    decided_by: frozenset[str] = frozenset()
    min_countries: int = 1
    held_with: frozenset[str] = frozenset()
    senses: dict[str, frozenset[str]] = field(default_factory=dict)
    targets: dict[str, frozenset[str]] = field(default_factory=dict)
    leaves: dict[str, frozenset[str]] = field(default_factory=dict)
    agents: dict[str, frozenset[str]] = field(default_factory=dict)
    particles: dict[str, frozenset[str]] = field(default_factory=dict)
    exclude_context: frozenset[str] = frozenset()
    proper_names: bool = False
    joint: bool = False
    guests: bool = False
    agreed_plans: bool = False
    accused: bool = False


def frozen_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """An event type's fields as ``EventRule`` keeps them: word lists as frozensets, also
    those of a verb (``senses``, ``targets``, ``leaves``)."""
    frozen: dict[str, Any] = {}
    for key, value in fields.items():
        if isinstance(value, list):
            frozen[key] = frozenset(value)
        elif isinstance(value, dict):
            frozen[key] = {verb: frozenset(words) for verb, words in value.items()}
        else:
            frozen[key] = value
    return frozen
