"""Times in the hub's convention (option ``clock``): 12-hour where the program's time zone is in the United States,
24-hour elsewhere, or as the hub sets it; one format on a line, the reader's own time included."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from hubgen.site.filters import clock_hours, time_span
from tests.helpers import mkdocs_build, page, write_files


@pytest.mark.parametrize(
    ("zone", "option", "hours"),
    [
        ("America/New_York", "auto", 12),
        ("America/Los_Angeles", "auto", 12),
        ("Pacific/Honolulu", "auto", 12),
        ("America/Toronto", "auto", 24),
        ("Europe/Paris", "auto", 24),
        ("Africa/Nairobi", "auto", 24),
        ("America/New_York", "24h", 24),
        ("Europe/Paris", "12h", 12),
    ],
)
def test_the_clock_of_a_time_zone(zone, option, hours):
    assert clock_hours(zone, option) == hours


def at(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2027, 1, 14, hour, minute, tzinfo=ZoneInfo("America/New_York"))


@pytest.mark.parametrize(
    ("start", "end", "hours", "text"),
    [
        (at(9), at(16), 24, "09:00–16:00"),
        (at(9), at(16), 12, "9:00 AM – 4:00 PM"),
        (at(12), at(13), 12, "12:00–1:00 PM"),
        (at(9, 30), at(11, 45), 12, "9:30–11:45 AM"),
        (at(0, 15), at(1), 12, "12:15–1:00 AM"),
        (at(18), at(20, 30), 24, "18:00–20:30"),
    ],
)
def test_a_span_of_hours(start, end, hours, text):
    assert time_span(start, end, hours) == text


HUB = {
    "content/index.md": "# Home\n",
    "programs/p/program.yml": "title: P\ntimezone: {zone}\nsession_types: {{talk: {{title: Talk}}}}\n",
    "programs/p/c/cohort.yml": "title: C\nstarts: 2027-01-01\nends: 2027-12-31\n",
    "programs/p/c/sessions/2027-01-14-talk.md": "---\ntitle: A talk\ntype: talk\ntime: 12:00-13:30\n---\nAgenda.\n",
}
MKDOCS = (
    "site_name: H\nsite_url: https://example.org/\ndocs_dir: content\ntheme: {{name: material}}\n"
    "plugins:\n  - hubgen{options}\n"
)


@pytest.mark.parametrize(
    ("zone", "options", "text"),
    [
        ("America/Chicago", "", "12:00–1:30 PM CST"),
        ("Europe/Berlin", "", "12:00–13:30 CET"),
        ("America/Chicago", ":\n      clock: 24h", "12:00–13:30 CST"),
    ],
)
def test_pages_say_times_on_the_hubs_clock(tmp_path, zone, options, text):
    files = {k: v.format(zone=zone) for k, v in HUB.items()}
    root = write_files(tmp_path / "hub", {**files, "mkdocs.yml": MKDOCS.format(options=options)})
    result = mkdocs_build(root, tmp_path / "site", strict=False)  # (a session with no readings is a warning)
    assert result.returncode == 0, result.stderr
    session = page(tmp_path / "site", "programs/p/c/sessions/2027-01-14-talk")
    when = session.select_one(".hg-facts time[data-hg-local]")
    assert when.get_text().endswith(text)
    assert when["data-hg-clock"] == ("12" if "PM" in text else "24")  # hubgen.js says the reader's time so too
    listed = page(tmp_path / "site", "programs/p/c").select_one("ol.hg-schedule time.hg-session__time")
    assert listed.get_text() == text
