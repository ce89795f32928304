"""How long `hubgen check` takes: on the example hub, and on a synthetic hub of 1,000 sessions and 3,000 readings.

    .venv/bin/python bench/check_time.py [--runs 5]

Runs the real command (a fresh process each time, as a person or CI runs it) and prints the best and the
median wall-clock time. Target (issue 3): under 2 s for both hubs.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.synth import HubSize, write_hub

REPO = Path(__file__).resolve().parent.parent
HUBGEN = Path(sys.executable).parent / "hubgen"


def time_check(root: Path, runs: int) -> tuple[float, float, str]:
    times, summary = [], ""
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run([str(HUBGEN), "check", str(root)], capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        summary = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else f"exit {result.returncode}"
    return min(times), statistics.median(times), summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        big = write_hub(
            Path(tmp) / "hub",
            HubSize(programs=5, cohorts_per_program=4, sessions_per_cohort=50, readings=3000, people=400),
        )
        sessions = len(list(big.glob("programs/*/*/sessions/*.md")))
        readings = len(list(big.glob("content/readings/*.yml")))
        print(f"{'hub':<44} {'best':>7} {'median':>7}  result")
        for label, root in (("example hub", REPO), (f"synthetic: {sessions} sessions, {readings} readings", big)):
            best, median, summary = time_check(root, args.runs)
            print(f"{label:<44} {best:6.2f}s {median:6.2f}s  {summary}")


if __name__ == "__main__":
    main()
