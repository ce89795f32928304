"""A participant's first load on a slow phone: the bytes before any search, and when the next session shows.

    python bench/first_load.py                                  # builds tests/hubs/riverbend, measures it
    python bench/first_load.py --site before=OLD --site after=NEW  # two built sites side by side (no build)

Each site is served on 127.0.0.1 as a static host serves it (text gzipped, bench/search_payload.py's handler) and
opened in Debian's Chromium as a phone (390×844) on a throttled network (Chromium's CDP network emulation, the
"3G Slow" profile of WebPageTest: 400 ms round trip, 400 kbit/s each way), with "My program" chosen (the example
hub's Community of Practice cohort). For the home page and a session page it reports:

- the bytes that arrived (on the wire, gzipped, CDP ``Network.loadingFinished``) and the number of requests, from
  the navigation until the network is quiet, with no search made;
- on the home page, when the "My program" panel's next session became visible (ms from the navigation's start);
- the layout shift (CLS: the sum of ``layout-shift`` entries without recent input) until then and after.

Prints a table and writes bench/out/first_load/results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from bench.search_payload import GzipHandler, chromium  # noqa: E402
from tests.browser.hubsite import CHROMIUM_ARGS, EXAMPLE_HUB, PHONE  # noqa: E402
from tests.helpers import serve_directory  # noqa: E402

OUT = BENCH / "out" / "first_load"
#: WebPageTest's "3G Slow": 400 ms round trip, 400 kbit/s down and up.
SLOW_3G = {"offline": False, "latency": 400, "downloadThroughput": 400_000 / 8, "uploadThroughput": 400_000 / 8}
MINE = "community-of-practice/2026-2027"
SESSION = "programs/community-of-practice/2026-2027/sessions/2027-01-14-joint-webinar-data-walks/"
NEXT_BLOCK = f"[data-hg-mine-panel='{MINE}'] li.hg-session"

#: Before the page's own scripts: the layout shifts, and the moment the next session first shows.
WATCH = """
window.__hg = { cls: 0, nextAt: null };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (!e.hadRecentInput) window.__hg.cls += e.value;
}).observe({ type: "layout-shift", buffered: true });
(function look() {
  const el = document.querySelector(SELECTOR);
  if (el && el.getClientRects().length && !el.closest("[hidden]")) { window.__hg.nextAt = performance.now(); return; }
  requestAnimationFrame(look);
})();
"""


@dataclass
class Load:
    site: str
    page: str
    wire_bytes: int
    requests: int
    search_index_bytes: int
    next_session_ms: float | None
    cls: float


def measure(site: Path, label: str, url: str) -> Load:
    from playwright.sync_api import sync_playwright

    with serve_directory(site, GzipHandler) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=PHONE, service_workers="block", timezone_id="America/New_York")
        context.add_init_script(f"localStorage.setItem('hubgen.mine', {MINE!r});")
        context.add_init_script(WATCH.replace("SELECTOR", json.dumps(NEXT_BLOCK)))
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send("Network.emulateNetworkConditions", SLOW_3G)
        urls: dict[str, str] = {}
        sizes: dict[str, int] = {}
        cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
        cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])))
        page.goto(base + url, wait_until="load", timeout=300_000)
        page.wait_for_load_state("networkidle", timeout=300_000)
        watched = page.evaluate("window.__hg")
        browser.close()
    index = sum(n for rid, n in sizes.items() if "search_index" in urls.get(rid, ""))
    return Load(
        label,
        url or "home",
        sum(sizes.values()),
        len(sizes),
        index,
        round(watched["nextAt"]) if watched["nextAt"] is not None else None,
        round(watched["cls"], 3),
    )


def build() -> Path:
    out = OUT / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(EXAMPLE_HUB / "mkdocs.yml"), "-d", str(out)]
    subprocess.run(command, check=True, cwd=EXAMPLE_HUB, env=env)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", action="append", default=[], help="LABEL=PATH of a built site (repeatable)")
    args = parser.parse_args()
    sites = [tuple(s.split("=", 1)) for s in args.site] or [("this build", str(build()))]
    loads = [measure(Path(path), label, url) for label, path in sites for url in ("", SESSION)]
    print(f"{'site':<12} {'page':<10} {'KB gzipped':>10} {'requests':>8} {'index KB':>8} {'next (ms)':>9} {'CLS':>6}")
    for x in loads:
        page = "home" if x.page == "home" else "session"
        next_ms = "" if x.next_session_ms is None else str(x.next_session_ms)
        print(
            f"{x.site:<12} {page:<10} {x.wire_bytes / 1024:>10.1f} {x.requests:>8} "
            f"{x.search_index_bytes / 1024:>8.1f} {next_ms:>9} {x.cls:>6}"
        )
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "results.json").write_text(json.dumps([asdict(x) for x in loads], indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
