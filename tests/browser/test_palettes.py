"""Every colour Material offers passes axe-core's contrast check on the key pages, light and dark.

A hub picks its colours in mkdocs.yml (``theme.palette``: ``primary``, ``accent``, ``scheme``). Material
applies them as attributes of ``<body>`` (``data-md-color-primary="blue-grey"``, ``data-md-color-accent``,
``data-md-color-scheme``) that select its CSS variables; its palette toggle changes them in the page. So the
example hub is built once and each palette is set in the page the same way, instead of one build a palette:
21 primaries and 16 accents (hubgen/content/palette.py), each in the light and the dark scheme, on the home
page, a session and the library. A primary's colours and an accent's are separate variables, and no element
of Hubgen or Material sets one against the other, so each primary is paired with one accent (in turn) and
every name is tried in each scheme: the 21 pairs hold them all.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from hubgen.content.palette import ACCENTS, PRIMARIES, attribute
from tests.helpers import npm_client

from .test_accessibility import page_kinds, serious_findings, with_axe

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

PAGES = ("home", "session", "library")
SCHEMES = {"default": "light", "slate": "dark"}
#: Every primary once, with the accents in turn: (primary, accent).
PAIRS = [(primary, ACCENTS[i % len(ACCENTS)]) for i, primary in enumerate(PRIMARIES)]

#: Set a palette as Material's toggle does, with transitions off (Material eases colours over a quarter of a
#: second; axe must read the colours the palette gives, not ones on their way), then run axe's contrast rule.
CHECK = """async ([scheme, primary, accent]) => {
    // Only Material's and Hubgen's stylesheets: a hub's own (the example's darkens teal) must not hide a failure.
    for (const sheet of document.querySelectorAll('link[rel=stylesheet]:not([href*="assets/"])')) sheet.remove();
    document.body.setAttribute('data-md-color-scheme', scheme);
    document.body.setAttribute('data-md-color-primary', primary);
    document.body.setAttribute('data-md-color-accent', accent);
    const results = await axe.run(document, {runOnly: ['color-contrast'], resultTypes: ['violations']});
    return {results, header: getComputedStyle(document.querySelector('.md-header')).backgroundColor};
}"""
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"


@pytest.fixture(scope="session")
def axe_source() -> str:
    return npm_client("axe-core/axe.min.js").read_text(encoding="utf-8")


def contrast_failures(page: Page, scheme: str, primary: str, accent: str) -> tuple[list[str], str]:
    """What axe's color-contrast rule finds with this palette set in the page, and the header's colour."""
    found: dict[str, Any] = page.evaluate(CHECK, [scheme, attribute(primary), attribute(accent)])
    return [f"{where}: {fix}" for _, where, fix in serious_findings(found["results"])], found["header"]


def test_every_material_palette_passes_contrast(
    new_page: Callable[..., Page], axe_source: str, example_site: Path, page_errors: list[str]
) -> None:
    page = with_axe(new_page(), axe_source)
    failures: list[str] = []
    for kind in PAGES:
        url = page_kinds()[kind]
        page.goto(url)
        page.add_style_tag(content=NO_TRANSITIONS)
        headers: set[str] = set()
        for scheme, light in SCHEMES.items():
            for primary, accent in PAIRS:
                found, header = contrast_failures(page, scheme, primary, accent)
                headers.add(header)
                failures += [f"{kind} (/{url}), {light}, primary {primary}, accent {accent}: {f}" for f in found]
        # The attributes did change the palette: each primary gives the header a colour of its own (white and
        # black share theirs with no other), so a build that ignored them could not pass.
        assert len(headers) >= len(PRIMARIES), f"{kind}: the header took {len(headers)} colours"
    assert not failures, f"{len(failures)} contrast failures:\n" + "\n".join(failures[:80])
    assert not page_errors


def test_the_palette_test_sees_a_failing_colour(
    new_page: Callable[..., Page], axe_source: str, example_site: Path
) -> None:
    """A self-test: the dimmed navigation tabs Hubgen had (85% white) fail on blue grey, as a hub found."""
    page = with_axe(new_page(), axe_source)
    page.goto(page_kinds()["home"])
    page.add_style_tag(content=NO_TRANSITIONS + " .md-tabs__link { opacity: .85 !important; }")
    found, _ = contrast_failures(page, "default", "blue grey", "indigo")
    assert any(".md-tabs__link" in f for f in found), found


def test_the_hubs_stylesheet_wins_over_hubgens(page: Page) -> None:
    """A hub's extra_css is loaded after Hubgen's stylesheet: the example's own teal (#00695c, riverbend.css) wins
    over the teal Hubgen darkens (#008275, hubgen.css), both set by rules of the same specificity."""
    page.goto("")
    sheets = page.eval_on_selector_all("link[rel=stylesheet]", "links => links.map(l => l.getAttribute('href'))")
    [hubgen] = [i for i, href in enumerate(sheets) if href.split("?")[0].endswith("assets/hubgen/hubgen.css")]
    [own] = [i for i, href in enumerate(sheets) if href.split("?")[0].endswith("stylesheets/riverbend.css")]
    assert hubgen < own, sheets
    assert page.locator(".md-header").evaluate("h => getComputedStyle(h).backgroundColor") == "rgb(0, 105, 92)"
