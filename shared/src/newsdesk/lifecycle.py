"""Index lifecycle: each alias's live index against its template, migrations, ILM policies.

Each alias (``newsdesk-articles``) points at one versioned index (``newsdesk-articles-v1``)
created from the template of ``deploy/elasticsearch`` whose ``_meta.version`` it carries in its
name. A template with a higher version is a new mapping: :func:`migrate` creates the next index
from it, copies the documents and moves the alias in one atomic step, while the old index keeps
serving reads and taking writes until then:

1. create ``<alias>-v<N>`` from the template (no alias yet);
2. copy every document with ``_reindex``, keeping its external version (an older fetch never
   overwrites a newer one, in the copy as everywhere);
3. copy again what was written to the old index since step 2 started (``indexed_at``);
4. move the alias: remove the old index, add the new one as the write index, in one request;
5. block writes to the old index (a write already on its way there is refused, and the
   indexer retries it through the alias), then copy what was written to it since step 3
   started.

Searches on the alias answer throughout: before step 4 from the old index, after it from the
new one, which already holds everything but the writes of the last moments, copied in step 5.
The old index is kept, read-only (rollback: lift ``index.blocks.write`` and move the alias
back); where the server has ILM it gets the ``newsdesk-retired`` policy, which deletes it after
the grace period of ``ilm-policies.json``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from elasticsearch import ApiError, AsyncElasticsearch, ConnectionTimeout
from elasticsearch import ConnectionError as ESConnectionError

from newsdesk.errors import BackendUnavailable, ConfigError, NewsdeskError
from newsdesk.search import IndexTemplate, load_templates

State = Literal["current", "behind", "ahead", "missing", "unversioned"]

#: The ILM policies of ``deploy/elasticsearch`` (for servers that have ILM).
POLICIES_FILE = "ilm-policies.json"
LIVE_POLICY = "newsdesk-live"
RETIRED_POLICY = "newsdesk-retired"
#: Catch-up copies take documents indexed this long before their pass started: clocks of the
#: indexers and of this machine may disagree by that much.
CLOCK_MARGIN = timedelta(minutes=5)


class MigrationError(NewsdeskError):
    """A migration cannot start or could not finish; the alias still serves the old index."""


@dataclass
class AliasStatus:
    """An alias, the index it serves, and that index's version against its template's."""

    alias: str
    template: str
    template_version: int
    indices: list[str] = field(default_factory=list)
    live_index: str | None = None
    live_version: int | None = None
    documents: int = 0

    @property
    def state(self) -> State:
        """``current``, ``behind`` (migrate), ``ahead`` (an older template), ``missing``, ..."""
        if self.live_index is None:
            return "missing"
        if self.live_version is None:
            return "unversioned"
        if self.live_version < self.template_version:
            return "behind"
        return "ahead" if self.live_version > self.template_version else "current"

    def as_json(self) -> dict[str, Any]:
        """The ``--json`` form."""
        return {
            "alias": self.alias,
            "template": self.template,
            "template_version": self.template_version,
            "live_index": self.live_index,
            "live_version": self.live_version,
            "indices": self.indices,
            "documents": self.documents,
            "state": self.state,
        }


def version_in(index: str, alias: str) -> int | None:
    """The version in an index name: ``newsdesk-articles-v3`` -> 3 (None if not versioned)."""
    found = re.fullmatch(re.escape(alias) + r"-v(\d+)", index)
    return int(found.group(1)) if found else None


async def alias_status(es: AsyncElasticsearch, template: IndexTemplate) -> AliasStatus:
    """Where one template's alias points and how many documents it serves."""
    status = AliasStatus(template.alias, template.name, template.version)
    with _answering():
        response = await es.options(ignore_status=404).indices.get_alias(name=template.alias)
        found = {
            index: body.get("aliases", {}).get(template.alias, {})
            for index, body in response.body.items()
            if isinstance(body, dict) and "aliases" in body
        }
        status.indices = sorted(found)
        writers = [index for index, alias in found.items() if alias.get("is_write_index")]
        live = writers[0] if writers else (status.indices[0] if len(status.indices) == 1 else None)
        if live is not None:
            status.live_index = live
            status.live_version = version_in(live, template.alias)
            counted = await es.count(index=template.alias)
            status.documents = int(counted["count"])
    return status


async def index_status(es: AsyncElasticsearch, templates_dir: Path) -> list[AliasStatus]:
    """Every alias of the templates, its live index and version against the template's."""
    return [await alias_status(es, template) for template in load_templates(templates_dir)]


def behind_warnings(statuses: list[AliasStatus]) -> list[str]:
    """One sentence for each alias whose live mapping is behind its template."""
    return [
        f"{s.alias} serves {s.live_index} (version {s.live_version}) but its template "
        f"{s.template} is version {s.template_version}: documents with fields of the new "
        f"mapping are refused until `newsdesk index migrate` moves {s.alias} to "
        f"{s.alias}-v{s.template_version}"
        for s in statuses
        if s.state == "behind"
    ]


@dataclass
class Migration:
    """What :func:`migrate` did to one alias."""

    alias: str
    from_index: str | None
    to_index: str
    copied: int = 0
    caught_up: int = 0
    documents: int = 0
    retired: str = "kept"

    def as_json(self) -> dict[str, Any]:
        """The ``--json`` form."""
        return asdict(self)


Progress = Callable[[str], None]


async def migrate(
    es: AsyncElasticsearch,
    templates_dir: Path,
    *,
    aliases: list[str] | None = None,
    timeout_s: float = 3600.0,
    progress: Progress = lambda _line: None,
) -> list[Migration]:
    """Move every alias that is behind its template to a new index of the template's version.

    Aliases that are current are left alone; one that is ahead of its template, serves no
    versioned index or serves several is refused (:class:`MigrationError`) before anything
    changes. ``timeout_s`` bounds each copy request.
    """
    templates = [t for t in load_templates(templates_dir) if aliases is None or t.alias in aliases]
    if aliases is not None and len(templates) < len(set(aliases)):
        known = sorted(t.alias for t in load_templates(templates_dir))
        raise ConfigError(f"no template serves {sorted(aliases)}: the aliases are {known}")
    statuses = [await alias_status(es, template) for template in templates]
    for status in statuses:
        if status.state in ("ahead", "unversioned") or len(status.indices) > 1:
            raise MigrationError(
                f"{status.alias} cannot be migrated: it serves {status.indices or 'nothing'} "
                f"and its template is version {status.template_version} ({status.state})"
            )
    ilm = await ilm_supported(es)
    done = []
    for template, status in zip(templates, statuses, strict=True):
        if status.state == "behind":
            done.append(
                await _migrate_one(
                    es, template, status, ilm=ilm, timeout_s=timeout_s, progress=progress
                )
            )
    return done


async def _migrate_one(
    es: AsyncElasticsearch,
    template: IndexTemplate,
    status: AliasStatus,
    *,
    ilm: bool,
    timeout_s: float,
    progress: Progress,
) -> Migration:
    old, new = status.live_index, template.index
    if old is None:
        raise MigrationError(f"{template.alias} serves no index: run `newsdesk setup indices`")
    migration = Migration(template.alias, old, new)
    slow = es.options(request_timeout=timeout_s)
    with _answering():
        await es.indices.put_index_template(name=template.name, **template.body)
        if not await es.indices.exists(index=new):
            await es.indices.create(index=new)  # the template gives it its mapping
        progress(f"{template.alias}: copying {old} to {new}")
        started = _now()
        migration.copied = await _copy(slow, old, new)
        progress(f"{template.alias}: {migration.copied} documents copied; catching up")
        caught_up_from = _now()
        await es.indices.refresh(index=old)  # a copy reads what a search sees
        migration.caught_up = await _copy(slow, old, new, since=started)
        await es.indices.refresh(index=new)
        await es.indices.update_aliases(
            actions=[
                {"remove": {"index": old, "alias": template.alias}},
                {"add": {"index": new, "alias": template.alias, "is_write_index": True}},
            ]
        )
        # A write sent to the alias just before it moved may still land in the old index:
        # blocked now, it is refused and retried by the indexer, so it lands in the new one.
        await es.indices.put_settings(index=old, settings={"index.blocks.write": True})
        progress(f"{template.alias} now serves {new}; copying the writes of the last moments")
        await es.indices.refresh(index=old)
        migration.caught_up += await _copy(slow, old, new, since=caught_up_from)
        await es.indices.refresh(index=new)
        migration.documents = int((await es.count(index=template.alias))["count"])
        if ilm:
            await es.indices.put_settings(
                index=old,
                settings={
                    "index.lifecycle.name": RETIRED_POLICY,
                    "index.lifecycle.origination_date": int(_now().timestamp() * 1000),
                },
            )
            migration.retired = f"kept; ILM policy {RETIRED_POLICY} deletes it"
            await es.indices.put_settings(index=new, settings={"index.lifecycle.name": LIVE_POLICY})
    return migration


async def _copy(
    es: AsyncElasticsearch, source: str, dest: str, since: datetime | None = None
) -> int:
    """Reindex ``source`` into ``dest`` keeping versions; with ``since``, only recent writes.

    The first copy (``external``) skips documents ``dest`` already has in that version or a
    newer one; a catch-up (``external_gte``) also takes a re-extraction of the same fetch.
    """
    body: dict[str, Any] = {"index": source}
    if since is not None:
        start = (since - CLOCK_MARGIN).isoformat()
        body["query"] = {"range": {"indexed_at": {"gte": start}}}
    version_type = "external" if since is None else "external_gte"
    response = await es.reindex(
        source=body,
        dest={"index": dest, "version_type": version_type},
        conflicts="proceed",
        wait_for_completion=True,
        refresh=True,
    )
    failures = response.get("failures") or []
    if failures:
        raise MigrationError(
            f"copying {source} to {dest} failed for {len(failures)} documents, e.g. "
            f"{json.dumps(failures[0])[:300]}; the alias still serves {source}"
        )
    return int(response.get("created", 0)) + int(response.get("updated", 0))


@dataclass
class IlmReport:
    """Whether the server has ILM, and what was applied."""

    supported: bool
    policies: list[str] = field(default_factory=list)
    indices: list[str] = field(default_factory=list)
    note: str = ""


async def ilm_supported(es: AsyncElasticsearch) -> bool:
    """True when the server answers the ILM API (Elasticsearch does; noida-db does not)."""
    with _answering():
        try:
            await es.ilm.get_status()
        except ApiError as exc:
            if exc.status_code in (400, 404, 405, 410, 501):
                return False
            raise
    return True


def load_policies(templates_dir: Path) -> dict[str, dict[str, Any]]:
    """The ILM policies of ``ilm-policies.json`` beside the templates, by name."""
    path = templates_dir / POLICIES_FILE
    if not path.is_file():
        raise ConfigError(f"no ILM policies ({POLICIES_FILE}) in {templates_dir}")
    policies: dict[str, dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    for name, body in policies.items():
        if "phases" not in body.get("policy", {}):
            raise ConfigError(f"{path}: policy {name} has no phases")
    return policies


async def apply_policies(es: AsyncElasticsearch, templates_dir: Path) -> IlmReport:
    """Install the ILM policies and put each live index under ``newsdesk-live``.

    On a server without ILM nothing is installed and the report says so: not an error.
    """
    policies = load_policies(templates_dir)
    if not await ilm_supported(es):
        return IlmReport(False, note="this server has no ILM: no retention policy applied")
    report = IlmReport(True)
    with _answering():
        for name, body in policies.items():
            await es.ilm.put_lifecycle(name=name, **body)
            report.policies.append(name)
        for template in load_templates(templates_dir):
            status = await alias_status(es, template)
            if status.live_index is not None:
                await es.indices.put_settings(
                    index=status.live_index, settings={"index.lifecycle.name": LIVE_POLICY}
                )
                report.indices.append(status.live_index)
    return report


@contextmanager
def _answering() -> Iterator[None]:
    """Connection failures and timeouts become :class:`BackendUnavailable`."""
    try:
        yield
    except (ESConnectionError, ConnectionTimeout) as exc:
        raise BackendUnavailable(f"Elasticsearch: {exc}") from exc


def _now() -> datetime:
    return datetime.now(UTC)
