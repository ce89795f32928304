"""What the hub's checks share: the hub they check, its strict build, the built site served on 127.0.0.1, the
validators from npm, and the rule that a missing tool skips a check locally but fails it on CI."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import NoReturn

import pytest

#: The hub's npm validators, pinned (axe-core, the Nu HTML Checker): a hub's ``make clients`` installs them.
PACKAGE_JSON = Path(__file__).with_name("clients") / "package.json"
#: Where they are installed, under the hub's folder (``HUBGEN_CLIENTS`` names another folder).
CLIENTS_FOLDER = ".cache/clients"
CLIENTS_HINT = "Install them with `make clients` (npm, from the package.json Hubgen ships)."


def hub_root() -> Path:
    """The hub the checks check: ``HUBGEN_HUB``, or the folder they run in."""
    return Path(os.environ.get("HUBGEN_HUB") or ".").resolve()


def clients_dir(root: Path | None = None) -> Path:
    """The folder holding the npm validators' ``node_modules``."""
    configured = os.environ.get("HUBGEN_CLIENTS")
    return Path(configured).resolve() if configured else (root or hub_root()) / CLIENTS_FOLDER


def validator_unavailable(reason: str, hint: str = CLIENTS_HINT) -> NoReturn:
    """Skip a check whose validator is missing; fail it on CI (CI=true), where every validator must run."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"validators cannot run on CI: {reason}. {hint}", pytrace=False)
    pytest.skip(f"{reason} — {hint}")


def npm_client(relative: str) -> Path:
    """The file ``relative`` of a validator installed from npm (under the clients' ``node_modules/``)."""
    path = clients_dir() / "node_modules" / relative
    if not path.is_file():
        validator_unavailable(f"{path} is missing")
    return path


def mkdocs_build(project: Path, out: Path, strict: bool = True) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` (or without --strict) of ``project`` into ``out``, as a user runs it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    flags = ["--strict"] if strict else []
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *flags, "-f", str(project / "mkdocs.yml"), "-d", str(out)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


class QuietHandler(SimpleHTTPRequestHandler):
    """Static file handler that keeps the output clean."""

    def log_message(self, *args: object) -> None:
        pass

    def handle(self) -> None:
        # A browser closing its keep-alive connections mid-request is not a failure.
        with suppress(ConnectionResetError, BrokenPipeError):
            super().handle()


@contextmanager
def serve_directory(root: Path, handler_class: type[QuietHandler] = QuietHandler) -> Iterator[str]:
    """Serve ``root`` over HTTP on 127.0.0.1 (a free port) in a daemon thread; yield the base URL ending in "/"."""
    handler = partial(handler_class, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="hub-site-server", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host!s}:{port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def first_page(site: Path, pattern: str) -> str | None:
    """The site-relative URL of the first page whose folder matches ``pattern`` (e.g. ``programs/*``)."""
    found = sorted(p.parent for p in site.glob(f"{pattern}/index.html"))
    return found[0].relative_to(site).as_posix() + "/" if found else None


def key_pages(site: Path) -> dict[str, str]:
    """The pages every hub has, found in the build: home, a program, a cohort, a session, library, people."""
    pages = {
        "home": "",
        "program": first_page(site, "programs/*"),
        "cohort": first_page(site, "programs/*/*"),
        "session": first_page(site, "programs/*/*/sessions/*"),
        "library": "library/",
        "people": "people/",
    }
    missing = [kind for kind, url in pages.items() if url is None or not (site / url / "index.html").is_file()]
    assert not missing, (
        f"the hub has no {', '.join(missing)} page — a hub needs a program (programs/<program>/program.yml), "
        "a cohort (programs/<program>/<cohort>/cohort.yml) and a session (…/sessions/<date>-<slug>.md): "
        "`hubgen new` writes each"
    )
    return {kind: str(url) for kind, url in pages.items()}
