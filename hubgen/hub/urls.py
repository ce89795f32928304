"""Every address of the site, in one place: pages, calendar feeds, citation files and news feeds.

Addresses are site-relative, with a trailing slash for a page (``programs/p/c/``) and none for a file
(``programs/p/c/calendar.ics``). The graph gives each entity its page from here (:mod:`.graph`); the
site's pages, navigation, feeds and exports ask here too, so an address changes in one place.

================================================  =============================================
``programs/<p>/``, ``programs/<p>/<c>/``          a program, a cohort (``prepare/`` below it)
``programs/<p>/<c>/sessions/<s>/``                a session (``session.ics`` beside it)
``library/<r>/``, ``showcase/<j>/``               a reading, a project
``people/<id>/``, ``topics/<t>/``                 a person, a topic
``<page>calendar.ics``, ``calendar/hub.ics``      calendar feeds: of a page's sessions, of the hub
``<page>citations.bib`` (``.ris``, ``.json``)     "Download citations" of the library, a cohort, a topic
``news/``, ``news/<p>/``, ``news/<d>-<slug>/``    announcements (``atom.xml``, ``rss.xml`` beside)
================================================  =============================================
"""

from __future__ import annotations

#: The sections hubgen generates an index page for, with their titles (the navigation's order).
SECTIONS = {
    "programs/": "Programs",
    "calendar/": "Calendar",
    "library/": "Library",
    "showcase/": "Showcase",
    "people/": "People",
    "topics/": "Topics",
}
PROGRAMS, CALENDAR, LIBRARY, SHOWCASE, PEOPLE, TOPICS = SECTIONS
NEWS_DIR = "news"  # under the content folder; the pages are published under the same name
HUB_FEED = "calendar/hub.ics"
SESSION_FEED = "session.ics"
CALENDAR_FEED = "calendar.ics"
NEWS_FEEDS = {"atom": "atom.xml", "rss": "rss.xml"}


def page(*parts: str) -> str:
    """The page at ``parts``: ``page("people", "ana")`` is ``people/ana/``."""
    return "/".join(parts) + "/"


def topic(tid: str) -> str:
    return page("topics", tid)


def person(pid: str) -> str:
    return page("people", pid)


def reading(rid: str) -> str:
    return page("library", rid)


def program(pid: str) -> str:
    return page("programs", pid)


def cohort(pid: str, cid: str) -> str:
    return page("programs", pid, cid)


def session(pid: str, cid: str, sid: str) -> str:
    return page("programs", pid, cid, "sessions", sid)


def project(jid: str) -> str:
    return page("showcase", jid)


def prepare(cohort_url: str) -> str:
    """A cohort's preparation plan."""
    return cohort_url + "prepare/"


def announcement(ident: str) -> str:
    return page(NEWS_DIR, ident)


def news(scope: str | None) -> str:
    """The news page of the hub (``None``) or of the program ``scope``."""
    return f"{NEWS_DIR}/" if scope is None else f"{NEWS_DIR}/{scope}/"


def news_feeds(scope: str | None) -> dict[str, str]:
    """The Atom and RSS feeds of the hub (``None``) or of the program ``scope``, by kind."""
    return {kind: news(scope) + name for kind, name in NEWS_FEEDS.items()}


def session_feed(session_url: str) -> str:
    """A single session's calendar, beside its page."""
    return session_url + SESSION_FEED


def calendar_feed(page_url: str) -> str:
    """The calendar of the sessions of a program's, cohort's or person's page."""
    return page_url + CALENDAR_FEED


def citations(page_url: str, suffix: str) -> str:
    """A page's "Download citations" file (``bib``, ``ris`` or ``json``): the library's, a cohort's, a topic's."""
    return f"{page_url}citations.{suffix}"


def source(page_url: str) -> str:
    """The generated Markdown document of a page, as the site engine reads it."""
    return page_url + "index.md"
