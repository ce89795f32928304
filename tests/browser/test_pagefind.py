"""``search: pagefind``: Material's search box, answered by Pagefind, in Chromium.

The example hub is built with the option on (a copy of its mkdocs.yml), and the same searches as
test_search.py — a speaker's name, a required reading's title, a word only one agenda has — must find
the session through Material's own search box, without Material's ``search_index.json`` being built
or fetched. Without Pagefind the tests are skipped, except on CI (CI=true), where they fail.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from tests.helpers import MINIMAL_MKDOCS, copy_example_hub, mkdocs_build, serve_directory

from .hubsite import DESKTOP, PHONE
from .test_search import (
    assert_stayed_local,
    distinctive_agenda_word,
    reading_and_session,
    search,
    speaker_and_session,
    wait_for_result,
)

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from .example_content import Session

pytestmark = pytest.mark.browser

PAGEFIND_HINT = "For the tests: pip install -e '.[test]'."


def _require_pagefind() -> None:
    from hubgen.site.pagefind import PagefindMissing, check_available

    try:
        check_available()
    except PagefindMissing as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Pagefind is missing on CI: {exc}. {PAGEFIND_HINT}", pytrace=False)
        pytest.skip(f"{exc}. {PAGEFIND_HINT}")


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """In this module: the example hub built with ``search: pagefind`` (overrides the shared fixture)."""
    _require_pagefind()
    project = copy_example_hub(tmp_path_factory.mktemp("pagefind-hub"))
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - hubgen:\n" in text, "the example's mkdocs.yml no longer configures hubgen as expected"
    config.write_text(text.replace("  - hubgen:\n", "  - hubgen:\n      search: pagefind\n", 1), encoding="utf-8")
    out = tmp_path_factory.mktemp("pagefind-site")
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr
    assert "Pagefind indexed" in result.stderr
    return out


@pytest.fixture(scope="module")
def site_url(example_site: Path) -> Iterator[str]:
    with serve_directory(example_site) as url:
        yield url


@pytest.fixture
def requests_seen(page: Page) -> list[str]:
    """Every URL the (desktop) page requested."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    return seen


def result_link(page: Page, session: Session):
    return page.locator(f'a.md-search-result__link[href*="/{session.url}"]').filter(visible=True).first


# --- the build ----------------------------------------------------------------------------------------


def test_build_has_pagefind_index_and_no_material_index(example_site: Path) -> None:
    assert (example_site / "pagefind" / "pagefind.js").is_file()
    assert not (example_site / "search" / "search_index.json").exists()
    home = (example_site / "index.html").read_text(encoding="utf-8")
    # Material's box is there, but unhooked from Material's lunr search; hubgen's script answers it.
    assert 'class="md-search__input"' in home and 'data-md-component="search' not in home
    assert "assets/hubgen/pagefind-search.js" in home
    assert "data-pagefind-body" in home
    # A listing is found by its title, not by every item it lists (each item is indexed on its own page) ...
    library = (example_site / "library" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<ul data-pagefind-ignore="all" class="hg-readings hg-library', library)
    # ... while a session's own reading list is indexed: a reading's title finds the sessions that assign it.
    _, session = reading_and_session()
    text = (example_site / session.url / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<ul class="hg-readings hg-readings--required', text)
    not_found = (example_site / "404.html").read_text(encoding="utf-8")
    assert 'data-md-component="search' not in not_found and "data-pagefind-body" not in not_found


def test_pagefind_needs_materials_search_plugin(small_hub: Callable[[dict[str, str]], Path], tmp_path: Path) -> None:
    """Material shows its search box only with its search plugin: without it the build says what to add."""
    _require_pagefind()
    config = MINIMAL_MKDOCS.replace("  - search\n", "").replace("  - hubgen\n", "  - hubgen:\n      search: pagefind\n")
    project = small_hub({"mkdocs.yml": config})
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "keep '- search' in the plugins of mkdocs.yml" in result.stderr


# --- in the browser -----------------------------------------------------------------------------------


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_pagefind_finds_session_by_speaker_name(
    new_page: Callable[..., Page],
    viewport: dict[str, int],
    site_url: str,
    offsite_requests: list[str],
    page_errors: list[str],
) -> None:
    name, session = speaker_and_session()
    page = new_page(viewport=viewport)
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    search(page, name)
    wait_for_result(page, site_url, session.url)

    result_link(page, session).click()
    page.wait_for_url(re.compile(re.escape(session.url)))
    assert session.title in page.locator("h1").first.inner_text()
    assert_stayed_local(offsite_requests, page_errors)
    assert not [url for url in seen if "search_index.json" in url or "/workers/search" in url]
    assert any(urlsplit(url).path.endswith("/pagefind/pagefind.js") for url in seen)


@pytest.mark.parametrize(
    "pick", [reading_and_session, distinctive_agenda_word], ids=["required-reading-title", "agenda-word"]
)
def test_pagefind_finds_session_by_what_it_contains(
    pick: Callable[[], tuple[str, Session]],
    page: Page,
    requests_seen: list[str],
    site_url: str,
    offsite_requests: list[str],
    page_errors: list[str],
) -> None:
    words, session = pick()
    search(page, words)
    wait_for_result(page, site_url, session.url)
    assert_stayed_local(offsite_requests, page_errors)
    assert not [url for url in requests_seen if "search_index.json" in url]
    # Fragments (one per result) are fetched only for the results shown, ten at a time.
    fragments = [url for url in requests_seen if "/pagefind/fragment/" in url]
    shown = page.locator("li.md-search-result__item").count()
    assert 0 < len(fragments) <= shown


def test_results_are_keyboard_navigable(page: Page, site_url: str, page_errors: list[str]) -> None:
    """Arrow keys move from the box through the results and back; Enter follows the focused result."""
    from playwright.sync_api import expect

    name, session = speaker_and_session()
    search(page, name.split()[-1])  # a family name: likely more than one result
    wait_for_result(page, site_url, session.url)
    links = page.locator("ol.md-search-result__list a.md-search-result__link")
    box = page.locator("input.md-search__input")

    page.keyboard.press("ArrowDown")
    expect(links.first).to_be_focused()
    if links.count() > 1:
        page.keyboard.press("ArrowDown")
        expect(links.nth(1)).to_be_focused()
        page.keyboard.press("ArrowUp")
        expect(links.first).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(box).to_be_focused()

    # Move to the session's own result and open it with Enter.
    target = urlsplit(site_url).path + session.url
    for _ in range(links.count()):
        page.keyboard.press("ArrowDown")
        focused = page.evaluate("() => new URL(document.activeElement.href || location.href).pathname")
        if focused == target:
            break
    else:
        pytest.fail(f"the arrow keys never reached the result for {target}")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(session.url)))
    assert session.title in page.locator("h1").first.inner_text()

    # Escape closes the search; "/" opens it again with the cursor in the box.
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("/")
    expect(page.locator("#__search")).to_be_checked()
    expect(box).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("#__search")).not_to_be_checked()
    assert page_errors == []


def test_search_works_across_instant_navigation(
    instant_page: Callable[[str], Page],
    requests_seen: list[str],
    site_url: str,
    offsite_requests: list[str],
    page_errors: list[str],
) -> None:
    """With navigation.instant, a result opens without a page load, its words are marked, and searching again works."""
    from playwright.sync_api import expect

    page = instant_page("")
    page.evaluate("() => { window.__notReloaded = true; }")
    box = page.locator("input.md-search__input")
    name, session = speaker_and_session()
    box.click()
    box.press_sequentially(name)
    wait_for_result(page, site_url, session.url)
    result_link(page, session).click()
    page.wait_for_url(re.compile(re.escape(session.url)))
    expect(page.locator("article.md-content__inner h1").first).to_contain_text(session.title)
    assert page.evaluate("() => window.__notReloaded === true"), "the result was opened by a full page load"
    expect(page.locator("#__search")).not_to_be_checked()
    expect(page.locator("article.md-content__inner mark[data-md-highlight]").first).to_be_visible()

    words, other = reading_and_session()
    box.click()
    box.fill("")
    box.press_sequentially(words)
    wait_for_result(page, site_url, other.url)
    assert_stayed_local(offsite_requests, page_errors)
    assert not [url for url in requests_seen if "search_index.json" in url]


def test_query_in_the_address_opens_the_search(page: Page, site_url: str, page_errors: list[str]) -> None:
    """``?q=...`` opens the search with the query filled in, as it does with Material's search."""
    from urllib.parse import quote

    from playwright.sync_api import expect

    words, session = reading_and_session()
    page.goto(f"?q={quote(words)}")
    expect(page.locator("#__search")).to_be_checked()
    expect(page.locator("input.md-search__input")).to_have_value(words)
    wait_for_result(page, site_url, session.url)
    assert page_errors == []


def test_text_from_the_index_is_never_markup(new_page, small_hub, tmp_path: Path, page_errors: list[str]) -> None:
    """A result's title and excerpt come from the pages; whatever they say is shown as text, never run."""
    _require_pagefind()
    hostile = '<img src=x onerror="window.hgInjected = 1">'
    root = small_hub(
        {
            "mkdocs.yml": MINIMAL_MKDOCS.replace("  - hubgen\n", "  - hubgen:\n      search: pagefind\n"),
            "programs/p/program.yml": "title: P\ntimezone: America/New_York\nsession_types: {talk: {title: Talk}}\n",
            "programs/p/c/cohort.yml": "title: C\nstarts: 2026-01-01\nends: 2026-12-31\n",
            "programs/p/c/sessions/2026-03-04-s.md": (
                f"---\ntitle: 'Zanzibar {hostile}'\ntype: talk\n---\nZanzibar agenda: `{hostile}` and zanzibar.\n"
            ),
        }
    )
    result = mkdocs_build(root, tmp_path / "site", strict=False)  # (a session without readings is a warning)
    assert result.returncode == 0, result.stderr
    with serve_directory(tmp_path / "site") as url:
        page = new_page()
        page.goto(url)
        page.locator("input.md-search__input").click()
        page.locator("input.md-search__input").press_sequentially("zanzibar")
        results = page.locator(".md-search-result__list")
        results.locator("a.md-search-result__link").first.wait_for()
        assert "<img" in results.inner_text(), "the words are shown as they are written"
        assert results.locator("img").count() == 0
        assert page.evaluate("window.hgInjected") is None
    assert page_errors == []
