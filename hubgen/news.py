"""Announcements: dated Markdown news from the staff, with Atom and RSS feeds hub-wide and per program.

An announcement is a file ``content/news/<YYYY-MM-DD>-<slug>.md`` — front matter and a
Markdown body, like a session. ``programs:`` names the programs it is for (none: the
whole hub). Hubgen checks it with the rest of the content (file:line messages), makes

==============================  ===========================================
``news/``                       every announcement, newest first
``news/<program>/``             one program's announcements
``news/<YYYY-MM-DD>-<slug>/``   the announcement itself ("Edit this page" opens its file)
``news/atom.xml``, ``rss.xml``  the hub's feed (every announcement)
``news/<program>/atom.xml``...  a program's feed
==============================  ===========================================

and lists the latest on the home page (``<!-- hubgen:news limit=3 -->``) and on each
program's page. The feeds are written with ``feedgen``; an entry's ID is its page's
address, its date the date of the file name (never the build's clock), so a rebuild
changes nothing a feed reader sees.

Why not Material's blog plugin: it makes good pages, but it has no feeds (they need the
separate mkdocs-rss-plugin, one hand-kept plugin entry per feed, dated from git), no way to
show the latest posts on other pages, and it ignores a misspelt field; hubgen must read the
announcements itself for the feeds, the home and program pages and ``hubgen check``
anyway, so it makes their pages too, from the same reading.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from feedgen.feed import FeedGenerator
from pydantic import Field

from . import models
from .hub import Entity, Hub, HubOptions, Person, Program, Session, first_paragraph, unpublished_reason
from .loader import YAML_SUFFIXES, Reader
from .markup import render_markdown
from .problems import Problems, did_you_mean
from .validation import validate

if TYPE_CHECKING:
    from .feeds import Site
    from .render import Page, Renderer

NEWS_DIR = "news"  # under the content folder; the pages are published under the same name
NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$")
FEED_FORMATS = {"atom": ("atom.xml", "application/atom+xml", "Atom"), "rss": ("rss.xml", "application/rss+xml", "RSS")}
_NOON = dt.time(12, 0, tzinfo=dt.UTC)  # a dated announcement's moment in feeds: the same day in every time zone
FEED_LENGTH = 50  # the latest announcements a feed carries (readers keep what they have already fetched)


class AnnouncementData(models.Publishable):
    """Front matter of ``content/news/<YYYY-MM-DD>-<slug>.md``."""

    title: models.Text
    date: models.Date | None = Field(None, description="Defaults to the date in the file name")
    programs: models.IdList = Field([], description="Program IDs it is for; none: the whole hub")
    author: models.Id | None = Field(None, description="Person ID of who posts it")
    summary: models.Text = Field(
        "", description="One or two sentences for lists and feeds; default: the first paragraph"
    )


@dataclass(eq=False)
class Announcement(Entity):
    data: AnnouncementData
    day: dt.date
    body: str
    programs: list[Program] = field(default_factory=list)
    author: Person | None = None

    @property
    def title(self) -> str:
        return self.data.title

    @property
    def summary(self) -> str:
        return self.data.summary or first_paragraph(self.body)

    def sort_key(self) -> tuple[int, str]:
        return (-self.day.toordinal(), self.id)


def load_news(hub: Hub, problems: Problems, options: HubOptions) -> list[Announcement]:
    """Read and check ``content/news/``: the published announcements, newest first."""
    folder = hub.root / hub.content_dir / NEWS_DIR
    if not folder.is_dir():
        return []
    reader = Reader(hub.root, problems)
    programs = {p.id: p for p in hub.programs}
    people_dir = hub.root / hub.content_dir / "people"
    found: list[Announcement] = []
    for path in sorted(folder.iterdir()):
        if path.is_dir():
            continue
        if path.suffix != ".md":
            if path.suffix in (*YAML_SUFFIXES, ".txt", ".markdown"):
                problems.add(
                    reader.rel(path),
                    1,
                    1,
                    f"not read: an announcement is a Markdown file — rename it to {path.stem}.md",
                    severity="warning",
                )
            continue  # pictures and files beside the announcements are published as they are
        hub.data_files.append(path)  # hubgen makes the page: the file itself is never published as it is
        ident = path.stem
        if ident in ("index", "README"):
            problems.add(
                reader.rel(path),
                1,
                1,
                f"hubgen makes the page /{NEWS_DIR}/ from the announcements — "
                "remove this file, or rename it to a dated announcement "
                "(YYYY-MM-DD-title.md)",
            )
            continue
        name = NAME.match(ident)
        day = _date(name.group(1)) if name else None
        if day is None:
            problems.add(
                reader.rel(path),
                1,
                1,
                "an announcement's file is named by its date and a short title, e.g. "
                f"{dt.date(2026, 9, 1)}-{models.slugify(ident.lstrip('0123456789-')) or 'welcome'}.md",
            )
            continue
        parsed = reader.markdown(path)
        if parsed is None:
            continue
        doc, body, _ = parsed
        data = validate(AnnouncementData, doc, problems, "the front matter of this announcement")
        if data is None:
            continue
        rel = reader.rel(path)
        if data.date and data.date != day:
            line, col = doc.position(("date",))
            problems.add(
                rel,
                line,
                col,
                f"the date {data.date} does not match the file name's date {day} — "
                f"rename the file to {data.date}-{name.group(2) if name else ident}.md "
                "or fix the date",
                "date",
            )
        item = Announcement(ident, rel, f"{NEWS_DIR}/{ident}/", data, day, body)
        for i, pid in enumerate(data.programs):
            if pid in programs:
                item.programs.append(programs[pid])
                continue
            line, col = doc.position(("programs", i))
            hint = did_you_mean(pid, programs) or f" — use one of: {', '.join(programs) or '(no programs yet)'}"
            problems.add(rel, line, col, f"unknown program '{pid}'{hint}", f"programs[{i}]")
        if data.author:
            item.author = hub.people.get(data.author)
            if item.author is None and not any((people_dir / f"{data.author}{s}").is_file() for s in YAML_SUFFIXES):
                line, col = doc.position(("author",))
                hint = did_you_mean(data.author, hub.people) or " — add them to content/people/ or fix the ID"
                problems.add(rel, line, col, f"unknown person '{data.author}'{hint}", "author")
        item.unpublished = unpublished_reason(data, options.today)
        if item.unpublished and not options.include_drafts:
            continue
        found.append(item)
    clash = hub.root / hub.content_dir / f"{NEWS_DIR}.md"
    if clash.is_file():
        problems.add(
            reader.rel(clash),
            1,
            1,
            f"this page has the same address (/{NEWS_DIR}/) as hubgen's news page — rename or move it",
        )
    for pid in programs:
        if NAME.match(pid):
            problems.add(
                programs[pid].file,
                1,
                1,
                f"the program ID '{pid}' looks like an announcement's: its news "
                f"page /{NEWS_DIR}/{pid}/ would clash — rename the folder",
            )
    return sorted(found, key=Announcement.sort_key)


def _date(text: str) -> dt.date | None:
    try:
        return models.parse_date(text)
    except ValueError:
        return None


def of_program(hub: Hub, program: Program) -> list[Announcement]:
    """A program's announcements, newest first."""
    return [a for a in hub.news if program in a.programs]


# -- pages -------------------------------------------------------------------------


def feed_paths(scope: Program | None) -> dict[str, str]:
    """Site paths of the Atom and RSS feeds of the hub (``None``) or of a program."""
    folder = f"{NEWS_DIR}/" if scope is None else f"{NEWS_DIR}/{scope.id}/"
    return {kind: folder + name for kind, (name, _, _) in FEED_FORMATS.items()}


def news_url(scope: Program | None) -> str:
    return f"{NEWS_DIR}/" if scope is None else f"{NEWS_DIR}/{scope.id}/"


def pages(renderer: Renderer) -> list[Page]:
    """The news pages: all announcements, each program's, and one per announcement."""
    hub = renderer.hub
    if not hub.news:
        return []
    source = f"{hub.content_dir}/{NEWS_DIR}"
    out = [
        renderer._page(
            news_url(None),
            "news.md.j2",
            "News",
            source,
            announcements=hub.news,
            program=None,
            description=f"Announcements of {renderer.site.name}",
        )
    ]
    for program in hub.programs:
        items = of_program(hub, program)
        if items:
            out.append(
                renderer._page(
                    news_url(program),
                    "news.md.j2",
                    f"News — {program.title}",
                    source,
                    announcements=items,
                    program=program,
                    description=f"Announcements of {program.title}",
                )
            )
    for item in hub.news:
        out.append(
            renderer._page(
                item.url, "announcement.md.j2", item.title, item.file, announcement=item, description=item.summary
            )
        )
    return out


def template_globals(hub: Hub, site: Site) -> dict[str, Any]:
    """What the news templates use; ``news_feeds`` is empty without ``site_url`` (no feeds are written then)."""
    return {
        "news_of": lambda program: of_program(hub, program) if program is not None else hub.news,
        "news_url": news_url,
        "news_feeds": lambda scope: feed_paths(scope) if site.base else {},
        "news_about": lambda session: about_session(hub, session),
    }


def about_session(hub: Hub, session: Session) -> list[Announcement]:
    """The announcements that name a session by linking to its page (its page links them back)."""
    target = session.url.rstrip("/")
    return [item for item in hub.news if target in item.body]


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
    title = f"{site.name} — news" if scope is None else f"{scope.title} — news ({site.name})"
    fg.id(page)
    fg.title(title)
    fg.link(href=site.absolute(feed_paths(scope)[kind]), rel="self", type=FEED_FORMATS[kind][1])
    fg.link(href=page, rel="alternate")  # last: RSS takes its channel link from the last one given
    fg.description(f"Announcements of {scope.title if scope else site.name}")
    fg.language("en")
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
