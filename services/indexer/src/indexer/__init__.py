"""newsdesk indexer service."""
