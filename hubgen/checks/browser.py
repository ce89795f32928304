"""The hub's pages in Debian's Chromium through Playwright, with axe-core: the browser, a fenced-in page, axe.

Chromium is found via $HUBGEN_CHROMIUM, then ``chromium`` on PATH, then /usr/bin/chromium; it is started once per
run and shared. Without Chromium or the ``playwright`` package the browser checks are skipped — except on CI
(CI=true), where they fail, so a broken CI image cannot silently turn them off. Never run ``playwright install``:
the system Chromium is used. Every request a page makes to a host other than 127.0.0.1 is aborted and recorded.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, NoReturn, cast
from urllib.parse import urlsplit

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, Playwright, Request, Route, ViewportSize

#: Browser viewports.
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

#: Flags that work for Debian's Chromium headless on a CI runner or a small server.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    # Any host name other than 127.0.0.1 fails to resolve: nothing can leave the machine.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]

INSTALL_HINT = (
    "Install Debian's Chromium with `apt-get install chromium` (or set HUBGEN_CHROMIUM to a Chromium binary) "
    "and Playwright with `pip install 'hubgen[checks]'`. Do not run `playwright install`; the system Chromium is used."
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


# -- pages ---------------------------------------------------------------------------------------------------

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
            viewport=cast("ViewportSize", viewport or DESKTOP), base_url=site_url, service_workers="block", **options
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


# -- axe-core ------------------------------------------------------------------------------------------------

SERIOUS = {"serious", "critical"}

#: (axe rule, selector axe reports) -> why the finding stays. Only Material's own markup belongs here.
MATERIAL_FINDINGS: dict[tuple[str, str], str] = {
    ("aria-dialog-name", ".md-search"): (
        "Material's search (partials/search.html) is a role=dialog without a name; naming it means copying the"
        " partial, and screen readers reach the search field itself by its label 'Search'."
    ),
}


def with_axe(page: Page, source: str) -> Page:
    """Load axe-core into every document the page opens from now on (``start_axe`` then finds ``window.axe``).

    The same axe-core and the same run as adding it with ``add_script_tag`` after each load; over the 17 pages it
    measured about a third faster than injecting its 550 kB into each page."""
    page.context.add_init_script(script=source)
    return page


def start_axe(page: Page, source: str) -> None:
    """Start axe-core on the page as it is now (every rule it has: WCAG 2.x A/AA and best practices)."""
    if not page.evaluate("() => Boolean(window.axe)"):
        page.add_script_tag(content=source)
    page.evaluate("() => { window.hgAxe = axe.run(document, {resultTypes: ['violations']}); }")


def axe_results(page: Page) -> dict[str, Any]:
    """The results of the run started by ``start_axe``, once it has finished."""
    results: dict[str, Any] = page.evaluate("() => window.hgAxe")
    assert results["passes"], "axe-core checked nothing"
    return results


def axe(page: Page, source: str) -> dict[str, Any]:
    start_axe(page, source)
    return axe_results(page)


def serious_findings(results: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    """(rule, selector, what to fix) of each serious or critical finding."""
    for rule in results["violations"]:
        if rule["impact"] in SERIOUS:
            for node in rule["nodes"]:
                yield rule["id"], " ".join(map(str, node["target"])), " ".join(node["failureSummary"].split())[:300]
