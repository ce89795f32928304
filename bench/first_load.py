"""A participant's first load on a slow phone: the bytes before any search, and when the next session shows.

    python bench/first_load.py                                  # builds tests/hubs/riverbend, measures it
    python bench/first_load.py --site before=OLD --site after=NEW  # two built sites side by side (no build)
    python bench/first_load.py --runs 5 --site before=OLD --site after=NEW  # the median of 5 loads of each page

Each site is served on 127.0.0.1 as a static host serves it (text gzipped, bench/search_payload.py's handler) and
opened in Debian's Chromium as a phone (390×844) on a throttled network (Chromium's CDP network emulation, the
"3G Slow" profile of WebPageTest: 400 ms round trip, 400 kbit/s each way), with "My program" chosen (the example
hub's Community of Practice cohort). For the home page and a session page it reports:

- the bytes that arrived (on the wire, gzipped, CDP ``Network.loadingFinished``) and the number of requests, from
  the navigation until the network is quiet, with no search made;
- on the home page, when the "My program" panel's next session became visible (ms from the navigation's start);
- the layout shift (CLS: the sum of ``layout-shift`` entries without recent input) until then and after.

The timings vary from load to load on a busy machine: ``--runs N`` loads each page N times (the sites taking
turns) and reports the median time, the range and the largest CLS; ``--requests`` lists each request's bytes and
when it started and ended.

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
    #: (path, bytes on the wire, ms from the first request to its start and to its end), in the order they started
    waterfall: list[tuple[str, int, int, int]]


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
        began: dict[str, float] = {}
        ended: dict[str, float] = {}

        def sent(e: dict) -> None:
            urls[e["requestId"]] = e["request"]["url"]
            began.setdefault(e["requestId"], e["timestamp"])

        def finished(e: dict) -> None:
            sizes[e["requestId"]] = int(e["encodedDataLength"])
            ended[e["requestId"]] = e["timestamp"]

        cdp.on("Network.requestWillBeSent", sent)
        cdp.on("Network.loadingFinished", finished)
        page.goto(base + url, wait_until="load", timeout=300_000)
        page.wait_for_load_state("networkidle", timeout=300_000)
        watched = page.evaluate("window.__hg")
        browser.close()
    index = sum(n for rid, n in sizes.items() if "search_index" in urls.get(rid, ""))
    zero = min(began.values(), default=0.0)
    waterfall = [
        (urls[rid].removeprefix(base), sizes[rid], round((began[rid] - zero) * 1000), round((ended[rid] - zero) * 1000))
        for rid in sorted(sizes, key=lambda rid: began.get(rid, zero))
        if rid in began
    ]
    return Load(
        label,
        url or "home",
        sum(sizes.values()),
        len(sizes),
        index,
        round(watched["nextAt"]) if watched["nextAt"] is not None else None,
        round(watched["cls"], 3),
        waterfall,
    )


def build() -> Path:
    out = OUT / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(EXAMPLE_HUB / "mkdocs.yml"), "-d", str(out)]
    subprocess.run(command, check=True, cwd=EXAMPLE_HUB, env=env)
    return out


def median_load(runs: list[Load]) -> tuple[Load, str, float]:
    """The run whose next-session time is the median (the first run on a page with none), the range of those
    times ("1620–2210"), and the largest layout shift of the runs."""
    timed = sorted((x for x in runs if x.next_session_ms is not None), key=lambda x: x.next_session_ms or 0)
    middle = timed[(len(timed) - 1) // 2] if timed else runs[0]
    spread = f"{timed[0].next_session_ms}–{timed[-1].next_session_ms}" if len(timed) > 1 else ""
    return middle, spread, max(x.cls for x in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", action="append", default=[], help="LABEL=PATH of a built site (repeatable)")
    parser.add_argument("--runs", type=int, default=1, help="loads of each page, the sites taking turns (median)")
    parser.add_argument("--requests", action="store_true", help="also list each request: bytes, start and end (ms)")
    args = parser.parse_args()
    sites = [tuple(s.split("=", 1)) for s in args.site] or [("this build", str(build()))]
    runs: dict[tuple[str, str], list[Load]] = {}
    for _ in range(args.runs):  # in turns, so a busy machine slows every site alike
        for label, path in sites:
            for url in ("", SESSION):
                runs.setdefault((label, url), []).append(measure(Path(path), label, url))
    loads = [median_load(r) for r in runs.values()]
    head = ("site", "page", "KB gzipped", "requests", "index KB", "next (ms)", "range", "CLS")
    print("{:<12} {:<8} {:>10} {:>8} {:>8} {:>9} {:>10} {:>6}".format(*head))
    for x, spread, cls in loads:
        page = "home" if x.page == "home" else "session"
        next_ms = "" if x.next_session_ms is None else str(x.next_session_ms)
        print(
            f"{x.site:<12} {page:<8} {x.wire_bytes / 1024:>10.1f} {x.requests:>8} "
            f"{x.search_index_bytes / 1024:>8.1f} {next_ms:>9} {spread:>10} {cls:>6}"
        )
    for x, _, _ in loads if args.requests else ():
        print(f"\n{x.site}, {x.page}: bytes, start and end (ms from the first request)")
        for path, size, start, end in x.waterfall:
            print(f"  {size:>7} {start:>6} {end:>6}  {path or '/'}")
    OUT.mkdir(parents=True, exist_ok=True)
    results = [asdict(x) for r in runs.values() for x in r]
    (OUT / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
