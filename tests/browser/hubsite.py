"""What the browser tests (and the browser benchmarks in bench/) share besides fixtures: the repository root,
the example hub, the viewports and Chromium's flags."""

from __future__ import annotations

from pathlib import Path

#: The repository root (the folder holding mkdocs.yml), found from this file's location.
REPO_ROOT = Path(__file__).resolve().parents[2]

#: The tests' own example hub, which the browser tests build and read (not the hub at the root, which an
#: organisation replaces with its own).
EXAMPLE_HUB = REPO_ROOT / "tests" / "hubs" / "riverbend"

#: Browser viewports the tests use.
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

#: Flags that work for Debian's Chromium on these machines (see VALIDATORS.md in the project's shared notes).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    # Any host name other than 127.0.0.1 fails to resolve: nothing can leave the machine.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
