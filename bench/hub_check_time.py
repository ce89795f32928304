"""How long a hub's pull-request check takes: a hub made by ``hubgen init DIR``, set up, then its ``make test``.

    .venv/bin/python bench/hub_check_time.py [--hub tests/hubs/westside] [--keep]

What it does, as the hub's check workflow does on a runner whose caches are warm:

1. builds Hubgen's wheel (``python -m build --wheel``) and makes a hub with ``hubgen init DIR`` (with ``--hub``, that
   hub's content/ and programs/ are copied in and ``hubgen forms`` is run);
2. points the hub's requirements.txt at the wheel (the hub's pin names a tag this machine cannot reach) and runs
   ``make setup`` twice: the first run fills pip's cache, the second, timed, installs from it into a fresh .venv;
3. times ``make clients`` (npm, its cache warm after the first time) and ``make test`` (the six checks), with each
   check's own time from pytest's ``--durations`` (the strict build is the first check's setup).

Goal (issue 25): the whole check within 3 minutes on a 2-core machine with its caches.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HUBGEN = Path(sys.executable).parent / "hubgen"
FLAGS = [
    "--name",
    "Bench Hub",
    "--repo-url",
    "https://github.com/bench/hub",
    "--program",
    "Scholars Program",
    "--timezone",
    "America/Chicago",
    "--person",
    "Sam Lee",
    "--yes",
]


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}")
    return elapsed, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--hub", help="a hub whose content/ and programs/ go into the new hub (e.g. tests/hubs/westside)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the hub's folder and print where it is")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "HUBGEN_CLIENTS")}
    work = Path(tempfile.mkdtemp(prefix="hub-check-time-"))
    try:
        print(f"cores: {os.cpu_count()}", flush=True)
        _, _ = timed([sys.executable, "-m", "build", "--wheel", "--outdir", str(work / "dist"), str(REPO)], REPO, env)
        wheel = next((work / "dist").glob("hubgen-*.whl"))
        hub = work / "hub"
        timed([str(HUBGEN), "init", str(hub), *FLAGS], work, env)
        if args.hub:
            source = (REPO / args.hub).resolve()
            shutil.rmtree(hub / "programs")
            shutil.copytree(source / "programs", hub / "programs")
            shutil.copytree(source / "content", hub / "content", dirs_exist_ok=True)
            timed([str(HUBGEN), "forms", str(hub)], work, env)
        pin = hub / "requirements.txt"
        lines = pin.read_text(encoding="utf-8").splitlines()
        pin.write_text("\n".join([*lines[:-1], f"hubgen[checks] @ {wheel.as_uri()}"]) + "\n", encoding="utf-8")
        timed(["make", "setup"], hub, env)  # fills pip's cache (and checks that the hub installs)
        shutil.rmtree(hub / ".venv")
        setup, _ = timed(["make", "setup"], hub, env)
        timed(["make", "clients"], hub, env)  # fills npm's cache
        shutil.rmtree(hub / ".cache" / "clients")
        clients, _ = timed(["make", "clients"], hub, env)
        test, result = timed(["make", "test", "PYTEST_ARGS=--durations=0"], hub, env)
        summary = result.stdout.strip().splitlines()[-1]
        print(f"make setup (pip, cache warm):   {setup:6.1f} s")
        print(f"make clients (npm, cache warm): {clients:6.1f} s")
        print(f"make test:                      {test:6.1f} s   {summary.strip('= ')}")
        durations = re.findall(r"^([\d.]+)s (setup|call|teardown)\s+test_hub\.py::(\w+)", result.stdout, re.M)
        for seconds, phase, name in durations:
            if float(seconds) >= 0.5:
                print(f"    {float(seconds):6.1f} s  {phase:8} {name}")
        print(f"total:                          {setup + clients + test:6.1f} s (goal: 180 s)")
        if args.keep:
            print(f"the hub: {hub}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
