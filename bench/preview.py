"""How soon a preview shows a saved file: ``mkdocs serve`` (before), ``hubgen serve`` (``make serve``) and
``hubgen serve --engine zensical`` (``make preview``).

    .venv/bin/python bench/preview.py                         # the example hub and 1,000 sessions
    .venv/bin/python bench/preview.py --hubs example --edits 3

For each hub (a copy under ``bench/out/preview/``: ``example`` is the repository's hub, a number is a
synthetic hub of that many sessions from ``bench/synth.py``, sized as ``bench/scale.py`` sizes it) and
each server, the server is started and left to finish its first build; then a session file, a reading
file and a person file are each edited ``--edits`` times (a line of text added to the session's agenda,
the reading's title and the person's name changed) and the clock runs from the save until the page
made from that file, fetched over HTTP every 50 ms, shows the new text. Between two edits the server is
left to finish what else the save set off (hubgen's watcher logs the end of each export), then
``--settle`` seconds more. Printed: the median and the range of
the edits, per file and server. The files are restored afterwards.

The servers:

- ``mkdocs serve`` — rebuilds the whole site on every save (what ``make serve`` ran before);
- ``hubgen serve`` — ``make serve`` now: MkDocs' build kept in one process; the saved file's own page is written
  first, then only what the save changed is re-rendered (hubgen/adapters/mkdocs/preview.py);
- ``hubgen serve --engine zensical`` — ``make preview``: hubgen writes the saved file's own page, then
  whatever else changed, into its export folder (only files whose bytes changed), and ``zensical serve``
  rebuilds only those pages.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlsplit

sys.path.append(str(Path(__file__).resolve().parent.parent))  # after an installed hubgen, which PYTHONPATH may pick
from bench.scale import prepare_hub
from hubgen.adapters.tagged_yaml import read_config_with_tags as read_config
from hubgen.hub.load import load_hub
from hubgen.hub.workspace import Workspace

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out" / "preview"
SERVERS = ("mkdocs", "hubgen", "zensical")


def targets(root: Path) -> dict[str, tuple[Path, str]]:
    """A session, a reading and a person with a page: (file, page URL) of each."""
    workspace = Workspace(root / "mkdocs.yml")
    hub, _ = workspace.load()
    session = next(s for s in hub.sessions if s.file.endswith(".md"))
    reading = next(iter(hub.readings.values()))
    person = next(p for p in hub.people.values() if p.has_page)
    return {
        "session": (root / session.file, session.url),
        "reading": (root / reading.file, reading.url),
        "person": (root / person.file, person.url),
    }


def edit(path: Path, kind: str, token: str, original: str) -> str:
    """The file with ``token`` in the text its page shows."""
    if kind == "session":
        return original.rstrip("\n") + f"\n\nPreview check {token}.\n"
    field = "title" if kind == "reading" else "name"
    text, count = re.subn(rf"^{field}:.*$", f"{field}: Preview check {token}", original, count=1, flags=re.M)
    assert count == 1, f"{path}: no {field} line"
    return text


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8", "replace"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def start(server: str, root: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    addr = f"127.0.0.1:{port}"
    if server == "mkdocs":
        cmd = [sys.executable, "-m", "mkdocs", "serve", "-a", addr, "-f", str(root / "mkdocs.yml")]
    elif server == "hubgen":
        cmd = [sys.executable, "-m", "hubgen.cli", "serve", "-a", addr, str(root)]
    else:
        cmd = [sys.executable, "-m", "hubgen.cli", "serve", "--engine", "zensical", "-a", addr, str(root)]
    log = (OUT / f"{root.name}-{server}.log").open("wb")
    return subprocess.Popen(cmd, cwd=root, env=env, stdout=log, stderr=log, start_new_session=True)


class Stopped(Exception):
    """The server ended before it served the site (its log's last line says why)."""


def wait_for(url: str, text: str, timeout: float, proc: subprocess.Popen[bytes] | None = None) -> float:
    start_time = time.perf_counter()
    while time.perf_counter() - start_time < timeout:
        if text in fetch(url):
            return time.perf_counter() - start_time
        if proc is not None and proc.poll() is not None:
            raise Stopped(f"exit status {proc.returncode}")
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not show {text!r} within {timeout:.0f} s")


def last_line(root: Path, server: str) -> str:
    log = OUT / f"{root.name}-{server}.log"
    lines = [line for line in log.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
    return lines[-1][:200] if lines else "(nothing logged)"


def wait_gone(url: str, text: str, timeout: float) -> None:
    start_time = time.perf_counter()
    while text and text in fetch(url) and time.perf_counter() - start_time < timeout:
        time.sleep(0.05)


#: What each server logs once it has finished what a save set off (mkdocs serve: done when the page shows).
DONE = {"zensical": "of the export changed", "hubgen": "Documentation built in"}


def exports_done(root: Path, server: str) -> int:
    """How many rebuilds the server has finished (it logs a line after each); 0 for mkdocs serve."""
    log = OUT / f"{root.name}-{server}.log"
    if server not in DONE or not log.is_file():
        return 0
    return log.read_text(encoding="utf-8", errors="replace").count(DONE[server])


def settle_down(root: Path, server: str, before: int, settle: float, timeout: float) -> float:
    """Let the server finish what the save set off: mkdocs serve has when the page shows; hubgen serve goes on
    re-rendering what else shows the saved file after its own page; hubgen's watcher goes on exporting those
    pages, and Zensical rebuilds them, after the page shows. Returns how long that took (0 for mkdocs serve)."""
    waited = 0.0
    if server in DONE:
        start_time = time.perf_counter()
        while exports_done(root, server) <= before and time.perf_counter() - start_time < timeout:
            time.sleep(0.05)
        waited = time.perf_counter() - start_time
    time.sleep(settle)
    return waited


def measure(server: str, root: Path, edits: int, settle: float, timeout: float) -> dict[str, list[float]]:
    port = free_port()
    base_path = urlsplit(str(read_config(root / "mkdocs.yml").get("site_url") or "/")).path
    base_path = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
    base = f"http://127.0.0.1:{port}{base_path}"
    proc = start(server, root, port)
    found = targets(root)
    results: dict[str, list[float]] = {}
    try:
        first = wait_for(base, "<html", timeout, proc)
        print(f"  {server}: first build served after {first:.1f} s", flush=True)
        time.sleep(settle)
        for kind, (path, url) in found.items():
            original = path.read_text(encoding="utf-8")
            token = ""
            try:
                for _ in range(edits):
                    token = uuid.uuid4().hex[:10]
                    exports = exports_done(root, server)
                    path.write_text(edit(path, kind, token, original), encoding="utf-8")
                    shown = wait_for(base + url, token, timeout)
                    results.setdefault(kind, []).append(shown)
                    rest = settle_down(root, server, exports, settle, timeout)
                    if server == "hubgen":  # until every page showing the file is rebuilt and the browser reloaded
                        results.setdefault(f"{kind}+", []).append(shown + rest)
            finally:  # put the file back, and let the server show it before the next file's edits
                exports = exports_done(root, server)
                path.write_text(original, encoding="utf-8")
                wait_gone(base + url, token, timeout)
                settle_down(root, server, exports, settle, timeout)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGINT)
            proc.wait(timeout=20)
        except ProcessLookupError:  # it ended by itself
            pass
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hubs", default="example,1000", help="comma-separated: example and/or session counts")
    parser.add_argument("--servers", default=",".join(SERVERS))
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument(
        "--before-edits", type=int, help="edits under mkdocs serve (default: --edits; a save takes minutes at 1,000)"
    )
    parser.add_argument("--settle", type=float, default=2.0, help="seconds between two edits, once the server is idle")
    parser.add_argument("--timeout", type=float, default=600.0)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    rows = []
    failed: list[tuple[str, str, str]] = []
    for name in args.hubs.split(","):
        root = prepare_hub(name, OUT)
        load_hub(root)  # fails early on a broken hub
        print(f"{name}:", flush=True)
        for server in args.servers.split(","):
            edits = args.before_edits if server == "mkdocs" and args.before_edits else args.edits
            try:
                measured = measure(server, root, edits, args.settle, args.timeout)
            except Stopped as exc:  # one server failing to build this hub: said, and the others measured
                why = f"did not start ({exc}): {last_line(root, server)}"
                print(f"  {server}: {why}", flush=True)
                failed.append((name, server, why))
                continue
            for kind, times in measured.items():
                rows.append((name, server, kind, len(times), statistics.median(times), min(times), max(times)))
                print(f"  {server} {kind}: median {statistics.median(times):.2f} s of {len(times)}", flush=True)
    print()
    print(f"load average at the end: {os.getloadavg()[0]:.1f} ({os.cpu_count()} CPUs)")
    print("file+: the save until the whole rebuild has ended (hubgen serve; the page itself shows before)")
    print(f"{'hub':<9} {'server':<9} {'file':<8} {'edits':>5} {'median s':>9} {'range s':>13}")
    for name, server, kind, count, median, low, high in rows:
        print(f"{name:<9} {server:<9} {kind:<8} {count:>5} {median:>9.2f} {low:>6.2f}–{high:<6.2f}")
    for name, server, why in failed:
        print(f"{name:<9} {server:<9} {why}")


if __name__ == "__main__":
    main()
