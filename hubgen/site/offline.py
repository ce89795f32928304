"""Offline and on the home screen: the service worker, the pages it keeps for each program, and the web app manifest.

Written into the built site once its pages are (README "Offline and on the home screen"):

- ``sw.js`` at the site's root, so that its scope is the whole site (a project site's path too): hubgen's own
  service worker (hubgen/assets/sw.js) with this build's id and the pages every reader keeps (the home page and the
  calendar, and the stylesheets, scripts and icons the home page loads). Pages are fetched from the network first;
  the cached copy answers when the network does not. The cache is named by the build's id (:func:`build_id`, a digest
  of the built pages and hubgen's scripts): a new publish is a new ``sw.js``, so a new cache, and the old one is
  dropped once the new one holds the reader's pages.
- ``assets/hubgen/offline/<program>.json``: what a reader who chose that program ("My program", in their browser)
  keeps: the program's and each cohort's page, its Prepare page, and each session with its end and its readings. The
  service worker takes the cohort's (or the program's) sessions not yet over, the first :data:`UPCOMING`, and their
  readings — not the whole site. Only pages of this site are listed, each one a file of the build.
- ``manifest.webmanifest`` and its icons (``assets/hubgen/icons/``), made from the hub's logo or favicon.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from PIL import Image
from selectolax.lexbor import LexborHTMLParser

from .. import __version__
from ..content.cachefile import salt, write_replacing
from ..hub import urls
from ..hub.graph import Hub, Program
from .outputs import ASSETS

#: The service worker's source; the plugin writes it at the site's root with the build's settings filled in.
SERVICE_WORKER = ASSETS / "sw.js"
SW_PATH = "sw.js"
MANIFEST_PATH = "manifest.webmanifest"
LISTS_DIR = "assets/hubgen/offline"
ICONS_DIR = "assets/hubgen/icons"
#: The sessions of a cohort a reader keeps: those not yet over, at most this many (and their readings).
UPCOMING = 8
#: Icon sizes a phone asks of an installable site (Chrome: 192 and 512 pixels).
ICON_SIZES = (192, 512)

#: Material's primary colours (``theme.palette.primary``) as its stylesheet paints the header, for the phone's bar.
PRIMARY_COLOURS = {
    "red": "#ef5552", "pink": "#e92063", "purple": "#ab47bd", "deep purple": "#7e56c2", "indigo": "#4051b5",
    "blue": "#2094f3", "light blue": "#02a6f2", "cyan": "#00bdd6", "teal": "#009485", "green": "#4cae4f",
    "light green": "#8bc34b", "lime": "#cbdc38", "yellow": "#ffec3d", "amber": "#ffc105", "orange": "#ffa724",
    "deep orange": "#ff6e42", "brown": "#795649", "grey": "#757575", "blue grey": "#546d78", "black": "#000000",
    "white": "#ffffff",
}  # fmt: skip
DEFAULT_PRIMARY = "indigo"


_GENERATOR_START = '<meta name="generator" content="'


@dataclass
class Offline:
    """What the plugin writes for offline reading: one per build."""

    site: Path  # the built site
    directory_urls: bool = True
    digests: dict[str, str] = field(default_factory=dict)  # each page's URL → digest of its HTML

    def add_page(self, url: str, html: str) -> None:
        """Note a built page (its URL and HTML), for the build's id. The engine's name (``<meta name="generator">``:
        MkDocs, ProperDocs) is left out: the same content built by either is the same publish to a reader."""
        start = html.find(_GENERATOR_START)
        if start < 0:
            self.digests[url] = hashlib.sha256(html.encode("utf-8")).hexdigest()
            return
        end = html.find(">", start) + 1  # the page in two parts, not copied whole without the tag
        digest = hashlib.sha256(html[:start].encode("utf-8"))
        digest.update(html[end:].encode("utf-8"))
        self.digests[url] = digest.hexdigest()

    def page(self, url: str) -> str | None:
        """``url`` (a page's address, :mod:`..hub.urls`) as the site serves it; None if the build has no such page."""
        if not (self.site / url / "index.html").is_file():
            return None
        return url if self.directory_urls else url + "index.html"


def build_id(digests: Mapping[str, str], assets: Iterable[Path] = ()) -> str:
    """A digest of the built pages and hubgen's scripts and stylesheets: the same for the same publish, another for
    any change a reader would see (a new page, an edited one, a new Hubgen)."""
    h = hashlib.sha256(__version__.encode())
    for url in sorted(digests):
        h.update(f"\0{url}\0{digests[url]}".encode())
    for path in sorted(assets):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


def shell(site: Path, home: str = "index.html") -> list[str]:
    """The files every page needs, as the home page loads them: its stylesheets, scripts and icons (site-relative,
    files of the build only — never another site's)."""
    html = (site / home).read_text(encoding="utf-8")
    tree = LexborHTMLParser(html)
    found: list[str] = []
    for node, attr in (
        *((n, "href") for n in tree.css("link[rel~=stylesheet][href], link[rel~=icon][href]")),
        *((n, "src") for n in tree.css("script[src], header img[src]")),
    ):
        path = site_path(str(node.attributes.get(attr) or ""), home)
        if path and path not in found and (site / path).is_file():
            found.append(path)
    return found


def site_path(link: str, page: str) -> str | None:
    """The site-relative path a relative ``link`` of the page at ``page`` names; None for another site's address."""
    base = "https://site.invalid/"
    target = urljoin(urljoin(base, page), link)
    parts = urlsplit(target)
    if not target.startswith(base) or parts.query or parts.fragment:
        return None
    return parts.path[1:]


def program_list(hub: Hub, program: Program, offline: Offline) -> dict[str, object]:
    """What a reader who chose ``program`` (or one of its cohorts) keeps offline: its pages, by cohort."""
    cohorts: dict[str, object] = {}
    for cohort in program.cohorts:
        sessions = []
        for s in sorted(cohort.sessions, key=lambda s: s.start):
            page = offline.page(s.url) if not s.unpublished else None
            if page is None:
                continue
            readings = [offline.page(r.url) for r in [*s.required, *s.optional] if not r.unpublished]
            sessions.append({"url": page, "end": int(s.end.timestamp() * 1000), "readings": [r for r in readings if r]})
        pages = [offline.page(cohort.url), offline.page(urls.prepare(cohort.url))]
        cohorts[cohort.id] = {"pages": [p for p in pages if p], "sessions": sessions}
    program_page = offline.page(program.url)
    return {"pages": [program_page] if program_page else [], "cohorts": cohorts}


def lists(hub: Hub, offline: Offline) -> dict[str, bytes]:
    """Each program's list (:func:`program_list`), by the site path it is written to."""
    return {
        f"{LISTS_DIR}/{p.id}.json": json.dumps(program_list(hub, p, offline), separators=(",", ":")).encode()
        for p in hub.programs
        if not p.unpublished
    }


def service_worker(build: str, keep: list[str]) -> bytes:
    """``sw.js`` for this build: hubgen's service worker with the build's id, the pages and files every reader keeps,
    and how many sessions of a cohort."""
    settings = {"build": build, "keep": keep, "lists": LISTS_DIR + "/", "upcoming": UPCOMING}
    source = SERVICE_WORKER.read_text(encoding="utf-8")
    marker = "/* hubgen:settings */ null"
    if marker not in source:
        raise ValueError(f"{SERVICE_WORKER}: the marker {marker!r} is missing")
    return source.replace(marker, json.dumps(settings, separators=(",", ":")), 1).encode("utf-8")


def theme_colour(palette: object) -> str:
    """The primary colour of the first (light) palette of ``theme.palette``, as Material paints the header."""
    first = palette[0] if isinstance(palette, list) and palette else palette
    name = str(first.get("primary", DEFAULT_PRIMARY) if isinstance(first, dict) else DEFAULT_PRIMARY)
    return PRIMARY_COLOURS.get(name.strip().lower().replace("-", " "), PRIMARY_COLOURS[DEFAULT_PRIMARY])


def icons(
    site: Path, candidates: Iterable[str | None], cache_dir: Path | None = None
) -> tuple[list[dict[str, str]], dict[str, bytes]]:
    """The manifest's icons and the files to write: from the first of ``candidates`` (the hub's logo, its favicon,
    Material's favicon) that is a file of the site. An SVG is offered as it is (any size); a picture is also made
    into squares of :data:`ICON_SIZES` pixels (on a transparent ground) with Pillow.

    Making them takes a third of a second: with a ``cache_dir`` (``.cache/hubgen/``) the squares are kept in its
    ``icons/`` folder, named by a digest of the picture's bytes, the sizes, this module and Pillow's version."""
    entries: list[dict[str, str]] = []
    files: dict[str, bytes] = {}
    for candidate in candidates:
        path = site_path(candidate or "", "") if candidate else None
        if not path or not (site / path).is_file():
            continue
        if path.lower().endswith(".svg"):
            if not entries:
                entries.append({"src": path, "sizes": "any", "type": "image/svg+xml"})
            continue
        squares = _squares((site / path).read_bytes(), cache_dir / "icons" if cache_dir else None)
        if squares is None:
            continue
        for size, data in zip(ICON_SIZES, squares, strict=True):
            name = f"{ICONS_DIR}/icon-{size}.png"
            files[name] = data
            entries.append({"src": name, "sizes": f"{size}x{size}", "type": "image/png"})
        break
    return entries, files


def _squares(picture: bytes, folder: Path | None) -> list[bytes] | None:
    """The PNG squares of :data:`ICON_SIZES` of ``picture`` (kept in ``folder``), or None if Pillow cannot read it."""
    key = hashlib.sha256(_icon_salt() + picture).hexdigest()[:32]
    names = [f"{key}-{size}.png" for size in ICON_SIZES]
    if folder is not None:
        try:
            return [(folder / name).read_bytes() for name in names]
        except OSError:
            pass  # not made yet
    try:
        with Image.open(io.BytesIO(picture)) as original:
            original.load()
            square = _square(original.convert("RGBA"))
    except (OSError, ValueError):
        return None
    made = []
    for size in ICON_SIZES:
        out = io.BytesIO()
        square.resize((size, size), Image.Resampling.LANCZOS).save(out, format="PNG", optimize=True)
        made.append(out.getvalue())
    if folder is not None:  # this picture's squares only: a new logo's replace the old ones
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.iterdir():
            old.unlink(missing_ok=True)
        for name, data in zip(names, made, strict=True):
            write_replacing(folder / name, data)
    return made


@functools.cache
def _icon_salt() -> bytes:
    return salt([Path(__file__)], ["pillow"]) + repr(ICON_SIZES).encode()


def _square(picture: Image.Image) -> Image.Image:
    side = max(picture.size)
    canvas = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    canvas.paste(picture, ((side - picture.width) // 2, (side - picture.height) // 2))
    return canvas


def manifest(name: str, description: str, language: str, colour: str, icon_entries: list[dict[str, str]]) -> bytes:
    """The web app manifest: the hub's name and icons; it opens at, and is scoped to, the site's root (the
    addresses are relative to the manifest, which sits there)."""
    short = name if len(name) <= 12 else name.split()[0]
    data = {
        "name": name,
        "short_name": short,
        "description": description,
        "lang": language,
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "theme_color": colour,
        "background_color": "#ffffff",
        "icons": icon_entries,
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
