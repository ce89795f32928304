"""The hub's checks, shipped with Hubgen: ``hubgen test`` runs them on the hub in the current folder.

They are pytest tests (:mod:`hubgen.checks.test_hub`): the content check, the strict build, the privacy audit of the
built site (:mod:`.privacy`), HTML validity and links (:mod:`.validators`: the Nu HTML Checker and linkchecker), and
the key pages in Chromium with axe-core (:mod:`.browser`). What they need besides Python — Chromium, Java, and
axe-core and vnu-jar from npm (``clients/package.json``, installed by ``hubgen test --install-clients``) — is
skipped when missing, with the command that installs it, except on CI (CI=true), where a missing tool fails.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from .site import CLIENTS_FOLDER, PACKAGE_JSON

HERE = Path(__file__).resolve().parent
NPM = ["--loglevel=error", "--ignore-scripts", "--no-package-lock", "--no-audit", "--no-fund"]


def install_clients(folder: Path) -> int:
    """Install the npm validators into ``folder``/node_modules (axe-core, vnu-jar; vnu's install script, which
    downloads a Java runtime, is not run: Java comes from the system). 0 when installed, 1 when npm is missing."""
    npm = shutil.which("npm")
    if npm is None:
        print(
            "npm is not installed: the accessibility and HTML checks will be skipped (on CI they fail). "
            "Install Node.js and npm (`apt-get install npm`), then `make clients`.",
            file=sys.stderr,
        )
        return 1
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PACKAGE_JSON, folder / "package.json")
    return subprocess.run([npm, "install", *NPM, "--prefix", str(folder)], check=False).returncode


def command(extra: list[str]) -> list[str]:
    """The pytest command that runs the hub's checks (on the hub ``HUBGEN_HUB`` names); pytest's root is the
    checks' folder, so each is reported as ``test_hub.py::<check>``."""
    ini = HERE / "pytest.ini"
    return [sys.executable, "-m", "pytest", "-c", str(ini), str(HERE / "test_hub.py"), *extra]


def _run(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    if not (root / "mkdocs.yml").is_file():
        print(f"hubgen test: no mkdocs.yml in {root} — run it in the hub's folder", file=sys.stderr)
        return 2
    clients = Path(os.environ.get("HUBGEN_CLIENTS") or root / CLIENTS_FOLDER)
    if args.install_clients:
        return install_clients(clients)
    if importlib.util.find_spec("pytest") is None:
        print(
            "hubgen test: the hub's checks need Hubgen's 'checks' extra — write hubgen[checks] in requirements.txt "
            "(or run `pip install 'hubgen[checks]'`), then `make setup`",
            file=sys.stderr,
        )
        return 2
    env = {**os.environ, "HUBGEN_HUB": str(root), "HUBGEN_CLIENTS": str(clients), "NO_MKDOCS_2_WARNING": "1"}
    extra = args.pytest_args[1:] if args.pytest_args[:1] == ["--"] else args.pytest_args
    return subprocess.run(command(extra), cwd=HERE, env=env, check=False).returncode  # cwd: short test names


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "test",
        help="run the hub's checks: content, strict build, privacy, HTML, links, the key pages with axe-core",
        description="Run the hub's checks on the hub in this folder: the content check, the strict build, the "
        "privacy audit of the built site, the Nu HTML Checker, linkchecker, and the key pages in Chromium with "
        "axe-core. Arguments after -- go to pytest (e.g. -- -k privacy).",
    )
    p.add_argument("--root", default=".", help="the hub's folder (with mkdocs.yml); default: here")
    p.add_argument(
        "--install-clients",
        action="store_true",
        help=f"install the npm validators (axe-core, vnu-jar) into {CLIENTS_FOLDER}/ and stop",
    )
    p.add_argument("pytest_args", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    p.set_defaults(run=_run)
