"""Discussion (giscus) and video players in Chromium: nothing leaves 127.0.0.1 until the reader asks.

Every request to another host is aborted and recorded by the ``offsite_requests`` fixture. Where a
test needs giscus to answer, it serves a stand-in for giscus' script and frame from the test itself
(``page.route`` … ``fulfill``): the page still talks to "https://giscus.app", but nothing leaves the
machine.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml

from .hubsite import DESKTOP, EXAMPLE_HUB, goto_started

if TYPE_CHECKING:
    from playwright.sync_api import Page, Route

pytestmark = pytest.mark.browser

SESSION = "programs/practitioner-fellowship/2025-2026/sessions/2026-01-16-opioids-jails-and-reentry/"  # YouTube
VIMEO_SESSION = (
    "programs/practitioner-fellowship/2025-2026/sessions/2026-05-15-environmental-justice-central-massachusetts/"
)
LISTING = "calendar/"  # every session, past ones too
SETTINGS = next(
    p["hubgen"]
    for p in yaml.load((EXAMPLE_HUB / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["plugins"]
    if isinstance(p, dict) and "hubgen" in p
)["discussion"]

#: giscus' script, as far as the page can tell: it reads its data-* attributes and puts its frame in .giscus.
FAKE_CLIENT = """
(function () {
  var me = document.currentScript, attrs = {};
  Array.prototype.forEach.call(me.attributes, function (a) {
    if (a.name.indexOf("data-") === 0) attrs[a.name] = a.value;
  });
  var frame = document.createElement("iframe");
  frame.className = "giscus-frame";
  frame.title = "Comments";
  frame.src = "https://giscus.app/widget?" + new URLSearchParams(attrs).toString();
  (document.querySelector(".giscus") || me.parentNode).appendChild(frame);
})();
"""
#: giscus' frame: it says hello to the page (as giscus does with its size) and keeps what the page tells it.
FAKE_WIDGET = """<!doctype html><meta charset="utf-8"><title>giscus</title>
<script>
  window.received = [];
  addEventListener("message", function (e) { window.received.push({origin: e.origin, data: e.data}); });
  parent.postMessage({giscus: {resizeHeight: 180}}, "*");
</script><p>Stand-in for the giscus discussion</p>"""


def fake_giscus(page: Page) -> list[str]:
    """Serve giscus' script and frame from the test: the URLs the page asked giscus.app for."""
    asked: list[str] = []

    def serve(route: Route) -> None:
        asked.append(route.request.url)
        if route.request.url.startswith("https://giscus.app/client.js"):
            route.fulfill(status=200, content_type="text/javascript", body=FAKE_CLIENT)
        else:
            route.fulfill(status=200, content_type="text/html", body=FAKE_WIDGET)

    page.route("https://giscus.app/**", serve)
    return asked


def open_page(page: Page, url: str) -> None:
    """Open ``url`` once its scripts have started (hubsite.goto_started): what it asks of other hosts by itself, it
    has asked by then."""
    goto_started(page, url)


def test_the_discussion_is_a_button_until_clicked_then_giscus_with_the_configured_settings(
    page, offsite_requests, page_errors
):
    open_page(page, SESSION)
    box = page.locator("[data-hg-discussion]")
    assert (
        box.locator(".hg-discussion__where")
        .inner_text()
        .startswith(
            "Comments are hosted on GitHub Discussions (example/riverbend-hub-discussions); loading them sends data "
            "to GitHub."
        )
    )
    button = box.get_by_role("button", name="Show discussion")
    assert button.is_visible()
    assert page.locator("script[src*='giscus'], iframe.giscus-frame, iframe[src*='giscus']").count() == 0
    assert offsite_requests == [], "the page fetched something from another host before any click"

    button.click()
    script = page.locator("[data-hg-discussion] script[src='https://giscus.app/client.js']")
    assert script.count() == 1
    expected = {
        "data-repo": SETTINGS["repo"],
        "data-repo-id": SETTINGS["repo_id"],
        "data-category": SETTINGS["category"],
        "data-category-id": SETTINGS["category_id"],
        "data-mapping": "pathname",
        "data-theme": "light",
        "data-reactions-enabled": "1",
        "data-input-position": "bottom",
        "data-lang": "en",
    }
    for name, value in expected.items():
        assert script.get_attribute(name) == value, name
    assert script.get_attribute("crossorigin") == "anonymous"
    # Offline (here: aborted), giscus cannot load: the box says so and links to GitHub, and can try again.
    status = box.locator("[data-hg-discussion-status]")
    status.get_by_text("could not be loaded").wait_for()
    assert (
        status.get_by_role("link", name="Open the discussions on GitHub").get_attribute("href")
        == "https://github.com/example/riverbend-hub-discussions/discussions"
    )
    assert box.get_by_role("button", name="Try again").is_visible()
    assert offsite_requests == ["https://giscus.app/client.js"]
    assert page_errors == []


def test_the_discussion_loads_and_follows_the_palette(page, offsite_requests, page_errors):
    asked = fake_giscus(page)
    open_page(page, SESSION)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    page.get_by_role("button", name="Show discussion").click()
    frame_element = page.locator("[data-hg-discussion] iframe.giscus-frame")
    frame_element.wait_for()
    box = page.locator("[data-hg-discussion]")
    page.wait_for_function("document.querySelector('[data-hg-discussion]').dataset.hgState === 'loaded'")
    assert box.locator("[data-hg-discussion-status]").inner_text() == ""
    assert "theme=light" in frame_element.get_attribute("src")
    assert "data-repo=example%2Friverbend-hub-discussions" in frame_element.get_attribute("src")

    page.locator("form[data-md-component='palette'] label:visible").first.click()  # Material's dark palette
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    widget = next(f for f in page.frames if f.url.startswith("https://giscus.app/widget"))
    widget.wait_for_function("window.received.length > 0")
    received = widget.evaluate("window.received")
    assert received[-1]["data"] == {"giscus": {"setConfig": {"theme": "dark"}}}
    assert received[-1]["origin"].startswith("http://127.0.0.1")
    assert [u.split("?")[0] for u in asked] == ["https://giscus.app/client.js", "https://giscus.app/widget"]
    assert offsite_requests == [] and page_errors == []


def test_a_dark_palette_opens_the_discussion_in_the_dark_theme(page):
    fake_giscus(page)
    open_page(page, SESSION)
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    page.get_by_role("button", name="Show discussion").click()
    page.locator("iframe.giscus-frame").wait_for()
    assert page.locator("script[src='https://giscus.app/client.js']").get_attribute("data-theme") == "dark"


def test_the_discussion_works_after_instant_navigation_and_from_the_keyboard(
    page, instant_page, offsite_requests, page_errors
):
    asked = fake_giscus(page)
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    community = ("/assets/hubgen/community.js", "/assets/hubgen/community.css")
    # Before the cohort's first session: the calendar, which opens at this month, lists both sessions unfolded.
    page.clock.set_fixed_time(dt.datetime(2025, 9, 1, 12, tzinfo=dt.UTC))
    instant_page(LISTING)
    # No discussion or player on the calendar: it fetches neither (issue 26: the first load's bytes)...
    assert not any(url.endswith(community) for url in fetched), fetched
    page.evaluate("window.__hgSamePage = true")
    page.locator(f"a[href$='{SESSION.split('/')[-2]}/']:visible").first.click()
    page.wait_for_url(re.compile(re.escape(SESSION) + "$"))
    assert page.evaluate("window.__hgSamePage === true"), "Material's instant navigation swapped the page in"
    button = page.get_by_role("button", name="Show discussion")
    button.wait_for()  # ... the session page, swapped in, fetches both: its button shows
    assert all(any(url.endswith(name) for url in fetched) for name in community), fetched
    assert offsite_requests == [] and asked == []
    button.focus()
    page.keyboard.press("Enter")
    page.locator("iframe.giscus-frame").wait_for()
    assert asked[0] == "https://giscus.app/client.js"
    # Back to the calendar and on to another session: a fresh button, nothing loaded until it is pressed.
    page.go_back()
    page.wait_for_url(re.compile(re.escape(LISTING) + "$"))
    page.locator(f"a[href$='{VIMEO_SESSION.split('/')[-2]}/']:visible").first.click()
    page.wait_for_url(re.compile(re.escape(VIMEO_SESSION) + "$"))
    page.get_by_role("button", name="Show discussion").wait_for()
    assert page.locator("iframe.giscus-frame").count() == 0 and len(asked) == 2
    assert page_errors == []


@pytest.mark.parametrize(
    ("url", "player"),
    [
        (SESSION, "https://www.youtube-nocookie.com/embed/Rb7kQx3Vn2E?autoplay=1"),
        (VIMEO_SESSION, "https://player.vimeo.com/video/914275306?dnt=1&autoplay=1"),
    ],
)
def test_a_recording_plays_in_the_privacy_enhanced_player_only_on_click(
    page, offsite_requests, page_errors, url, player
):
    open_page(page, url)
    item = page.locator("li.hg-material--recording").first
    title = item.locator("a").first.inner_text()
    assert item.locator("a").first.get_attribute("href").startswith(("https://www.youtube.com/", "https://vimeo.com/"))
    assert page.locator("article iframe").count() == 0
    assert offsite_requests == []
    # The player's page is the one request that leaves the hub (the test's router refuses it): wait for it, then
    # check that nothing else went.
    with page.expect_event("requestfailed", lambda request: request.url == player):
        item.get_by_role("button", name=f"Play “{title}”").click()
    frame = item.locator("iframe.hg-embed__frame")
    assert frame.get_attribute("src") == player
    assert title in frame.get_attribute("title")
    assert frame.get_attribute("allowfullscreen") is not None
    assert offsite_requests == [player], offsite_requests
    assert page_errors == []


def test_pages_with_discussion_players_and_news_make_no_request_elsewhere(new_page, offsite_requests, page_errors):
    page = new_page()
    for url in (
        "",
        "news/",
        "news/practitioner-fellowship/",
        SESSION,
        VIMEO_SESSION,
        "library/",
        "showcase/",
        "topics/health-equity/",
        "showcase/family-navigators-at-the-laundromat/",
    ):
        open_page(page, url)
    assert offsite_requests == []
    assert page_errors == []


def test_screenshot_of_a_session_page_with_its_discussion_opened(new_page, artifacts_dir: Path, offsite_requests):
    """For people to look at: what a reader sees after "Show discussion" when GitHub cannot be reached."""
    page = new_page(viewport=DESKTOP)
    open_page(page, SESSION)
    page.get_by_role("button", name="Show discussion").click()
    page.get_by_text("could not be loaded").wait_for()
    box = page.locator("[data-hg-discussion]")
    box.scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, 240)")
    path = artifacts_dir / "community-session-discussion.png"
    page.screenshot(path=str(path))
    assert path.stat().st_size > 10_000
    assert json.dumps(offsite_requests) == '["https://giscus.app/client.js"]'
