"""The resolved hub: every entity with its references followed both ways.

:func:`build_hub` turns the loader's records into a :class:`Hub` whose objects
point at each other (a session's speakers, a person's sessions, a topic's
readings), checking every reference and every date on the way. Pages and
feeds are rendered from this graph alone.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

from ..content import models, pictures
from ..content.loader import Loaded, Record, Resolver, Series, SeriesDate
from ..content.paths import RealPaths
from ..content.problems import Problems, did_you_mean
from ..content.settings import default
from ..content.validation import check_date_of_file_name, check_ends_after_starts, field_name
from ..content.yamlsource import Path as YPath
from . import urls

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

    @property
    def listed_people(self) -> list[Person]:
        return sorted((p for p in self.people.values() if p.listed), key=lambda p: p.sort_key)

    def visible(self, people: list[Person]) -> list[Person]:
        return [p for p in people if p.listed]


def _readings(loaded: Loaded, problems: Problems, res: Resolver, topics: dict[str, Topic]) -> dict[str, Reading]:
    """Every reading with its topics; a citation key names one reading only (the citation exports need it)."""
    readings = {rid: Reading(rid, rec.file, urls.reading(rid), rec.data) for rid, rec in loaded.readings.items()}
    for rid, rec in loaded.readings.items():
        readings[rid].topics = res.refs(rec, ("topics",), rec.data.topics, topics, "topic")
    citation_keys: dict[str, str] = {}
    for rid, rec in sorted(loaded.readings.items()):
        key = rec.data.key or rid
        if key in citation_keys:
            line, col = rec.doc.position(("key",)) if rec.data.key else (1, 1)
            problems.add(
                rec.file,
                line,
                col,
                f"the citation key '{key}' is already {citation_keys[key]}'s — give this reading another key",
                "key" if rec.data.key else "",
            )
        citation_keys.setdefault(key, rec.file)
    return readings


def _programs(loaded: Loaded, res: Resolver, people: dict[str, Person], topics: dict[str, Topic]) -> dict[str, Program]:
    programs: dict[str, Program] = {}
    for pid, prec in loaded.programs.items():
        prog = Program(pid, prec.file, urls.program(pid), prec.data, ZoneInfo(prec.data.timezone))
        prog.contacts = res.refs(prec, ("contacts",), prec.data.contacts, people, "person")
        prog.topics = res.refs(prec, ("topics",), prec.data.topics, topics, "topic")
        programs[pid] = prog
    return programs


def _cohorts(
    loaded: Loaded, problems: Problems, res: Resolver, programs: dict[str, Program], people: dict[str, Person]
) -> dict[tuple[str, str], Cohort]:
    """Every cohort in its program; one whose program is broken is still checked, then left out."""
    cohorts: dict[tuple[str, str], Cohort] = {}
    for (pid, cid), crec in loaded.cohorts.items():
        # The references are checked even where program.yml is broken.
        participants = res.refs(crec, ("participants",), crec.data.participants, people, "person")
        facilitators = res.refs(crec, ("facilitators",), crec.data.facilitators, people, "person")
        program = programs.get(pid)
        if program is None:
            continue
        c = Cohort(cid, crec.file, urls.cohort(pid, cid), crec.data, program)
        check_ends_after_starts(problems, crec.file, crec.doc, "cohort", crec.data.starts, crec.data.ends)
        c.participants, c.facilitators = participants, facilitators
        cohorts[(pid, cid)] = c
        program.cohorts.append(c)
    return cohorts


def _sessions(
    loaded: Loaded,
    problems: Problems,
    res: Resolver,
    cohorts: dict[tuple[str, str], Cohort],
    people: dict[str, Person],
    topics: dict[str, Topic],
    readings: dict[str, Reading],
) -> list[Session]:
    """Every session in its cohort, with its people, topics and readings (a reading required or optional, not both)."""
    sessions: list[Session] = []
    for (pid, cid, _sid), srec in loaded.sessions.items():
        cohort = cohorts.get((pid, cid))
        session = _make_session(srec, cohort, problems) if cohort else None
        d = srec.data
        # The references are checked even where the session's cohort or program is broken.
        speakers = res.refs(srec, ("speakers",), d.speakers, people, "person")
        facilitators = res.refs(srec, ("facilitators",), d.facilitators, people, "person")
        its_topics = res.refs(srec, ("topics",), d.topics, topics, "topic")
        required = res.refs(srec, ("readings", "required"), d.readings.required, readings, "reading")
        optional = res.refs(srec, ("readings", "optional"), d.readings.optional, readings, "reading")
        if session is None:
            continue
        session.speakers, session.facilitators, session.topics = speakers, facilitators, its_topics
        session.required, session.optional = required, optional
        for i, rid in enumerate(d.readings.optional):
            if rid in d.readings.required:
                line, col = srec.doc.position(("readings", "optional", i))
                problems.add(
                    srec.file,
                    line,
                    col,
                    f"'{rid}' is listed as both required and optional — keep it in one list",
                    f"readings.optional[{i}]",
                )
        session.optional = [r for r in session.optional if r not in session.required]
        session.series_date = loaded.series_of.get((pid, cid, _sid))
        sessions.append(session)
        session.cohort.sessions.append(session)
    return sessions


def _projects(
    loaded: Loaded,
    problems: Problems,
    res: Resolver,
    cohorts: dict[tuple[str, str], Cohort],
    people: dict[str, Person],
    topics: dict[str, Topic],
) -> list[Project]:
    """Every project in its cohort's showcase; two projects of one name would share a page."""
    projects: list[Project] = []
    project_urls: dict[str, str] = {}
    for (pid, cid, project_id), record in loaded.projects.items():
        cohort = cohorts.get((pid, cid))
        if cohort is not None and project_id in project_urls:
            problems.add(
                record.file,
                1,
                1,
                f"two projects are named '{project_id}' ({project_urls[project_id]} too), and each project's page is "
                f"/showcase/{project_id}/ — rename one file",
            )
            continue
        # The references are checked even where the project's cohort is broken (not on a second project of a name).
        team = res.refs(record, ("team",), record.data.team, people, "person")
        its_topics = res.refs(record, ("topics",), record.data.topics, topics, "topic")
        if cohort is None:
            continue
        project_urls[project_id] = record.file
        proj = Project(project_id, record.file, urls.project(project_id), record.data, cohort, record.body)
        proj.team, proj.topics = team, its_topics
        projects.append(proj)
        cohort.projects.append(proj)
    return projects


def build_hub(loaded: Loaded, problems: Problems, options: HubOptions | None = None) -> Hub:
    """Resolve every reference and check dates; problems go to ``problems``."""
    options = options or HubOptions()
    res = Resolver(loaded, problems)
    topics = {tid: Topic(tid, rec.file, urls.topic(tid), rec.data) for tid, rec in sorted(loaded.topics.items())}
    people = {pid: Person(pid, rec.file, urls.person(pid), rec.data) for pid, rec in loaded.people.items()}
    readings = _readings(loaded, problems, res, topics)
    programs = _programs(loaded, res, people, topics)
    cohorts = _cohorts(loaded, problems, res, programs, people)
    sessions = _sessions(loaded, problems, res, cohorts, people, topics, readings)
    projects = _projects(loaded, problems, res, cohorts, people, topics)

    _check_files(loaded, problems)
    for entity, record in _published_kinds(loaded, sessions, projects, readings, people):
        entity.unpublished = unpublished_reason(record.data, options.today)
    _link_back(programs.values(), sessions, projects, readings, people, options)
    _warn(loaded, problems, people, readings)
    _warn_overlaps(loaded, problems, sessions)
    _warn_materials_before(loaded, problems, sessions, options.today)
    content = loaded.root / loaded.content_dir
    if not options.include_drafts:
        sessions, projects = _prune(programs.values(), sessions, projects, readings, people, topics)
    published = {content / m.file for s in sessions for m in s.data.materials if m.file}
    named = {content / m.file for rec in loaded.sessions.values() for m in rec.data.materials if m.file}
    named |= {content / m.file for rec in loaded.series_overrides.values() for m in rec.data.materials if m.file}
    prog_list = sorted(programs.values(), key=lambda p: p.data.title.lower())
    for p in prog_list:
        p.cohorts.sort(key=lambda c: (c.data.starts, c.id))
        for c in p.cohorts:  # a series' sessions come after the files: date order again
            c.sessions.sort(key=Session.sort_key)
    return Hub(
        root=loaded.root,
        content_dir=loaded.content_dir,
        programs=prog_list,
        cohorts=[c for p in prog_list for c in p.cohorts],
        sessions=sorted(sessions, key=Session.sort_key),
        projects=sorted(projects, key=lambda j: (-j.cohort.data.starts.toordinal(), j.data.title.lower())),
        people=people,
        readings=dict(sorted(readings.items(), key=lambda kv: kv[1].data.title.lower())),
        topics=topics,
        data_files=loaded.data_files,
        photos=[loaded.root / loaded.content_dir / rec.data.photo for rec in loaded.people.values() if rec.data.photo],
        images=sorted(content / rec.data.image for rec in loaded.projects.values() if rec.data.image),
        withheld=sorted(named - published),
        real_paths=loaded.real_paths,
    )


def _make_session(rec: Record[models.Session], cohort: Cohort, problems: Problems) -> Session | None:
    d = rec.data
    file_day = models.parse_date(rec.id[:10]) if _valid_date(rec.id[:10]) else None
    if file_day is None:
        problems.add(rec.file, 1, 1, f"the file name starts with '{rec.id[:10]}', which is not a real date")
        return None
    day = d.date or file_day
    check_date_of_file_name(problems, rec.file, rec.doc, d.date, file_day, rec.id[11:])
    last_day = d.until or day
    if d.until and d.until < day:
        line, col = rec.doc.position(("until",))
        problems.add(rec.file, line, col, f"'until' ({d.until}) is before the session's date ({day})", "until")
        last_day = day
    if d.until and (d.until - day).days > 31:
        line, col = rec.doc.position(("until",))
        problems.add(
            rec.file,
            line,
            col,
            f"'until' ({d.until}) is more than a month after the date ({day}) — is the year right?",
            "until",
            severity="warning",
        )
    program = cohort.program
    if d.type not in program.data.session_types:
        line, col = rec.doc.position(("type",))
        types = program.data.session_types
        problems.add(
            rec.file,
            line,
            col,
            f"'{d.type}' is not a session type of this program{did_you_mean(d.type, types)}"
            f" — use one of: {', '.join(types)} (defined in {program.file})",
            "type",
        )
    cd = cohort.data
    if cd.starts <= cd.ends:  # otherwise cohort.yml has the problem
        if not cd.starts <= day <= cd.ends:
            line, col = rec.doc.position(("date",)) if d.date else (1, 1)
            problems.add(
                rec.file,
                line,
                col,
                f"the session ({day}) falls outside its cohort, which runs {cd.starts} to {cd.ends} ({cohort.file})",
                "date" if d.date else "",
            )
        elif last_day > cd.ends:
            line, col = rec.doc.position(("until",))
            problems.add(
                rec.file,
                line,
                col,
                f"'until' ({last_day}) is after the cohort ends ({cd.ends}, {cohort.file})",
                "until",
            )
    for other in d.days:
        if not day <= other <= last_day or d.time is None:
            line, col = rec.doc.position(("days", str(other)), key=True)
            problems.add(
                rec.file,
                line,
                col,
                f"{other} is not a day of this session ({day} to {last_day})"
                if d.time is not None
                else "'days' sets the hours of some days: give the usual hours in 'time' too, e.g. time: 09:00-16:00",
                "days",
            )
            break
    tz = ZoneInfo(d.timezone) if d.timezone else program.tz
    if d.time is None:
        start = dt.datetime.combine(day, dt.time(0), tz)
        end = dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time(0), tz)
    else:
        start = dt.datetime.combine(day, d.days.get(day, d.time).start, tz)
        end = dt.datetime.combine(last_day, d.days.get(last_day, d.time).end, tz)
        for label, moment in (("start", start), ("end", end)):
            if not _exists(moment):
                line, col = rec.doc.position(("time",))
                problems.add(
                    rec.file,
                    line,
                    col,
                    f"the {label} time {moment:%H:%M} does not exist on {moment:%Y-%m-%d} in {tz.key} "
                    "(the clocks go forward that night) — pick another time",
                    "time",
                )
    url = urls.session(program.id, cohort.id, rec.id)
    return Session(rec.id, rec.file, url, d, cohort, rec.body, rec.body_line, day, last_day, tz, start, end)


def unpublished_reason(data: models.Publishable, today: dt.date) -> str | None:
    """Why ``data`` is not published on ``today`` ("draft", "scheduled for …"), or None."""
    if data.draft:
        return "draft"
    if data.publish_on and data.publish_on > today:
        return f"scheduled for {data.publish_on}"
    return None


def _published_kinds(
    loaded: Loaded,
    sessions: list[Session],
    projects: list[Project],
    readings: dict[str, Reading],
    people: dict[str, Person],
) -> Iterable[tuple[Entity, Record[Any]]]:
    """Each publishable entity with the record it came from."""
    for s in sessions:
        yield s, loaded.sessions[(s.program.id, s.cohort.id, s.id)]
    for project in projects:
        yield project, loaded.projects[(project.program.id, project.cohort.id, project.id)]
    for rid, r in readings.items():
        yield r, loaded.readings[rid]
    for pid, p in people.items():
        yield p, loaded.people[pid]


def _warn(loaded: Loaded, problems: Problems, people: dict[str, Person], readings: dict[str, Reading]) -> None:
    """Worth a look, not wrong: the build goes on (``--strict`` makes these fail)."""
    for srec in loaded.sessions.values():
        d = srec.data
        if d.status == "scheduled" and not d.readings.required and not d.readings.optional and not d.readings.none:
            where = ("readings",) if "readings" in (srec.doc.data or {}) else ("title",)
            line, col = srec.doc.position(where, key=True)
            problems.add(
                srec.file,
                line,
                col,
                "the session has no readings — participants look here for what to prepare; "
                f"add readings: {{required: [...]}}, or write readings: {models.NO_READINGS} "
                "if there is nothing to read",
                "readings",
                severity="warning",
            )
        if unpublished_reason(d, dt.date.max) is None:
            for path, ids, pool in (
                (("speakers",), d.speakers, people),
                (("facilitators",), d.facilitators, people),
                (("readings", "required"), d.readings.required, readings),
                (("readings", "optional"), d.readings.optional, readings),
            ):
                for i, ident in enumerate(ids):
                    target = pool.get(ident)
                    if target is not None and target.unpublished:
                        line, col = srec.doc.position((*path, i))
                        problems.add(
                            srec.file,
                            line,
                            col,
                            f"'{ident}' is not published yet ({target.unpublished}): "
                            "the session is shown without it until it is",
                            field_name((*path, i)),
                            severity="warning",
                        )
    # A reading without topics is a valid reading (found in the library by type, year, words...): no warning, so
    # that a fresh `hubgen import` publishes with `--strict`. The import says how to add topics.
    for pid, prec in loaded.people.items():
        person = people.get(pid)
        if person and "speaker" in person.roles and not prec.data.bio and person.visibility == "public":
            line, col = prec.doc.position(("name",))
            problems.add(
                prec.file,
                line,
                col,
                f"{prec.data.name} speaks at {len(person.sessions)} session(s) but has no bio — "
                "add a few sentences (bio: ...)",
                "bio",
                severity="warning",
            )


def _when_line(rec: Record[Any]) -> tuple[int, int]:
    """Where a session file (or the series it comes from) says when it is."""
    data = rec.doc.data if isinstance(rec.doc.data, dict) else {}
    where = next((k for k in ("date", "time", "weekday", "title") if k in data), None)
    return rec.doc.position((where,) if where else (), key=True)


def _warn_overlaps(loaded: Loaded, problems: Problems, sessions: list[Session]) -> None:
    """Two scheduled sessions of one cohort at the same time: a copied file whose date or time was not changed,
    or a session put on a day that is already taken (an all-day learning day, a retreat)."""
    by_cohort: dict[tuple[str, str], list[Session]] = {}
    for s in sessions:
        if s.data.status == "scheduled" and not s.unpublished:  # a draft may be the replacement being prepared
            by_cohort.setdefault((s.program.id, s.cohort.id), []).append(s)
    for (pid, cid), group in by_cohort.items():
        group.sort(key=lambda s: (s.start, s.end, s.id))
        running: list[Session] = []  # the earlier sessions still going on at the current one's start
        for s in group:
            running = [r for r in running if r.end > s.start]
            for other in running:
                if other.file == s.file:  # two dates of one series: a series never overlaps itself by accident
                    continue
                rec, orec = loaded.sessions[(pid, cid, s.id)], loaded.sessions[(pid, cid, other.id)]
                line, col = _when_line(rec)
                oline, _ = _when_line(orec)
                problems.add(
                    rec.file,
                    line,
                    col,
                    f"'{s.title}' ({_span(s)}) overlaps '{other.title}' ({_span(other)}) of the same cohort, "
                    f"at {orec.file}:{oline} — change the date or time of one of them, or set status: cancelled "
                    "on the one that is not happening",
                    "date",
                    severity="warning",
                )
            running.append(s)


def _span(s: Session) -> str:
    if s.all_day:
        return f"{s.day}, all day" if s.last_day == s.day else f"{s.day} to {s.last_day}, all day"
    if s.last_day != s.day:
        return f"{s.start:%Y-%m-%d %H:%M} to {s.end:%Y-%m-%d %H:%M}"
    return f"{s.day} {s.start:%H:%M}–{s.end:%H:%M}"


def _warn_materials_before(loaded: Loaded, problems: Problems, sessions: list[Session], today: dt.date) -> None:
    """A recording of a session that has not happened yet, or the materials of a past session on a future one:
    what a session copied from a past one carries along (the README tells staff to copy a session)."""
    past: dict[str, Session] = {}
    for s in sessions:
        if s.last_day < today:
            for m in s.data.materials:
                past.setdefault(m.url or m.file or "", s)
    for s in sessions:
        if s.day <= today:
            continue
        rec = loaded.sessions[(s.program.id, s.cohort.id, s.id)]
        for i, m in enumerate(s.data.materials):
            earlier = past.get(m.url or m.file or "")
            if m.kind == "recording":
                why = f"a recording of a session that has not happened yet ({s.day})"
            elif earlier is not None:
                why = f"'{m.title}' is the material of an earlier session, '{earlier.title}' ({earlier.file})"
            else:
                continue
            line, col = rec.doc.position(("materials", i))
            problems.add(
                rec.file,
                line,
                col,
                f"{why} — copied with the session? Remove it, and add this session's own after it takes place",
                field_name(("materials", i)),
                severity="warning",
            )


def _prune(
    programs: Iterable[Program],
    sessions: list[Session],
    projects: list[Project],
    readings: dict[str, Reading],
    people: dict[str, Person],
    topics: dict[str, Topic],
) -> tuple[list[Session], list[Project]]:
    """Take unpublished entities out of the hub and out of every list that points at them."""
    for table in (readings, people):
        for key in [k for k, v in table.items() if v.unpublished]:
            del table[key]
    sessions = [s for s in sessions if not s.unpublished]
    projects = [j for j in projects if not j.unpublished]
    everything: list[Any] = [*programs, *sessions, *projects, *readings.values(), *people.values(), *topics.values()]
    everything += [c for p in programs for c in p.cohorts]
    for entity in everything:
        for f in fields(entity):
            value = getattr(entity, f.name)
            if isinstance(value, list):
                setattr(entity, f.name, [v for v in value if not _points_at_unpublished(v)])
    return sessions, projects


def _points_at_unpublished(value: Any) -> bool:
    if isinstance(value, tuple):  # (session, "required") pairs
        value = value[0]
    return isinstance(value, Entity) and value.unpublished is not None


def _check_files(loaded: Loaded, problems: Problems) -> None:
    """Files named by content (slides, photos, project images) must exist under the content folder."""
    content = loaded.root / loaded.content_dir

    root = loaded.root.resolve()

    def check(rec: Record[Any], path: YPath, name: str | None, picture: bool = False) -> None:
        if not name:
            return
        try:
            target = (content / name).resolve()
            inside = target.is_relative_to(root)
            exists = (content / name).is_file()
        except (OSError, RuntimeError, ValueError) as exc:  # a name over 255 bytes, a link loop, a NUL
            line, col = rec.doc.position(path)
            why = getattr(exc, "strerror", None) or "a link that points at itself"
            problems.add(rec.file, line, col, f"'{name[:80]}' cannot be a file: {why} — fix the path", field_name(path))
            return
        if not inside:
            line, col = rec.doc.position(path)
            problems.add(
                rec.file,
                line,
                col,
                f"{loaded.content_dir}/{name} is a link (symlink) to a file outside the repository, which is "
                "never published — put the file itself there",
                field_name(path),
            )
        elif not exists:
            line, col = rec.doc.position(path)
            problems.add(
                rec.file,
                line,
                col,
                f"no file {loaded.content_dir}/{name} — add it there, or fix the path",
                field_name(path),
            )
        elif picture and (why := pictures.problem_with(content / name)):
            line, col = rec.doc.position(path)
            problems.add(rec.file, line, col, f"{loaded.content_dir}/{name}: {why}", field_name(path))

    for srec in loaded.sessions.values():
        for i, material in enumerate(srec.data.materials):
            check(srec, ("materials", i, "file"), material.file)
    for prec in loaded.people.values():
        check(prec, ("photo",), prec.data.photo, picture=True)
    for record in loaded.projects.values():
        check(record, ("image",), record.data.image, picture=True)
        if record.data.image and not record.data.image_alt:
            line, col = record.doc.position(("image",))
            problems.add(
                record.file,
                line,
                col,
                "the image needs a description for people who cannot see it — add image_alt",
                "image_alt",
            )


def _valid_date(text: str) -> bool:
    try:
        models.parse_date(text)
    except ValueError:
        return False
    return True


def _exists(moment: dt.datetime) -> bool:
    """False for a wall-clock time skipped by a daylight-saving change."""
    round_trip = moment.astimezone(dt.UTC).astimezone(moment.tzinfo)
    return round_trip.replace(tzinfo=None) == moment.replace(tzinfo=None)


def _link_back(
    programs: Iterable[Program],
    sessions: list[Session],
    projects: list[Project],
    readings: dict[str, Reading],
    people: dict[str, Person],
    options: HubOptions,
) -> None:
    """The reverse links pages need: a person's sessions, a reading's sessions, a topic's everything."""
    for prog in programs:
        for person in prog.contacts:
            person.roles.add("contact")
        for t in prog.topics:
            t.programs.append(prog)
        for cohort in prog.cohorts:
            for person in cohort.participants:
                person.roles.add("participant")
                person.cohorts.append(cohort)
            for person in cohort.facilitators:
                person.roles.add("facilitator")
                if cohort not in person.cohorts:
                    person.cohorts.append(cohort)
    for s in sorted(sessions, key=Session.sort_key):
        # A person's roles, and so whether they have a page, come from what is published: speaking at a draft
        # makes no one a speaker (unless drafts are shown, as in a preview).
        if not s.unpublished or options.include_drafts:
            for person in s.speakers:
                person.roles.add("speaker")
            for person in s.facilitators:
                person.roles.add("facilitator")
        for person in dict.fromkeys(s.speakers + s.facilitators):
            person.sessions.append(s)
        for r in s.required:
            r.assigned.append((s, "required"))
        for r in s.optional:
            r.assigned.append((s, "optional"))
        for t in s.topics:
            t.sessions.append(s)
    for j in sorted(projects, key=lambda j: j.data.title.lower()):
        for person in j.team:
            person.projects.append(j)
        for t in j.topics:
            t.projects.append(j)
    for r in readings.values():
        for t in r.topics:
            t.readings.append(r)
    for person in people.values():
        if person.data.visibility:
            person.visibility = person.data.visibility
        elif person.roles <= {"participant"} and person.roles:
            person.visibility = options.participant_visibility
        else:
            person.visibility = "public"
