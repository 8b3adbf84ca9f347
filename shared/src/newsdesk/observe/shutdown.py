"""What SIGTERM starts in a service, and the bound on it: exit within the grace, whatever hangs."""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable

log = logging.getLogger(__name__)


class Shutdown:
    """Set once the service is asked to stop; past ``grace_s`` the process exits with code 1.

    :attr:`event` is a :class:`threading.Event`, so work running in threads (the extractor's
    pipeline) sees it too and stops starting new documents. The watchdog is a daemon thread: a
    shutdown that ends in time leaves it behind, one that does not (a batch stuck on a backend
    that went away) is cut short, its batch uncommitted and consumed again later.
    """

    def __init__(self, grace_s: float, exit: Callable[[int], object] = os._exit) -> None:
        self.grace_s = grace_s
        self.event = threading.Event()
        self.started_at: float | None = None
        self._exit = exit

    @property
    def requested(self) -> bool:
        """True once :meth:`begin` was called."""
        return self.event.is_set()

    def begin(self) -> None:
        """Start stopping (again is harmless) and arm the watchdog."""
        if self.event.is_set():
            return
        self.started_at = time.monotonic()
        self.event.set()
        log.info("stopping: no new batches; the in-flight one finishes within %.0f s", self.grace_s)
        watchdog = threading.Thread(target=self._watch, name="shutdown-watchdog", daemon=True)
        watchdog.start()

    def _watch(self) -> None:
        time.sleep(self.grace_s)
        log.error(
            "still stopping after %.0f s: exiting now, the batch is not committed", self.grace_s
        )
        logging.shutdown()
        self._exit(1)
