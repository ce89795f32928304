"""Fixtures of the hub checks (hubgen/checks/test_hub.py) in this repository: the hub at the repository root, built
once with ``--strict`` and served.

The checks are for whichever hub is at the root: the example Hubgen ships, or the hub an organisation put in its
place. A standalone hub runs the same checks with ``hubgen test`` and the fixtures of hubgen/checks/conftest.py;
here they share the builds Hubgen's own tests make. The browser fixtures come from tests/conftest.py.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import EXAMPLE_HUB, REPO, mkdocs_build, serve_directory
from tests.test_site_validators import nu_check_site

#: The hub these checks check: the one at the repository root.
ROOT_HUB = REPO


def fingerprint(root: Path) -> dict[str, str]:
    """SHA-256 of every file a build of the hub at ``root`` reads (mkdocs.yml, content, programs, theme)."""
    files = [root / "mkdocs.yml", *(p for part in ("content", "programs", "theme") for p in (root / part).rglob("*"))]
    return {f.relative_to(root).as_posix(): hashlib.sha256(f.read_bytes()).hexdigest() for f in files if f.is_file()}


@pytest.fixture(scope="session")
def hub_root() -> Path:
    return ROOT_HUB


@pytest.fixture(scope="session")
def hub_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The root hub, built with ``--strict`` as the publish workflow builds it.

    While the root hub is still the example, file for file the tests' copy of it, the build is the one the
    Hubgen tests make of that copy (builds are deterministic): one build per hub, not two of the same.
    """
    if fingerprint(ROOT_HUB) == fingerprint(EXAMPLE_HUB):
        site: Path = request.getfixturevalue("example_site")
        return site
    out = tmp_path_factory.mktemp("root-site")
    result = mkdocs_build(ROOT_HUB, out)
    assert result.returncode == 0, result.stderr[-6000:]
    return out


@pytest.fixture(scope="session")
def site_url(hub_site: Path) -> Iterator[str]:
    """The built root hub served on 127.0.0.1 (the browser fixtures open pages here)."""
    with serve_directory(hub_site) as url:
        yield url


@pytest.fixture(scope="session")
def nu_errors(hub_site: Path, tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """The Nu HTML Checker's errors, from the one run tests/test_site_validators.py shares for the same build."""
    return list(nu_check_site(tmp_path_factory, hub_site))
