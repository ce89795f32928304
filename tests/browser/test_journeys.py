"""The participant's journeys, walked in Chromium as a participant would: on a phone (390×844) and a desktop, with
the browser's clock set, and measured — how many screens down a thing is, and what comes before what.

The site is built once (the example hub under tests/hubs/riverbend); the sessions each test needs are picked from
the hub it was built from, so the tests follow the content.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from hubgen.hub.graph import Hub, Session, build_date
from hubgen.site.filters import time_span

from .hubsite import PHONE, filtered
from .test_time import at

if TYPE_CHECKING:
    from playwright.sync_api import Locator

pytestmark = pytest.mark.browser

SCREEN = PHONE["height"]


def top(locator: Locator) -> float:
    """The distance of an element's top from the top of the page (not the viewport), in CSS pixels."""
    return float(locator.evaluate("el => el.getBoundingClientRect().top + window.scrollY"))


def bottom(locator: Locator) -> float:
    return float(locator.evaluate("el => el.getBoundingClientRect().bottom + window.scrollY"))


def screens(locator: Locator) -> int:
    """On which screen of the page (1 = seen without scrolling) the element ends."""
    return int(bottom(locator) // SCREEN) + 1


def next_online_session(hub: Hub) -> tuple[Session, dt.datetime]:
    """A session with a published join link and required readings, and a moment when it is its cohort's next."""
    built = dt.datetime.combine(build_date(), dt.time(), dt.UTC)  # lists carry the sessions not over when built
    for s in hub.sessions:
        if s.join_url and s.required and s.data.status == "scheduled" and s.start > built + dt.timedelta(days=2):
            before = [x for x in s.cohort.sessions if x.end <= s.start]
            moment = max([s.start - dt.timedelta(days=2), *(x.end + dt.timedelta(hours=1) for x in before)])
            if all(x.end <= moment or x.start >= s.start for x in s.cohort.sessions if x is not s):
                return s, moment
    pytest.fail("the example hub has no online session with a published link and required readings")


# --- 1. "My program": from the home page, one screen to each thing a participant needs -------------------------------


def test_on_a_phone_a_participant_reaches_join_link_readings_and_subscribe_within_one_screen_each(
    new_page, hub, page_errors
):
    s, moment = next_online_session(hub)
    page = new_page(viewport=PHONE)
    at(page, moment, "")
    chooser = page.get_by_label("My program")
    assert screens(chooser) == 1, "the 'My program' chooser is below the first screen of the home page"
    chooser.select_option(f"{s.program.id}/{s.cohort.id}")

    panel = page.locator(f"[data-hg-mine-panel='{s.program.id}/{s.cohort.id}']")
    assert panel.is_visible()
    # "Coming up" for them comes before the welcome text.
    welcome = page.locator("article > p", has_text="Riverbend Community Health Collaborative").first
    assert top(panel) < top(welcome)
    nxt = panel.locator("li.hg-session:visible")
    assert nxt.count() == 1 and nxt.locator(".hg-session__title").inner_text() == s.title

    join = nxt.get_by_role("link", name="Join the session")
    assert join.get_attribute("href") == s.join_url
    readings = nxt.locator("a.hg-next-item__reading")
    assert readings.all_inner_texts() == [r.title for r in s.required]
    subscribe = panel.get_by_text("Subscribe to your cohort's calendar")
    subscribe.click()  # the same choices as the cohort's page (Google, Apple/webcal, Outlook, the .ics)
    ics = panel.get_by_role("link", name="Calendar feed (.ics)")
    assert (ics.get_attribute("href") or "").endswith(f"{s.cohort.url}calendar.ics")
    assert panel.get_by_role("link", name="Google Calendar").is_visible()
    for what, target in [("join link", join), ("readings", readings.last), ("subscribe link", subscribe)]:
        assert screens(target) == 1, f"the {what} is {screens(target)} screens down the home page"

    # Kept in the browser, without a cookie: the next visit opens with their program.
    page.reload()
    assert page.locator(f"[data-hg-mine-panel='{s.program.id}/{s.cohort.id}']").is_visible()
    assert page.evaluate("document.cookie") == ""
    assert page.evaluate("localStorage.getItem('hubgen.mine')") == f"{s.program.id}/{s.cohort.id}"

    # One tap to the session: its join link and the way to its readings are on its first screen.
    panel.locator("li.hg-session:visible .hg-session__title").click()
    page.wait_for_url(f"**/{s.url}")
    assert screens(page.locator(".hg-facts a.hg-join")) == 1
    assert screens(page.locator("[data-hg-now] a[href$='#readings']")) == 1
    assert page_errors == []


def test_my_program_puts_theirs_first_on_the_calendar_with_a_way_back(new_page, hub):
    s, moment = next_online_session(hub)
    page = new_page(viewport=PHONE)
    at(page, moment, "")
    page.get_by_label("My program").select_option(s.program.id)
    at(page, moment, "calendar/")
    shown = page.locator("ol.hg-month > li:not(.hg-filtered-out)")
    assert set(shown.evaluate_all("els => els.map(e => e.dataset.program)")) == {s.program.id}
    page.get_by_role("button", name="Clear filters").click()
    assert page.locator("ol.hg-month > li:not(.hg-filtered-out)").count() == len(hub.sessions)
    # Back to everything on the home page too.
    at(page, moment, "")
    page.get_by_label("My program").select_option("")
    assert page.locator("[data-hg-mine-panel]:visible").count() == 0


# --- 2. Cohort pages and the calendar ------------------------------------------------------------------------------


def test_a_cohort_page_leads_with_next_session_prepare_and_subscribe(new_page, hub):
    s, moment = next_online_session(hub)
    page = new_page(viewport=PHONE)
    at(page, moment, s.cohort.url)
    nxt = page.locator("ol.hg-next-up > li:visible")
    assert nxt.locator(".hg-session__title").inner_text() == s.title
    prepare = page.get_by_role("link", name="Prepare: what to read and what is due, session by session")
    subscribe = page.locator(".hg-subscribe a.hg-subscribe__ics").first
    schedule = page.locator("h2#schedule")
    order = [top(nxt), top(prepare), top(subscribe), top(schedule)]
    assert order == sorted(order), "next session, Prepare and subscribe come before the schedule"
    for target in (nxt, prepare, subscribe):
        assert screens(target) == 1
    # The schedule starts at what is to come: past sessions are folded behind a button.
    past = [x for x in s.cohort.sessions if x.end <= moment]
    from playwright.sync_api import expect

    assert past, f"{s.cohort.url}: the session chosen is its cohort's first, so nothing is folded to check"
    first = page.locator("ol.hg-schedule > li:visible").first
    assert first.locator(".hg-session__title").inner_text() == s.title
    page.get_by_role("button", name=f"Show {len(past)} past session{'s' if len(past) > 1 else ''}").click()
    expect(page.locator("ol.hg-schedule > li:visible")).to_have_count(len(s.cohort.sessions))


def test_the_calendar_opens_at_the_current_month_with_past_months_folded_but_reachable(new_page, hub, page_errors):
    moment = dt.datetime(2026, 12, 2, 15, tzinfo=dt.UTC)
    page = new_page(viewport=PHONE)
    at(page, moment, "calendar/")
    months = page.locator("article h2[id^='20']:visible").evaluate_all("els => els.map(e => e.id)")
    assert months[0] == "2026-12", months[:3]
    earlier = sorted({f"{s.day:%Y-%m}" for s in hub.sessions if f"{s.day:%Y-%m}" < "2026-12"})
    button = page.get_by_role("button", name=f"Show {len(earlier)} earlier months")
    # The current month's first session is within two screens of the top (after "Coming up" and the filter).
    first = page.locator("ol.hg-month[data-hg-month='2026-12'] > li").first
    assert screens(first) <= 2, f"the current month starts {screens(first)} screens down"
    button.click()
    months = page.locator("article h2[id^='20']:visible").evaluate_all("els => els.map(e => e.id)")
    assert months[: len(earlier)] == earlier
    assert page_errors == []


def test_calendar_subscribe_links_follow_the_filter_and_facets_narrow_each_other(page, hub):
    at(page, dt.datetime(2026, 12, 2, 15, tzinfo=dt.UTC), "calendar/")
    form = page.locator("form.hg-cal-filters")
    assert not page.get_by_role("button", name="Clear filters").is_visible(), "nothing is filtered yet"
    feeds = page.locator(".hg-cal-feeds a.hg-subscribe__ics:visible")
    assert [h.endswith("calendar/hub.ics") for h in feeds.evaluate_all("els => els.map(e => e.href)")] == [True]

    program = next(
        p for p in hub.programs if len({s.data.type for s in p.sessions}) < len(form.locator("input[name=type]").all())
    )
    form.get_by_label(program.title).check()
    hrefs = page.locator(".hg-cal-feeds a.hg-subscribe__ics:visible").evaluate_all("els => els.map(e => e.href)")
    assert len(hrefs) == 1 and hrefs[0].endswith(f"{program.url}calendar.ics")
    assert page.get_by_role("button", name="Clear filters").is_visible()

    # The kinds of session offered are those of the chosen program, each with its count.
    for box in form.locator("input[name=type]").all():
        n = sum(1 for s in program.sessions if s.data.type == box.get_attribute("value"))
        count = box.locator("xpath=..").locator("[data-hg-count]").inner_text()
        assert (int(count), box.is_disabled()) == (n, n == 0)
    page.get_by_role("button", name="Clear filters").click()
    assert not page.get_by_role("button", name="Clear filters").is_visible()


# --- 3 and 4. Session lines and session states -------------------------------------------------------------------


def test_every_session_line_says_how_it_meets_and_a_change_of_mode_is_flagged(page, hub):
    s = next(s for s in hub.sessions if s.series_date and s.data.location and not s.series_date.series.data.location)
    at(page, s.start - dt.timedelta(days=3), s.cohort.url)
    lines = page.locator("ol.hg-schedule > li")
    modes = lines.locator(".hg-mode").all_inner_texts()
    assert len(modes) == lines.count(), "a session line does not say online, in person or hybrid"
    assert all(m.split(" · ")[0] in {"Online", "In person", "Hybrid"} for m in modes)
    item = lines.filter(has=page.locator(f"a[href$='{s.id}/']"))
    mode = "Hybrid" if s.data.online else "In person"
    assert f"{mode} · {s.data.location.name}" in item.inner_text()
    assert item.locator(".hg-badge--changed").inner_text() == f"{mode} this time"
    assert lines.locator(".hg-badge--changed").count() == sum(
        1
        for x in s.cohort.sessions
        if x.series_date and bool(x.data.location) != bool(x.series_date.series.data.location)
    )


def test_a_past_session_offers_nothing_to_join_or_add_and_leads_with_materials(page, hub):
    s = next(s for s in hub.sessions if s.data.online and s.data.materials and s.data.status == "scheduled")
    at(page, s.end + dt.timedelta(days=2), s.url)
    assert not page.locator(".hg-addcal").is_visible()
    assert not page.get_by_text("Join the session").is_visible()
    assert not page.get_by_text("The link is sent to registered participants").is_visible()
    note = page.locator("[data-hg-now]")
    assert note.locator("[data-hg-now-state]").inner_text() == "This session has taken place."
    assert note.locator("a:visible").first.inner_text() in ("Watch the recording", "Slides and materials")
    assert top(page.locator("h2#materials")) < top(page.locator("article h2").nth(1))


@pytest.mark.parametrize("status", ["cancelled", "postponed"])
def test_a_cancelled_or_postponed_session_says_so_first_and_offers_nothing_to_join(page, hub, status):
    s = next((s for s in hub.sessions if s.data.status == status), None)
    if s is None:
        pytest.skip(f"no {status} session in the example hub")
    at(page, s.start - dt.timedelta(days=3), s.url)
    first = page.locator("article .hg-session-page > *").first
    assert status.capitalize() in first.inner_text()
    for gone in (".hg-addcal", "a.hg-join", ".hg-join-info"):
        assert page.locator(gone).count() == 0, f"a {status} session shows {gone}"
    assert "required reading" not in page.locator(".hg-facts").inner_text()


def test_a_multi_day_session_shows_each_days_hours(page, hub):
    s = next(s for s in hub.sessions if s.data.days)
    at(page, s.start - dt.timedelta(days=3), s.url)
    days = page.locator(".hg-facts ul.hg-days > li time").all_inner_texts()
    assert len(days) == (s.last_day - s.day).days + 1
    for text, (start, end) in zip(days, s.day_times, strict=True):
        assert time_span(start, end, 12) in text and str(start.day) in text


def test_an_announcement_naming_a_session_is_linked_from_its_page(page, hub):
    item = next(n for n in hub.news if "/sessions/" in n.body)
    s = next(s for s in hub.sessions if s.url.rstrip("/") in item.body)
    page.goto(s.url)
    link = page.locator(".hg-facts .hg-session-news a")
    assert link.inner_text() == item.title
    assert (link.get_attribute("href") or "").rstrip("/").endswith(item.url.rstrip("/"))


# --- 5. Print -----------------------------------------------------------------------------------------------------

_LONG_URLS = r"""() => {
  const long = [];
  const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_ELEMENT);
  for (let el = walker.currentNode; el; el = walker.nextNode()) {
    if (getComputedStyle(el).display === 'none') continue;
    const after = getComputedStyle(el, '::after').content;
    if (/https?:|attr\(/.test(after)) long.push('::after ' + after);
  }
  for (const m of document.querySelector('article').innerText.matchAll(/\bhttps?:\/\/\S+/g)) {
    if (m[0].length > 60) long.push(m[0]);
  }
  return long;
}"""


def test_session_and_prepare_pages_print_as_a_clean_handout(new_page, hub):
    s = next(s for s in hub.sessions if s.required and s.data.assignments and s.body.strip())
    page = new_page()
    page.clock.set_fixed_time(s.start - dt.timedelta(days=1))  # (the Prepare page prints what is still to come)
    for url in (s.url, s.cohort.url + "prepare/"):
        page.goto(url)
        page.emulate_media(media="print")
        for selector in (
            ".hg-addcal",
            ".hg-contribute",
            ".hg-discussion",
            ".hg-subscribe",
            ".hg-downloads",
            ".md-header",
            ".md-sidebar",
            ".md-footer",
            "button",
            "form",
            ".hg-embed",
        ):
            for el in page.locator(f"article {selector}, {selector}").all():
                assert not el.is_visible(), f"{url}: {selector} is printed"
        assert page.evaluate(_LONG_URLS) == [], f"{url}: long addresses are printed"
        text = page.locator("article").inner_text()
        for r in s.required:
            assert r.title in text
        page.emulate_media(media="screen")
    page.goto(s.url)
    page.emulate_media(media="print")
    text = page.locator("article").inner_text()
    order = [text.index(x) for x in ("When", "Readings", "Assignments")]
    assert order == sorted(order)


# --- 6. Search ------------------------------------------------------------------------------------------------------


def test_search_results_say_date_program_and_cohort_and_prepare_pages_come_last(new_page, hub, site_url):
    from .test_search import search, wait_for_result, wait_for_results

    # Two sessions of the same title in two cohorts: their results tell them apart.
    titles: dict[str, list[Session]] = {}
    for s in hub.sessions:
        titles.setdefault(s.title, []).append(s)
    twins = next(group for group in titles.values() if len({s.cohort for s in group}) > 1)
    page = new_page()
    search(page, twins[0].title.split(":")[0] + ": " + twins[0].title.split(":")[1].split()[0])
    for s in twins:
        wait_for_result(page, site_url, s.url)
    texts = []
    for s in twins:
        result = page.locator(f"li.md-search-result__item:has(> a[href*='{s.url}'])").first
        text = " ".join(result.inner_text().split())
        for part in (f"{s.day.day} {s.day:%b %Y}", s.program.title, s.cohort.title):
            assert part in text, f"{s.url}: {part!r} not in {text!r}"
        texts.append(text)
    assert len(set(texts)) == len(texts), "two results read the same"

    # A required reading's title: its session and the reading come before any Prepare page.
    s = next(s for s in hub.sessions if s.required)
    search(page, s.required[0].title)
    urls = wait_for_results(page, site_url, [s.url])
    prepare = [i for i, u in enumerate(urls) if u.endswith("/prepare/")]
    others = [i for i, u in enumerate(urls) if not u.endswith("/prepare/")]
    assert not prepare or min(prepare) > max(others[:3]), urls


# --- 7. Filters on a phone ------------------------------------------------------------------------------------------


def test_phone_filters_have_big_targets_a_show_results_button_and_an_empty_state(new_page, hub):
    page = new_page(viewport=PHONE)
    page.goto("library/")
    form = page.locator("form.hg-filters")
    reset = form.get_by_role("button", name="Clear filters")
    assert not reset.is_visible(), "'Clear filters' with nothing filtered"
    listing = page.locator("#hg-library")
    assert top(listing) < 1.5 * SCREEN, "the readings start far down: the boxes are in the way"

    form.locator("details summary").click()
    rows = form.locator("fieldset label").all()
    heights = [row.bounding_box()["height"] for row in rows if row.is_visible()]
    assert heights and min(heights) >= 24, f"filter rows of {min(heights)} px: under the 24 px target size"
    boxes = [b.bounding_box() for b in form.locator("input[type=checkbox]").all() if b.is_visible()]
    assert min(min(b["width"], b["height"]) for b in boxes) >= 18

    # Topics by name, not by ID.
    topics = form.locator("fieldset[data-hg-facet=topic] label").all_inner_texts()
    names = [t.rsplit(" ", 1)[0].strip() for t in topics]
    assert names == sorted(names, key=str.lower)

    # Tick a box: "Show N readings" at the end of the panel folds it and goes to the results.
    form.locator("fieldset[data-hg-facet=type] input").first.check()
    show = form.get_by_role("button", name=re.compile(r"^Show \d+ readings?$"))
    n = int(show.inner_text().split()[1])
    assert n == listing.locator("> li:visible").count() > 0
    assert reset.is_visible()
    show.click()
    assert not form.locator("details").evaluate("d => d.open")
    assert listing.evaluate("el => el.getBoundingClientRect().top") < SCREEN / 2

    # The placeholder's examples find something; nonsense finds nothing and says what to do.
    reset.click()
    words = form.locator("input[type=search]")
    example = (words.get_attribute("placeholder") or "").removeprefix("e.g. ").split(", ")
    assert example != [""], "the search box suggests no example"
    for word in example:
        found = filtered(page, lambda word=word: words.fill(word))
        assert found["shown"] > 0, f"the placeholder suggests {word!r}, which finds nothing"
        assert listing.locator("> li:visible").count() > 0
    words.fill("zzqxj")
    words.dispatch_event("input")
    empty = page.locator(".hg-filters__none")
    empty.wait_for(state="visible")
    assert "Clear filters" in empty.inner_text()


def test_with_a_cohort_chosen_search_puts_its_results_first(new_page, hub, site_url):
    from .test_search import search, wait_for_results

    titles: dict[str, list[Session]] = {}
    for s in hub.sessions:
        titles.setdefault(s.title, []).append(s)
    twins = next(group for group in titles.values() if len({s.cohort for s in group}) > 1)
    page = new_page()
    for s in twins:
        page.goto("")
        page.get_by_label("My program").select_option(f"{s.program.id}/{s.cohort.id}")
        search(page, s.title.split(":")[0] + ": " + s.title.split(":")[1].split()[0])
        urls = wait_for_results(page, site_url, [x.url for x in twins])
        first = [urls.index(urlsplit(site_url).path + x.url) for x in twins]
        assert first[twins.index(s)] == min(first), (s.url, urls[:4])


# --- Prepare ------------------------------------------------------------------------------------------------------


def test_prepare_leads_with_what_is_due_soon_and_lists_work_under_its_own_session(new_page, hub):
    s, a = next(
        (s, a)
        for s in hub.sessions
        for a in s.data.assignments
        if a.due and a.due < s.day and s.data.status == "scheduled"
    )
    moment = dt.datetime.combine(a.due - dt.timedelta(days=3), dt.time(12), s.tz)
    page = new_page(viewport=PHONE)
    at(page, moment, s.cohort.url + "prepare/")
    due = page.locator("ol.hg-due-soon > li:visible")
    assert a.title in due.first.inner_text()
    assert screens(due.first) == 1
    headings = page.locator("article h2:visible").all_inner_texts()
    assert headings[0] == "Due soon"
    # Under the session it prepares for, not under another session that happens to come first after its date.
    section = page.locator(f"section.hg-prepare__session:has(h2 a[href*='{s.id}'])")
    assert a.title in section.inner_text()
    others = page.locator("section.hg-prepare__session").filter(has_text=a.title)
    assert others.count() == 1
