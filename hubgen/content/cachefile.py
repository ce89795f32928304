"""A file of texts a build keeps for the next one, in ``.cache/hubgen/`` (cached in CI too).

Each text is found by a key that hashes everything it is made from, so an edit misses the cache and what is
built never depends on what was cached. Parsed YAML (:mod:`.yamlsource`), APA references and citation
exports (:mod:`hubgen.site.citations`), calendar events (:mod:`hubgen.site.feeds`) and the HTML of YAML
fields' Markdown (:mod:`hubgen.site.markdowncache`) are kept this way.

The folder is as trusted as the build's own code (it also holds Jinja's compiled templates, which are run):
it is the build's own, kept between runs on the same branch. Where a text goes into a page as markup, its
cache still checks that it holds only markup hubgen writes.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TextIO


@contextmanager
def replacing(target: Path) -> Iterator[TextIO]:
    """A text file written beside ``target`` and moved into its place once whole (atomic): a build running beside
    this one reads the old file or the new, never half of one. The folder is made if need be."""
    temporary = _beside(target)
    with temporary.open("w", encoding="utf-8") as out:
        yield out
    temporary.replace(target)


def write_replacing(target: Path, data: str | bytes) -> None:
    """``data`` into ``target``, moved into its place once whole, as :func:`replacing` writes."""
    temporary = _beside(target)
    if isinstance(data, str):
        temporary.write_text(data, encoding="utf-8")
    else:
        temporary.write_bytes(data)
    temporary.replace(target)


def _beside(target: Path) -> Path:
    """A temporary file's path beside ``target``, this process's own (its folder made if need be)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    return target.with_name(f".{target.name}.{os.getpid()}.tmp")


def salt(files: Iterable[Path], packages: Iterable[str] = ()) -> bytes:
    """A digest of what a cached text depends on besides its own input: the ``files`` whose code or data make it
    (hubgen's modules, a style) and the versions of the installed ``packages`` that do.

    A cache keyed on less serves yesterday's output after an upgrade: the APA text depends on the models'
    rich-text rules as much as on the module that renders it. Each part is hashed apart, so no two lists of
    parts give the same digest.
    """
    digest = hashlib.sha256()
    for file in files:
        digest.update(hashlib.sha256(Path(file).read_bytes()).digest())
    for package in packages:
        try:
            named = f"{package} {version(package)}"
        except PackageNotFoundError:  # not installed as a distribution (a vendored copy): its name only
            named = package
        digest.update(hashlib.sha256(named.encode()).digest())
    return digest.digest()


class BuildCache:
    """Text kept in ``folder/FILE`` between builds, by a key that hashes everything the text is made from.

    :meth:`get` gives the text of an earlier build for the same key, or makes it; :meth:`save` keeps only
    the entries of the last build. The file is only a cache: an unreadable one is ignored, and
    :meth:`_trusted` says which stored entries may be used. Without a folder nothing is read or written.
    """

    FILE = ""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self._stored: dict[str, str] = {}
        self._used: dict[str, str] = {}
        if folder is not None:
            try:
                stored = json.loads((folder / self.FILE).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                stored = {}  # none yet, or unreadable: it is only a cache
            if isinstance(stored, dict):
                self._stored = {k: v for k, v in stored.items() if isinstance(v, str) and self._trusted(v)}

    def _trusted(self, text: str) -> bool:
        return True

    def lookup(self, key: str) -> str | None:
        """The text an earlier build kept for ``key`` (kept again by this build), or None."""
        text = self._used.get(key)
        if text is None:
            text = self._stored.get(key)
            if text is not None:
                self._used[key] = text
        return text

    def keep(self, key: str, text: str) -> None:
        """Keep ``text`` for ``key`` (made by this build)."""
        self._used[key] = text

    def get(self, key: str, make: Callable[[], str]) -> str:
        """The text kept for ``key``, or ``make()`` (kept for the next build)."""
        text = self.lookup(key)
        if text is None:
            text = make()
            self.keep(key, text)
        return text

    def close(self, save: bool = True) -> None:
        """Save, then let the entries go: a build done with the cache need not hold them to its end. What is asked
        for later is made again (and not saved). ``save=False``: a build that did not need the cache (its pages came
        from the last build's) leaves the file as it is, for the next build that does."""
        if save:
            self.save()
        self.folder = None
        self._stored, self._used = {}, {}

    def save(self) -> None:
        """Write the entries of this build (only those) if they differ from what was read."""
        if self.folder is None or self._used == self._stored:
            return
        write_replacing(self.folder / self.FILE, json.dumps(self._used, ensure_ascii=False, sort_keys=True, indent=0))
        self._stored = dict(self._used)
