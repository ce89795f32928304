"""Fixtures for the browser tests: the built hub on 127.0.0.1 and Debian's Chromium driven by Playwright.

Chromium is found via $HUBGEN_CHROMIUM, then ``chromium`` on PATH, then /usr/bin/chromium.
Without Chromium or the ``playwright`` package the tests are skipped — except on CI (CI=true),
where they fail, so a broken CI image cannot silently turn the browser tests off.
Never run ``playwright install``: we use the system Chromium, not a downloaded one.
Chromium itself, and the ``page``/``new_page`` fixtures, are the hub checks' own (hubgen/checks/browser.py,
registered in tests/conftest.py): the browser tests and the hub checks share one Chromium per test session.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

PUBLISHED_URL = "https://example.org/hub/"  # site_url in mkdocs.yml


@pytest.fixture
def instant_page(page: Page, example_site: Path, site_url: str) -> Callable[[str], Page]:
    """``instant_page(url)`` opens ``url`` with Material's instant navigation ready to take over its links.

    Material follows only links listed in sitemap.xml, whose addresses start with the published
    ``site_url``; served from 127.0.0.1 no link would qualify, so the sitemap is answered as if the site
    were published here. Material fetches it as the page starts and lets a click go by as a plain page load
    until it has read it: once the sitemap has been delivered, one task later Material has parsed it (its fetch,
    read and parse are one promise chain).
    """
    text = (example_site / "sitemap.xml").read_text(encoding="utf-8").replace(PUBLISHED_URL, site_url)
    page.route(
        f"{site_url}sitemap.xml", lambda route: route.fulfill(status=200, content_type="application/xml", body=text)
    )

    def open_(url: str) -> Page:
        with page.expect_response(f"{site_url}sitemap.xml") as sitemap:
            page.goto(url)
        sitemap.value.finished()  # the whole sitemap has been delivered
        page.evaluate("() => new Promise((done) => setTimeout(done, 0))")  # one task on: Material has read it
        return page

    return open_


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Screenshots and other by-products, kept for humans to look at (git-ignored)."""
    path = Path(__file__).resolve().parents[2] / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path
