"""How long announcements take: reading and checking them, their pages and their feeds, and what they weigh.

    .venv/bin/python bench/news_feeds.py [COUNT]

Copies the example hub to a temporary folder, adds COUNT announcements (default 500) spread over its
programs, and prints the time to load the hub with and without them, to render the news pages and to
write every Atom and RSS feed (feedgen), plus the size of the largest feed and of the click-to-load
script and stylesheet (hubgen/assets/community.*).
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
import time
from pathlib import Path

from hubgen.hub.load import load_hub
from hubgen.site import news
from hubgen.site.render import Renderer
from hubgen.site.siteinfo import Site

REPO = Path(__file__).resolve().parent.parent


def timed(label: str, fn, repeat: int = 3):  # type: ignore[no-untyped-def]
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    print(f"{label:<48} {best * 1000:8.1f} ms")
    return result


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for part in ("content", "programs"):
            shutil.copytree(REPO / part, root / part)
        shutil.rmtree(root / "content" / "news")
        timed("load the example hub, no announcements", lambda: load_hub(root))
        programs = sorted(p.name for p in (root / "programs").iterdir() if (p / "program.yml").is_file())
        folder = root / "content" / "news"
        folder.mkdir()
        day = dt.date(2024, 1, 1)
        for i in range(count):
            program = programs[i % len(programs)]
            (folder / f"{day + dt.timedelta(days=i // 3)}-announcement-{i}.md").write_text(
                f"---\ntitle: Announcement {i}\nprograms: [{program}]\n---\n"
                f"Paragraph one of announcement {i}, with a [link](https://example.org/{i}).\n\nParagraph two.\n",
                encoding="utf-8",
            )
        hub, problems = timed(f"load the example hub + {count} announcements", lambda: load_hub(root))
        assert not problems.errors, problems.errors[:3]
        site = Site(url="https://example.org/hub/", name="Hub")
        renderer = Renderer(hub, site=site)
        pages = timed(f"render the {count + 1 + len(programs)} news pages", lambda: renderer.news_pages())
        feeds = timed("write every Atom and RSS feed (feedgen)", lambda: news.feeds(hub, site))
        biggest = max(feeds, key=lambda f: len(f[1]))
        print(f"{'pages, feeds':<48} {len(pages):8d} {len(feeds):6d}")
        print(f"{'largest feed: ' + biggest[0]:<48} {len(biggest[1]) / 1024:8.1f} KiB")
    for name in ("community.js", "community.css"):
        size = (REPO / "hubgen" / "assets" / name).stat().st_size
        print(f"{'hubgen/assets/' + name:<48} {size / 1024:8.1f} KiB (unminified, before gzip)")


if __name__ == "__main__":
    main()
