"""The issue forms follow the programs: ``hubgen check`` names a stale program list at the form's line with the
lines to put there, and ``hubgen forms`` writes it from the programs, keeping the rest of the form as it was.
And a theme folder the build needs is named by the check when it is missing."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from hubgen.cli import main
from tests.test_standalone import FLAGS

FORM = ".github/ISSUE_TEMPLATE/share-project.yml"


@pytest.fixture
def hub(tmp_path: Path) -> Path:
    assert main(["init", str(tmp_path / "hub"), *FLAGS]) == 0
    return tmp_path / "hub"


def _options(hub: Path) -> list[str]:
    spec = yaml.safe_load((hub / FORM).read_text(encoding="utf-8"))
    return list(next(i for i in spec["body"] if i.get("id") == "program")["attributes"]["options"])


def test_a_renamed_program_is_named_at_the_forms_line_and_hubgen_forms_fixes_it(hub: Path, capsys):
    program = hub / "programs/promotoras-de-salud/program.yml"
    program.write_text(
        program.read_text(encoding="utf-8").replace('title: "Promotoras de Salud"', 'title: "Promotoras: Año 2"'),
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(["check", str(hub)]) == 1
    out = capsys.readouterr().out
    line = next(
        i for i, text in enumerate((hub / FORM).read_text(encoding="utf-8").splitlines(), 1) if "options:" in text
    )
    assert out.startswith(f"{FORM}:{line}:7: error: options: the 'Program' choices are not the hub's programs"), out
    assert "(missing: Promotoras: Año 2)" in out and "(no such program: Promotoras de Salud)" in out
    assert "run `hubgen forms`" in out and "one a line: - 'Promotoras: Año 2'" in out  # the line to paste, valid YAML
    before = (hub / FORM).read_text(encoding="utf-8")
    assert main(["forms", str(hub)]) == 0
    assert _options(hub) == ["Promotoras: Año 2"]
    after = (hub / FORM).read_text(encoding="utf-8")
    assert [a for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b] == [
        "        - Promotoras de Salud"
    ]  # only the program list changed: comments and wording kept
    assert main(["check", str(hub)]) == 0
    assert main(["forms", str(hub)]) == 0 and "up to date" in capsys.readouterr().out


def test_a_new_program_is_added_to_the_form(hub: Path, capsys):
    second = hub / "programs/fellowship"
    second.mkdir()
    source = (hub / "programs/promotoras-de-salud/program.yml").read_text(encoding="utf-8")
    (second / "program.yml").write_text(
        source.replace('title: "Promotoras de Salud"', 'title: "Fellowship"'), encoding="utf-8"
    )
    assert main(["check", str(hub)]) == 1
    assert "(missing: Fellowship)" in capsys.readouterr().out
    assert main(["forms", str(hub)]) == 0
    assert sorted(_options(hub)) == ["Fellowship", "Promotoras de Salud"]
    assert main(["check", str(hub)]) == 0


def test_a_missing_theme_folder_is_named_by_the_check(hub: Path, capsys):
    config = hub / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  name: material\n", "  name: material\n  custom_dir: theme\n"),
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(["check", str(hub)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("mkdocs.yml:") and "theme.custom_dir: the folder 'theme' does not exist" in out
    (hub / "theme").mkdir()
    assert main(["check", str(hub)]) == 0
