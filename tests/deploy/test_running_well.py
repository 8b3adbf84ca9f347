"""The deploy files agree with the services on memory and on how long a stop may take."""

from __future__ import annotations

import re

import pytest

from newsdesk.settings import ServiceSettings
from tests.deploy.conftest import OVERLAYS, Doc, of_kind

#: The extractor's bound in the README's Memory bounds (1,010 MB measured with hostile inputs).
EXTRACTOR_BOUND_MIB = 1536


def _mib(quantity: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)\s*([A-Za-z]*)", str(quantity)).groups()  # type: ignore[union-attr]
    scale = {"Mi": 1, "Gi": 1024, "m": 1, "g": 1024, "M": 1e6 / 2**20, "G": 1e9 / 2**20}
    return float(number) * scale[unit]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_extractor_pods_may_reach_the_memory_bound_and_stop_within_their_grace(
    rendered: dict[str, list[Doc]], overlay: str
) -> None:
    grace = ServiceSettings().shutdown_grace_s
    for deployment in of_kind(rendered[overlay], "Deployment"):
        pod = deployment["spec"]["template"]["spec"]
        # A service exits within its shutdown grace after SIGTERM, before Kubernetes kills it.
        assert pod["terminationGracePeriodSeconds"] > grace
        if deployment["metadata"]["name"] == "extractor":
            [container] = pod["containers"]
            assert _mib(container["resources"]["limits"]["memory"]) >= EXTRACTOR_BOUND_MIB


def test_compose_gives_the_extractor_its_bound_and_every_service_time_to_stop(
    compose: Doc,
) -> None:
    limit = compose["services"]["extractor"]["deploy"]["resources"]["limits"]["memory"]
    assert _mib(limit) >= EXTRACTOR_BOUND_MIB
    grace = ServiceSettings().shutdown_grace_s
    for name in ("extractor", "indexer", "fetcher", "scheduler"):
        period = compose["services"][name]["stop_grace_period"]
        assert int(period.rstrip("s")) > grace, name
