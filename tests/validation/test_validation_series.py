"""A weekly series and the session files that add to its dates: expansion, layering and mistakes.

Mistakes inside one series file are corpus cases (``cases/series-*.yml``); these need two files.
"""

from __future__ import annotations

import datetime as dt

import pytest
from validation_hub import HubFactory

from hubgen.hub.load import load_hub

SERIES = "programs/demo/2026/series/lunch.yml"
LUNCH = """\
title: Lunch seminar
type: seminar
weekday: wednesday
starts: 2026-03-01
ends: 2026-03-31
time: 12:00-13:00
facilitators: [sam-lee]
readings: {optional: [equity-report-2024]}
skip: [2026-03-25]
dates:
  2026-03-11: {title: "Jane's path", speakers: [jane-doe], topics: [health-equity]}
  2026-03-18: {status: cancelled}
"""


def _session_file(day: str, front: str, body: str = "Agenda.\n") -> tuple[str, str]:
    return f"programs/demo/2026/sessions/{day}-details.md", f"---\n{front}---\n{body}"


def test_a_series_expands_into_sessions_and_a_file_adds_to_one_date(make_hub: HubFactory) -> None:
    path, text = _session_file(
        "2026-03-11",
        "series: lunch\ntime: 12:00-13:30\nspeakers: [jane-doe, sam-lee]\n",
        "We meet in person this week.\n",
    )
    hub, problems = load_hub(make_hub({SERIES: LUNCH, path: text}))
    assert problems.errors == []
    lunch = [s for s in hub.sessions if s.series_date]
    assert [s.day for s in lunch] == [dt.date(2026, 3, d) for d in (4, 11, 18)]  # the 25th is skipped
    assert [s.url.split("/")[-2] for s in lunch] == ["2026-03-04-lunch", "2026-03-11-lunch", "2026-03-18-lunch"]
    first, second, third = lunch
    assert first.title == "Lunch seminar" and first.body == "" and first.file == SERIES
    assert [p.id for p in first.facilitators] == ["sam-lee"]
    assert [r.id for r in first.optional] == ["equity-report-2024"]
    # the date's entry, then the file, each override what came before
    assert second.title == "Jane's path" and [t.id for t in second.topics] == ["health-equity"]
    assert [p.id for p in second.speakers] == ["jane-doe", "sam-lee"]
    assert second.end.time() == dt.time(13, 30) and second.body.strip() == "We meet in person this week."
    assert second.file == path and second.sources == (SERIES, path)
    assert third.data.status == "cancelled"
    assert [s.day for s in hub.cohorts[0].sessions] == sorted(s.day for s in hub.cohorts[0].sessions)


@pytest.mark.parametrize(
    ("front", "line", "message"),
    [
        ("series: lnuch\n", 2, "series: unknown series 'lnuch' — did you mean 'lunch'? — the series of this cohort"),
        (
            "series: lunch\ntitle: Extra\n",
            2,
            "series: 2026-03-12 is not a date of the series 'lunch' (Wednesdays, 2026-03-01 to 2026-03-31)",
        ),
        ("series: lunch\nspeakers: [jane-do]\n", 3, "speakers[0]: unknown person 'jane-do' — did you mean 'jane-doe'?"),
    ],
)
def test_mistakes_in_a_file_that_adds_to_a_series(make_hub: HubFactory, front: str, line: int, message: str) -> None:
    day = "2026-03-11" if "jane-do" in front else "2026-03-12"
    path, text = _session_file(day, front)
    _hub, problems = load_hub(make_hub({SERIES: LUNCH, path: text}))
    found = [(p.file, p.line, f"{p.field}: {p.message}") for p in problems.errors]
    assert len(found) == 1, found
    assert found[0][:2] == (path, line) and found[0][2].startswith(message), found


def test_a_skipped_date_and_two_files_for_one_date(make_hub: HubFactory) -> None:
    skipped, skipped_text = _session_file("2026-03-25", "series: lunch\n")
    one = ("programs/demo/2026/sessions/2026-03-04-a.md", "---\nseries: lunch\n---\nA.\n")
    two = ("programs/demo/2026/sessions/2026-03-04-b.md", "---\nseries: lunch\n---\nB.\n")
    clash = ("programs/demo/2026/sessions/2026-03-11-lunch.md", "---\ntitle: Clash\ntype: seminar\n---\n")
    _hub, problems = load_hub(make_hub({SERIES: LUNCH, skipped: skipped_text, **dict([one, two, clash])}))
    messages = {(p.file, p.message.split(" — ")[0]) for p in problems.errors}
    assert messages == {
        (skipped, f"2026-03-25 is skipped by the series ('skip' in {SERIES})"),
        (two[0], f"{one[0]} already adds to the series 'lunch' on 2026-03-04"),
        (clash[0], "this file's page would be the page of the series 'lunch' on 2026-03-11"),
    }
