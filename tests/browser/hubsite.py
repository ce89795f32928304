"""Build the example hub once and serve it on 127.0.0.1 — helpers and fixtures for browser tests.

Deliberately *not* called ``site.py``: whenever this folder is on ``sys.path`` (pytest's rootdir import
mode without ``__init__.py`` files, or a script run from here) it would clash with the standard ``site`` module.

To reuse the fixtures in another test folder, import them into that folder's ``conftest.py``
(``from tests.browser.hubsite import built_site, site_url  # noqa: F401``) or move them to
``tests/conftest.py``. The plain helpers (:func:`build_site`, :func:`serve_directory`) need no pytest.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

#: The repository root (the folder holding mkdocs.yml), found from this file's location.
REPO_ROOT = Path(__file__).resolve().parents[2]

BUILD_TIMEOUT_SECONDS = 300

#: Browser viewports the tests use.
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def build_site(dest: Path, root: Path = REPO_ROOT) -> Path:
    """Run ``mkdocs build --strict`` for the hub in ``root`` into ``dest``; fail the test with the log on error."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(dest)]
    try:
        proc = subprocess.run(
            cmd, cwd=root, env=env, capture_output=True, text=True, timeout=BUILD_TIMEOUT_SECONDS, check=False
        )
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"`{' '.join(cmd)}` did not finish within {BUILD_TIMEOUT_SECONDS} s:\n{exc.stderr or ''}")
    if proc.returncode != 0 or not (dest / "index.html").is_file():
        pytest.fail(
            f"`{' '.join(cmd)}` failed (exit {proc.returncode}) in {root}:\n"
            f"--- stdout ---\n{proc.stdout}\n--- stderr ---\n{proc.stderr}"
        )
    return dest


class QuietHandler(SimpleHTTPRequestHandler):
    """Static file handler that keeps the test output clean."""

    def log_message(self, *args: object) -> None:
        pass

    def handle(self) -> None:
        # A browser closing its keep-alive connections mid-request is not a test failure.
        try:
            super().handle()
        except (ConnectionResetError, BrokenPipeError):
            pass


@contextmanager
def serve_directory(root: Path) -> Iterator[str]:
    """Serve ``root`` over HTTP on 127.0.0.1 (a free port) in a daemon thread; yield the base URL ending in "/"."""
    handler = partial(QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="hub-site-server", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example hub, built once per test session with ``mkdocs build --strict``; the output folder."""
    return build_site(tmp_path_factory.mktemp("hub-site"))


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Base URL (``http://127.0.0.1:<port>/``) of a local HTTP server serving :func:`built_site`."""
    with serve_directory(built_site) as url:
        yield url
