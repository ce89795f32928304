"""How long the scans of staff and participants' text take on 1 MB bodies shaped to be slow (issue 24, finding 7).

    .venv/bin/python bench/scan_time.py

For each body: the shape scan (hubgen/content/judge.py, one pass: nesting, unclosed openers), the whole judgment
of a staff page (the scan, then, if it passes, the site's Markdown and the HTML5 parser), and a participant's
text made safe (hubgen/authoring/fromissue.py). Prints each time and the longest; target: under 2 s for a 1 MB
body. A body the scan refuses is never rendered: Python-Markdown itself is quadratic on those shapes (a 50 KB run
of "[a](b" takes it a minute), and the build would meet them too. Plain prose is the one body rendered in full;
its line shows what Python-Markdown costs for 1 MB of ordinary text, the cost MkDocs pays again in the build.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from hubgen.authoring.fromissue import DEFAULT_EXTENSIONS, participant_markdown
from hubgen.content.judge import markdown_problems, shape_problems, site_markdown

MB = 1_000_000


def fill(unit: str, tail: str = "") -> str:
    return unit * ((MB - len(tail)) // len(unit)) + tail


BODIES = {
    "backticks": fill("`"),
    "backtick spans": fill("a `"),
    "unclosed links": fill("[a](b"),
    "unclosed images": fill("![a](b"),
    "unclosed brackets": fill("[a"),
    "stars": fill("*a"),
    "angle brackets": fill("<a"),
    "autolinks": fill("<http://a"),
    "nested divs": fill("<div>", "x"),
    "nested quotes": fill("> "),
    "html comments": fill("<!--"),
    "references": fill("[a]: javascript:x\n"),
    "attributes": fill("x {: onclick=y }\n\n"),
    "prose": fill("Some *text* with [a link](https://example.org/) and `code`.\n\n"),
}


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> int:
    md = site_markdown(DEFAULT_EXTENSIONS)
    print(f"{'body (1 MB)':<20} {'shape scan':>11} {'staff page':>11} {'participant':>12}  verdict")
    longest_scan = 0.0
    for name, body in BODIES.items():
        scan = timed(lambda body=body: shape_problems(body))
        start = time.perf_counter()
        verdict = markdown_problems(body, md)
        staff = time.perf_counter() - start
        participant = timed(lambda body=body: participant_markdown(body, md))
        rendered = not shape_problems(body)
        # A refused body is never rendered: its whole judgment counts. A rendered one: the scan (Python-Markdown's
        # own time, the same the build spends on the page, is shown beside it).
        longest_scan = max(longest_scan, scan) if rendered else max(longest_scan, scan, staff, participant)
        shown = f"refused: {verdict[0][2][:60]}…" if verdict else "accepted"
        note = " (rendered by Python-Markdown)" if rendered else ""
        print(f"{name:<20} {scan:>10.3f}s {staff:>10.3f}s {participant:>11.3f}s  {shown}{note}")
    print(f"longest scan or refusal of a 1 MB body: {longest_scan:.3f} s (target: under 2 s)")
    return 0 if longest_scan < 2 else 1


if __name__ == "__main__":
    raise SystemExit(main())
