"""A cohort's Prepare page on a phone and on paper: what is to come, each reading once, "Due soon" meaning soon.

The clock is set in the browser; the expected sessions and due dates are worked out from the example hub.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

import pytest

from hubgen.hub.graph import Cohort, Hub
from hubgen.site.library import preparation

from .hubsite import PHONE

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

UTC = dt.UTC


def fellowship(hub: Hub) -> Cohort:
    return next(c for c in hub.cohorts if c.program.id == "practitioner-fellowship" and c.id == "2026-2027")


def open_at(new_page, moment: dt.datetime, url: str) -> Page:
    page = new_page(viewport=PHONE, timezone_id="America/New_York", locale="en-US")
    page.clock.set_fixed_time(moment)
    page.goto(url)
    page.wait_for_function("document.querySelector('[data-hg-state]') !== null")
    return page


def mid_cohort(cohort: Cohort) -> dt.datetime:
    """Noon on the day after the cohort's tenth session: past sessions and sessions to come."""
    return dt.datetime.combine(cohort.sessions[9].day + dt.timedelta(days=1), dt.time(12), UTC)


def test_upcoming_sessions_first_past_ones_folded_away(new_page, hub, page_errors):
    cohort = fellowship(hub)
    moment = mid_cohort(cohort)
    page = open_at(new_page, moment, f"{cohort.url}prepare/")
    past = [s for s in cohort.sessions if s.end <= moment]
    to_come = [s for s in cohort.sessions if s.end > moment]
    shown = page.locator(".hg-prepare > section.hg-prepare__session:visible h2 a")
    assert shown.all_inner_texts() == [s.title for s in to_come]
    fold = page.locator("details[data-hg-past-fold]")
    assert fold.locator("summary").inner_text() == f"{len(past)} past sessions"
    assert not fold.evaluate("d => d.open")
    fold.locator("summary").click()
    assert fold.locator("section.hg-prepare__session h2 a").all_inner_texts() == [s.title for s in past]
    assert page_errors == []


def test_a_series_reading_is_listed_once(new_page, hub):
    cohort = fellowship(hub)
    series = cohort.series[0]
    shared = series.data.readings.optional[0]
    users = [s for s in cohort.sessions if s.series_date and any(r.id == shared for r in s.optional)]
    assert len(users) > 2  # the case of the issue: one optional series reading under every seminar
    page = open_at(new_page, mid_cohort(cohort), f"{cohort.url}prepare/")
    links = page.locator(f"article a.hg-reading__title[href$='library/{shared}/']")
    assert links.count() == 1
    assert links.first.locator("xpath=ancestor::section").get_attribute("class") == "hg-prepare__series"


def test_due_soon_means_the_next_two_weeks_also_on_paper(new_page, hub):
    cohort = fellowship(hub)
    dated = preparation(cohort).dated
    assert dated, "the example cohort has no assignment with a due date"
    # The day before the first due date that has another more than two weeks after it.
    first = next(d for d in dated if any(o.window[0] > d.window[0] + dt.timedelta(days=14) for o in dated))
    moment = (first.window[0] - dt.timedelta(days=1)).astimezone(UTC)
    soon = [d for d in dated if d.window[1] > moment and d.window[0] <= moment + dt.timedelta(days=14)][:3]
    page = open_at(new_page, moment, f"{cohort.url}prepare/")
    due = page.locator("ol.hg-due-soon > li:visible strong")
    assert due.all_inner_texts() == [d.assignment.title for d in soon]
    page.emulate_media(media="print")
    assert page.locator("#due-soon").is_visible()
    assert page.locator("ol.hg-due-soon > li:visible").count() == len(soon)
    assert not page.locator("details[data-hg-past-fold] section").first.is_visible()
    # Far from any due date: nothing listed, and it says so.
    page = open_at(new_page, dated[-1].window[1] + dt.timedelta(days=1), f"{cohort.url}prepare/")
    assert page.locator("ol.hg-due-soon > li:visible").count() == 0
    assert re.search("Nothing is due", page.locator(".hg-prepare__due").inner_text())


def test_a_current_cohort_prints_as_a_handout_of_a_few_pages(new_page, hub, page_errors):
    """On paper: the sessions of the next 4 weeks in full, later ones one line each (date, title, minutes of required
    reading), past ones left out — at most 4 Letter pages (Chromium's page.pdf, the print stylesheet)."""
    cohort = fellowship(hub)
    moment = mid_cohort(cohort)
    page = open_at(new_page, moment, f"{cohort.url}prepare/")
    soon = [s for s in cohort.sessions if s.end > moment and s.start <= moment + dt.timedelta(days=28)]
    later = [s for s in cohort.sessions if s.start > moment + dt.timedelta(days=28)]
    assert soon and len(later) > 10, "the example cohort has sessions within 4 weeks and many after"
    pdf = page.pdf(format="Letter")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages <= 4, f"the Prepare page prints on {pages} pages"
    page.emulate_media(media="print")
    full = page.locator(".hg-prepare > section.hg-prepare__session:visible")
    one_line = page.locator(".hg-prepare > section.hg-prepare__session--later")
    assert [t.split(" · ")[1] for t in full.locator("h2").all_inner_texts()][: len(soon)] == [s.title for s in soon]
    assert one_line.count() == len(later)
    with_readings = next(s for s in later if s.required_minutes)
    line = page.locator(f"section[aria-labelledby='prep-{with_readings.id}']")
    assert line.locator("h2").is_visible() and not line.locator(".hg-readings, p").first.is_visible()
    assert re.search(r" · about [\dh min]+ of reading$", line.locator("h2").inner_text())
    assert line.evaluate("el => el.getBoundingClientRect().height") < 40, "a later session is more than one line"
    first_soon = page.locator(f"section[aria-labelledby='prep-{soon[0].id}']")
    assert not first_soon.locator(".hg-prepare__brief").is_visible()  # in full: its readings say their minutes
    page.emulate_media(media="screen")
    assert not line.locator(".hg-prepare__brief").is_visible(), "the one-line form is for paper only"
    assert page_errors == []


def test_a_due_date_already_past_is_not_shown_as_due(new_page, hub, page_errors):
    """An assignment listed under a session still to come whose due day is over by the reader's clock (due a week
    before the session) is no longer shown as due there; the day before its due date it is, and a past session keeps
    its own as the record of what was set."""
    cohort = fellowship(hub)
    plan = preparation(cohort)
    step, item = next(
        (step, d) for step in plan.steps for d in step.due if d.window and d.window[1] < step.session.start
    )
    between = item.window[1] + (step.session.start - item.window[1]) / 2  # after its due day, before the session
    section = f"section[aria-labelledby='prep-{step.session.id}']"
    due = f"{section} li.hg-assignment:has(time[datetime='{item.assignment.due.isoformat()}'])"

    page = open_at(new_page, item.window[0] - dt.timedelta(days=1), f"{cohort.url}prepare/")
    assert page.locator(due).first.is_visible()
    assert item.assignment.title in page.locator(f"{section} ul.hg-assignments").inner_text()

    page = open_at(new_page, between, f"{cohort.url}prepare/")
    assert page.locator(section).is_visible()  # the session is still to come
    assert page.locator(due).count() >= 1 and not page.locator(due).first.is_visible()
    others = [d for d in step.due if not d.window or d.window[1] > between]
    assert page.locator(f"{section} li.hg-assignment:visible").count() == len(others)
    if not others:  # nothing left due under it: no empty "Due" heading either
        assert not page.locator(section).get_by_role("heading", name="Due", exact=True).is_visible()
    assert page.locator("ol.hg-due-soon > li:visible", has_text=item.assignment.title).count() == 0

    # Long after: the session is past and folded away; opened, it still says what was due for it.
    page = open_at(new_page, step.session.end + dt.timedelta(days=1), f"{cohort.url}prepare/")
    fold = page.locator("details[data-hg-past-fold]")
    fold.locator("summary").click()
    assert page.locator(due).first.is_visible()
    assert page_errors == []
