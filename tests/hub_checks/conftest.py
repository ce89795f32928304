"""Fixtures of the hub checks: the hub at the repository root, built once with ``--strict`` and served.

These checks are for whichever hub is at the root: the example Hubgen ships, or the hub an organisation put in
its place (``hubgen init``). They name no content: every page they look at is found in the build.
The browser fixtures are the browser tests' own; ``site_url`` here is the root hub's.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.conftest import new_page, offsite_requests, page, page_errors  # noqa: F401  (fixtures)
from tests.helpers import EXAMPLE_HUB, REPO, mkdocs_build, serve_directory

#: The hub these checks check: the one at the repository root.
ROOT_HUB = REPO


def fingerprint(root: Path) -> dict[str, str]:
    """SHA-256 of every file a build of the hub at ``root`` reads (mkdocs.yml, content, programs, theme)."""
    files = [root / "mkdocs.yml", *(p for part in ("content", "programs", "theme") for p in (root / part).rglob("*"))]
    return {f.relative_to(root).as_posix(): hashlib.sha256(f.read_bytes()).hexdigest() for f in files if f.is_file()}


@pytest.fixture(scope="session")
def root_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
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
def site_url(root_site: Path) -> Iterator[str]:
    """The built root hub served on 127.0.0.1 (the browser fixtures open pages here)."""
    with serve_directory(root_site) as url:
        yield url


def first_page(site: Path, pattern: str) -> str | None:
    """The site-relative URL of the first page whose folder matches ``pattern`` (e.g. ``programs/*``)."""
    found = sorted(p.parent for p in site.glob(f"{pattern}/index.html"))
    return found[0].relative_to(site).as_posix() + "/" if found else None


def key_pages(site: Path) -> dict[str, str]:
    """The pages every hub has, found in the build: home, a program, a cohort, a session, library, people."""
    pages = {
        "home": "",
        "program": first_page(site, "programs/*"),
        "cohort": first_page(site, "programs/*/*"),
        "session": first_page(site, "programs/*/*/sessions/*"),
        "library": "library/",
        "people": "people/",
    }
    missing = [kind for kind, url in pages.items() if url is None or not (site / url / "index.html").is_file()]
    assert not missing, f"the hub has no {', '.join(missing)} page — a hub needs a program, a cohort and a session"
    return {kind: str(url) for kind, url in pages.items()}
