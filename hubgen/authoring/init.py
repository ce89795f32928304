"""``hubgen init``: replace the example hub with a small, valid hub of one's own, in one step.

It writes a new mkdocs.yml, ``content/`` (home page, stylesheet, topic, person, reading) and ``programs/`` (one
program, cohort and session), and points the issue forms at the new program. Everything is written to a folder
beside the hub first and checked; only then are the old files swapped out, all together: a mistake leaves the
hub as it was. It refuses to replace a hub that is not the untouched example (someone's own content) unless
told ``--force``.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from ..content import models
from ..content.models import slugify
from ..content.settings import check_address_setting, check_plain_setting
from ..content.timezones import read_timezone
from ..hub.workspace import Workspace
from .forms import replace_options
from .scaffold import STARTERS, Ask, Refused, Stopped, as_flags, collect, starter_env

HUB_STARTERS = STARTERS / "hub"
#: SHA-256 of every file of the example hub this repository ships (``tools/example_manifest.py`` writes it).
MANIFEST = STARTERS / "example.sha256"
#: What init replaces, relative to the hub's folder.
REPLACED = ("mkdocs.yml", "content", "programs", ".github/ISSUE_TEMPLATE")
FORMS = ".github/ISSUE_TEMPLATE"


def example_manifest() -> dict[str, str]:
    """path → SHA-256 of each file of the example hub."""
    out = {}
    for line in MANIFEST.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            digest, path = line.split(maxsplit=1)
            out[path] = digest
    return out


def hub_files(root: Path) -> dict[str, str]:
    """path → SHA-256 of every file init would replace under ``root``."""
    out = {}
    for part in REPLACED:
        target = root / part
        paths = [target] if target.is_file() else sorted(p for p in target.rglob("*") if p.is_file())
        for path in paths:
            out[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def own_files(root: Path) -> list[str]:
    """Files that are not the example's as it ships (changed or added): someone's own content."""
    example = example_manifest()
    return [path for path, digest in hub_files(root).items() if example.get(path) != digest]


# -- the questions -------------------------------------------------------------------------------


def _git_remote(root: Path) -> str | None:
    """The GitHub address of the repository's ``origin``, if it has one."""
    try:
        url = subprocess.run(
            ["git", "-C", str(root), "remote", "get-url", "origin"], capture_output=True, text=True, timeout=10
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    m = re.match(r"^(?:https://github\.com/|git@github\.com:)([\w.-]+/[\w.-]+?)(?:\.git)?/?$", url)
    return f"https://github.com/{m.group(1)}" if m else None


def _pages_url(repo_url: str) -> str | None:
    """GitHub Pages' address of a repository: https://OWNER.github.io/REPO/."""
    m = re.match(r"^https://github\.com/([\w.-]+)/([\w.-]+)/?$", repo_url or "")
    if not m:
        return None
    owner, repo = m.group(1).lower(), m.group(2)
    return (
        f"https://{owner}.github.io/" if repo.lower() == f"{owner}.github.io" else f"https://{owner}.github.io/{repo}/"
    )


def _check_site_url(value: str) -> str:
    models.check_url(value)
    if not value.startswith(("http://", "https://")):
        raise ValueError(f"'{value}' is not a web address: start it with https://")
    return check_address_setting(value)  # as `hubgen check` holds mkdocs.yml's site_url and repo_url


def _check_repo_url(value: str) -> str:
    _check_site_url(value)
    return value


def _session_types(value: str) -> list[tuple[str, str]]:
    """ "Workshop, Webinar" → [("workshop", "Workshop"), ("webinar", "Webinar")]."""
    titles = [t.strip() for t in str(value).split(",") if t.strip()]
    types = [(slugify(t), t) for t in titles]
    if not types or any(not ident for ident, _ in types):
        raise ValueError(f"'{value}' names no kind of session: give titles separated by commas, e.g. Workshop, Webinar")
    if len({ident for ident, _ in types}) != len(types):
        raise ValueError(f"'{value}' names a kind of session twice")
    return types


def _first_of_next_month() -> dt.date:
    today = dt.date.today()
    return dt.date(today.year + today.month // 12, today.month % 12 + 1, 1)


def _asks(root: Path) -> list[Ask]:
    return [
        Ask("name", "Hub name (the site's title)", check=check_plain_setting),
        Ask(
            "organization",
            "Organization (for the copyright line)",
            default=lambda v: v["name"],
            check=check_plain_setting,
        ),
        Ask(
            "repo_url",
            "Repository address (https://github.com/OWNER/REPO)",
            default=lambda v: _git_remote(root),
            check=_check_repo_url,
        ),
        Ask("site_url", "Site address", default=lambda v: _pages_url(v["repo_url"]), check=_check_site_url),
        Ask("program", "First program's title"),
        Ask(
            "timezone",
            "Its time zone (a place's zone, e.g. America/Chicago; PST or CET are understood)",
            check=models.check_timezone,
            convert=read_timezone,
        ),
        Ask(
            "session_types",
            "Its kinds of session, separated by commas",
            default=lambda v: "Workshop, Webinar",
            check=_session_types,
        ),
        Ask("cohort", "First cohort's title", default=lambda v: f"{_first_of_next_month().year} Cohort"),
        Ask(
            "starts",
            "Its first day (YYYY-MM-DD)",
            default=lambda v: str(_first_of_next_month()),
            check=models.parse_date,
        ),
        Ask(
            "ends",
            "Its last day (YYYY-MM-DD)",
            default=lambda v: str(models.parse_date(v["starts"]) + dt.timedelta(days=364)),
            check=models.parse_date,
        ),
        Ask("session", "First session's title", default=lambda v: "Welcome and introductions"),
        Ask("date", "Its date (YYYY-MM-DD)", default=lambda v: v["starts"], check=models.parse_date),
        Ask("time", "Its time (17:00-18:30; empty for all day)", check=models.parse_time_range, optional=True),
        Ask("person", "Your name (the first person on the hub, who facilitates that session)"),
        Ask("topic", "A first topic", default=lambda v: "Getting started"),
        Ask("reading", "A first reading's title", default=lambda v: "How to use this hub"),
    ]


#: Where the answers of a stopped run wait for the next one, under the hub's folder (.cache is never committed).
SAVED = ".cache/hubgen/init-answers.json"


def _saved(root: Path) -> dict[str, str]:
    try:
        found = json.loads((root / SAVED).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return (
        {k: v for k, v in found.items() if isinstance(k, str) and isinstance(v, str)} if isinstance(found, dict) else {}
    )


def _keeps(answer: str) -> Callable[[dict[str, Any]], str | None]:
    return lambda values: answer


def converse(root: Path, given: dict[str, Any], interactive: bool) -> dict[str, Any]:
    """The answers to init's questions: the flags, then (in a terminal) each question asked until it has an answer.

    The answers of a run stopped with Ctrl-C or Ctrl-D are kept in :data:`SAVED` and offered as the defaults of the
    next run; the stopped run also prints them as the flags that give them. Raises :class:`Stopped` after saying so.
    """
    asks = _asks(root)
    saved = _saved(root) if interactive else {}
    if saved:
        print(
            f"Answers from the run you stopped are offered in [brackets]: Enter keeps one ({SAVED}).", file=sys.stderr
        )
        asks = [dataclasses.replace(a, default=_keeps(saved[a.name])) if a.name in saved else a for a in asks]
    try:
        values = collect(asks, given, interactive)
    except Stopped as stop:
        answers = {**saved, **{k: str(v) for k, v in given.items() if k in {a.name for a in asks}}, **stop.answers}
        answers = {k: str(v) for k, v in answers.items() if v not in (None, "")}
        print("\nhubgen init: stopped; the hub is as it was.", file=sys.stderr)
        if answers:
            if root.is_dir():
                (root / SAVED).parent.mkdir(parents=True, exist_ok=True)
                (root / SAVED).write_text(json.dumps(answers, indent=2, ensure_ascii=False), encoding="utf-8")
                print(f"Your answers are kept in {SAVED}: the next `hubgen init` offers them.", file=sys.stderr)
            print(f"Or go on with: hubgen init {as_flags(answers)}", file=sys.stderr)
        raise
    (root / SAVED).unlink(missing_ok=True)
    return values


# -- writing -------------------------------------------------------------------------------------


@dataclass
class Plan:
    """The new hub's files: path relative to the hub → text."""

    files: dict[str, str]
    values: dict[str, Any]


def _env() -> jinja2.Environment:
    return starter_env(HUB_STARTERS)


def _forms(root: Path, v: dict[str, Any]) -> dict[str, str]:
    """The issue forms, with the example's program list, wording and contact link replaced."""
    out: dict[str, str] = {}
    folder = root / FORMS
    if not folder.is_dir():
        return out
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        text = path.read_text(encoding="utf-8")
        if path.name == "share-project.yml":
            text = replace_options(text, "program", [v["program"]])
            text = text.replace(
                "you are carrying back to your health center, coalition or neighborhood", "you are working on"
            )
        if path.name == "config.yml":
            text = re.sub(r"(\n\s*url: ).*\n", lambda m: f"{m.group(1)}{v['site_url']}\n", text, count=1)
        out[f"{FORMS}/{path.name}"] = text
    return out


def plan(root: Path, v: dict[str, Any]) -> Plan:
    """Every file of the new hub, from the answers ``v``."""
    env = _env()
    types = _session_types(v["session_types"])
    ids = {
        "program_id": slugify(v["program"])[:60].strip("-") or "program",
        "cohort_id": slugify(v["cohort"])[:60].strip("-") or "cohort",
        "person_id": slugify(v["person"])[:60].strip("-") or "person",
        "topic_id": slugify(v["topic"])[:60].strip("-") or "topic",
        "reading_id": slugify(v["reading"])[:60].strip("-") or "reading",
    }
    date = models.parse_date(v["date"])
    context = {
        **v,
        **ids,
        "content_dir": "content",
        "session_types": types,
        "session_type": types[0][0],
        "custom_dir": (root / "theme").is_dir(),
        "description": f"Sessions, readings, people and projects of {v['organization']}'s learning programs.",
        "reading_url": v["repo_url"].rstrip("/") + "#readme",
    }
    program = f"programs/{ids['program_id']}"
    cohort = f"{program}/{ids['cohort_id']}"
    session = slugify(v["session"])[:50].strip("-") or "session"
    files = {
        "mkdocs.yml": env.get_template("mkdocs.yml.j2").render(context),
        "content/index.md": env.get_template("index.md.j2").render(context),
        "content/stylesheets/hub.css": (HUB_STARTERS / "hub.css").read_text(encoding="utf-8"),
        "content/topics.yml": env.get_template("topics.yml.j2").render(context),
        f"content/people/{ids['person_id']}.yml": env.get_template("person.yml.j2").render(context),
        f"content/readings/{ids['reading_id']}.yml": env.get_template("reading.yml.j2").render(context),
        f"{program}/program.yml": env.get_template("program.yml.j2").render(context),
        f"{cohort}/cohort.yml": env.get_template("cohort.yml.j2").render(context),
        f"{cohort}/sessions/{date}-{session}.md": env.get_template("session.md.j2").render(context),
        **_forms(root, v),
    }
    return Plan(files, {**v, **ids})


def write(root: Path, new: Plan) -> None:
    """Write ``new`` beside the hub, check it, then swap it in for the old files all at once (or not at all)."""
    staging = Path(tempfile.mkdtemp(prefix=".hubgen-init-", dir=root))
    backup = Path(tempfile.mkdtemp(prefix=".hubgen-old-", dir=root))
    try:
        for name, text in new.files.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        if (root / "theme").is_dir():  # the hub's theme stays where it is; the check looks for it beside mkdocs.yml
            (staging / "theme").symlink_to(root / "theme", target_is_directory=True)
        _, problems = Workspace(staging / "mkdocs.yml").load(include_drafts=False)
        if problems.errors:  # a value that passed its question but not the hub's check
            raise Refused("the new hub would not pass the check:\n" + "\n".join(p.format() for p in problems.errors))
        try:
            for part in REPLACED:
                if (root / part).exists():
                    (backup / part).parent.mkdir(parents=True, exist_ok=True)
                    os.replace(root / part, backup / part)
            for part in REPLACED:
                if (staging / part).exists():
                    (root / part).parent.mkdir(parents=True, exist_ok=True)
                    os.replace(staging / part, root / part)
        except BaseException:
            for part in REPLACED:  # put back what was there
                if (backup / part).exists():
                    if (root / part).is_dir():
                        shutil.rmtree(root / part)
                    elif (root / part).exists():
                        (root / part).unlink()
                    os.replace(backup / part, root / part)
            raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(backup, ignore_errors=True)


NEXT = """\
Next:
  hubgen check                      every file is valid (it is now)
  make serve                        preview at http://127.0.0.1:8000
  Edit content/index.md (the home page), {program}/program.yml (summary, objectives, session types),
  add sessions with `hubgen new session`, people with `hubgen new person`, readings with `hubgen new reading`.
  Publish: on GitHub, Settings → Pages → Source: GitHub Actions; the publish workflow builds main.
"""


def _run(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    if not root.is_dir():
        print(f"hubgen init: there is no folder {args.root}", file=sys.stderr)
        return 2
    mine = own_files(root)
    if mine and not args.force:
        shown = ", ".join(mine[:8]) + (f" and {len(mine) - 8} more" if len(mine) > 8 else "")
        print(
            f"hubgen init: this hub is not the untouched example — {len(mine)} file(s) would be lost: {shown}.\n"
            "Run `hubgen init --force` to replace them anyway (commit them first: git can bring them back).",
            file=sys.stderr,
        )
        return 1
    given = {k: v for k, v in vars(args).items() if v is not None}
    interactive = sys.stdin.isatty() and not args.yes
    try:
        values = converse(root, given, interactive)
        new = plan(root, values)
        write(root, new)
    except Refused as exc:
        print(f"hubgen init: {exc}", file=sys.stderr)
        return 1
    except Stopped:
        return 130
    for name in sorted(new.files):
        print(name)
    print(NEXT.format(program=f"programs/{new.values['program_id']}"), file=sys.stderr)
    return 0


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "init",
        help="replace the example hub with a small, valid hub of your own",
        description="Replace the example hub (mkdocs.yml, content/, programs/, the issue forms) with a hub of "
        "your own: one program, cohort, session, person, reading and topic, and a home page. Missing values are "
        "asked for in a terminal; with --yes, defaults are taken and nothing is asked.",
    )
    p.add_argument("--root", default=".", help="the repository's folder; default: here")
    for ask in _asks(Path(".")):
        p.add_argument(f"--{ask.name.replace('_', '-')}", dest=ask.name, help=ask.question)
    p.add_argument("--yes", action="store_true", help="ask nothing: take the defaults, fail on a missing value")
    p.add_argument("--force", action="store_true", help="replace a hub that is not the untouched example")
    p.set_defaults(run=_run)
