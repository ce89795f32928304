"""Debian's Chromium through Playwright, started once per test session for every test that drives it.

The fixtures are registered once, in tests/conftest.py: the browser tests (tests/browser/) and the hub checks
(tests/hub_checks/) share one Playwright and one Chromium (Playwright's sync API cannot be started twice).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import TYPE_CHECKING, NoReturn

import pytest

from .hubsite import CHROMIUM_ARGS

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

INSTALL_HINT = (
    "Install Debian's Chromium with `apt-get install chromium` (or set HUBGEN_CHROMIUM to a Chromium binary) "
    "and Playwright with `pip install -e '.[test]'`. Do not run `playwright install`; the system Chromium is used."
)


def _unavailable(reason: str) -> NoReturn:
    """Skip locally; fail on CI, where the browser tests must run."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests cannot run on CI: {reason}. {INSTALL_HINT}", pytrace=False)
    pytest.skip(f"{reason} — {INSTALL_HINT}")


def find_chromium() -> str | None:
    configured = os.environ.get("HUBGEN_CHROMIUM")
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    found = shutil.which("chromium")
    if found:
        return found
    fallback = "/usr/bin/chromium"
    return fallback if os.access(fallback, os.X_OK) else None


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        where = os.environ.get("HUBGEN_CHROMIUM") or "`chromium` on PATH or /usr/bin/chromium"
        _unavailable(f"Chromium not found ({where})")
    return path


@pytest.fixture(scope="session")
def playwright_instance(chromium_path: str) -> Iterator[Playwright]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        _unavailable(f"the Python package `playwright` is not importable ({exc})")
    pw = sync_playwright().start()
    try:
        yield pw
    finally:
        pw.stop()


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright, chromium_path: str) -> Iterator[Browser]:
    b = playwright_instance.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
    try:
        yield b
    finally:
        b.close()
