"""What the browser tests share besides fixtures: the repository root and the viewports."""

from __future__ import annotations

from pathlib import Path

#: The repository root (the folder holding mkdocs.yml), found from this file's location.
REPO_ROOT = Path(__file__).resolve().parents[2]

#: Browser viewports the tests use.
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
