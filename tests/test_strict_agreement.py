"""`hubgen check --strict` and `mkdocs build --strict` agree: a hub that passes one passes the other.

Every warning hubgen has is a problem of the hub's load (hubgen/content/problems.py), which `hubgen check` prints and
the MkDocs plugin logs: the plugin itself warns of nothing else. Each case below plants one kind of warning (or
none) in a small hub and runs both.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hubgen.cli import main
from tests.helpers import REPO, mkdocs_build

READING = "title: A reading\ntype: book\n"
CASES = {
    "clean": {},
    "reading without topics": {"content/readings/untopical.yml": READING},  # valid: not a warning (issue 15)
    "file the loader does not read": {"content/readings/notes.md": "# Notes\n"},
    "unknown directive in a page": {"content/about.md": "# About\n\n<!-- hubgen:upcomming limit=3 -->\n"},
    "announcement that is not Markdown": {"content/news/2026-01-05-hello.yml": "title: Hello\n"},
}


@pytest.mark.parametrize("files", CASES.values(), ids=CASES.keys())
def test_check_strict_and_build_strict_agree(small_hub, tmp_path: Path, capsys, files: dict[str, str]):
    root = small_hub({"content/topics.yml": "equity: {title: Equity}\n", **files})
    checked = main(["check", str(root), "--strict"])
    out = capsys.readouterr().out
    built = mkdocs_build(root, tmp_path / "site")
    assert (checked == 0) == (built.returncode == 0), (out, built.stderr)
    assert (checked == 0) == (not files or "untopical" in str(files)), out  # only these two pass
    for line in out.splitlines():  # what check says, the build says too
        assert line.split(": warning: ", 1)[-1] in built.stderr, (line, built.stderr)


def test_an_unknown_directive_is_found_by_check_at_its_line(small_hub, capsys):
    root = small_hub({"content/about.md": "# About\n\nText.\n\n<!-- hubgen:upcomming limit=3 -->\n"})
    assert main(["check", str(root), "--strict"]) == 1
    assert (
        "content/about.md:5:1: warning: unknown directive 'hubgen:upcomming' — "
        "use upcoming, my-program, programs, projects or news"
    ) in capsys.readouterr().out


def test_the_plugin_warns_only_through_the_hubs_problems():
    """A warning logged anywhere else would fail the strict build and not `hubgen check --strict`."""
    for path in sorted((REPO / "hubgen").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        calls = re.findall(r"\b(?:log|logger|logging)\.warning\((.*)", text) + re.findall(r"warnings\.warn\(", text)
        allowed = ["problem.format())"] if path.name == "plugin.py" else []
        assert calls == allowed, (path.name, calls)
