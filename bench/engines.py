"""Build time of a hub under each engine, cold and warm, in one run: MkDocs, ProperDocs, Zensical.

    .venv/bin/python bench/engines.py                   # the example hub
    .venv/bin/python bench/engines.py --hubs example,1000 --runs 3

Each hub is a copy under ``bench/out/engines/`` (``example``: the repository's hub; a number: a synthetic
hub of that many sessions, sized as ``bench/scale.py`` sizes it). Each build is the command a user runs,
timed from start to exit (wall seconds, so interpreter start and imports count):

- mkdocs: ``mkdocs build --strict``; properdocs: ``properdocs build --strict`` (both with the plugin);
- zensical: ``hubgen build --engine zensical`` (export, ``zensical build``, finishing, copy to site/).

Cold: the hub's ``.cache/`` removed first (hubgen's citation and picture cache, the Zensical export and
Zensical's own cache). Warm: the same build again, nothing changed. With ``--runs N`` the best of N is shown.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parent.parent))  # after an installed hubgen, which PYTHONPATH may pick
from bench.scale import prepare_hub

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out" / "engines"
ENGINES = ("mkdocs", "properdocs", "zensical")


def build(engine: str, root: Path) -> float:
    site = root / "site"
    if engine == "zensical":
        cmd = [sys.executable, "-m", "hubgen.cli", "build", "--engine", "zensical", "--site-dir", str(site), str(root)]
    else:
        cmd = [sys.executable, "-m", engine, "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(site)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{engine} failed on {root}:\n{result.stderr[-3000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hubs", default="example")
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    rows = []
    for name in args.hubs.split(","):
        root = prepare_hub(name, OUT)
        for engine in args.engines.split(","):
            colds, warms = [], []
            for _ in range(args.runs):
                shutil.rmtree(root / ".cache", ignore_errors=True)
                shutil.rmtree(root / "site", ignore_errors=True)
                colds.append(build(engine, root))
                warms.append(build(engine, root))
            rows.append((name, engine, min(colds), min(warms)))
            print(f"{name} {engine}: cold {min(colds):.1f} s, warm {min(warms):.1f} s", flush=True)
    print()
    print(f"load average at the end: {os.getloadavg()[0]:.1f} ({os.cpu_count()} CPUs)")
    print(f"{'hub':<9} {'engine':<11} {'cold s':>7} {'warm s':>7}")
    for name, engine, cold, warm in rows:
        print(f"{name:<9} {engine:<11} {cold:>7.1f} {warm:>7.1f}")


if __name__ == "__main__":
    main()
