"""The ``hubgen`` command: check a hub's content without building the site."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import sys
import time
from pathlib import Path
from typing import TextIO

from . import __version__, checks
from .adapters import commands as engines
from .authoring import forms, fromissue, importer, scaffold, schema, standalone, upgrade
from .content.history import SHALLOW_NOTE, is_shallow
from .content.problems import printable
from .hub.workspace import Workspace, privacy_note
from .site import i18n


def _report(workspace: Workspace, args: argparse.Namespace, note: bool = True) -> int:
    loaded, problems = workspace.load()
    problems.extend(forms.stale(workspace.root, loaded))  # an issue form offering programs the hub no longer has
    problems.extend(standalone.stale_constraints(workspace.root))  # a pinned Hubgen's versions not yet written
    problems.extend(i18n.language_problems(workspace.config_file))  # strings of Hubgen's the hub's language lacks
    for problem in problems:
        print(problem.format_github() if args.format == "github" else problem.format())
    if note and is_shallow(workspace.root):
        print(
            f"::notice title=Shallow clone::{SHALLOW_NOTE}" if args.format == "github" else f"note: {SHALLOW_NOTE}",
            file=sys.stderr,
        )
    privacy = privacy_note(loaded) if note else None
    if privacy:  # a note, not a warning: it never fails the check, --strict or not; stdout holds only problems
        text = f"::notice title=Privacy::{privacy}" if args.format == "github" else f"note: {privacy}"
        print(text, file=sys.stderr)
    failed = bool(problems.errors) or (args.strict and bool(problems.warnings))
    print(("✗ " if failed else "✓ ") + problems.summary(), file=sys.stderr, flush=True)
    return 1 if failed else 0


def _check(args: argparse.Namespace) -> int:
    workspace = Workspace.find(args.root)
    if workspace is None:
        return 2
    status = _report(workspace, args)
    if not args.watch:
        return status
    print("Watching for changes — save a file to check again; Ctrl-C to stop.", file=sys.stderr, flush=True)
    seen = workspace.sources()
    try:
        while True:
            time.sleep(args.interval)
            now = workspace.sources()
            if now != seen:
                seen = now
                print(f"\n— {dt.datetime.now():%H:%M:%S} —", file=sys.stderr, flush=True)
                _report(workspace, args, note=False)
    except KeyboardInterrupt:
        return 0


def _schema(args: argparse.Namespace) -> int:
    folder = Path(args.out) if args.out else schema.SCHEMA_DIR
    if args.check:
        stale = [
            kind
            for kind in schema.KINDS
            if not (folder / f"{kind}.schema.json").is_file()
            or (folder / f"{kind}.schema.json").read_text(encoding="utf-8") != schema.render(kind)
        ]
        for kind in stale:
            print(f"{folder / f'{kind}.schema.json'}: out of date — run `hubgen schema`", file=sys.stderr)
        return 1 if stale else 0
    for path in schema.write_all(folder):
        print(path)
    return 0


class _Printable(io.TextIOBase):
    """A terminal's stream through which every command prints: a value holding a terminal escape (ESC) or half of
    a character is written out (``\\x1b``), never sent to the terminal or CI's log as it is."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(printable(text, lines=True))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:  # input() still edits the line in a terminal (its prompt is the command's own text)
        return self.stream.fileno()


def main(argv: list[str] | None = None) -> int:
    """The ``hubgen`` command; whatever it prints passes through :func:`~.content.problems.printable`."""
    with (
        contextlib.redirect_stdout(_Printable(sys.stdout)),
        contextlib.redirect_stderr(_Printable(sys.stderr)),
    ):
        return _main(argv)


def _main(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(prog="hubgen", description="Check, scaffold and describe a Hubgen learning hub.")
    parser.add_argument("--version", action="version", version=f"hubgen {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="report every problem in the hub's content, with file and line")
    check.add_argument("root", nargs="?", default=".", help="the hub's folder (with mkdocs.yml); default: here")
    check.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="'github' prints workflow annotations shown on the lines of a pull request",
    )
    check.add_argument("--strict", action="store_true", help="warnings fail the check too")
    check.add_argument("--watch", action="store_true", help="check again whenever a content file is saved")
    check.add_argument("--interval", type=float, default=0.5, help=argparse.SUPPRESS)
    check.set_defaults(run=_check)

    schemas = sub.add_parser("schema", help="write the JSON Schemas editors use for completion and inline errors")
    schemas.add_argument("--out", help=f"folder to write them to (default: {schema.SCHEMA_DIR})")
    schemas.add_argument("--check", action="store_true", help="only report schemas that are out of date")
    schemas.set_defaults(run=_schema)

    standalone.add_parser(sub)  # hubgen init DIR: a hub repository of one's own (or, without DIR, in place)
    scaffold.add_parser(sub)
    importer.add_parser(sub)  # hubgen import FILE: readings from a Zotero export
    forms.add_parser(sub)  # hubgen forms: the issue forms' program list from the programs
    fromissue.add_parser(sub)  # hubgen from-issue: a "Suggest a resource"/"Share your project" issue → a file
    checks.add_parser(sub)  # hubgen test: the hub's checks (hubgen/checks/)
    engines.add_parser(sub)  # hubgen build/serve --engine, hubgen export DIR: the hub under any engine
    upgrade.add_parser(sub)  # hubgen upgrade: the renames of newer releases made in the hub's files

    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
