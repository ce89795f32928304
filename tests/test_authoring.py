"""What staff use while editing: scaffolding, editor schemas, annotations on the pull request."""

from __future__ import annotations

import builtins
import io
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import jsonschema
import pytest

from hubgen.authoring import schema
from hubgen.authoring.schema import KINDS
from hubgen.cli import main
from hubgen.content.loader import load
from hubgen.content.problems import Problems
from hubgen.content.yamlsource import parse_yaml
from hubgen.hub.workspace import Workspace
from tests.helpers import EXAMPLE_HUB, REPO, mkdocs_build

# --- hubgen new ----------------------------------------------------------------------------------

NEW = {
    "program": ["--title", "Peer Coaching Circle", "--timezone", "America/Denver"],
    "cohort": [
        "--program",
        "community-of-practice",
        "--title",
        "2027–2028",
        "--id",
        "2027-2028",
        "--starts",
        "2027-09-01",
        "--ends",
        "2028-06-30",
    ],
    "session": [
        "--program",
        "community-of-practice",
        "--cohort",
        "2026-2027",
        "--date",
        "2027-02-17",
        "--title",
        "Mapping Our Corridors",
        "--type",
        "network-workshop",
        "--time",
        "9am-12pm",
    ],
    "reading": ["--title", "Neighborhood Data Walks: A Field Guide", "--type", "toolkit", "--year", "2024"],
    "person": ["--name", "Rowan Achterberg"],
    "project": ["--program", "community-of-practice", "--cohort", "2026-2027", "--title", "Stroller Walk Audits"],
    "topic": ["--title", "Housing stability", "--id", "housing-stability"],
    "series": [
        "--program",
        "community-of-practice",
        "--cohort",
        "2026-2027",
        "--title",
        "Thursday Evening Circles",
        "--type",
        "network-workshop",
        "--weekday",
        "thursday",
        "--starts",
        "2027-01-07",
        "--ends",
        "2027-03-25",
        "--time",
        "18:00-19:30",
    ],
    "announcement": ["--title", "Spring schedule is out", "--date", "2027-01-05"],
}


def test_every_kind_of_new_is_tested():
    from hubgen.authoring.scaffold import KINDS as NEW_KINDS

    assert sorted(NEW) == sorted(NEW_KINDS)


@pytest.mark.parametrize("kind", list(NEW))
def test_new_kind_help_lists_only_its_own_flags(kind, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["new", kind, "--help"])
    assert exit_.value.code == 0
    shown = set(re.findall(r"--[a-z-]+", capsys.readouterr().out.split("options:", 1)[1]))
    given = {a for a in NEW[kind] if a.startswith("--")}
    assert given <= shown
    optional = {"--id", "--time", "--year", "--date", "--timezone", "--readings", "--bio"}
    assert shown - given <= {"--help", "--root", "--no-input", *optional}
    if kind != "session":  # a session's own flags are not offered for other kinds
        assert "--type" not in shown or kind in ("reading", "series")
    if kind in ("person", "topic", "reading", "announcement", "program"):
        assert "--program" not in shown and "--cohort" not in shown


def test_a_new_session_series_and_announcement_appear_in_the_next_build(hub_copy, tmp_path, capsys):
    """What ``hubgen new`` writes is published by the next build (one hub, two builds: strict, then not)."""
    for kind in ("series", "announcement", "session"):
        assert main(["new", kind, "--root", str(hub_copy), "--no-input", *NEW[kind]]) == 0
    written = capsys.readouterr().out.split()
    assert written == [
        "programs/community-of-practice/2026-2027/series/thursday-evening-circles.yml",
        "content/news/2027-01-05-spring-schedule-is-out.md",
        "programs/community-of-practice/2026-2027/sessions/2027-02-17-mapping-our-corridors.md",
    ]
    assert "# dates:" in (hub_copy / written[0]).read_text(encoding="utf-8")  # the starters explain themselves
    site = tmp_path / "site"
    result = mkdocs_build(hub_copy, site)
    # the new session has no readings yet: a warning, which --strict turns into a failure
    assert result.returncode == 1 and "the session has no readings" in result.stderr
    result = mkdocs_build(hub_copy, site, strict=False)
    assert result.returncode == 0, result.stderr
    assert (site / "news/2027-01-05-spring-schedule-is-out/index.html").is_file()
    sessions = site / "programs/community-of-practice/2026-2027/sessions"
    assert (sessions / "2027-01-07-thursday-evening-circles/index.html").is_file()
    assert (sessions / "2027-03-25-thursday-evening-circles/index.html").is_file()
    page = (sessions / "2027-02-17-mapping-our-corridors/index.html").read_text(encoding="utf-8")
    assert "Mapping Our Corridors" in page
    assert "9:00 AM – 12:00 PM" in page  # a US hub's clock (option clock: auto)


@pytest.mark.parametrize("kind", list(NEW))
def test_new_writes_a_valid_file_and_refuses_to_overwrite(kind, hub_copy, capsys):
    args = ["new", kind, "--root", str(hub_copy), "--no-input", *NEW[kind]]
    assert main(args) == 0, capsys.readouterr().err
    path = hub_copy / capsys.readouterr().out.strip()
    assert path.is_file()
    assert main(["check", str(hub_copy)]) == 0
    assert main(args) == 1
    assert "already exists" in capsys.readouterr().err


def new_session(root: Path, date: str, title: str) -> list[str]:
    """``hubgen new session`` in the community of practice's cohort, with no prompts."""
    where = ["--program", "community-of-practice", "--cohort", "2026-2027", "--type", "network-workshop"]
    return ["new", "session", "--root", str(root), "--no-input", *where, "--date", date, "--title", title]


def test_new_refuses_a_wrong_value_and_writes_nothing(hub_copy, capsys):
    before = sorted(hub_copy.rglob("*"))
    args = new_session(hub_copy, date="2027-02-30", title="X")
    assert main(args) == 1
    assert "--date: '2027-02-30' is not a real date: February 2027 has 28 days" in capsys.readouterr().err
    assert sorted(hub_copy.rglob("*")) == before


def test_new_outside_the_cohort_is_rolled_back(hub_copy, capsys):
    args = new_session(hub_copy, date="2030-01-01", title="Far Future")
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "would not be valid" in err and "falls outside its cohort" in err
    assert not list(hub_copy.glob("programs/*/*/sessions/2030-*"))


def test_new_asks_for_what_is_missing_in_a_terminal(hub_copy, capsys, monkeypatch):
    # the program's only cohort is taken without asking (and said); the readings are left for later
    answers = iter(["community-of-practice", "2027-03-03", "Listening Session", "nope", "network-meeting", "", ""])
    monkeypatch.setattr("sys.stdin", io.StringIO())
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr(builtins, "input", lambda prompt="": next(answers))
    assert main(["new", "session", "--root", str(hub_copy)]) == 0
    captured = capsys.readouterr()
    assert "'nope' is not one of: network-meeting, network-workshop" in captured.err
    assert "Cohort: 2026-2027 (the only cohort of community-of-practice; --cohort to choose)" in captured.err
    assert captured.out.strip().endswith("2027-03-03-listening-session.md")


def test_missing_values_without_a_terminal_say_which_flag(hub_copy, capsys):
    assert main(["new", "person", "--root", str(hub_copy), "--no-input"]) == 1
    assert "missing --name" in capsys.readouterr().err


# --- editor schemas ------------------------------------------------------------------------------


def test_committed_schemas_match_the_models():
    assert main(["schema", "--check"]) == 0, "run `hubgen schema` to regenerate hubgen/schemas/"


def _example_documents() -> list[tuple[str, Path, object]]:
    problems = Problems()
    loaded = load(EXAMPLE_HUB, problems)
    assert not problems.errors
    docs: list[tuple[str, Path, object]] = [
        ("topics", EXAMPLE_HUB / "content/topics.yml", next(iter(loaded.topics.values())).doc.data)
    ]
    files = {key: rec for key, rec in loaded.sessions.items() if key not in loaded.series_of}  # not series dates
    for kind, table in (
        ("person", loaded.people),
        ("reading", loaded.readings),
        ("program", loaded.programs),
        ("cohort", loaded.cohorts),
        ("session", files),
        ("project", loaded.projects),
        ("session", loaded.series_overrides),
        ("series", loaded.series),
    ):
        docs += [(kind, EXAMPLE_HUB / rec.file, rec.doc.data) for rec in table.values()]
    return docs


def test_every_example_file_validates_against_its_schema():
    validators = {
        kind: jsonschema.Draft202012Validator(schema.schema_for(kind), format_checker=jsonschema.FormatChecker())
        for kind in KINDS
    }
    for kind, path, data in _example_documents():
        errors = [e.message for e in validators[kind].iter_errors(data)]
        assert errors == [], f"{path}: {errors}"


def test_schemas_catch_what_editors_should_flag():
    session = jsonschema.Draft202012Validator(schema.schema_for("session"))
    bad = parse_yaml("title: X\ntype: talk\nspeakrs: [a]\nstatus: canceled\n", "x.md", Problems()).data
    messages = " ".join(e.message for e in session.iter_errors(bad))
    assert "speakrs" in messages and "canceled" in messages


def test_vscode_maps_every_yaml_kind_to_its_schema():
    settings = json.loads((REPO / ".vscode/settings.json").read_text(encoding="utf-8"))
    mapped = settings["yaml.schemas"]
    for kind in ("program", "cohort", "person", "reading", "topics", "series"):
        assert f"./hubgen/schemas/{kind}.schema.json" in mapped
        assert (REPO / "hubgen/schemas" / f"{kind}.schema.json").is_file()


# --- pull requests -------------------------------------------------------------------------------


def test_github_annotations_point_at_the_line(hub_copy, capsys):
    session = hub_copy / "programs/community-of-practice/2026-2027/sessions"
    target = sorted(session.glob("*.md"))[0]
    target.write_text(target.read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8")
    assert main(["check", "--format", "github", str(hub_copy)]) == 1
    out = capsys.readouterr().out.splitlines()
    rel = target.relative_to(hub_copy).as_posix()
    assert f"::error file={rel},line=2,col=1::titel: unknown field 'titel' — did you mean 'title'?" in out


def test_check_finds_the_hub_from_a_subfolder(hub_copy, monkeypatch):
    monkeypatch.chdir(hub_copy / "programs")
    assert Workspace.find(".").root == hub_copy


def test_mkdocs_serve_rebuilds_when_a_session_under_programs_is_saved(small_hub):
    """Staff preview with ``make serve``: saving a session file shows the change without a restart."""
    root = small_hub(
        {
            "programs/p/program.yml": "title: P\ntimezone: America/New_York\nsession_types: {talk: {title: Talk}}\n",
            "programs/p/c/cohort.yml": "title: C\nstarts: 2026-01-01\nends: 2026-12-31\n",
            "programs/p/c/sessions/2026-03-04-s.md": "---\ntitle: First Title\ntype: talk\n---\nAgenda.\n",
        }
    )
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )

    def page_says(text: str, seconds: float = 60) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/programs/p/c/sessions/2026-03-04-s/") as r:
                    if text in r.read().decode("utf-8"):
                        return True
            except OSError:
                pass
            time.sleep(0.3)  # polling a server that is still starting: there is no event to wait on
        return False

    try:
        assert page_says("First Title"), "mkdocs serve did not come up"
        session = root / "programs/p/c/sessions/2026-03-04-s.md"
        session.write_text(session.read_text(encoding="utf-8").replace("First Title", "Second Title"))
        assert page_says("Second Title"), "saving a file under programs/ did not rebuild the preview"
    finally:
        server.terminate()
        server.wait(timeout=30)


# --- what `hubgen new` leaves to fill, and `readings: none` -----------------------------------------


def _strict_lines(root: Path, capsys) -> tuple[int, list[str]]:
    status = main(["check", "--strict", str(root)])
    return status, [line for line in capsys.readouterr().out.splitlines() if ": warning: " in line]


@pytest.mark.parametrize("kind", list(NEW))
def test_every_new_file_passes_strict_or_new_says_what_is_left(kind, hub_copy, capsys):
    """CI runs `check --strict`: a file `new` writes passes it as written, or `new` printed each warning it draws."""
    assert main(["new", kind, "--root", str(hub_copy), "--no-input", *NEW[kind]]) == 0
    said = capsys.readouterr()
    written = said.out.strip()
    status, warnings = _strict_lines(hub_copy, capsys)
    assert status == 0 or warnings, "check --strict failed on errors"
    assert all(w.startswith(written + ":") for w in warnings), warnings  # only the new file draws them
    for warning in warnings:
        assert warning in said.err, f"`new {kind}` did not show: {warning}"
    if warnings:
        assert "`hubgen check --strict` (what CI runs) fails until" in said.err
    assert "left to fill: " in said.err


def test_a_session_with_nothing_to_read_says_so_and_publishes_under_strict(hub_copy, capsys):
    args = new_session(hub_copy, date="2027-03-03", title="Peer Circle")
    assert main([*args, "--readings", "none"]) == 0
    said = capsys.readouterr()
    path = hub_copy / said.out.strip()
    assert "\nreadings: none " in path.read_text(encoding="utf-8")
    assert "warning" not in said.err
    assert main(["check", "--strict", str(hub_copy)]) == 0
    # the same session with its readings forgotten still draws the warning, which names both ways out
    path.write_text(path.read_text(encoding="utf-8").replace("readings: none", "readings: {}"), encoding="utf-8")
    status, warnings = _strict_lines(hub_copy, capsys)
    assert status == 1 and len(warnings) == 1
    assert "the session has no readings" in warnings[0] and "readings: none if there is nothing to read" in warnings[0]


def test_new_session_with_its_readings_lists_them(hub_copy, capsys):
    args = new_session(hub_copy, date="2027-03-03", title="Data Walk Debrief")
    assert main([*args, "--readings", "data-walks-toolkit, nope-not-a-reading"]) == 1
    err = capsys.readouterr().err
    assert "would not be valid" in err and "nope-not-a-reading" in err  # an unknown ID: nothing is written
    reading = next((hub_copy / "content/readings").glob("*.yml")).stem
    assert main([*args, "--readings", reading]) == 0
    said = capsys.readouterr()
    assert f"required: [{reading}]" in (hub_copy / said.out.strip()).read_text(encoding="utf-8")
    assert "warning" not in said.err
    assert main(["check", "--strict", str(hub_copy)]) == 0


def test_a_word_other_than_none_for_readings_is_an_error_with_the_fix(small_hub, capsys):
    root = small_hub(
        {
            "programs/p/program.yml": "title: P\ntimezone: America/New_York\nsession_types: {talk: {title: Talk}}\n",
            "programs/p/c/cohort.yml": "title: C\nstarts: 2026-01-01\nends: 2026-12-31\n",
            "programs/p/c/sessions/2026-03-04-s.md": "---\ntitle: S\ntype: talk\nreadings: nothing\n---\nAgenda.\n",
            "programs/p/c/sessions/2026-03-05-t.md": "---\ntitle: T\ntype: talk\nreadings: None\n---\nAgenda.\n",
        }
    )
    assert main(["check", "--strict", str(root)]) == 1
    out = capsys.readouterr().out
    assert "programs/p/c/sessions/2026-03-04-s.md:4:" in out and "'nothing' is not a reading list" in out
    assert "readings: none' for a session with nothing to read" in out
    assert "2026-03-05-t.md" not in out  # "None" is "none"


def test_a_series_with_nothing_to_read_publishes_under_strict(small_hub, capsys):
    root = small_hub(
        {
            "programs/p/program.yml": "title: P\ntimezone: America/New_York\nsession_types: {talk: {title: Talk}}\n",
            "programs/p/c/cohort.yml": "title: C\nstarts: 2026-01-01\nends: 2026-12-31\n",
            "programs/p/c/series/w.yml": "title: W\ntype: talk\nweekday: monday\nstarts: 2026-03-02\n"
            "ends: 2026-03-16\nreadings: none\n",
        }
    )
    assert main(["check", "--strict", str(root)]) == 0
    (root / "programs/p/c/series/w.yml").write_text(
        "title: W\ntype: talk\nweekday: monday\nstarts: 2026-03-02\nends: 2026-03-16\n", encoding="utf-8"
    )
    status, warnings = _strict_lines(root, capsys)
    assert status == 1 and warnings and all("has no readings" in w for w in warnings)


def test_the_schema_takes_readings_none_and_nothing_else():
    validator = jsonschema.Draft202012Validator(schema.schema_for("session"))
    base = {"title": "T", "type": "talk"}
    assert validator.is_valid({**base, "readings": "none"})
    assert validator.is_valid({**base, "readings": {"required": ["a"], "optional": []}})
    assert not validator.is_valid({**base, "readings": "nothing"})


def test_new_person_says_the_bio_is_left_and_takes_one(hub_copy, capsys):
    assert main(["new", "person", "--root", str(hub_copy), "--no-input", "--name", "Rowan Achterberg"]) == 0
    assert "bio is empty: once they speak at a session, `hubgen check --strict`" in capsys.readouterr().err
    args = ["new", "person", "--root", str(hub_copy), "--no-input", "--name", "Ines Vale"]
    assert main([*args, "--bio", "Ines runs the: county's data team."]) == 0
    said = capsys.readouterr()
    assert "bio is empty" not in said.err
    person = hub_copy / said.out.strip()
    assert 'bio: "Ines runs the: county\'s data team."' in person.read_text(encoding="utf-8")
    session = new_session(hub_copy, date="2027-03-03", title="Data Team Visit")
    assert main([*session, "--readings", "none"]) == 0
    path = hub_copy / capsys.readouterr().out.strip()
    path.write_text(path.read_text(encoding="utf-8").replace("speakers: []", "speakers: [ines-vale]"))
    assert main(["check", "--strict", str(hub_copy)]) == 0, capsys.readouterr().out


# --- defaults that think: the program and cohort when only one fits ---------------------------------


def test_new_session_takes_the_only_program_and_cohort_and_says_so(small_hub, capsys):
    root = small_hub(
        {
            "programs/p/program.yml": "title: P\ntimezone: America/New_York\nsession_types: {talk: {title: Talk}}\n",
            "programs/p/c/cohort.yml": "title: C\nstarts: 2026-01-01\nends: 2026-12-31\n",
        }
    )
    args = ["new", "session", "--root", str(root), "--no-input", "--date", "2026-03-04", "--title", "Kickoff"]
    assert main([*args, "--type", "talk"]) == 0
    said = capsys.readouterr()
    assert said.out.strip() == "programs/p/c/sessions/2026-03-04-kickoff.md"
    assert "Program: p (the hub's only program; --program to choose)" in said.err
    assert "Cohort: c (the only cohort of p; --cohort to choose)" in said.err


def test_new_session_takes_the_cohort_whose_dates_hold_its_date(hub_copy, capsys):
    where = ["new", "session", "--root", str(hub_copy), "--no-input", "--program", "practitioner-fellowship"]
    args = [*where, "--title", "Housing as Health Care", "--type", "learning-day", "--readings", "none"]
    assert main([*args, "--date", "2027-03-26"]) == 0
    said = capsys.readouterr()
    assert (
        said.out.strip() == "programs/practitioner-fellowship/2026-2027/sessions/2027-03-26-housing-as-health-care.md"
    )
    assert "Cohort: 2026-2027 (its dates contain 2027-03-26; --cohort to choose)" in said.err
    assert "Program:" not in said.err  # given as a flag: nothing to say
    # a date outside every cohort of the program: nothing to pick, so the flag is asked for, with the choices
    assert main([*args, "--date", "2031-03-26"]) == 1
    assert "missing --cohort (cohort): one of 2025-2026, 2026-2027" in capsys.readouterr().err


def test_new_with_several_programs_still_asks_which(hub_copy, capsys):
    args = ["new", "project", "--root", str(hub_copy), "--no-input", "--title", "Stroller Walk Audits"]
    assert main(args) == 1
    assert "missing --program" in capsys.readouterr().err


def test_new_shows_the_overlap_it_makes_even_on_the_other_file(small_hub, capsys):
    root = small_hub(
        {
            "programs/p/program.yml": "title: P\ntimezone: America/New_York\nsession_types: {talk: {title: Talk}}\n",
            "programs/p/c/cohort.yml": "title: C\nstarts: 2026-01-01\nends: 2026-12-31\n",
            "programs/p/c/sessions/2026-03-04-z-day.md": "---\ntitle: Day\ntype: talk\nreadings: none\n---\nA.\n",
        }
    )
    args = ["new", "session", "--root", str(root), "--no-input", "--date", "2026-03-04", "--type", "talk"]
    assert main([*args, "--title", "A Talk", "--time", "10:00-11:00", "--readings", "none"]) == 0
    said = capsys.readouterr()
    # the all-day session sorts first, so the warning is on the new file; then a new all-day one sorts first
    assert "2026-03-04-a-talk.md:4:1: warning: date: 'A Talk'" in said.err
    assert main([*args, "--title", "Another Day", "--readings", "none"]) == 0
    said = capsys.readouterr()
    assert "overlaps 'Another Day' (2026-03-04, all day) of the same cohort, at " in said.err
