"""Fixtures for the browser tests: the built hub on 127.0.0.1 and Debian's Chromium driven by Playwright.

Chromium is found via $HUBGEN_CHROMIUM, then ``chromium`` on PATH, then /usr/bin/chromium.
Without Chromium or the ``playwright`` package the tests are skipped — except on CI (CI=true),
where they fail, so a broken CI image cannot silently turn the browser tests off.
Never run ``playwright install``: we use the system Chromium, not a downloaded one.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn
from urllib.parse import urlsplit

import pytest

from .hubsite import CHROMIUM_ARGS, DESKTOP

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, Playwright, Request, Route

LOCAL_HOST = "127.0.0.1"


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
