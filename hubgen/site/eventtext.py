"""The words of a session's calendar event: its summary, description, place, how to join, its reminders' text.

The feeds (hubgen/site/feeds.py) write them into events and the "Add to calendar" links
(hubgen/site/calendarlinks.py) into their query; pages say durations as :func:`minutes_text` does.
"""

from __future__ import annotations

import gettext

from ..hub import urls
from ..hub.graph import Hub, Reading, Session
from .siteinfo import Site

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
