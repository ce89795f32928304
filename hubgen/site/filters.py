"""What the templates' filters and tests say about sessions and readings (hubgen/site/render.py registers them).

When a session is, on whose clock (12 or 24 hours, by the custom of its time zone's country); how it meets;
what a "coming up" list carries; the readings a weekly series gives; a plain reference line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import Any

from ..hub.graph import Cohort, Reading, Session, build_date
from .i18n import Dates
from .siteinfo import Site


@lru_cache(maxsize=1)
def _zone_countries() -> dict[str, str]:
    """Each time zone's country (ISO 3166 code), from the zone database's zone.tab (the tzdata package)."""
    try:
        text = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return {}
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {row[2]: row[0] for row in rows if len(row) >= 3}


#: Where times are said on a 12-hour clock ("9:00 AM"); everywhere else, on a 24-hour one ("09:00").
TWELVE_HOUR_COUNTRIES = frozenset({"US"})


def clock_hours(zone: str, option: str = "auto") -> int:
    """12 or 24: the option ``clock`` ("12h", "24h"), or (``auto``) the custom where the time zone ``zone`` is."""
    if option in ("12h", "24h"):
        return int(option[:2])
    return 12 if _zone_countries().get(zone) in TWELVE_HOUR_COUNTRIES else 24


def time_span(start: dt.datetime, end: dt.datetime, hours: int, dates: Dates | None = None) -> str:
    """``09:00–16:00``, or on a 12-hour clock ``9:00 AM – 4:00 PM`` (``12:00–1:00 PM`` within one half of the day);
    in another language (``dates``), as its locale writes a span of hours."""
    return (dates or _ENGLISH_DATES).time_span(start, end, hours)


_ENGLISH_DATES = Dates()


def session_when(session: Session, site: Site) -> str:
    """The date and time of a session as people say it, in its own time zone."""
    dates = site.dates
    d, last = session.day, session.last_day
    day = dates.range(d, last)
    if session.all_day:
        return site.tr.gettext("%(day)s (all day)") % {"day": day} if last == d else day
    start = session.start
    end = session.end
    return f"{day}, {time_span(start, end, clock_hours(session.tz.key, site.clock), dates)} {start.tzname()}"


def session_mode(session: Session) -> str:
    """How a session meets: ``online``, ``in-person`` or ``hybrid`` ("" when the file says neither)."""
    d = session.data
    return "hybrid" if d.location and d.online else "in-person" if d.location else "online" if d.online else ""


def mode_changed(session: Session) -> bool:
    """A session of a weekly series that meets differently from the series (in person, where it is online)."""
    if not session.series_date:
        return False
    series = session.series_date.series.data
    usual = "hybrid" if series.location and series.online else "in-person" if series.location else "online"
    return bool(series.location or series.online) and session_mode(session) not in ("", usual)


def has_recording(session: Session) -> bool:
    """A session with a recording among its materials."""
    return any(m.kind == "recording" for m in session.data.materials)


def series_readings(cohort: Cohort) -> list[tuple[Any, list[Reading], list[Reading]]]:
    """(series, required, optional): the readings a weekly series of ``cohort`` gives its sessions, by series.

    The Prepare page lists them once, at the top, rather than under each of the series' sessions.
    """
    out = []
    for series in cohort.series:
        sessions = [s for s in cohort.sessions if s.series_date and s.series_date.series is series]
        if len(sessions) < 2:
            continue
        # The series' own readings (its file's), where more than one of its sessions keeps them.
        own = series.data.readings
        required = [r for r in dict.fromkeys(r for s in sessions for r in s.required) if r.id in own.required]
        optional = [r for r in dict.fromkeys(r for s in sessions for r in s.optional) if r.id in own.optional]
        required = [r for r in required if sum(r in s.required for s in sessions) > 1]
        optional = [r for r in optional if sum(r in s.optional for s in sessions) > 1]
        if required or optional:
            out.append((series, required, optional))
    return out


def short_date(session: Session, dates: Dates | None = None) -> str:
    """``Wed 2 Dec 2026`` (``mié, 2 dic 2026``), or from the first to the last day of a multi-day session."""
    return (dates or _ENGLISH_DATES).range(session.day, session.last_day, "short")


#: Sessions a "coming up" list keeps beyond what it shows: the browser hides those that end before the
#: reader's "now", so the list stays right for the days until the next build (the publish workflow
#: builds daily) without putting every session of the hub on the page.
UPCOMING_SPARE = 20


def upcoming(
    sessions: list[Session],
    limit: int,
    spare: int = UPCOMING_SPARE,
    *,
    scheduled_only: bool = False,
    days: int | None = None,
) -> list[Session]:
    """The sessions a "coming up" list of ``limit`` carries: none over before the build's day, ``spare`` more.

    ``days``: only those starting within that many days of the build's day and ``limit`` scheduled ones after them
    (``spare`` more than ``limit`` at most): on any of those days the list still has ``limit`` to show (the home
    page's "Coming up", on every first visit). ``scheduled_only``: for a list that never shows a cancelled or
    postponed session (the home page's "My program" panels)."""
    since = dt.datetime.combine(build_date(), dt.time(), dt.UTC)
    until = since + dt.timedelta(days=days) if days is not None else None
    out: list[Session] = []
    after = 0
    for s in sessions:
        if s.end < since or (scheduled_only and s.data.status != "scheduled"):
            continue
        if len(out) >= limit + spare or after >= limit:
            break
        out.append(s)
        if until is not None and s.start >= until and s.data.status == "scheduled":
            after += 1
    return out


def iso(moment: dt.datetime | dt.date) -> str:
    return moment.isoformat()


def _join_names(names: Iterable[str]) -> str:
    items = list(names)
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def citation(reading: Reading) -> str:
    """A plain reference line: authors (year). Title. Source."""
    d = reading.data
    authors = _join_names(d.authors) if d.authors else ""
    parts = [f"{authors} ({d.year})." if authors and d.year else (f"{authors}." if authors else "")]
    parts.append(reading.title.rstrip(".") + ".")  # the plain title (no rich-text tags)
    if d.source:
        parts.append(d.source.rstrip(".") + ".")
    return " ".join(p for p in parts if p)
