"""The links pages give to the calendar feeds: subscribe (the .ics, webcal, Google, Outlook) and add one session.

What templates call as ``calendar.subscribe(program, link)`` and ``calendar.add(session, link)``; the feeds
themselves are written by hubgen/site/feeds.py.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from ..hub import urls
from ..hub.graph import Hub, Session
from .eventtext import join_text, location_text, summary
from .feeds import feed_path
from .siteinfo import Site


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
