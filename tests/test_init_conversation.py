"""``hubgen init`` as a conversation: an empty answer asks again, a blank name is refused, time-zone abbreviations
are understood, and a run stopped with Ctrl-C or Ctrl-D loses nothing typed. Unit tests drive ``input()``; the
last test types into a real terminal (tmux) as a person does."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from hubgen.authoring.init import SAVED, hub_files
from hubgen.cli import main
from hubgen.content import models
from hubgen.content.timezones import ABBREVIATIONS, read_timezone
from tests.helpers import EXAMPLE_HUB

#: Every question of init, answered: the name, organisation, repository, site, program, time zone, kinds of
#: session, cohort, first day, last day, session, date, time, person, topic, reading.
ANSWERS = [
    "Hub de Salud",
    "",
    "https://github.com/salud/hub",
    "",
    "Promotoras",
    "America/Los_Angeles",
    "Reunión, Taller",
    "",
    "2027-01-04",
    "",
    "",
    "",
    "",
    "Ana Ruiz",
    "",
    "",
]


@pytest.fixture
def example(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(EXAMPLE_HUB, root, ignore=shutil.ignore_patterns(".cache"))
    return root


def typed(monkeypatch, answers: list[object]) -> list[str]:
    """Answer init's questions with ``answers`` (an exception is raised as typing Ctrl-C or Ctrl-D would);
    return the prompts shown."""
    prompts: list[str] = []
    queue: Iterator[object] = iter(answers)

    def answer(prompt: str = "") -> str:
        prompts.append(prompt)
        value = next(queue)
        if isinstance(value, BaseException):
            raise value
        return str(value)

    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", answer)
    return prompts


def test_an_empty_answer_asks_again_and_a_blank_name_is_no_name(example: Path, monkeypatch, capsys):
    prompts = typed(monkeypatch, ["", "   ", *ANSWERS])
    assert main(["init", "--root", str(example)]) == 0
    err = capsys.readouterr().err
    assert [p.split(" (")[0] for p in prompts[:3]] == ["Hub name"] * 3  # asked until it had one
    assert err.count("an answer is needed here") == 2
    config = yaml.safe_load((example / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_name"] == "Hub de Salud"


def test_a_blank_name_given_as_a_flag_is_refused(example: Path, capsys):
    before = hub_files(example)
    assert main(["init", "--root", str(example), "--yes", "--name", "   ", "--program", "P", "--person", "A"]) == 1
    assert "missing --name" in capsys.readouterr().err
    assert hub_files(example) == before


def test_pst_is_read_as_los_angeles_and_ist_asks_which(example: Path, monkeypatch, capsys):
    answers = [*ANSWERS]
    at = answers.index("America/Los_Angeles")
    answers[at : at + 1] = ["IST", "Asia/Kolkata"]
    typed(monkeypatch, answers)
    assert main(["init", "--root", str(example)]) == 0
    err = capsys.readouterr().err
    assert "'IST' is an abbreviation (India, Irish or Israel time) used by several places — write one of: " in err
    assert "Asia/Kolkata, Europe/Dublin, Asia/Jerusalem" in err
    program = yaml.safe_load((example / "programs/promotoras/program.yml").read_text(encoding="utf-8"))
    assert program["timezone"] == "Asia/Kolkata"


def test_an_abbreviation_given_as_a_flag(example: Path, capsys):
    flags = ["--root", str(example), "--yes", "--name", "Hub", "--program", "P", "--person", "Ana Ruiz"]
    flags += ["--repo-url", "https://github.com/salud/hub"]
    assert main(["init", *flags, "--timezone", "cet"]) == 1
    assert "--timezone: 'cet' is an abbreviation (Central European time)" in capsys.readouterr().err
    assert main(["init", *flags, "--timezone", "PST"]) == 0
    assert "PST (US Pacific time) is read as America/Los_Angeles" in capsys.readouterr().err
    program = yaml.safe_load((example / "programs/p/program.yml").read_text(encoding="utf-8"))
    assert program["timezone"] == "America/Los_Angeles"


def test_abbreviations_name_real_zones_and_a_program_file_says_which():
    import zoneinfo

    zones = zoneinfo.available_timezones()
    assert all(z in zones for _, found in ABBREVIATIONS.values() for z in found)
    assert read_timezone("pdt")[0] == "America/Los_Angeles" and read_timezone("Europe/Paris") == ("Europe/Paris", None)
    with pytest.raises(ValueError, match=r"not a time zone's name but an abbreviation .* America/Los_Angeles"):
        models.check_timezone("PST")  # a program.yml saying PST: not "did you mean 'MST'?"


@pytest.mark.parametrize("stop", [KeyboardInterrupt(), EOFError()], ids=["ctrl-c", "ctrl-d"])
def test_a_stopped_run_keeps_every_answer_for_the_next(example: Path, monkeypatch, capsys, stop):
    before = hub_files(example)
    typed(monkeypatch, [*ANSWERS[:7], stop])
    assert main(["init", "--root", str(example)]) == 130
    err = capsys.readouterr().err
    assert "stopped; the hub is as it was" in err and hub_files(example) == before
    saved = json.loads((example / SAVED).read_text(encoding="utf-8"))
    assert saved["name"] == "Hub de Salud" and saved["session_types"] == "Reunión, Taller"
    flags = shlex.split(err.split("Or go on with: hubgen init ", 1)[1].splitlines()[0])
    assert flags[flags.index("--timezone") + 1] == "America/Los_Angeles"
    # the next run offers them: Enter keeps each, and the rest is asked as before
    prompts = typed(monkeypatch, [""] * 7 + ANSWERS[7:])
    assert main(["init", "--root", str(example)]) == 0
    assert "[Hub de Salud]" in prompts[0] and "[Reunión, Taller]" in prompts[6]
    config = yaml.safe_load((example / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_name"] == "Hub de Salud"
    assert not (example / SAVED).exists()  # used up


def test_a_stopped_new_prints_the_command_to_go_on(hub_copy: Path, monkeypatch, capsys):
    typed(monkeypatch, ["community-of-practice", "2027-03-03", KeyboardInterrupt()])
    assert main(["new", "session", "--root", str(hub_copy)]) == 130
    err = capsys.readouterr().err
    line = err.split("To go on from here: ", 1)[1].splitlines()[0]
    assert line == (
        f"hubgen new session --root {shlex.quote(str(hub_copy))} --program community-of-practice "
        "--date 2027-03-03 --cohort 2026-2027"
    )


# --- in a real terminal -------------------------------------------------------------------------------------


class Terminal:
    """A tmux window of its own (its own server socket), read as a person reads the screen."""

    def __init__(self, command: str, cwd: Path) -> None:
        self.socket = f"hubgen-test-{uuid.uuid4().hex[:8]}"
        env = {**os.environ, "TERM": "xterm"}
        self.tmux(["new-session", "-d", "-x", "200", "-y", "50", "-c", str(cwd), command], env=env)

    def tmux(self, args: list[str], env: dict[str, str] | None = None) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=True, env=env
        ).stdout

    def screen(self) -> str:
        return self.tmux(["capture-pane", "-p", "-J", "-S", "-200"])  # -J: wrapped lines joined

    def wait_for(self, text: str, seconds: float = 60) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            shown = self.screen()
            if text.rstrip() in shown:  # the screen has no trailing spaces
                return shown
            time.sleep(0.1)  # polling the screen for what it shows, not a pause hoping it is there
        raise AssertionError(f"never shown: {text!r}\n{self.screen()}")

    def type(self, text: str) -> None:
        self.tmux(["send-keys", "-l", text])
        self.tmux(["send-keys", "Enter"])

    def keys(self, *keys: str) -> None:
        self.tmux(["send-keys", *keys])

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, check=False)


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_init_in_a_real_terminal(example: Path):
    hubgen = shlex.quote(str(Path(sys.executable).with_name("hubgen")))
    term = Terminal(f"{hubgen} init --root {shlex.quote(str(example))}; echo EXIT=$?; sleep 600", example)
    try:
        term.wait_for("Hub name (the site's title): ")
        term.type("")  # Enter alone: asked again
        term.wait_for("an answer is needed here")
        term.type("Hub de Salud")
        term.wait_for("Organization (for the copyright line) [Hub de Salud]: ")
        term.type("")
        term.wait_for("Repository address")
        term.type("https://github.com/salud/hub")
        term.wait_for("Site address [https://salud.github.io/hub/]: ")
        term.type("")
        term.wait_for("First program's title: ")
        term.type("Promotoras")
        term.wait_for("Its time zone")
        term.type("PST")
        term.wait_for("PST (US Pacific time) is read as America/Los_Angeles")
        term.wait_for("Its kinds of session, separated by commas [Workshop, Webinar]: ")
        term.keys("C-c")  # stopped: nothing lost
        shown = term.wait_for("EXIT=130")
        assert "Your answers are kept in .cache/hubgen/init-answers.json" in shown
        assert "--timezone America/Los_Angeles" in shown
    finally:
        term.close()
    saved = json.loads((example / SAVED).read_text(encoding="utf-8"))
    assert saved == {
        "name": "Hub de Salud",
        "organization": "Hub de Salud",
        "repo_url": "https://github.com/salud/hub",
        "site_url": "https://salud.github.io/hub/",
        "program": "Promotoras",
        "timezone": "America/Los_Angeles",
    }
    term = Terminal(f"{hubgen} init --root {shlex.quote(str(example))}; echo EXIT=$?; sleep 600", example)
    try:
        term.wait_for("Hub name (the site's title) [Hub de Salud]: ")
        for _ in range(6):
            term.type("")
        for answer in ANSWERS[6:]:
            term.type(answer)
        shown = term.wait_for("EXIT=", seconds=120)
        assert "EXIT=0" in shown, shown
    finally:
        term.close()
    program = yaml.safe_load((example / "programs/promotoras/program.yml").read_text(encoding="utf-8"))
    assert program["timezone"] == "America/Los_Angeles"
