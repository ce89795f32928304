"""What a hub offers as "Download citations" (:func:`exports`) and how each reaches the reader: as ``data:`` URLs in
its page (:func:`data_url`, :class:`DataUrls`) or as files beside it (:func:`export_files`)."""

from __future__ import annotations

import hashlib
import re
import string
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import quote, unquote

from ...content import models
from ...content.cachefile import BuildCache, salt
from ...hub import urls
from ...hub.graph import Hub, Reading
from .bibtexformat import BIBTEX_SEPARATOR, bibtex_one
from .caches import ExportCache
from .csljson import citation_key, csl_json_one, join_csl_json
from .risformat import RIS_SEPARATOR, ris_one

#: The export formats: file suffix → (label on the page, MIME type).
FORMATS: dict[str, tuple[str, str]] = {
    "bib": ("BibTeX", "application/x-bibtex"),
    "ris": ("RIS", "application/x-research-info-systems"),
    "json": ("CSL-JSON", "application/vnd.citationstyles.csl+json"),
}


@dataclass(frozen=True)
class ExportFile:
    """A "Download citations" file of the site: where it goes and what it holds."""

    path: str  # site-relative, e.g. "library/citations.bib"
    content: str


@dataclass(frozen=True)
class Export:
    """One set of readings offered as "Download citations" on the page at ``url``."""

    url: str  # the page, e.g. "topics/health-equity/"
    name: str  # the downloaded file's name without suffix, e.g. "health-equity"
    readings: tuple[Reading, ...]
    source: str
    #: True: the page's links carry the text as ``data:`` URLs (:func:`data_url`) and no file is written;
    #: False: the text is a file beside the page (:meth:`path`, :func:`export_files`). :func:`exports` decides.
    inline: bool = False

    def path(self, suffix: str) -> str:
        return urls.citations(self.url, suffix)


def _unique(readings: Iterable[Reading]) -> tuple[Reading, ...]:
    return tuple(dict.fromkeys(readings))


def exports(hub: Hub) -> list[Export]:
    """Every set of readings with a download: each reading, session, topic, cohort, and the library.

    The one rule of how each reaches the reader (``Export.inline``): a reading's and a session's are small
    (one reading; a session's few) and are carried by their page as ``data:`` URLs — a hub has one of these
    pages per reading and per session, and three small files each were most of a large site's files. A
    topic's, a cohort's (shown on its prepare page too) and the library's can hold hundreds of readings:
    embedded, they would weigh on every visit of the page, so they stay files beside it.
    """
    # The library's in its page's order (hubgen/site/library.py, library_order), so a filtered download keeps it.
    shelf = sorted(
        hub.readings.values(),
        key=lambda r: (models.filing_title(r.data.title, r.data.language), r.data.year or 0, r.id),
    )
    out = [Export(urls.LIBRARY, "library", tuple(shelf), f"{hub.content_dir}/readings")]
    out += [Export(r.url, citation_key(r), (r,), r.file, inline=True) for r in hub.readings.values()]
    for s in hub.sessions:
        if s.required or s.optional:
            out.append(Export(s.url, s.id, _unique(s.required + s.optional), s.file, inline=True))
    for c in hub.cohorts:
        readings = _unique(r for s in c.sessions for r in s.required + s.optional)
        if readings:
            out.append(Export(c.url, f"{c.program.id}-{c.id}", readings, c.file))
    for t in hub.topics.values():
        if t.readings:
            out.append(Export(t.url, t.id, tuple(t.readings), t.file))
    return out


#: Each format: how one reading is written, and how the written readings make one file.
_WRITERS: dict[str, tuple[Callable[[Reading], str], Callable[[list[str]], str]]] = {
    "bib": (bibtex_one, BIBTEX_SEPARATOR.join),
    "ris": (ris_one, RIS_SEPARATOR.join),
    "json": (csl_json_one, join_csl_json),
}


def export_text(export: Export, suffix: str, cache: ExportCache | None = None) -> str:
    """What the download ``suffix`` (``bib``, ``ris``, ``json``) of ``export`` holds: the text its file would."""
    write_one, join = _WRITERS[suffix]
    return join([cache.written(suffix, r, write_one) if cache is not None else write_one(r) for r in export.readings])


#: What a ``data:`` URL keeps as it is, beside letters, digits and ``_.-~``: characters a URL may hold
#: unescaped (WHATWG URL code points) that mean nothing in the data part. Everything else — spaces, line
#: breaks, quotes, ``< > & ' % # ? { } [ ] \``, non-ASCII (as UTF-8) — is percent-encoded, so the URL is
#: valid, HTML escaping changes nothing in it, and it ends at no ``#``.
DATA_URL_SAFE = "/:=,;@()!*+$"
#: Each byte as ``urllib.parse.quote(..., safe=DATA_URL_SAFE)`` writes it: itself, or ``%XX``.
_PERCENT = [
    chr(b) if chr(b) in string.ascii_letters + string.digits + "_.-~" + DATA_URL_SAFE else f"%{b:02X}"
    for b in range(256)
]


def _percent_encoded(text: str) -> str:
    """``quote(text, safe=DATA_URL_SAFE)``, byte for byte, a table look-up a byte in C rather than in Python.

    ``quote`` goes through a Python loop for each byte: 1.9 s for the 11 MB of a 1,000-session hub's downloads.
    """
    return "".join(map(_PERCENT.__getitem__, text.encode("utf-8")))


def data_url(export: Export, suffix: str, cache: ExportCache | None = None, kept: DataUrlCache | None = None) -> str:
    """The download ``suffix`` of an inline export as a ``data:`` URL: its text, UTF-8, percent-encoded (from
    ``kept`` when an earlier build encoded the same text).

    A browser saves it under the link's ``download`` name, byte for byte what the file would have held,
    with no script; :func:`urllib.parse.unquote` reads it back.
    """
    mime = FORMATS[suffix][1]
    text = export_text(export, suffix, cache)
    if kept is None:
        return f"data:{mime};charset=utf-8,{_percent_encoded(text)}"
    key = hashlib.sha256(_url_salt() + suffix.encode() + b"\0" + text.encode()).hexdigest()
    return kept.get(key, lambda: f"data:{mime};charset=utf-8,{_percent_encoded(text)}")


@cache
def _url_salt() -> bytes:
    return salt([Path(__file__)])


class DataUrlCache(BuildCache):
    """The ``data:`` URLs of the inline downloads, kept between builds (``datauris.json``), by a hash of the text
    they hold and this module: percent-encoding a large hub's downloads (11 MB at 1,000 sessions) is a byte at a
    time. A URL goes into the page's HTML as it is, so only a URL of the form :func:`data_url` writes, and of the
    characters it keeps, is used."""

    FILE = "datauris.json"
    _FORM = re.compile(
        r"data:(?:" + "|".join(re.escape(mime) for _, mime in FORMATS.values()) + r");charset=utf-8,"
        r"[A-Za-z0-9_.~%" + re.escape(DATA_URL_SAFE) + r"-]*"
    )

    def _trusted(self, text: str) -> bool:
        return self._FORM.fullmatch(text) is not None


class DataUrls:
    """The ``data:`` URLs of a hub's inline exports, written into a page's HTML as it is saved.

    A data URL is about 1.5 times the text it holds, and an engine such as MkDocs keeps every page's
    Markdown and HTML (and the generated page's source) until its build ends: carried by the pages from
    the start, the downloads grew a 1,000-session build's peak memory by a third. Deferred, a page holds
    a short stand-in (:meth:`stand_in`, ``hubgen-citation:bib:<page>``) that :meth:`fill` replaces in the
    finished HTML only, so each data URL exists while its page is written, once.
    """

    PREFIX = "hubgen-citation:"
    _STAND_IN = re.compile(r"hubgen-citation:(bib|ris|json):([^\"'\s<>]*)")

    def __init__(
        self, made: Iterable[Export], cache: ExportCache | None = None, kept: DataUrlCache | None = None
    ) -> None:
        """``made``: the hub's exports (:func:`exports`), of which the inline ones are filled in; ``kept``: the URLs
        of earlier builds (:meth:`close` saves this build's)."""
        self.cache = cache
        self.kept = kept
        self._inline = {e.url: e for e in made if e.inline}

    def stand_in(self, export: Export, suffix: str) -> str:
        return f"{self.PREFIX}{suffix}:{quote(export.url, safe='/')}"

    def fill(self, html: str) -> str:
        """``html`` with each stand-in replaced by its data URL (a page without one is given back as it is)."""
        if self.PREFIX not in html:
            return html

        def url(match: re.Match[str]) -> str:
            export = self._inline.get(unquote(match.group(2)))
            if export is None:  # not one of ours: left as it is (and no valid link)
                return match.group(0)
            return data_url(export, match.group(1), self.cache, self.kept)

        return self._STAND_IN.sub(url, html)

    def close(self) -> None:
        """Keep this build's URLs for the next (once every page is written)."""
        if self.kept is not None:
            self.kept.close()


def export_files(hub: Hub, cache: ExportCache | None = None) -> Iterator[ExportFile]:
    """The "Download citations" files: BibTeX, RIS and CSL-JSON for every export that is not inline, one by one.

    A reading is in several exports (its own, its sessions', cohorts' and topics', the library's): each
    is written once per format and joined as :func:`bibtex`, :func:`ris` and :func:`csl_json` join them
    (or taken from ``cache``, written by an earlier build from the same reading).
    The files are made in turn, to be written out in turn: a large hub's are never all held at once.
    """
    written: dict[str, dict[Reading, str]] = {suffix: {} for suffix in _WRITERS}

    def write(suffix: str, readings: tuple[Reading, ...]) -> str:
        write_one, join = _WRITERS[suffix]
        done = written[suffix]
        for r in readings:
            if r not in done:
                done[r] = cache.written(suffix, r, write_one) if cache is not None else write_one(r)
        return join([done[r] for r in readings])

    for export in exports(hub):
        if export.inline:
            continue  # carried by its page (data_url)
        for suffix in _WRITERS:
            yield ExportFile(export.path(suffix), write(suffix, export.readings))
    if cache is not None:
        cache.save()
