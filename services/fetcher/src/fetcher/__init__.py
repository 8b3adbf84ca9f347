"""newsdesk fetcher service."""
