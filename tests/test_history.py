"""The git history the calendar feeds count on (hubgen/content/history.py), kept between builds of one commit.

``git log`` with renames followed takes a tenth of a second on a repository of a few hundred commits: the commits
are kept in ``.cache/hubgen/history.json`` by the commit and the hub's folder within the repository. What is not
committed yet is looked up on every build. Whether taken from the cache or from git, each file's revision is the
same.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from hubgen.content.history import History

FILES = ["content/a.md", "content/b.md", "content/c.md", "content/new.md"]


def git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z"}
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=repo, env=env, check=True)


def revisions(history: History) -> list[object]:
    return [history.revision([f]) for f in FILES]


def test_the_kept_history_is_the_history_git_gives(tmp_path: Path) -> None:
    repo, cache = tmp_path / "repo", tmp_path / "cache"
    (repo / "content").mkdir(parents=True)
    git(repo, "init", "-q")
    for i in range(3):
        (repo / "content/a.md").write_text(f"v{i}\n")
        (repo / "content/b.md").write_text(f"b{i % 2}\n")
        git(repo, "add", "-A")
        git(repo, "commit", "-qm", f"c{i}")
    git(repo, "mv", "content/b.md", "content/c.md")  # a rename: the file keeps its count
    git(repo, "commit", "-qm", "renamed")

    first = History.read(repo, cache)
    kept = json.loads((cache / "history.json").read_text(encoding="utf-8"))
    assert revisions(first) == revisions(History.read(repo)) and first.revision(["content/c.md"]).sequence == 4
    # The next build of the commit takes the commits from the file: changed there, they show (so they were read).
    kept["times"] = [t + 3600 for t in kept["times"]]
    (cache / "history.json").write_text(json.dumps(kept), encoding="utf-8")
    assert History.read(repo, cache).revision(["content/a.md"]).modified > first.revision(["content/a.md"]).modified

    # Uncommitted edits are looked up on every build, kept commits or not.
    (repo / "content/a.md").write_text("edited\n")
    (repo / "content/new.md").write_text("new\n")
    dirty = History.read(repo, cache)
    assert dirty.revision(["content/a.md"]).sequence == 4 and dirty.revision(["content/new.md"]).sequence == 1

    # A new commit is another key: its log is read from git again, and kept.
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "more")
    after = History.read(repo, cache)
    assert revisions(after) == revisions(History.read(repo))
    assert after.revision(["content/a.md"]).sequence == 4 and after.revision(["content/new.md"]).sequence == 1

    # A broken file is only a cache: ignored, and written again.
    (cache / "history.json").write_text("{not json", encoding="utf-8")
    assert revisions(History.read(repo, cache)) == revisions(after)
    assert json.loads((cache / "history.json").read_text(encoding="utf-8"))["times"]


def test_a_hub_in_a_folder_of_its_repository_keeps_its_own_view(tmp_path: Path) -> None:
    """The log is read from the hub's folder (paths relative to it): the key holds the folder's place."""
    repo = tmp_path / "repo"
    (repo / "hub/content").mkdir(parents=True)
    git(repo, "init", "-q")
    (repo / "hub/content/a.md").write_text("a\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "c")
    cache = tmp_path / "cache"
    in_folder = History.read(repo / "hub", cache)
    assert in_folder.revision(["content/a.md"]).sequence == 1
    at_root = History.read(repo, cache)  # same commit, another folder: not the folder's kept log
    assert at_root.revision(["hub/content/a.md"]).sequence == 1
    assert "content/a.md" not in at_root._commits and "hub/content/a.md" not in in_folder._commits


def test_outside_git_and_before_the_first_commit(tmp_path: Path) -> None:
    plain = History.read(tmp_path, tmp_path / "cache")
    assert not plain.in_git and plain.revision(["x.md"]).sequence == 0
    repo = tmp_path / "empty"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "x.md").write_text("x\n")
    empty = History.read(repo, tmp_path / "cache")
    assert empty.in_git and not empty.shallow and empty.revision(["x.md"]).sequence == 1
    assert not (tmp_path / "cache" / "history.json").exists()  # no commit: nothing to key it on
