"""newsdesk: shared library of the news ingest stack."""
