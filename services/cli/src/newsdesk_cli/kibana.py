"""Importing the saved objects of ``deploy/kibana`` through Kibana's saved-objects API.

Each ``*.ndjson`` file is sent, in name order (data views first: later files refer to them), as
the ``file`` part of a multipart ``POST /api/saved_objects/_import?overwrite=true`` with the
``kbn-xsrf`` header Kibana requires of API writes. ``overwrite`` replaces objects with the same
ids, so a second import changes nothing: the setup job may run any number of times.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from newsdesk.errors import BackendUnavailable, NewsdeskError
from newsdesk.settings import ElasticsearchSettings

IMPORT_PATH = "/api/saved_objects/_import"
#: Kibana answers these while it starts (503 "Kibana server is not ready yet") or is overloaded.
RETRYABLE_STATUSES = frozenset({429, 502, 503, 504})


def saved_object_files(folder: Path) -> list[Path]:
    """The ``.ndjson`` files of ``folder``, in the order they are imported."""
    return sorted(folder.glob("*.ndjson"))


def read_saved_objects(folder: Path) -> list[tuple[str, bytes]]:
    """Each file's name and content, in import order (read before any request is sent)."""
    return [(path.name, path.read_bytes()) for path in saved_object_files(folder)]


@dataclass
class FileImport:
    """What Kibana did with one file."""

    file: str
    success: bool
    imported: int
    errors: list[str] = field(default_factory=list)


def auth_headers(settings: ElasticsearchSettings) -> dict[str, str]:
    """Kibana checks credentials against Elasticsearch: the same API key or user and password."""
    if settings.api_key is not None:
        return {"Authorization": f"ApiKey {settings.api_key.get_secret_value()}"}
    if settings.username and settings.password is not None:
        pair = f"{settings.username}:{settings.password.get_secret_value()}".encode()
        return {"Authorization": f"Basic {base64.b64encode(pair).decode()}"}
    return {}


def make_client(settings: ElasticsearchSettings, timeout_s: float = 60.0) -> httpx.AsyncClient:
    """An HTTP client for Kibana, trusting what the Elasticsearch settings trust."""
    verify: str | bool = str(settings.ca_certs) if settings.ca_certs else settings.verify_certs
    return httpx.AsyncClient(
        headers={"kbn-xsrf": "newsdesk", **auth_headers(settings)},
        timeout=timeout_s,
        verify=verify,
    )


def _describe(error: dict[str, Any]) -> str:
    what = f"{error.get('type', '?')} {error.get('id', '?')}"
    if error.get("title"):
        what += f" ({error['title']})"
    problem = error.get("error", {})
    detail = problem.get("type", "error")
    missing = problem.get("references")
    if missing:
        detail += ": " + ", ".join(f"{ref.get('type')} {ref.get('id')}" for ref in missing)
    elif problem.get("message"):
        detail += f": {problem['message']}"
    return f"{what}: {detail}"


async def import_file(client: httpx.AsyncClient, url: str, name: str, content: bytes) -> FileImport:
    """Send one file; raises :class:`BackendUnavailable` while Kibana is not ready."""
    target = url.rstrip("/") + IMPORT_PATH
    try:
        response = await client.post(
            target,
            params={"overwrite": "true"},
            files={"file": (name, content, "application/ndjson")},
        )
    except httpx.HTTPError as exc:
        raise BackendUnavailable(f"Kibana at {url}: {type(exc).__name__}: {exc}") from exc
    if response.status_code in RETRYABLE_STATUSES:
        raise BackendUnavailable(f"Kibana at {url} answered HTTP {response.status_code}")
    if response.status_code in (401, 403):
        raise NewsdeskError(
            f"Kibana at {url} refused the credentials (HTTP {response.status_code}): set "
            "NEWSDESK_ELASTICSEARCH__USERNAME and __PASSWORD (or __API_KEY) to a user allowed "
            "to manage saved objects"
        )
    if response.status_code >= 300:
        raise NewsdeskError(
            f"Kibana at {url} refused {name}: HTTP {response.status_code}: {response.text[:300]}"
        )
    body = response.json()
    errors = [_describe(error) for error in body.get("errors") or []]
    success, imported = bool(body.get("success")), int(body.get("successCount", 0))
    return FileImport(name, success, imported, errors)


async def import_all(
    client: httpx.AsyncClient, url: str, files: list[tuple[str, bytes]]
) -> list[FileImport]:
    """Import the files in order (again from the first on a retry: harmless)."""
    return [await import_file(client, url, name, content) for name, content in files]
