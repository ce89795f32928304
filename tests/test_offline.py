"""Offline reading and the home screen (hubgen/site/offline.py), read from the example hub's build: the manifest,
the service worker's settings, and the lists of pages a reader of each program keeps.

The browser's side (a reader offline, a new publish) is tests/browser/test_offline.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from PIL import Image

from hubgen.hub.graph import Hub
from hubgen.site import offline


def settings(site: Path) -> dict:
    found = re.search(r"var SETTINGS = (\{.*?\});\n", (site / "sw.js").read_text(encoding="utf-8"))
    assert found, "sw.js without its settings"
    return json.loads(found[1])


def page_file(site: Path, path: str) -> Path:
    return site / path / "index.html" if path == "" or path.endswith("/") else site / path


def test_the_manifest_names_the_hub_and_its_icons(example_site: Path):
    manifest = json.loads((example_site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["name"] == "Riverbend Learning Hub" and manifest["short_name"] == "Riverbend"
    assert manifest["start_url"] == "./" and manifest["scope"] == "./"  # the site's root, under any site_url path
    assert manifest["display"] == "standalone" and manifest["lang"] == "en"
    assert manifest["theme_color"] == "#009485"  # the example's palette: teal, as Material paints the header
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        with Image.open(example_site / icon["src"]) as picture:
            assert f"{picture.width}x{picture.height}" == icon["sizes"] and picture.format == "PNG"


def test_every_page_names_the_manifest_and_the_service_worker(example_site: Path):
    html = (example_site / "programs" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="manifest" href="../manifest.webmanifest">' in html
    assert '<script type="application/json" id="hg-offline">{"sw": "../sw.js"}</script>' in html
    assert '<meta name="theme-color" content="#009485">' in html


def test_what_is_kept_is_pages_of_this_site_and_no_more(example_site: Path, hub: Hub):
    kept = settings(example_site)
    assert re.fullmatch(r"[0-9a-f]{16}", kept["build"])
    assert kept["keep"][:2] == ["", "calendar/"]  # the home page and the calendar, for every reader
    lists = {p.id: json.loads((example_site / offline.LISTS_DIR / f"{p.id}.json").read_bytes()) for p in hub.programs}
    paths = list(kept["keep"])
    for data in lists.values():
        paths += data["pages"]
        for cohort in data["cohorts"].values():
            paths += cohort["pages"]
            for session in cohort["sessions"]:
                paths += [session["url"], *session["readings"]]
    for path in paths:
        # a file of this build: never another site's address (a meeting link, a video), never a query, a download
        assert not re.match(r"^[a-z]+:|^//", path) and "?" not in path and "#" not in path, path
        assert page_file(example_site, path).is_file(), path
        assert not path.endswith((".ics", ".bib", ".ris", ".json")) and not path.startswith("search/"), path
    # No person's page is kept: people are reached from the pages a reader opens, not copied ahead of them
    assert not [p for p in paths if p.startswith("people/")]
    # A cohort's list: its pages, Prepare, and each published session with its readings
    cohort = next(c for c in hub.cohorts if c.program.id == "health-equity-scholars" and c.id == "2027")
    listed = lists["health-equity-scholars"]["cohorts"]["2027"]
    assert listed["pages"] == [cohort.url, cohort.url + "prepare/"]
    assert [s["url"] for s in listed["sessions"]] == [s.url for s in sorted(cohort.sessions, key=lambda s: s.start)]
    first = cohort.sessions[0]
    assert listed["sessions"][0]["readings"] == [r.url for r in [*first.required, *first.optional]]


def test_the_build_id_follows_the_pages():
    one = offline.build_id({"a/": "1", "b/": "2"})
    assert offline.build_id({"b/": "2", "a/": "1"}) == one  # the order pages are written in does not matter
    assert offline.build_id({"a/": "1", "b/": "3"}) != one  # an edited page is a new publish
    assert offline.build_id({"a/": "1"}) != one


def test_site_paths_of_links():
    assert offline.site_path("assets/x.css", "index.html") == "assets/x.css"
    assert offline.site_path("../../assets/x.css", "programs/p/index.html") == "assets/x.css"
    assert offline.site_path("https://example.org/x.css", "index.html") is None
    assert offline.site_path("//cdn.example/x.js", "index.html") is None
    assert offline.site_path("x.js?v=1", "index.html") is None


def test_the_preview_has_no_service_worker(small_hub):
    """Under ``mkdocs serve`` the pages name no service worker (one registered there would outlive the preview and
    answer for whatever is served next on that port); a build names it."""
    from mkdocs.config import load_config

    from hubgen.adapters.mkdocs.plugin import HubgenPlugin

    root = small_hub({})
    for command, named in (("serve", False), ("build", True)):
        config = load_config(str(root / "mkdocs.yml"))
        plugin = config.plugins["hubgen"]
        assert isinstance(plugin, HubgenPlugin)
        plugin.on_startup(command=command, dirty=False)
        plugin.on_config(config)
        assert bool(config.extra["hubgen_offline"]) is named and (plugin.offline is not None) is named, command
