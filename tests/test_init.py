"""``hubgen init``: a hub of one's own in place of the example, valid at once; and the hub checks on any hub.

The hub checks (tests/hub_checks/) run on the hub ``hubgen init`` puts in the example's place too: what an
organisation's ``make test`` runs on its hub (tests/hub_checks/conftest.py, in this test run).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from hubgen.authoring import init, standalone
from hubgen.authoring.init import example_manifest, hub_files, own_files
from hubgen.cli import main
from tests.helpers import EXAMPLE_HUB, REPO, mkdocs_build

README = (REPO / "README.md").read_text(encoding="utf-8")

FLAGS = [
    "--name",
    "Westside Health Learning Hub",
    "--repo-url",
    "https://github.com/westside-health/hub",
    "--program",
    "Promotoras Scholars Program",
    "--timezone",
    "America/Chicago",
    "--session-types",
    "Workshop, Webinar, Site visit",
    "--cohort",
    "2027 Cohort",
    "--starts",
    "2027-01-04",
    "--ends",
    "2027-12-17",
    "--session",
    "Reunión de bienvenida",
    "--date",
    "2027-01-14",
    "--time",
    "17:00-18:30",
    "--person",
    "José Ñúñez-Çelik",
    "--yes",
]


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the example hub as a repository holds it: mkdocs.yml, content, programs, theme, issue forms."""
    root = tmp_path / "repo"
    shutil.copytree(EXAMPLE_HUB, root, ignore=shutil.ignore_patterns(".cache"))
    return root


def test_the_manifest_lists_the_example_as_it_ships():
    """init tells the untouched example from someone's hub by this list (tools/example_manifest.py writes it)."""
    assert example_manifest() == hub_files(EXAMPLE_HUB)
    assert own_files(EXAMPLE_HUB) == []


def test_init_replaces_the_example_with_a_valid_hub(example: Path, tmp_path: Path, capsys):
    assert main(["init", "--root", str(example), *FLAGS]) == 0
    written = capsys.readouterr().out.split()
    program = example / "programs/promotoras-scholars-program"
    assert (program / "program.yml").is_file()
    assert sorted(p.name for p in (example / "programs").iterdir()) == ["promotoras-scholars-program"]
    assert "content/people/jose-nunez-celik.yml" in written
    session = "programs/promotoras-scholars-program/2027-cohort/sessions/2027-01-14-reunion-de-bienvenida.md"
    assert session in written
    # Nothing of the example is left: no Riverbend in any file the hub is made of.
    for name in hub_files(example):
        assert "riverbend" not in (example / name).read_text(encoding="utf-8").lower(), name
    assert not list((example / "content").glob("*/riverbend*"))
    data = yaml.safe_load((program / "program.yml").read_text(encoding="utf-8"))
    assert data["timezone"] == "America/Chicago"
    assert list(data["session_types"]) == ["workshop", "webinar", "site-visit"]
    config = yaml.safe_load((example / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_url"] == "https://westside-health.github.io/hub/"  # GitHub Pages' address of the repo
    assert config["repo_url"] == "https://github.com/westside-health/hub"
    assert config["extra_css"] == ["stylesheets/hub.css"] and (example / "content/stylesheets/hub.css").is_file()
    forms = example / ".github/ISSUE_TEMPLATE"
    spec = yaml.safe_load((forms / "share-project.yml").read_text(encoding="utf-8"))
    assert next(i for i in spec["body"] if i.get("id") == "program")["attributes"]["options"] == [
        "Promotoras Scholars Program"
    ]
    links = yaml.safe_load((forms / "config.yml").read_text(encoding="utf-8"))["contact_links"]
    assert [link["url"] for link in links] == ["https://westside-health.github.io/hub/"]
    # Valid at once: the check, with nothing to warn about, and a strict build with a home page.
    assert main(["check", "--strict", str(example)]) == 0, capsys.readouterr().out
    site = tmp_path / "site"
    result = mkdocs_build(example, site)
    assert result.returncode == 0, result.stderr
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Reunión de bienvenida" in home  # the first session, listed by <!-- hubgen:upcoming -->
    assert "Promotoras Scholars Program" in home
    # The next step the README gives works: a session of one of the new types.
    new_session = ["new", "session", "--root", str(example), "--program", "promotoras-scholars-program"]
    new_session += ["--cohort", "2027-cohort", "--date", "2027-02-11", "--title", "Site visit", "--type", "site-visit"]
    assert main([*new_session, "--no-input"]) == 0


def test_init_refuses_to_replace_someone_s_hub(example: Path, capsys):
    session = next((example / "programs").rglob("sessions/*.md"))
    session.write_text(session.read_text(encoding="utf-8") + "\nOur own notes.\n", encoding="utf-8")
    (example / "content/people/our-director.yml").write_text("name: Our Director\n", encoding="utf-8")
    before = hub_files(example)
    assert main(["init", "--root", str(example), *FLAGS]) == 1
    err = capsys.readouterr().err
    assert "not the untouched example" in err and "--force" in err
    assert "content/people/our-director.yml" in err and session.relative_to(example).as_posix() in err
    assert hub_files(example) == before  # nothing touched
    assert main(["init", "--root", str(example), *FLAGS, "--force"]) == 0
    assert not (example / "content/people/our-director.yml").exists()


def test_init_over_an_empty_folder_starts_a_hub(tmp_path: Path, capsys):
    assert main(["init", "--root", str(tmp_path), *FLAGS]) == 0
    assert main(["check", str(tmp_path)]) == 0, capsys.readouterr().out
    assert not (tmp_path / ".github").exists()  # no forms to adjust: none are made up


def test_a_wrong_value_is_refused_and_nothing_is_written(example: Path, capsys):
    before = hub_files(example)
    flags = [f if f != "America/Chicago" else "America/Chicgo" for f in FLAGS]
    assert main(["init", "--root", str(example), *flags]) == 1
    err = capsys.readouterr().err
    assert "--timezone" in err and "America/Chicago" in err  # did you mean
    assert hub_files(example) == before
    assert main(["init", "--root", str(example), "--yes"]) == 1
    assert "missing --name" in capsys.readouterr().err
    assert hub_files(example) == before


def test_init_is_all_or_nothing(example: Path, monkeypatch, capsys):
    """A failure while the new files are swapped in puts every old one back."""
    before = hub_files(example)
    real = os.replace
    calls = []

    def failing(src, dst):
        calls.append(dst)
        if len(calls) == 6:  # the old files are out, two new ones are in
            raise OSError("disk full")
        return real(src, dst)

    monkeypatch.setattr(init.os, "replace", failing)
    with pytest.raises(OSError, match="disk full"):
        main(["init", "--root", str(example), *FLAGS])
    monkeypatch.undo()
    assert hub_files(example) == before
    assert sorted(p.name for p in example.iterdir() if p.name.startswith(".hubgen")) == []


def test_init_asks_in_a_terminal(example: Path, monkeypatch, capsys):
    """Without flags, in a terminal, it asks; an empty answer takes the default shown, a wrong one is asked again."""
    answers = iter(
        [
            "Hub de Salud",  # name
            "",  # organization: the hub's name
            "https://github.com/salud/hub",  # repository
            "",  # site address: GitHub Pages' one
            "Promotoras",  # program
            "America/Los_Angles",  # a typo: asked again
            "America/Los_Angeles",
            "Reunión, Taller",  # kinds of session
            "",  # cohort
            "2027-01-04",
            "",  # ends: a year later
            "",  # session title
            "",  # its date: the cohort's first day
            "",  # all day
            "Nguyễn Thị Minh Khai",
            "",  # topic
            "",  # reading
        ]
    )
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    assert main(["init", "--root", str(example)]) == 0
    out, err = capsys.readouterr()
    assert "Los_Angeles" in err  # the typo's message suggests the right name
    assert "content/people/nguyen-thi-minh-khai.yml" in out.split()
    assert "programs/promotoras/2027-cohort/sessions/2027-01-04-welcome-and-introductions.md" in out.split()
    config = yaml.safe_load((example / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_url"] == "https://salud.github.io/hub/" and config["copyright"] == "Hub de Salud"
    program = yaml.safe_load((example / "programs/promotoras/program.yml").read_text(encoding="utf-8"))
    assert list(program["session_types"]) == ["reunion", "taller"]
    cohort = yaml.safe_load((example / "programs/promotoras/2027-cohort/cohort.yml").read_text(encoding="utf-8"))
    assert str(cohort["ends"]) == "2028-01-03"
    assert main(["check", "--strict", str(example)]) == 0


def test_the_readme_s_init_command_works(tmp_path: Path, capsys):
    section = README.split("## Start your own hub", 1)[1].split("\n## ", 1)[0]
    command = re.search(r"bin/hubgen init (\S+) (.*?--yes)", section, re.S)
    assert command, "the README's 'Start your own hub' shows a hubgen init DIR command"
    args = shlex.split(command.group(2).replace("\\\n", " "))
    assert main(["init", str(tmp_path / command.group(1)), *args]) == 0, capsys.readouterr().err
    assert main(["check", "--strict", str(tmp_path / command.group(1))]) == 0
    pin = re.search(r"pip install '(hubgen @ git\+\S+)'", section)
    assert pin and pin.group(1) == standalone.requirement().replace("[checks]", ""), "the README pins this version"


# -- a fresh clone (tests/test_standalone.py builds the wheel from one) ------------------------------------


def fresh_clone(dest: Path) -> Path:
    """The files a fresh clone of this repository has: tracked and not ignored (as they are in the work tree)."""
    listed = subprocess.run(
        ["git", "-C", str(REPO), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        text=True,
        check=False,
    )
    if listed.returncode != 0:
        pytest.skip("the repository is not a git work tree")
    for name in filter(None, listed.stdout.split("\0")):
        source = REPO / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    return dest  # the npm validators: HUBGEN_CLIENTS names this repository's (tests/helpers.py)
