"""deploy/kibana: the saved objects parse, hold together, and use fields the templates map.

Kibana is not run here: these checks stand in for what an import would find (a broken line, a
dangling reference) and for what a dashboard would only show when opened (a field the mapping
does not have, or one that cannot be aggregated: text, nested, unindexed).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from newsdesk.search import load_templates
from tests.helpers import ROOT

KIBANA = ROOT / "deploy" / "kibana"
FILES = sorted(KIBANA.glob("*.ndjson"))
#: Field types Kibana can aggregate and sort on (when indexed and not inside a nested object).
AGGREGATABLE = {"keyword", "date", "long", "integer", "short", "byte", "float", "double"}
AGGREGATABLE |= {"boolean", "ip", "geo_point"}
#: A field in a KQL query: ``type : "agreement"``.
KQL_FIELD = re.compile(r"([A-Za-z_][\w.]*)\s*:")
Obj = dict[str, Any]


@dataclass(frozen=True)
class Field:
    """One mapped field: its type, whether it sits inside a nested object, whether indexed."""

    type: str
    nested: bool
    indexed: bool

    @property
    def aggregatable(self) -> bool:
        return self.type in AGGREGATABLE and not self.nested and self.indexed


def flatten(
    properties: dict[str, Any], prefix: str = "", nested: bool = False
) -> Iterator[tuple[str, Field]]:
    for name, mapping in properties.items():
        path = f"{prefix}{name}"
        kind = mapping.get("type", "object")
        inside = nested or kind == "nested"
        if "properties" in mapping:
            yield from flatten(mapping["properties"], f"{path}.", inside)
        else:
            yield (
                path,
                Field(kind, nested, mapping.get("index", True) and mapping.get("enabled", True)),
            )
        for sub, sub_mapping in mapping.get("fields", {}).items():
            yield f"{path}.{sub}", Field(sub_mapping["type"], nested, True)


FIELDS = {
    t.alias: dict(flatten(t.body["template"]["mappings"]["properties"]))
    for t in load_templates(ROOT / "deploy" / "elasticsearch")
}


def objects() -> list[Obj]:
    return [json.loads(line) for path in FILES for line in path.read_text().splitlines() if line]


def by_id() -> dict[tuple[str, str], Obj]:
    return {(o["type"], o["id"]): o for o in objects()}


def of_type(kind: str) -> list[Obj]:
    return [o for o in objects() if o["type"] == kind]


def reference(obj: Obj, name: str) -> Obj:
    found = [ref for ref in obj["references"] if ref["name"] == name]
    assert len(found) == 1, f"{obj['id']} has {len(found)} references named {name!r}"
    return found[0]


def view_fields(view_id: str) -> dict[str, Field]:
    """The mapped fields behind a data view (its title is an alias of a template)."""
    title = by_id()[("index-pattern", view_id)]["attributes"]["title"]
    assert title in FIELDS, f"data view {view_id} reads {title}, which no template serves"
    return FIELDS[title]


def test_there_are_saved_objects_and_every_line_is_one_json_object() -> None:
    assert FILES, "deploy/kibana has no .ndjson files"
    for path in FILES:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            obj = json.loads(line)
            assert isinstance(obj, dict), f"{path.name}:{number}"
            assert {"id", "type", "attributes", "references"} <= obj.keys(), f"{path.name}:{number}"
            assert obj["coreMigrationVersion"], obj["id"]
            assert obj["typeMigrationVersion"], obj["id"]


def test_ids_are_unique() -> None:
    ids = [o["id"] for o in objects()]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


def test_every_reference_resolves_in_this_file_or_an_earlier_one() -> None:
    """Files are imported in name order: a reference to a later file would fail the import."""
    known: set[tuple[str, str]] = set()
    for path in FILES:
        objs = [json.loads(line) for line in path.read_text().splitlines() if line]
        known |= {(o["type"], o["id"]) for o in objs}
        for obj in objs:
            for ref in obj["references"]:
                assert (ref["type"], ref["id"]) in known, f"{obj['id']} -> {ref}"


def test_json_strings_inside_the_attributes_parse() -> None:
    for obj in objects():
        attributes = obj["attributes"]
        strings = {k: v for k, v in attributes.items() if k.endswith(("JSON", "Map")) and v}
        meta = attributes.get("kibanaSavedObjectMeta", {}).get("searchSourceJSON")
        for name, value in {**strings, "searchSourceJSON": meta}.items():
            if value is None:
                continue
            try:
                json.loads(value)
            except json.JSONDecodeError as exc:
                pytest.fail(f"{obj['id']}.{name} is not JSON: {exc}")


def test_the_data_views_cover_articles_and_events_with_a_date_as_time() -> None:
    views = {o["attributes"]["title"]: o for o in of_type("index-pattern")}
    assert set(views) == set(FIELDS)
    for title, view in views.items():
        time_field = view["attributes"]["timeFieldName"]
        assert FIELDS[title][time_field].type == "date"
        for name in json.loads(view["attributes"]["fieldFormatMap"]):
            assert name in FIELDS[title], f"{title} formats {name}, which is not mapped"


def lens_columns(lens: Obj) -> Iterator[tuple[str, dict[str, Any], dict[str, Field]]]:
    """Each column of each layer, with the fields of the layer's data view."""
    for layer_id, layer in lens["attributes"]["state"]["datasourceStates"]["formBased"][
        "layers"
    ].items():
        view = reference(lens, f"indexpattern-datasource-layer-{layer_id}")["id"]
        assert sorted(layer["columnOrder"]) == sorted(layer["columns"]), lens["id"]
        for column in layer["columns"].values():
            yield layer_id, column, view_fields(view)


def test_every_field_a_visualisation_uses_exists_and_is_aggregatable_where_aggregated() -> None:
    checked = 0
    for lens in of_type("lens"):
        for _, column, fields in lens_columns(lens):
            field = column.get("sourceField")
            if field in (None, "___records___"):
                continue
            assert field in fields, f"{lens['id']} uses {field}, which the template does not map"
            assert fields[field].aggregatable, f"{lens['id']} aggregates {field} ({fields[field]})"
            checked += 1
        query = lens["attributes"]["state"]["query"]["query"]
        views = [ref["id"] for ref in lens["references"]]
        for name in KQL_FIELD.findall(query):
            assert all(name in view_fields(v) for v in views), f"{lens['id']} queries {name}"
    assert checked >= 10


def test_the_map_aggregates_a_geo_point_of_its_data_view() -> None:
    [the_map] = of_type("map")
    layers = json.loads(the_map["attributes"]["layerListJSON"])
    sources = [
        layer["sourceDescriptor"]
        for layer in layers
        if "indexPatternRefName" in layer["sourceDescriptor"]
    ]
    assert sources
    for source in sources:
        view = reference(the_map, source["indexPatternRefName"])["id"]
        field = view_fields(view)[source["geoField"]]
        assert field.type == "geo_point"
        assert field.aggregatable


def test_saved_searches_show_and_sort_by_mapped_fields() -> None:
    for search in of_type("search"):
        meta = json.loads(search["attributes"]["kibanaSavedObjectMeta"]["searchSourceJSON"])
        fields = view_fields(reference(search, meta["indexRefName"])["id"])
        for column in search["attributes"]["columns"]:
            assert column in fields, f"{search['id']} shows {column}"
        for column, _direction in search["attributes"]["sort"]:
            assert fields[column].aggregatable, f"{search['id']} sorts by {column}"
        for name in KQL_FIELD.findall(meta["query"]["query"]):
            assert name in fields, f"{search['id']} queries {name}"


@pytest.mark.parametrize(
    ("dashboard_id", "wanted"),
    [
        pytest.param(
            "newsdesk-overview",
            {
                "lens": {
                    "newsdesk-articles-over-time",
                    "newsdesk-top-persons",
                    "newsdesk-top-organizations",
                    "newsdesk-top-countries",
                    "newsdesk-topics",
                    "newsdesk-events-by-type",
                },
                "map": {"newsdesk-locations-map"},
                "search": {"newsdesk-latest-articles"},
            },
            id="overview",
        ),
        pytest.param(
            "newsdesk-events-dashboard",
            {
                "lens": {
                    "newsdesk-agreements-timeline",
                    "newsdesk-country-pairs",
                    "newsdesk-arms-transfers-by-country",
                },
                "search": {"newsdesk-arms-transfers"},
            },
            id="events",
        ),
    ],
)
def test_dashboards_hold_their_panels_each_by_a_reference(
    dashboard_id: str, wanted: dict[str, set[str]]
) -> None:
    dashboard = by_id()[("dashboard", dashboard_id)]
    panels = json.loads(dashboard["attributes"]["panelsJSON"])
    found: dict[str, set[str]] = {}
    cells: set[tuple[int, int]] = set()
    for panel in panels:
        ref = reference(dashboard, f"{panel['panelIndex']}:{panel['panelRefName']}")
        assert ref["type"] == panel["type"]
        found.setdefault(ref["type"], set()).add(ref["id"])
        grid = panel["gridData"]
        assert grid["i"] == panel["panelIndex"]
        assert grid["x"] + grid["w"] <= 48, f"{panel['panelIndex']} is wider than the dashboard"
        area = {
            (x, y)
            for x in range(grid["x"], grid["x"] + grid["w"])
            for y in range(grid["y"], grid["y"] + grid["h"])
        }
        assert not cells & area, f"{panel['panelIndex']} overlaps another panel"
        cells |= area
    assert found == wanted


def test_the_latest_articles_link_to_them() -> None:
    latest = by_id()[("search", "newsdesk-latest-articles")]
    assert "url" in latest["attributes"]["columns"]
    assert latest["attributes"]["sort"] == [["published_at", "desc"]]
    view = by_id()[("index-pattern", "newsdesk-articles")]
    assert json.loads(view["attributes"]["fieldFormatMap"])["url"]["id"] == "url"


def test_kibana_files_are_the_ones_the_import_reads(tmp_path: Path) -> None:
    from newsdesk_cli.kibana import saved_object_files

    assert saved_object_files(KIBANA) == FILES
    assert saved_object_files(tmp_path) == []
