"""The README is what staff follow: its walkthrough must work and its reference must be complete."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from hubgen.cli import main
from hubgen.content import models
from tests.helpers import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")

DOCUMENTED = [
    models.Program,
    models.Cohort,
    models.Session,
    models.Project,
    models.Person,
    models.Reading,
    models.Topic,
    models.Location,
    models.Online,
    models.Material,
    models.Assignment,
    models.ReadingList,
    models.Link,
    models.TitledText,
    models.SessionType,
    models.Series,
    models.SeriesDate,
]


@pytest.mark.parametrize("model", DOCUMENTED, ids=lambda m: m.__name__)
def test_every_field_is_documented(model: type[BaseModel]):
    reference = README.split("## Field reference", 1)[1]
    forms = ("`{}`", "{{{},", "{{{}}}", " {},", " {}}}", "{{{}:", " {}:")
    missing = [name for name in model.model_fields if not any(f.format(name) in reference for f in forms)]
    assert missing == [], f"README's field reference does not mention {model.__name__}: {missing}"


def _walkthrough_session() -> tuple[str, str]:
    step = README.split("## Add a session in five minutes", 1)[1]
    name = re.search(r"`(\d{4}-\d{2}-\d{2}-[a-z0-9-]+\.md)`", step).group(1)
    front = re.search(r"```yaml\n(.*?)```", step, re.S).group(1)
    front = "\n".join(line[3:] if line.startswith("   ") else line for line in front.splitlines())
    return name, front + "\nWe look at housing as a clinical intervention.\n"


def test_walkthrough_session_passes_the_check(hub_copy: Path, capsys):
    name, text = _walkthrough_session()
    folder = hub_copy / "programs/practitioner-fellowship/2026-2027/sessions"
    (folder / name).write_text(text, encoding="utf-8")
    assert main(["check", str(hub_copy)]) == 0, capsys.readouterr().out


def test_walkthrough_typo_gives_the_message_the_readme_shows(hub_copy: Path, capsys):
    name, text = _walkthrough_session()
    folder = hub_copy / "programs/practitioner-fellowship/2026-2027/sessions"
    (folder / name).write_text(text.replace("speakers:", "speakrs:"), encoding="utf-8")
    assert main(["check", str(hub_copy)]) == 1
    shown = re.search(r"```text\n\s*(programs/\S+: error: .*?)\n", README).group(1)
    assert shown in capsys.readouterr().out
