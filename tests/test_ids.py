"""IDs from names in any language: letters are transliterated, not dropped — in ``hubgen new``, ``import``,
``from-issue`` and the "rename it to" suggestion alike (they share :func:`hubgen.content.models.slugify`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hubgen.cli import main
from hubgen.content.models import slugify

CASES = {
    "José Ñúñez-Çelik": "jose-nunez-celik",
    "Nguyễn Thị Minh Khai": "nguyen-thi-minh-khai",
    "Café con Promotoras": "cafe-con-promotoras",
    "Ørsted": "orsted",
    "Đặng Văn Đức": "dang-van-duc",
    "đường": "duong",
    "Reunión de la Red: Año Nuevo": "reunion-de-la-red-ano-nuevo",
    "Søren Kierkegaard": "soren-kierkegaard",
    "Łukasz Żółć": "lukasz-zolc",
    "Straße": "strasse",
    "  Jane   Doe, MD ": "jane-doe-md",
}


@pytest.mark.parametrize(("name", "ident"), CASES.items())
def test_names_in_any_language_make_ids(name: str, ident: str):
    assert slugify(name) == ident


def test_new_person_and_session_files_keep_their_letters(small_hub, capsys):
    root = small_hub(
        {
            "content/topics.yml": "t: {title: T}\n",
            "programs/red/program.yml": "title: Red\ntimezone: America/Los_Angeles\n"
            "session_types: {reunion: {title: Reunión}}\n",
            "programs/red/2027/cohort.yml": "title: '2027'\nstarts: 2027-01-01\nends: 2027-12-31\n",
        }
    )
    assert main(["new", "person", "--root", str(root), "--no-input", "--name", "José Ñúñez-Çelik"]) == 0
    assert capsys.readouterr().out.strip() == "content/people/jose-nunez-celik.yml"
    assert main(["new", "person", "--root", str(root), "--no-input", "--name", "Nguyễn Thị Minh Khai"]) == 0
    assert capsys.readouterr().out.strip() == "content/people/nguyen-thi-minh-khai.yml"
    args = ["--program", "red", "--cohort", "2027", "--date", "2027-01-14", "--type", "reunion"]
    assert (
        main(["new", "session", "--root", str(root), "--no-input", *args, "--title", "Reunión de la Red: Año Nuevo"])
        == 0
    )
    assert capsys.readouterr().out.strip() == "programs/red/2027/sessions/2027-01-14-reunion-de-la-red-ano-nuevo.md"


def test_the_rename_suggestion_transliterates(small_hub, capsys):
    root = small_hub({"content/topics.yml": "t: {title: T}\n", "content/people/josé-ñúñez.yml": "name: José Ñúñez\n"})
    assert main(["check", str(root)]) == 1
    out = capsys.readouterr().out
    assert "jose-nunez.yml" in out and "jos-ez" not in out, out


def test_import_names_readings_with_their_letters(small_hub, capsys):
    root = small_hub({"content/topics.yml": "t: {title: T}\n"})
    export = root / "export.json"
    export.write_text(
        '[{"id": "x", "type": "report", "title": "Ørsted y las promotoras: una guía", '
        '"issued": {"date-parts": [[2024]]}}]',
        encoding="utf-8",
    )
    assert main(["import", str(export), "--root", str(root)]) == 0, capsys.readouterr().err
    assert (root / "content/readings/orsted-y-las-promotoras-2024.yml").is_file(), capsys.readouterr()


def test_a_project_shared_by_issue_keeps_its_letters(hub_copy: Path):
    from hubgen.authoring.fromissue import convert
    from hubgen.hub.workspace import Workspace
    from tests.test_community import PROJECT, issue_body

    workspace = Workspace(hub_copy / "mkdocs.yml")
    path, _ = convert(
        "project", workspace, issue_body("share-project.yml", {**PROJECT, "title": "Café con Promotoras"})
    )
    assert path.name == "cafe-con-promotoras.md"
