"""Fixtures of the hub checks (hubgen/checks/test_hub.py) in this repository: a hub, built once with ``--strict`` and
served.

The checks are for whichever hub is at the root: the example Hubgen ships, or the hub an organisation put in its
place. A standalone hub runs the same checks with ``hubgen test`` and the fixtures of hubgen/checks/conftest.py;
here they share the builds Hubgen's own tests make. The browser fixtures come from tests/conftest.py.

They pass for any valid hub (DESIGN rule 11), so they run here on three: the root hub; the hub ``hubgen init``
makes in its place (what an organisation starts from); and a second hub written apart from init (tests/hubs/westside)
copied into a standalone hub made by ``hubgen init DIR``, with what ``hubgen check`` then asks for done. All three in
this test run, in-process, with its Chromium: not in pytest runs of their own (tests/test_standalone.py still runs a
standalone hub's ``make test`` once, from the built wheel).
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from hubgen.cli import main
from tests.helpers import EXAMPLE_HUB, REPO, mkdocs_build, serve_directory
from tests.test_site_validators import nu_check_site

#: The hub these checks check first: the one at the repository root.
ROOT_HUB = REPO

#: The second hub, written independently of ``hubgen init`` (two programs, two time zones, Spanish, hidden people).
WESTSIDE = REPO / "tests/hubs/westside"

#: What a hub is made of in a clone of this repository: what ``hubgen init`` replaces and ``hubgen check`` reads.
HUB_PARTS = ("mkdocs.yml", "content", "programs", "theme", ".github/ISSUE_TEMPLATE")


def fingerprint(root: Path) -> dict[str, str]:
    """SHA-256 of every file a build of the hub at ``root`` reads (mkdocs.yml, content, programs, theme)."""
    files = [root / "mkdocs.yml", *(p for part in ("content", "programs", "theme") for p in (root / part).rglob("*"))]
    return {f.relative_to(root).as_posix(): hashlib.sha256(f.read_bytes()).hexdigest() for f in files if f.is_file()}


def _copy_root_hub(dest: Path) -> Path:
    for part in HUB_PARTS:
        source = ROOT_HUB / part
        if source.is_dir():
            shutil.copytree(source, dest / part)
        elif source.is_file():
            (dest / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / part)
    return dest


def _init_in_place(folder: Path) -> Path:
    """The root hub replaced by ``hubgen init --force`` (the same test runs where the root hub is someone's own)."""
    from tests.test_init import FLAGS

    hub = _copy_root_hub(folder / "hub")
    assert main(["init", "--root", str(hub), *FLAGS, "--force"]) == 0
    assert not (hub / "content/about.md").exists(), "init left the example's pages"
    return hub


def _westside_standalone(folder: Path) -> Path:
    """tests/hubs/westside in a standalone hub from ``hubgen init DIR``, with what the check asked for done (the
    messages themselves are tests/test_other_hub.py's): the forms rewritten, the starter reading's topic added."""
    from tests.test_standalone import FLAGS

    hub = folder / "hub"
    assert main(["init", str(hub), *FLAGS]) == 0
    shutil.rmtree(hub / "programs")
    shutil.copytree(WESTSIDE / "programs", hub / "programs")
    shutil.copytree(WESTSIDE / "content", hub / "content", dirs_exist_ok=True)
    assert main(["forms", str(hub)]) == 0
    with (hub / "content/topics.yml").open("a", encoding="utf-8") as topics:
        topics.write("getting-started:\n  title: Getting started\n")
    return hub


#: The two hubs built here first: the root hub's build is the example's, which another worker is making meanwhile.
@pytest.fixture(scope="session", params=["init", "westside", "root"])
def hub_root(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hub checked: the root hub, the hub ``hubgen init`` makes in its place, or westside in a standalone hub."""
    if request.param == "root":
        return ROOT_HUB
    make = _init_in_place if request.param == "init" else _westside_standalone
    return make(tmp_path_factory.mktemp(f"{request.param}-hub"))


@pytest.fixture(scope="session")
def hub_site(hub_root: Path, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hub, built with ``--strict`` as the publish workflow builds it.

    While the root hub is still the example, file for file the tests' copy of it, the build is the one the
    Hubgen tests make of that copy (builds are deterministic): one build per hub, not two of the same.
    """
    if hub_root == ROOT_HUB and fingerprint(ROOT_HUB) == fingerprint(EXAMPLE_HUB):
        site: Path = request.getfixturevalue("example_site")
        return site
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build(hub_root, out)
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
