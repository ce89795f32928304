"""The session day on a phone (390×844, a reader in New York): what the first screen says and offers at each moment.

The clock is set in the browser (Playwright's clock), never at the build. Each moment is one of the example hub's
own sessions: the Community of Practice's joint webinar of 14 January 2027 (online, its link public), the
cancelled workshop of 30 January, the workshop of 13 February after it, the November workshop with a recording,
and the end of the cohort. A screenshot of each moment's first screen goes into test-artifacts/.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest

from hubgen.hub.graph import Cohort, Hub, Session, build_date

from .hubsite import PHONE

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Locator, Page

pytestmark = pytest.mark.browser

NEW_YORK = ZoneInfo("America/New_York")
MINE_KEY = "hubgen.mine"  # "My program" in localStorage (hubgen.js)


def community(hub: Hub) -> Cohort:
    return next(c for c in hub.cohorts if c.program.id == "community-of-practice" and c.id == "2026-2027")


def on(cohort: Cohort, day: str) -> Session:
    return next(s for s in cohort.sessions if s.day.isoformat() == day)


def local(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=NEW_YORK)


def within_first_screen(target: Locator) -> bool:
    """Wholly on the first phone screen: its box between the top of the viewport and 844 px."""
    box = target.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]


@pytest.fixture
def phone(new_page: Callable[..., Page]) -> Callable[..., Page]:
    """``phone(moment, url, mine=None)``: a phone in New York at ``moment``, "My program" set to ``mine``."""

    def open_(moment: dt.datetime, url: str, mine: str | None = None, **options: object) -> Page:
        page = new_page(viewport=PHONE, timezone_id="America/New_York", locale="en-US", **options)
        if mine:
            page.add_init_script(f"localStorage.setItem({MINE_KEY!r}, {mine!r})")
        page.clock.set_fixed_time(moment)
        page.goto(url)
        page.wait_for_load_state("load")
        page.wait_for_function("document.querySelector('[data-hg-start][data-hg-state]') !== null")
        return page

    return open_


def shoot(page: Page, artifacts_dir: Path, name: str) -> None:
    page.screenshot(path=str(artifacts_dir / f"session-day-{name}.png"))


def now_note(page: Page) -> Locator:
    return page.locator("[data-hg-now]")


def panel(page: Page, cohort: Cohort) -> Locator:
    return page.locator(f"[data-hg-mine-panel='{cohort.program.id}/{cohort.id}']")


def shown_titles(items: Locator) -> list[str]:
    return [t.strip() for t in items.locator(".hg-session__title").all_inner_texts()]


def test_a_week_before(phone, hub, artifacts_dir, page_errors):
    cohort = community(hub)
    webinar = on(cohort, "2027-01-14")
    moment = webinar.start - dt.timedelta(days=7)
    page = phone(moment, webinar.url)
    note = now_note(page)
    assert note.locator("[data-hg-now-state]").inner_text() == "In 7 days"
    prepare = note.locator("a.hg-now__prepare")
    assert prepare.is_visible() and within_first_screen(prepare)
    assert not note.get_by_role("link", name="Join the session").is_visible()  # nothing to join a week ahead
    shoot(page, artifacts_dir, "1-week-before-session")

    home = phone(moment, "", mine=f"{cohort.program.id}/{cohort.id}")
    nxt = panel(home, cohort).locator("li.hg-session:visible")
    assert shown_titles(nxt) == [webinar.title]
    assert nxt.locator(".hg-when-badge").inner_text() == "Next"
    assert within_first_screen(nxt.locator(".hg-session__title"))
    shoot(home, artifacts_dir, "1-week-before-home")
    assert page_errors == []


def test_the_morning_of(phone, hub, artifacts_dir, page_errors):
    cohort = community(hub)
    webinar = on(cohort, "2027-01-14")
    moment = local("2027-01-14T08:00")
    page = phone(moment, webinar.url)
    note = now_note(page)
    assert note.locator("[data-hg-now-state]").inner_text() == "Today"
    assert note.locator("[data-hg-now-when]").inner_text() == "at 12:00 PM"
    assert within_first_screen(note)
    shoot(page, artifacts_dir, "2-morning-of-session")

    home = phone(moment, "", mine=f"{cohort.program.id}/{cohort.id}")
    nxt = panel(home, cohort).locator("li.hg-session:visible")
    assert nxt.locator(".hg-when-badge").inner_text() == "Today"
    shoot(home, artifacts_dir, "2-morning-of-home")
    assert page_errors == []


def test_ten_minutes_before_join_comes_first(phone, hub, artifacts_dir, page_errors):
    cohort = community(hub)
    webinar = on(cohort, "2027-01-14")
    moment = webinar.start - dt.timedelta(minutes=10)
    page = phone(moment, webinar.url)
    note = now_note(page)
    assert note.locator("[data-hg-now-state]").inner_text() == "Starting in 10 min"
    join = note.get_by_role("link", name="Join the session")
    assert join.get_attribute("href") == webinar.join_url
    assert join.is_visible() and within_first_screen(join)
    assert not note.locator("a.hg-now__prepare").is_visible()
    shoot(page, artifacts_dir, "3-ten-minutes-before-session")

    home = phone(moment, "", mine=f"{cohort.program.id}/{cohort.id}")
    nxt = panel(home, cohort).locator("li.hg-session:visible")
    assert nxt.locator(".hg-when-badge").inner_text() == "In 10 min"
    join = nxt.get_by_role("link", name="Join the session")
    assert join.get_attribute("href") == webinar.join_url and within_first_screen(join)
    shoot(home, artifacts_dir, "3-ten-minutes-before-home")
    assert page_errors == []


def test_the_hubs_lead_time_decides_when_starting_soon_begins(phone, hub):
    webinar = on(community(hub), "2027-01-14")
    page = phone(webinar.start - dt.timedelta(minutes=16), webinar.url)  # the default lead time is 15 minutes
    assert now_note(page).locator("[data-hg-now-state]").inner_text() == "Today"
    page.evaluate("document.querySelector('[data-hg-soon]').setAttribute('data-hg-soon', '30')")
    page.clock.run_for(60 * 1000)  # hubgen.js looks again every minute
    assert now_note(page).locator("[data-hg-now-state]").inner_text().startswith("Starting in 1")


def test_live(phone, hub, artifacts_dir, page_errors):
    cohort = community(hub)
    webinar = on(cohort, "2027-01-14")
    moment = webinar.start + dt.timedelta(minutes=30)
    page = phone(moment, webinar.url)
    note = now_note(page)
    assert note.locator("[data-hg-now-state]").inner_text() == "Live now"
    assert note.locator("[data-hg-now-when]").inner_text() == "until 1:00 PM"
    join = note.get_by_role("link", name="Join the session")
    assert join.get_attribute("href") == webinar.join_url and within_first_screen(join)
    shoot(page, artifacts_dir, "4-live-session")

    page = phone(moment, cohort.url)
    live = page.locator("ol.hg-next-up > li:visible")
    assert shown_titles(live) == [webinar.title]
    assert live.locator(".hg-when-badge").inner_text() == "Live now"
    assert within_first_screen(live.locator("a.hg-join-now"))
    shoot(page, artifacts_dir, "4-live-cohort")
    assert page_errors == []


def test_a_live_session_whose_link_is_not_public_says_how_it_arrives(phone, hub):
    s = next(
        s for s in hub.sessions if s.data.online and not s.join_url and not s.all_day and s.data.status == "scheduled"
    )
    page = phone(s.start + dt.timedelta(minutes=5), s.url)
    note = now_note(page)
    assert note.locator("[data-hg-now-state]").inner_text() == "Live now"
    arrives = note.locator(".hg-now__link-note")
    assert "sent to registered participants" in arrives.inner_text() and within_first_screen(arrives)
    assert note.get_by_role("link", name="Join the session").count() == 0


def test_an_hour_after(phone, hub, artifacts_dir, page_errors):
    cohort = community(hub)
    webinar, cancelled, following = on(cohort, "2027-01-14"), on(cohort, "2027-01-30"), on(cohort, "2027-02-13")
    assert cancelled.data.status == "cancelled" and following.data.status == "scheduled"
    moment = webinar.end + dt.timedelta(hours=1)
    page = phone(moment, webinar.url)
    note = now_note(page)
    assert note.locator("[data-hg-now-state]").inner_text() == "Just ended"
    assert "recording and materials" in note.inner_text()  # none yet: where they will be
    assert not page.locator(".hg-facts a.hg-join").is_visible()

    # The home panel: what just ended, then the real next session (not the cancelled one between).
    home = phone(moment, "", mine=f"{cohort.program.id}/{cohort.id}")
    items = panel(home, cohort).locator("li.hg-session:visible")
    assert shown_titles(items) == [webinar.title, following.title]
    assert items.nth(0).locator(".hg-when-badge").inner_text() == "Just ended"
    assert items.nth(1).locator(".hg-when-badge").inner_text() == "Next"
    shoot(home, artifacts_dir, "5-hour-after-home")

    # A session with a recording: the recording is the first thing on its page.
    recorded = on(cohort, "2026-11-21")
    page = phone(recorded.end + dt.timedelta(hours=1), recorded.url)
    watch = now_note(page).get_by_role("link", name="Watch the recording")
    recording = next(m for m in recorded.data.materials if m.kind == "recording")
    assert watch.get_attribute("href") == recording.url and within_first_screen(watch)
    shoot(page, artifacts_dir, "5-hour-after-session-with-recording")
    assert page_errors == []


def test_around_a_cancelled_session(phone, hub, artifacts_dir, page_errors):
    cohort = community(hub)
    cancelled, following = on(cohort, "2027-01-30"), on(cohort, "2027-02-13")
    for moment in (cancelled.start - dt.timedelta(days=2), cancelled.start - dt.timedelta(minutes=10)):
        home = phone(moment, "", mine=f"{cohort.program.id}/{cohort.id}")
        items = panel(home, cohort).locator("li.hg-session:visible")
        assert shown_titles(items) == [following.title], moment
        assert within_first_screen(items.locator(".hg-session__title"))

        page = phone(moment, cohort.url)
        nxt = page.locator("ol.hg-next-up > li:visible")
        assert shown_titles(nxt) == [following.title], moment
        assert page.locator("li.hg-session--cancelled .hg-when-badge").count() == 0  # never "Next"
    shoot(home, artifacts_dir, "6-around-cancelled-home")

    page = phone(cancelled.start - dt.timedelta(minutes=10), cancelled.url)
    assert page.locator(".hg-notice--cancelled").is_visible()
    assert now_note(page).count() == 0  # nothing to start, join or watch
    shoot(page, artifacts_dir, "6-around-cancelled-session")
    assert page_errors == []


def test_after_the_cohort_ends(phone, hub, artifacts_dir, page_errors):
    cohort = community(hub)
    moment = dt.datetime.combine(cohort.data.ends + dt.timedelta(days=5), dt.time(12), NEW_YORK)
    page = phone(moment, cohort.url)
    ended = page.locator("[data-hg-ended]")
    assert ended.is_visible() and "This cohort has ended" in ended.inner_text()
    recordings = ended.get_by_role("link", name="Its recordings")
    assert within_first_screen(recordings)
    assert page.locator("ol.hg-next-up > li:visible").count() == 0
    assert page.locator(".hg-none").count() == 0  # not "No upcoming sessions" and nothing else
    recorded = [s for s in cohort.sessions if any(m.kind == "recording" for m in s.data.materials)]
    assert page.locator("ul.hg-recordings > li").count() == len(recorded) > 0
    shoot(page, artifacts_dir, "7-after-the-cohort-ends")

    # A cohort with a next one points to it.
    fellowship = next(p for p in hub.programs if p.id == "practitioner-fellowship")
    first, second = fellowship.cohorts[0], fellowship.cohorts[1]
    page = phone(dt.datetime.combine(first.data.ends + dt.timedelta(days=5), dt.time(12), NEW_YORK), first.url)
    nxt = page.locator("[data-hg-ended] a.hg-ended__next")
    assert nxt.inner_text() == f"The next cohort: {second.title}" and within_first_screen(nxt)
    assert page_errors == []


def test_skip_to_content_leads_to_the_start_of_the_session(phone, hub):
    webinar = on(community(hub), "2027-01-14")
    page = phone(webinar.start - dt.timedelta(minutes=10), webinar.url)
    skip = page.locator("a.md-skip")
    target = page.locator("#" + (skip.get_attribute("href") or "").rpartition("#")[2])
    assert target.evaluate("e => e.tagName") == "H1" and target.inner_text().startswith(webinar.title)
    # above the session's state and its Join button, not at "Readings"
    assert target.bounding_box()["y"] < now_note(page).bounding_box()["y"]


TAB_STOP = """() => {
  const e = document.activeElement;
  const seen = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.right > 0 && r.left < innerWidth
      && getComputedStyle(el).visibility !== "hidden";
  };
  const label = e.matches("input.md-option") ? e.nextElementSibling : null;  // Material rings its label
  const name = (e.getAttribute("aria-label") || e.textContent.trim()).slice(0, 40);
  return { what: e.tagName + "." + e.className + " " + name,
           seen: seen(e) || (label !== null && seen(label)), inContent: e.closest("article") !== null };
}"""


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 900}], ids=["phone", "desktop"])
def test_every_tab_stop_before_the_content_can_be_seen(new_page, hub, viewport):
    webinar = on(community(hub), "2027-01-14")
    page = new_page(viewport=viewport)
    page.goto(webinar.url)
    page.wait_for_function("document.querySelector('[data-hg-state]') !== null")
    unseen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        stop = page.evaluate(TAB_STOP)
        if stop["inContent"]:
            break
        if not stop["seen"]:
            unseen.append(stop["what"])
    else:
        pytest.fail("40 tab stops and not yet in the content")
    assert unseen == []


ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"
)
IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148"


@pytest.mark.parametrize(("agent", "webcal"), [(ANDROID, False), (IPHONE, True)], ids=["android", "iphone"])
def test_subscribe_from_the_home_panel_offers_what_works_on_the_phone(phone, hub, agent, webcal):
    cohort = community(hub)
    home = phone(
        on(cohort, "2027-01-14").start - dt.timedelta(days=7),
        "",
        mine=f"{cohort.program.id}/{cohort.id}",
        user_agent=agent,
    )
    mine = panel(home, cohort)
    mine.get_by_text("Subscribe to your cohort's calendar").click()
    feed = f"{cohort.url}calendar.ics"
    google = mine.get_by_role("link", name="Google Calendar")
    assert google.is_visible() and within_first_screen(google)
    assert "webcal%3A%2F%2Fexample.org%2Fhub%2F" in (google.get_attribute("href") or "")
    assert mine.get_by_role("link", name="Outlook.com").is_visible()
    assert (mine.get_by_role("link", name="Calendar feed (.ics)").get_attribute("href") or "").endswith(feed)
    apple = mine.locator("a[href^='webcal:']")
    assert apple.get_attribute("href") == f"webcal://example.org/hub/{feed}"
    assert apple.is_visible() is webcal  # a webcal:// link opens nothing on most Android phones
    # The cohort's page offers the same choices.
    page = phone(on(cohort, "2027-01-14").start, cohort.url, user_agent=agent)
    box = page.locator("article .hg-subscribe")
    assert box.get_by_role("link", name="Google Calendar").is_visible()
    assert box.locator("a[href^='webcal:']").is_visible() is webcal


def test_past_sessions_with_a_recording_are_marked_in_lists(phone, hub):
    cohort = community(hub)
    page = phone(dt.datetime(2027, 7, 5, 12, tzinfo=NEW_YORK), cohort.url)
    page.get_by_role("button", name=re.compile(r"Show \d+ past sessions")).click()
    assert any(m.kind == "recording" for s in cohort.sessions for m in s.data.materials), "no recording to mark"
    for s in cohort.sessions:
        item = page.locator(
            "ol.hg-schedule > li", has=page.locator(f"a.hg-session__title[href$='{s.url.split('/')[-2]}/']")
        )
        marker = item.locator("a.hg-session__recording")
        recordings = [m.url for m in s.data.materials if m.kind == "recording"]
        if recordings and s.data.status == "scheduled":
            assert marker.is_visible() and marker.get_attribute("href") == recordings[0], s.title
            assert marker.inner_text().startswith("Recording")
        else:
            assert marker.count() == 0, s.title


def test_one_clock_on_a_line_the_hubs(new_page, hub):
    """A US hub says its times on a 12-hour clock; a reader in Paris with a 24-hour locale gets theirs on it too."""
    webinar = on(community(hub), "2027-01-14")
    page = new_page(timezone_id="Europe/Paris", locale="en-GB")
    page.clock.set_fixed_time(webinar.start - dt.timedelta(hours=2))
    page.goto(webinar.url)
    when = page.locator(".hg-facts dd").first
    assert "12:00–1:00 PM EST" in when.inner_text()
    assert re.search(r"\(Thu 6:00\s?[–-]\s?7:00\s?PM CET your time\)", when.inner_text(), re.IGNORECASE), (
        when.inner_text()
    )
    assert now_note(page).locator("[data-hg-now-when]").inner_text().lower() == "at 6:00 pm"


def test_my_progress_ticks_readings_and_the_panel_says_what_is_left(phone, hub, page_errors):
    """Tick a reading as read on its session's page (kept in this browser only): the home panel counts what is left."""
    cohort = community(hub)
    moment = dt.datetime(2027, 2, 10, 12, tzinfo=NEW_YORK)
    s = next(x for x in cohort.sessions if x.start > moment and x.data.status == "scheduled")
    assert s.required, "the next session of the example cohort has required readings"
    home = phone(moment, "", mine=f"{cohort.program.id}/{cohort.id}")
    item = panel(home, cohort).locator("li.hg-session:visible")
    left = item.locator("[data-hg-left]")
    total = sum(r.data.minutes or 0 for r in s.required)
    assert left.inner_text().startswith(f" — left to read: {len(s.required)} of {len(s.required)}")
    first = s.required[0]
    home.goto(s.url)
    box = home.get_by_role("checkbox", name=f"Read: {first.title}").first
    box.check()
    home.reload()
    assert home.get_by_role("checkbox", name=f"Read: {first.title}").first.is_checked()  # kept
    home.goto("")
    left = panel(home, cohort).locator("li.hg-session:visible [data-hg-left]")
    rest = total - (first.data.minutes or 0)
    if len(s.required) == 1:
        assert left.inner_text() == " — all read."
    else:
        expected = f" — left to read: {len(s.required) - 1} of {len(s.required)}"
        assert left.inner_text().startswith(expected) and (
            not rest or "min" in left.inner_text() or "h" in left.inner_text()
        )
    assert home.evaluate("localStorage.getItem('hubgen.read')") == f'["{first.id}"]'
    assert home.evaluate("document.cookie") == ""
    assert page_errors == []


def week_line(cohort: Cohort, moment: dt.datetime, read: set[str]) -> str:
    """The panel's "This week" as worked out here from the content: the scheduled sessions not over at ``moment`` that
    start within 7 days, their required readings (each once), those not in ``read``, their minutes."""
    week = [
        s
        for s in cohort.sessions
        if s.data.status == "scheduled" and s.end > moment and s.start < moment + dt.timedelta(days=7)
    ]
    readings = list({r.id: r for s in week for r in s.required}.values())
    left = [r for r in readings if r.id not in read]
    total = sum(r.data.minutes or 0 for r in left)
    h, m = divmod(total, 60)
    about = (f"{h} h" + (f" {m} min" if m else "") if h else f"{m} min") if total else ""
    what = f"{len(week)} session" + ("" if len(week) == 1 else "s")
    text = (
        "no sessions."
        if not week
        else f"{what}, nothing to read."
        if not readings
        else f"{what} — all read."
        if not left
        else f"{what} — left to read: {len(left)} of {len(readings)}" + (f" (about {about})" if about else "") + "."
    )
    return "This week (next 7 days): " + text


def test_my_progress_says_what_is_left_this_week(phone, hub, page_errors):
    """The panel's "This week": the required readings of the sessions of the next 7 days (a reading counted once),
    what is left of them after ticks, by the reader's clock."""
    from playwright.sync_api import expect

    cohort = next(c for c in hub.cohorts if c.program.id == "practitioner-fellowship" and c.id == "2026-2027")
    moment = local("2027-01-12T12:00")
    week = [s for s in cohort.sessions if s.data.status == "scheduled" and moment < s.end < moment + dt.timedelta(7)]
    assert len(week) >= 2 and week[1].required, "a week of two sessions, the later one with readings"
    home = phone(moment, "", mine=f"{cohort.program.id}/{cohort.id}")
    line = panel(home, cohort).locator("[data-hg-week]")
    expect(line).to_have_text(week_line(cohort, moment, set()))
    assert "left to read: 3 of 3 (about 1 h 52 min)" in line.inner_text()  # the example's: 30 + 60 + 22 minutes
    # A reading of the later session, ticked on its page: the week's line counts it read; the next session's does not.
    later = week[1].required[0]
    home.goto(week[1].url)
    home.get_by_role("checkbox", name=f"Read: {later.title}").first.check()
    home.goto("")
    expect(line).to_have_text(week_line(cohort, moment, {later.id}))
    # A week later by the clock, the week is another one: the line follows the clock, not the build.
    home.clock.set_fixed_time(moment + dt.timedelta(days=7))
    home.reload()
    expect(line).to_have_text(week_line(cohort, moment + dt.timedelta(days=7), {later.id}))
    assert page_errors == []


def test_the_home_page_shows_the_next_session_once(phone, hub, page_errors):
    """With a program chosen, its next session is in the panel and not again in "Coming up" (within two screens),
    which still lists five others; with none chosen, "Coming up" lists it. (The day after the build: "Coming up"
    carries the sessions of a week after the build and five more, the site being rebuilt daily.)"""
    cohort = community(hub)
    moment = dt.datetime.combine(build_date() + dt.timedelta(days=1), dt.time(12), NEW_YORK)
    nxt = next(s for s in cohort.sessions if s.start > moment and s.data.status == "scheduled")
    coming_up = "article ol.hg-upcoming:not(.hg-mine__next) > li.hg-session--scheduled:visible"
    titles = "article a.hg-session__title:visible"

    home = phone(moment, "")
    hub_next = [s.title for s in hub.sessions if s.end > moment and s.data.status == "scheduled"]
    assert shown_titles(home.locator(coming_up)) == hub_next[:5]

    home = phone(moment, "", mine=f"{cohort.program.id}/{cohort.id}")
    assert shown_titles(panel(home, cohort).locator("li.hg-session:visible")) == [nxt.title]
    assert [t.strip() for t in home.locator(titles).all_inner_texts()].count(nxt.title) == 1
    others = [s.title for s in hub.sessions if s.end > moment and s.data.status == "scheduled" and s is not nxt]
    assert shown_titles(home.locator(coming_up)) == others[:5]
    assert page_errors == []
