"""Card-sized renditions of project images and people photos, made with Pillow.

A project's ``image`` and a person's ``photo`` are files under ``content/`` that
staff add as they come: a 4000-pixel phone photo turned sideways, a PNG with
transparency. Pages never show those originals. This module plans, for each
picture, a few resized renditions (a 640-pixel card image and its 2x version; a
square avatar), names them after the picture's owner and a hash of its bytes, and
makes them on request. The engine adapter adds them to the build as generated
files: nothing is written into ``content/``.

The output is deterministic: the same source bytes give the same file names and
the same bytes (no timestamps, no metadata — EXIF, GPS positions included, is
dropped after the picture is turned upright).
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageOps, UnidentifiedImageError

from ..content.cachefile import salt
from ..content.pictures import problem_with

if TYPE_CHECKING:
    from ..hub.graph import Hub, Person, Project

#: Widths of a project's renditions: the card (about 320 CSS pixels wide) at 1x and 2x,
#: which also serve the project page.
CARD_WIDTHS = (640, 1280)
#: Sides of a person's square renditions: the directory avatar and the profile picture, at 1x and 2x.
PHOTO_SIZES = (128, 256)
#: Where renditions go in the site.
OUT_DIR = "assets/hubgen/images"
_JPEG_QUALITY = 82


@dataclass(frozen=True)
class Rendition:
    """One resized file: its path in the site and its size in pixels."""

    uri: str
    width: int
    height: int
    source: Path
    square: bool
    format: str  # "JPEG" or "PNG"


@dataclass(frozen=True)
class Picture:
    """The renditions of one picture, smallest first, with its text alternative."""

    renditions: tuple[Rendition, ...]
    alt: str

    @property
    def src(self) -> Rendition:
        return self.renditions[0]

    @property
    def largest(self) -> Rendition:
        return self.renditions[-1]


class Pictures:
    """The renditions a hub needs: project images, and photos of people who have a page.

    People without a page of their own (``name-only``, ``hidden``) get no rendition at all:
    their photo is never published, not even under an unlinked name.
    """

    def __init__(self, hub: Hub, cache_dir: Path | None = None) -> None:
        self.content = hub.root / hub.content_dir
        # Renditions made by earlier builds; none are kept without a folder.
        self.cache = RenditionCache(cache_dir)
        self._projects: dict[str, Picture] = {}
        self._people: dict[str, Picture] = {}
        for project in hub.projects:
            if project.data.image:
                pic = self._plan(
                    self.content / project.data.image,
                    f"projects/{project.id}",
                    CARD_WIDTHS,
                    square=False,
                    alt=project.data.image_alt,
                )
                if pic:
                    self._projects[project.id] = pic
        for person in hub.people.values():
            if person.has_page and person.data.photo:
                pic = self._plan(
                    self.content / person.data.photo, f"people/{person.id}", PHOTO_SIZES, square=True, alt=""
                )
                if pic:
                    self._people[person.id] = pic

    def project(self, project: Project) -> Picture | None:
        return self._projects.get(project.id)

    def person(self, person: Person) -> Picture | None:
        return self._people.get(person.id) if person.has_page else None

    def pictures(self) -> list[Picture]:
        """Every picture, in a stable order."""
        return sorted([*self._projects.values(), *self._people.values()], key=lambda p: p.src.uri)

    def renditions(self) -> list[Rendition]:
        """Every rendition, in a stable order."""
        return [r for pic in self.pictures() for r in pic.renditions]

    def files(self) -> Iterator[tuple[str, bytes]]:
        """``(site path, bytes)`` of every rendition, made now (several pictures at once) or taken from the cache."""
        pictures = self.pictures()
        workers = min(8, os.cpu_count() or 1, len(pictures) or 1)
        with ThreadPoolExecutor(max_workers=workers) as pool:  # Pillow lets go of the GIL while it works
            for pic, made in zip(pictures, pool.map(self.cache.make, pictures), strict=True):
                yield from zip((r.uri for r in pic.renditions), made, strict=True)
        self.cache.prune()

    # -- planning ----------------------------------------------------------------

    def _plan(self, path: Path, name: str, sizes: tuple[int, ...], square: bool, alt: str) -> Picture | None:
        if problem_with(path) is not None:  # reported by the content check, with file and line
            return None
        data = path.read_bytes()
        with Image.open(io.BytesIO(data)) as im:
            width, height = _upright_size(im)
            fmt = "PNG" if _has_alpha(im) else "JPEG"
        digest = hashlib.sha256(data).hexdigest()[:10]
        ext = "png" if fmt == "PNG" else "jpg"
        side = min(width, height) if square else width
        wanted = [s for s in sizes if s <= side]
        if len(wanted) < len(sizes) and side not in wanted:
            wanted.append(side)  # smaller than the 2x size: the original size is the largest rendition
        renditions = []
        for w in sorted(set(wanted)):
            h = w if square else max(1, round(height * w / width))
            renditions.append(Rendition(f"{OUT_DIR}/{name}-{w}.{digest}.{ext}", w, h, path, square, fmt))
        return Picture(tuple(renditions), alt)


def _upright_size(im: Image.Image) -> tuple[int, int]:
    """The size once the EXIF orientation (a phone held sideways) is applied."""
    width, height = im.size
    orientation = im.getexif().get(0x0112, 1)
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


def _has_alpha(im: Image.Image) -> bool:
    return im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info)


class RenditionCache:
    """Renditions kept in ``folder`` between builds, like the rendered citations (hubgen/site/citations/).

    A rendition's name (its path under ``OUT_DIR``: projects/ or people/, the owner, the size and a hash
    of the source's bytes) names its file here; the cache's own folder is named after a hash of this
    module and Pillow's version, so a change to how renditions are made starts a new one. A cached file is
    used only if it is the picture it should be (format, size, no metadata): the cache is not trusted more
    than a fresh rendition. :meth:`prune` removes what the last build did not use. Without a folder
    nothing is kept.
    """

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder / _salt() if folder is not None else None
        self._used: set[str] = set()

    def make(self, picture: Picture) -> tuple[bytes, ...]:
        if self.folder is None:
            return make(picture)
        names = [r.uri.removeprefix(f"{OUT_DIR}/").replace("/", "--") for r in picture.renditions]
        self._used.update(names)
        try:
            cached = tuple((self.folder / name).read_bytes() for name in names)
            if all(map(_is_rendition, cached, picture.renditions)):
                return cached
        except OSError:
            pass
        made = make(picture)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for name, data in zip(names, made, strict=True):
                temporary = self.folder / f".{name}.{os.getpid()}.{threading.get_ident()}.tmp"
                temporary.write_bytes(data)
                temporary.replace(self.folder / name)  # atomic: a build beside this one sees all of it or none
        except OSError:
            pass  # only a cache: another build may have just pruned the folder
        return made

    def prune(self) -> None:
        """Remove the renditions the last build did not use, and caches made by another version of this code."""
        if self.folder is None or not self.folder.parent.is_dir():
            return
        for entry in self.folder.parent.iterdir():
            if entry.is_dir() and entry != self.folder:
                shutil.rmtree(entry, ignore_errors=True)
        if self.folder.is_dir():
            for entry in self.folder.iterdir():
                if entry.name not in self._used:
                    entry.unlink(missing_ok=True)


def _is_rendition(data: bytes, rendition: Rendition) -> bool:
    """Whether ``data`` is a picture as :func:`make` makes it for ``rendition``: its format and size, no EXIF."""
    try:
        with Image.open(io.BytesIO(data)) as im:
            return (
                im.format == rendition.format
                and im.size == (rendition.width, rendition.height)
                and not im.getexif()
                and "exif" not in im.info
            )
    except (UnidentifiedImageError, OSError, ValueError):
        return False


@lru_cache(maxsize=1)
def _salt() -> str:
    """What a rendition depends on besides its source: this module and Pillow's version."""
    return salt([Path(__file__)], ["pillow"]).hex()[:16]


def make(picture: Picture) -> tuple[bytes, ...]:
    """The bytes of each rendition of ``picture``, in order (cached: ``mkdocs serve`` redoes only what changed)."""
    return _make(picture.renditions)


@lru_cache(maxsize=256)
def _make(renditions: tuple[Rendition, ...]) -> tuple[bytes, ...]:
    # Each rendition's file name carries the hash of the source's bytes: a changed picture is a new cache key.
    # The source is decoded once; each smaller rendition is made from the next larger one.
    largest = renditions[-1]
    with Image.open(largest.source) as original:
        original.seek(0)  # the first frame of an animated GIF
        if largest.format == "JPEG":  # decode a large JPEG at a reduced scale (faster), still twice the size made
            sideways = original.getexif().get(0x0112, 1) in (5, 6, 7, 8)
            w, h = largest.width * 2, largest.height * 2
            original.draft("RGB", (h, w) if sideways else (w, h))
        im = ImageOps.exif_transpose(original)
    im = im.convert("RGBA" if largest.format == "PNG" else "RGB")
    made: list[bytes] = []
    for r in reversed(renditions):
        if r.square and im.width != im.height:
            im = ImageOps.fit(im, (r.width, r.height), Image.Resampling.LANCZOS, centering=(0.5, 0.4))
        elif im.size != (r.width, r.height):
            im = im.resize((r.width, r.height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        made.append(_encode(im, r.format))
    return tuple(reversed(made))


def _encode(im: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt == "PNG":
        im.save(out, "PNG", optimize=True)
    else:
        im.save(out, "JPEG", quality=_JPEG_QUALITY, optimize=True, progressive=True)
    return out.getvalue()
