"""``python -m fetcher [worker|scheduler]``: a URL worker (the default) or the sources scheduler."""

import sys

from fetcher.app import app, metrics, scheduler_app, settings
from newsdesk.serving import run_app

ROLES = {"worker": app, "scheduler": scheduler_app}
role = sys.argv[1] if len(sys.argv) > 1 else "worker"
if role not in ROLES:
    sys.exit(f"usage: python -m fetcher [{'|'.join(ROLES)}]")
SERVICES = {"worker": "fetcher", "scheduler": "scheduler"}
run_app(ROLES[role], settings, service=SERVICES[role], registries=(metrics.registry,))
