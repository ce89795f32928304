"""The resolved hub: every entity with its references followed both ways.

:func:`build_hub` turns the loader's records into a :class:`Hub` whose objects
point at each other (a session's speakers, a person's sessions, a topic's
readings), checking every reference and every date on the way. Pages and
feeds are rendered from this graph alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import fields
from typing import Any
from zoneinfo import ZoneInfo

from ..content import models
from ..content.loader import Loaded, Resolver
from ..content.problems import Problems, did_you_mean
from ..content.reader import Record
from ..content.validation import check_date_of_file_name, check_ends_after_starts
from . import urls
from .entities import (
    Cohort,
    Entity,
    Hub,
    HubOptions,
    Person,
    Program,
    Project,
    Reading,
    Role,
    Session,
    Topic,
    build_date,
    first_paragraph,
    unpublished_reason,
)
from .review import check_files, warn, warn_materials_before, warn_overlaps


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

    check_files(loaded, problems)
    for entity, record in _published_kinds(loaded, sessions, projects, readings, people):
        entity.unpublished = unpublished_reason(record.data, options.today)
    _link_back(programs.values(), sessions, projects, readings, people, options)
    warn(loaded, problems, people, readings)
    warn_overlaps(loaded, problems, sessions)
    warn_materials_before(loaded, problems, sessions, options.today)
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
        options=options,
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


__all__ = [  # the entities, made here and read through this module by the site
    "Cohort",
    "Entity",
    "Hub",
    "HubOptions",
    "Person",
    "Program",
    "Project",
    "Reading",
    "Role",
    "Session",
    "Topic",
    "build_date",
    "build_hub",
    "first_paragraph",
    "unpublished_reason",
]
