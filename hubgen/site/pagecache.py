"""Every generated page's Markdown kept between builds of an unchanged hub (``.cache/hubgen/pages.jsonl``).

Making the generated pages' Markdown from the templates is most of what hubgen itself does in a build (over a
second on the example hub, tens of seconds at 5,000 sessions). What a page says is a function of:

- the hub's content: every file of its content and programs folders (YAML, Markdown, pictures), by their bytes
  and paths;
- hubgen's code, templates and catalogs (the files of its package) and the versions of the libraries that write
  the text (Jinja, MarkupSafe, Python-Markdown and its extensions, Babel, citeproc-py);
- the hub's template overrides (``custom_dir``: hubgen reads its templates there first), by their bytes;
- the site's settings as the renderer was given them (:class:`~hubgen.site.siteinfo.Site`, the URL layout, the
  community settings, whether citation downloads are filled in later) and the hub's options (drafts shown,
  participants' default visibility);
- the rules of the time zones the hub's sessions are in (the offsets and names a page shows);
- the build's day (:func:`~hubgen.hub.entities.build_date`: "Coming up" lists, scheduled content).

:func:`fingerprint` hashes all of them. A build whose fingerprint is the last build's takes every page from the
file; any difference renders every page, and keeps them for the next build. Nothing finer is recorded: a template
sees the whole hub (the ``hub`` global; the Python helpers a template calls read any entity), so a sound record of
what one page read would have to follow every attribute an entity gives out, in templates and helpers alike; the
whole hub, hashed, costs a few milliseconds. tests/test_pagecache.py builds after random edits, with and without
the file, and compares the sites byte for byte.

The files are only a cache: an unreadable one, or one for another fingerprint, is ignored (and replaced). The
digests of the files are kept too (``digests.json``), used again while a file's time and size are what they were.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Protocol

import jinja2

from ..content.cachefile import replacing, write_replacing
from ..hub.entities import Hub, build_date
from .links import SiteLayout
from .siteinfo import Site
from .vtimezone import zone_rules

#: A generated page as the file keeps it: its source URI, URL, Markdown and the file it is made from
#: (:class:`hubgen.site.render.Page`'s fields).
Row = tuple[str, str, str, str]


class Rendering(Protocol):
    """What the pages are rendered with (:class:`hubgen.site.render.Renderer`): the parts of the key."""

    @property
    def hub(self) -> Hub: ...
    @property
    def site(self) -> Site: ...
    @property
    def layout(self) -> SiteLayout: ...
    @property
    def template_dirs(self) -> list[Path]: ...
    @property
    def defer_downloads(self) -> bool: ...
    @property
    def env(self) -> jinja2.Environment: ...


PAGES = "pages.jsonl"
FRAGMENTS = "fragments.jsonl"
#: The libraries whose versions change what the templates write.
LIBRARIES = ("jinja2", "markupsafe", "markdown", "pymdown-extensions", "babel", "citeproc-py", "pydantic")
PACKAGE = Path(__file__).resolve().parent.parent  # hubgen/
_SKIPPED = {"__pycache__", ".mypy_cache", ".ruff_cache"}


def _files(folder: Path) -> Iterable[Path]:
    """Every file under ``folder``, in a fixed order (the caches of Python and linters left out)."""
    for current, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in _SKIPPED)
        base = Path(current)
        for name in sorted(names):
            yield base / name


class FileDigests:
    """Each file's SHA-256, by its bytes; kept in ``folder/digests.json`` with the file's modification time (in
    nanoseconds) and size, and used again while both are the same — as git's index does. A checkout (a CI run)
    gives every file a new time: each is read again."""

    FILE = "digests.json"

    def __init__(self, folder: Path | None) -> None:
        self.file = folder / self.FILE if folder is not None else None
        self._kept: dict[str, list[Any]] = {}
        self._used: dict[str, list[Any]] = {}
        if self.file is not None:
            try:
                kept = json.loads(self.file.read_text(encoding="utf-8"))
                self._kept = kept if isinstance(kept, dict) else {}
            except (OSError, ValueError):
                pass  # none yet, or unreadable: it is only a cache

    def of(self, path: Path) -> bytes:
        stat = path.stat()
        name = str(path)
        kept = self._kept.get(name)
        if (
            isinstance(kept, list)
            and len(kept) == 3
            and kept[:2] == [stat.st_mtime_ns, stat.st_size]
            and isinstance(kept[2], str)
        ):
            self._used[name] = kept
            return bytes.fromhex(kept[2])
        data = hashlib.sha256(path.read_bytes()).digest()
        self._used[name] = [stat.st_mtime_ns, stat.st_size, data.hex()]
        return data

    def tree(self, digest: Any, folder: Path) -> None:
        """Every file under ``folder``, into ``digest``: its path (relative to the folder) and its bytes' digest."""
        if not folder.is_dir():
            digest.update(b"\0no folder\0")
            return
        for path in _files(folder):
            try:
                data = self.of(path)
            except (OSError, ValueError):
                data = b"unreadable"
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + data)

    def save(self) -> None:
        """Keep the digests of the files seen by this build (only those), if they changed."""
        if self.file is None or self._used == self._kept:
            return
        write_replacing(self.file, json.dumps(self._used))


@cache
def _versions() -> bytes:
    named = []
    for package in LIBRARIES:
        try:
            named.append(f"{package} {version(package)}")
        except PackageNotFoundError:
            named.append(package)
    return "\n".join(named).encode()


def fingerprint(renderer: Rendering, folder: Path | None = None) -> str:
    """A digest of everything the generated pages are made from (the module's docstring lists it); ``folder``: where
    the files' digests are kept between builds (:class:`FileDigests`)."""
    hub = renderer.hub
    digest = hashlib.sha256()
    files = FileDigests(folder)

    def part(name: str, value: object) -> None:
        digest.update(f"\x1e{name}\x1f{value!r}".encode())

    part("hubgen", "")
    files.tree(digest, PACKAGE)
    part("libraries", _versions())
    for folder in renderer.template_dirs:
        part("overrides", folder.as_posix())
        files.tree(digest, folder)
    for name in sorted({hub.content_dir, hub.programs_dir}):
        part("content", name)
        files.tree(digest, hub.root / name)
    part("site", renderer.site)
    part("layout", renderer.layout)
    part("deferred downloads", renderer.defer_downloads)
    community = renderer.env.globals.get("community")
    part("community", (getattr(community, "discussion_config", None), getattr(community, "repo", None)))
    part("options", hub.options)
    zones = sorted({p.tz.key for p in hub.programs} | {s.tz.key for s in hub.sessions})
    part("zones", [(key, zone_rules(key)) for key in zones])  # the offsets and names a page shows
    part("day", build_date())
    files.save()
    return digest.hexdigest()


class PageCache:
    """The generated pages and the listings put into hand-written pages (``<!-- hubgen:upcoming -->``) that the last
    build made, kept for a build whose :func:`fingerprint` is the same (``folder``: ``.cache/hubgen/``, or None)."""

    def __init__(self, folder: Path | None, key: str) -> None:
        self.folder, self.key = folder, key
        self._fragments: dict[str, str] | None = None

    def pages(self) -> list[Row] | None:
        """The pages the last build kept for this key, or None (none kept, another key, an unreadable file)."""
        rows = self._read(PAGES)
        if rows is None or not all(
            isinstance(r, list) and len(r) == 4 and all(isinstance(v, str) for v in r) for r in rows
        ):
            return None
        return [(r[0], r[1], r[2], r[3]) for r in rows]

    def keep_pages(self, pages: Iterable[Row]) -> None:
        self._write(PAGES, (list(row) for row in pages))

    def fragment(self, name: str) -> str | None:
        """The listing the last build kept under ``name`` (the fragment's name, page and arguments)."""
        if self._fragments is None:
            rows = self._read(FRAGMENTS) or []
            self._fragments = {r[0]: r[1] for r in rows if isinstance(r, list) and len(r) == 2}
        return self._fragments.get(name)

    def keep_fragment(self, name: str, html: str) -> None:
        """Keep a listing (the file is written again: a hub has a few)."""
        if self._fragments is None:
            self.fragment(name)
        assert self._fragments is not None
        self._fragments[name] = html
        self._write(FRAGMENTS, ([k, v] for k, v in self._fragments.items()))

    def _read(self, file: str) -> list[Any] | None:
        """The rows of ``file`` (JSON Lines: the key, then a row a line) if it was written for this key."""
        if self.folder is None:
            return None
        try:
            with (self.folder / file).open(encoding="utf-8") as lines:
                if json.loads(next(lines, "null")) != self.key:
                    return None
                return [json.loads(line) for line in lines]
        except (OSError, ValueError):
            return None

    def _write(self, file: str, rows: Iterable[list[str]]) -> None:
        """Write ``file`` a row at a time (a large hub's pages are never one string), moved into place once whole."""
        if self.folder is None:
            return
        with replacing(self.folder / file) as out:
            out.write(json.dumps(self.key) + "\n")
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
