"""Readiness: the checks a service registers (Kafka, Elasticsearch) and why it is not ready."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

#: A readiness check: None when the dependency is fine, else a short reason.
Check = Callable[[], Awaitable[str | None]]


@dataclass
class Health:
    """What ``/readyz`` answers: ready once started, while every check passes, until stopping."""

    timeout: float = 3.0
    checks: dict[str, Check] = field(default_factory=dict)
    started: bool = False
    stopping: bool = False

    def require(self, name: str, check: Check) -> None:
        """Add (or replace) the check called ``name``."""
        self.checks[name] = check

    async def not_ready(self) -> str | None:
        """None when ready, else the reasons it is not, one per failing check."""
        if self.stopping:
            return "shutting down"
        reasons = [] if self.started else ["starting"]
        for name, check in list(self.checks.items()):
            try:
                reason = await asyncio.wait_for(check(), self.timeout)
            except TimeoutError:
                reason = f"no answer within {self.timeout:g} s"
            except Exception as exc:  # a check that fails says why instead of raising
                reason = f"{type(exc).__name__}: {exc}"
            if reason is not None:
                reasons.append(f"{name}: {reason}")
        return "; ".join(reasons) or None
