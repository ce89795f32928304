"""The hub built by Zensical (``hubgen build --engine zensical``), in Chromium: search and hubgen's JavaScript.

The site served to this module's tests is the Zensical build (``site_url`` is overridden here), so the
tests imported below from the MkDocs site's modules run again, unchanged, against Zensical's output:
the reader's local time, "Live now" and "Next", the calendar's and the library's filters.
Zensical's search is its own (a dialog in a shadow root, not Material's), so it has its own tests here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import icalendar
import pytest

from hubgen.hub.graph import Hub
from tests import engine_sites
from tests.helpers import serve_directory

from .example_content import Session
from .hubsite import DESKTOP, PHONE
from .test_library import test_two_facets_and_words_give_the_expected_readings_and_url
from .test_search import content, distinctive_agenda_word, reading_and_session, speaker_and_session
from .test_time import (
    test_calendar_filter_by_program_and_type,
    test_live_session_shows_its_join_link_and_the_next_one_is_marked,
    test_next_and_upcoming_on_any_day_after_the_build,
    test_reader_in_another_zone_sees_their_own_time,
)

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

# Run again here, against the Zensical site.
__all__ = [
    "test_calendar_filter_by_program_and_type",
    "test_live_session_shows_its_join_link_and_the_next_one_is_marked",
    "test_next_and_upcoming_on_any_day_after_the_build",
    "test_reader_in_another_zone_sees_their_own_time",
    "test_two_facets_and_words_give_the_expected_readings_and_url",
]

SEARCH_TIMEOUT_MS = 20_000


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return engine_sites.zensical_site(tmp_path_factory)


@pytest.fixture(scope="module")
def site_url(zensical_site: Path) -> Iterator[str]:
    """The Zensical site on 127.0.0.1, in place of the MkDocs one, for every test of this module."""
    with serve_directory(zensical_site) as url:
        yield url


def zensical_search(page: Page, query: str) -> None:
    """Open Zensical's search dialog from the header, as a reader does, and type."""
    from playwright.sync_api import expect

    page.goto("")
    icon = page.locator('label.md-header__button[for="__search"]')  # shown instead of the button on phones
    (icon if icon.is_visible() else page.locator("button.md-search__button")).click()
    box = page.get_by_role("combobox", name="Search")  # Playwright reaches into the dialog's shadow root
    box.wait_for()
    box.press_sequentially(query)
    # The dialog renders its box again as it searches: on a busy machine a keystroke that lands while it does can be
    # lost (the search is then for "Mria Lopez", and the session never shows). Its results are for what the box
    # holds: wait until it holds the query, typed again at once if a key was lost, before waiting for results.
    try:
        expect(box).to_have_value(query, timeout=5_000)
    except AssertionError:
        box.fill(query)
        expect(box).to_have_value(query)


def wait_for_result(page: Page, site_url: str, url: str | list[str]) -> None:
    """Wait until the results list a link to ``url`` (or to one of ``url``), scrolling the list as a reader does to
    load more."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    paths = [urlsplit(site_url).path + u for u in ([url] if isinstance(url, str) else url)]
    path = paths[0] if len(paths) == 1 else paths
    try:
        page.wait_for_function(
            """(wanted) => {
                const paths = Array.isArray(wanted) ? wanted : [wanted];
                const host = [...document.querySelectorAll("*")].find(
                    (e) => e.shadowRoot && e.shadowRoot.querySelector("[role=listbox]"));
                if (!host) return false;
                const root = host.shadowRoot;
                const links = [...root.querySelectorAll("a[role=option]")];
                if (links.some((a) => paths.includes(new URL(a.href).pathname))) return true;
                // More results load as the reader scrolls to the end of the list: bring its last one into view
                // (scrolling whichever box holds the list, the dialog's on a desktop, the screen's on a phone).
                if (links.length) links[links.length - 1].scrollIntoView({ block: "end" });
                const list = root.querySelector("[role=listbox]").parentElement;
                list.scrollTop = list.scrollHeight;
                return false;
            }""",
            arg=paths,
            polling=100,
            timeout=SEARCH_TIMEOUT_MS,
        )
    except PlaywrightTimeoutError:
        options = page.get_by_role("listbox", name="Search results").get_by_role("option")
        shown = [urlsplit(h or "").path for h in options.evaluate_all("(links) => links.map((a) => a.href)")]
        pytest.fail(f"no search result for {path}; shown: {shown}")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_zensical_search_finds_session_by_speaker_name(
    new_page: Callable[..., Page], viewport: dict[str, int], site_url: str, page_errors: list[str]
) -> None:
    """A speaker's name finds a session they speak at. Zensical ranks the pages that name them most first (their own
    page, a weekly series that lists them at every date, the calendar) and lists ten: which of their sessions is
    among those depends on what the pages around the build's date show, so any of them counts."""
    name, session = speaker_and_session()
    person = next(p for p in session.speakers if content().is_public(p))
    theirs = [s.url for s in content().sessions() if person in s.speakers]
    page = new_page(viewport=viewport)
    zensical_search(page, name)
    wait_for_result(page, site_url, theirs)
    assert page_errors == []


@pytest.mark.parametrize(
    "pick", [reading_and_session, distinctive_agenda_word], ids=["required-reading-title", "agenda-word"]
)
def test_zensical_search_finds_session_by_what_it_contains(
    pick: Callable[[], tuple[str, Session]], page: Page, site_url: str, offsite_requests: list[str]
) -> None:
    words, session = pick()
    zensical_search(page, words)
    wait_for_result(page, site_url, session.url)
    assert offsite_requests == []


def test_zensical_add_to_calendar_downloads_the_sessions_calendar(page: Page, hub: Hub) -> None:
    """ "Add to calendar" → "Calendar file (.ics)" downloads the session's own calendar, in Chromium."""
    session = next(s for s in hub.sessions if s.data.status == "scheduled" and not s.all_day)
    page.clock.set_fixed_time(session.start - dt.timedelta(days=1))  # a past session offers no Add to calendar
    page.goto(session.url)
    with page.expect_download() as download:
        page.locator("article .hg-addcal a.hg-addcal__ics").click()
    calendar = icalendar.Calendar.from_ical(Path(download.value.path()).read_bytes())
    events = calendar.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == [session.title]
    assert events[0].decoded("DTSTART") == session.start
    google = page.locator("article .hg-addcal a.hg-addcal__google").get_attribute("href") or ""
    assert re.match(r"https://calendar\.google\.com/", google)
