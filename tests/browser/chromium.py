"""Debian's Chromium through Playwright, started once per test session for every test that drives it.

The fixtures are the hub checks' own (hubgen/checks/browser.py), registered once, in tests/conftest.py: the browser
tests (tests/browser/) and the hub checks (tests/hub_checks/) share one Playwright and one Chromium (Playwright's
sync API cannot be started twice).
"""

from __future__ import annotations

from hubgen.checks.browser import INSTALL_HINT, browser, chromium_path, find_chromium, playwright_instance

__all__ = ["INSTALL_HINT", "browser", "chromium_path", "find_chromium", "playwright_instance"]
