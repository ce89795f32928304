"""Fixtures shared by every test: the example hub built once, and small throwaway hubs."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from hubgen.adapters.common import CACHE_VARIABLE
from hubgen.hub.graph import Hub
from hubgen.hub.load import load_hub
from tests.helpers import (
    EXAMPLE_HUB,
    MINIMAL_MKDOCS,
    built_once,
    copy_example_hub,
    mkdocs_build,
    serve_directory,
    write_files,
)

#: Chromium, Playwright and the fenced-in ``page`` fixtures of the hub checks: one Chromium per test session, shared
#: by the browser tests and the hub checks.
pytest_plugins = ["hubgen.checks.browser"]


def pytest_configure(config: pytest.Config) -> None:
    """Every build of a test run keeps its cache in one temporary folder (``$HUBGEN_CACHE_DIR``, one subfolder per
    hub), made here and removed at the end: a hub built in place (tests/hubs/riverbend) would otherwise keep
    ``.cache/hubgen/`` between runs, so local runs were warm and CI's cold. pytest-xdist's workers inherit the
    folder from the run that starts them (a run started with the variable set keeps it)."""
    if not os.environ.get(CACHE_VARIABLE):
        os.environ[CACHE_VARIABLE] = tempfile.mkdtemp(prefix="hubgen-cache-")
        config.stash[_MADE_CACHE] = os.environ[CACHE_VARIABLE]


def pytest_unconfigure(config: pytest.Config) -> None:
    made = config.stash.get(_MADE_CACHE, None)
    if made:
        shutil.rmtree(made, ignore_errors=True)
        del os.environ[CACHE_VARIABLE]


_MADE_CACHE = pytest.StashKey[str]()


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tests' example hub (tests/hubs/riverbend: a full-featured hub), built with ``--strict``."""

    def build(out: Path) -> Path:
        result = mkdocs_build(EXAMPLE_HUB, out)
        assert result.returncode == 0, result.stderr
        return out

    return built_once(tmp_path_factory, "example-site", build)


@pytest.fixture(scope="session")
def staff_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example hub built with ``staff_links: always``: the edit button and repository link on every page.

    Built once per test run (tests/test_build.py and tests/test_community.py read it, often on different workers)."""

    def build(folder: Path) -> Path:
        hub = copy_example_hub(folder / "hub")
        config = hub / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        assert "  - hubgen:\n" in text
        staff = text.replace("  - hubgen:\n", "  - hubgen:\n      staff_links: always\n", 1)
        config.write_text(staff, encoding="utf-8")
        out = folder / "site"
        result = mkdocs_build(hub, out)
        assert result.returncode == 0, result.stderr
        return out

    return built_once(tmp_path_factory, "staff-site", build)


@pytest.fixture(scope="session")
def site_url(example_site: Path) -> Iterator[str]:
    """The built example hub served over HTTP on 127.0.0.1 (a free port): its base URL, ending in "/"."""
    with serve_directory(example_site) as url:
        yield url


@pytest.fixture
def small_hub(tmp_path: Path):
    """Write a small hub from ``{path: text}`` (with a default mkdocs.yml and home page)."""

    def make(files: dict[str, str]) -> Path:
        base = {"mkdocs.yml": MINIMAL_MKDOCS, "content/index.md": "# Home\n"}
        return write_files(tmp_path / "hub", {**base, **files})

    return make


@pytest.fixture(scope="session")
def hub() -> Hub:
    """The example hub, loaded and resolved (it has no errors)."""
    hub, problems = load_hub(EXAMPLE_HUB)
    assert not problems.errors, "\n".join(p.format() for p in problems.errors)
    return hub


@pytest.fixture
def hub_copy(tmp_path: Path) -> Path:
    """A copy of the example hub in a temporary folder."""
    return copy_example_hub(tmp_path / "hub")


#: The files that take longest (a test of minutes, or a slow shared build), handed to pytest-xdist's workers first,
#: longest first. With ``--dist loadfile`` a file runs whole on one worker and the run ends with the last file: a
#: long file handed out last leaves the other worker idle until it ends. (`make test`'s --no-loadscope-reorder turns
#: off xdist's own order, most tests first, which put these few-test files last.) The other files keep their order.
#: xdist has no order by duration; ``--dist worksteal`` would balance without this list, but it splits a file's
#: tests across workers, and each worker would then make the module-scoped builds (tests/browser/test_xss_corpus.py,
#: test_zensical.py, ...) again: this list costs less than those builds.
LONGEST_FIRST = (
    "tests/browser/test_accessibility.py",
    # Second: the hub checks on three hubs; the two it builds itself first, while the first file builds the example.
    "tests/hub_checks/test_root_hub.py",
    "tests/browser/test_palettes.py",  # axe-core's contrast rule 126 times
    "tests/test_standalone.py",  # the wheel built and a new hub's make test in a venv outside the repository
    "tests/test_incremental.py",  # the preview against clean builds after random edits (hypothesis)
    "tests/browser/test_language.py",  # builds the example in Spanish (test_i18n.py and browser/test_offline.py too)
    "tests/browser/test_pagefind.py",  # its own build, with Pagefind's index
    "tests/test_authoring.py",
    "tests/browser/test_journeys.py",
    "tests/test_community.py",
    "tests/test_engines.py",
    "tests/browser/test_zensical.py",
    "tests/test_reproducible.py",
    "tests/test_pagecache.py",  # renders after random edits, with and without the kept pages (hypothesis)
    "tests/browser/test_showcase.py",
    "tests/test_privacy.py",
    "tests/browser/test_session_day.py",
    "tests/test_citations.py",
    "tests/test_other_hub.py",
    "tests/browser/test_time.py",
    "tests/browser/test_injection.py",
    "tests/browser/test_library.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::", 1)[0], len(rank)))
