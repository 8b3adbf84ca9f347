"""``python -m extractor``: the extractor service (same as ``faststream run extractor.app:app``)."""

from extractor.app import app, settings
from newsdesk.serving import run_app

run_app(app, settings, service="extractor")
