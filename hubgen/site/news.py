"""Announcements on the site: the news pages' addresses, what their templates use, and the Atom and RSS feeds.

The announcements themselves are read and checked in :mod:`hubgen.hub.news`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import urljoin

from feedgen.feed import FeedGenerator

from ..content.markup import render_markdown
from ..hub import urls
from ..hub.graph import Hub, Program, Session
from ..hub.news import Announcement
from .siteinfo import Site

FEED_FORMATS = {"atom": ("application/atom+xml", "Atom"), "rss": ("application/rss+xml", "RSS")}
_NOON = dt.time(12, 0, tzinfo=dt.UTC)  # a dated announcement's moment in feeds: the same day in every time zone
FEED_LENGTH = 50  # the latest announcements a feed carries (readers keep what they have already fetched)


def of_program(hub: Hub, program: Program) -> list[Announcement]:
    """A program's announcements, newest first."""
    return [a for a in hub.news if program in a.programs]


# -- pages -------------------------------------------------------------------------


def feed_paths(scope: Program | None) -> dict[str, str]:
    """Site paths of the Atom and RSS feeds of the hub (``None``) or of a program."""
    return urls.news_feeds(scope.id if scope else None)


def news_url(scope: Program | None) -> str:
    return urls.news(scope.id if scope else None)


def template_globals(hub: Hub, site: Site) -> dict[str, Any]:
    """What the news templates use; ``news_feeds`` is empty without ``site_url`` (no feeds are written then)."""
    named = sessions_named(hub)
    return {
        "news_of": lambda program: of_program(hub, program) if program is not None else hub.news,
        "news_url": news_url,
        "news_feeds": lambda scope: feed_paths(scope) if site.base else {},
        "news_about": lambda session: named.get(session, []),
    }


#: A link to a session page in an announcement's Markdown: its address, or its file (``….md``).
_SESSION_LINK = re.compile(r"programs/[^/\s()\[\]\"'#?]+/[^/\s()\[\]\"'#?]+/sessions/[^/\s()\[\]\"'#?]+")


def sessions_named(hub: Hub) -> dict[Session, list[Announcement]]:
    """Each session with the announcements that link to its page, found in one pass over the news (its page
    links them back); a session no announcement names has none."""
    named: dict[str, list[Announcement]] = {}
    for item in hub.news:
        for link in dict.fromkeys(m.removesuffix(".md") for m in _SESSION_LINK.findall(item.body)):
            named.setdefault(link, []).append(item)
    return {session: named.get(session.url.rstrip("/"), []) for session in hub.sessions}


# -- feeds ---------------------------------------------------------------------------


def feeds(hub: Hub, site: Site) -> list[tuple[str, bytes]]:
    """(site path, content) of every announcement feed; none without ``site_url`` (feeds need absolute links)."""
    if not hub.news or not site.base:
        return []
    out: list[tuple[str, bytes]] = []
    scopes: list[tuple[Program | None, list[Announcement]]] = [(None, hub.news)]
    scopes += [(p, items) for p in hub.programs if (items := of_program(hub, p))]
    html: dict[str, str] = {}  # each announcement's body as HTML, made once for all the feeds it is in
    for scope, items in scopes:
        for item in items[:FEED_LENGTH]:
            if item.id not in html:
                html[item.id] = _absolute_links(str(render_markdown(item.body)), site.absolute(item.url))
        for kind, path in feed_paths(scope).items():
            out.append((path, _feed(kind, scope, items[:FEED_LENGTH], site, html)))
    return out


def _feed(kind: str, scope: Program | None, items: list[Announcement], site: Site, html: dict[str, str]) -> bytes:
    fg = FeedGenerator()
    page = site.absolute(news_url(scope))
    _ = site.tr.gettext
    if scope is None:
        title = _("%(hub)s — news") % {"hub": site.name}
    else:
        title = _("%(program)s — news (%(hub)s)") % {"program": scope.title, "hub": site.name}
    fg.id(page)
    fg.title(title)
    fg.link(href=site.absolute(feed_paths(scope)[kind]), rel="self", type=FEED_FORMATS[kind][0])
    fg.link(href=page, rel="alternate")  # last: RSS takes its channel link from the last one given
    fg.description(_("Announcements of %(name)s") % {"name": scope.title if scope else site.name})
    fg.language(site.language)
    fg.generator("Hubgen")
    latest = dt.datetime.combine(max(a.day for a in items), _NOON)
    fg.updated(latest)  # never the build's clock: the feed changes only when an announcement does
    fg.lastBuildDate(latest)
    for item in items:  # newest first, as readers list them
        url = site.absolute(item.url)
        moment = dt.datetime.combine(item.day, _NOON)
        entry = fg.add_entry(order="append")
        entry.id(url)
        entry.guid(url, permalink=True)
        entry.title(item.title)
        entry.link(href=url)
        entry.published(moment)
        entry.updated(moment)
        entry.summary(item.summary or item.title)
        entry.content(html[item.id], type="html")
        if item.author is not None and item.author.listed:
            entry.author(name=item.author.name)
        for program in item.programs:
            entry.category(term=program.id, label=program.title)
    return fg.atom_str(pretty=True) if kind == "atom" else fg.rss_str(pretty=True)


_LINK_ATTR = re.compile(r'(\s(?:href|src)=")([^"]*)(")')


def _absolute_links(html: str, base: str) -> str:
    """Links relative to the announcement's page, made absolute: a feed is read away from the site."""
    return _LINK_ATTR.sub(lambda m: m.group(1) + urljoin(base, m.group(2)) + m.group(3), html)
