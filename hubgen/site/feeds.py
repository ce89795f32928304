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

import calendar
import datetime as dt
import gettext
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote, urlencode, urlsplit
from zoneinfo import ZoneInfo

import icalendar

try:  # icalendar 7's line folding (see _fold_short_lines_at_once); another version stops the build there
    from icalendar.parser import content_line as _content_line
except ImportError:
    _content_line = None  # type: ignore[assignment]

from ..content import patches
from ..content.cachefile import BuildCache, salt
from ..content.history import History, Revision
from ..hub import urls
from ..hub.graph import Cohort, Hub, Person, Program, Reading, Session
from ..hub.urls import HUB_FEED
from .i18n import Dates, translations


def _fold_short_lines_at_once() -> None:
    """icalendar folds every content line character by character, though most are shorter than a fold.

    That loop took a third of the time of writing a hub's feeds. Here a line short enough to need no fold
    is given back as it is, and a longer one is cut into its pieces at once: each piece the longest run
    of characters of at most ``limit - 1`` bytes in UTF-8 (at least one character), and a piece that
    would end in a ``\\`` or ``^`` after another character leaves it to start the next (an escape is not
    split from what it escapes, icalendar #1501) — exactly what the loop gives.
    """
    content_line = _content_line  # icalendar 7's (hubgen/constraints.txt); another stops the build (content/patches.py)
    patches.require("icalendar", content_line, {"_foldline": ("line", "limit", "fold_sep")}, "faster line folding")
    fold = content_line._foldline
    if getattr(fold, "__wrapped__", None) is not None:
        return  # applied already

    def foldline(line: str, limit: int = 75, fold_sep: str = "\r\n ") -> str:
        if len(line) < limit and "\n" not in line and len(line.encode("utf-8")) < limit:
            return line
        if limit < 2 or "\n" in line:
            return fold(line, limit, fold_sep)  # type: ignore[no-any-return]
        pieces, start, size, least = [], 0, limit - 1, 1
        while start < len(line):
            piece = line[start : start + max(size, least)]
            over = len(piece.encode("utf-8")) - size
            while over > 0 and len(piece) > least:  # characters of more than one byte: fewer fit
                over -= len(piece[-1].encode("utf-8"))
                piece = piece[:-1]
            # A carried escape starts the next piece with the character that did not fit, whatever its size.
            least = 1
            if len(piece) > 1 and piece[-1] in "\\^" and start + len(piece) < len(line):
                piece, least = piece[:-1], 2
            pieces.append(piece)
            start += len(piece)
        return fold_sep.join(pieces)

    foldline.__wrapped__ = fold  # type: ignore[attr-defined]  # the test compares with and without
    content_line._foldline = foldline


_fold_short_lines_at_once()

REFRESH = "PT6H"  # how often a subscribed calendar should fetch the feed again


@dataclass(frozen=True)
class Site:
    """What the feeds need to know about the published site (plain data from the engine's config)."""

    url: str = ""  # absolute base URL ending in "/", e.g. "https://example.org/hub/"; "" when unknown
    name: str = "Hub"
    # The plugin's options of the session day (hubgen/content/settings.py): minutes before the start from which
    # pages say "starting in N min"; the feeds' alarms, minutes before the start (None: that alarm is off).
    starting_soon: int = 15
    clock: str = "auto"  # "12h", "24h", or (auto) as is the custom where each program's time zone is
    language: str = "en"  # the hub's language (theme.language in mkdocs.yml): hubgen/site/i18n.py
    prepare_alarm: int | None = 1440
    join_alarm: int | None = 10

    @cached_property
    def tr(self) -> gettext.NullTranslations:
        """Hubgen's words in the hub's language (hubgen/site/i18n.py)."""
        return translations(self.language)

    @cached_property
    def dates(self) -> Dates:
        """Dates and times as readers of the hub's language write them."""
        return Dates(self.language)

    @cached_property
    def base(self) -> str:
        url = self.url.strip()
        if not re.match(r"^https?://[^/\s]+", url, re.IGNORECASE):
            return ""
        return url if url.endswith("/") else url + "/"

    def absolute(self, path: str) -> str:
        """The absolute URL of a site-relative path, or "" without a site_url."""
        return self.base + path if self.base else ""

    @cached_property
    def uid_domain(self) -> tuple[str, str]:
        """(path prefix, host) for UIDs: ``("hub/", "example.org")``."""
        if self.base:
            parts = urlsplit(self.base)
            return parts.path.lstrip("/"), (parts.hostname or "hubgen.invalid")
        return "", re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-") + ".hubgen.invalid"


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


# -- the text of an event ---------------------------------------------------------


#: Hubgen's words as they are written (English): what a function given no translations says.
ENGLISH = gettext.NullTranslations()


def minutes_text(total: int, tr: gettext.NullTranslations = ENGLISH) -> str:
    """``45 min``, ``1 h``, ``1 h 30 min``: a duration as pages and calendar events give it."""
    hours, mins = divmod(total, 60)
    if not hours:
        return tr.gettext("%(minutes)d min") % {"minutes": mins}
    if mins:
        return tr.gettext("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": mins}
    return tr.gettext("%(hours)d h") % {"hours": hours}


def _reading_line(r: Reading, site: Site) -> str:
    d = r.data
    who = f" — {'; '.join(d.authors)}" if d.authors else ""
    year = f" ({d.year})" if d.year else ""
    mins = f", {minutes_text(d.minutes, site.tr)}" if d.minutes else ""
    link = d.url or (f"https://doi.org/{d.doi}" if d.doi else "") or site.absolute(r.url)
    return f"- {r.title}{who}{year}{mins}" + (f"\n  {link}" if link else "")


def location_text(s: Session, tr: gettext.NullTranslations = ENGLISH) -> str:
    d = s.data
    if d.location:
        return ", ".join(x for x in (d.location.name, d.location.address) if x)
    if d.online:
        online = tr.gettext("Online")
        where = f"{online} ({d.online.platform})" if d.online.platform else online
        return f"{where}: {s.join_url}" if s.join_url else where
    return ""


def join_text(s: Session, tr: gettext.NullTranslations = ENGLISH) -> str:
    """How to join an online session, with the link only where it may be published."""
    online = s.data.online
    if not online:
        return ""
    platform = f"{online.platform}: " if online.platform else ""
    how = platform + (s.join_url or tr.gettext("the link is sent to registered participants."))
    return tr.gettext("How to join: %(how)s") % {"how": how}


def _read_before(s: Session, tr: gettext.NullTranslations) -> str:
    """``Read before the session (about 1 h):``"""
    if s.required_minutes:
        return tr.gettext("Read before the session (about %(time)s):") % {"time": minutes_text(s.required_minutes, tr)}
    return tr.gettext("Read before the session:")


def description(s: Session, hub: Hub, site: Site) -> str:
    d, tr = s.data, site.tr
    lines = [f"{s.type_title} · {s.program.title} · {s.cohort.title}"]
    if d.status == "cancelled":
        lines.insert(0, tr.gettext("CANCELLED: this session will not take place."))
    elif d.status == "postponed":
        lines.insert(0, tr.gettext("POSTPONED: a new date will be announced."))
    speakers, facilitators = hub.visible(s.speakers), hub.visible(s.facilitators)
    if speakers:
        lines.append(tr.gettext("Speakers: %(names)s") % {"names": ", ".join(p.name for p in speakers)})
    if facilitators:
        lines.append(tr.gettext("Facilitated by: %(names)s") % {"names": ", ".join(p.name for p in facilitators)})
    if d.location:
        lines.append(tr.gettext("Where: %(place)s") % {"place": location_text(s, tr)})
    if d.online:
        lines.append(join_text(s, tr))
    if s.required:
        lines += ["", _read_before(s, tr)] + [_reading_line(r, site) for r in s.required]
    if s.optional:
        lines += ["", tr.gettext("Optional reading:")] + [_reading_line(r, site) for r in s.optional]
    page = site.absolute(s.url)
    if page:
        lines += ["", tr.gettext("Session page: %(url)s") % {"url": page}]
    return "\n".join(lines).strip()


def _before(minutes: int, tr: gettext.NullTranslations = ENGLISH) -> str:
    """``1 day``, ``2 hours``, ``10 minutes``: how long before the start an alarm rings, in words."""
    if minutes % 1440 == 0:
        n = minutes // 1440
        return tr.ngettext("%(num)d day", "%(num)d days", n) % {"num": n}
    if minutes % 60 == 0:
        n = minutes // 60
        return tr.ngettext("%(num)d hour", "%(num)d hours", n) % {"num": n}
    return tr.ngettext("%(num)d minute", "%(num)d minutes", minutes) % {"num": minutes}


def _starts_in(s: Session, minutes: int, tr: gettext.NullTranslations) -> str:
    return tr.gettext("%(session)s starts in %(time)s.") % {"session": summary(s, tr), "time": _before(minutes, tr)}


def prepare_alarm_text(s: Session, site: Site, minutes: int) -> str:
    """The reminder to prepare: the session, its required readings with their minutes, the Prepare page."""
    tr = site.tr
    lines = [_starts_in(s, minutes, tr), "", _read_before(s, tr)]
    lines += [_reading_line(r, site) for r in s.required]
    prepare = site.absolute(urls.prepare(s.cohort.url))
    if prepare:
        lines += ["", tr.gettext("Prepare: %(url)s") % {"url": prepare}]
    return "\n".join(lines)


def join_alarm_text(s: Session, minutes: int, tr: gettext.NullTranslations = ENGLISH) -> str:
    """The reminder to join: the session and how to join it (its link only where it may be published)."""
    return f"{_starts_in(s, minutes, tr)}\n{join_text(s, tr)}"


def summary(s: Session, tr: gettext.NullTranslations = ENGLISH) -> str:
    if s.data.status == "cancelled":
        return tr.gettext("Cancelled: %(title)s") % {"title": s.title}
    if s.data.status == "postponed":
        return tr.gettext("Postponed: %(title)s") % {"title": s.title}
    return s.title


# -- time zones ------------------------------------------------------------------------


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
    with this module and icalendar's version, so an edit, a new commit (SEQUENCE) or an upgrade misses it.
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
    """What a cached text depends on besides its properties: this module and icalendar's version."""
    return salt([Path(__file__)], ["icalendar"])


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
        """A VTIMEZONE as iCalendar text, written once: it is in every feed with a session in that zone."""
        if tzid not in self._written:
            self._written[tzid] = self.zone(tzid).to_ical()
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


# -- links for the pages -------------------------------------------------------------


@dataclass(frozen=True)
class Subscribe:
    """The links to subscribe to one feed, for one page."""

    href: str  # relative link to the .ics from the page
    https: str  # absolute URL, "" without site_url
    webcal: str
    google: str
    outlook: str
    title: str


@dataclass(frozen=True)
class AddToCalendar:
    ics: str
    google: str
    outlook: str
    office: str


class CalendarLinks:
    """What templates call: ``calendar.subscribe(program, link)``, ``calendar.add(session, link)``."""

    def __init__(self, hub: Hub, site: Site) -> None:
        self.hub = hub
        self.site = site

    def path(self, entity: Any = None) -> str | None:
        return feed_path(entity)

    def types(self) -> list[tuple[str, str]]:
        """(type id, title) of every session type in use, for the calendar page's filter."""
        titles: dict[str, list[str]] = {}
        for s in self.hub.sessions:
            names = titles.setdefault(s.data.type, [])
            if s.type_title not in names:
                names.append(s.type_title)
        return sorted(((k, " / ".join(v)) for k, v in titles.items()), key=lambda kv: kv[1].lower())

    def subscribe(self, entity: Any, link: Any, title: str = "") -> Subscribe | None:
        path = feed_path(entity)
        if path is None:
            return None
        https = self.site.absolute(path)
        webcal = re.sub(r"^https?://", "webcal://", https) if https else ""
        name = title or (self.site.name if entity is None else str(getattr(entity, "title", None) or entity.name))
        google = "https://calendar.google.com/calendar/r?" + urlencode({"cid": webcal}) if webcal else ""
        outlook = (
            "https://outlook.live.com/calendar/0/addfromweb?" + urlencode({"url": https, "name": name}) if https else ""
        )
        return Subscribe(link(path), https, webcal, google, outlook, name)

    def add(self, s: Session, link: Any) -> AddToCalendar:
        tr = self.site.tr
        text = {"title": summary(s, tr), "where": location_text(s, tr)}
        page = self.site.absolute(s.url)
        details = "\n".join(x for x in (f"{s.type_title} · {s.program.title}", join_text(s, tr), page) if x)
        if s.all_day:
            end = s.last_day + dt.timedelta(days=1)
            g_dates = f"{s.day:%Y%m%d}/{end:%Y%m%d}"
            o_start, o_end, all_day = s.day.isoformat(), end.isoformat(), "true"
        else:
            a, b = s.start.astimezone(dt.UTC), s.end.astimezone(dt.UTC)
            g_dates = f"{a:%Y%m%dT%H%M%SZ}/{b:%Y%m%dT%H%M%SZ}"
            o_start, o_end, all_day = f"{a:%Y-%m-%dT%H:%M:%SZ}", f"{b:%Y-%m-%dT%H:%M:%SZ}", "false"
        google = "https://calendar.google.com/calendar/render?" + urlencode(
            {
                "action": "TEMPLATE",
                "text": text["title"],
                "dates": g_dates,
                "details": details,
                "location": text["where"],
            },
            quote_via=quote,
        )
        outlook_query = urlencode(
            {
                "path": "/calendar/action/compose",
                "rru": "addevent",
                "subject": text["title"],
                "startdt": o_start,
                "enddt": o_end,
                "allday": all_day,
                "body": details,
                "location": text["where"],
            },
            quote_via=quote,
        )
        return AddToCalendar(
            ics=link(urls.session_feed(s.url)),
            google=google,
            outlook="https://outlook.live.com/calendar/0/deeplink/compose?" + outlook_query,
            office="https://outlook.office.com/calendar/0/deeplink/compose?" + outlook_query,
        )
