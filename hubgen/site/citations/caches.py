"""The citations kept between builds: APA references (:class:`ReferenceCache`) and each reading's exports
(:class:`ExportCache`), keyed by a hash of everything they are made from, so the output never depends on what is
cached."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from types import ModuleType

from markupsafe import Markup

from ...content import models, patches, readingtypes
from ...content.cachefile import BuildCache, salt
from ...hub.graph import Reading
from . import apa7, bibtexformat, citeproc_patches, csljson, richtext, risformat
from .apa7 import STYLE_FILE, apa_item, is_rendered, render_apa
from .csljson import citation_key


def _files(*modules: ModuleType) -> list[Path]:
    """The modules' files, and those of the modules every citation is written by (what both caches' keys depend on
    besides the reading): the CSL-JSON item, the rich-text rules and types, the models, the patches' guards."""
    shared = (csljson, richtext, readingtypes, models, patches)
    return [Path(m.__file__ or "") for m in (*modules, *shared)]


@cache
def _salt() -> bytes:
    """What a rendered reference depends on besides its item: the style, the modules that render it, the models
    (their rich-text rules mark up titles), the patches of citeproc-py's internals and its version."""
    return salt([STYLE_FILE, *_files(apa7, citeproc_patches)], ["citeproc-py", "lxml"])


class ReferenceCache(BuildCache):
    """APA references kept in ``folder`` between builds, by a hash of everything they are rendered from.

    Rendering with citeproc-py takes milliseconds a reading; a hub with thousands of readings renders
    only the new and changed ones. An entry's key is the SHA-256 of the reading's CSL item, the style
    file, this module and citeproc-py's version, so an edit to any of them misses the cache and the
    output never depends on what is cached.
    """

    FILE = "apa.json"

    def _trusted(self, text: str) -> bool:
        return is_rendered(text)  # only what hubgen itself renders: the file is not trusted more

    def apa(self, reading: Reading) -> Markup:
        """The APA 7 reference of a reading, as safe HTML (see :func:`apa`)."""
        item = apa_item(reading)
        key = hashlib.sha256(_salt() + item.encode()).hexdigest()
        return Markup(self.get(key, lambda: render_apa(item)))


@cache
def _export_salt() -> bytes:
    """What a reading's exports depend on besides the reading: the modules that write them, the models (the fields'
    JSON, the rich-text rules a title's LaTeX follows), the patches' guards and the writers' versions."""
    return salt(
        _files(bibtexformat, risformat),
        ["bibtexparser", "rispy", "pylatexenc", "pydantic"],
    )


class ExportCache(BuildCache):
    """Each reading's BibTeX, RIS and CSL-JSON kept in ``folder`` between builds, like :class:`ReferenceCache`.

    Writing BibTeX through bibtexparser's middlewares takes milliseconds a reading, and a large hub has
    thousands. An entry's key is the SHA-256 of everything the writers read — the reading's fields, its
    citation key and its topics' titles — with this module and the writers' versions, so an edit to any of
    them misses the cache.
    """

    FILE = "exports.json"

    def __init__(self, folder: Path | None = None) -> None:
        super().__init__(folder)
        # This build's answers by reading: a reading's text is asked for by its page, its sessions' pages and
        # the files, and hashing its fields each time would cost more than the look-up saves.
        self._known: dict[tuple[str, Reading], str] = {}
        self._sources: dict[Reading, bytes] = {}  # a digest of what a reading's three exports are made from

    def written(self, suffix: str, reading: Reading, write_one: Callable[[Reading], str]) -> str:
        """``write_one(reading)``, from the cache when an earlier build wrote the same."""
        known = self._known.get((suffix, reading))
        if known is not None:
            return known
        source = self._sources.get(reading)
        if source is None:  # pydantic writes the fields' JSON itself, in the model's order of fields
            around = json.dumps([citation_key(reading), [t.title for t in reading.topics]])
            made_from = around.encode() + b"\0" + reading.data.model_dump_json().encode()
            source = self._sources[reading] = hashlib.sha256(made_from).digest()  # kept to the end of the build
        key = hashlib.sha256(_export_salt() + suffix.encode() + b"\0" + source).hexdigest()
        text = self._known[suffix, reading] = self.get(key, lambda: write_one(reading))
        return text
