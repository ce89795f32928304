"""Accessibility in Chromium: axe-core over every kind of page (light, dark, phone); the filters by keyboard.

axe-core comes from npm (hubgen/checks/clients/package.json, ``make clients``). A finding of serious or critical impact
fails, unless it is Material for MkDocs' own markup that the hub's theme cannot change: those are listed in
``MATERIAL_FINDINGS`` by rule and selector, each with its reason. The pages are picked from the example content,
so the tests follow it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml

from hubgen.checks.browser import MATERIAL_FINDINGS, axe, axe_results, serious_findings, start_axe, with_axe
from hubgen.checks.site import npm_client

from .hubsite import DESKTOP, EXAMPLE_HUB, PHONE

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser


def _first(folder: Path, pattern: str) -> str:
    found = sorted(folder.glob(pattern))
    assert found, f"the example hub has no {pattern} in {folder.relative_to(EXAMPLE_HUB)}"
    return found[0].stem


@cache
def page_kinds() -> dict[str, str]:
    """One real URL of every kind of page the hub makes, plus a hand-written page: kind -> URL."""
    programs = EXAMPLE_HUB / "programs"
    program = sorted(p.parent.name for p in programs.glob("*/program.yml"))[0]
    cohort = sorted(p.parent.name for p in (programs / program).glob("*/cohort.yml"))[0]
    session = _first(programs / program / cohort / "sessions", "*.md")
    project = _first(programs, "*/*/projects/*.md")
    content = EXAMPLE_HUB / "content"
    topics = yaml.safe_load((content / "topics.yml").read_text(encoding="utf-8"))
    return {
        "home": "",
        "hand-written": "about/",
        "program": f"programs/{program}/",
        "cohort": f"programs/{program}/{cohort}/",
        "session": f"programs/{program}/{cohort}/sessions/{session}/",
        "prepare": f"programs/{program}/{cohort}/prepare/",
        "calendar": "calendar/",
        "library": "library/",
        "reading": f"library/{_first(content / 'readings', '*.yml')}/",
        "showcase": "showcase/",
        "project": f"showcase/{project}/",
        "people": "people/",
        "person": f"people/{_first(content / 'people', '*.yml')}/",
        "topics": "topics/",
        "topic": f"topics/{sorted(topics)[0]}/",
        "news": "news/",
        "announcement": f"news/{_first(content / 'news', '*.md')}/",
    }


@pytest.fixture(scope="session")
def axe_source() -> str:
    return npm_client("axe-core/axe.min.js").read_text(encoding="utf-8")


VARIANTS = {
    "light": {"viewport": DESKTOP, "color_scheme": "light", "scheme": "default"},
    "dark": {"viewport": DESKTOP, "color_scheme": "dark", "scheme": "slate"},
    "phone": {"viewport": PHONE, "color_scheme": "light", "scheme": "default"},
}


def test_every_kind_of_page_passes_axe(
    new_page: Callable[..., Page], axe_source: str, example_site: Path, page_errors: list[str]
) -> None:
    # The reader's system preference picks Material's palette (mkdocs.yml: a palette per prefers-color-scheme).
    # One page per variant, each in its own browser context and renderer: axe runs on the three at once.
    pages = {name: new_page(viewport=v["viewport"], color_scheme=v["color_scheme"]) for name, v in VARIANTS.items()}
    for page in pages.values():
        with_axe(page, axe_source)
    failures: list[str] = []
    seen: set[tuple[str, str]] = set()
    for kind, url in page_kinds().items():
        assert (example_site / url / "index.html").is_file(), f"{kind}: no page at /{url}"
        for name, page in pages.items():
            page.goto(url)
            assert page.locator("body").get_attribute("data-md-color-scheme") == VARIANTS[name]["scheme"]
            start_axe(page, axe_source)
        for name, page in pages.items():
            for rule, where, fix in serious_findings(axe_results(page)):
                if (rule, where) in MATERIAL_FINDINGS:
                    seen.add((rule, where))
                else:
                    failures.append(f"{name}, {kind} (/{url}): {rule} at {where}: {fix}")
    assert not failures, f"{len(failures)} serious accessibility findings:\n" + "\n".join(failures[:60])
    assert not page_errors
    stale = set(MATERIAL_FINDINGS) - seen
    assert not stale, f"no longer reported, drop them from MATERIAL_FINDINGS: {sorted(stale)}"


def test_axe_reports_what_it_should(page: Page, axe_source: str) -> None:
    """A self-test: on a page made to fail, axe-core runs for real and finds the failures."""
    page.goto("")
    page.evaluate(
        """() => {
            const main = document.querySelector('.md-content article');
            main.insertAdjacentHTML('afterbegin',
                '<p id="faint" style="color:#bbb;background:#fff">Faint text</p><button id="empty"></button>');
        }"""
    )
    found = {(rule, selector) for rule, selector, _ in serious_findings(axe(page, axe_source))}
    assert ("color-contrast", "#faint") in found, found
    assert ("button-name", "#empty") in found, found


def assert_visible_focus(page: Page, what: str) -> None:
    """The focused element matches :focus-visible and shows it: an outline of at least 3:1 against the page
    (WCAG 2.2, focus appearance), or a box-shadow."""
    ring = page.locator(":focus").evaluate(
        """(el) => {
            const srgb = (css) => {  // rgb(…) or color(srgb …), as Chromium computes a color-mix()
                const rgb = css.match(/^rgba?\\(([^)]*)\\)/), color = css.match(/^color\\(srgb ([^)]*)\\)/);
                if (rgb) return rgb[1].split(/[\\s,\\/]+/).slice(0, 3).map((v) => Number(v) / 255);
                if (color) return color[1].split(/\\s+/).slice(0, 3).map(Number);
                return null;
            };
            const luminance = (c) => c.map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
                .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
            const style = getComputedStyle(el);
            const ring = srgb(style.outlineColor), page = srgb(getComputedStyle(document.body).backgroundColor);
            const [a, b] = [luminance(ring), luminance(page)].sort((x, y) => y - x);
            return {focusVisible: el.matches(':focus-visible'), shadow: style.boxShadow !== 'none',
                    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
                    color: style.outlineColor, contrast: Math.round(((a + 0.05) / (b + 0.05)) * 100) / 100};
        }"""
    )
    assert ring["focusVisible"] and (ring["outline"] or ring["shadow"]), f"{what}: no visible focus ({ring})"
    if ring["outline"]:
        assert ring["contrast"] >= 3, f"{what}: the focus ring is too faint against the page ({ring})"


def tab_to(page: Page, selector: str, limit: int = 400) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{selector} never got the focus in {limit} presses of Tab")


def skip_to_content(page: Page) -> None:
    """A keyboard reader's way past the navigation: Tab to Material's "Skip to content" link, Enter.

    Material writes the link only on a page with headings in its table of contents; elsewhere Tab goes on.
    """
    if page.locator("a.md-skip").count():
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.classList.contains('md-skip')")
        page.keyboard.press("Enter")


SHOWN = "document.querySelectorAll('[data-hg-item]:not([hidden])').length"


def tick_then_clear(page: Page, form: str, clear: str, count: str, everything: int) -> None:
    """From the keyboard: tick the form's first checkbox (fewer items show), then its clear button (all show).

    ``count`` is a JavaScript function giving how many items show; each control must show its focus.
    """
    tab_to(page, f"{form} input[type=checkbox]:not(:disabled)")
    assert_visible_focus(page, "a checkbox")
    page.keyboard.press("Space")
    assert page.locator(":focus").is_checked()
    page.wait_for_function(f"(n) => ({count})() < n", arg=everything)
    tab_to(page, f"{form} {clear}")
    assert_visible_focus(page, "the button that clears the filter")
    page.keyboard.press("Enter")
    page.wait_for_function(f"(n) => ({count})() == n", arg=everything)


@pytest.mark.parametrize("url", ["library/", "showcase/"])
def test_facet_filters_work_from_the_keyboard(page: Page, url: str) -> None:
    page.goto(url)
    filters = page.locator("form.hg-filters")
    everything = page.evaluate(f"() => {SHOWN}")
    skip_to_content(page)

    tab_to(page, "form.hg-filters input[type=search]")
    assert_visible_focus(page, "the words field")
    page.keyboard.type("health")
    page.wait_for_function(f"(n) => {SHOWN} < n", arg=everything)
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.wait_for_function(f"(n) => {SHOWN} == n", arg=everything)

    tick_then_clear(page, "form.hg-filters", "button[type=reset]", f"() => {SHOWN}", everything)
    assert not filters.locator("input:checked").count()


def test_calendar_filter_works_from_the_keyboard(page: Page) -> None:
    page.goto("calendar/")
    sessions = "ol.hg-sessions > li.hg-session"
    shown = f"() => [...document.querySelectorAll('{sessions}')].filter((li) => li.getClientRects().length).length"
    everything = page.evaluate(shown)
    skip_to_content(page)

    tab_to(page, "form[data-hg-calendar-filter] summary")
    assert_visible_focus(page, "the filter's summary")
    tick_then_clear(page, "form[data-hg-calendar-filter]", "button[data-hg-clear]", shown, everything)
    assert not page.locator("form[data-hg-calendar-filter] input:checked").count()


def test_hubgen_lists_keep_their_own_layout(page: Page) -> None:
    """Material's list styles (bullets, indented items) do not reach hubgen's lists of sessions and readings."""
    layout = """(list) => {
        const own = getComputedStyle(list), item = getComputedStyle(list.querySelector(':scope > li'));
        return [own.listStyleType, own.marginLeft, item.marginLeft];
    }"""
    url = page_kinds()["session"]
    for page_url, selector in (("calendar/", "ol.hg-sessions"), (url, "ul.hg-readings"), (url, "ul.hg-assignments")):
        page.goto(page_url)
        assert page.locator(selector).first.evaluate(layout) == ["none", "0px", "0px"], f"{selector} on /{page_url}"
