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

from ..content import models
from ..content.problems import Problems, did_you_mean
from ..content.reader import YAML_SUFFIXES, Reader
from ..content.validation import check_date_of_file_name, validate
from . import urls
from .graph import Entity, Hub, HubOptions, Person, Program, first_paragraph, unpublished_reason
from .urls import NEWS_DIR

NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$")


@dataclass(eq=False)
class Announcement(models.Titled, Entity):
    data: models.Announcement
    day: dt.date
    body: str
    programs: list[Program] = field(default_factory=list)
    author: Person | None = None

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
        data = validate(models.Announcement, doc, problems, "the front matter of this announcement")
        if data is None:
            continue
        rel = reader.rel(path)
        check_date_of_file_name(problems, rel, doc, data.date, day, name.group(2) if name else ident)
        item = Announcement(ident, rel, urls.announcement(ident), data, day, body)
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
