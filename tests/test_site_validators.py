"""The built example hub through real validators: the Nu HTML Checker over every page; linkchecker's self-test.

linkchecker over every link of a whole site takes two minutes: it runs once, over the hub at the root
(tests/hub_checks/), which in this repository is the example.

Both validators are the real programs (see tests/clients/package.json and the ``test`` extra), run once over the
whole site. What they report from Material's own markup, which hubgen cannot change, is listed below with the
reason; everything else is a failure, to be fixed where the page comes from.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import QuietHandler, built_once, npm_client, serve_directory, validator_unavailable, write_files

#: Nu HTML Checker errors in Material for MkDocs' own templates: (message pattern, fragment of the reported
#: markup) -> why it is not hubgen's to fix. An error is let through only when both match.
MATERIAL_HTML: dict[tuple[str, str], str] = {
    (r"Attribute “autocomplete” is only allowed when the input type is", 'type="checkbox"'): (
        "Material's drawer and search toggles are checkboxes with autocomplete=off, to stop Firefox restoring"
        " their state on Back (base.html)."
    ),
    (r"Bad value “” for attribute “tabindex” on element “label”", 'class="md-nav__link'): (
        'Material\'s nav-item.html writes tabindex="" on the label of a section with an index page'
        " (navigation.indexes) that it renders as a section."
    ),
    (r"The value of the “for” attribute of the “label” element must be the ID", 'for="__toc"'): (
        "Material's toc.html labels the table of contents for the #__toc toggle, which nav-item.html writes only"
        " for a page in the navigation; hubgen's generated pages (sessions, readings, people…) are not in it."
    ),
}


def is_material(error: dict[str, str], pattern: str, fragment: str) -> bool:
    return bool(re.search(pattern, error.get("message", ""))) and fragment in error.get("extract", "")


def nu_check(target: Path) -> list[dict[str, str]]:
    """Every error the Nu HTML Checker reports for the HTML files under ``target`` (one JVM run)."""
    java = shutil.which("java")
    if java is None:
        validator_unavailable("the Nu HTML Checker needs Java", "Install it with `apt-get install default-jre`.")
    vnu = npm_client("vnu-jar/build/dist/vnu.jar")
    result = subprocess.run(
        [java, "-jar", str(vnu), "--errors-only", "--skip-non-html", "--format", "json", str(target)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode in (0, 1), result.stderr  # 1: errors were found
    messages = json.loads(result.stderr)["messages"]
    return [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]


def nu_check_site(factory: pytest.TempPathFactory, site: Path) -> list[dict[str, str]]:
    """``nu_check(site)`` run once per test run for a built site, whichever test or worker asks first: while the
    root hub is still the example, the hub checks and these tests check the same build (one JVM run, not two)."""

    def run(folder: Path) -> Path:
        out = folder / "errors.json"
        out.write_text(json.dumps(nu_check(site)), encoding="utf-8")
        return out

    name = "nu-" + hashlib.sha256(str(site.resolve()).encode()).hexdigest()[:16]
    errors: list[dict[str, str]] = json.loads(built_once(factory, name, run).read_text(encoding="utf-8"))
    return errors


def describe(error: dict[str, str], root: Path) -> str:
    where = error.get("url", "").removeprefix("file:").removeprefix(str(root))
    return f"{where}:{error.get('lastLine', '?')}: {error.get('message')}\n    {error.get('extract', '').strip()}"


def test_every_page_is_valid_html(example_site: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    errors = nu_check_site(tmp_path_factory, example_site)
    ours = [e for e in errors if not any(is_material(e, *key) for key in MATERIAL_HTML)]
    assert not ours, f"{len(ours)} HTML errors:\n" + "\n".join(describe(e, example_site) for e in ours[:40])
    # The list stays honest: each entry still matches something Material writes.
    stale = [key for key in MATERIAL_HTML if not any(is_material(e, *key) for e in errors)]
    assert not stale, f"Material no longer writes these: drop them from MATERIAL_HTML: {stale}"


def test_the_nu_checker_reports_a_broken_page(tmp_path: Path) -> None:
    """A self-test: the checker runs for real and finds what hubgen's templates could get wrong."""
    write_files(tmp_path, {"broken/index.html": '<!doctype html><html lang="en"><title>x</title><p id=a><p id=a>\n'})
    errors = nu_check(tmp_path)
    assert any("Duplicate ID “a”" in e["message"] for e in errors), errors


class LinkCheckerHandler(QuietHandler):
    """Answers with the ``LinkChecker`` header: linkchecker then lifts its limit of ten requests a second."""

    def end_headers(self) -> None:
        self.send_header("LinkChecker", "local")
        super().end_headers()


LINKCHECKER_CONFIG = """\
[checking]
threads=4
# Honoured for hosts that answer with the LinkChecker header (LinkCheckerHandler): this one.
maxrequestspersecond=1000
[filtering]
checkextern=0
[AnchorCheck]
"""


#: linkchecker's command line, parsing each distinct page once however many #anchor URLs point into it.
LINKCHECKER = Path(__file__).with_name("linkchecker_run.py")


def linkcheck(site: Path, config_dir: Path) -> subprocess.CompletedProcess[str]:
    """linkchecker over ``site`` served on 127.0.0.1: internal links and their #anchors; warnings count as errors."""
    config = config_dir / "linkcheckerrc"
    config.write_text(LINKCHECKER_CONFIG, encoding="utf-8")
    with serve_directory(site, LinkCheckerHandler) as url:
        # As root linkchecker drops to user nobody after reading its configuration: it only talks HTTP to the
        # server (this process), so the files need not be readable by nobody.
        return subprocess.run(
            [sys.executable, str(LINKCHECKER), "--config", str(config), "--no-status", url],
            capture_output=True,
            text=True,
            timeout=600,
        )


@pytest.fixture(scope="module")
def linkchecker_available() -> None:
    if importlib.util.find_spec("linkcheck") is None:
        validator_unavailable("linkchecker is not installed", "Install it with `pip install -e '.[test]'`.")


@pytest.mark.usefixtures("linkchecker_available")
def test_linkchecker_reports_a_broken_link_and_anchor(tmp_path: Path) -> None:
    """A self-test: a missing page and a missing #anchor are both caught."""
    site = write_files(
        tmp_path / "site",
        {
            "index.html": """\
                <!doctype html><html lang="en"><title>Home</title>
                <a href="a/">A</a> <a href="a/#there">there</a> <a href="a/#nowhere">nowhere</a>
                <a href="gone/">gone</a>
                """,
            "a/index.html": '<!doctype html><html lang="en"><title>A</title><h2 id="there">There</h2>\n',
        },
    )
    result = linkcheck(site, tmp_path)
    assert result.returncode == 1, result.stdout
    report = result.stdout
    assert "gone/" in report and "404" in report, report
    assert "Anchor `nowhere' (decoded: `nowhere') not" in report, report
    assert "1 warning found. 1 error found." in report, report  # #there exists: no warning for it


def _checked(command: list[str], site: Path, config_dir: Path) -> set[tuple[str, ...]]:
    """Each URL a linkchecker command checked in ``site``, with its result, warning and validity."""
    config = config_dir / "linkcheckerrc"
    config.write_text(LINKCHECKER_CONFIG, encoding="utf-8")
    with serve_directory(site, LinkCheckerHandler) as url:
        result = subprocess.run(
            [*command, "--config", str(config), "--no-status", "--verbose", "--output", "csv", url],
            capture_output=True,
            text=True,
            timeout=600,
        )
    lines = [line for line in result.stdout.splitlines() if not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter=";"))
    assert rows, result.stdout + result.stderr
    fields = ("url", "result", "warningstring", "valid")
    return {(str(result.returncode), *(row[f].replace(url, "/") for f in fields)) for row in rows}


@pytest.mark.usefixtures("linkchecker_available")
def test_linkchecker_run_checks_what_linkchecker_checks(tmp_path: Path) -> None:
    """tests/linkchecker_run.py parses a page once for all the #anchor URLs into it: the URLs checked and what is
    found stay linkchecker's own, even for a page reached only through an #anchor (its links are still followed)."""
    site = write_files(
        tmp_path / "site",
        {
            "index.html": """\
                <!doctype html><html lang="en"><title>Home</title><h2 id="top">Top</h2>
                <a href="#top">top</a> <a href="a/">A</a> <a href="a/#x">x</a> <a href="a/#y">y</a>
                <a href="b/#only">only through an anchor</a>
                """,
            "a/index.html": """\
                <!doctype html><html lang="en"><title>A</title><h2 id="x">X</h2>
                <a href="../">home</a> <a href="../b/#only">b</a>
                """,
            "b/index.html": """\
                <!doctype html><html lang="en"><title>B</title><h2 id="only">Only</h2>
                <a href="../c/">C</a> <a href="../missing/">missing</a> <a href="../a/#z">z</a>
                """,
            "c/index.html": '<!doctype html><html lang="en"><title>C</title><p>C</p>\n',
        },
    )
    plain = _checked([sys.executable, "-m", "linkcheck"], site, tmp_path)
    assert plain == _checked([sys.executable, str(LINKCHECKER)], site, tmp_path)
    found = {(row[1], row[3]) for row in plain if row[3]}  # the URLs with a warning
    assert {url for url, _ in found} == {"/a/#y", "/a/#z"}, plain  # a/#z is linked only from b/
    assert any(row[1] == "/missing/" and row[4] == "False" for row in plain), plain
    assert any(row[1] == "/c/" and row[4] == "True" for row in plain), plain
