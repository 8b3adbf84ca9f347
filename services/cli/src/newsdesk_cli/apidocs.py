"""The AsyncAPI documents of the services, as FastStream generates them (``make docs``).

``python -m newsdesk_cli.apidocs`` writes ``docs/asyncapi/<app>.json``; with ``--check`` it writes
nothing and exits 1 naming the documents that no longer match the code. The apps are imported
with the default settings (every ``NEWSDESK_`` and service variable removed first), so the
documents do not depend on who generates them; building a document never connects to Kafka.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from pathlib import Path
from typing import Any

#: Document name → ``module:attribute`` of the FastStream app.
APPS = {
    "fetcher-worker": "fetcher.app:app",
    "fetcher-scheduler": "fetcher.app:scheduler_app",
    "extractor": "extractor.app:app",
    "indexer": "indexer.app:app",
}
PREFIXES = ("NEWSDESK_", "FETCHER_", "EXTRACTOR_", "INDEXER_")
DOCS = Path(__file__).resolve().parents[4] / "docs" / "asyncapi"


def _default_environment() -> None:
    for name in [name for name in os.environ if name.startswith(PREFIXES)]:
        del os.environ[name]


def document(target: str) -> dict[str, Any]:
    """The AsyncAPI document of the app at ``module:attribute``, as JSON data."""
    module, attribute = target.split(":")
    app = getattr(importlib.import_module(module), attribute)
    data: dict[str, Any] = app.schema.to_specification().to_jsonable()
    return data


def render(target: str) -> str:
    """The document as committed: indented JSON, keys sorted, with a final newline.

    Keys are sorted because FastStream lists a broker's publishers in no stable order.
    """
    return json.dumps(document(target), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the documents, or with ``--check`` say which ones are out of date."""
    parser = argparse.ArgumentParser(prog="python -m newsdesk_cli.apidocs", description=__doc__)
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    parser.add_argument("--out", type=Path, default=DOCS, help="folder of the documents")
    args = parser.parse_args(argv)
    _default_environment()
    stale = []
    for name, target in APPS.items():
        path = args.out / f"{name}.json"
        text = render(target)
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if args.check:
            if current != text:
                stale.append(str(path))
        elif current != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
    if stale:
        print(
            "AsyncAPI documents out of date with the code: "
            + ", ".join(stale)
            + "; regenerate them with `make docs`",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
