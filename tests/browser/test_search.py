"""Material's site search, in Chromium, finds session pages by speaker, required reading and agenda text.

Search terms are picked from the example content at test time, so the tests follow the content.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from .example_content import ExampleContent, Session
from .hubsite import DESKTOP, PHONE, goto_started

if TYPE_CHECKING:  # playwright may be missing: the fixtures then skip (or fail on CI) with a clear reason
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

#: Material's search runs in a web worker; the first results took ~1-4 s here. Generous, but not a sleep.
SEARCH_TIMEOUT_MS = 20_000


@cache
def content() -> ExampleContent:
    return ExampleContent()


# --- picking search terms from the content ---------------------------------------------------------------


def speaker_and_session() -> tuple[str, Session]:
    """The first session (by file path) with a public speaker, and that speaker's display name."""
    for session in content().sessions():
        for person_id in session.speakers:
            if content().is_public(person_id):
                return str(content().person(person_id)["name"]), session
    pytest.fail("the example content has no session with a public speaker")


def reading_and_session() -> tuple[str, Session]:
    """The title of the first required reading of the first session that has one."""
    for session in content().sessions():
        for reading_id in session.required_readings:
            return str(content().reading(reading_id)["title"]), session
    pytest.fail("the example content has no session with a required reading")


WORD = re.compile(r"[^\W\d_]{7,}")


def distinctive_agenda_word() -> tuple[str, Session]:
    """A word (7+ letters) from a session's body that appears in no other content or program file."""
    files = [*content().root.glob("content/**/*"), *content().root.glob("programs/**/*")]
    texts = {p: p.read_text(encoding="utf-8").lower() for p in files if p.suffix in {".md", ".yml", ".yaml"}}
    for session in content().sessions():
        body = re.sub(r"\]\([^)]*\)|<[^>]*>|https?://\S+", " ", session.body)  # link targets, HTML, bare URLs
        for word in dict.fromkeys(w.lower() for w in WORD.findall(body)):
            if not any(word in text for path, text in texts.items() if path != session.path):
                return word, session
    pytest.fail("no session body has a word that is not found anywhere else in the example content")


# --- driving Material's search ---------------------------------------------------------------------------


def search(page: Page, query: str) -> None:
    """Open the search like a user (click the header's search icon on small screens, else the box) and type."""
    from playwright.sync_api import expect

    page.goto("")
    box = page.locator("input.md-search__input")
    icon = page.locator('label.md-header__button[for="__search"]')  # shown instead of the box on narrow screens
    if icon.is_visible():
        icon.click()
    else:
        box.click()
    expect(page.locator("#__search")).to_be_checked()  # the search overlay is open
    # Material reads the query on keyup, so type it (fill() only fires `input` and finds nothing).
    box.press_sequentially(query)


def wait_for_result(page: Page, site_url: str, url: str) -> None:
    """Wait until the results show a visible link to ``url`` (site-relative), loading more results as needed."""
    wait_for_results(page, site_url, [url])


def wait_for_results(page: Page, site_url: str, urls: list[str]) -> list[str]:
    """Wait until one rendering of the results shows a visible link to each of ``urls`` (site-relative); return the
    paths of the visible links, in order.

    Material renders results in batches as the list scrolls, so scroll it to the bottom while waiting; it renders
    them again as each typed letter's search comes back, so the links are read together, in one look.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    paths = [urlsplit(site_url).path + url for url in urls]
    try:
        shown: list[str] = page.wait_for_function(
            """(paths) => {
                const shown = [...document.querySelectorAll("a.md-search-result__link")]
                    .filter((a) => a.getClientRects().length).map((a) => new URL(a.href).pathname);
                if (paths.every((p) => shown.includes(p))) return shown;
                const wrap = document.querySelector(".md-search__scrollwrap");
                if (wrap) wrap.scrollTop = wrap.scrollHeight;
                return false;
            }""",
            arg=paths,
            polling=100,
            timeout=SEARCH_TIMEOUT_MS,
        ).json_value()
        return shown
    except PlaywrightTimeoutError as exc:  # show what the search did list instead
        meta = page.locator(".md-search-result__meta").inner_text()
        listed = [
            urlsplit(h).path
            for h in page.locator("a.md-search-result__link").evaluate_all(
                "(links) => links.filter((a) => a.getClientRects().length).map((a) => a.href)"
            )
        ]
        pytest.fail(
            f"no visible search result for each of {paths} within {SEARCH_TIMEOUT_MS} ms ({meta!r}); "
            f"shown: {listed}\n{exc}"
        )


def assert_stayed_local(offsite_requests: list[str], page_errors: list[str]) -> None:
    assert offsite_requests == [], "pages tried to reach other hosts (blocked by the test's router)"
    assert page_errors == [], "uncaught JavaScript errors"


# --- tests ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_search_finds_session_by_speaker_name(
    new_page: Callable[..., Page],
    viewport: dict[str, int],
    site_url: str,
    offsite_requests: list[str],
    page_errors: list[str],
) -> None:
    name, session = speaker_and_session()
    page = new_page(viewport=viewport)
    search(page, name)
    wait_for_result(page, site_url, session.url)

    # The result leads to the session page.
    page.locator(f'a.md-search-result__link[href*="/{session.url}"]').filter(visible=True).first.click()
    page.wait_for_url(re.compile(re.escape(session.url)))
    assert session.title in page.locator("h1").first.inner_text()
    assert_stayed_local(offsite_requests, page_errors)


@pytest.mark.parametrize(
    "pick", [reading_and_session, distinctive_agenda_word], ids=["required-reading-title", "agenda-word"]
)
def test_search_finds_session_by_what_it_contains(
    pick: Callable[[], tuple[str, Session]],
    page: Page,
    site_url: str,
    offsite_requests: list[str],
    page_errors: list[str],
) -> None:
    """The title of a required reading, or a word only its agenda has, finds the session."""
    words, session = pick()
    search(page, words)
    wait_for_result(page, site_url, session.url)
    assert_stayed_local(offsite_requests, page_errors)


@pytest.mark.parametrize("path", ["", "library/"])
def test_pages_make_no_third_party_requests(
    new_page: Callable[..., Page], offsite_requests: list[str], path: str
) -> None:
    """No font, widget or script is fetched from another host: a reader's visit stays between them and the hub."""
    page = new_page()
    goto_started(page, path)
    assert offsite_requests == []


def test_recording_finds_a_cohorts_recordings(page: Page, site_url: str) -> None:
    """ "recording" leads to the list of a cohort's recordings (a section of its page, README "The pages")."""
    cohorts = {
        m.group(1)
        for m in (
            re.match(r"(programs/[^/]+/[^/]+/)sessions/", s.url)
            for s in content().sessions()
            if "kind: recording" in s.path.read_text(encoding="utf-8")
        )
        if m
    }
    assert cohorts, "the example content has no recording"
    search(page, "recording")
    prefix = urlsplit(site_url).path
    page.wait_for_function(
        """(hrefs) => hrefs.some((h) => [...document.querySelectorAll("a.md-search-result__link")]
            .some((a) => a.getClientRects().length && new URL(a.href).pathname + new URL(a.href).hash === h))""",
        arg=[f"{prefix}{c}#recordings" for c in sorted(cohorts)],
        polling=100,
        timeout=SEARCH_TIMEOUT_MS,
    )


def test_accents_are_folded(page: Page, site_url: str) -> None:
    """A name typed without its accent finds it, as typed with it ("castaneda" and "Castañeda")."""
    reading = next(
        r for r in content().root.glob("content/readings/*.yml") if "Castañeda" in r.read_text(encoding="utf-8")
    )
    for query in ("castaneda", "Castañeda"):
        search(page, query)
        wait_for_result(page, site_url, f"library/{reading.stem}/")


def test_the_index_is_fetched_when_a_search_starts(page: Page, site_url: str) -> None:
    """No search index with the page: it comes when the reader starts a search, and the search works."""
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    # What Material's bundle opens, recorded before the page's own scripts run: once it has opened the index, it has
    # asked for it (Material sends at once), so a request that was not held back would be under way.
    page.add_init_script(
        """window.__hgOpened = []; const open = XMLHttpRequest.prototype.open;
        XMLHttpRequest.prototype.open = function (method, url) { window.__hgOpened.push(String(url));
            return open.apply(this, arguments); };"""
    )
    page.goto("")
    page.wait_for_function("() => window.__hgOpened.some((url) => url.includes('search_index.json'))")
    page.wait_for_load_state("load")
    assert not [u for u in asked if "search_index.json" in u], "the search index came with the page"
    with page.expect_request("**/search/search_index.json"):
        page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially(speaker_and_session()[0])
    wait_for_result(page, site_url, speaker_and_session()[1].url)


def test_my_program_lifts_only_results_that_have_every_word(new_page: Callable[..., Page], site_url: str) -> None:
    """With "My program" chosen, its results come first among those that match every word; a result "Missing" a word
    (as Material marks it) never comes before one that has them all."""
    page = new_page()
    page.add_init_script("localStorage.setItem('hubgen.mine', 'community-of-practice')")
    search(page, "Relational Meeting")
    wait_for_results(page, site_url, ["library/relational-meeting-guide-2019/"])
    page.wait_for_function(  # the results as they settle: one rendering, in order
        "() => document.querySelector('.md-search-result__list[data-hg-mine-first]') !== null"
    )
    results = page.locator("li.md-search-result__item").evaluate_all(
        """items => items.filter((li) => li.getClientRects().length).map((li) => {
            const a = li.querySelector("a.md-search-result__link");
            return [a.querySelector(".md-search-result__terms") !== null, new URL(a.href).pathname]; })"""
    )
    missing = [m for m, _ in results]
    assert True in missing and False in missing  # the case: some results miss "relational"
    assert missing == sorted(missing), "a result missing a word comes before one that has them all"
    theirs = [
        not path.startswith(urlsplit(site_url).path + "programs/community-of-practice/") for m, path in results if not m
    ]
    assert theirs == sorted(theirs), "among the full matches, the chosen program's do not come first"
