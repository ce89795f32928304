"""Calendar feeds, read by two calendar clients: ``icalendar`` and ``vobject``.

``icalendar`` alone misses a lot (../shared/VALIDATORS.md): every feed is also checked for
exactly one calendar, UID and DTSTAMP on every event, no TZID without its VTIMEZONE, and no
component ``errors``. ``vobject`` is the second client: it builds each event's time zone from
the VTIMEZONE block in the file itself (not from the machine's zone database), as a calendar
app does, so a wrong or missing VTIMEZONE puts an event at the wrong instant there — which is
exactly the "hour off after a daylight-saving change" people report.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from hubgen.content.history import History
from hubgen.site.eventtext import minutes_text
from hubgen.site.feeds import FeedCache, FeedWriter, event_uids, session_uid, write_feeds
from hubgen.site.siteinfo import Site
from tests.helpers import mkdocs_build, write_files

SITE = Site("https://example.org/hub/", "Riverbend Learning Hub")  # as in mkdocs.yml
UTC = dt.UTC


@pytest.fixture(scope="module")
def feeds(example_site: Path) -> dict[str, bytes]:
    """Every .ics file of the built example hub, by site path."""
    return {p.relative_to(example_site).as_posix(): p.read_bytes() for p in sorted(example_site.rglob("*.ics"))}


def parse_icalendar(data: bytes) -> icalendar.Calendar:
    """The explicit checks of VALIDATORS.md; returns the one calendar."""
    cals = icalendar.Calendar.from_ical(data, multiple=True)
    assert len(cals) == 1, f"{len(cals)} calendars in one file"
    cal = cals[0]
    errors = [(c.name, e) for c in cal.walk() for e in c.errors]
    assert errors == [], errors
    assert cal.get_missing_tzids() == set()
    assert str(cal["VERSION"]) == "2.0" and cal.get("PRODID")
    for event in cal.walk("VEVENT"):
        for prop in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "SEQUENCE", "LAST-MODIFIED", "STATUS"):
            assert event.get(prop) is not None, f"{event.get('UID')}: no {prop}"
        assert event.decoded("DTSTAMP").tzinfo is not None, "DTSTAMP must be UTC"
    uids = [str(e["UID"]) for e in cal.walk("VEVENT")]
    assert len(uids) == len(set(uids)), "a UID twice in one feed"
    return cal


def parse_vobject(data: bytes) -> Any:
    text = data.decode("utf-8")
    cals = list(vobject.readComponents(text, validate=True))
    assert len(cals) == 1
    cal = cals[0]
    for event in cal.contents.get("vevent", []):
        assert event.uid.value and event.dtstamp.value
        start = event.dtstart.value
        if isinstance(start, dt.datetime):
            # the zone is the file's own VTIMEZONE, not the machine's database
            assert "tzicalvtz" in type(start.tzinfo).__name__, type(start.tzinfo)
    return cal


def utc(value: dt.date | dt.datetime) -> dt.date | dt.datetime:
    return value.astimezone(UTC) if isinstance(value, dt.datetime) else value


def test_the_feeds_written_are_the_promised_ones(hub, feeds):
    expected = {"calendar/hub.ics"}
    expected |= {f"{p.url}calendar.ics" for p in hub.programs}
    expected |= {f"{c.url}calendar.ics" for c in hub.cohorts}
    expected |= {f"{s.url}session.ics" for s in hub.sessions}
    people = {f"{p.url}calendar.ics" for p in hub.people.values() if p.has_page and p.sessions}
    expected |= people
    assert set(feeds) == expected
    assert len(people) >= 20
    for person in hub.people.values():  # never for hidden or name-only people
        if person.visibility != "public":
            assert f"people/{person.id}/calendar.ics" not in feeds


def test_every_feed_passes_both_clients(hub, feeds):
    # (a multi-day session with hours is one event per day: issue 14)
    sessions = {uid: (s, day) for s in hub.sessions for day, uid in enumerate(event_uids(s, SITE))}
    checked = 0
    for path, data in feeds.items():
        assert b"\r\n" in data and all(len(line) <= 75 for line in data.split(b"\r\n")), path
        cal = parse_icalendar(data)
        vcal = parse_vobject(data)
        first = {str(e["UID"]): utc(e.decoded("DTSTART")) for e in cal.walk("VEVENT")}
        second = {e.uid.value: utc(e.dtstart.value) for e in vcal.contents.get("vevent", [])}
        assert first == second, f"{path}: the two clients disagree"
        for uid, start in first.items():
            s, day = sessions[uid]
            assert start == (s.day if s.all_day else s.day_times[day][0].astimezone(UTC)), f"{path}: {uid}"
        checked += len(first)
    assert checked >= 3 * len(hub.sessions)  # hub, program, cohort and session feeds at least


def test_feeds_hold_exactly_their_sessions(hub, feeds):
    def uids(path: str) -> set[str]:
        """The sessions of a feed (by their UID: a multi-day session's further days are left out)."""
        further = {uid for s in hub.sessions for uid in event_uids(s, SITE)[1:]}
        return {str(e["UID"]) for e in icalendar.Calendar.from_ical(feeds[path]).walk("VEVENT")} - further

    assert uids("calendar/hub.ics") == {session_uid(s, SITE) for s in hub.sessions}
    for p in hub.programs:
        assert uids(f"{p.url}calendar.ics") == {session_uid(s, SITE) for s in p.sessions}
    for c in hub.cohorts:
        assert uids(f"{c.url}calendar.ics") == {session_uid(s, SITE) for s in c.sessions}
    speaker = max((p for p in hub.people.values() if p.has_page), key=lambda p: len(p.sessions))
    assert uids(f"{speaker.url}calendar.ics") == {session_uid(s, SITE) for s in speaker.sessions}
    for s in hub.sessions[:5]:
        assert uids(f"{s.url}session.ics") == {session_uid(s, SITE)}


def _events(feeds: dict[str, bytes], path: str = "calendar/hub.ics") -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in icalendar.Calendar.from_ical(feeds[path]).walk("VEVENT")}


def _vevents(feeds: dict[str, bytes], path: str = "calendar/hub.ics") -> dict[str, Any]:
    return {e.uid.value: e for e in vobject.readOne(feeds[path].decode()).vevent_list}


@pytest.mark.parametrize(
    ("day", "expected_utc"),
    [
        # The Wednesday seminar at 12:00 in Worcester, on each side of both switches of America/New_York ...
        ("2026-10-28", "2026-10-28T16:00"),  # EDT, UTC-4 (clocks go back on 1 November)
        ("2026-11-04", "2026-11-04T17:00"),  # EST, UTC-5
        ("2027-03-10", "2027-03-10T17:00"),  # EST (clocks go forward on 14 March)
        ("2027-03-17", "2027-03-17T16:00"),  # EDT
    ],
)
def test_daylight_saving_lands_at_the_right_instant_in_both_clients(hub, feeds, day, expected_utc):
    session = next(s for s in hub.sessions if s.day.isoformat() == day and s.series_date)
    uid = session_uid(session, SITE)
    want = dt.datetime.fromisoformat(expected_utc).replace(tzinfo=UTC)
    for path in ("calendar/hub.ics", f"{session.url}session.ics", f"{session.cohort.url}calendar.ics"):
        assert _events(feeds, path)[uid].decoded("DTSTART").astimezone(UTC) == want, path
        assert _vevents(feeds, path)[uid].dtstart.value.astimezone(UTC) == want, path


def test_daylight_saving_in_central_time(hub, feeds):
    """The scholars meet in America/Chicago: sessions on both sides of each switch, at the right instant."""
    chicago = [s for s in hub.sessions if s.tz.key == "America/Chicago" and not s.all_day]
    offsets = {s.start.utcoffset() for s in chicago}
    assert offsets == {dt.timedelta(hours=-5), dt.timedelta(hours=-6)}, "CDT and CST sessions"
    events = _vevents(feeds)
    for s in chicago:
        got = events[session_uid(s, SITE)].dtstart.value
        wall = dt.datetime.combine(s.day, s.data.time.start)
        assert got.replace(tzinfo=None) == wall  # the wall-clock time people were told
        assert got.astimezone(UTC) == wall.replace(tzinfo=ZoneInfo("America/Chicago")).astimezone(UTC)


def test_cancelled_sessions_stay_in_the_feeds_as_cancelled(hub, feeds):
    cancelled = [s for s in hub.sessions if s.data.status == "cancelled"]
    assert any(s.series_date for s in cancelled), "a cancelled date of the weekly series"
    for s in cancelled:
        for path in ("calendar/hub.ics", f"{s.cohort.url}calendar.ics", f"{s.url}session.ics"):
            event = _events(feeds, path)[session_uid(s, SITE)]
            assert str(event["STATUS"]) == "CANCELLED"
            assert _vevents(feeds, path)[session_uid(s, SITE)].status.value == "CANCELLED"
    confirmed = [e for e in _events(feeds).values() if str(e["STATUS"]) == "CONFIRMED"]
    assert len(confirmed) == sum(len(event_uids(s, SITE)) for s in hub.sessions if s.data.status == "scheduled")


def test_all_day_and_multi_day_events_end_the_day_after(hub, feeds):
    all_day = [s for s in hub.sessions if s.all_day]
    assert any(s.last_day > s.day for s in all_day), "a multi-day event"
    events = _events(feeds)
    for s in all_day:
        e = events[session_uid(s, SITE)]
        start, end = e.decoded("DTSTART"), e.decoded("DTEND")
        assert type(start) is dt.date and type(end) is dt.date
        assert (start, end) == (s.day, s.last_day + dt.timedelta(days=1))  # DTEND is exclusive
        assert "VALUE=DATE" in e["DTSTART"].to_ical().decode() or e["DTSTART"].params.get("VALUE") == "DATE"


def test_a_multi_day_session_with_hours_is_one_event_per_day_in_both_clients(hub, feeds):
    s = next(s for s in hub.sessions if s.data.days and s.data.time)
    for path in ("calendar/hub.ics", f"{s.cohort.url}calendar.ics", f"{s.url}session.ics"):
        cal, vcal = parse_icalendar(feeds[path]), parse_vobject(feeds[path])
        mine = set(event_uids(s, SITE))
        first = sorted(
            (e.decoded("DTSTART").astimezone(UTC), e.decoded("DTEND").astimezone(UTC))
            for e in cal.walk("VEVENT")
            if str(e["UID"]) in mine
        )
        second = sorted(
            (e.dtstart.value.astimezone(UTC), e.dtend.value.astimezone(UTC))
            for e in vcal.contents["vevent"]
            if e.uid.value in mine
        )
        expected = [(a.astimezone(UTC), b.astimezone(UTC)) for a, b in s.day_times]
        assert first == second == expected, path
        assert len(expected) == (s.last_day - s.day).days + 1 > 1
        assert all(b - a < dt.timedelta(hours=12) for a, b in expected), "no event runs through the night"
    # each day's own hours: the day that differs from 'time' ends when its 'days' entry says
    day, hours = next(iter(s.data.days.items()))
    start, end = next((a, b) for a, b in s.day_times if a.date() == day)
    assert (start.time(), end.time()) == (hours.start, hours.end) != (s.data.time.start, s.data.time.end)


def test_event_details(hub, feeds):
    events = _events(feeds)
    s = next(s for s in hub.sessions if s.required and s.data.location and not s.all_day)
    e = events[session_uid(s, SITE)]
    assert str(e["URL"]) == f"https://example.org/hub/{s.url}"
    assert s.data.location.name in str(e["LOCATION"])
    text = str(e["DESCRIPTION"])
    assert all(r.title in text for r in s.required)
    assert "Read before the session" in text
    online = next(s for s in hub.sessions if s.data.online and not s.join_url)
    assert "the link is sent to registered participants" in str(events[session_uid(online, SITE)]["DESCRIPTION"])
    published = next(s for s in hub.sessions if s.join_url)
    assert published.join_url in str(events[session_uid(published, SITE)]["DESCRIPTION"])
    override = next(s for s in hub.sessions if s.series_date and s.series_date.override_file and s.data.location)
    assert override.data.location.name in str(events[session_uid(override, SITE)]["LOCATION"])


def test_no_unpublished_meeting_link_and_no_hidden_person_in_any_feed(hub, feeds):
    text = b"\n".join(feeds.values()).decode()
    unpublished = {
        s.data.online.url
        for s in hub.sessions
        if s.data.online and s.data.online.url and not s.data.online.publish_link
    }
    assert unpublished
    for url in unpublished:
        assert url not in text
    for person in hub.people.values():
        if person.visibility == "hidden":
            assert person.name not in text


def test_feeds_are_deterministic_and_use_no_build_clock(hub, feeds):
    """The build (another process, earlier) and this one agree byte for byte; DTSTAMP is a commit time."""
    again = {f.path: f.content for f in write_feeds(hub, SITE)}
    assert again == feeds
    for e in _events(feeds).values():
        assert e.decoded("DTSTAMP") == e.decoded("LAST-MODIFIED")  # when its source last changed


def test_series_sessions_have_pages_and_feed_entries(hub, feeds, example_site):
    series = [s for s in hub.sessions if s.series_date]
    assert len(series) >= 30
    first = series[0].series_date.series
    assert all(s.day.weekday() == 2 and s.data.time and f"{s.data.time}".startswith("12:00") for s in series)
    assert not {s.day for s in series} & set(first.data.skip)
    events = _events(feeds)
    for s in series:
        assert (example_site / s.url / "index.html").is_file()
        assert (example_site / s.url / "session.ics").is_file()
        assert session_uid(s, SITE) in events


# -- the pages link the feeds ---------------------------------------------------------------


def _soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def _resolves(site: Path, url: str, href: str) -> Path:
    target = (site / url / href).resolve()
    assert target.is_file(), f"/{url}: {href} is not a file of the site"
    return target


@pytest.mark.parametrize("which", ["home", "calendar", "program", "cohort", "person"])
def test_subscribe_links(hub, example_site, which):
    program = next(p for p in hub.programs if p.id == "practitioner-fellowship")
    person = next(p for p in hub.people.values() if p.has_page and p.sessions)
    url, feed = {
        "home": ("", "calendar/hub.ics"),
        "calendar": ("calendar/", "calendar/hub.ics"),
        "program": (program.url, f"{program.url}calendar.ics"),
        "cohort": (program.cohorts[-1].url, f"{program.cohorts[-1].url}calendar.ics"),
        "person": (person.url, f"{person.url}calendar.ics"),
    }[which]
    box = _soup(example_site, url).select_one("article .hg-subscribe")
    assert box is not None, f"/{url} has no subscribe links"
    assert _resolves(example_site, url, box.select_one("a.hg-subscribe__ics")["href"]) == example_site / feed
    assert box.select_one("a.hg-subscribe__webcal")["href"] == f"webcal://example.org/hub/{feed}"
    google = parse_qs(urlsplit(box.select_one("a.hg-subscribe__google")["href"]).query)
    assert google["cid"] == [f"webcal://example.org/hub/{feed}"]
    assert f"https://example.org/hub/{feed}" in box.get_text()


def test_add_to_calendar_on_every_session_page(hub, example_site):
    for s in hub.sessions:
        box = _soup(example_site, s.url).select_one("article .hg-addcal")
        if s.data.status != "scheduled":  # cancelled or postponed: nothing to add (issue 14)
            assert box is None, s.url
            continue
        assert box is not None, s.url
        assert _resolves(example_site, s.url, box.select_one("a.hg-addcal__ics")["href"]).name == "session.ics"
        google = parse_qs(urlsplit(box.select_one("a.hg-addcal__google")["href"]).query)
        outlook = parse_qs(urlsplit(box.select_one("a.hg-addcal__outlook")["href"]).query)
        if s.all_day:
            end = s.last_day + dt.timedelta(days=1)
            assert google["dates"] == [f"{s.day:%Y%m%d}/{end:%Y%m%d}"]
            assert outlook["allday"] == ["true"]
        else:
            a, b = s.start.astimezone(UTC), s.end.astimezone(UTC)
            assert google["dates"] == [f"{a:%Y%m%dT%H%M%SZ}/{b:%Y%m%dT%H%M%SZ}"]
            assert outlook["startdt"] == [f"{a:%Y-%m-%dT%H:%M:%SZ}"]
        assert google["text"] == [s.title if s.data.status == "scheduled" else google["text"][0]]
        assert box.select_one("a.hg-addcal__office")["href"].startswith("https://outlook.office.com/")


def test_without_site_url_only_the_ics_link_is_shown(tmp_path):
    root = write_files(
        tmp_path / "hub",
        {**_SMALL_HUB, "mkdocs.yml": _SMALL_MKDOCS.replace("site_url: https://example.org/small/\n", "")},
    )
    out = tmp_path / "out"
    result = mkdocs_build(root, out)
    assert result.returncode == 0, result.stderr
    box = _soup(out, "programs/p/").select_one(".hg-subscribe")
    assert box.select_one("a.hg-subscribe__ics") and not box.select_one("a[href^='webcal:']")
    cal = parse_icalendar((out / "programs/p/calendar.ics").read_bytes())
    event = next(iter(cal.walk("VEVENT")))
    assert "URL" not in event and str(event["UID"]).endswith("@small-hub.hubgen.invalid")


# -- UIDs and SEQUENCE across edits, in a real git repository -----------------------------------

_SMALL_MKDOCS = """\
site_name: Small hub
site_url: https://example.org/small/
docs_dir: content
theme:
  name: material
plugins:
  - hubgen
"""

_SMALL_HUB = {
    "mkdocs.yml": _SMALL_MKDOCS,
    "content/index.md": "# Home\n",
    "content/people/jane-doe.yml": "name: Jane Doe\nbio: A family physician.\n",
    "content/topics.yml": "care: {title: Care}\n",
    "content/readings/primer.yml": "title: A primer\ntype: article\ntopics: [care]\n",
    "programs/p/program.yml": """
        title: P
        timezone: America/New_York
        session_types: {talk: {title: Talk}, seminar: {title: Seminar}}
        """,
    "programs/p/c/cohort.yml": "title: C\nstarts: 2026-01-01\nends: 2026-12-31\n",
    "programs/p/c/sessions/2026-03-04-kickoff.md": """
        ---
        title: Kickoff
        type: talk
        time: 09:00-10:00
        speakers: [jane-doe]
        readings: {required: [primer]}
        ---
        Agenda.
        """,
    "programs/p/c/series/lunch.yml": """
        title: Lunch seminar
        type: seminar
        weekday: wednesday
        starts: 2026-03-01
        ends: 2026-03-31
        time: 12:00-13:00
        readings: {optional: [primer]}
        dates:
          2026-03-11: {title: "Guest: Jane Doe", speakers: [jane-doe]}
        """,
}


def _git(root: Path, *args: str, when: str = "2026-02-01T10:00:00+00:00") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Staff",
        "GIT_AUTHOR_EMAIL": "staff@example.org",
        "GIT_COMMITTER_NAME": "Staff",
        "GIT_COMMITTER_EMAIL": "staff@example.org",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def _event(site: Path, session_url: str) -> icalendar.Event:
    cal = parse_icalendar((site / session_url / "session.ics").read_bytes())
    return next(iter(cal.walk("VEVENT")))


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_editing_a_session_keeps_its_uid_and_raises_its_sequence(tmp_path):
    root = write_files(tmp_path / "hub", _SMALL_HUB)
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "First")
    kickoff, lunch = "programs/p/c/sessions/2026-03-04-kickoff/", "programs/p/c/sessions/2026-03-11-lunch/"

    assert mkdocs_build(root, tmp_path / "one").returncode == 0
    before = {url: _event(tmp_path / "one", url) for url in (kickoff, lunch)}
    assert before[kickoff]["SEQUENCE"] == 1
    assert before[kickoff].decoded("DTSTAMP") == dt.datetime(2026, 2, 1, 10, tzinfo=UTC)

    session = root / "programs/p/c/sessions/2026-03-04-kickoff.md"
    session.write_text(
        session.read_text().replace("title: Kickoff", "title: Kickoff, renamed").replace("09:00-10:00", "09:30-10:30")
    )
    series = root / "programs/p/c/series/lunch.yml"
    series.write_text(series.read_text().replace("Guest: Jane Doe", "A conversation with Jane Doe"))
    _git(root, "commit", "-q", "-am", "Edit titles and times", when="2026-02-15T09:30:00+00:00")

    assert mkdocs_build(root, tmp_path / "two").returncode == 0
    for url in (kickoff, lunch):
        after = _event(tmp_path / "two", url)
        assert str(after["UID"]) == str(before[url]["UID"])  # the same event: it replaces the old one
        assert after["SEQUENCE"] > before[url]["SEQUENCE"]
        assert after.decoded("LAST-MODIFIED") == dt.datetime(2026, 2, 15, 9, 30, tzinfo=UTC)
    assert str(_event(tmp_path / "two", kickoff)["SUMMARY"]) == "Kickoff, renamed"
    assert _event(tmp_path / "two", kickoff).decoded("DTSTART").hour == 9

    # A session file added for one date of the series keeps that date's UID (and raises its SEQUENCE).
    write_files(
        root,
        {"programs/p/c/sessions/2026-03-11-jane.md": "---\nseries: lunch\ntime: 12:00-13:30\n---\nBring questions.\n"},
    )
    assert mkdocs_build(root, tmp_path / "three").returncode == 0
    third = _event(tmp_path / "three", lunch)
    assert str(third["UID"]) == str(before[lunch]["UID"])
    assert third["SEQUENCE"] > _event(tmp_path / "two", lunch)["SEQUENCE"]
    assert re.search(r"T133000", third["DTEND"].to_ical().decode())


@pytest.mark.parametrize(
    "tzid",
    [
        "America/Phoenix",
        "America/Los_Angeles",
        "Europe/London",
        "Australia/Lord_Howe",
        "Asia/Kolkata",
        "America/Sao_Paulo",
    ],
)
def test_vtimezone_agrees_with_the_zone_database_in_a_second_client(tzid):
    """Zones without daylight saving, with half-hour changes, south of the equator, with rules that changed."""
    from hubgen.site.vtimezone import vtimezone

    cal = icalendar.Calendar()
    cal.add("prodid", "-//test//EN")
    cal.add("version", "2.0")
    cal.add_component(vtimezone(tzid, 2017, 2028))
    zone = ZoneInfo(tzid)
    moments = [dt.datetime(year, month, 15, 12, 0, tzinfo=zone) for year in range(2018, 2028) for month in range(1, 13)]
    for i, moment in enumerate(moments):
        event = icalendar.Event()
        event.add("uid", f"{i}@test")
        event.add("dtstamp", dt.datetime(2026, 1, 1, tzinfo=UTC))
        event.add("dtstart", moment)
        cal.add_component(event)
    data = cal.to_ical()
    assert icalendar.Calendar.from_ical(data).get_missing_tzids() == set()
    parsed = {e.uid.value: e.dtstart.value for e in parse_vobject(data).vevent_list}
    assert {uid: v.astimezone(UTC) for uid, v in parsed.items()} == {
        f"{i}@test": m.astimezone(UTC) for i, m in enumerate(moments)
    }


def test_folding_short_lines_at_once_changes_no_feed(hub, monkeypatch):
    """hubgen gives icalendar's line folding a shortcut for lines that need no fold: the feeds come out the same."""
    from icalendar.parser import content_line

    site = Site(url="https://example.org/hub/", name="Hub")
    fast = {f.path: f.content for f in write_feeds(hub, site)}
    assert content_line._foldline.__wrapped__  # the shortcut is in place
    monkeypatch.setattr(content_line, "_foldline", content_line._foldline.__wrapped__)
    slow = {f.path: f.content for f in write_feeds(hub, site)}
    assert slow == fast
    assert any(b"\r\n " in text for text in fast.values())  # long lines were folded, by icalendar


def test_feeds_from_the_cache_are_the_feeds_icalendar_writes(hub, tmp_path):
    """Events and feed headers kept between builds (.cache/hubgen/feeds.json) give the same feeds; the file is
    read, an entry that is no component's text is not used, and what an entry is made from is its key."""
    history = History.read(hub.root)

    def feeds(site: Site, cache: FeedCache | None = None) -> dict[str, bytes]:
        return {f.path: f.content for f in FeedWriter(hub, site, history, cache).feeds()}

    plain = feeds(SITE)
    assert feeds(SITE, FeedCache(tmp_path)) == plain  # filling the cache
    assert feeds(SITE, FeedCache(tmp_path)) == plain  # from it
    stored = json.loads((tmp_path / "feeds.json").read_text(encoding="utf-8"))
    assert sum(v.startswith("BEGIN:VEVENT") for v in stored.values()) >= len(hub.sessions)
    key = next(k for k, v in stored.items() if v.startswith("BEGIN:VEVENT"))
    for text, used in ((stored[key].replace("SUMMARY:", "SUMMARY:Planted "), True), ("<b>not iCalendar</b>", False)):
        (tmp_path / "feeds.json").write_text(json.dumps({**stored, key: text}), encoding="utf-8")
        got = feeds(SITE, FeedCache(tmp_path))
        assert any(b"SUMMARY:Planted " in content for content in got.values()) is used
        assert (got == plain) is not used
    # Another site URL changes every event's UID and URL: nothing cached for the first site is used.
    other = Site("https://example.net/", "Another")
    assert feeds(other, FeedCache(tmp_path)) == feeds(other)


@settings(max_examples=300, deadline=None)
@given(
    line=st.one_of(
        st.text(alphabet='ab ;,:\\^"=', max_size=400),  # ASCII: folded by hubgen, escapes at every place
        st.text(alphabet=st.sampled_from(list("ab \\^é€😀")), max_size=300),  # not ASCII: by icalendar
    ),
    limit=st.integers(min_value=1, max_value=90),
)
def test_hubgens_line_folding_is_icalendars(line: str, limit: int):
    """Every line, short or long, ASCII or not, with escapes anywhere: folded as icalendar folds it."""
    from icalendar.parser import content_line

    fold = content_line._foldline
    assert fold(line, limit) == fold.__wrapped__(line, limit)
    assert fold(line) == fold.__wrapped__(line)


# -- reminders (VALARM), as the hub sets them in mkdocs.yml (option ``reminders``) ----------------------------------


def _alarms_icalendar(feed: bytes, session_url: str) -> list[tuple[dt.timedelta, str]]:
    cal = parse_icalendar(feed)
    event = next(e for e in cal.walk("VEVENT") if str(e.get("URL", "")).endswith(session_url))
    return [(a.decoded("TRIGGER"), str(a["DESCRIPTION"])) for a in event.walk("VALARM")]


def _alarms_vobject(feed: bytes, session_url: str) -> list[tuple[dt.timedelta, str]]:
    cal = parse_vobject(feed)
    event = next(e for e in cal.vevent_list if e.url.value.endswith(session_url))
    alarms = event.contents.get("valarm", [])
    assert all(a.action.value == "DISPLAY" for a in alarms)
    return [(a.trigger.value, a.description.value) for a in alarms]


def _feeds_of(hub, site: Site) -> dict[str, bytes]:
    return {f.path: f.content for f in write_feeds(hub, site, History.read(hub.root))}


def test_reminders_the_day_before_with_the_readings_and_minutes_before_with_the_link(hub):
    s = next(s for s in hub.sessions if s.required and s.join_url and not s.all_day and s.data.status == "scheduled")
    feed = _feeds_of(hub, SITE)[f"{s.cohort.url}calendar.ics"]
    for read in (_alarms_icalendar, _alarms_vobject):
        (before, prepare), (soon, join) = read(feed, s.url)
        assert before == -dt.timedelta(days=1) and soon == -dt.timedelta(minutes=10), read.__name__
        assert prepare.startswith(f"{s.title} starts in 1 day.")
        for r in s.required:
            assert r.title in prepare and (not r.data.minutes or f", {minutes_text(r.data.minutes)}" in prepare)
        assert f"(about {minutes_text(s.required_minutes)})" in prepare
        assert f"Prepare: https://example.org/hub/{s.cohort.url}prepare/" in prepare
        assert join == f"{s.title} starts in 10 minutes.\nHow to join: {s.data.online.platform}: {s.join_url}"


def test_a_reminder_never_holds_an_unpublished_link_nor_rings_for_a_cancelled_session(hub):
    feeds = _feeds_of(hub, SITE)
    private = next(s for s in hub.sessions if s.data.online and not s.join_url and s.data.status == "scheduled")
    alarms = _alarms_vobject(feeds[f"{private.cohort.url}calendar.ics"], private.url)
    join = [text for trigger, text in alarms if trigger == -dt.timedelta(minutes=10)]
    assert join and "the link is sent to registered participants" in join[0]
    assert private.data.online.url not in join[0]
    for s in hub.sessions:
        if s.data.status != "scheduled":
            assert _alarms_icalendar(feeds[f"{s.cohort.url}calendar.ics"], s.url) == [], s.url
    without = next(s for s in hub.sessions if not s.required and not s.data.online and s.data.status == "scheduled")
    assert _alarms_icalendar(feeds[f"{without.cohort.url}calendar.ics"], without.url) == []  # nothing to say


def test_reminders_as_the_hub_sets_them_and_none_when_turned_off(hub, tmp_path):
    s = next(s for s in hub.sessions if s.required and s.join_url and not s.all_day and s.data.status == "scheduled")
    path = f"{s.cohort.url}calendar.ics"
    history = History.read(hub.root)

    def feed(site: Site, cache: FeedCache | None = None) -> bytes:
        return next(f.content for f in FeedWriter(hub, site, history, cache).feeds() if f.path == path)

    two_hours = Site(SITE.url, SITE.name, prepare_alarm=120, join_alarm=None)
    assert [t for t, _ in _alarms_vobject(feed(two_hours), s.url)] == [-dt.timedelta(hours=2)]
    off = Site(SITE.url, SITE.name, prepare_alarm=None, join_alarm=None)
    assert b"BEGIN:VALARM" not in feed(off)
    # The feed cache keys an event by what it is made of, its alarms too: a change of the option misses it.
    cache = tmp_path / "cache"
    assert b"BEGIN:VALARM" in feed(SITE, FeedCache(cache))
    assert feed(off, FeedCache(cache)) == feed(off)
    assert feed(two_hours, FeedCache(cache)) == feed(two_hours)


def test_the_reminders_option_in_mkdocs_yml(tmp_path):
    mkdocs = _SMALL_MKDOCS.replace("  - hubgen\n", "  - hubgen:\n      reminders: {prepare: 2 hours, join: false}\n")
    root = write_files(tmp_path / "hub", {**_SMALL_HUB, "mkdocs.yml": mkdocs})
    out = tmp_path / "out"
    result = mkdocs_build(root, out)
    assert result.returncode == 0, result.stderr
    feed = (out / "programs/p/calendar.ics").read_bytes()
    kickoff = "programs/p/c/sessions/2026-03-04-kickoff/"
    assert [t for t, _ in _alarms_icalendar(feed, kickoff)] == [-dt.timedelta(hours=2)]
    assert [t for t, _ in _alarms_vobject(feed, kickoff)] == [-dt.timedelta(hours=2)]

    wrong = _SMALL_MKDOCS.replace("  - hubgen\n", "  - hubgen:\n      reminders: {prepare: tomorrow}\n")
    write_files(root, {"mkdocs.yml": wrong})
    result = mkdocs_build(root, tmp_path / "out2")
    assert result.returncode != 0
    assert "'tomorrow' is not a time before the session" in result.stderr
