"""What the site is made of, as one list: each output says which pages it adds and which files it writes.

An engine adapter loops over :func:`outputs` and needs to know nothing else: it renders the pages as
Markdown documents and puts the files in the site. An output's files are handed to the engine with the
pages, or, when ``after_build`` is true, written into the built site after the engine is done, one by one
(tens of thousands of calendar and citation files on a large hub, never all held at once).

A new output (say a JSON file of the sessions) is one small class with ``pages`` and ``files`` and one
line in :data:`OUTPUTS`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import rcssmin
import rjsmin

from . import citations, news
from .render import Page, Renderer

ASSETS = Path(__file__).resolve().parent.parent / "assets"
ASSET_URIS = {"css": "assets/hubgen/hubgen.css", "js": "assets/hubgen/hubgen.js"}
# The library's: the shared facet filter (library, showcase) and the print stylesheet (all within @media print).
LIBRARY_ASSETS = {"assets/hubgen/facets.js": "facets.js", "assets/hubgen/print.css": "print.css"}
# Discussion and video players loaded on click (hubgen/content/community.py).
COMMUNITY_ASSETS = {"assets/hubgen/community.js": "community.js", "assets/hubgen/community.css": "community.css"}


@dataclass(frozen=True)
class OutFile:
    """One file of the site: ``content`` made by hubgen, or a ``source`` file copied as it is."""

    path: str  # site-relative, e.g. "programs/p/calendar.ics"
    content: bytes | None = None
    source: Path | None = None


class Output(Protocol):
    """One kind of output of the site."""

    #: True: :meth:`files` are written into the built site after the engine's build, not handed to it.
    after_build: bool

    def pages(self) -> Iterable[Page]:
        """The pages it adds (Markdown documents the engine renders with the theme)."""
        ...

    def files(self) -> Iterable[OutFile]:
        """The files it writes, as they are."""
        ...


class _Output:
    after_build = False

    def __init__(self, renderer: Renderer) -> None:
        self.renderer = renderer

    def pages(self) -> Iterable[Page]:
        return ()

    def files(self) -> Iterable[OutFile]:
        return ()


class Pages(_Output):
    """Every generated page: sections, programs, cohorts, sessions, readings, projects, people, topics, news."""

    def pages(self) -> Iterable[Page]:
        return self.renderer.pages()


class Assets(_Output):
    """hubgen's stylesheets and scripts, without their comments and indentation (every reader's first load: the
    sources explain themselves at length; the published files need not)."""

    def files(self) -> Iterator[OutFile]:
        for uri, path in assets():
            stat = path.stat()
            yield OutFile(uri, minified(path, stat.st_mtime_ns, stat.st_size))


@functools.cache
def minified(path: Path, mtime_ns: int, size: int) -> bytes:
    """``path``, a stylesheet or script, minified (rcssmin, rjsmin); the file's time and size key the cache, so a
    preview picks up an edit."""
    text = path.read_text(encoding="utf-8")
    small = rcssmin.cssmin(text) if path.suffix == ".css" else rjsmin.jsmin(text)
    return small.encode("utf-8")


class NewsFeeds(_Output):
    """The announcements' Atom and RSS feeds (:mod:`.news`)."""

    def files(self) -> Iterator[OutFile]:
        for path, content in news.feeds(self.renderer.hub, self.renderer.site):
            yield OutFile(path, content)


class ResizedPictures(_Output):
    """Resized project images and people photos (:mod:`.images`)."""

    def files(self) -> Iterator[OutFile]:
        for uri, data in self.renderer.pictures.files():
            yield OutFile(uri, data)


class CalendarFeeds(_Output):
    """Calendar feeds, .ics (:mod:`.feeds`)."""

    after_build = True

    def files(self) -> Iterator[OutFile]:
        for feed in self.renderer.feeds():
            yield OutFile(feed.path, feed.content)


class CitationExports(_Output):
    """ "Download citations" files: .bib, .ris and CSL-JSON (:mod:`.citations`) of the library, cohorts and topics
    (a reading's and a session's are ``data:`` URLs in their pages)."""

    after_build = True

    def files(self) -> Iterator[OutFile]:
        cache = self.renderer.export_cache  # each reading's exports, kept between builds (and used by the pages)
        for export in citations.export_files(self.renderer.hub, cache):
            yield OutFile(export.path, export.content.encode("utf-8"))


#: Every output of the site, in the order the adapters add them.
OUTPUTS: list[Callable[[Renderer], Output]] = [
    Pages,
    Assets,
    NewsFeeds,
    ResizedPictures,
    CalendarFeeds,
    CitationExports,
]


def outputs(renderer: Renderer) -> list[Output]:
    """The outputs of the hub ``renderer`` renders."""
    return [make(renderer) for make in OUTPUTS]


def assets() -> list[tuple[str, Path]]:
    """hubgen's stylesheets and scripts: (site path, file) pairs."""
    out = [(uri, ASSETS / f"hubgen.{key}") for key, uri in ASSET_URIS.items()]
    out += [(uri, ASSETS / name) for uri, name in LIBRARY_ASSETS.items()]
    out += [(uri, ASSETS / name) for uri, name in COMMUNITY_ASSETS.items()]
    return out
