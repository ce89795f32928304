"""A VTIMEZONE for a time zone (RFC 5545 3.6.5), built from the zone database for the years a hub's feeds cover."""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import importlib.resources
import zoneinfo
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar


@dataclass(frozen=True)
class _Transition:
    local: dt.datetime  # naive: the wall-clock time just before the change (RFC 5545's DTSTART of an onset)
    before: dt.timedelta
    after: dt.timedelta
    name: str
    dst: bool


def _transitions(zone: ZoneInfo, first_year: int, last_year: int) -> list[_Transition]:
    """Every change of UTC offset from ``first_year`` to ``last_year``: day by day, then the hour (from UTC)."""
    out: list[_Transition] = []
    day, hour = dt.timedelta(days=1), dt.timedelta(hours=1)
    moment = dt.datetime(first_year, 1, 1, tzinfo=dt.UTC)
    end = dt.datetime(last_year + 1, 1, 1, tzinfo=dt.UTC)
    while moment < end:
        if (moment + day).astimezone(zone).utcoffset() != moment.astimezone(zone).utcoffset():
            previous = moment.astimezone(zone)
            for h in range(1, 25):
                current = (moment + h * hour).astimezone(zone)
                if current.utcoffset() != previous.utcoffset():
                    before = previous.utcoffset() or dt.timedelta(0)
                    after = current.utcoffset() or dt.timedelta(0)
                    local = (moment + h * hour + before).replace(tzinfo=None)
                    out.append(_Transition(local, before, after, str(current.tzname()), bool(current.dst())))
                    break
        moment += day
    return out


def _yearly_rule(changes: list[_Transition]) -> dict[str, Any] | None:
    """``{freq: yearly, bymonth: 3, byday: 2SU}`` when every change follows one rule (US zones since 2007)."""
    first = changes[0]
    weekday = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[first.local.weekday()]
    nth = (first.local.day - 1) // 7 + 1
    last = first.local.day + 7 > calendar.monthrange(first.local.year, first.local.month)[1]
    for by in ([f"{nth}{weekday}"], [f"-1{weekday}"] if last else []):
        if not by:
            continue
        if all(
            c.local.month == first.local.month
            and c.local.time() == first.local.time()
            and c.local.weekday() == first.local.weekday()
            and c.before == first.before
            and c.after == first.after
            and c.name == first.name
            and _matches(c.local, by[0])
            for c in changes
        ):
            return {"freq": "yearly", "bymonth": first.local.month, "byday": by[0]}
    return None


def _matches(day: dt.datetime, byday: str) -> bool:
    n = int(byday[:-2])
    if n > 0:
        return (day.day - 1) // 7 + 1 == n
    return day.day + 7 > calendar.monthrange(day.year, day.month)[1]


def vtimezone(tzid: str, first_year: int, last_year: int) -> icalendar.Timezone:
    """A VTIMEZONE for ``tzid`` valid from ``first_year`` to ``last_year``, built from the zone database.

    Where the changes follow one yearly rule (as in every US zone since 2007) they are written as an RRULE,
    the form calendar apps themselves publish and every client reads; otherwise one block per change.
    (icalendar's own generator lists the changes as RDATE values, which dateutil — and so vobject — reads
    an hour off in some years: the second client of the tests caught it.)
    """
    zone = ZoneInfo(tzid)
    tz = icalendar.Timezone()
    tz.add("tzid", tzid)
    changes = _transitions(zone, first_year, last_year)
    if not changes:
        start = dt.datetime(first_year, 1, 1, tzinfo=zone)
        std = icalendar.TimezoneStandard()
        std.add("dtstart", dt.datetime(first_year, 1, 1))
        std.add("tzoffsetfrom", start.utcoffset())
        std.add("tzoffsetto", start.utcoffset())
        std.add("tzname", str(start.tzname()))
        tz.add_component(std)
        return tz
    for dst in (True, False):
        group = [c for c in changes if c.dst == dst]
        if not group:
            continue
        rule = _yearly_rule(group)
        for c in group[:1] if rule else group:
            part = icalendar.TimezoneDaylight() if dst else icalendar.TimezoneStandard()
            part.add("dtstart", c.local)
            if rule:
                part.add("rrule", rule)
            part.add("tzoffsetfrom", c.before)
            part.add("tzoffsetto", c.after)
            part.add("tzname", c.name)
            tz.add_component(part)
    return tz


@cache
def zone_rules(tzid: str) -> bytes | None:
    """A digest of the zone's rules as :class:`~zoneinfo.ZoneInfo` reads them (its TZif file, the system's or the
    tzdata package's), or None where it is not found."""
    for folder in zoneinfo.TZPATH:
        path = Path(folder) / tzid
        if path.is_file():
            return hashlib.sha256(path.read_bytes()).digest()
    try:
        data = importlib.resources.files("tzdata.zoneinfo").joinpath(tzid).read_bytes()
    except (ImportError, OSError, ValueError):
        return None
    return hashlib.sha256(data).digest()
