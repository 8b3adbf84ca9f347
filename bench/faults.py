"""Faults under ``newsdesk run``'s supervisor: kills, a search outage, a rebalance, poison.

The scenarios are the fault suite's (``tests/faults/scenarios.py``, one copy): the Runner in this
process on free loopback ports, tansu, noida-db and the services as real processes. Each
scenario's inputs must end indexed exactly once or dead-lettered with a reason. Prints the fault
table and ends with ``RESULT faults.lost`` and ``RESULT faults.duplicated``; exits 1 when the
invariant did not hold. ``--scale 2`` doubles every scenario's inputs.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the scenarios live with the tests

from tests.faults.ledger import Row, format_table  # noqa: E402
from tests.faults.run import FaultRun  # noqa: E402
from tests.faults.scenarios import SCENARIOS, Sizes  # noqa: E402


async def run_scenarios(names: list[str], sizes: Sizes) -> list[Row]:
    """Start one run, play each scenario on it in turn, stop it; the rows."""
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="newsdesk-faults-") as work:
        run = FaultRun(Path(work))
        try:
            started = time.monotonic()
            await run.start()
            print(f"the run is up after {time.monotonic() - started:.0f} s", flush=True)
            for name in names:
                row = await SCENARIOS[name](run, sizes)
                print(f"{row.scenario}: {'ok' if row.ok else 'FAILED'} in {row.seconds:.0f} s")
                rows.append(row)
        finally:
            await run.stop()
            if any(not row.ok for row in rows):
                print("\n".join(run.log_path.read_text(errors="replace").splitlines()[-40:]))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0, help="inputs per scenario, times")
    parser.add_argument("--only", choices=list(SCENARIOS), action="append", help="scenarios")
    args = parser.parse_args()
    started = time.monotonic()
    rows = asyncio.run(run_scenarios(args.only or list(SCENARIOS), Sizes().scaled(args.scale)))
    print()
    print(format_table(rows))
    for row in rows:
        for line in [*row.notes(), *row.problems[:10]]:
            print(f"{row.scenario}: {line}")
    print(f"{time.monotonic() - started:.0f} s in all")
    print(f"RESULT faults.lost {sum(row.lost for row in rows)} articles")
    print(f"RESULT faults.duplicated {sum(row.duplicated for row in rows)} articles")
    return 0 if all(row.ok for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
