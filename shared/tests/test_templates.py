"""The index templates (the one source of truth for mappings) cover the event contracts."""

from __future__ import annotations

from typing import Any, get_args

import pytest
from pydantic import BaseModel

from newsdesk.events import EnrichedArticle, Event
from newsdesk.search import load_templates
from newsdesk.settings import NewsdeskSettings

TEMPLATES = {t.name: t for t in load_templates(NewsdeskSettings().templates_dir)}


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside ``X``, ``list[X]`` or ``X | None``, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in get_args(annotation):
        inner = _model_of(argument)
        if inner is not None:
            return inner
    return None


def _missing(model: type[BaseModel], properties: dict[str, Any], prefix: str = "") -> list[str]:
    missing = []
    for name, field in model.model_fields.items():
        mapping = properties.get(name)
        if mapping is None:
            missing.append(prefix + name)
            continue
        inner = _model_of(field.annotation)
        is_object = mapping.get("type", "object") in {"object", "nested"}
        if inner is not None and is_object and mapping.get("enabled", True):
            missing += _missing(inner, mapping.get("properties", {}), f"{prefix}{name}.")
    return missing


def test_every_enriched_article_field_is_mapped() -> None:
    mapping = TEMPLATES["newsdesk-articles"].body["template"]["mappings"]
    assert mapping["dynamic"] == "strict"
    assert _missing(EnrichedArticle, mapping["properties"]) == []


def test_every_event_field_is_mapped_in_the_events_index() -> None:
    properties = TEMPLATES["newsdesk-events"].body["template"]["mappings"]["properties"]
    assert _missing(Event, properties) == []
    assert {"article_id", "title", "url", "source", "published_at"} <= set(properties)


@pytest.mark.parametrize(
    ("field", "kind"),
    [
        pytest.param("entities", "nested", id="entities-nested-for-exact-queries"),
        pytest.param("persons", "keyword", id="persons-flat-for-kibana"),
        pytest.param("countries", "keyword", id="countries-flat-for-kibana"),
        pytest.param("published_at", "date", id="published-date"),
    ],
)
def test_fields_have_the_types_kibana_and_queries_rely_on(field: str, kind: str) -> None:
    properties = TEMPLATES["newsdesk-articles"].body["template"]["mappings"]["properties"]
    assert properties[field]["type"] == kind


def test_locations_are_geo_points_outside_nested_objects_for_kibana_maps() -> None:
    properties = TEMPLATES["newsdesk-articles"].body["template"]["mappings"]["properties"]
    assert properties["locations"].get("type", "object") == "object"
    assert properties["locations"]["properties"]["point"]["type"] == "geo_point"


def test_each_template_serves_a_versioned_index_behind_its_alias() -> None:
    for template in TEMPLATES.values():
        assert template.index == f"{template.alias}-v{template.version}"
        assert template.body["index_patterns"] == [f"{template.alias}-v*"]
