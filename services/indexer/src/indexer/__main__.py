"""``python -m indexer``: the indexer service (same as ``faststream run indexer.app:app``)."""

from indexer.app import app, settings
from newsdesk.serving import run_app

run_app(app, settings, service="indexer")
