"""Figures for the calendar feeds of the example hub: how many, how big, how long they take.

Run: .venv/bin/python bench/feeds.py
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from hubgen.content.history import History
from hubgen.hub.load import load_hub
from hubgen.site.feeds import FeedWriter
from hubgen.site.siteinfo import Site

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    hub, _ = load_hub(ROOT)
    runs = []
    for _ in range(5):
        t0 = time.perf_counter()
        history = History.read(hub.root)
        t1 = time.perf_counter()
        feeds = list(FeedWriter(hub, Site("https://example.org/hub/", "Riverbend Learning Hub"), history).feeds())
        t2 = time.perf_counter()
        runs.append((t1 - t0, t2 - t1))
    kinds: dict[str, list[int]] = {}
    for f in feeds:
        kind = (
            "hub"
            if f.path == "calendar/hub.ics"
            else "session"
            if f.path.endswith("session.ics")
            else "person"
            if f.path.startswith("people/")
            else "cohort"
            if f.path.count("/") == 3
            else "program"
        )
        kinds.setdefault(kind, []).append(len(f.content))
    print(f"sessions: {len(hub.sessions)} ({sum(1 for s in hub.sessions if s.series_date)} from a weekly series)")
    print(f"feeds: {len(feeds)}, {sum(len(f.content) for f in feeds) / 1024:.0f} KiB in all")
    for kind, sizes in sorted(kinds.items()):
        print(f"  {kind:8} {len(sizes):4} files, {statistics.mean(sizes) / 1024:6.1f} KiB on average")
    print(f"git history read (one git log): median {statistics.median(r[0] for r in runs) * 1000:.0f} ms")
    print(f"every feed written:             median {statistics.median(r[1] for r in runs) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
