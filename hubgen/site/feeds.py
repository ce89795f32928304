"""Calendar feeds (RFC 5545), written with the ``icalendar`` library, and links to them.

One feed for the whole hub, one per program, per cohort, per public person who speaks
at or facilitates a session, and one per session:

============================================  ==================================
``calendar/hub.ics``                           every session of the hub
``programs/<p>/calendar.ics``                  a program's sessions
``programs/<p>/<c>/calendar.ics``              a cohort's sessions
``people/<id>/calendar.ics``                   where a public person speaks or facilitates
``programs/<p>/<c>/sessions/<s>/session.ics``  one session ("Add to calendar")
============================================  ==================================

Every event has a UID made from the session's page (``<site path><session URL>@<host>``),
so editing a title or a time replaces the event instead of duplicating it; SEQUENCE,
LAST-MODIFIED and DTSTAMP come from the git history of its source files
(:mod:`hubgen.content.history`), never from the build's clock. Each feed carries a VTIMEZONE for
every zone it uses. A cancelled session stays in the feeds as ``STATUS:CANCELLED`` so
calendars remove it; an all-day or multi-day event ends on the day after its last day
(DTEND is exclusive). A meeting link goes into a feed only where ``online.publish_link``
is true, exactly as on the pages. Each event carries the reminders the hub sets (option ``reminders``): by
default the day before, with the required readings, their minutes and the Prepare page, and ten minutes before
an online session, with how to join.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import icalendar

from ..content.cachefile import BuildCache, salt
from ..content.history import History, Revision
from ..hub import urls
from ..hub.graph import Cohort, Hub, Person, Program, Session
from ..hub.urls import HUB_FEED
from . import icalfold
from . import vtimezone as vtimezone_module
from .eventtext import description, join_alarm_text, location_text, prepare_alarm_text, summary
from .siteinfo import Site
from .vtimezone import vtimezone, zone_rules

REFRESH = "PT6H"  # how often a subscribed calendar should fetch the feed again


def session_uid(session: Session, site: Site) -> str:
    """Stable across edits of the title, the time, the speakers: only the session's place in the hub counts."""
    prefix, host = site.uid_domain
    return f"{prefix}{session.url.rstrip('/')}@{host}"


def event_uids(session: Session, site: Site) -> list[str]:
    """The UIDs of a session's events: one, or one per day of a multi-day session with hours (its first day keeps
    the session's UID, so a calendar that had the session keeps it; each further day adds its date)."""
    uid = session_uid(session, site)
    days = session.day_times
    if len(days) < 2:
        return [uid]
    path, _, host = uid.rpartition("@")
    return [uid] + [f"{path}/{start:%Y-%m-%d}@{host}" for start, _ in days[1:]]


# -- which entities have a feed, and where ---------------------------------------


def has_feed(entity: Any) -> bool:
    if entity is None or isinstance(entity, Program | Cohort | Session):
        return True
    if isinstance(entity, Person):  # never for hidden or name-only people, nor people with no session
        return entity.has_page and bool(entity.sessions)
    return False


def feed_path(entity: Any) -> str | None:
    """Where the feed of ``entity`` is written (site-relative); ``None`` is the whole hub."""
    if not has_feed(entity):
        return None
    if entity is None:
        return HUB_FEED
    if isinstance(entity, Session):
        return urls.session_feed(entity.url)
    return urls.calendar_feed(str(entity.url))


# -- calendars ---------------------------------------------------------------------


@dataclass(frozen=True)
class Feed:
    """One .ics file of the site."""

    path: str  # site-relative, e.g. "programs/p/calendar.ics"
    title: str
    sessions: tuple[Session, ...]
    content: bytes


C = TypeVar("C", bound=icalendar.cal.Component)

#: A component as the properties it is made from: (name, value, parameters), in the order they are added.
Properties = list[tuple[str, Any, dict[str, str] | None]]


class FeedCache(BuildCache):
    """Events and feed headers as iCalendar text, kept between builds (``.cache/hubgen/feeds.json``).

    icalendar takes about a millisecond to write an event or a feed's header, and a large hub has thousands
    of each. An entry's key hashes the properties the text is made from (every value, as Python writes it)
    with this module, the line folding (hubgen/site/icalfold.py) and icalendar's version, so an edit, a new
    commit (SEQUENCE) or an upgrade misses it.
    """

    FILE = "feeds.json"

    def _trusted(self, text: str) -> bool:
        return text.startswith("BEGIN:V") and text.endswith("\r\n")  # a component's lines, as to_ical() ends

    def text(self, kind: type[icalendar.cal.Component], parts: list[Properties]) -> bytes:
        """The iCalendar text of one ``kind`` of component a part (an event's days, each a VEVENT)."""
        key = hashlib.sha256(_feed_salt() + repr((kind.__name__, parts)).encode()).hexdigest()
        return self.get(key, lambda: b"".join(_component(kind, p).to_ical() for p in parts).decode()).encode()


@cache
def _feed_salt() -> bytes:
    """What a cached text depends on besides its properties: this module, how lines are folded, how a VTIMEZONE is
    worked out, icalendar's version."""
    return salt([Path(__file__), Path(icalfold.__file__), Path(vtimezone_module.__file__)], ["icalendar"])


def _alarm(minutes: int, text: str) -> Properties:
    """A display alarm ``minutes`` before the event's start (RFC 5545 3.6.6: ACTION, TRIGGER, DESCRIPTION)."""
    return [("action", "DISPLAY", None), ("trigger", dt.timedelta(minutes=-minutes), None), ("description", text, None)]


def _component(kind: type[C], properties: Properties) -> C:
    """The component of ``properties``; a ``valarm`` among them is a VALARM within it, made of its own."""
    component = kind()
    for name, value, parameters in properties:
        if name == "valarm":
            component.add_component(_component(icalendar.Alarm, value))
        elif parameters is None:
            component.add(name, value)
        else:
            component.add(name, value, parameters=parameters)
    return component


class FeedWriter:
    """Writes every feed of a hub; VTIMEZONE blocks and revisions are worked out once."""

    def __init__(self, hub: Hub, site: Site, history: History | None = None, cache: FeedCache | None = None) -> None:
        self.hub = hub
        self.site = site
        self.history = history if history is not None else History.read(hub.root)
        self.cache = cache if cache is not None else FeedCache()  # without a folder: this build's texts only
        years = [s.day.year for s in hub.sessions] or [2000]
        # Every VTIMEZONE covers every session of the hub: one block per zone, reused by every feed.
        self._span = (dt.date(min(years) - 1, 1, 1), dt.date(max(years) + 2, 1, 1))
        self._zones: dict[str, icalendar.Timezone] = {}
        self._written: dict[str | int, bytes] = {}  # zones (by ID) and events (by session) as text

    def revision(self, s: Session) -> Revision:
        return self.history.revision(s.sources)

    def event(self, s: Session, day: int = 0) -> icalendar.Event:
        """The session's VEVENT; for a multi-day session with hours, that of its ``day``-th day (from 0)."""
        return _component(icalendar.Event, self._event_properties(s, day))

    def _event_properties(self, s: Session, day: int) -> Properties:
        rev = self.revision(s)
        days = s.day_times
        # A multi-day session with hours is one event per day (each with that day's hours), not one long block.
        title = summary(s, self.site.tr)
        e: Properties = [
            ("uid", event_uids(s, self.site)[day], None),
            ("dtstamp", rev.modified, None),
            ("last-modified", rev.modified, None),
        ]
        if rev.created:
            e.append(("created", rev.created, None))
        e.append(("sequence", rev.sequence, None))
        of_days = self.site.tr.gettext("%(title)s (day %(day)d of %(days)d)")
        e.append(
            ("summary", of_days % {"title": title, "day": day + 1, "days": len(days)} if len(days) > 1 else title, None)
        )
        if s.all_day:
            e.append(("dtstart", s.day, None))
            e.append(("dtend", s.last_day + dt.timedelta(days=1), None))  # exclusive
        else:
            e.append(("dtstart", days[day][0], None))
            e.append(("dtend", days[day][1], None))
        status = {"cancelled": "CANCELLED", "postponed": "TENTATIVE"}.get(s.data.status, "CONFIRMED")
        e.append(("status", status, None))
        if s.data.status == "cancelled":
            e.append(("transp", "TRANSPARENT", None))
        where = location_text(s, self.site.tr)
        if where:
            e.append(("location", where, None))
        e.append(("description", description(s, self.hub, self.site), None))
        e.append(("categories", [s.type_title, s.program.title], None))
        page = self.site.absolute(s.url)
        if page:
            e.append(("url", page, None))
        return e + self._alarms(s, day)

    def _alarms(self, s: Session, day: int) -> Properties:
        """The event's reminders (the plugin's option ``reminders``), each a VALARM that rings before its start:
        the day before, what to read (only where something is required, on the first day); a few minutes before,
        how to join (an online session with hours). None for a cancelled or postponed session.

        They are in the event's properties, so the feed cache's key (FeedCache) holds them and a change of the
        option misses every event written before.
        """
        site = self.site
        out: Properties = []
        if s.data.status != "scheduled":
            return []
        if site.prepare_alarm and s.required and day == 0:
            out.append(("valarm", _alarm(site.prepare_alarm, prepare_alarm_text(s, site, site.prepare_alarm)), None))
        if site.join_alarm and s.data.online and not s.all_day:
            out.append(("valarm", _alarm(site.join_alarm, join_alarm_text(s, site.join_alarm, site.tr)), None))
        return out

    def zone(self, tzid: str) -> icalendar.Timezone:
        if tzid not in self._zones:
            self._zones[tzid] = vtimezone(tzid, self._span[0].year, self._span[1].year)
        return self._zones[tzid]

    def calendar(self, path: str, title: str, about: str, sessions: list[Session], zones: list[str]) -> Feed:
        cal: Properties = [
            ("prodid", "-//Hubgen//Hubgen calendar feed//EN", None),
            ("version", "2.0", None),
            ("calscale", "GREGORIAN", None),
            ("method", "PUBLISH", None),
            ("name", title, None),
            ("x-wr-calname", title, None),
        ]
        if about:
            cal += [("description", about, None), ("x-wr-caldesc", about, None)]
        if len(set(zones)) == 1:
            cal.append(("x-wr-timezone", zones[0], None))
        cal.append(("refresh-interval", dt.timedelta(hours=6), {"VALUE": "DURATION"}))
        cal.append(("x-published-ttl", REFRESH, None))
        source = self.site.absolute(path)
        if source:
            cal.append(("source", source, {"VALUE": "URI"}))
        used = sorted({s.tz.key for s in sessions if not s.all_day} | set(zones))
        # The time zones and events are written once each and put in as text: icalendar writes a calendar as
        # its own lines, then each component's lines in turn, so this is what to_ical() gives once the
        # zones and then the events are added to the calendar.
        head, end = self.cache.text(icalendar.Calendar, [cal]), b"END:VCALENDAR\r\n"
        if not head.endswith(end):
            raise ValueError(f"unexpected end of an iCalendar text: {head[-40:]!r}")
        parts = [self._zone_text(tzid) for tzid in used] + [self._event_text(s) for s in sessions]
        return Feed(path, title, tuple(sessions), head[: -len(end)] + b"".join(parts) + end)

    def _zone_text(self, tzid: str) -> bytes:
        """A VTIMEZONE as iCalendar text, written once: it is in every feed with a session in that zone. Working
        out a zone's changes takes a tenth of a second; the text is kept between builds, by the zone's rules."""
        if tzid not in self._written:
            rules = zone_rules(tzid)
            if rules is None:  # the zone's file is not found to key the text on: made each build
                self._written[tzid] = self.zone(tzid).to_ical()
            else:
                first, last = self._span[0].year, self._span[1].year
                key = hashlib.sha256(_feed_salt() + rules + f"{tzid} {first} {last}".encode()).hexdigest()
                self._written[tzid] = self.cache.get(key, lambda: self.zone(tzid).to_ical().decode()).encode()
        return self._written[tzid]

    def _event_text(self, s: Session) -> bytes:
        """A session's VEVENT as iCalendar text, written once: it is in four or five feeds."""
        if id(s) not in self._written:
            days = range(len(s.day_times) if len(s.day_times) > 1 else 1)
            self._written[id(s)] = self.cache.text(icalendar.Event, [self._event_properties(s, d) for d in days])
        return self._written[id(s)]

    def feeds(self) -> Iterator[Feed]:
        """Each feed in turn: a large hub's feeds are written out one by one, never all held at once."""
        hub, name, tr = self.hub, self.site.name, self.site.tr
        if hub.sessions or hub.programs:
            zones = sorted({p.tz.key for p in hub.programs})
            every = tr.gettext("Every session of %(hub)s.") % {"hub": name}
            yield self.calendar(HUB_FEED, name, every, hub.sessions, zones)
        for p in hub.programs:
            yield self.calendar(f"{p.url}calendar.ics", f"{p.title} — {name}", p.data.summary, p.sessions, [p.tz.key])
            for c in p.cohorts:
                yield self.calendar(
                    f"{c.url}calendar.ics",
                    f"{p.title}, {c.title}",
                    tr.gettext("Sessions of %(program)s, %(cohort)s.") % {"program": p.title, "cohort": c.title},
                    sorted(c.sessions, key=Session.sort_key),
                    [p.tz.key],
                )
        for person in sorted(hub.people.values(), key=lambda x: x.id):
            if has_feed(person):
                yield self.calendar(
                    f"{person.url}calendar.ics",
                    f"{person.name} — {name}",
                    tr.gettext("Sessions with %(person)s at %(hub)s.") % {"person": person.name, "hub": name},
                    person.sessions,
                    [],
                )
        for s in hub.sessions:
            yield self.calendar(urls.session_feed(s.url), s.title, "", [s], [])
        self.cache.save()


def write_feeds(hub: Hub, site: Site, history: History | None = None) -> list[Feed]:
    """Every feed of the hub, as files to add to the site."""
    return list(FeedWriter(hub, site, history).feeds())
