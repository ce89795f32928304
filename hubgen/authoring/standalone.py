"""``hubgen init DIR``: a standalone hub repository in a new folder — the hub's content and nothing of Hubgen's.

It writes what the in-place ``hubgen init`` writes (mkdocs.yml, ``content/``, ``programs/``: one program, cohort,
session, person, reading and topic, from the same questions), and around it what a repository needs to live on its
own: ``requirements.txt`` pinning this Hubgen, a ``Makefile`` (setup, serve, check, build, test, forms), a
``.gitignore``, the issue forms for its program, the check and publish workflows, and a README for the hub's staff
in the hub's own names and paths. No ``theme/``: a hub makes one when it overrides a template. Everything is
written into a folder beside ``DIR`` and checked first; only then is it moved into place.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from .. import SOURCE, __version__
from ..content.models import parse_date
from ..content.problems import Problem
from ..hub.workspace import Workspace
from . import init
from .forms import FORMS, SHARE_PROJECT, replace_options, scalar
from .scaffold import Refused, collect, starter_env

STARTERS = init.HUB_STARTERS / "standalone"
#: The file that pins Hubgen's version in a hub (a weekly workflow or ``hubgen upgrade`` moves the pin).
PIN_FILE = "requirements.txt"
#: The versions of Hubgen's dependencies a hub installs within (``make setup``: ``pip install -c constraints.txt``),
#: written by Hubgen from the release's own hubgen/constraints.txt; ``hubgen upgrade`` writes it again.
CONSTRAINTS_FILE = "constraints.txt"
_WRITTEN = re.compile(r"^# Written by Hubgen (\d+)\.(\d+)\.(\d+)\b")
#: The extras a hub installs: what its ``make test`` runs.
EXTRAS = "checks"
PINS = ("git", "index")


def requirement(version: str = __version__, pin: str = "git") -> str:
    """The requirement line that pins Hubgen: from this repository at the version's tag, or from the index."""
    if pin == "index":
        return f"hubgen[{EXTRAS}]=={version}"
    return f"hubgen[{EXTRAS}] @ git+{SOURCE}@v{version}"


def constraints(version: str = __version__) -> str:
    """The hub's constraints.txt: the versions this release of Hubgen was built and tested with."""
    shipped = (Path(__file__).parent.parent / "constraints.txt").read_text(encoding="utf-8")
    pins = [line for line in shipped.splitlines() if line.strip() and not line.startswith("#")]
    return (
        f"# Written by Hubgen {version}: the versions of its dependencies that release was built and tested with.\n"
        "# `make setup` installs within them, so the hub's site is the same tomorrow as today. Do not edit it:\n"
        "# `hubgen upgrade` writes it again for the Hubgen that requirements.txt pins, once that is installed.\n"
        + "\n".join(pins)
        + "\n"
    )


PENDING = (
    "# Written by `hubgen upgrade --pin`: the pin in requirements.txt moved, so these are open until the new Hubgen\n"
    "# is installed (make setup) and `hubgen upgrade` writes its versions here.\n"
)


def stale_constraints(root: Path) -> list[Problem]:
    """A standalone hub's constraints.txt that is not the installed Hubgen's: missing, pending or another release's."""
    if not (root / PIN_FILE).is_file():  # not a standalone hub (a copy of Hubgen's own repository)
        return []
    path = root / CONSTRAINTS_FILE
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    found = _WRITTEN.match(text)
    written = tuple(int(n) for n in found.groups()) if found else None
    installed = tuple(int(n) for n in __version__.split(".")[:3])
    if written == installed:
        return []
    if written is not None and written > installed:
        fix = (
            f"it is Hubgen {'.'.join(map(str, written))}'s, but Hubgen {__version__} is installed — install the "
            "pinned Hubgen with `make setup`"
        )
    elif text.startswith(PENDING):
        fix = "not written yet — install the Hubgen requirements.txt pins (`make setup`), then run `hubgen upgrade`"
    else:
        what = f"Hubgen {'.'.join(map(str, written))}'s" if written else "missing"
        fix = f"{what}, but Hubgen {__version__} is installed — run `hubgen upgrade` to write this release's versions"
    return [Problem(CONSTRAINTS_FILE, 1, 1, f"the versions Hubgen is installed within are {fix}", severity="warning")]


def reference_url(version: str = __version__) -> str:
    """Hubgen's full reference (its README) for ``version``."""
    return f"{SOURCE}/blob/v{version}/README.md"


def workflows() -> dict[str, str]:
    """The hub's GitHub workflows, every file of starters/hub/standalone/workflows/: path in the hub → text."""
    folder = STARTERS / "workflows"
    return {f".github/workflows/{path.name}": path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.yml"))}


def files(values: dict[str, Any], hub: init.Plan, pin: str = "git") -> dict[str, str]:
    """The repository's files around the hub's content: path → text."""
    v = hub.values
    env = starter_env(STARTERS)
    program_dir = f"programs/{v['program_id']}"
    sessions = f"{program_dir}/{v['cohort_id']}/sessions"
    session_file = next(name for name in hub.files if name.startswith(f"{sessions}/"))
    example = f"{parse_date(values['date']) + dt.timedelta(days=7)}-next-session.md"
    context = {
        **values,
        **v,
        "version": __version__,
        "hubgen_source": SOURCE,
        "reference": reference_url(),
        "changelog": f"{SOURCE}/blob/main/CHANGELOG.md",
        "changelog_url": f"{SOURCE}/blob/main/CHANGELOG.md",
        "requirement": requirement(pin=pin),
        "program_dir": program_dir,
        "sessions_dir": sessions,
        "session_file": session_file.rsplit("/", 1)[1],
        "example_file": example,
        "type_ids": ", ".join(f"`{ident}`" for ident, _ in init._session_types(values["session_types"])),
    }
    share = (STARTERS / "forms" / "share-project.yml").read_text(encoding="utf-8")
    config = (STARTERS / "forms" / "config.yml").read_text(encoding="utf-8")
    return {
        "README.md": env.get_template("README.md.j2").render(context),
        PIN_FILE: env.get_template("requirements.txt.j2").render(context),
        CONSTRAINTS_FILE: constraints(),
        "Makefile": (STARTERS / "Makefile").read_text(encoding="utf-8"),
        ".gitignore": (STARTERS / "gitignore").read_text(encoding="utf-8"),
        **workflows(),
        SHARE_PROJECT: replace_options(share, "program", [values["program"]]),
        f"{FORMS}/suggest-resource.yml": (STARTERS / "forms" / "suggest-resource.yml").read_text(encoding="utf-8"),
        f"{FORMS}/config.yml": config.replace("SITE_URL", scalar(values["site_url"])),
    }


def write(target: Path, new: dict[str, str]) -> None:
    """Write ``new`` into a folder beside ``target``, check the hub there, then move it to ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.hubgen-init-", dir=target.parent))
    try:
        for name, text in new.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        _, problems = Workspace(staging / "mkdocs.yml").load(include_drafts=False)
        if problems.errors:  # a value that passed its question but not the hub's check
            raise Refused("the new hub would not pass the check:\n" + "\n".join(p.format() for p in problems.errors))
        if target.is_dir():  # an empty folder: keep it (it may be a fresh clone's, or a mount)
            for child in staging.iterdir():
                os.replace(child, target / child.name)
        else:
            os.replace(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


NEXT = """\
A new hub in {folder}/ (Hubgen {version}, pinned in requirements.txt). Next:
  cd {folder}
  git init && git add . && git commit -m "A new hub"
  make serve                        preview at http://127.0.0.1:8000
  make test                         the hub's checks, as every pull request runs them
  Its README.md says how to add a session ({sessions}/), check, preview and publish.
"""


def run(args: argparse.Namespace) -> int:
    """``hubgen init DIR``: refuse a folder with anything in it, ask or take the values, write the hub."""
    target = Path(args.dir).resolve()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        print(
            f"hubgen init: {args.dir} is not an empty folder — a new hub goes into a new folder, e.g. "
            f"`hubgen init {target.name}-hub`. To replace the example hub of a clone of Hubgen, run "
            "`hubgen init --root .` instead.",
            file=sys.stderr,
        )
        return 1
    given = {k: v for k, v in vars(args).items() if v is not None}
    interactive = sys.stdin.isatty() and not args.yes
    try:
        values = collect(init._asks(target), given, interactive)
        hub = init.plan(target, values)
        new = {**hub.files, **files(values, hub, pin=args.pin)}
        write(target, new)
    except Refused as exc:
        print(f"hubgen init: {exc}", file=sys.stderr)
        return 1
    for name in sorted(new):
        print(name)
    sessions = f"programs/{hub.values['program_id']}/{hub.values['cohort_id']}/sessions"
    print(NEXT.format(folder=args.dir.rstrip("/"), version=__version__, sessions=sessions), file=sys.stderr)
    return 0


def _init(args: argparse.Namespace) -> int:
    """``hubgen init DIR`` here; ``hubgen init`` (no DIR) is the in-place init of a clone's example."""
    return run(args) if args.dir is not None else int(init._run(args))


def add_parser(sub: Any) -> None:
    """``hubgen init``: the in-place init's questions and flags, plus DIR and --pin for a standalone hub."""
    init.add_parser(sub)
    p = sub.choices["init"]
    p.description = (
        "hubgen init DIR makes a standalone hub repository in the new folder DIR: content/ and programs/ (one "
        "program, cohort, session, person, reading and topic, and a home page), mkdocs.yml, requirements.txt "
        "pinning this Hubgen, a Makefile, the issue forms, the check and publish workflows and a README for the "
        "hub's staff. Without DIR, it replaces the example hub of a clone of Hubgen's repository (mkdocs.yml, "
        "content/, programs/, the issue forms) in place. Missing values are asked for in a terminal; with --yes, "
        "defaults are taken and nothing is asked."
    )
    p.add_argument("dir", nargs="?", help="a new (or empty) folder for a standalone hub repository")
    p.add_argument(
        "--pin",
        choices=PINS,
        default="git",
        help="DIR's requirements.txt installs Hubgen from its repository at this version's tag (git, the default) "
        "or from the package index (index)",
    )
    p.set_defaults(run=_init)
