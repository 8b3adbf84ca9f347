"""The ``newsdesk`` commands, one module per concern."""
