"""``hubgen upgrade``: a hub's files brought up to this release of Hubgen, where the change is mechanical.

Three steps, as the hub's weekly "Update Hubgen" workflow takes them (hubgen/starters/hub/standalone/workflows/
update-hubgen.yml): ``hubgen upgrade --pin latest`` moves the pin in requirements.txt to the newest release;
that release installed, ``hubgen upgrade --workflows`` makes its renames in the content and writes its versions
of the hub's workflow files.

The hub is loaded as ``hubgen check`` loads it; each deprecated name it meets (the table in
hubgen/content/deprecations.py) is an edit at the line and column the check reports. The edits are made in
the files' text — one key renamed where it stands — so comments, quoting and layout stay as staff wrote them;
nothing is dumped again from parsed YAML. All or nothing: every edit is checked against the text first, and
no file is written unless all can be. What changed is printed, one line each; run again, it changes nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from .. import __version__
from ..content import deprecations
from ..content.deprecations import Edit
from ..hub.workspace import Workspace
from . import standalone
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
    p.add_argument(
        "--pin",
        metavar="VERSION",
        help=f"only move the pin of Hubgen in {standalone.PIN_FILE} to VERSION ('latest': the newest release); "
        "then install it (make setup) and run `hubgen upgrade` with the new version",
    )
    p.add_argument(
        "--workflows",
        action="store_true",
        help="also write this Hubgen's versions of the hub's workflow files (.github/workflows/)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    hub = Workspace.find(args.root)
    if hub is None:
        return 2
    try:
        if args.pin:
            return _repin(hub.root, args.pin, args.check)
        edits = planned(hub)
        texts = edited(hub.root, edits)
        workflows = refreshed_workflows(hub.root) if args.workflows else {}
        workflows.update(refreshed_constraints(hub.root))
    except Refused as refused:
        for problem in refused.problems:
            print(problem, file=sys.stderr)
        print("✗ nothing was changed", file=sys.stderr)
        return 1
    for edit in edits:
        print(f"{edit.file}:{edit.line}:{edit.column}: '{edit.old}' → '{edit.new}'")
    for path in workflows:
        print(f"{path.relative_to(hub.root).as_posix()}: written as Hubgen {__version__} writes it")
    if not edits and not workflows:
        print("✓ nothing to upgrade: the hub's files are as this release writes them", file=sys.stderr)
        return 0
    if args.check:
        print(f"✗ {_count(edits, workflows)} to change — run `hubgen upgrade`", file=sys.stderr)
        return 1
    write_all({**workflows, **texts})  # all or nothing
    print(f"✓ changed {_count(edits, workflows)} — check the hub with `hubgen check --strict`", file=sys.stderr)
    left = [p for p in hub.load()[1] if any(p.message == row.message(True) for row in deprecations.DEPRECATIONS)]
    for still in left:  # not mechanical: a file with both names
        print(still.format(), file=sys.stderr)
    return 1 if left else 0


def _count(edits: list[Edit], workflows: dict[Path, str]) -> str:
    files = len({e.file for e in edits})
    parts = (
        [f"{len(edits)} name{'s' if len(edits) != 1 else ''} in {files} file{'s' if files != 1 else ''}"]
        if edits
        else []
    )
    if workflows:
        parts.append(f"{len(workflows)} workflow file{'s' if len(workflows) != 1 else ''}")
    return " and ".join(parts)


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
            path.parent.mkdir(parents=True, exist_ok=True)
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


# --- the pin and the workflow files ---------------------------------------------------------------------------------

#: Hubgen's line in requirements.txt: from a repository at a tag (``hubgen[checks] @ git+URL@v0.2.0``) or from the
#: package index (``hubgen[checks]==0.2.0``).
_PIN = re.compile(
    r"^(?P<head>\s*hubgen(?:\[[^\]]*\])?\s*)"
    r"(?:@\s*git\+(?P<source>\S+?)@v(?P<tag>[0-9][\w.]*)|==\s*(?P<version>[0-9][\w.]*))(?P<tail>.*)$",
    re.MULTILINE,
)
_RELEASE = re.compile(r"^v?(\d+)\.(\d+)\.(\d+)$")


def _repin(root: Path, to: str, dry: bool) -> int:
    path = root / standalone.PIN_FILE
    if not path.is_file():
        raise Refused(f"{standalone.PIN_FILE}: not found — a hub made by `hubgen init DIR` pins Hubgen there")
    text = path.read_text(encoding="utf-8")
    match = _PIN.search(text)
    if match is None:
        raise Refused(
            f"{standalone.PIN_FILE}: no line pins Hubgen (hubgen @ git+URL@vX.Y.Z, or hubgen==X.Y.Z) — "
            "pin it as `hubgen init DIR` writes it"
        )
    current = match.group("tag") or match.group("version")
    wanted = (
        (newest_tag(match.group("source")) if match.group("source") else newest_on_index()) if to == "latest" else to
    )
    wanted = wanted.removeprefix("v")
    if not _RELEASE.match(wanted):
        raise Refused(f"'{to}' is not a release of Hubgen: write it as 0.3.0")
    line = text.count("\n", 0, match.start()) + 1
    if wanted == current:
        print(f"✓ {standalone.PIN_FILE}:{line}: Hubgen {current} is pinned already", file=sys.stderr)
        return 0
    pin = f"@ git+{match.group('source')}@v{wanted}" if match.group("source") else f"=={wanted}"
    new = text[: match.start()] + match.group("head") + pin + match.group("tail") + text[match.end() :]
    print(f"{standalone.PIN_FILE}:{line}: Hubgen {current} → {wanted}")
    if dry:
        return 1
    # The old release's versions may not fit the new one: open until the new Hubgen writes its own.
    write_all({path: new, root / standalone.CONSTRAINTS_FILE: standalone.PENDING})
    print(f"✓ pinned Hubgen {wanted} — install it (make setup), then run `hubgen upgrade`", file=sys.stderr)
    return 0


def _newest(versions: list[str]) -> str:
    releases = [v for v in versions if _RELEASE.match(v)]
    if not releases:
        raise Refused("no release of Hubgen found")
    return max(releases, key=lambda v: tuple(int(n) for n in _RELEASE.match(v).groups()))  # type: ignore[union-attr]


def newest_tag(source: str) -> str:
    """The newest release tag (``vX.Y.Z``) of the repository at ``source``."""
    try:
        listed = subprocess.run(
            ["git", "ls-remote", "--tags", "--refs", source, "v*"], capture_output=True, text=True, timeout=120
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise Refused(f"could not list the releases of {source}: {exc}") from exc
    if listed.returncode != 0:
        raise Refused(f"could not list the releases of {source}: {listed.stderr.strip()}")
    return _newest([line.rsplit("refs/tags/", 1)[-1] for line in listed.stdout.splitlines()])


def newest_on_index() -> str:
    """The newest release of Hubgen on the package index pip is set to use."""
    listed = subprocess.run(
        [sys.executable, "-m", "pip", "index", "versions", "hubgen"], capture_output=True, text=True, timeout=300
    )
    found = re.search(r"^hubgen \(([^)]+)\)", listed.stdout, re.MULTILINE)
    if listed.returncode != 0 or found is None:
        raise Refused(f"could not find Hubgen's releases on the package index: {listed.stderr.strip()[:300]}")
    return found.group(1)


def refreshed_constraints(root: Path) -> dict[Path, str]:
    """A standalone hub's constraints.txt, when it is not this release's: path → this release's text."""
    if not (root / standalone.PIN_FILE).is_file():
        return {}
    target = root / standalone.CONSTRAINTS_FILE
    text = standalone.constraints()
    return {} if target.is_file() and target.read_text(encoding="utf-8") == text else {target: text}


def refreshed_workflows(root: Path) -> dict[Path, str]:
    """The hub's workflow files that differ from this Hubgen's (check, publish, update-hubgen): path → new text.
    A hub's own other workflows are left alone."""
    out: dict[Path, str] = {}
    for starter in sorted((standalone.STARTERS / "workflows").glob("*.yml")):
        target = root / ".github" / "workflows" / starter.name
        text = starter.read_text(encoding="utf-8")
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            out[target] = text
    return out
