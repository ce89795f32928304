"""The issue forms follow the programs: ``hubgen forms`` writes the "Share your project" form's program list from
the hub's programs, and ``hubgen check`` names a stale list at the form's line, with the lines to put there.

Only the dropdown's options are rewritten; the form's wording, comments and layout stay as the hub wrote them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

from ..content.problems import Problem
from ..hub.graph import Hub
from ..hub.workspace import Workspace

FORMS = ".github/ISSUE_TEMPLATE"
#: The form with a program list, relative to the hub's folder, and the dropdown's ``id`` in it.
SHARE_PROJECT = f"{FORMS}/share-project.yml"
FIELD = "program"


def replace_options(text: str, field: str, options: list[str]) -> str:
    """The dropdown ``field`` of an issue form with ``options`` as its choices (comments and layout kept)."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.strip() == f"id: {field}"), None)
    if start is None:
        return text
    at = next((i for i in range(start, len(lines)) if lines[i].strip() == "options:"), None)
    if at is None:
        return text
    end = at + 1
    while end < len(lines) and lines[end].lstrip().startswith("- "):
        end += 1
    indent = lines[at + 1][: len(lines[at + 1]) - len(lines[at + 1].lstrip())] if end > at + 1 else "  "
    return "".join([*lines[: at + 1], *(f"{indent}- {scalar(o)}\n" for o in options), *lines[end:]])


def scalar(text: str) -> str:
    """``text`` as a YAML value on one line: plain when YAML reads it back as the same text, quoted otherwise."""
    return yaml.safe_dump(text, allow_unicode=True, width=10**6).removesuffix("\n").removesuffix("\n...")


def _options(text: str, field: str) -> tuple[list[str], int, int] | None:
    """The choices of the dropdown ``field`` and the line and column of its ``options:``; None if there is none."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        return None
    body = _get(root, "body")
    if not isinstance(body, yaml.SequenceNode):
        return None
    for item in body.value:
        ident = _get(item, "id")
        if isinstance(ident, yaml.ScalarNode) and ident.value == field:
            attributes = _get(item, "attributes")
            for key, value in attributes.value if isinstance(attributes, yaml.MappingNode) else []:
                if key.value == "options" and isinstance(value, yaml.SequenceNode):
                    choices = [str(v.value) for v in value.value if isinstance(v, yaml.ScalarNode)]
                    return choices, key.start_mark.line + 1, key.start_mark.column + 1
    return None


def _get(node: Any, name: str) -> Any:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == name:
                return value
    return None


def titles(hub: Hub) -> list[str]:
    """The programs' titles, as the form offers them."""
    return [program.title for program in hub.programs]


def stale(root: Path, hub: Hub) -> list[Problem]:
    """A problem at the form's ``options:`` line when its program list is not the hub's programs."""
    form = root / SHARE_PROJECT
    if not form.is_file():
        return []
    found = _options(form.read_text(encoding="utf-8"), FIELD)
    if found is None:
        return []
    options, line, column = found
    wanted = titles(hub)
    if sorted(options) == sorted(wanted):
        return []
    listed = ", ".join(f"- {scalar(t)}" for t in wanted)
    message = (
        "the 'Program' choices are not the hub's programs"
        + (f" (missing: {', '.join(sorted(set(wanted) - set(options)))})" if set(wanted) - set(options) else "")
        + (f" (no such program: {', '.join(sorted(set(options) - set(wanted)))})" if set(options) - set(wanted) else "")
        + f" — run `hubgen forms`, or make the lines under 'options:' these, one a line: {listed}"
    )
    return [Problem(SHARE_PROJECT, line, column, message, "options")]


def write(root: Path, hub: Hub) -> Path | None:
    """Rewrite the form's program list from the hub's programs; the form's path if it changed."""
    form = root / SHARE_PROJECT
    if not form.is_file():
        return None
    text = form.read_text(encoding="utf-8")
    new = replace_options(text, FIELD, titles(hub))
    if new == text:
        return None
    form.write_text(new, encoding="utf-8")
    return form


def _run(args: argparse.Namespace) -> int:
    workspace = Workspace.find(args.root)
    if workspace is None:
        return 2
    hub, problems = workspace.load(include_drafts=True)
    if not hub.programs and problems.errors:
        print("hubgen forms: the hub's programs could not be read — run `hubgen check` first", file=sys.stderr)
        return 1
    changed = write(workspace.root, hub)
    if changed is None:
        print(f"{SHARE_PROJECT}: up to date" if (workspace.root / SHARE_PROJECT).is_file() else "no issue forms")
    else:
        print(f"{changed.relative_to(workspace.root).as_posix()}: the program list is now " + ", ".join(titles(hub)))
    return 0


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "forms",
        help="write the issue forms' program list from the hub's programs",
        description=f"Write the 'Program' choices of {SHARE_PROJECT} from the hub's programs (after adding or "
        "renaming a program). `hubgen check` reports a stale list.",
    )
    p.add_argument("root", nargs="?", default=".", help="the hub's folder (with mkdocs.yml); default: here")
    p.set_defaults(run=_run)
