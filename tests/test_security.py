"""Untrusted text stays text and no file can hurt the build (issue 11).

Each test names the finding of the security review it covers. Browser proof of the escaping (an alert
recorder in Chromium) is in tests/browser/test_injection.py; the privacy audit's new rules are in
tests/test_privacy.py; the fuzzer in tests/validation/test_validation_fuzz.py and bench/fuzz.py.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from hubgen.authoring.fromissue import DEFAULT_EXTENSIONS, convert, participant_markdown
from hubgen.cli import main
from hubgen.content.judge import markdown_problems, site_markdown
from hubgen.content.markup import markdown_text
from hubgen.content.problems import Problem, Problems
from hubgen.content.yamlsource import parse_yaml
from hubgen.hub.load import load_hub
from hubgen.hub.workspace import Workspace
from hubgen.site.nav import program_nav
from tests.helpers import mkdocs_build

BASE = {
    "content/topics.yml": "t: {title: T}\n",
    "content/people/ada.yml": "name: Ada Okoro\nbio: A speaker.\n",
    "content/readings/r1.yml": "title: R1\ntype: article\ntopics: [t]\n",
    "programs/p/program.yml": "title: P\ntimezone: America/New_York\nsession_types: {talk: {title: Talk}}\n",
    "programs/p/c/cohort.yml": "title: C\nstarts: 2026-01-01\nends: 2026-12-31\nparticipants: [ada]\n",
    "programs/p/c/sessions/2026-03-04-open.md": (
        "---\ntitle: Open\ntype: talk\nspeakers: [ada]\nreadings: {required: [r1]}\n---\nAgenda.\n"
    ),
}


def check(root: Path) -> list[str]:
    _hub, problems = load_hub(root)
    return [p.format() for p in problems.errors]


def built(root: Path, out: Path) -> Path:
    result = mkdocs_build(root, out)
    assert result.returncode == 0, result.stderr
    return out


# --- 1. a program or cohort title in the navigation ---


def test_1_nav_titles_are_escaped(small_hub, tmp_path):
    root = small_hub(
        {
            **BASE,
            "programs/p/program.yml": BASE["programs/p/program.yml"].replace(
                "title: P", 'title: "P <script>alert(1)</script>"'
            ),
            "programs/p/c/cohort.yml": BASE["programs/p/c/cohort.yml"].replace(
                "title: C", 'title: "C <img src=x onerror=alert(2)>"'
            ),
        }
    )
    hub, problems = load_hub(root)
    assert not problems.errors
    nav = str(program_nav(hub))
    assert "<script>" not in nav and "<img" not in nav and "&lt;script&gt;" in nav
    site = built(root, tmp_path / "site")
    for page in ("404.html", "index.html", "programs/p/index.html", "calendar/index.html"):
        soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
        assert not [s for s in soup.find_all("script") if "alert(1)" in s.text], page
        assert not soup.find("img", attrs={"onerror": True}), page
        assert "P <script>alert(1)</script>" in soup.get_text(), page  # shown as the text it is


# --- 2. a YAML alias bomb ---


def _bomb(levels: int) -> str:
    text = 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
    for i in range(1, levels + 1):
        text += f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]\n"
    return text


def test_2_an_alias_bomb_is_refused_at_once(small_hub):
    problems = Problems()
    started = time.perf_counter()
    assert parse_yaml(_bomb(10), "x.yml", problems) is not None
    assert time.perf_counter() - started < 1
    assert [p.format() for p in problems] == [
        "x.yml:2:10: error: YAML aliases ('*name', repeating a value marked '&name') are not supported — "
        "write the value out where it is needed"
    ]
    root = small_hub({**BASE, "content/people/bomb.yml": "name: Bomb\n" + _bomb(10).replace("a0:", "bio:", 1)})
    started = time.perf_counter()
    errors = check(root)
    assert time.perf_counter() - started < 10
    assert any(e.startswith("content/people/bomb.yml:3:") and "aliases" in e for e in errors), errors


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("title: " + "[" * 100_000 + "]" * 100_000, "1:28", "nested more than 20 levels deep"),
        ("title: " + "[" * 600 + "]" * 600, "1:28", "nested more than 20 levels deep"),
        ("x: &a [*a]\n", "1:8", "aliases"),
        ("minutes: " + "9" * 5000, "1:10", "more than 4,300 digits"),
    ],
)
def test_2_the_loader_cannot_be_exhausted(text, where, message):
    problems = Problems()
    parse_yaml(text, "x.yml", problems)
    first = next(p.format() for p in problems)
    assert first.startswith(f"x.yml:{where}: error: ") and message in first, first


@pytest.mark.parametrize("parser", ["libyaml", "pure"])
@pytest.mark.parametrize(
    ("text", "message"),
    [
        (_bomb(8), "aliases"),
        ("x: &a [*a]\n", "aliases"),
        ("minutes: " + "9" * 5000, "4,300 digits"),
        ("".join(" " * i + "a:\n" for i in range(30)) + " " * 30 + "x", "nested more than 20"),
        ("title: " + "[" * 600 + "]" * 600, "nested more than 20"),
    ],
)
def test_2_both_parsers_refuse_the_same(monkeypatch, parser, text, message):
    """PyYAML's libyaml parser, and the pure-Python one that explains its errors, end in the same checks."""
    from hubgen.content import yamlsource

    if parser == "pure":
        monkeypatch.setattr(yamlsource, "_compose_fast", lambda text: None)
    problems = Problems()
    started = time.perf_counter()
    parse_yaml(text, "x.yml", problems)
    assert time.perf_counter() - started < 2
    assert [message in p.message for p in problems] == [True], list(problems)


def test_2_a_huge_file_is_not_read(small_hub):
    root = small_hub({**BASE, "content/people/big.yml": "name: Big\nbio: " + "x" * 1_100_000 + "\n"})
    assert any(e.startswith("content/people/big.yml:1:1: error: the file is 1,100,") for e in check(root))


# --- 3. attributes injected through a Markdown heading ---


def test_3_the_people_heading_is_text(small_hub, tmp_path):
    cohort = 'title: "Cohort one {: onmouseover=alert(77) tabindex=0 onfocus=alert(78) [x](javascript:alert(1))"\n'
    root = small_hub({**BASE, "programs/p/c/cohort.yml": BASE["programs/p/c/cohort.yml"].replace("title: C\n", cohort)})
    site = built(root, tmp_path / "site")
    soup = BeautifulSoup((site / "people/index.html").read_text(encoding="utf-8"), "html.parser")
    heading = soup.find("h2", id="p-c")
    assert heading is not None
    assert not any(name.startswith("on") for tag in soup.find_all(True) for name in tag.attrs)
    assert not soup.select('a[href^="javascript"]')
    assert "Cohort one {: onmouseover=alert(77)" in heading.get_text()
    assert str(markdown_text("a {: b} [c](d)")) == "a &#123;&#58; b&#125; &#91;c&#93;&#40;d&#41;"


# --- 4. staff Markdown and participants' text ---


def test_4_check_refuses_scripts_in_staff_markdown(small_hub):
    body = (
        "Agenda.\n\n<script>alert(1)</script>\n<img src=x onerror=alert(2)>\n[click](javascript:alert(3))\n"
        '<a href="&#106;avascript:alert(4)">x</a>\n[r]: vbscript:msgbox(5)\n'
        '![ok](data:image/png;base64,iVBORw0KGgo=) <iframe src="data:text/html,<script>alert(6)</script>"></iframe>\n'
        "<p>Fine <a href='https://example.org'>link</a> and <b>bold</b>.</p>\n"
    )
    root = small_hub(
        {
            **BASE,
            "programs/p/c/sessions/2026-03-04-open.md": BASE["programs/p/c/sessions/2026-03-04-open.md"].replace(
                "Agenda.\n", body
            ),
            "content/about.md": '# About\n\n<div onclick="alert(7)">x</div>\n',
        }
    )
    errors = check(root)
    session = "programs/p/c/sessions/2026-03-04-open.md"
    assert [e.split(": error")[0] for e in errors] == [
        "content/about.md:3:6",  # onclick
        f"{session}:9:1",  # <script>
        f"{session}:10:12",  # onerror
        f"{session}:11:9",  # javascript: in a Markdown link
        f"{session}:12:10",  # an entity-encoded javascript: link
        f"{session}:14:43",  # an iframe of no https:// address
        f"{session}:14:56",  # data: outside an image
    ], errors  # the vbscript: reference on line 13 is used by no link: the page has nothing of it
    assert main(["check", str(root)]) == 1
    result = mkdocs_build(root, root.parent / "site")
    assert result.returncode != 0 and "onerror" in result.stderr  # the build agrees


def unsafe_markup(text: str, extensions: list | None = None) -> list[tuple[int, int, str]]:
    """What the check refuses in staff Markdown, rendered with a new hub's Markdown extensions."""
    return markdown_problems(text, site_markdown(DEFAULT_EXTENSIONS if extensions is None else extensions))


def test_4_unsafe_markup_allows_plain_html():
    assert (
        unsafe_markup('<div class="grid" markdown>**x** <a href="/a/">a</a> <img src="data:image/png;base64,AA">') == []
    )


def test_4_code_is_shown_never_refused():
    """HTML written as code (a workshop on web accessibility, say) is text on the page: it is not refused —
    where the site's Markdown reads it as code. A code span does not cross a blank line: the <img> between
    is raw HTML the browser runs (the old scan blanked it as code; issue 24, finding 2)."""
    text = (
        'Use `<img src=x onerror="y">` never.\n\n```html\n<script>alert(1)</script>\n```\n\nAfter <b onclick=1>x</b>\n'
    )
    onclick = (7, 10, "the attribute onclick= on <b> runs a script — remove it (no event handlers)")
    assert unsafe_markup(text) == [onclick]
    spans = "A `span\n\n<img src=x onerror=alert(1)>\n\nends` here.\n"
    assert unsafe_markup(spans) == [
        (3, 12, "the attribute onerror= on <img> runs a script — remove it (no event handlers)")
    ]


def test_4_participant_text_is_sanitized_before_it_is_written(small_hub):
    hostile = (
        "Hello <script>alert(1)</script> <img src=x onerror=alert(2)>\n\n[click](javascript:alert(3)) "
        "[ok](https://example.org) ![pic](https://example.org/p.png)\n\nPara {: onclick=alert(5) }\n\n"
        "[r]: javascript:alert(6)\n"
    )
    clean = participant_markdown(hostile)
    assert "<" not in clean and "javascript" not in clean and "onerror" not in clean.lower()
    assert "[ok](https://example.org)" in clean and "\\{: onclick" in clean and "![" not in clean
    root = small_hub(BASE)
    issue = "\n\n".join(
        f"### {label}\n\n{value}"
        for label, value in [
            ("Project name", "Safe Rides"),
            ("Program", "P"),
            ("Cohort", "C"),
            ("Team", "Ada Okoro"),
            ("Status", "Planning"),
            ("Summary", "Rides for patients."),
            ("Description", hostile),
            ("Consent", "- [x] Everyone agrees"),
        ]
    )
    path, _draft = convert("project", Workspace(root / "mkdocs.yml"), issue)
    written = path.read_text(encoding="utf-8")
    assert "<script" not in written and "onerror" not in written and "javascript:" not in written
    assert check(root) == []


# --- 5. line breaks in one-line fields ---


@pytest.mark.parametrize(
    ("file", "old", "new", "field"),
    [
        ("programs/p/program.yml", "title: P", 'title: "P\\nX"', "title"),
        ("programs/p/program.yml", "title: P\n", 'title: P\nsummary: "one\\ntwo"\n', "summary"),
        ("programs/p/c/cohort.yml", "title: C", "title: |\n  C\n  D", "title"),
        ("programs/p/c/sessions/2026-03-04-open.md", "title: Open", 'title: "Open\\rX"', "title"),
        ("content/people/ada.yml", "name: Ada Okoro", 'name: "Ada\\u2028Okoro"', "name"),
    ],
)
def test_5_line_breaks_in_one_line_fields_are_errors_in_check_and_build(small_hub, tmp_path, file, old, new, field):
    root = small_hub({**BASE, file: BASE[file].replace(old, new)})
    errors = check(root)
    assert any(e.startswith(f"{file}:") and f"error: {field}: this is a one-line field" in e for e in errors), errors
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode != 0 and "one-line field" in result.stderr and "Traceback" not in result.stderr


def test_5_a_series_date_title_with_a_line_break(small_hub):
    series = (
        "title: Weekly\ntype: talk\nweekday: wednesday\nstarts: 2026-03-01\nends: 2026-03-31\n"
        'dates:\n  2026-03-11: {title: "One\\nTwo"}\n'
    )
    errors = check(small_hub({**BASE, "programs/p/c/series/weekly.yml": series}))
    assert any("series/weekly.yml:7:" in e and "one-line field" in e for e in errors), errors


# --- 6. links (symlinks) out of the repository ---


@pytest.fixture
def secret_outside(tmp_path: Path) -> Path:
    secret = tmp_path / "outside" / "environ"
    secret.parent.mkdir()
    secret.write_text("CI_TOKEN=ghp_plantedsecret0123456789\nroot:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    return secret


def test_6_a_material_linked_outside_is_refused_and_never_published(small_hub, tmp_path, secret_outside, capsys):
    session = BASE["programs/p/c/sessions/2026-03-04-open.md"].replace(
        "speakers: [ada]\n", "speakers: [ada]\nmaterials: [{title: Slides, file: files/slides.pdf}]\n"
    )
    root = small_hub({**BASE, "programs/p/c/sessions/2026-03-04-open.md": session})
    (root / "content/files").mkdir()
    (root / "content/files/slides.pdf").symlink_to(secret_outside)
    (root / "content/extra.txt").symlink_to(secret_outside)  # named by nothing: MkDocs copies it all the same
    (root / "content/folder").symlink_to(secret_outside.parent, target_is_directory=True)
    (root / "content/people/eve.yml").symlink_to(secret_outside)
    assert main(["check", str(root)]) == 1
    out = capsys.readouterr().out
    assert "ghp_planted" not in out and "root:x" not in out
    for where in (
        "programs/p/c/sessions/2026-03-04-open.md:5:35: error: materials[0].file",
        "content/files/slides.pdf:1:1",
        "content/extra.txt:1:1",
        "content/folder:1:1",
        "content/people/eve.yml:1:1",
    ):
        assert where in out, out
    site = tmp_path / "site"
    result = mkdocs_build(root, site, strict=False)
    assert result.returncode != 0 and "ghp_planted" not in result.stderr
    leaked = [p for p in site.rglob("*") if p.is_file() and b"ghp_planted" in p.read_bytes()] if site.exists() else []
    assert leaked == []


def test_6_the_engine_never_copies_a_file_linked_outside(small_hub, secret_outside):
    """The adapter's own guard, below the check: a file of docs_dir that resolves outside is not a site file."""
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files

    from hubgen.adapters.common import unpublished

    root = small_hub(BASE)
    (root / "content/extra.txt").symlink_to(secret_outside)
    hub, _ = load_hub(root)
    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "docs_dir": str(root / "content"), "site_dir": str(root / "site")})
    files = Files(
        [
            File("extra.txt", str(root / "content"), str(root / "site"), True),
            File("index.md", str(root / "content"), str(root / "site"), True),
        ]
    )
    test = unpublished(hub)
    assert [f.src_uri for f in files if not test(f.src_uri, Path(f.abs_src_path))] == ["index.md"]


# --- 8. --format github ---


def test_8_github_annotations_cannot_be_forged():
    problem = Problem("a\n::error file=README.md,line=1::forged,x.md", 3, 4, "bad\r\nvalue 100%")
    line = problem.format_github()
    assert "\n" not in line and "\r" not in line
    assert line == (
        "::error file=a%0A%3A%3Aerror file=README.md%2Cline=1%3A%3Aforged%2Cx.md,line=3,col=4::bad%0D%0Avalue 100%25"
    )


# --- 9. tracebacks without file:line; inputs check passed and the build crashed on ---


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("programs/p/c/cohort.yml", "ends: 2026-12-31", "ends: 9999-12-31", "the year 9999 is out of range"),
        ("programs/p/c/cohort.yml", "starts: 2026-01-01", "starts: 0001-01-01", "the year 1 is out of range"),
        ("content/people/ada.yml", "bio: A speaker.", "photo: " + "a" * 300 + ".png", "too long for a file's path"),
        ("programs/p/program.yml", "title: P", "title: [" * 600 + "]" * 600, "nested more than"),
        ("programs/p/c/sessions/2026-03-04-open.md", "title: Open", "title: Open\nminutes: " + "9" * 5000, "4,300"),
    ],
)
def test_9_check_reports_what_crashed(small_hub, tmp_path, file, old, new, message, capsys):
    root = small_hub({**BASE, file: BASE[file].replace(old, new)})
    assert main(["check", str(root)]) == 1
    out = capsys.readouterr()
    assert f"{file}:" in out.out and message in out.out and "Traceback" not in out.err, out


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("content/people/ada.yml", "bio: A speaker.", 'photo: "\\x00\\x1b"', "invisible control character (\\x00)"),
        ("programs/p/program.yml", "title: P", "title: ''", "title: is empty"),
        ("content/people/ada.yml", "name: Ada Okoro", "name: ' '", "name: is empty"),
        (
            "programs/p/c/sessions/2026-03-04-open.md",
            "speakers: [ada]",
            "speakers: [ada]\nmaterials: [{title: Slides}]",
            "materials[0]: a material needs a link or a file",
        ),
    ],
)
def test_9_found_by_the_fuzzer(small_hub, file, old, new, message):
    """bench/fuzz.py's first 10,000 documents found these: a NUL in a path, an empty title or name, a material
    with neither link nor file."""
    errors = check(small_hub({**BASE, file: BASE[file].replace(old, new)}))
    assert any(e.startswith(f"{file}:") and message in e for e in errors), errors


def test_9_an_overlong_id_is_an_error(small_hub):
    long_id = "a" * 240
    root = small_hub(
        {**BASE, f"content/people/{long_id}.yml": "name: Long\nphoto: photos/x.png\n", "content/photos/x.png": "x"}
    )
    errors = check(root)
    assert any(e.startswith(f"content/people/{long_id}.yml:1:1: error: the name") for e in errors), errors


# --- 10. smaller points ---


def test_10_a_draft_file_for_a_series_date_leaves_the_date_published(small_hub, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    series = (
        "title: Weekly\ntype: talk\nweekday: wednesday\nstarts: 2026-03-05\nends: 2026-03-31\n"  # not on 03-04's
        "readings: {required: [r1]}\n"
    )
    override = "---\nseries: weekly\ndraft: true\ntime: 12:00-13:00\n---\nSecret agenda.\n"
    root = small_hub(
        {
            **BASE,
            "programs/p/c/series/weekly.yml": series,
            "programs/p/c/sessions/2026-03-11-weekly.md": override,
        }
    )
    hub, problems = load_hub(root)
    assert not problems.errors
    ids = [s.id for s in hub.sessions]
    assert "2026-03-11-weekly" in ids
    assert not next(s for s in hub.sessions if s.id == "2026-03-11-weekly").body
    site = built(root, tmp_path / "site")
    assert (site / "programs/p/c/sessions/2026-03-11-weekly/index.html").is_file()
    assert "Secret agenda" not in (site / "programs/p/c/sessions/2026-03-11-weekly/index.html").read_text()
    assert "2026-03-11-weekly" in (site / "programs/p/c/calendar.ics").read_text()


def test_10_a_series_of_a_thousand_years_is_an_error(small_hub):
    cohort = BASE["programs/p/c/cohort.yml"].replace("ends: 2026-12-31", "ends: 2199-12-31")
    series = "title: Weekly\ntype: talk\nweekday: wednesday\nstarts: 2026-03-01\nends: 2199-03-31\n"
    errors = check(small_hub({**BASE, "programs/p/c/cohort.yml": cohort, "programs/p/c/series/weekly.yml": series}))
    assert any("series/weekly.yml:5:" in e and "more than 260 weeks" in e for e in errors), errors


def test_10_a_shallow_clone_does_not_change_sequences(tmp_path):
    import subprocess

    from hubgen.content.history import History

    repo = tmp_path / "repo"
    repo.mkdir()
    env = {**os.environ, "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z"}

    def git(*args: str, cwd: Path = repo) -> None:
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
            cwd=cwd,
            env=env,
            check=True,
            capture_output=True,
        )

    git("init", "-q")
    for i in range(3):
        (repo / "a.md").write_text(f"v{i}\n")
        git("add", "a.md")
        git("commit", "-qm", f"c{i}")
    full = History.read(repo)
    assert not full.shallow and full.revision(["a.md"]).sequence == 3
    clone = tmp_path / "clone"
    git("clone", "-q", "--depth", "1", f"file://{repo}", str(clone), cwd=tmp_path)
    shallow = History.read(clone)
    assert shallow.shallow
    first, second = shallow.revision(["a.md"]), History.read(clone).revision(["a.md"])
    assert first == second and first.sequence == 0  # deterministic, and never a silently lower count
