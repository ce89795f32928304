"""The hub's entities — topics, people, readings, programs, cohorts, sessions, projects — each wrapping the model
of its file (``reading.data`` is its :class:`hubgen.content.models.Reading`) and pointing at the others, and the
:class:`Hub` that holds them all. :mod:`.graph` makes them from the loader's records."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

from ..content import models
from ..content.loader import Series, SeriesDate
from ..content.paths import RealPaths
from ..content.settings import default

Role = Literal["speaker", "facilitator", "participant", "contact"]


@dataclass(eq=False, repr=False)
class Entity:
    id: str
    file: str  # repository-relative source file, for edit links and messages
    url: str  # site-relative URL of its page ("" for the home page)
    # Why it is not published yet ("draft", "scheduled for 2026-12-01"); None once it is.
    unpublished: str | None = field(default=None, kw_only=True)

    def __repr__(self) -> str:
        # Entities point at each other both ways: the generated repr would walk the whole graph (a failing
        # test printing a fixture once took 10 GB of memory). The ID is what a reader needs.
        return f"<{type(self).__name__} {self.id}>"


@dataclass(eq=False, repr=False)
class Topic(models.Titled, Entity):
    data: models.Topic
    sessions: list[Session] = field(default_factory=list)
    readings: list[Reading] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    programs: list[Program] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.sessions) + len(self.readings) + len(self.projects)

    @property
    def people(self) -> list[Person]:
        """Who works on it: public speakers and facilitators of its sessions, listed team members of its projects."""
        found = [p for s in self.sessions for p in s.speakers + s.facilitators if p.has_page]
        found += [p for project in self.projects for p in project.team if p.listed]
        return sorted(dict.fromkeys(found), key=lambda p: p.sort_key)


_HONORIFICS = frozenset({"dr", "prof", "professor", "mr", "mrs", "ms", "mx", "rev"})


@dataclass(eq=False, repr=False)
class Person(Entity):
    data: models.Person
    visibility: models.Visibility = "public"
    roles: set[Role] = field(default_factory=set)
    sessions: list[Session] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    cohorts: list[Cohort] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.data.name

    @property
    def has_page(self) -> bool:
        return self.visibility == "public"

    @property
    def listed(self) -> bool:
        return self.visibility != "hidden"

    @property
    def initials(self) -> str:
        name = self.data.name.split(",")[0]  # "Amara Nwosu, MD" → "Amara Nwosu"
        # First and last name: "Samuel Adeyemi-Brooks" → "SA" (a double surname is one name); titles are left out.
        words = [w for w in name.split() if w[:1].isalpha() and w.lower().rstrip(".") not in _HONORIFICS]
        return "".join(w[0] for w in (words[:1] + words[-1:] if len(words) > 1 else words)).upper()

    @property
    def sort_key(self) -> tuple[str, str]:
        words = self.data.name.split(",")[0].split()
        return (words[-1].lower() if words else "", self.data.name.lower())


@dataclass(eq=False, repr=False)
class Reading(Entity):
    data: models.Reading
    topics: list[Topic] = field(default_factory=list)
    assigned: list[tuple[Session, Literal["required", "optional"]]] = field(default_factory=list)

    @property
    def title(self) -> str:
        return models.plain_title(self.data.title)  # <i>Salmonella</i> is formatting in citations only


@dataclass(eq=False, repr=False)
class Program(models.Titled, Entity):
    data: models.Program
    tz: ZoneInfo
    cohorts: list[Cohort] = field(default_factory=list)
    contacts: list[Person] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)

    @property
    def sessions(self) -> list[Session]:
        return sorted((s for c in self.cohorts for s in c.sessions), key=Session.sort_key)

    @property
    def projects(self) -> list[Project]:
        return [p for c in self.cohorts for p in c.projects]


@dataclass(eq=False, repr=False)
class Cohort(models.Titled, Entity):
    data: models.Cohort
    program: Program
    sessions: list[Session] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    participants: list[Person] = field(default_factory=list)
    facilitators: list[Person] = field(default_factory=list)

    @property
    def series(self) -> list[Series]:
        """The recurring series of this cohort (each expanded into sessions)."""
        return list(dict.fromkeys(s.series_date.series for s in self.sessions if s.series_date))


@dataclass(eq=False, repr=False)
class Session(models.Titled, Entity):
    data: models.Session
    cohort: Cohort
    body: str
    body_line: int
    day: dt.date
    last_day: dt.date
    tz: ZoneInfo
    start: dt.datetime  # aware; midnight for an all-day event
    end: dt.datetime  # aware; exclusive (the next midnight) for an all-day event
    speakers: list[Person] = field(default_factory=list)
    facilitators: list[Person] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    required: list[Reading] = field(default_factory=list)
    optional: list[Reading] = field(default_factory=list)
    series_date: SeriesDate | None = None  # set for a session made from a recurring series

    @property
    def program(self) -> Program:
        return self.cohort.program

    @property
    def sources(self) -> tuple[str, ...]:
        """Every file whose edits change this session (calendar SEQUENCE and LAST-MODIFIED follow them)."""
        return self.series_date.sources if self.series_date else (self.file,)

    @property
    def all_day(self) -> bool:
        return self.data.time is None

    @property
    def type_title(self) -> str:
        kind = self.program.data.session_types.get(self.data.type)
        return kind.title if kind else self.data.type

    @property
    def required_minutes(self) -> int:
        return sum(r.data.minutes or 0 for r in self.required)

    @property
    def join_url(self) -> str | None:
        """The meeting link, only where its source allows publishing it."""
        online = self.data.online
        return online.url if online and online.publish_link and online.url else None

    def sort_key(self) -> tuple[dt.datetime, str]:
        return (self.start.astimezone(dt.UTC), self.url)

    @property
    def day_times(self) -> list[tuple[dt.datetime, dt.datetime]]:
        """Each day of a session with hours, with that day's start and end (a multi-day event's ``days``)."""
        d = self.data
        if d.time is None:
            return []
        out = []
        day = self.day
        while day <= self.last_day:
            hours = d.days.get(day, d.time)
            out.append((dt.datetime.combine(day, hours.start, self.tz), dt.datetime.combine(day, hours.end, self.tz)))
            day += dt.timedelta(days=1)
        return out


@dataclass(eq=False, repr=False)
class Project(models.Titled, Entity):
    data: models.Project
    cohort: Cohort
    body: str
    team: list[Person] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)

    @property
    def program(self) -> Program:
        return self.cohort.program

    @property
    def summary(self) -> str:
        """Plain text for its card and the showcase's filter: ``summary``, else the body's first paragraph."""
        return self.data.summary or first_paragraph(self.body)


def first_paragraph(markdown: str, limit: int = 280) -> str:
    """The first paragraph of Markdown as plain text, cut at a word near ``limit`` characters."""
    lines: list[str] = []
    for line in markdown.strip().splitlines():
        if not line.strip():
            if lines:
                break
            continue
        if line.lstrip().startswith(("#", "<", "|", "```")) and not lines:
            continue
        lines.append(line.strip())
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", " ".join(lines))  # [text](link) → text
    text = re.sub(r"[*_`]+", "", text)
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0].rstrip(",;:.") + "…"
    return text


def build_date() -> dt.date:
    """Today, for ``publish_on``: ``SOURCE_DATE_EPOCH`` (the reproducible-builds convention) wins over the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.datetime.now(dt.UTC).date()


@dataclass
class HubOptions:
    """Hub-wide settings (from the plugin configuration or the command line)."""

    participant_visibility: models.Visibility = field(default_factory=lambda: default("participant_visibility"))
    include_drafts: bool = False  # drafts and scheduled content are shown (mkdocs serve), with a banner
    today: dt.date = field(default_factory=build_date)


@dataclass(repr=False)  # the graph links back on itself: a full repr would be enormous
class Hub:
    """The whole hub, resolved."""

    def __repr__(self) -> str:
        return f"<Hub {self.root.resolve().name}: {len(self.programs)} programs, {len(self.sessions)} sessions>"

    root: Path
    content_dir: str
    programs: list[Program]
    cohorts: list[Cohort]
    sessions: list[Session]
    projects: list[Project]
    people: dict[str, Person]
    readings: dict[str, Reading]
    topics: dict[str, Topic]
    data_files: list[Path]
    # Every person's photo, published or not: never copied into the site as it is (see images.py).
    photos: list[Path] = field(default_factory=list)
    # Every project's image, published or not: published only as resized copies, never as the original.
    images: list[Path] = field(default_factory=list)
    # Files (materials) named only by unpublished sessions: not copied into the site until one is published.
    withheld: list[Path] = field(default_factory=list)
    # Announcements of content/news/, newest first (hubgen/hub/news.py).
    news: list[Any] = field(default_factory=list)
    programs_dir: str = "programs"  # relative to root, like content_dir
    # Where files really are (links resolved), each looked up once a build (hubgen/content/paths.py).
    real_paths: RealPaths = field(default_factory=RealPaths)
    # What the hub was loaded with (drafts shown, participants' visibility, the day): the pages depend on it too.
    options: HubOptions = field(default_factory=HubOptions)

    @property
    def listed_people(self) -> list[Person]:
        return sorted((p for p in self.people.values() if p.listed), key=lambda p: p.sort_key)

    def visible(self, people: list[Person]) -> list[Person]:
        return [p for p in people if p.listed]


def unpublished_reason(data: models.Publishable, today: dt.date) -> str | None:
    """Why ``data`` is not published on ``today`` ("draft", "scheduled for …"), or None."""
    if data.draft:
        return "draft"
    if data.publish_on and data.publish_on > today:
        return f"scheduled for {data.publish_on}"
    return None
