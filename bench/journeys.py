"""The participant's journeys, measured: page heights and where the things a participant acts on are.

    .venv/bin/python bench/journeys.py SITE [--label after] [--out bench/out/journeys]

SITE is a built example hub (``mkdocs build -d SITE``). Each page is opened in Chromium on a phone (390×844)
and a desktop (1280×900), the clock at 2 Dec 2026 15:00 UTC and the reader in New York, with "My program" set
to the Practitioner Fellowship's 2026–2027 cohort; the script prints each page's height and the distance from
its top of each target (a phone screen is 844 px: under 844 is the first screen), and saves a screenshot of
each page, and of the session page printed, as LABEL-PAGE-VIEW.webp. The figures of issue 14's closing note
come from this script (``before``: the site of the commit before it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import http.server
import io
import json
import os
import threading
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

NOW = dt.datetime(2026, 12, 2, 15, 0, tzinfo=dt.UTC)
MINE = "practitioner-fellowship/2026-2027"
PAGES = {
    "home": "",
    "cohort": "programs/practitioner-fellowship/2026-2027/",
    "calendar": "calendar/",
    "session": "programs/practitioner-fellowship/2026-2027/sessions/2026-12-11-structural-racism-clinical-data/",
}
TARGETS = {
    "home": {
        "next session (mine)": ".hg-mine__panel:not([hidden]) li.hg-session:not([hidden])",
        "subscribe (mine)": ".hg-mine__subscribe",
        "welcome text": "article > p:not(.hg-mine__hint)",
    },
    "cohort": {"Prepare link": ".hg-prepare-link a", "subscribe": ".hg-subscribe", "next session": "li.hg-next"},
    "calendar": {"December 2026": "h2[id='2026-12']"},
    "session": {"readings heading": "h2#readings", "add to calendar": ".hg-addcal"},
}
VIEWS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
TOP_OF = """(sel) => {
  const el = [...document.querySelectorAll(sel)].find((e) => e.getClientRects().length);
  return el ? Math.round(el.getBoundingClientRect().top + scrollY) : null;
}"""
WEBP_LIMIT = 16383  # the tallest picture WebP holds


def save(png: bytes, path: Path) -> None:
    """A screenshot as a small WebP (desktop ones at half size): pictures to look at, not to diff."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    if image.width > 800:
        image = image.resize((image.width // 2, image.height // 2))
    image.crop((0, 0, image.width, min(image.height, WEBP_LIMIT))).save(path, "WEBP", quality=60, method=6)


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def measure(site: Path, label: str, out: Path) -> dict[str, int | None]:
    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    chromium = os.environ.get("HUBGEN_CHROMIUM", "/usr/bin/chromium")
    figures: dict[str, int | None] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=["--headless", "--no-sandbox", "--disable-gpu"])
        for view, viewport in VIEWS.items():
            context = browser.new_context(viewport=viewport, timezone_id="America/New_York", service_workers="block")
            context.add_init_script(f"try {{ localStorage.setItem('hubgen.mine', '{MINE}') }} catch (e) {{}}")
            page = context.new_page()
            page.clock.set_fixed_time(NOW)
            for name, url in PAGES.items():
                page.goto(base + url)
                page.wait_for_load_state("load")
                figures[f"{name}, {view}"] = page.evaluate("document.documentElement.scrollHeight")
                for what, selector in TARGETS[name].items():
                    figures[f"{name}, {view}: {what} at y"] = page.evaluate(TOP_OF, selector)
                save(page.screenshot(full_page=True), out / f"{label}-{name}-{view}.webp")
                if name == "session":
                    page.emulate_media(media="print")
                    figures[f"session printed, {view}"] = page.evaluate("document.documentElement.scrollHeight")
                    save(page.screenshot(full_page=True), out / f"{label}-session-print-{view}.webp")
                    page.emulate_media(media="screen")
            context.close()
        browser.close()
    server.shutdown()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a built example hub")
    parser.add_argument("--label", default="after", help="the screenshots' name prefix (default: after)")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out" / "journeys")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    figures = measure(args.site, args.label, args.out)
    (args.out / f"{args.label}-heights.json").write_text(json.dumps(figures, indent=1), encoding="utf-8")
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        print(f"{key:<{width}}  {'—' if value is None else f'{value:>6} px'}")


if __name__ == "__main__":
    main()
