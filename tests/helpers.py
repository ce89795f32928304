"""Helpers shared by the tests: building a hub as a user does, writing small hubs."""

from __future__ import annotations

import atexit
import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from selectolax.lexbor import LexborHTMLParser

# The hub checks' own: the site served on 127.0.0.1, the npm validators.
from hubgen.checks.site import (
    QuietHandler,
    npm_client,
    serve_directory,
    validator_unavailable,
)

REPO = Path(__file__).resolve().parent.parent

#: Set to a file's path, every build the tests make through :func:`mkdocs_build` is logged there, one line each:
#: the test, the hub's folder, the seconds it took. ``HUBGEN_BUILD_LOG=/tmp/builds.tsv make test``, then
#: ``wc -l /tmp/builds.tsv``: the builds a test run makes (pytest-xdist's workers append to the same file).
BUILD_LOG = "HUBGEN_BUILD_LOG"


def mkdocs_build(project: Path, out: Path, strict: bool = True) -> subprocess.CompletedProcess[str]:
    """``mkdocs build`` of ``project`` into ``out``, as a user runs it (hubgen.checks.site.mkdocs_build: the same
    command, folder and environment), in a process forked from one that has MkDocs and hubgen imported
    (tests/mkdocs_fork.py), logged."""
    start = time.monotonic()
    result = _builder().build(project, out, strict)
    log = os.environ.get(BUILD_LOG)
    if log:
        test = os.environ.get("PYTEST_CURRENT_TEST", "-").split(" ")[0]
        with open(log, "a", encoding="utf-8") as file:
            file.write(f"{test}\t{project}\t{time.monotonic() - start:.1f}\n")
    return result


class _Builder:
    """The process of tests/mkdocs_fork.py this pytest process sends its builds to, started on the first build."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.process: subprocess.Popen[str] | None = None

    def build(self, project: Path, out: Path, strict: bool) -> subprocess.CompletedProcess[str]:
        # The command, folder and environment of hubgen.checks.site.mkdocs_build, which a hub's checks run.
        args = ["build", *(["--strict"] if strict else []), "-f", str(project / "mkdocs.yml"), "-d", str(out)]
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        with self.lock, tempfile.TemporaryDirectory(prefix="hubgen-build-") as streams:
            request = {"args": args, "cwd": str(project), "env": env, "timeout": 600}
            request |= {"stdout": f"{streams}/stdout", "stderr": f"{streams}/stderr"}
            process = self._process()
            assert process.stdin is not None and process.stdout is not None
            process.stdin.write(json.dumps(request) + "\n")
            process.stdin.flush()
            answer = process.stdout.readline()
            assert answer, "tests/mkdocs_fork.py ended: see its error above"
            return subprocess.CompletedProcess(
                [sys.executable, "-m", "mkdocs", *args],
                json.loads(answer)["returncode"],
                Path(f"{streams}/stdout").read_text(encoding="utf-8"),
                Path(f"{streams}/stderr").read_text(encoding="utf-8"),
            )

    def _process(self) -> subprocess.Popen[str]:
        if self.process is None or self.process.poll() is not None:
            templates = tempfile.mkdtemp(prefix="hubgen-jinja-")  # its cache of compiled templates
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tests.mkdocs_fork", templates],
                cwd=REPO,
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            atexit.register(shutil.rmtree, templates, ignore_errors=True)
            atexit.register(self.process.kill)  # (atexit runs the last registered first)
        return self.process


_builder = cache(_Builder)


__all__ = ["QuietHandler", "mkdocs_build", "npm_client", "serve_directory", "validator_unavailable"]

#: The npm validators (axe-core, vnu-jar) this repository's tests run: `make clients` installs them here, as a
#: hub's does under its own folder.
os.environ.setdefault("HUBGEN_CLIENTS", str(REPO / ".cache" / "clients"))

#: The tests' own copy of the example hub (content, programs, theme, mkdocs.yml, issue forms): Hubgen's behaviour
#: tests build and read this, never the hub at the repository root, which an organisation replaces with its own
#: (tests/hub_checks/ checks whichever hub is there).
EXAMPLE_HUB = REPO / "tests" / "hubs" / "riverbend"


MINIMAL_MKDOCS = """\
site_name: Test hub
site_url: https://example.org/
repo_url: https://github.com/example/hub
edit_uri: edit/main/
docs_dir: content
theme:
  name: material
plugins:
  - search
  - hubgen
"""


def write_files(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def built_once(factory: pytest.TempPathFactory, name: str, build: Callable[[Path], Path]) -> Path:
    """What ``build(folder)`` returns, made once per test run and shared by pytest-xdist's workers.

    ``make test`` runs the test files on every core; a site that several files read (the example hub built with
    MkDocs, Zensical, ProperDocs) is built by the first worker that asks, under a lock, and the others wait and
    take it. ``build`` must not change what it is given after it returns: every worker reads it.
    """
    base = factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base  # the workers' common folder
    done = shared / f"{name}.built"
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():
            folder = shared / name
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            done.write_text(str(build(folder)), encoding="utf-8")
        return Path(done.read_text(encoding="utf-8"))


def copy_example_hub(dest: Path) -> Path:
    """A copy of the example hub (content, programs, theme, mkdocs.yml) to change freely in a test."""
    for part in ("content", "programs", "theme"):
        shutil.copytree(EXAMPLE_HUB / part, dest / part)
    shutil.copy(EXAMPLE_HUB / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def page(site: Path, url: str) -> BeautifulSoup:
    """The built page at ``/url``, parsed."""
    path = site / url / "index.html"
    assert path.is_file(), f"no page at /{url}"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


# -- "Download citations" as a reader gets them -----------------------------------------------------------

MIME = {
    "bib": "application/x-bibtex",
    "ris": "application/x-research-info-systems",
    "json": "application/vnd.citationstyles.csl+json",
}
#: A data: URL as hubgen writes it: the type, UTF-8, then only characters a URL may hold as they are.
DATA_URL = re.compile(
    r"data:(?P<mime>[a-z./+-]+);charset=utf-8,(?P<data>(?:[A-Za-z0-9_.~/:=,;@()!*+$-]|%[0-9A-F]{2})*)"
)


def download_links(site: Path, url: str) -> dict[str, dict[str, str]]:
    """The "Download citations" links of the page at ``url``: suffix → its href, download name and type."""
    found = _download_links((site / url / "index.html").read_text(encoding="utf-8"))
    assert [text for text, _ in found] == ["BibTeX", "RIS", "CSL-JSON"], url
    return {link["download"].rsplit(".", 1)[-1]: dict(link) for _, link in found}


@cache
def _download_links(html: str) -> tuple[tuple[str, dict[str, str]], ...]:
    """(text, href/download/type) of each download link of a page, parsed once per distinct page: the citation
    tests read the same pages of the example hub once for each format. Parsed by Lexbor (an HTML5 parser, as the
    browser parses; fifty times faster than BeautifulSoup over the 180 pages with downloads)."""
    return tuple(
        (a.text(), {name: str(a.attributes[name]) for name in ("href", "download", "type")})
        for a in LexborHTMLParser(html).css("article .hg-downloads a[download]")
    )


def download(site: Path, url: str, suffix: str) -> str:
    """What a reader gets from the page at ``url`` for ``suffix``: a data: URL's text, decoded, or the file."""
    href = download_links(site, url)[suffix]["href"]
    if href.startswith("data:"):
        match = DATA_URL.fullmatch(href)
        assert match, f"/{url}: not a valid data: URL as hubgen writes them: {href[:120]}"
        assert match["mime"] == MIME[suffix], url
        return unquote(match["data"], encoding="utf-8", errors="strict")
    assert href == f"citations.{suffix}", url
    return (site / url / href).read_text(encoding="utf-8")
