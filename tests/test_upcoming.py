"""What a "coming up" list carries in the page (hubgen/site/filters.py ``upcoming``): the browser then shows, by the
reader's clock, the first of them not over; the list must hold enough for the days until the next build."""

from __future__ import annotations

import datetime as dt

import pytest

from hubgen.hub.graph import Hub
from hubgen.site.filters import UPCOMING_SPARE, upcoming

BUILD = dt.datetime(2026, 12, 7, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def built_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(BUILD.timestamp())))


def test_a_week_after_the_build_and_the_limit_after_it(hub: Hub) -> None:
    """The home page's "Coming up" (limit 5, days 7): every session of the week after the build, then five scheduled
    ones, so on each of those days five are still to come; nothing over before the build's day."""
    carried = upcoming(hub.sessions, 5, days=7)
    week = BUILD + dt.timedelta(days=7)
    ahead = [s for s in hub.sessions if s.end >= BUILD]
    assert [s for s in ahead if s.start < week] == [s for s in carried if s.start < week]
    after = [s for s in carried if s.start >= week]
    assert [s for s in after if s.data.status == "scheduled"] == [
        s for s in ahead if s.start >= week and s.data.status == "scheduled"
    ][:5]
    assert carried == ahead[: len(carried)]  # in order, none skipped
    assert len(carried) < 5 + UPCOMING_SPARE  # fewer than the fixed spare it replaces on the example hub
    for day in range(7):
        moment = BUILD + dt.timedelta(days=day, hours=23)
        still = [s for s in carried if s.end > moment and s.data.status == "scheduled"]
        assert len(still) >= 5, f"{len(still)} left to show {day} days after the build"


def test_without_days_a_fixed_number_and_scheduled_only_leaves_out_what_is_never_shown(hub: Hub) -> None:
    ahead = [s for s in hub.sessions if s.end >= BUILD]
    assert upcoming(hub.sessions, 1, 6) == ahead[:7]
    assert any(s.data.status != "scheduled" for s in ahead[:40]), "the example has a cancelled session ahead"
    scheduled = [s for s in ahead if s.data.status == "scheduled"]
    assert upcoming(hub.sessions, 1, 6, scheduled_only=True) == scheduled[:7]
