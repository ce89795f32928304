"""What the browser tests (and the browser benchmarks in bench/) share besides fixtures: the repository root,
the example hub, the viewports and Chromium's flags."""

from __future__ import annotations

from pathlib import Path

# Browser viewports and Chromium's flags: the hub checks' own.
from hubgen.checks.browser import CHROMIUM_ARGS, DESKTOP, PHONE

#: The repository root (the folder holding mkdocs.yml), found from this file's location.
REPO_ROOT = Path(__file__).resolve().parents[2]

#: The tests' own example hub, which the browser tests build and read (not the hub at the root, which an
#: organisation replaces with its own).
EXAMPLE_HUB = REPO_ROOT / "tests" / "hubs" / "riverbend"

__all__ = ["CHROMIUM_ARGS", "DESKTOP", "EXAMPLE_HUB", "PHONE", "REPO_ROOT"]
