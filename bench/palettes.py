"""Which Material palettes fail contrast, and on what: axe-core's color-contrast rule over a built hub's key pages,
every primary and accent, light and dark, set in the page as Material's palette toggle sets them.

    python bench/palettes.py SITE_DIR [--css EXTRA.css]

prints, for each failing (scheme, primary or accent), the colour pairs axe measured (text on background, ratio)
and the elements' classes. tests/browser/test_palettes.py holds Hubgen to none failing; this is the table behind
the rules of hubgen/assets/hubgen.css that make them pass.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hubgen.content.palette import ACCENTS, PRIMARIES, attribute  # noqa: E402
from tests.browser.hubsite import CHROMIUM_ARGS  # noqa: E402
from tests.browser.test_accessibility import page_kinds  # noqa: E402
from tests.browser.test_palettes import CHECK, NO_TRANSITIONS, PAGES, SCHEMES  # noqa: E402
from tests.helpers import npm_client, serve_directory  # noqa: E402

SUMMARY = re.compile(r"contrast of ([\d.]+) \(foreground color: (#\w+), background color: (#\w+)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--css", type=Path, help="a stylesheet added to every page (to try a fix)")
    args = parser.parse_args()
    axe = npm_client("axe-core/axe.min.js").read_text(encoding="utf-8")
    table: dict[tuple[str, str, str], set[tuple[str, str, str, str]]] = defaultdict(set)
    runs = [(p, "indigo") for p in PRIMARIES] + [("indigo", a) for a in ACCENTS]
    with serve_directory(args.site) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(base_url=url)
        page.add_init_script(script=axe)
        for kind in PAGES:
            page.goto(page_kinds()[kind])
            page.add_style_tag(content=NO_TRANSITIONS + (args.css.read_text() if args.css else ""))
            for scheme, light in SCHEMES.items():
                for primary, accent in runs:
                    found = page.evaluate(CHECK, [scheme, attribute(primary), attribute(accent)])["results"]
                    which = ("primary", primary) if accent == "indigo" else ("accent", accent)
                    for rule in found["violations"]:
                        for node in rule["nodes"]:
                            ratio, fg, bg = SUMMARY.search(node["failureSummary"]).groups()
                            element = node["html"].split(">")[0][:70]
                            table[(light, *which)].add(
                                (fg, bg, ratio, re.sub(r'\s(href|data-[\w-]+)="[^"]*"', "", element))
                            )
        browser.close()
    for (light, which, name), found in sorted(table.items()):
        pairs = sorted({(fg, bg, ratio) for fg, bg, ratio, _ in found})
        print(f"{light:5} {which:7} {name:12} " + "; ".join(f"{fg} on {bg} {ratio}:1" for fg, bg, ratio in pairs))
        for element in sorted({e for *_, e in found})[:6]:
            print(f"{'':28}{element}")
    print(f"{len(table)} of {2 * len(runs)} (scheme, colour) runs fail")
    return 0


if __name__ == "__main__":
    sys.exit(main())
