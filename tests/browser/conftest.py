"""Fixtures for the browser tests: the built hub on 127.0.0.1 and Debian's Chromium driven by Playwright.

Chromium is found via $HUBGEN_CHROMIUM, then ``chromium`` on PATH, then /usr/bin/chromium.
Without Chromium or the ``playwright`` package the tests are skipped — except on CI (CI=true),
where they fail, so a broken CI image cannot silently turn the browser tests off.
Never run ``playwright install``: we use the system Chromium, not a downloaded one.
Chromium itself is started once per test session (tests/browser/chromium.py, registered in tests/conftest.py):
the browser tests and the hub checks share it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

from .hubsite import DESKTOP

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, Request, Route

LOCAL_HOST = "127.0.0.1"


@pytest.fixture
def offsite_requests() -> list[str]:
    """URLs the page tried to fetch from anywhere but 127.0.0.1 (all of them were aborted)."""
    return []


@pytest.fixture
def page_errors() -> list[str]:
    """Uncaught JavaScript exceptions on the test's pages."""
    return []


@pytest.fixture
def new_page(
    browser: Browser, site_url: str, offsite_requests: list[str], page_errors: list[str]
) -> Iterator[Callable[..., Page]]:
    """Factory: ``new_page(viewport=PHONE)`` opens a page in a fresh, fenced-in browser context.

    Every request is routed: 127.0.0.1 goes through, anything else is aborted and recorded in
    ``offsite_requests``. Contexts are closed at the end of the test.
    """
    contexts: list[BrowserContext] = []

    def route(route: Route, request: Request) -> None:
        if urlsplit(request.url).hostname == LOCAL_HOST:
            route.continue_()
        else:
            offsite_requests.append(request.url)
            route.abort("blockedbyclient")

    def make(viewport: dict[str, int] | None = None, **options: Any) -> Page:
        context = browser.new_context(
            viewport=viewport or DESKTOP, base_url=site_url, service_workers="block", **options
        )
        contexts.append(context)
        context.route("**/*", route)
        page = context.new_page()
        page.on("pageerror", lambda exc: page_errors.append(str(exc)))
        return page

    try:
        yield make
    finally:
        for context in contexts:
            context.close()


@pytest.fixture
def page(new_page: Callable[..., Page]) -> Page:
    """A desktop-sized (1280x900) page; navigate with ``page.goto("relative/url/")``."""
    return new_page()


PUBLISHED_URL = "https://example.org/hub/"  # site_url in mkdocs.yml


@pytest.fixture
def instant_page(page: Page, example_site: Path, site_url: str) -> Callable[[str], Page]:
    """``instant_page(url)`` opens ``url`` with Material's instant navigation ready to take over its links.

    Material follows only links listed in sitemap.xml, whose addresses start with the published
    ``site_url``; served from 127.0.0.1 no link would qualify, so the sitemap is answered as if the site
    were published here. Material fetches it after the page loads and ignores clicks until it has it:
    waiting for the network to go quiet keeps a fast click from turning into a plain page load.
    """
    text = (example_site / "sitemap.xml").read_text(encoding="utf-8").replace(PUBLISHED_URL, site_url)
    page.route(
        f"{site_url}sitemap.xml", lambda route: route.fulfill(status=200, content_type="application/xml", body=text)
    )

    def open_(url: str) -> Page:
        with page.expect_response(f"{site_url}sitemap.xml"):
            page.goto(url)
        page.wait_for_load_state("networkidle")
        return page

    return open_


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Screenshots and other by-products, kept for humans to look at (git-ignored)."""
    path = Path(__file__).resolve().parents[2] / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path
