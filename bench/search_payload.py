"""What a reader downloads for a first search: Material's search against ``search: pagefind``, on one synthetic hub.

    python bench/search_payload.py                  # 5,000 sessions, 10,000 readings (the builds take minutes)
    python bench/search_payload.py --sessions 400   # a quick run
    python bench/search_payload.py --reuse          # keep the hub and sites already under bench/out/search/

Writes a synthetic hub (bench/synth.py), builds it twice — Material's search, then ``search: pagefind`` —
and serves each site on 127.0.0.1 the way a static host does (gzip for text files when the browser asks
for it). In Debian's Chromium it opens the home page, waits until the page is quiet, then clicks the search
box, types a speaker's name and waits for the first result, counting every byte that arrived from the
click on: on the wire (compressed, headers included, CDP ``Network.loadingFinished``) and after decoding
(``Network.dataReceived``). Prints both sites' figures and writes them to bench/out/search/results.json.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import mimetypes
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from bench.synth import HubSize, write_hub  # noqa: E402
from tests.browser.hubsite import CHROMIUM_ARGS  # noqa: E402
from tests.helpers import QuietHandler, serve_directory  # noqa: E402

OUT = BENCH / "out" / "search"
OPTIONS = ("material", "pagefind")
#: Served gzipped when the browser accepts it, as GitHub Pages and most static hosts do.
COMPRESSIBLE = {".html", ".json", ".js", ".css", ".svg", ".xml", ".txt", ".wasm"}
FIRST_RESULT_TIMEOUT_MS = 300_000


# --- the hub and its two builds ------------------------------------------------------------------------


def hub_size(sessions: int, readings: int | None) -> HubSize:
    per_cohort, cohorts = 50, 4
    programs = max(1, math.ceil(sessions / (per_cohort * cohorts)))
    per_cohort = max(1, math.ceil(sessions / (programs * cohorts)))
    return HubSize(
        programs=programs,
        cohorts_per_program=cohorts,
        sessions_per_cohort=per_cohort,
        readings=readings if readings is not None else 2 * sessions,
        people=max(120, sessions // 8),
    )


def config_for(hub: Path, option: str) -> Path:
    """The hub's mkdocs.yml, or a copy next to it that turns ``search: pagefind`` on."""
    base = hub / "mkdocs.yml"
    if option == "material":
        return base
    text = base.read_text(encoding="utf-8")
    changed = re.sub(r"^  - hubgen\s*$", "  - hubgen:\n      search: pagefind", text, count=1, flags=re.MULTILINE)
    assert changed != text, f"could not turn pagefind on in {base}"
    path = hub / "mkdocs-pagefind.yml"
    path.write_text(changed, encoding="utf-8")
    return path


@dataclass
class Build:
    option: str
    seconds: float
    pages: int
    index_files: int
    index_bytes: int
    index_gzip_bytes: int
    pagefind_index_seconds: float | None = None


def build(hub: Path, option: str, site: Path) -> Build:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_for(hub, option)), "-d", str(site)]
    if option == "pagefind":
        cmd.remove("-q")  # keep the INFO line with Pagefind's own timing
    print(f"building {hub.name} with search: {option} ...", flush=True)
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=hub, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    site.parent.joinpath(f"{site.name}.log").write_text(result.stderr, encoding="utf-8")
    if result.returncode != 0:
        sys.exit(f"the {option} build failed:\n{result.stderr[-4000:]}")
    site.parent.joinpath(f"{site.name}.seconds").write_text(f"{seconds:.1f}\n", encoding="utf-8")
    return describe(site, option, seconds, result.stderr)


def describe(site: Path, option: str, seconds: float, log: str = "") -> Build:
    pages = sum(1 for _ in site.rglob("index.html"))
    index = site / ("pagefind" if option == "pagefind" else "search")
    files = [p for p in index.rglob("*") if p.is_file()] if index.is_dir() else []
    raw = sum(p.stat().st_size for p in files)
    gz = sum(len(gzip.compress(p.read_bytes(), 6)) for p in files if p.suffix in COMPRESSIBLE) + sum(
        p.stat().st_size for p in files if p.suffix not in COMPRESSIBLE
    )
    timing = re.search(r"Pagefind indexed \d+ pages in ([\d.]+) s", log)
    return Build(option, seconds, pages, len(files), raw, gz, float(timing.group(1)) if timing else None)


# --- serving like a static host ------------------------------------------------------------------------


class GzipHandler(QuietHandler):
    """Static files; text files gzipped (level 6, cached) when the request accepts gzip."""

    cache: ClassVar[dict[Path, bytes]] = {}
    lock = threading.Lock()

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSIBLE):
            super().do_GET()
            return
        with self.lock:
            body = self.cache.get(path)
            if body is None:
                body = self.cache[path] = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", mimetypes.guess_type(path.name)[0] or "application/octet-stream")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        self.wfile.write(body)


# --- the first search, in Chromium ---------------------------------------------------------------------


@dataclass
class Transfer:
    url: str
    wire: int  # response bytes on the wire: headers and body as sent (gzipped where the server gzipped)
    decoded: int  # response body after content decoding
    after_click: bool


@dataclass
class FirstSearch:
    option: str
    query: str
    ms_to_first_result: float
    results_meta: str
    search_requests: int  # everything the search needs (index, worker, scripts), from the page load on
    search_wire_bytes: int
    search_decoded_bytes: int
    after_click_wire_bytes: int  # every byte from the click in the box to the first result
    after_click_decoded_bytes: int
    page_load_wire_bytes: int  # the home page and everything it loaded before the click
    largest: list[dict[str, Any]] = field(default_factory=list)


#: What belongs to each search, by path: Material's index and worker; Pagefind's bundle and hubgen's script.
SEARCH_FILES = {
    "material": re.compile(r"^(search/search_index\.json|assets/javascripts/workers/search\.)"),
    "pagefind": re.compile(r"^(pagefind/|assets/hubgen/pagefind-search\.)"),
}


def chromium() -> str:
    for candidate in (os.environ.get("HUBGEN_CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    sys.exit("Chromium not found: install Debian's chromium or set HUBGEN_CHROMIUM")


def first_search(site: Path, option: str, query: str, delay_ms: float = 0) -> FirstSearch:
    """Open the home page, let it settle, search; sizes from Playwright (it sees the web workers' fetches too)."""
    from playwright.sync_api import Request, sync_playwright

    with serve_directory(site, GzipHandler) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
        page = context.new_page()
        finished: list[tuple[Request, bool]] = []
        clicked = False
        context.on("requestfinished", lambda request: finished.append((request, clicked)))

        page.goto(url)
        page.wait_for_load_state("networkidle")
        clicked = True
        start = time.perf_counter()
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially(query, delay=delay_ms)
        page.locator("a.md-search-result__link").first.wait_for(state="visible", timeout=FIRST_RESULT_TIMEOUT_MS)
        elapsed = (time.perf_counter() - start) * 1000
        page.wait_for_load_state("networkidle")  # count the requests still in flight too
        meta = page.locator(".md-search-result__meta").inner_text()
        transfers = []
        for request, after in finished:
            if not request.url.startswith(url):
                continue
            sizes = request.sizes()
            response = request.response()
            body = response.body() if response is not None else b""
            wire = sizes["responseHeadersSize"] + sizes["responseBodySize"]
            if sizes["responseBodySize"] == 0 and body:  # no sizes for a worker's own script: what was sent
                served = gzip.compress(body, 6) if Path(request.url).suffix in COMPRESSIBLE else body
                wire = sizes["responseHeadersSize"] + len(served)
            decoded = len(body)
            transfers.append(Transfer(request.url.removeprefix(url), wire, decoded, after))
        browser.close()

    searching = [t for t in transfers if SEARCH_FILES[option].match(t.url)]
    after_click = [t for t in transfers if t.after_click]
    return FirstSearch(
        option=option,
        query=query,
        ms_to_first_result=round(elapsed),
        results_meta=meta.strip(),
        search_requests=len(searching),
        search_wire_bytes=sum(t.wire for t in searching),
        search_decoded_bytes=sum(t.decoded for t in searching),
        after_click_wire_bytes=sum(t.wire for t in after_click),
        after_click_decoded_bytes=sum(t.decoded for t in after_click),
        page_load_wire_bytes=sum(t.wire for t in transfers if not t.after_click),
        largest=[asdict(t) for t in sorted(searching, key=lambda t: t.wire, reverse=True)[:6]],
    )


def speaker_name(hub: Path) -> str:
    """The name of the first speaker of the first session (by file name): a query with a known answer."""
    for path in sorted(hub.glob("programs/*/*/sessions/*.md")):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1]) or {}
        for person in meta.get("speakers") or []:
            data = yaml.safe_load((hub / "content" / "people" / f"{person}.yml").read_text(encoding="utf-8"))
            return str(data["name"])
    sys.exit(f"no session of {hub} has a speaker")


# --- main ----------------------------------------------------------------------------------------------


def kb(n: float) -> str:
    return f"{n / 1024:,.0f} KB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=5000, help="sessions in the synthetic hub (default 5000)")
    parser.add_argument("--readings", type=int, default=None, help="readings (default: twice the sessions)")
    parser.add_argument("--out", type=Path, default=OUT, help="working folder (default bench/out/search)")
    parser.add_argument("--reuse", action="store_true", help="reuse the hub and built sites found in --out")
    parser.add_argument("--query", default=None, help="what to type (default: a speaker's name)")
    parser.add_argument("--runs", type=int, default=3, help="first searches per site, fresh browser each (default 3)")
    parser.add_argument("--delay", type=float, default=0, help="milliseconds between keystrokes (default 0)")
    args = parser.parse_args()

    hub = args.out / f"hub-{args.sessions}"
    if not (args.reuse and (hub / "mkdocs.yml").is_file()):
        print(f"writing a synthetic hub with {args.sessions} sessions to {hub} ...", flush=True)
        write_hub(hub, hub_size(args.sessions, args.readings))
    query = args.query or speaker_name(hub)

    builds: dict[str, Build] = {}
    searches: dict[str, FirstSearch] = {}
    runs: dict[str, list[FirstSearch]] = {}
    for option in OPTIONS:
        site = args.out / f"site-{args.sessions}-{option}"
        if args.reuse and (site / "index.html").is_file():
            log, took = site.parent / f"{site.name}.log", site.parent / f"{site.name}.seconds"
            seconds = float(took.read_text(encoding="utf-8")) if took.is_file() else math.nan
            builds[option] = describe(site, option, seconds, log.read_text(encoding="utf-8") if log.is_file() else "")
        else:
            builds[option] = build(hub, option, site)
        print(f"first search for {query!r} on the {option} site ...", flush=True)
        runs[option] = [first_search(site, option, query, args.delay) for _ in range(args.runs)]
        searches[option] = max(runs[option], key=lambda s: s.search_wire_bytes)  # the worst run is shown

    print(f"\nSynthetic hub: {args.sessions} sessions, {builds['material'].pages} pages; query {query!r}")
    print(f"typed with {args.delay:g} ms between keys; the worst of {args.runs} runs is shown, then all runs' range\n")
    print(f"{'':34}{'material':>26}{'pagefind':>26}")
    rows = [
        (
            f"search downloads, {args.runs} runs",
            lambda o: "–".join(dict.fromkeys(kb(v) for v in sorted(r.search_wire_bytes for r in runs[o]))),
        ),
        ("search downloads, on the wire", lambda o: kb(searches[o].search_wire_bytes)),
        ("search downloads, decoded", lambda o: kb(searches[o].search_decoded_bytes)),
        ("search requests", lambda o: str(searches[o].search_requests)),
        ("click to first result, wire", lambda o: kb(searches[o].after_click_wire_bytes)),
        ("click to first result, decoded", lambda o: kb(searches[o].after_click_decoded_bytes)),
        ("click to first result, time", lambda o: f"{searches[o].ms_to_first_result:,.0f} ms"),
        ("home page load before the click", lambda o: kb(searches[o].page_load_wire_bytes)),
        ("index on disk", lambda o: f"{kb(builds[o].index_bytes)} / {builds[o].index_files} files"),
        ("index on disk, text gzipped", lambda o: kb(builds[o].index_gzip_bytes)),
        ("whole build", lambda o: f"{builds[o].seconds:,.0f} s"),
        (
            "Pagefind indexing",
            lambda o: "-" if builds[o].pagefind_index_seconds is None else f"{builds[o].pagefind_index_seconds:.1f} s",
        ),
    ]
    for label, value in rows:
        print(f"{label:34}{value('material'):>26}{value('pagefind'):>26}")
    for option in OPTIONS:
        print(f"\nlargest search downloads, {option} ({searches[option].results_meta}):")
        for t in searches[option].largest:
            when = "after the click" if t["after_click"] else "with the page"
            print(f"  {kb(t['wire']):>10} wire {kb(t['decoded']):>10} decoded  {t['url']}  ({when})")
    results = {
        "sessions": args.sessions,
        "query": query,
        "builds": {o: asdict(b) for o, b in builds.items()},
        "first_search": {o: asdict(s) for o, s in searches.items()},
        "runs": {o: [asdict(s) for s in r] for o, r in runs.items()},
        "delay_ms": args.delay,
    }
    path = args.out / f"results-{args.sessions}.json"
    path.write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    print(f"\nwritten to {path}")


if __name__ == "__main__":
    main()
