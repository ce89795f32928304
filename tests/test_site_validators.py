"""The built example hub through real validators: the Nu HTML Checker over every page; linkchecker's self-test.

linkchecker over every link of a whole site takes two minutes: it runs once, over the hub at the root
(tests/hub_checks/), which in this repository is the example.

Both validators are the real programs (see hubgen/checks/clients/package.json and the ``checks`` extra), run once
over the whole site, as the hub's checks run them (hubgen/checks/validators.py). What they report from Material's own
markup, which hubgen cannot change, is listed there with the reason; everything else is a failure.
"""

from __future__ import annotations

import csv
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from hubgen.checks.validators import (
    LINKCHECKER,
    LINKCHECKER_CONFIG,
    MATERIAL_HTML,
    LinkCheckerHandler,
    describe,
    is_material,
    linkcheck,
    linkchecker_available,
    nu_check,
)
from tests.helpers import built_once, serve_directory, write_files


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


@pytest.fixture(scope="module", name="linkchecker_available")
def _linkchecker_available() -> None:
    linkchecker_available()


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
    """hubgen/checks/linkchecker_run.py parses a page once for all the #anchor URLs into it: the URLs checked and
    what is found stay linkchecker's own, even for a page reached only through an #anchor (its links are still
    followed)."""
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
