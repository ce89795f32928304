"""Upgrades as a tested path: a hub made by an earlier release builds with this one, or is told each change at
file:line with the fix, and ``hubgen upgrade`` makes the mechanical ones (hubgen/authoring/upgrade.py, the table
in hubgen/content/deprecations.py).

``tests/hubs/init-0.1.0/`` is the hub ``hubgen init`` of Hubgen 0.1.0 made (the in-place init of a clone, with
its flags: "Lakeside Learning Hub", America/Denver, one person), kept as it was written: its content/,
programs/, theme/, mkdocs.yml and issue forms. It is never edited: a later release that renames or retires
something adds its row to the deprecation table, and these tests hold it to building the fixture or naming
every needed change.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from hubgen import __version__
from hubgen.authoring import standalone, upgrade
from hubgen.authoring.refused import Refused
from hubgen.cli import main
from hubgen.content.deprecations import DEPRECATIONS
from hubgen.hub.workspace import Workspace
from tests.helpers import REPO, mkdocs_build

FIXTURE = REPO / "tests" / "hubs" / "init-0.1.0"
PERSON = "content/people/ana-lima.yml"
STARTERS = standalone.STARTERS / "workflows"
RENAMED = "'title' is renamed 'role' in Hubgen 0.2.0: rename it, or run `hubgen upgrade`"


@pytest.fixture
def old_hub(tmp_path: Path) -> Path:
    """A copy of the hub Hubgen 0.1.0's init made."""
    return Path(shutil.copytree(FIXTURE, tmp_path / "hub"))


def files_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_the_010_hub_is_told_each_change_at_its_line(old_hub: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(old_hub)]) == 0  # it still builds: the old name is read under the new one
    out = capsys.readouterr().out.splitlines()
    assert out == [f"{PERSON}:3:1: warning: title: {RENAMED}"]
    assert (old_hub / PERSON).read_text(encoding="utf-8").splitlines()[2].startswith("title:")  # line 3, column 1
    assert main(["check", "--strict", str(old_hub)]) == 1  # --strict fails on it


def test_the_010_hub_builds_unchanged_and_fails_strict_naming_the_fix(old_hub: Path, tmp_path: Path) -> None:
    before = files_of(old_hub)
    built = mkdocs_build(old_hub, tmp_path / "site", strict=False)
    assert built.returncode == 0, built.stderr
    assert f"{PERSON}:3:1: warning: title: {RENAMED}" in built.stderr
    assert "Lakeside Learning Hub" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    strict = mkdocs_build(old_hub, tmp_path / "strict")
    assert strict.returncode != 0 and RENAMED in strict.stderr
    assert files_of(old_hub) == before  # neither the check nor the build writes into the hub


def test_upgrade_then_the_strict_check_and_build_pass(
    old_hub: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = files_of(old_hub)
    assert main(["upgrade", "--check", str(old_hub)]) == 1  # --check lists, changes nothing
    assert files_of(old_hub) == before
    capsys.readouterr()
    assert main(["upgrade", str(old_hub)]) == 0
    assert capsys.readouterr().out.splitlines() == [f"{PERSON}:3:1: 'title' → 'role'"]
    after = files_of(old_hub)
    assert [name for name in before if before[name] != after[name]] == [PERSON]  # the one file, nothing else
    old_lines = before[PERSON].decode().splitlines(keepends=True)
    new_lines = after[PERSON].decode().splitlines(keepends=True)
    assert new_lines[2] == old_lines[2].replace("title:", "role:", 1)  # the comment on the line stays
    assert new_lines[:2] + new_lines[3:] == old_lines[:2] + old_lines[3:]
    assert main(["check", "--strict", str(old_hub)]) == 0
    built = mkdocs_build(old_hub, tmp_path / "site")
    assert built.returncode == 0, built.stderr
    # Run again, it changes nothing.
    capsys.readouterr()
    assert main(["upgrade", str(old_hub)]) == 0
    assert capsys.readouterr().out == ""
    assert files_of(old_hub) == after


def test_upgrade_keeps_comments_quotes_and_line_endings(small_hub, capsys: pytest.CaptureFixture[str]) -> None:
    root = small_hub(
        {
            "content/people/ada.yml": "# Ada, our lead\r\nname: Ada Okoro\r\n'title': Nurse  # her role\r\n",
            "content/people/bo.yml": 'name: Bo Li\npronouns: he/him\n"title": "Organizer"\nbio: Hi.\n',
        }
    )
    assert main(["upgrade", str(root)]) == 0
    assert (root / "content/people/ada.yml").read_bytes() == (
        b"# Ada, our lead\r\nname: Ada Okoro\r\n'role': Nurse  # her role\r\n"
    )
    assert (
        root / "content/people/bo.yml"
    ).read_text() == 'name: Bo Li\npronouns: he/him\n"role": "Organizer"\nbio: Hi.\n'
    hub, problems = Workspace(root / "mkdocs.yml").load()
    assert not list(problems) and hub.people["ada"].data.role == "Nurse"


def test_upgrade_is_all_or_nothing(small_hub, monkeypatch: pytest.MonkeyPatch) -> None:
    """An edit that no longer meets its name where the check found it (the file changed since) stops the whole
    upgrade before any file is written: the other file keeps its old name too."""
    root = small_hub(
        {"content/people/ada.yml": "name: Ada\ntitle: Nurse\n", "content/people/bo.yml": "name: Bo\ntitle: Chair\n"}
    )
    edits = upgrade.planned(Workspace(root / "mkdocs.yml"))
    assert [(e.file, e.line, e.column) for e in edits] == [
        ("content/people/ada.yml", 2, 1),
        ("content/people/bo.yml", 2, 1),
    ]
    (root / "content/people/bo.yml").write_text("# moved down\nname: Bo\ntitle: Chair\n", encoding="utf-8")
    before = files_of(root)
    with pytest.raises(Refused) as refused:
        upgrade.edited(root, edits)
    assert refused.value.problems == [
        "content/people/bo.yml:2:1: expected the field 'title' here — rename it to 'role' by hand"
    ]
    monkeypatch.setattr(upgrade, "planned", lambda hub: edits)
    assert main(["upgrade", str(root)]) == 1
    assert files_of(root) == before


def test_a_file_with_both_names_is_named_and_left_to_staff(small_hub, capsys: pytest.CaptureFixture[str]) -> None:
    root = small_hub({"content/people/ada.yml": "name: Ada\nrole: Nurse\ntitle: Old nurse\n"})
    assert main(["check", str(root)]) == 0
    both = (
        "content/people/ada.yml:3:1: warning: title: 'title' is renamed 'role' in Hubgen 0.2.0, and this file has "
        "both: keep 'role' and delete the line with 'title'"
    )
    assert capsys.readouterr().out.splitlines() == [both]
    assert main(["upgrade", str(root)]) == 0  # nothing mechanical to do
    assert (root / "content/people/ada.yml").read_text() == "name: Ada\nrole: Nurse\ntitle: Old nurse\n"
    hub, _ = Workspace(root / "mkdocs.yml").load()
    assert hub.people["ada"].data.role == "Nurse"  # the new name's value is the one used


def test_every_deprecation_names_its_release_and_a_reason() -> None:
    """The table later releases add to: each row is a real field of its model under the new name, never the old."""
    for row in DEPRECATIONS:
        assert row.new in row.model.model_fields and row.old not in row.model.model_fields, row
        assert row.since and row.why and row.message(False).endswith("or run `hubgen upgrade`")


def test_the_fixture_is_the_010_hub() -> None:
    """The fixture is kept as it was made: files a hub has (no Hubgen source), its person with the old name."""
    names = set(files_of(FIXTURE))
    assert {"mkdocs.yml", PERSON, "content/index.md", "theme/hubgen/README.md"} <= names
    assert not any(n.startswith(("hubgen/", "tests/")) or n.endswith(".py") for n in names)
    assert (FIXTURE / PERSON).read_text(encoding="utf-8").splitlines()[2].startswith("title:")


# --- upgrades arrive as pull requests: the pin, the workflow files, the weekly workflow ---------------------------


def _releases(folder: Path, tags: list[str]) -> str:
    """A git repository with these tags, standing in for Hubgen's (``git ls-remote`` reads it as it reads GitHub)."""
    folder.mkdir()
    git = ["git", "-C", str(folder), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "commit", "-q", "--allow-empty", "-m", "a release"], check=True)
    for tag in tags:
        subprocess.run([*git, "tag", tag], check=True)
    return folder.as_uri()


def test_the_pin_moves_to_the_newest_release(small_hub, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _releases(tmp_path / "hubgen", ["v0.1.0", "v0.2.0", "v0.10.0", "v0.9.1", "v1.0.0rc1", "nightly"])
    pins = f"# Hubgen, pinned (a comment kept)\nhubgen[checks] @ git+{source}@v0.2.0\n"
    root = small_hub({"requirements.txt": pins})
    assert main(["upgrade", "--pin", "latest", "--check", str(root)]) == 1
    assert (root / "requirements.txt").read_text() == pins
    capsys.readouterr()
    assert main(["upgrade", "--pin", "latest", str(root)]) == 0
    assert capsys.readouterr().out.splitlines() == ["requirements.txt:2: Hubgen 0.2.0 → 0.10.0"]
    assert (root / "requirements.txt").read_text() == pins.replace("@v0.2.0", "@v0.10.0")
    assert main(["upgrade", "--pin", "latest", str(root)]) == 0  # again: nothing to move
    assert "pinned already" in capsys.readouterr().err


def test_an_index_pin_moves_and_a_wrong_version_is_refused(small_hub, capsys: pytest.CaptureFixture[str]) -> None:
    root = small_hub({"requirements.txt": "hubgen[checks,pagefind]==0.2.0  # the hub's Hubgen\n"})
    assert main(["upgrade", "--pin", "v0.3.0", str(root)]) == 0
    assert (root / "requirements.txt").read_text() == "hubgen[checks,pagefind]==0.3.0  # the hub's Hubgen\n"
    assert main(["upgrade", "--pin", "newest", str(root)]) == 1
    assert "'newest' is not a release of Hubgen: write it as 0.3.0" in capsys.readouterr().err
    (root / "requirements.txt").write_text("mkdocs\n")
    assert main(["upgrade", "--pin", "0.3.0", str(root)]) == 1
    assert "no line pins Hubgen" in capsys.readouterr().err


def test_the_workflow_files_are_written_as_this_release_writes_them(
    small_hub, capsys: pytest.CaptureFixture[str]
) -> None:
    root = small_hub(
        {
            ".github/workflows/check.yml": "name: Check (an older Hubgen's)\n",
            ".github/workflows/ours.yml": "name: The hub's own\n",
            "content/people/ada.yml": "name: Ada\ntitle: Nurse\n",
        }
    )
    assert main(["upgrade", "--workflows", str(root)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "content/people/ada.yml:2:1: 'title' → 'role'"
    assert sorted(out[1:]) == [
        f".github/workflows/{name}: written as Hubgen {__version__} writes it"
        for name in ("check.yml", "publish.yml", "update-hubgen.yml")
    ]
    for name in ("check.yml", "publish.yml", "update-hubgen.yml"):
        assert (root / ".github/workflows" / name).read_bytes() == (STARTERS / name).read_bytes()
    assert (root / ".github/workflows/ours.yml").read_text() == "name: The hub's own\n"
    assert main(["upgrade", "--workflows", str(root)]) == 0 and capsys.readouterr().out == ""


def test_the_update_workflow_asks_for_least_privilege_and_passes_zizmor() -> None:
    from tests.test_workflows import _zizmor

    path = STARTERS / "update-hubgen.yml"
    audit = subprocess.run(
        [_zizmor(), "--offline", "--no-progress", "--format", "plain", str(path)], capture_output=True, text=True
    )
    assert audit.returncode == 0, audit.stdout + audit.stderr
    flow = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert flow["permissions"] == {} and set(flow[True]) == {"schedule", "workflow_dispatch"}  # YAML 1.1: on → True
    jobs = flow["jobs"]
    assert jobs["update"]["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert jobs["check"]["permissions"] == {"actions": "write"}
    checkout = jobs["update"]["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@") and checkout["with"]["persist-credentials"] is False
    steps = "\n".join(step.get("run", "") for step in jobs["update"]["steps"])
    assert "hubgen upgrade --pin latest" in steps and "hubgen upgrade --workflows" in steps and "gh pr create" in steps
    assert "${{" not in steps  # nothing from the event is written into a script


def test_a_hubs_constraints_are_its_pinned_hubgens(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A standalone hub installs Hubgen's dependencies within the versions its release was tested with
    (constraints.txt, written by Hubgen): the pin moved, they are open until the new Hubgen is installed and
    `hubgen upgrade` writes its own; `hubgen check` names a constraints.txt that is not the installed Hubgen's."""
    from tests.test_standalone import FLAGS

    hub = tmp_path / "hub"
    assert main(["init", str(hub), *FLAGS]) == 0
    constraints = hub / standalone.CONSTRAINTS_FILE
    assert constraints.read_text(encoding="utf-8") == standalone.constraints()
    shipped = (Path(standalone.__file__).parent.parent / "constraints.txt").read_text(encoding="utf-8")
    pins = [line for line in constraints.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert pins and pins == [line for line in shipped.splitlines() if line and not line.startswith("#")]
    assert "pip install --quiet -c constraints.txt -r requirements.txt" in (hub / "Makefile").read_text()
    assert main(["check", "--strict", str(hub)]) == 0
    capsys.readouterr()

    # The pin moves: the old versions may not fit the new release, so they are open until it is installed.
    assert main(["upgrade", "--pin", "0.9.0", str(hub)]) == 0
    assert constraints.read_text(encoding="utf-8") == standalone.PENDING
    assert capsys.readouterr().out == "requirements.txt:5: Hubgen 0.2.0 → 0.9.0\n"
    assert main(["check", "--strict", str(hub)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("constraints.txt:1:1: warning: the versions Hubgen is installed within are not written yet")
    assert "(`make setup`), then run `hubgen upgrade`" in out

    # Installed (here: this release), `hubgen upgrade` writes its versions; once, all or nothing, then nothing.
    assert main(["upgrade", str(hub)]) == 0
    assert "constraints.txt: written as Hubgen" in capsys.readouterr().out
    assert constraints.read_text(encoding="utf-8") == standalone.constraints()
    assert main(["upgrade", str(hub)]) == 0 and capsys.readouterr().out == ""
    assert main(["check", "--strict", str(hub)]) == 0

    # Another release's constraints: named at their first line, with the command that fixes them.
    constraints.write_text(standalone.constraints("0.1.0"), encoding="utf-8")
    capsys.readouterr()
    assert main(["check", str(hub)]) == 0 and main(["check", "--strict", str(hub)]) == 1
    assert (
        f"constraints.txt:1:1: warning: the versions Hubgen is installed within are Hubgen 0.1.0's, but Hubgen "
        f"{__version__} is installed — run `hubgen upgrade`"
    ) in capsys.readouterr().out
    constraints.write_text(standalone.constraints("99.0.0"), encoding="utf-8")
    assert main(["check", str(hub)]) == 0
    assert "install the pinned Hubgen with `make setup`" in capsys.readouterr().out
    constraints.unlink()
    assert main(["check", "--strict", str(hub)]) == 1
    assert "within are missing, but Hubgen" in capsys.readouterr().out


def test_a_hubs_own_main_html_is_told_each_partial_hubgens_includes(
    small_hub, capsys: pytest.CaptureFixture[str]
) -> None:
    """A hub's theme/main.html replaces Hubgen's: a partial a release adds to Hubgen's (0.2.0: lazy-search.html)
    is named at the hub's file, with the line to add, and the hub's file with every include passes."""
    config = "site_name: Test hub\nsite_url: https://example.org/\ndocs_dir: content\n"
    config += "theme:\n  name: material\n  custom_dir: theme\nplugins:\n  - search\n  - hubgen\n"
    own = '{% extends "base.html" %}\n{% block extrahead %}\n  {{ super() }}\n'
    own += '  {% include "partials/hubgen/popstate.html" %}\n'
    own += (
        '  {% include "partials/hubgen/i18n.html" %}\n  {% include "partials/hubgen/offline.html" %}\n'
        '  {% include "partials/hubgen/print.html" %}\n{% endblock %}\n'
    )
    root = small_hub({"mkdocs.yml": config, "theme/main.html": own})
    assert main(["check", str(root)]) == 0
    out = capsys.readouterr().out
    assert main(["check", "--strict", str(root)]) == 1
    assert out == (
        "theme/main.html:1:1: warning: this main.html replaces Hubgen's, which includes "
        "'partials/hubgen/lazy-search.html' — add {% include \"partials/hubgen/lazy-search.html\" %} in its "
        "extrahead block, after {{ super() }}\n"
    )
    (root / "theme/main.html").write_text(
        own.replace("{% endblock %}", '  {% include "partials/hubgen/lazy-search.html" %}\n{% endblock %}')
    )
    assert main(["check", "--strict", str(root)]) == 0
