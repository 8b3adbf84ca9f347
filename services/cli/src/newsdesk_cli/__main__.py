"""``python -m newsdesk_cli``: the same as the ``newsdesk`` command."""

from newsdesk_cli.main import main

main()
