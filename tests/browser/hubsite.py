"""What the browser tests (and the browser benchmarks in bench/) share besides fixtures: the repository root,
the example hub, the viewports and Chromium's flags."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

# Browser viewports and Chromium's flags: the hub checks' own.
from hubgen.checks.browser import CHROMIUM_ARGS, DESKTOP, PHONE

#: The repository root (the folder holding mkdocs.yml), found from this file's location.
REPO_ROOT = Path(__file__).resolve().parents[2]

#: The tests' own example hub, which the browser tests build and read (not the hub at the root, which an
#: organisation replaces with its own).
EXAMPLE_HUB = REPO_ROOT / "tests" / "hubs" / "riverbend"

if TYPE_CHECKING:
    from playwright.sync_api import Page


def filtered(page: Page, action: Callable[[], object]) -> dict[str, Any]:
    """Do ``action`` (tick a box, type a word) and return the detail of the ``hg-filtered`` event it causes.

    facets.js dispatches ``hg-filtered`` with ``{shown, total, keys}`` after each filtering (its contract, at the top
    of the file): waiting for it is waiting for the filter itself, never for a time that usually suffices. An action
    that does not filter fails the test at the wait's timeout.
    """
    page.evaluate(
        """() => { window.__hgFiltered = null;
            document.addEventListener("hg-filtered", (e) => { window.__hgFiltered = e.detail; }, { once: true }); }"""
    )
    action()
    detail: dict[str, Any] = page.wait_for_function("() => window.__hgFiltered").json_value()
    return detail


def goto_started(page: Page, url: str) -> None:
    """Open ``url`` and wait for the page to have started: the load event (everything its HTML and stylesheets name
    has been asked for) and the sitemap.xml request of Material's start-up (navigation.instant), which its other
    start-up requests do not outlast. Tests that count the requests a page makes by itself read them after this, not
    after a quiet network (500 ms of nothing)."""
    with page.expect_response(lambda response: response.url.endswith("/sitemap.xml")):
        page.goto(url)


__all__ = ["CHROMIUM_ARGS", "DESKTOP", "EXAMPLE_HUB", "PHONE", "REPO_ROOT", "filtered", "goto_started"]
