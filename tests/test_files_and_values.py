"""Files, values and drafts (issue 24, findings 4, 5, 6, 8, 9, 10 and 12).

Links (symlinks) under content/ and programs/ are refused at their path before anything follows them; export
and the Zensical preview write and remove nothing through a link in their folder; control characters and lone
surrogates are refused at file:line; every message prints control characters written out; mkdocs.yml's values
that Material prints into every page are checked at their lines (tests/browser/test_site_settings.py shows the
payloads live without the check, in Chromium); drafts give no one a role or a page.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from hubgen.adapters import export as exporter
from hubgen.adapters.commands import EXPORT_DIR
from hubgen.cli import main
from hubgen.content.problems import Problem, printable
from hubgen.hub.graph import HubOptions
from hubgen.hub.load import load_hub
from hubgen.hub.workspace import Workspace
from hubgen.site import sections
from hubgen.site.render import Renderer
from tests.helpers import MINIMAL_MKDOCS, mkdocs_build

BASE = {
    "content/topics.yml": "t: {title: T}\n",
    "content/people/ada.yml": "name: Ada Okoro\nbio: A speaker.\n",
    "content/people/bo.yml": "name: Bo Participant\n",
    "content/readings/r1.yml": "title: R1\ntype: article\ntopics: [t]\n",
    "programs/p/program.yml": "title: P\ntimezone: America/New_York\nsession_types: {talk: {title: Talk}}\n",
    "programs/p/c/cohort.yml": "title: C\nstarts: 2026-01-01\nends: 2026-12-31\nparticipants: [ada, bo]\n",
    "programs/p/c/sessions/2026-03-04-open.md": (
        "---\ntitle: Open\ntype: talk\nspeakers: [ada]\nreadings: {required: [r1]}\n---\nAgenda.\n"
    ),
    "programs/p/c/sessions/2026-05-06-secret.md": (
        "---\ntitle: Secret Draft Session\ntype: talk\ndraft: true\nreadings: {required: [r1]}\n---\nNot yet.\n"
    ),
}


def errors(root: Path) -> list[str]:
    _hub, problems = Workspace(root / "mkdocs.yml").load(include_drafts=False)
    return [p.format() for p in problems.errors]


def published(site: Path) -> bytes:
    return b"\n".join(p.read_bytes() for p in site.rglob("*") if p.is_file()) if site.exists() else b""


# --- 5. links (symlinks) under content/ and programs/ ---


def test_5_every_link_is_refused_at_its_path_and_the_build_stops_before_following_one(small_hub, tmp_path, capsys):
    root = small_hub(BASE)
    subprocess.run(["git", "init", "-q", str(root)], check=True)  # a repository whose config a link could publish
    (root / "content/files").mkdir()
    (root / "content/files/git").symlink_to("../../.git", target_is_directory=True)
    (root / "content/files/programs").symlink_to("../../programs", target_is_directory=True)
    (root / "content/files/up").symlink_to("..", target_is_directory=True)  # a loop: crashed the build
    (root / "content/people/bo-again.yml").symlink_to("bo.yml")  # a data file linked inside the repository
    (root / "programs/q").symlink_to("p", target_is_directory=True)  # a program folder linked
    (root / "programs/p/c/sessions/2026-03-05-again.md").symlink_to("2026-03-04-open.md")
    assert main(["check", str(root)]) == 1
    out = capsys.readouterr().out
    for link, target in (
        ("content/files/git", "../../.git"),
        ("content/files/programs", "../../programs"),
        ("content/files/up", ".."),
        ("content/people/bo-again.yml", "bo.yml"),
        ("programs/q", "p"),
        ("programs/p/c/sessions/2026-03-05-again.md", "2026-03-04-open.md"),
    ):
        assert f"{link}:1:1: error: this is a link (symlink) to '{target}' — a hub never needs one" in out, out
    assert out.count("error:") == 6, out  # nothing read through a link: no second message about what it holds

    site = tmp_path / "site"
    result = mkdocs_build(root, site)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "content/files/up:1:1: error: this is a link" in result.stderr
    text = published(site)
    assert b"repositoryformatversion" not in text and b"Secret Draft Session" not in text


def test_5_the_loader_reads_nothing_reached_through_a_link(small_hub):
    root = small_hub(BASE)
    (root / "programs/q").symlink_to("p", target_is_directory=True)
    hub, problems = load_hub(root)
    assert [p.id for p in hub.programs] == ["p"]
    assert [p.file for p in problems.errors] == ["programs/q"]


# --- 4. export and the Zensical preview write and remove nothing through a link ---


@pytest.fixture
def somewhere(tmp_path: Path) -> Path:
    """A folder outside the hub that a committed link points at: nothing of it may be written or removed."""
    folder = tmp_path / "somewhere"
    (folder / "deep").mkdir(parents=True)
    (folder / "precious.txt").write_text("keep me\n")
    (folder / "deep" / "index.md").write_text("keep me too\n")
    return folder


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("inside", ["overrides", "docs", "docs/programs", "site", "mkdocs.yml"])
def test_4_export_never_writes_or_removes_through_a_link_in_its_folder(small_hub, somewhere, inside, capsys):
    root = small_hub(BASE)
    out = root / EXPORT_DIR  # where `make preview` (hubgen serve --engine zensical) exports
    (out / inside).parent.mkdir(parents=True, exist_ok=True)
    target = somewhere / "precious.txt" if inside == "mkdocs.yml" else somewhere
    (out / inside).symlink_to(target, target_is_directory=target.is_dir())
    before = _snapshot(somewhere)
    assert main(["export", str(out), str(root)]) == 0, capsys.readouterr().err
    assert _snapshot(somewhere) == before
    assert not (out / inside).is_symlink()
    assert (out / "overrides" / "main.html").is_file() and (out / "docs" / "index.md").is_file()
    # the preview: an export with drafts, then each save's pages first (export_touched), as zensical.watch does
    (out / inside).unlink() if (out / inside).is_file() else None
    prepared = exporter.prepare(Workspace(root / "mkdocs.yml"), serving=True)
    exporter.export(prepared, out)
    if inside.startswith("docs"):  # a link that appears between two saves
        shutil.rmtree(out / "docs")
        (out / "docs").symlink_to(somewhere, target_is_directory=True)
    exporter.export_touched(prepared, out, [root / "programs/p/c/sessions/2026-03-04-open.md"])
    assert _snapshot(somewhere) == before


def test_4_a_link_on_the_way_to_the_export_folder_stops_the_export(small_hub, somewhere):
    root = small_hub(BASE)
    (root / ".cache").symlink_to(somewhere, target_is_directory=True)
    before = _snapshot(somewhere)
    with pytest.raises(exporter.ExportError, match=r"\.cache is a link \(symlink\)"):
        exporter.export(Workspace(root / "mkdocs.yml"), root / EXPORT_DIR, serving=True)
    # (the build's own cache, .cache/hubgen/yaml.json, is another matter: see hubgen/content/cachefile.py)
    assert {k: v for k, v in _snapshot(somewhere).items() if k in before} == before
    assert not (somewhere / "hubgen" / "export").exists()


def test_4_the_site_is_replaced_without_following_a_link(tmp_path, somewhere):
    built = tmp_path / "built"
    (built / "sub").mkdir(parents=True)
    (built / "index.html").write_text("<p>new</p>")
    (built / "sub" / "leak").symlink_to(somewhere, target_is_directory=True)  # never copied, never followed
    site = tmp_path / "site"
    site.symlink_to(somewhere, target_is_directory=True)
    before = _snapshot(somewhere)
    exporter.replace_site(built, site)
    assert _snapshot(somewhere) == before
    assert not site.is_symlink() and (site / "index.html").is_file() and not (site / "sub" / "leak").exists()


# --- 6 and 12. control characters and lone surrogates ---


CONTROL_CASES = [
    # (file, old text, new text, where the message is)
    ("programs/p/c/sessions/2026-03-04-open.md", "title: Open", 'title: "Bad \\ud800 title"', "2:8"),
    ("programs/p/c/sessions/2026-03-04-open.md", "title: Open", 'title: "Open\\x1f"', "2:8"),
    ("programs/p/c/sessions/2026-03-04-open.md", "Agenda.", "Agenda \x1b[2J here.", "7:8"),
    ("content/people/ada.yml", "bio: A speaker.", 'bio: "A \\e]0;owned\\a speaker"', "2:6"),
    ("content/people/ada.yml", "bio: A speaker.", 'bio: "A \\x85 speaker \\x7f"', "2:6"),
    ("content/people/ada.yml", "bio: A speaker.", '"bio\\x00": x', "2:1"),
    ("content/readings/r1.yml", "title: R1", 'title: "R1 \\uffff"', "1:8"),
    ("content/about.md", "", "# About\n\nWe \x0b meet.\n", "3:4"),
    ("content/news/2026-02-01-hello.md", "", '---\ntitle: "Hello"\n---\nNews \x7f here.\n', "4:6"),
    ("content/news/2026-02-02-bye.md", "", '---\ntitle: "Bye \\x1f"\n---\nNews.\n', "2:8"),
    ("programs/p/c/sessions/2026-03-04-open.md", "speakers: [ada]", 'speakers: ["ada\\udc80"]', "4:12"),
]


@pytest.mark.parametrize(("file", "old", "new", "where"), CONTROL_CASES)
def test_6_12_control_characters_are_refused_at_their_line(small_hub, file, old, new, where, capsys):
    files = dict(BASE)
    files[file] = files[file].replace(old, new) if old else new
    root = small_hub(files)
    assert main(["check", str(root)]) == 1
    out = capsys.readouterr().out
    assert f"{file}:{where}: error: " in out, out
    assert "invisible control character" in out or "half of a character" in out, out
    assert "\x1b" not in out and "Traceback" not in out


def test_6_12_the_build_refuses_them_with_a_message_not_a_traceback(small_hub, tmp_path):
    """A lone surrogate crashed `hubgen check` and the build; a control character in an announcement crashed the
    news feeds (lxml)."""
    files = {
        **BASE,
        "programs/p/c/sessions/2026-03-04-open.md": BASE["programs/p/c/sessions/2026-03-04-open.md"].replace(
            "title: Open", 'title: "Bad \\ud800 title"'
        ),
        "content/news/2026-02-01-hello.md": '---\ntitle: "Hello \\x1f"\nsummary: "a\\x02b"\n---\nNews \x1b[31m.\n',
    }
    root = small_hub(files)
    site = tmp_path / "site"
    result = mkdocs_build(root, site)
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    assert "programs/p/c/sessions/2026-03-04-open.md:2:8: error: '\\ud800' is half of a character" in result.stderr
    assert "content/news/2026-02-01-hello.md:5:6: error: the file contains an invisible control character" in (
        result.stderr
    )
    assert "\x1b" not in result.stderr


def test_6_tabs_line_breaks_and_windows_line_endings_are_text(small_hub):
    files = dict(BASE)
    files["programs/p/c/sessions/2026-03-04-open.md"] = "---\r\ntitle: Open\r\ntype: talk\r\n---\r\nA\ttab.\r\n"
    files["content/people/ada.yml"] = 'name: Ada Okoro\nbio: "One\\ntwo\\tthree"\n'
    assert errors(small_hub(files)) == []


# --- 9. terminal escapes in messages ---


def test_9_messages_print_control_characters_written_out():
    problem = Problem("content/x\x1b[2J.yml", 2, 3, "unknown person 'a\x1b]0;title\x07\u202eb\ud800'", "speakers")
    assert problem.format() == (
        "content/x\\x1b[2J.yml:2:3: error: speakers: unknown person 'a\\x1b]0;title\\x07\\u202eb\\ud800'"
    )
    assert "\x1b" not in problem.format_github() and "\\x1b]0;title" in problem.format_github()
    assert printable("two\nlines\tand\x1b", lines=True) == "two\nlines\tand\\x1b"
    assert printable("one\nline") == "one\\nline"  # a value cannot forge a second message


def test_9_every_command_prints_values_escaped(small_hub, tmp_path, capsys):
    root = small_hub(BASE)
    # hubgen new: its refusal echoes the value typed
    assert main(["new", "person", "--root", str(root), "--name", "Eve", "--id", "eve\x1b[31m", "--no-input"]) != 0
    # hubgen from-issue: a participant's issue, echoed in the reasons it is refused
    issue = tmp_path / "issue.md"
    issue.write_text(
        "### Title\n\n\x1b]0;pwned\x07A reading\n\n### Kind of resource\n\nbook\x1b[2J\n\n### Link\n\nx\x1b[2J\n",
        encoding="utf-8",
    )
    assert main(["from-issue", "--kind", "reading", str(issue), "--root", str(root)]) != 0
    # hubgen check: a field name and a message holding the escapes
    (root / "content/people/eve.yml").write_text('name: Eve\n"bad\\e[2Jkey": 1\nlinks: ["\\e[31m"]\n')
    assert main(["check", str(root)]) == 1
    captured = capsys.readouterr()
    printed = captured.out + captured.err
    assert "\x1b" not in printed and "\x07" not in printed, printed
    assert "\\x1b" in printed


# --- 8. mkdocs.yml values Material prints as they are ---


SETTINGS = [
    ("site_name", "site_name: \"Hub <img src=x onerror=alert('n')>\"", "site_name"),
    ("site_name", "site_name: 'Hub\" onmouseover=\"alert(1)'", "site_name"),
    ("site_url", "site_url: 'https://example.org/\"><img src=x onerror=alert(1)>'", "site_url"),
    ("repo_url", "repo_url: javascript:alert(1)", "repo_url"),
    ("copyright", "copyright: \"<!--><img src=x onerror=alert('c')>-->\"", "copyright"),
    ("copyright", "copyright: '<a href=\"&#106;avascript:alert(1)\">x</a>'", "copyright"),
    ("copyright", "copyright: '<style></style x><img src=x onerror=alert(1)>'", "copyright"),
    ("extra", "extra:\n  social:\n    - icon: fontawesome/brands/github\n      link: 'java\tscript:alert(1)'", "link"),
    ("extra", "extra:\n  homepage: 'javascript:alert(1)'", "extra.homepage"),
]


@pytest.mark.parametrize(("key", "line", "field"), SETTINGS)
def test_8_mkdocs_values_are_checked_at_their_line(small_hub, key, line, field):
    config = "\n".join(x for x in MINIMAL_MKDOCS.splitlines() if not x.startswith(f"{key}:")) + "\n" + line + "\n"
    root = small_hub({**BASE, "mkdocs.yml": config})
    number = config.splitlines().index(line.splitlines()[-1]) + 1
    found = [e for e in errors(root) if e.startswith(f"mkdocs.yml:{number}:")]
    assert found and field in found[0], errors(root)


def test_8_mkdocs_values_staff_write_are_accepted(small_hub):
    config = MINIMAL_MKDOCS.replace("site_name: Test hub", "site_name: Tom's Hub — Health & Housing") + (
        "copyright: 'Copyright &copy; 2026 <a href=\"https://example.org/?a=1&amp;b=2\">Org</a><br>'\n"
        "extra:\n  homepage: /\n  social:\n    - icon: fontawesome/brands/mastodon\n"
        "      link: https://mastodon.social/@org\n    - icon: fontawesome/solid/envelope\n"
        "      link: mailto:hub@example.org\n"
    )
    assert errors(small_hub({**BASE, "mkdocs.yml": config})) == []


def test_8_init_refuses_what_the_check_refuses(tmp_path, capsys):
    flags = ["--repo-url", "https://github.com/x/hub", "--program", "P", "--timezone", "America/Chicago"]
    flags += ["--person", "Ada Okoro", "--yes", "--root", str(tmp_path)]
    assert main(["init", "--name", "Hub <script>alert(1)</script>", *flags]) == 1
    assert "--name" in capsys.readouterr().err
    assert main(["init", "--name", "Hub", "--organization", 'Org"><img src=x onerror=alert(1)>', *flags]) == 1
    assert "--organization" in capsys.readouterr().err
    bad_url = ["--site-url", 'https://x.github.io/hub/"><svg onload=alert(1)>']
    assert main(["init", "--name", "Hub", *bad_url, *flags]) == 1
    assert "--site-url" in capsys.readouterr().err
    assert not (tmp_path / "mkdocs.yml").exists()


# --- 10. drafts publish nothing, people's roles included ---


def test_10_a_participant_speaking_only_at_a_draft_gets_no_page(small_hub, tmp_path):
    files = dict(BASE)
    files["programs/p/c/sessions/2026-05-06-secret.md"] = files["programs/p/c/sessions/2026-05-06-secret.md"].replace(
        "draft: true\n", "draft: true\nspeakers: [bo]\nfacilitators: [bo]\n"
    )
    root = small_hub(files)
    hub, problems = load_hub(root)
    assert not problems.errors
    bo = hub.people["bo"]
    assert bo.roles == {"participant"} and not bo.has_page and bo.sessions == []
    renderer = Renderer(hub)
    groups = {key: [p.id for p in people] for key, _title, people in sections.people_groups(hub, renderer.tr)}
    assert "bo" not in groups.get("speakers", []) + groups.get("facilitators", []) and "bo" in groups["p-c"]
    assert not any(page.src_uri.startswith("people/bo") for page in renderer.pages())
    # a preview shows drafts: there, the speaker has a page
    preview, _ = load_hub(root, HubOptions(include_drafts=True))
    assert preview.people["bo"].has_page and "speaker" in preview.people["bo"].roles

    site = tmp_path / "site"
    result = mkdocs_build(root, site)
    assert result.returncode == 0, result.stderr
    assert not (site / "people" / "bo").exists()
    assert b"Secret Draft Session" not in published(site)


def test_6_a_control_character_typed_in_mkdocs_yml_is_a_message(small_hub, capsys):
    root = small_hub({**BASE, "mkdocs.yml": MINIMAL_MKDOCS.replace("site_name: Test hub", "site_name: Test \x1b hub")})
    assert main(["check", str(root)]) == 1
    out = capsys.readouterr().out
    assert "mkdocs.yml:1:17: error: an invisible control character (\\x1b) — delete it" in out, out


def test_an_impossible_date_in_mkdocs_yml_is_a_message(small_hub, capsys):
    """YAML reads 2026-02-29 as a date and cannot make it: one message at its line, never a traceback (the
    fuzzer found it, seed 2612)."""
    root = small_hub(
        {**BASE, "mkdocs.yml": MINIMAL_MKDOCS.replace("site_name: Test hub", "site_name: Test hub\nx: 2026-02-29")}
    )
    assert main(["check", str(root)]) == 1
    out = capsys.readouterr().out
    assert "mkdocs.yml:2:4: error: YAML syntax: '2026-02-29' is not a real date (day is out of range for month)" in out
    (root / "mkdocs.yml").write_text(MINIMAL_MKDOCS.replace("docs_dir: content", "docs_dir: " + "[" * 5000))
    assert main(["check", str(root)]) == 1
    assert "mkdocs.yml:1:1: error: YAML syntax: lists or mappings nested too deeply to read" in capsys.readouterr().out


def test_an_announcement_needs_a_title(small_hub, capsys):
    """An empty title passed the check and crashed the build in the news feeds (the fuzzer, seed 2612)."""
    news = "---\ntitle: ''\nsummary: The program starts.\n---\nWelcome.\n"
    root = small_hub({**BASE, "content/news/2026-02-01-welcome.md": news})
    assert main(["check", str(root)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("content/news/2026-02-01-welcome.md:2:8: error: title: is empty"), out
