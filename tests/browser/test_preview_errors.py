"""A content error while previewing, in Chromium: the page the staff member is looking at becomes the messages
(file:line, the fix) and comes back by itself when the file is fixed — under ``hubgen serve`` (``make serve``),
``mkdocs serve`` and ``hubgen serve --engine zensical`` (``make preview``). Never a page left waiting, never the old
page."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from hubgen.adapters.errorpage import MARKER
from tests.helpers import MINIMAL_MKDOCS, write_files

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

SESSION = "programs/p/c/sessions/2026-03-04-s.md"
GOOD = "---\ntitle: Mapping Our Corridors\ntype: talk\nreadings: none\n---\nAgenda.\n"
BROKEN = "---\ntitle: Mapping Our Corridors\ntype: talk\nreadings: none\nspeakrs: [ana]\n---\nAgenda.\n"
URL = "programs/p/c/sessions/2026-03-04-s/"


def _port() -> int:
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        return int(free.getsockname()[1])


def _up(url: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=10) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)  # the server is still starting: ask again
    raise AssertionError(f"the preview never answered at {url}")


@pytest.fixture(params=["mkdocs serve", "hubgen serve", "hubgen serve --engine zensical"])
def preview(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Path, str]]:
    root = write_files(
        tmp_path / "hub",
        {
            "mkdocs.yml": MINIMAL_MKDOCS,
            "content/index.md": "# Home\n",
            "programs/p/program.yml": "title: P\ntimezone: America/New_York\nsession_types: {talk: {title: Talk}}\n",
            "programs/p/c/cohort.yml": "title: C\nstarts: 2026-01-01\nends: 2026-12-31\n",
            SESSION: GOOD,
        },
    )
    port = _port()
    if request.param == "mkdocs serve":
        command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"]
    elif request.param == "hubgen serve":  # make serve: MkDocs in one process, re-rendering what a save changed
        command = [sys.executable, "-m", "hubgen.cli", "serve", "-a", f"127.0.0.1:{port}"]
    else:
        command = [sys.executable, "-m", "hubgen.cli", "serve", "--engine", "zensical", "-a", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        command,
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        start_new_session=True,
    )
    try:
        _up(f"http://127.0.0.1:{port}/{URL}")
        yield root, f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_broken_file_shows_its_messages_and_the_fixed_file_its_page(preview: tuple[Path, str], page: Page):
    root, base = preview
    page.goto(base + URL)
    page.get_by_role("heading", name="Mapping Our Corridors", level=1).wait_for()

    (root / SESSION).write_text(BROKEN, encoding="utf-8")
    page.wait_for_selector(f"body[{MARKER}]", timeout=60_000)  # the page reloads itself into the messages
    shown = page.locator("main").inner_text()
    assert f"{SESSION}:5:1: error: speakrs: unknown field 'speakrs' — did you mean 'speakers'?" in shown
    assert "comes back by itself" in shown

    page.goto(base)  # any page of the preview shows the messages while the content is broken
    page.wait_for_selector(f"body[{MARKER}]", timeout=30_000)
    page.goto(base + URL)

    (root / SESSION).write_text(GOOD.replace("Agenda.", "Agenda, fixed."), encoding="utf-8")
    page.get_by_text("Agenda, fixed.").wait_for(timeout=60_000)  # back by itself, with the saved change
    assert page.locator(f"body[{MARKER}]").count() == 0
