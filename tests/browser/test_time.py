"""What depends on "now", decided in the browser: Chromium with a fixed clock (Playwright's clock control).

The site is built once; the tests move the browser's clock, never the build's. The expected sessions
are worked out from the hub the site was built from.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest

from hubgen.hub.graph import Hub, Session, build_date
from hubgen.site.filters import UPCOMING_SPARE

from .hubsite import PHONE

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

UTC = dt.UTC


def at(page: Page, moment: dt.datetime, url: str) -> Page:
    page.clock.set_fixed_time(moment)
    page.goto(url)
    page.wait_for_load_state("load")
    return page


def titles(page: Page, selector: str) -> list[str]:
    return [t.strip() for t in page.locator(selector).all_inner_texts()]


def after(sessions: list[Session], moment: dt.datetime) -> Session:
    return next(s for s in sessions if s.start > moment and s.data.status == "scheduled")


def test_live_session_shows_its_join_link_and_the_next_one_is_marked(page, hub, page_errors):
    live = next(s for s in hub.sessions if s.join_url and not s.all_day and s.data.status == "scheduled")
    moment = live.start + (live.end - live.start) / 2
    at(page, moment, live.cohort.url)

    on_now = page.locator("ol.hg-schedule > li.hg-live")
    assert on_now.count() == 1
    assert on_now.locator(".hg-session__title").inner_text() == live.title
    assert on_now.locator(".hg-when-badge").inner_text() == "Live now"
    join = on_now.locator("a.hg-join-now")
    assert join.is_visible() and join.get_attribute("href") == live.join_url

    nxt = after(live.cohort.sessions, moment)
    marked = page.locator("ol.hg-schedule > li.hg-next")
    assert marked.count() == 1
    assert marked.locator(".hg-session__title").inner_text() == nxt.title
    assert is_next_badge(marked.locator(".hg-when-badge").inner_text())

    at(page, moment, live.url)
    now = page.locator("[data-hg-now]")
    assert now.is_visible() and "Live now" in now.inner_text()
    assert now.locator("a", has_text="Join the session").get_attribute("href") == live.join_url
    assert page_errors == []


def test_a_live_session_without_a_published_link_shows_none(page, hub):
    live = next(
        s for s in hub.sessions if s.data.online and not s.join_url and not s.all_day and s.data.status == "scheduled"
    )
    at(page, live.start + dt.timedelta(minutes=5), live.url)
    now = page.locator("[data-hg-now]")
    assert now.is_visible() and "Live now" in now.inner_text()
    assert now.locator("a.hg-join").count() == 0 and now.locator("a:visible").count() == 0
    assert live.data.online.url not in page.content()


def is_next_badge(text: str) -> bool:
    """The badge of the first session to come: "Next", or "Today", "Tomorrow", "In 40 min" as it nears."""
    return text in ("Next", "Today", "Tomorrow") or re.fullmatch(r"In \d+ min", text) is not None


def days_after_the_build(days: float) -> dt.datetime:
    return dt.datetime.combine(build_date(), dt.time(), UTC) + dt.timedelta(days=days)


def just_after_a_session(hub: Hub) -> dt.datetime:
    """Half an hour after the first timed session that ends after the build's day starts."""
    since = days_after_the_build(0)
    return next(s.end for s in hub.sessions if s.end > since and not s.all_day) + dt.timedelta(minutes=30)


# "Coming up" lists carry the sessions not over on the build's day (and a few spare): the browser's clock
# decides which show, on the day of the build and on the days until the next (daily) one.
@pytest.mark.parametrize(
    "moment",
    [
        pytest.param(lambda hub: days_after_the_build(0.5), id="the build's day"),
        pytest.param(just_after_a_session, id="just after a session ended"),
        pytest.param(lambda hub: days_after_the_build(6), id="six days later"),
    ],
)
def test_next_and_upcoming_on_any_day_after_the_build(page, hub, moment, page_errors):
    moment = moment(hub)
    # Home: the next five sessions of the hub, the first marked "Next"; nothing past.
    at(page, moment, "")
    upcoming = [s for s in hub.sessions if s.end > moment][:5]
    shown = page.locator("article ol.hg-upcoming > li:visible")
    assert titles(page, "article ol.hg-upcoming > li:visible .hg-session__title") == [s.title for s in upcoming]
    first_next = after(hub.sessions, moment)
    marked = shown.filter(has=page.locator(".hg-when-badge")).first
    assert is_next_badge(marked.locator(".hg-when-badge").inner_text())
    assert marked.locator(".hg-session__title").inner_text() in {
        s.title for s in hub.sessions if s.start == first_next.start
    }

    # A program: its upcoming sessions only, in order.
    program = next(p for p in hub.programs if p.id == "practitioner-fellowship")
    at(page, moment, program.url)
    assert titles(page, "article ol.hg-upcoming > li:visible .hg-session__title") == [
        s.title for s in program.sessions if s.end > moment
    ]
    assert (
        page.locator("article li.hg-next .hg-session__title").first.inner_text()
        == after(program.sessions, moment).title
    )

    # The calendar: every month still listed, one "Next" (in every list that shows that session).
    at(page, moment, "calendar/")
    assert page.locator("ol.hg-month > li").count() == len(hub.sessions)
    same_time = {s.title for s in hub.sessions if s.start == first_next.start and s.data.status == "scheduled"}
    assert set(titles(page, "ol.hg-month > li.hg-next .hg-session__title")) == same_time
    assert page_errors == []


def test_dst_pair_in_the_browser(new_page, hub):
    """A reader in California sees the Wednesday seminar at 9:00 AM both sides of the November switch."""
    page = new_page(timezone_id="America/Los_Angeles", locale="en-US")
    for day in ("2026-10-28", "2026-11-04"):
        s = next(s for s in hub.sessions if s.day.isoformat() == day and s.series_date)
        page.goto(s.url)
        note = page.locator(".hg-facts .hg-yourtime").inner_text()
        zone = "PDT" if day == "2026-10-28" else "PST"
        assert "9:00" in note and "10:00" in note and zone in note and "your time" in note, note
        assert page.locator(".hg-facts time[datetime]").inner_text().endswith("EDT" if zone == "PDT" else "EST")


def test_reader_in_another_zone_sees_their_own_time(new_page, hub):
    s = next(
        s
        for s in hub.sessions
        if s.tz.key == "America/New_York"
        and not s.all_day
        and s.data.time
        and s.data.time.start.hour == 9
        and s.start.dst() == dt.timedelta(0)
    )
    local = s.start.astimezone(ZoneInfo("America/Los_Angeles"))
    california = new_page(timezone_id="America/Los_Angeles", locale="en-US")
    california.goto(s.url)
    note = california.locator(".hg-facts .hg-yourtime").inner_text()
    assert f"{local:%-I}:00 AM" in note and "PST" in note and "your time" in note, note
    # in lists too
    california.goto(s.cohort.url)
    item = california.locator("ol.hg-schedule > li", has_text=s.title)
    assert "PST your time" in item.locator(".hg-yourtime").inner_text()

    boston = new_page(timezone_id="America/New_York", locale="en-US")
    boston.goto(s.url)
    assert boston.locator(".hg-yourtime").count() == 0  # same zone: nothing to add


def test_without_javascript_the_home_page_shows_what_was_coming_up_when_it_was_built(new_page, hub):
    page = new_page(java_script_enabled=False)
    page.goto("")
    since = days_after_the_build(0)
    coming = [s.title for s in hub.sessions if s.end >= since]
    # (the "My program" panels need JavaScript: their lists are not counted)
    assert titles(page, "article ol.hg-upcoming > li:visible .hg-session__title") == coming[:5]
    assert page.locator("article ol.hg-upcoming:not(.hg-mine__next) > li").count() <= 5 + UPCOMING_SPARE
    assert page.get_by_role("link", name="The whole calendar").is_visible()


def test_without_javascript_every_page_lists_all_sessions_in_order(new_page, hub):
    page = new_page(java_script_enabled=False)
    program = next(p for p in hub.programs if p.id == "practitioner-fellowship")
    cohort = program.cohorts[-1]
    for url, sessions, selector in [
        ("calendar/", hub.sessions, "ol.hg-month > li"),
        (program.url, program.sessions, "article ol.hg-upcoming > li"),
        (cohort.url, cohort.sessions, "ol.hg-schedule > li"),
    ]:
        page.goto(url)
        assert titles(page, f"{selector} .hg-session__title") == [s.title for s in sessions], url
        assert page.locator(f"{selector}:visible").count() == len(sessions), url
        starts = page.locator(f"{selector}").evaluate_all("els => els.map(e => e.dataset.hgStart)")
        assert [dt.datetime.fromisoformat(x) for x in starts] == sorted(dt.datetime.fromisoformat(x) for x in starts)
    page.goto("calendar/")
    assert not page.locator("form.hg-cal-filters").is_visible()
    assert not page.locator("#coming-up").is_visible()


def test_calendar_filter_by_program_and_type(page, hub, page_errors):
    from playwright.sync_api import expect

    at(page, dt.datetime(2026, 1, 1, tzinfo=UTC), "calendar/")
    scholars = next(p for p in hub.programs if p.id == "health-equity-scholars")
    page.locator("form.hg-cal-filters").get_by_label(scholars.title).check()
    visible = page.locator("ol.hg-month > li:visible")
    assert visible.count() == len(scholars.sessions)
    assert set(visible.evaluate_all("els => els.map(e => e.dataset.program)")) == {scholars.id}
    assert parse_qs(urlsplit(page.url).query)["program"] == [scholars.id]
    assert f"{len(scholars.sessions)} of {len(hub.sessions)} sessions" in page.locator("output").inner_text()
    months = {f"{s.day:%Y-%m}" for s in scholars.sessions}
    assert {h for h in page.locator("article h2[id^='20']:visible").evaluate_all("els => els.map(e => e.id)")} == months

    page.reload()  # the view is in the URL: a shared link shows the same
    assert page.locator("form.hg-cal-filters").get_by_label(scholars.title).is_checked()
    assert page.locator("ol.hg-month > li:visible").count() == len(scholars.sessions)

    page.locator("form.hg-cal-filters").get_by_label("Launch Workshop").check()  # across facets: AND
    want = [s for s in scholars.sessions if s.data.type == "launch-workshop"]
    assert page.locator("ol.hg-month > li:visible").count() == len(want) > 0
    page.get_by_role("button", name="Clear filters").click()
    expect(page.locator("ol.hg-month > li:not(.hg-filtered-out)")).to_have_count(len(hub.sessions))
    assert "program" not in page.url
    assert page_errors == []


def test_on_a_phone_the_calendar_filters_fold_away_until_asked_for(new_page, hub):
    page = new_page(viewport=PHONE)
    at(page, days_after_the_build(0.5), "calendar/")
    more = page.locator("form.hg-cal-filters details")
    assert more.is_visible() and not more.evaluate("d => d.open")
    assert page.locator("article #coming-up").is_visible()
    more.locator("summary").click()
    scholars = next(p for p in hub.programs if p.id == "health-equity-scholars")
    page.locator("form.hg-cal-filters").get_by_label(scholars.title).check()
    # (months before this one are folded: count what the filter keeps)
    assert page.locator("ol.hg-month > li:not(.hg-filtered-out)").count() == len(scholars.sessions)
    page.reload()  # a shared filtered link opens with its boxes showing
    assert more.evaluate("d => d.open")


def test_a_past_session_puts_materials_and_recordings_first(page, hub):
    s = next(s for s in hub.sessions if any(m.kind == "recording" for m in s.data.materials) and s.required)

    def headings() -> list[str]:
        return page.locator("article h2[id]").evaluate_all("els => els.map(e => e.id)")

    at(page, s.start - dt.timedelta(days=1), s.url)
    assert headings().index("readings") < headings().index("materials")
    assert page.locator("[data-hg-now-state]").inner_text() == "Tomorrow"
    assert not page.locator("[data-hg-now] a.hg-now__recording").is_visible()

    at(page, s.end + dt.timedelta(days=1), s.url)
    assert headings()[0] == "materials"
    assert "taken place" in page.locator("[data-hg-now]").inner_text()
    assert page.locator("[data-hg-now] a.hg-now__recording").is_visible()
    assert re.search("recording", page.locator("ul.hg-materials > li").first.get_attribute("class") or "")


def test_a_page_left_open_moves_on(page, hub):
    """The marks follow the clock while the page stays open (no reload)."""
    s = next(s for s in hub.sessions if not s.all_day and s.data.status == "scheduled" and s.join_url)
    page.clock.install(time=s.start - dt.timedelta(minutes=2))
    page.goto(s.cohort.url)
    item = page.locator("ol.hg-schedule > li", has_text=s.title)
    assert "hg-next" in (item.get_attribute("class") or "")
    page.clock.run_for(3 * 60 * 1000)
    assert "hg-live" in (item.get_attribute("class") or "")
