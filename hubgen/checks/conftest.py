"""Fixtures of the hub's checks run from a hub (``hubgen test``): the hub in the folder they run in (or
``HUBGEN_HUB``), built once with ``--strict`` as the publish workflow builds it, and served on 127.0.0.1.

Hubgen's own repository runs the same checks on its example hub with fixtures of its own (tests/hub_checks/).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .browser import browser, chromium_path, new_page, offsite_requests, page, page_errors, playwright_instance
from .site import hub_root, mkdocs_build, serve_directory
from .validators import nu_check

__all__ = ["browser", "chromium_path", "new_page", "offsite_requests", "page", "page_errors", "playwright_instance"]


@pytest.fixture(scope="session", name="hub_root")
def _hub_root() -> Path:
    root = hub_root()
    if not (root / "mkdocs.yml").is_file():
        pytest.exit(f"no mkdocs.yml in {root}: run the hub's checks in the hub's folder (or set HUBGEN_HUB)", 2)
    return root


@pytest.fixture(scope="session")
def hub_site(hub_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hub, built with ``--strict`` into a temporary folder."""
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build(hub_root, out)
    assert result.returncode == 0, (
        "the strict build failed — fix what it names (run `make build` to see it again):\n" + result.stderr[-6000:]
    )
    return out


@pytest.fixture(scope="session")
def site_url(hub_site: Path) -> Iterator[str]:
    """The built hub served on 127.0.0.1 (the browser fixtures open pages here)."""
    with serve_directory(hub_site) as url:
        yield url


@pytest.fixture(scope="session")
def nu_errors(hub_site: Path) -> list[dict[str, Any]]:
    """Every error the Nu HTML Checker reports for the built hub (one JVM run)."""
    return list(nu_check(hub_site))
