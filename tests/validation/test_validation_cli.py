"""``hubgen check``: exit status, one message per line on stdout, GitHub annotations."""

from __future__ import annotations

import re

import pytest
from validation_hub import SESSION, HubFactory

from hubgen.cli import main

TYPO = "---\ntitle: Kickoff\ntype: workshop\nspeakrs:\n  - jane-doe\n---\n"
BAD_EMAIL = "name: Sam Lee\nemail: sam.example.org\n"


def test_check_passes_on_the_valid_hub(make_hub: HubFactory, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(make_hub())]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "no problems found" in err


def test_check_fails_and_prints_every_problem(make_hub: HubFactory, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_hub({SESSION: TYPO, "content/people/sam-lee.yml": BAD_EMAIL})

    assert main(["check", str(root)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "content/people/sam-lee.yml:2:8: error: email: 'sam.example.org' is not an email address, "
        "e.g. name@example.org",
        f"{SESSION}:4:1: error: speakrs: unknown field 'speakrs' — did you mean 'speakers'?",
    ]
    assert "2 errors in 2 files" in err
    assert "Traceback" not in out + err


def test_check_github_format(make_hub: HubFactory, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_hub({SESSION: TYPO, "content/people/sam-lee.yml": BAD_EMAIL})

    assert main(["check", str(root), "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert all(line.startswith("::error file=") for line in lines)
    assert re.fullmatch(rf"::error file={re.escape(SESSION)},line=4,col=1::speakrs: unknown field .*", lines[1])


def test_check_warnings_fail_only_when_strict(make_hub: HubFactory, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_hub({"content/readings/notes.md": "title: Notes\n"})

    assert main(["check", str(root)]) == 0
    assert main(["check", str(root), "--strict"]) == 1
    out = capsys.readouterr().out
    assert out.count("content/readings/notes.md:1:1: warning: not read") == 2
