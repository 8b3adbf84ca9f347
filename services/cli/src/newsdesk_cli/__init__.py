"""The ``newsdesk`` command: the local stack, the services as supervised processes, queries."""
