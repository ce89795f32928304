"""``hubgen new``: a new content file from a starter, valid as written.

Values come from flags or, in a terminal, from questions. The file is written
only where none exists, then checked; if the new file has a problem it is
removed again and the problem is shown, so nothing half-made is left behind.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import typing
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from ..content import models
from ..content.models import slugify
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


def _programs(ws: Workspace) -> list[str]:
    folder = ws.root / ws.programs_dir
    return sorted(p.name for p in folder.iterdir() if (p / "program.yml").is_file()) if folder.is_dir() else []


def _cohorts(ws: Workspace, program: str) -> list[str]:
    folder = ws.root / ws.programs_dir / program
    return sorted(c.name for c in folder.iterdir() if (c / "cohort.yml").is_file()) if folder.is_dir() else []


def _session_types(ws: Workspace, program: str) -> list[str]:
    hub, _ = ws.load()
    found = next((p for p in hub.programs if p.id == program), None)
    return list(found.data.session_types) if found else []


def _asks(kind: str, ws: Workspace) -> list[Ask]:
    program = Ask("program", "Program", choices=lambda v: _programs(ws))
    cohort = Ask("cohort", "Cohort", choices=lambda v: _cohorts(ws, v["program"]))
    title = Ask("title", "Title")
    ident = Ask(
        "id",
        "ID (file name)",
        default=lambda v: slugify(v.get("title") or v.get("name") or "")[:60],
        check=models._check_id,
    )
    date = Ask("date", "Date (YYYY-MM-DD)", check=models.parse_date)
    return {
        "program": [
            title,
            ident,
            Ask("timezone", "Time zone", default=lambda v: "America/New_York", check=models.check_timezone),
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
            cohort,
            date,
            title,
            Ask("type", "Session type", choices=lambda v: _session_types(ws, v["program"])),
            Ask("time", "Time (09:00-16:00; empty for all day)", check=models.parse_time_range, optional=True),
        ],
        "reading": [
            title,
            Ask("type", "Type", choices=lambda v: list(typing.get_args(models.ReadingType))),
            Ask("year", "Year", optional=True, check=int),
            ident,
        ],
        "person": [Ask("name", "Name"), ident],
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


def collect(asks: list[Ask], given: dict[str, Any], interactive: bool) -> dict[str, Any]:
    """A value for every question: given as a flag, else asked in a terminal, else its default; or Refused."""
    values: dict[str, Any] = {}
    for ask in asks:
        value = given.get(ask.name)
        choices = ask.choices(values) if ask.choices else None
        while True:
            if value is None and interactive:
                value = _prompt(ask, ask.default(values), choices)
            if value in (None, "") and ask.default(values):
                value = ask.default(values)
            if value in (None, ""):
                if ask.optional:
                    value = None
                    break
                flag = f"--{ask.name.replace('_', '-')}"
                raise Refused(
                    f"missing {flag} ({ask.question.lower()})"
                    + (f": one of {', '.join(choices)}" if choices else "")
                    + " — or run it in a terminal to be asked"
                )
            problem = _problem(ask, str(value), choices)
            if problem is None:
                break
            if not interactive:
                raise Refused(f"--{ask.name.replace('_', '-')}: {problem}")
            print(f"  {problem}", file=sys.stderr)
            value = None
        values[ask.name] = value
    return values


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
    hint = f" [{default}]" if default else (" (optional)" if ask.optional else "")
    if choices:
        print(f"{ask.question}: {', '.join(choices)}", file=sys.stderr)
    try:
        return input(f"{ask.question}{hint}: ").strip()
    except EOFError:
        return ""


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
    context = {"content_dir": ws.content_dir, "year": None, "time": None, "today": dt.date.today(), **values}
    return env.get_template(name).render(context)


def new(kind: str, ws: Workspace, given: dict[str, Any], interactive: bool) -> Path:
    """Write the new file and return its path; raise :class:`Refused` with the reason otherwise."""
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
    write_checked(ws, target, text, before, "the new file would not be valid, so it was not written")
    return target


def write_checked(ws: Workspace, target: Path, text: str, before: str | None, refusal: str) -> None:
    """Write ``text`` to ``target`` and load the hub: if that file then has errors, put back what it held
    (``before``, or no file) and raise :class:`Refused` with ``refusal`` and the errors."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    rel = target.relative_to(ws.root).as_posix()
    _, problems = ws.load()
    mine = [p for p in problems.errors if p.file == rel]
    if mine:
        if before is None:
            target.unlink()
        else:
            target.write_text(before, encoding="utf-8")
        raise Refused(f"{refusal}:\n" + "\n".join(p.format() for p in mine))


def _run(args: argparse.Namespace) -> int:
    ws = Workspace.find(args.root)
    if ws is None:
        return 2
    given = {k: v for k, v in vars(args).items() if k in {a.name for a in _asks(args.kind, ws)} and v is not None}
    interactive = sys.stdin.isatty() and not args.no_input
    try:
        path = new(args.kind, ws, given, interactive)
    except Refused as exc:
        print(f"hubgen new {args.kind}: {exc}", file=sys.stderr)
        return 1
    print(path.relative_to(ws.root).as_posix())
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
