"""How long a cohort's Prepare page is: on a phone (390×844, its height in pixels) and on paper (Letter, pages).

    python bench/prepare_pages.py --site before=OLD --site after=NEW [--at 2026-12-07T12:00:00+00:00]

Each built site is served on 127.0.0.1 and each Prepare page of the example hub's current cohorts opened in Debian's
Chromium with its clock set to ``--at`` (what is past is decided in the browser); the page's scroll height is its
phone height, and Chromium's ``page.pdf`` (Letter, the print stylesheet) gives the printed pages, counted as the
PDF's page objects.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from bench.search_payload import chromium  # noqa: E402
from tests.browser.hubsite import CHROMIUM_ARGS, PHONE  # noqa: E402
from tests.helpers import serve_directory  # noqa: E402

PAGES = (
    "programs/practitioner-fellowship/2026-2027/prepare/",
    "programs/community-of-practice/2026-2027/prepare/",
)


def measure(site: Path, moment: dt.datetime) -> list[tuple[str, int, int]]:
    from playwright.sync_api import sync_playwright

    out = []
    with serve_directory(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=PHONE, timezone_id="America/New_York", service_workers="block")
        for url in PAGES:
            page = context.new_page()
            page.clock.set_fixed_time(moment)
            page.goto(base + url, wait_until="load")
            page.wait_for_function("document.querySelector('.hg-past, .hg-live, .hg-future') !== null")  # marked
            height = page.evaluate("document.documentElement.scrollHeight")
            pdf = page.pdf(format="Letter")
            out.append((url, height, len(re.findall(rb"/Type\s*/Page[^s]", pdf))))
            page.close()
        browser.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", action="append", required=True, help="LABEL=PATH of a built site (repeatable)")
    parser.add_argument("--at", default="2026-12-07T12:00:00+00:00", help="the browser's clock (ISO)")
    args = parser.parse_args()
    moment = dt.datetime.fromisoformat(args.at)
    for label, path in (s.split("=", 1) for s in args.site):
        for url, height, pages in measure(Path(path), moment):
            print(f"{label:<8} {url:<55} {height:>7} px ({height / PHONE['height']:.1f} screens) {pages:>3} pages")


if __name__ == "__main__":
    main()
