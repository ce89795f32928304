"""The minimal hub is valid, and a hub with several broken files reports every problem at once."""

from __future__ import annotations

from validation_hub import COHORT, PROGRAM, PROJECT, SESSION, HubFactory

from hubgen.hub.load import load_hub

PERSON = "content/people/sam-lee.yml"
READING = "content/readings/equity-report-2024.yml"


def test_minimal_hub_is_valid(make_hub: HubFactory) -> None:
    hub, problems = load_hub(make_hub())

    assert [p.format() for p in problems] == []
    assert problems.summary() == "no problems found"
    # ... and it is the hub the corpus assumes: every reference resolved.
    assert sorted(hub.people) == ["ana-ruiz", "jane-doe", "sam-lee"]
    assert sorted(hub.readings) == ["equity-report-2024", "organizing-basics-2020"]
    assert sorted(hub.topics) == ["community-organizing", "health-equity"]
    [program] = hub.programs
    assert program.tz.key == "America/New_York"
    assert sorted(program.data.session_types) == ["seminar", "workshop"]
    [cohort] = hub.cohorts
    assert (str(cohort.data.starts), str(cohort.data.ends)) == ("2026-01-01", "2026-12-31")
    [session] = hub.sessions
    assert [p.id for p in session.speakers] == ["jane-doe"]
    assert [r.id for r in session.required] == ["organizing-basics-2020"]
    assert [r.id for r in session.optional] == ["equity-report-2024"]
    [project] = hub.projects
    assert [p.id for p in project.team] == ["ana-ruiz", "sam-lee"]


BROKEN = {
    # 5 files, 6 mistakes; the session's are written so that they are found
    # in the opposite order to their lines (the date check runs before references).
    PERSON: "name: Sam Lee\nemail: sam.example.org\n",
    READING: "title: The Equity Report\ntype: articel\n",
    COHORT: "title: 2026 Cohort\nstarts: 2026-01-01\nends: 2026-12-31\nparticipants: [ana-ruis]\n",
    SESSION: (
        "---\ntitle: Kickoff\ntype: workshop\nspeakers: [jane-do]\nlocation:\n  name: Hall\ndate: 2026-03-05\n"
        "readings: {required: [organizing-basics-2020]}\n---\n"
    ),
    PROJECT: "---\ntitle: Clinic Garden\nstatus: done\n---\n",
}


def test_all_problems_come_at_once(make_hub: HubFactory) -> None:
    _, problems = load_hub(make_hub(BROKEN))

    where = [(p.file, p.line) for p in problems]
    assert where == [
        (PERSON, 2),
        (READING, 2),
        (COHORT, 4),
        (PROJECT, 3),
        (SESSION, 4),
        (SESSION, 7),
    ]
    assert where == sorted(where), "problems come sorted by file, then line"
    assert problems.summary() == "6 errors in 5 files"
    assert len(problems.errors) == 6 and problems.warnings == []
    messages = [p.format() for p in problems]
    assert "not an email address" in messages[0]
    assert "did you mean 'article'?" in messages[1]
    assert "unknown person 'ana-ruis'" in messages[2]
    assert "'done' is not allowed here" in messages[3]
    assert "unknown person 'jane-do'" in messages[4]
    assert "does not match the file name's date" in messages[5]


def test_warnings_are_counted_apart(make_hub: HubFactory) -> None:
    files = dict(BROKEN)
    files["content/readings/notes.md"] = "title: Notes\n"
    _, problems = load_hub(make_hub(files))

    assert problems.summary() == "6 errors and 1 warning in 6 files"
    [warning] = problems.warnings
    assert warning.format().startswith("content/readings/notes.md:1:1: warning: not read:")


# A broken program.yml or cohort.yml must not hide the problems of the valid-looking
# files below it: the person fixing them would get a second batch of messages later.
SESSION_WITH_DANGLING_SPEAKER = "---\ntitle: Kickoff\ntype: workshop\nspeakers:\n  - jane-do\n---\n"


def test_broken_program_does_not_hide_session_problems(make_hub: HubFactory) -> None:
    program = "title: Demo\ntimezone: America/Newyork\nsession_types:\n  workshop:\n    title: Workshop\n"
    _, problems = load_hub(make_hub({PROGRAM: program, SESSION: SESSION_WITH_DANGLING_SPEAKER}))

    where = [(p.file, p.line, p.column) for p in problems]
    assert (PROGRAM, 2, 11) in where
    assert (SESSION, 5, 5) in where


def test_broken_cohort_does_not_hide_session_problems(make_hub: HubFactory) -> None:
    cohort = "title: 2026 Cohort\nstarts: 2026-01-01\nends: 2026-31-12\n"
    _, problems = load_hub(make_hub({COHORT: cohort, SESSION: SESSION_WITH_DANGLING_SPEAKER}))

    where = [(p.file, p.line, p.column) for p in problems]
    assert (COHORT, 3, 7) in where
    assert (SESSION, 5, 5) in where


# YAML 1.1 traps: accepted without a problem (see cases/ok-*) AND read as typed.
def test_yaml_11_traps_keep_what_was_typed(make_hub: HubFactory) -> None:
    session = "---\ntitle: yes\ntype: workshop\ndate: 2026-03-04\ntime: 09:30-11:00\n---\n"
    person = "name: Sam Lee\npronouns: no\nrole: 1984\n"
    hub, problems = load_hub(make_hub({SESSION: session, PERSON: person}))

    assert [p.format() for p in problems.errors] == []
    [s] = hub.sessions
    assert s.data.title == "yes"
    assert str(s.data.date) == "2026-03-04"
    assert str(s.data.time) == "09:30-11:00"
    assert s.start.isoformat() == "2026-03-04T09:30:00-05:00"
    sam = hub.people["sam-lee"].data
    assert (sam.pronouns, sam.role) == ("no", "1984")


def test_decimal_looking_text_is_kept_as_typed(make_hub: HubFactory) -> None:
    reading = "title: 1.10\ntype: report\nsource: 2.50\n"
    hub, problems = load_hub(make_hub({READING: reading}))

    assert [p.format() for p in problems.errors] == []
    data = hub.readings["equity-report-2024"].data
    assert (data.title, data.source) == ("1.10", "2.50")


def test_every_problem_is_the_same_with_yaml_parsed_by_an_earlier_build(make_hub: HubFactory, tmp_path, monkeypatch):
    """YAML kept in the cache (.cache/hubgen/yaml.json) is not parsed again, but a problem found in such a file
    (a wrong value, a dangling reference) still points at its line and column: the file is parsed then."""
    from hubgen.content import yamlsource

    root = make_hub(BROKEN)
    cache = tmp_path / "cache"
    expected = [p.format() for p in load_hub(root)[1]]
    assert [p.format() for p in load_hub(root, cache_dir=cache)[1]] == expected  # fills the cache
    parsed: list[str] = []
    parse = yamlsource._parse_yaml
    monkeypatch.setattr(yamlsource, "_parse_yaml", lambda text, file, *a: parsed.append(file) or parse(text, file, *a))
    assert [p.format() for p in load_hub(root, cache_dir=cache)[1]] == expected
    assert sorted(set(parsed)) == sorted({PERSON, READING, COHORT, SESSION, PROJECT})  # only to find the lines
