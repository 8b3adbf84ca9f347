"""newsdesk extractor service."""
