"""``hubgen upgrade``: a hub's files brought up to this release of Hubgen, where the change is mechanical.

The hub is loaded as ``hubgen check`` loads it; each deprecated name it meets (the table in
hubgen/content/deprecations.py) is an edit at the line and column the check reports. The edits are made in
the files' text — one key renamed where it stands — so comments, quoting and layout stay as staff wrote them;
nothing is dumped again from parsed YAML. All or nothing: every edit is checked against the text first, and
no file is written unless all can be. What changed is printed, one line each; run again, it changes nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from ..content import deprecations
from ..content.deprecations import Edit
from ..hub.workspace import Workspace
from .refused import Refused


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "upgrade",
        help="rename, in the hub's files, what newer releases of Hubgen renamed (what `hubgen check` names)",
        description="Apply what is mechanical of an upgrade of Hubgen to the hub's files, in place: each name a "
        "newer release renamed is renamed where it stands (comments and layout kept). All or nothing; prints "
        "each change; running it again changes nothing.",
    )
    p.add_argument("root", nargs="?", default=".", help="the hub's folder (with mkdocs.yml); default: here")
    p.add_argument("--check", action="store_true", help="only list what would change; exit 1 if anything would")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    hub = Workspace.find(args.root)
    if hub is None:
        return 2
    edits = planned(hub)
    try:
        texts = edited(hub.root, edits)
    except Refused as refused:
        for problem in refused.problems:
            print(problem, file=sys.stderr)
        print("✗ nothing was changed", file=sys.stderr)
        return 1
    for edit in edits:
        print(f"{edit.file}:{edit.line}:{edit.column}: '{edit.old}' → '{edit.new}'")
    if not edits:
        print("✓ nothing to upgrade: the hub's files use this release's names", file=sys.stderr)
        return 0
    if args.check:
        print(f"✗ {_count(edits)} to change — run `hubgen upgrade`", file=sys.stderr)
        return 1
    write_all(texts)
    print(f"✓ changed {_count(edits)} — check the hub with `hubgen check --strict`", file=sys.stderr)
    left = [p for p in hub.load()[1] if any(p.message == row.message(True) for row in deprecations.DEPRECATIONS)]
    for still in left:  # not mechanical: a file with both names
        print(still.format(), file=sys.stderr)
    return 1 if left else 0


def _count(edits: list[Edit]) -> str:
    files = len({e.file for e in edits})
    return f"{len(edits)} name{'s' if len(edits) != 1 else ''} in {files} file{'s' if files != 1 else ''}"


def planned(hub: Workspace) -> list[Edit]:
    """Every mechanical edit the hub needs, in file and line order (each once)."""
    with deprecations.collecting() as edits:
        hub.load()
    return sorted(set(edits), key=lambda e: (e.file, e.line, e.column))


def edited(root: Path, edits: list[Edit]) -> dict[Path, str]:
    """The new text of each file the edits touch; :class:`Refused` if an edit does not meet its name where
    the check reported it (the file changed since, or the key is written in a way not renamed by hand here)."""
    by_file: dict[str, list[Edit]] = defaultdict(list)
    for edit in edits:
        by_file[edit.file].append(edit)
    out: dict[Path, str] = {}
    problems: list[str] = []
    for file, changes in by_file.items():
        path = root / file
        with path.open(encoding="utf-8", newline="") as handle:  # line endings as they are
            lines = handle.read().splitlines(keepends=True)
        for edit in sorted(changes, key=lambda e: (e.line, e.column), reverse=True):
            line = lines[edit.line - 1] if 0 < edit.line <= len(lines) else ""
            start = edit.column - 1
            key = next((q + edit.old + q for q in ("", '"', "'") if line.startswith(q + edit.old + q, start)), None)
            after = line[start + len(key) :].lstrip(" \t") if key else ""
            if key is None or not after.startswith(":"):
                problems.append(
                    f"{file}:{edit.line}:{edit.column}: expected the field '{edit.old}' here — rename it to "
                    f"'{edit.new}' by hand"
                )
                continue
            quote = key[0] if key[0] in "\"'" else ""
            lines[edit.line - 1] = line[:start] + quote + edit.new + quote + line[start + len(key) :]
        out[path] = "".join(lines)
    if problems:
        raise Refused(problems)
    return out


def write_all(texts: dict[Path, str]) -> None:
    """Write every file, or none: each new text goes beside its file first, then all are moved into place."""
    temporary: dict[Path, Path] = {}
    try:
        for path, text in texts.items():
            temp = path.with_name(f".{path.name}.hubgen-upgrade.{os.getpid()}")
            with temp.open("w", encoding="utf-8", newline="") as handle:
                handle.write(text)
            temporary[path] = temp
    except OSError:
        for temp in temporary.values():
            temp.unlink(missing_ok=True)
        raise
    for path, temp in temporary.items():
        temp.replace(path)  # each move is atomic; all the text was written before the first
