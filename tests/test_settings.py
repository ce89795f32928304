"""mkdocs.yml and the gaps a new hub falls into: ``hubgen check`` and the build say the same, at file:line, with a fix.

The plugin's options are declared once (:class:`hubgen.content.settings.HubgenSettings`); MkDocs validates them through
that model and ``hubgen check`` reads them from mkdocs.yml with their lines.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hubgen.adapters.mkdocs.config import HubgenConfig
from hubgen.cli import main
from hubgen.content.settings import HubgenSettings
from tests.helpers import MINIMAL_MKDOCS, mkdocs_build

VALID = {
    "content/topics.yml": "housing: {title: Housing}\n",
    "content/people/ana.yml": "name: Ana Ruiz\nbio: Runs the program.\n",
    "content/readings/guide.yml": "title: A guide\ntype: toolkit\ntopics: [housing]\n",
    "programs/p/program.yml": "title: P\ntimezone: America/Chicago\nsession_types: {talk: {title: Talk}}\n",
    "programs/p/c/cohort.yml": "title: C\nstarts: 2027-01-01\nends: 2027-12-31\n",
    "programs/p/c/sessions/2027-02-03-first.md": "---\ntitle: First\ntype: talk\nspeakers: [ana]\n"
    "topics: [housing]\nreadings: {required: [guide]}\n---\nHello.\n",
}


def check_and_build(root: Path, tmp_path: Path, capsys) -> tuple[str, str]:
    """``hubgen check``'s output and the strict build's log; both must fail."""
    assert main(["check", str(root)]) == 1
    checked = capsys.readouterr().out
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode != 0, "the build passed"
    return checked, result.stderr


def test_the_valid_hub_passes_both(small_hub, tmp_path, capsys):
    root = small_hub(VALID)
    assert main(["check", "--strict", str(root)]) == 0, capsys.readouterr().out
    assert mkdocs_build(root, tmp_path / "site").returncode == 0


def test_no_home_page(small_hub, tmp_path, capsys):
    root = small_hub(VALID)
    (root / "content/index.md").unlink()
    checked, built = check_and_build(root, tmp_path, capsys)
    message = "mkdocs.yml:5:11: error: docs_dir: 'content' has no index.md, so the site would have no home page"
    assert message in checked
    assert message in built
    assert "create content/index.md" in checked


def test_no_content_folder(small_hub, tmp_path, capsys):
    root = small_hub(VALID)
    for path in sorted((root / "content").rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    (root / "content").rmdir()
    checked, built = check_and_build(root, tmp_path, capsys)
    assert "mkdocs.yml:5:11: error: docs_dir: there is no folder 'content' next to mkdocs.yml" in checked
    assert "hubgen init" in checked
    assert "content' isn't an existing directory" in built  # MkDocs' own check comes first


def test_a_stylesheet_that_is_not_there(small_hub, tmp_path, capsys):
    root = small_hub({**VALID, "mkdocs.yml": MINIMAL_MKDOCS + "extra_css:\n  - css/ours.css\n  - css/gone.css\n"})
    (root / "content/css").mkdir()
    (root / "content/css/ours.css").write_text("body {}\n", encoding="utf-8")
    checked, built = check_and_build(root, tmp_path, capsys)
    message = "mkdocs.yml:13:5: error: extra_css: 'css/gone.css' is not in content/ — create content/css/gone.css"
    assert checked.splitlines() == [message + ", or remove this line"]
    assert message in built


def test_an_empty_topics_file_is_one_error_at_the_file(small_hub, tmp_path, capsys):
    root = small_hub({**VALID, "content/topics.yml": "# our topics\n"})
    checked, built = check_and_build(root, tmp_path, capsys)
    assert checked.splitlines() == [
        "content/topics.yml:1:1: error: topics.yml is empty — add the topics your programs, sessions and readings "
        "name, one per entry: 'housing:' then, indented below it, 'title: Housing and health'"
    ]
    assert "content/topics.yml:1:1: error: topics.yml is empty" in built


def test_a_misspelt_option_value_is_refused_by_both_at_its_line(small_hub, tmp_path, capsys):
    config = MINIMAL_MKDOCS.replace("  - hubgen\n", "  - hubgen:\n      participant_visibility: nmae-only\n")
    root = small_hub({**VALID, "mkdocs.yml": config})
    checked, built = check_and_build(root, tmp_path, capsys)
    what = "'nmae-only' is not allowed here — did you mean 'name-only'? — use one of: 'public', 'name-only' or 'hidden'"
    assert checked.splitlines() == [f"mkdocs.yml:11:31: error: participant_visibility: {what}"]
    assert f"option 'participant_visibility': {what}" in built


def test_an_unknown_option_is_refused_by_both(small_hub, tmp_path, capsys):
    config = MINIMAL_MKDOCS.replace("  - hubgen\n", "  - hubgen:\n      participant_visibilty: hidden\n")
    root = small_hub({**VALID, "mkdocs.yml": config})
    checked, built = check_and_build(root, tmp_path, capsys)
    assert checked.splitlines() == [
        "mkdocs.yml:11:7: error: participant_visibilty: unknown field 'participant_visibilty' — "
        "did you mean 'participant_visibility'?"
    ]
    assert "participant_visibilty" in built


def test_a_wrong_discussion_setting_is_refused_by_both(small_hub, tmp_path, capsys):
    config = MINIMAL_MKDOCS.replace("  - hubgen\n", "  - hubgen:\n      discussion:\n        repo: ours\n")
    root = small_hub({**VALID, "mkdocs.yml": config})
    checked, built = check_and_build(root, tmp_path, capsys)
    assert checked.startswith("mkdocs.yml:12:9: error: discussion: discussion.repo:")
    assert "discussion.repo_id: missing — copy it from https://giscus.app" in checked
    assert "discussion.repo_id: missing — copy it from https://giscus.app" in built


def test_the_options_are_declared_once():
    """MkDocs' option list is the settings model's, with the model's defaults."""
    config = HubgenConfig()
    config.load_dict({})
    assert config.validate() == ([], [])
    assert dict(config) == HubgenSettings.model_validate({}).model_dump()
    assert [name for name, _ in HubgenConfig._schema] == list(HubgenSettings.model_fields)


@pytest.mark.parametrize("strict", [[], ["--strict"]])
def test_the_privacy_note_is_said_once_and_fails_nothing(small_hub, capsys, strict):
    root = small_hub(
        {
            **VALID,
            "content/people/ana.yml": "name: Ana Ruiz\nbio: Runs it.\nemail: ana@example.org\n",
            "content/people/bo.yml": "name: Bo Li\nemail: bo@example.org\nemail_public: true\n",
        }
    )
    assert main(["check", *strict, str(root)]) == 0
    out, err = capsys.readouterr()
    assert out == ""  # not a problem: nothing on the lines of a pull request
    notes = [line for line in err.splitlines() if line.startswith("note:")]
    assert len(notes) == 1
    assert notes[0].startswith(
        "note: 2 people files hold an email address (content/people/ana.yml, content/people/bo.yml)"
    )
    assert "anyone who can read the repository" in notes[0]
    assert main(["check", "--format", "github", str(root)]) == 0
    assert capsys.readouterr().err.count("::notice title=Privacy::2 people files") == 1


def test_no_note_without_addresses(small_hub, capsys):
    root = small_hub(VALID)
    assert main(["check", str(root)]) == 0
    assert "note:" not in capsys.readouterr().err
