"""Warnings staff need before they publish: two sessions of a cohort at once; a recording, or a past session's
materials, on a session that has not happened yet (what a copied session file carries along)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hubgen.cli import main
from tests.test_readme import _walkthrough_session

PROGRAM = "title: P\ntimezone: America/New_York\nsession_types: {talk: {title: Talk}}\n"
COHORT = "title: C\nstarts: 2026-01-01\nends: 2027-12-31\n"
FOLDER = "programs/p/c/sessions"


def session(title: str, extra: str = "", date: str = "") -> str:
    return f"---\ntitle: {title}\ntype: talk\n{date}readings: none\n{extra}---\nAgenda.\n"


def strict(root: Path, capsys) -> tuple[int, list[str]]:
    status = main(["check", "--strict", str(root)])
    return status, [line for line in capsys.readouterr().out.splitlines() if ": warning: " in line]


@pytest.fixture
def today_2026_06_01(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780272000")  # 2026-06-01, as the build reads "today"


def test_a_session_at_the_time_of_another_of_its_cohort_names_both_files_and_lines(small_hub, capsys):
    root = small_hub(
        {
            "programs/p/program.yml": PROGRAM,
            "programs/p/c/cohort.yml": COHORT,
            f"{FOLDER}/2026-03-12-learning-day.md": session("Learning Day"),  # all day
            f"{FOLDER}/2026-03-12-housing.md": session("Housing", "time: 09:00-16:00\n"),
            f"{FOLDER}/2026-03-13-a.md": session("Morning", "time: 09:00-12:00\n"),
            f"{FOLDER}/2026-03-13-b.md": session("Afternoon", "time: 12:00-13:00\n"),  # starts as the other ends
            f"{FOLDER}/2026-03-14-c.md": session("Called Off", "time: 09:00-12:00\nstatus: cancelled\n"),
            f"{FOLDER}/2026-03-14-d.md": session("Instead", "time: 10:00-11:00\n"),
        }
    )
    status, warnings = strict(root, capsys)
    assert status == 1
    assert warnings == [
        f"{FOLDER}/2026-03-12-housing.md:5:1: warning: date: 'Housing' (2026-03-12 09:00–16:00) overlaps "
        f"'Learning Day' (2026-03-12, all day) of the same cohort, at {FOLDER}/2026-03-12-learning-day.md:2 — "
        "change the date or time of one of them, or set status: cancelled on the one that is not happening"
    ]


def test_sessions_of_two_cohorts_of_one_series_or_a_draft_do_not_overlap(small_hub, capsys):
    root = small_hub(
        {
            "programs/p/program.yml": PROGRAM,
            "programs/p/c/cohort.yml": COHORT,
            "programs/p/d/cohort.yml": COHORT,
            f"{FOLDER}/2026-03-12-one.md": session("One"),
            "programs/p/d/sessions/2026-03-12-two.md": session("Two"),
            f"{FOLDER}/2026-03-12-draft.md": session("The replacement, being prepared", "draft: true\n"),
            "programs/p/c/series/w.yml": "title: W\ntype: talk\nweekday: monday\nstarts: 2026-03-02\n"
            "ends: 2026-03-16\ntime: 12:00-13:00\nreadings: none\n",
        }
    )
    assert strict(root, capsys) == (0, [])


def test_a_recording_of_a_session_that_has_not_happened_yet(small_hub, capsys, today_2026_06_01):
    recording = "materials:\n  - title: Recording\n    url: https://example.org/rec\n    kind: recording\n"
    root = small_hub(
        {
            "programs/p/program.yml": PROGRAM,
            "programs/p/c/cohort.yml": COHORT,
            f"{FOLDER}/2026-05-12-past.md": session("Past", recording),
            f"{FOLDER}/2026-06-01-today.md": session("Today", recording),  # the recording may be up on the day
            f"{FOLDER}/2026-07-12-future.md": session("Future", recording.replace("/rec", "/other")),
        }
    )
    status, warnings = strict(root, capsys)
    assert status == 1
    assert warnings == [
        f"{FOLDER}/2026-07-12-future.md:6:5: warning: materials[0]: a recording of a session that has not happened "
        "yet (2026-07-12) — copied with the session? Remove it, and add this session's own after it takes place"
    ]


def test_a_past_sessions_slides_copied_into_a_future_session(small_hub, capsys, today_2026_06_01):
    slides = "materials:\n  - title: Slides\n    url: https://example.org/deck.pdf\n    kind: slides\n"
    handout = "materials:\n  - title: Handout\n    url: https://example.org/pre-work.pdf\n    kind: handout\n"
    root = small_hub(
        {
            "programs/p/program.yml": PROGRAM,
            "programs/p/c/cohort.yml": COHORT,
            f"{FOLDER}/2026-05-12-past.md": session("Past", slides),
            f"{FOLDER}/2026-07-12-copy.md": session("Copy", slides),
            f"{FOLDER}/2026-08-12-own.md": session("Own", handout),  # its own handout, before the day: fine
        }
    )
    status, warnings = strict(root, capsys)
    assert status == 1
    assert warnings == [
        f"{FOLDER}/2026-07-12-copy.md:6:5: warning: materials[0]: 'Slides' is the material of an earlier session, "
        f"'Past' ({FOLDER}/2026-05-12-past.md) — copied with the session? Remove it, and add this session's own "
        "after it takes place"
    ]


def test_the_readmes_new_session_overlaps_nothing_and_passes_strict(hub_copy: Path, capsys):
    """The README's "Add a session in five minutes" session, as written, on the date it gives."""
    name, text = _walkthrough_session()
    (hub_copy / "programs/practitioner-fellowship/2026-2027/sessions" / name).write_text(text, encoding="utf-8")
    status, warnings = strict(hub_copy, capsys)
    assert (status, warnings) == (0, [])
