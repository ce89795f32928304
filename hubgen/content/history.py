"""When each source file last changed, and how many times: calendar SEQUENCE and LAST-MODIFIED.

A static site has no database to remember that a session was edited, but its git
repository does. A calendar feed needs, for every event:

- ``SEQUENCE``, a number that rises whenever the event changes, so a calendar replaces
  the copy it has instead of keeping both. Here it is the number of commits that touched
  the event's source files (following renames), plus one while a file has uncommitted
  edits. Each edit that reaches ``main`` is a commit, so the number only goes up.
- ``LAST-MODIFIED`` and ``DTSTAMP``: the time of the last of those commits (or the file's
  modification time while it has uncommitted edits). Never the build's clock: two
  builds of the same commit give byte-identical feeds.

Everything comes from ONE ``git log`` over the hub's folder, read once per build.
Outside a git checkout (a downloaded zip), every SEQUENCE is 0 and the files'
modification times stand in. A shallow clone (CI's default ``fetch-depth: 1``) sees
only its last commit, so counting its commits would silently lower every SEQUENCE:
:attr:`History.shallow` says so, the build warns (``--strict`` fails), and every event
gets SEQUENCE 0 and the time of that commit — the same for every build of it. The
workflows fetch the whole history (``fetch-depth: 0``).
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .cachefile import write_replacing

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Revision:
    """How many times a set of files changed, and when first and last."""

    sequence: int
    modified: dt.datetime  # aware, UTC, whole seconds
    created: dt.datetime | None = None


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "-c", "core.quotepath=off", *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


@dataclass
class History:
    """The git history of the files under ``root`` (the folder holding mkdocs.yml)."""

    root: Path
    in_git: bool = False
    shallow: bool = False
    _commits: dict[str, set[int]] = field(default_factory=dict)  # path → indices of the commits touching it
    _times: list[int] = field(default_factory=list)  # commit index → commit time (seconds)
    _dirty: set[str] = field(default_factory=set)

    @classmethod
    def read(cls, root: Path, cache_dir: Path | None = None) -> History:
        """The history of ``root``. With a ``cache_dir`` (``.cache/hubgen/``), the commits are kept there for the
        next build of the same commit: the log, renames followed, takes a tenth of a second on a repository of a
        few hundred commits, and grows with it; what is not committed yet is looked up on every build."""
        history = cls(root)
        facts = _git(root, "rev-parse", "--is-inside-work-tree", "--is-shallow-repository", "--show-prefix", "HEAD")
        if facts is None:  # not a checkout, or one with no commit yet (HEAD names none)
            if _git(root, "rev-parse", "--is-inside-work-tree") is None:
                return history
            facts = "true\n" + ("true" if is_shallow(root) else "false") + "\n"
        inside, shallow, *head = [*facts.splitlines(), ""]
        history.in_git = inside == "true"
        history.shallow = shallow == "true"
        if history.shallow:
            last = (_git(root, "log", "-1", "--format=%ct") or "").strip()
            history._times = [int(last)] if last.isdigit() else []
            return history
        # The log of a commit, as seen from the hub's folder within the repository (its prefix), never changes.
        commits = _Commits(cache_dir, " ".join(head[:2]) if len(head) > 2 else None)
        if not commits.read_into(history):
            log = _git(root, "log", "--relative", "-M", "--name-status", "--format=%x1e%ct", "--", ".")
            if log:
                history._parse(log)
            commits.keep(history)
        changed = _git(root, "diff", "--relative", "--name-only", "HEAD", "--", ".") or ""
        untracked = _git(root, "ls-files", "--others", "--exclude-standard", "--", ".") or ""
        history._dirty = {line for line in (changed + "\n" + untracked).splitlines() if line}
        return history

    def _parse(self, log: str) -> None:
        """Walk the commits newest first, following each file back through its renames."""
        alias: dict[str, str] = {}  # a name the file had in older commits → its name today
        seen_today: set[str] = set()
        for index, chunk in enumerate(c for c in log.split("\x1e") if c.strip()):
            lines = chunk.strip("\n").split("\n")
            self._times.append(int(lines[0]))
            for line in lines[1:]:
                parts = line.split("\t")
                if len(parts) < 2:
                    continue
                status, path = parts[0], parts[-1]
                if path not in alias and path not in seen_today:
                    alias[path] = path  # first seen in the newest commit that touched it: its current name
                    seen_today.add(path)
                current = alias.get(path)
                if current is None:
                    continue
                self._commits.setdefault(current, set()).add(index)
                if status.startswith("R") and len(parts) == 3:
                    del alias[path]
                    alias[parts[1]] = current  # older commits know it by its old name
                elif status.startswith(("A", "C")):
                    del alias[path]  # it began here; an older file of that name was another file

    def revision(self, files: Iterable[str]) -> Revision:
        """The revision of the event made from ``files`` (paths relative to ``root``)."""
        files = list(files)
        if self.shallow:  # nothing to count: the same answer for every event of every build of this commit
            return Revision(0, dt.datetime.fromtimestamp(self._times[0], dt.UTC) if self._times else _EPOCH)
        commits: set[int] = set()
        for f in files:
            commits |= self._commits.get(f, set())
        times = [self._times[i] for i in commits]
        sequence = len(commits)
        modified = dt.datetime.fromtimestamp(max(times), dt.UTC) if times else None
        created = dt.datetime.fromtimestamp(min(times), dt.UTC) if times else None
        dirty = [f for f in files if f in self._dirty or not self.in_git or f not in self._commits]
        if dirty:
            if self.in_git:
                sequence += 1  # uncommitted edits are one more change
            mtime = max((_mtime(self.root / f) for f in dirty), default=_EPOCH)
            modified = max(modified, mtime) if modified else mtime
        return Revision(sequence, modified or _EPOCH, created)


class _Commits:
    """The commits of a history (which touched each file, and when), kept in ``cache_dir/history.json`` for the next
    build of the same commit (``head``): the log of a commit never changes."""

    FILE = "history.json"

    def __init__(self, cache_dir: Path | None, head: str | None) -> None:
        self.file = cache_dir / self.FILE if cache_dir is not None and head else None
        self.key = f"{_FORMAT} {head}"

    def read_into(self, history: History) -> bool:
        if self.file is None:
            return False
        try:
            kept = json.loads(self.file.read_text(encoding="utf-8"))
            if kept["key"] != self.key:
                return False
            times, commits = kept["times"], kept["commits"]
            if not all(isinstance(t, int) for t in times):
                return False
            history._times = times
            history._commits = {str(path): {int(i) for i in indices} for path, indices in commits.items()}
            return True
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return False  # none kept yet, or unreadable: it is only a cache

    def keep(self, history: History) -> None:
        if self.file is None:
            return
        kept = {
            "key": self.key,
            "times": history._times,
            "commits": {p: sorted(i) for p, i in history._commits.items()},
        }
        write_replacing(self.file, json.dumps(kept))


#: What the kept history is read as: a new way of reading the log (:meth:`History._parse`) changes it.
_FORMAT = "hubgen history 1"


#: Said by the build and by `hubgen check` in a shallow clone: a note, never a warning (a warning would fail
#: `--strict` for a checkout's depth, which is no content mistake); the workflows fetch the whole history.
SHALLOW_NOTE = (
    "this is a shallow clone (fetch-depth: 1): calendar feeds get SEQUENCE 0 and the last commit's time, "
    "so subscribers may miss changes — fetch the whole history (fetch-depth: 0)"
)


def is_shallow(root: Path) -> bool:
    """True in a shallow clone (``git clone --depth 1``), whose history is cut short."""
    return (_git(root, "rev-parse", "--is-shallow-repository") or "").strip() == "true"


def _mtime(path: Path) -> dt.datetime:
    try:
        return dt.datetime.fromtimestamp(int(path.stat().st_mtime), dt.UTC)
    except OSError:
        return _EPOCH
