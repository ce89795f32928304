"""``hubgen new``: a new content file from a starter, valid as written.

Values come from flags or, in a terminal, from questions. The file is written
only where none exists, then checked; if the new file has a problem it is
removed again and the problem is shown, so nothing half-made is left behind.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shlex
import sys
import typing
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from ..content import models, values
from ..content.models import slugify
from ..content.problems import Problem
from ..content.timezones import read_timezone
from ..hub.workspace import Workspace
from .refused import Refused

STARTERS = Path(__file__).parent.parent / "starters"
KINDS = ("program", "cohort", "session", "series", "reading", "person", "project", "topic", "announcement")
#: What each kind is, for ``hubgen new KIND --help``.
ABOUT = {
    "program": "a program: programs/<id>/program.yml, with its time zone and kinds of session",
    "cohort": "a cohort of a program: programs/<program>/<id>/cohort.yml",
    "session": "a session of a cohort: programs/<program>/<cohort>/sessions/<date>-<title>.md",
    "series": "a weekly session declared once: programs/<program>/<cohort>/series/<id>.yml",
    "reading": "a reading of the library: <content>/readings/<id>.yml",
    "person": "a person (speaker, facilitator, participant, contact): <content>/people/<id>.yml",
    "project": "a project of a cohort's showcase: programs/<program>/<cohort>/projects/<id>.md",
    "topic": "a topic, added to <content>/topics.yml",
    "announcement": "an announcement of the news page and feeds: <content>/news/<date>-<title>.md",
}


@dataclass
class Ask:
    """One value a new file needs."""

    name: str
    question: str
    default: Callable[[dict[str, Any]], str | None] = lambda values: None
    choices: Callable[[dict[str, Any]], list[str]] | None = None
    check: Callable[[str], object] | None = None
    optional: bool = False
    #: Reads the answer as the value to keep, with a note to show ("PST" → America/Los_Angeles); ValueError if not.
    convert: Callable[[str], tuple[str, str | None]] | None = None
    #: The one sensible value and why ("the only program"), taken without asking when no flag gives one.
    pick: Callable[[dict[str, Any]], tuple[str, str] | None] = lambda values: None


def _programs(ws: Workspace) -> list[str]:
    folder = ws.root / ws.programs_dir
    return sorted(p.name for p in folder.iterdir() if (p / "program.yml").is_file()) if folder.is_dir() else []


def _cohorts(ws: Workspace, program: str) -> list[str]:
    folder = ws.root / ws.programs_dir / program
    return sorted(c.name for c in folder.iterdir() if (c / "cohort.yml").is_file()) if folder.is_dir() else []


def _only_program(ws: Workspace) -> tuple[str, str] | None:
    found = _programs(ws)
    return (found[0], "the hub's only program") if len(found) == 1 else None


def _cohort_for(ws: Workspace, values: dict[str, Any]) -> tuple[str, str] | None:
    """The program's only cohort; or, given a date, the one cohort whose first and last days contain it."""
    found = _cohorts(ws, values["program"])
    if len(found) == 1:
        return found[0], f"the only cohort of {values['program']}"
    day = values.get("date")
    if not day or len(found) < 2:
        return None
    hub, _ = ws.load()
    program = next((p for p in hub.programs if p.id == values["program"]), None)
    if program is None:
        return None
    date = models.parse_date(str(day))
    around = [c.id for c in program.cohorts if c.data.starts <= date <= c.data.ends]
    return (around[0], f"its dates contain {date}") if len(around) == 1 else None


def _readings(text: str) -> object:
    """``none``, or reading IDs separated by commas or spaces."""
    if text.strip().lower() == models.NO_READINGS:
        return text
    for ident in _split(text):
        values.check_id(ident)
    return text


def _split(text: str) -> list[str]:
    return [part for part in text.replace(",", " ").split() if part]


def _session_types(ws: Workspace, program: str) -> list[str]:
    hub, _ = ws.load()
    found = next((p for p in hub.programs if p.id == program), None)
    return list(found.data.session_types) if found else []


def _asks(kind: str, ws: Workspace) -> list[Ask]:
    program = Ask("program", "Program", choices=lambda v: _programs(ws), pick=lambda v: _only_program(ws))
    cohort = Ask("cohort", "Cohort", choices=lambda v: _cohorts(ws, v["program"]), pick=lambda v: _cohort_for(ws, v))
    readings = Ask(
        "readings",
        f"Required readings (IDs, separated by commas; '{models.NO_READINGS}' if there is nothing to read; "
        "empty to add them later)",
        check=_readings,
        optional=True,
    )
    title = Ask("title", "Title")
    ident = Ask(
        "id",
        "ID (file name)",
        default=lambda v: slugify(v.get("title") or v.get("name") or "")[:60],
        check=values.check_id,
    )
    date = Ask("date", "Date (YYYY-MM-DD)", check=models.parse_date)
    return {
        "program": [
            title,
            ident,
            Ask(
                "timezone",
                "Time zone (a place's zone, e.g. America/Chicago; PST or CET are understood)",
                default=lambda v: "America/New_York",
                check=models.check_timezone,
                convert=read_timezone,
            ),
        ],
        "cohort": [
            program,
            title,
            ident,
            Ask("starts", "First day (YYYY-MM-DD)", check=models.parse_date),
            Ask("ends", "Last day (YYYY-MM-DD)", check=models.parse_date),
        ],
        "session": [
            program,
            date,  # before the cohort: the cohort whose dates contain it is the one to offer
            cohort,
            title,
            Ask("type", "Session type", choices=lambda v: _session_types(ws, v["program"])),
            Ask("time", "Time (09:00-16:00; empty for all day)", check=models.parse_time_range, optional=True),
            readings,
        ],
        "reading": [
            title,
            Ask("type", "Type", choices=lambda v: list(typing.get_args(models.ReadingType))),
            Ask("year", "Year", optional=True, check=int),
            ident,
        ],
        "person": [
            Ask("name", "Name"),
            ident,
            Ask("bio", "Bio (a few sentences for their page; empty to write it later)", optional=True),
        ],
        "project": [program, cohort, title, ident],
        "topic": [title, ident],
        "series": [
            program,
            cohort,
            title,
            ident,
            Ask("type", "Session type", choices=lambda v: _session_types(ws, v["program"])),
            Ask("weekday", "Day of the week", choices=lambda v: list(typing.get_args(models.Weekday))),
            Ask("starts", "First day (YYYY-MM-DD)", check=models.parse_date),
            Ask("ends", "Last day (YYYY-MM-DD)", check=models.parse_date),
            Ask("time", "Time (09:00-16:00; empty for all day)", check=models.parse_time_range, optional=True),
            readings,
        ],
        "announcement": [
            title,
            Ask("date", "Date (YYYY-MM-DD)", default=lambda v: str(dt.date.today()), check=models.parse_date),
        ],
    }[kind]


def _target(kind: str, ws: Workspace, v: dict[str, Any]) -> Path:
    content, programs = ws.root / ws.content_dir, ws.root / ws.programs_dir
    return {
        "program": lambda: programs / v["id"] / "program.yml",
        "cohort": lambda: programs / v["program"] / v["id"] / "cohort.yml",
        "session": lambda: (
            programs
            / v["program"]
            / v["cohort"]
            / "sessions"
            / f"{models.parse_date(v['date'])}-{slugify(v['title'])[:50].rstrip('-')}.md"
        ),
        "reading": lambda: content / "readings" / f"{v['id']}.yml",
        "person": lambda: content / "people" / f"{v['id']}.yml",
        "project": lambda: programs / v["program"] / v["cohort"] / "projects" / f"{v['id']}.md",
        "topic": lambda: content / "topics.yml",
        "series": lambda: programs / v["program"] / v["cohort"] / "series" / f"{v['id']}.yml",
        "announcement": lambda: (
            content / "news" / f"{models.parse_date(v['date'])}-{slugify(v['title'])[:50].rstrip('-')}.md"
        ),
    }[kind]()


def _collect(kind: str, ws: Workspace, given: dict[str, Any], interactive: bool) -> dict[str, Any]:
    return collect(_asks(kind, ws), given, interactive)


class Stopped(Exception):
    """The person stopped the questions (Ctrl-C, or Ctrl-D at a question): ``answers`` holds what they had typed."""

    def __init__(self, answers: dict[str, Any]) -> None:
        super().__init__("stopped")
        self.answers = answers


def collect(asks: list[Ask], given: dict[str, Any], interactive: bool) -> dict[str, Any]:
    """A value for every question: given as a flag, else asked in a terminal, else its default; or Refused.

    In a terminal a question is asked again until it has an answer it can take; Ctrl-C or Ctrl-D raises
    :class:`Stopped` with every answer so far, so that nothing typed is lost.
    """
    values: dict[str, Any] = {}
    try:
        for ask in asks:
            values[ask.name] = _answer(ask, given, values, interactive)
    except (KeyboardInterrupt, EOFError) as exc:
        raise Stopped({k: v for k, v in values.items() if v is not None}) from exc
    return values


def _answer(ask: Ask, given: dict[str, Any], values: dict[str, Any], interactive: bool) -> Any:
    flag = f"--{ask.name.replace('_', '-')}"
    value = given.get(ask.name)
    value = value.strip() if isinstance(value, str) else value  # a name of only spaces is no name
    choices = ask.choices(values) if ask.choices else None
    if value is None and (picked := ask.pick(values)) is not None:
        value, why = picked
        print(f"{ask.question}: {value} ({why}; {flag} to choose)", file=sys.stderr)
    while True:
        if value is None and interactive:
            value = _prompt(ask, ask.default(values), choices)
        if value in (None, "") and ask.default(values):
            value = ask.default(values)
        if value in (None, ""):
            if ask.optional:
                return None
            if interactive:  # an empty Enter: the question again, never the end of the run
                print("  an answer is needed here" + (" — one of the above" if choices else ""), file=sys.stderr)
                value = None
                continue
            raise Refused(
                f"missing {flag} ({ask.question.lower()})"
                + (f": one of {', '.join(choices)}" if choices else "")
                + " — or run it in a terminal to be asked"
            )
        problem = None
        if ask.convert is not None:
            try:
                value, note = ask.convert(str(value))
            except ValueError as exc:
                problem = str(exc)
            else:
                if note:
                    print(f"  {note}", file=sys.stderr)
        problem = problem or _problem(ask, str(value), choices)
        if problem is None:
            return value
        if not interactive:
            raise Refused(f"{flag}: {problem}")
        print(f"  {problem}", file=sys.stderr)
        value = None


def _problem(ask: Ask, value: str, choices: list[str] | None) -> str | None:
    if choices is not None and value not in choices:
        return f"'{value}' is not one of: {', '.join(choices) or '(none yet — create one first)'}"
    if ask.check:
        try:
            ask.check(value)
        except ValueError as exc:
            return str(exc) if str(exc) else f"'{value}' is not valid"
    return None


def _prompt(ask: Ask, default: str | None, choices: list[str] | None) -> str:
    """One answer, stripped; Ctrl-D (EOFError) and Ctrl-C (KeyboardInterrupt) go up to :func:`collect`."""
    hint = f" [{default}]" if default else (" (optional)" if ask.optional else "")
    if choices:
        print(f"{ask.question}: {', '.join(choices)}", file=sys.stderr)
    return input(f"{ask.question}{hint}: ").strip()


def as_flags(answers: dict[str, Any]) -> str:
    """The answers as the command line's flags, to run it again without the questions."""
    return " ".join(f"--{name.replace('_', '-')} {shlex.quote(str(value))}" for name, value in answers.items())


def starter_env(folder: Path) -> jinja2.Environment:
    """Jinja for the starter files in ``folder``: YAML and Markdown, every value quoted with ``|q``."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # not HTML: each value goes through |q
    )
    env.filters["q"] = lambda text: json.dumps(str(text), ensure_ascii=False)  # a safe YAML string
    return env


def _render(kind: str, ws: Workspace, values: dict[str, Any]) -> str:
    env = starter_env(STARTERS)
    name = next(p.name for p in STARTERS.iterdir() if p.name.startswith(f"{kind}."))
    context = {
        "content_dir": ws.content_dir,
        "year": None,
        "time": None,
        "bio": None,
        "today": dt.date.today(),
        "no_readings": models.NO_READINGS,
        **values,
    }
    if isinstance(values.get("readings"), str):  # "none", or the IDs of the required readings
        text = values["readings"]
        context["readings"] = models.NO_READINGS if text.strip().lower() == models.NO_READINGS else _split(text)
    else:
        context["readings"] = []
    return env.get_template(name).render(context)


#: What a new file of each kind still needs once written, and why: printed after the file's warnings.
LEFT_TO_FILL = {
    "program": "summary, description, objectives and kinds of session (session_types) make the program's page",
    "cohort": "participants and facilitators (person IDs) and a summary make the cohort's page",
    "session": "speakers, topics, where (location or online) and the agenda below the front matter",
    "series": "speakers, topics, where (location or online), and skip: for the holidays",
    "reading": "authors, source and url or doi: the citation and the library's card are made of them",
    "person": "title and affiliation; a photo (photo: images/people/<id>.jpg) for their page",
    "project": "team (person IDs), topics, and the summary below the front matter",
    "topic": "a description, shown on the topic's page",
    "announcement": "the text below the front matter; its first paragraph is what lists and feeds show",
}


@dataclass
class Written:
    """A file ``hubgen new`` wrote, and what ``hubgen check --strict`` would still say about it."""

    path: Path
    warnings: list[Problem]
    notes: list[str]


def new(kind: str, ws: Workspace, given: dict[str, Any], interactive: bool) -> Written:
    """Write the new file and say what is left; raise :class:`Refused` with the reason otherwise."""
    values = _collect(kind, ws, given, interactive)
    target = _target(kind, ws, values)
    text = _render(kind, ws, values)
    before: str | None = None
    if kind == "topic":
        before = target.read_text(encoding="utf-8") if target.exists() else ""
        hub, _ = ws.load()
        if values["id"] in hub.topics:
            raise Refused(f"the topic '{values['id']}' already exists in {ws.content_dir}/topics.yml")
        text = before + ("" if not before or before.endswith("\n") else "\n") + text
    elif target.exists():
        raise Refused(f"{target.relative_to(ws.root)} already exists — choose another title or ID")
    warnings = write_checked(ws, target, text, before, "the new file would not be valid, so it was not written")
    notes = [f"left to fill: {LEFT_TO_FILL[kind]}"]
    if kind == "person" and not values.get("bio"):
        notes.insert(
            0,
            "bio is empty: once they speak at a session, `hubgen check --strict` (what CI runs) asks for a few "
            "sentences about them",
        )
    return Written(target, warnings, notes)


def write_checked(ws: Workspace, target: Path, text: str, before: str | None, refusal: str) -> list[Problem]:
    """Write ``text`` to ``target`` and load the hub: if that file then has errors, put back what it held
    (``before``, or no file) and raise :class:`Refused` with ``refusal`` and the errors. Return the file's
    warnings (what ``--strict`` refuses) and those naming it on other files, new ones only when ``before`` held the
    file already."""
    rel = target.relative_to(ws.root).as_posix()
    earlier = {p.format() for p in ws.load()[1].warnings} if before is not None else set()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    _, problems = ws.load()
    mine = [p for p in problems.errors if p.file == rel]
    if mine:
        if before is None:
            target.unlink()
        else:
            target.write_text(before, encoding="utf-8")
        raise Refused(f"{refusal}:\n" + "\n".join(p.format() for p in mine))
    # its own, and those it draws on another file (a session it overlaps names it there)
    return [p for p in problems.warnings if (p.file == rel or rel in p.message) and p.format() not in earlier]


def _run(args: argparse.Namespace) -> int:
    ws = Workspace.find(args.root)
    if ws is None:
        return 2
    given = {k: v for k, v in vars(args).items() if k in {a.name for a in _asks(args.kind, ws)} and v is not None}
    interactive = sys.stdin.isatty() and not args.no_input
    try:
        written = new(args.kind, ws, given, interactive)
    except Refused as exc:
        print(f"hubgen new {args.kind}: {exc}", file=sys.stderr)
        return 1
    except Stopped as stop:
        answers = {**given, **stop.answers}
        print(f"\nhubgen new {args.kind}: stopped; nothing was written.", file=sys.stderr)
        if answers:
            root = "" if args.root == "." else f"--root {shlex.quote(args.root)} "
            print(f"To go on from here: hubgen new {args.kind} {root}{as_flags(answers)}", file=sys.stderr)
        return 130
    print(written.path.relative_to(ws.root).as_posix())
    for problem in written.warnings:
        print(problem.format(), file=sys.stderr)
    if written.warnings:
        print(
            f"The file is written; `hubgen check --strict` (what CI runs) fails until the "
            f"{'warning is' if len(written.warnings) == 1 else 'warnings are'} fixed.",
            file=sys.stderr,
        )
    for note in written.notes:
        print(note, file=sys.stderr)
    return 0


def add_parser(sub: Any) -> None:
    """``hubgen new KIND``: one subcommand per kind, each with only its own flags (``hubgen new session --help``)."""
    p = sub.add_parser(
        "new",
        help="start a new " + ", ".join(KINDS[:-1]) + " or " + KINDS[-1],
        description="Write a new content file from a starter, valid as written, with a comment beside each "
        "field. Missing values are asked for when a terminal is attached. `hubgen new KIND --help` lists the "
        "flags of one kind.",
    )
    kinds = p.add_subparsers(dest="kind", required=True, metavar="KIND")
    for kind in KINDS:
        k = kinds.add_parser(kind, help=ABOUT[kind], description=f"Start {ABOUT[kind]}.")
        # The questions' lambdas read the hub only when asked; listing the flags needs none.
        for ask in _asks(kind, None):  # type: ignore[arg-type]
            choices = " (asked with the choices when a terminal is attached)" if ask.choices else ""
            optional = " (optional)" if ask.optional else ""
            k.add_argument(f"--{ask.name}", help=f"{ask.question}{optional}{choices}")
        k.add_argument("--root", default=".", help="the hub's folder (with mkdocs.yml); default: here")
        k.add_argument("--no-input", action="store_true", help="never ask; fail on a missing value")
        k.set_defaults(run=_run)
