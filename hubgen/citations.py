"""Citations of the library's readings: CSL-JSON, APA 7, BibTeX and RIS.

One mapping from a reading to a CSL-JSON item (:func:`csl_item`) is the source of
every other form: the APA 7 reference on a reading's page is rendered from it by
citeproc-py with the ``apa.csl`` style shipped in ``hubgen/csl/`` (CC BY-SA 3.0,
see its LICENSE.md); BibTeX is written by bibtexparser v2's writer and RIS by
rispy. Nothing here formats a citation by hand.

:func:`export_files` lists the "Download citations" files of a hub — every
reading, every session's list, every topic, every cohort and the whole library,
each as ``citations.bib``, ``citations.ris`` and ``citations.json`` beside the
page — for the engine adapter to add to the site.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import bibtexparser
import rispy
from bibtexparser import middlewares as bm
from bibtexparser.model import Entry, Field
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter, model
from citeproc import __version__ as citeproc_version
from citeproc.source.json import CiteProcJSON
from markupsafe import Markup

from .hub import Hub, Reading

STYLE_FILE = Path(__file__).parent / "csl" / "apa.csl"

#: The export formats: file suffix → (label on the page, MIME type).
FORMATS: dict[str, tuple[str, str]] = {
    "bib": ("BibTeX", "application/x-bibtex"),
    "ris": ("RIS", "application/x-research-info-systems"),
    "json": ("CSL-JSON", "application/vnd.citationstyles.csl+json"),
}

# --- the one mapping: hub type → CSL, BibTeX and RIS types ------------------

#: Reading types whose ``source`` is the work they appear in (journal, book, site, show);
#: for the others ``source`` is their publisher (or institution, or platform).
CONTAINED = frozenset({"article", "chapter", "webpage", "podcast"})

CSL_TYPE: dict[str, str] = {
    "article": "article-journal",
    "book": "book",
    "chapter": "chapter",
    "report": "report",
    "toolkit": "report",
    "video": "motion_picture",
    "podcast": "broadcast",
    "webpage": "webpage",
    "dataset": "dataset",
}
#: The CSL ``genre`` that tells a toolkit from a report, a podcast from a broadcast.
CSL_GENRE: dict[str, str] = {"toolkit": "Toolkit", "video": "Video", "podcast": "Audio podcast episode"}

BIBTEX_TYPE: dict[str, str] = {
    "article": "article",
    "book": "book",
    "chapter": "incollection",
    "report": "techreport",
    "toolkit": "techreport",
    "video": "misc",
    "podcast": "misc",
    "webpage": "misc",
    "dataset": "misc",
}
#: BibTeX's ``type`` field, where the entry type alone does not say what the reading is.
BIBTEX_SUBTYPE: dict[str, str] = {
    "toolkit": "Toolkit",
    "video": "Video",
    "podcast": "Podcast episode",
    "webpage": "Web page",
    "dataset": "Dataset",
}

RIS_TYPE: dict[str, str] = {
    "article": "JOUR",
    "book": "BOOK",
    "chapter": "CHAP",
    "report": "RPRT",
    "toolkit": "RPRT",
    "video": "VIDEO",
    "podcast": "SOUND",
    "webpage": "ELEC",
    "dataset": "DATA",
}
#: RIS ``M3`` (type of work), where ``TY`` alone does not say what the reading is.
RIS_SUBTYPE: dict[str, str] = {"toolkit": "Toolkit", "podcast": "Podcast episode"}


def citation_key(reading: Reading) -> str:
    """The key of a reading in every export: its ``key`` field, else its ID."""
    return reading.data.key or reading.id


def split_name(name: str) -> dict[str, str]:
    """``"Last, First"`` (or ``"Last, First, Jr."``) as CSL name parts; anything else is a literal name."""
    parts = [p.strip() for p in name.split(",")]
    if len(parts) == 2 and all(parts):
        return {"family": parts[0], "given": parts[1]}
    if len(parts) == 3 and all(parts):
        return {"family": parts[0], "given": parts[1], "suffix": parts[2]}
    return {"literal": name.strip()}


def _pages(text: str) -> str:
    """``45–67`` and ``45--67`` as CSL's ``45-67``."""
    return re.sub(r"\s*(?:--|–|—)\s*", "-", text.strip())


def plain_text(markdown: str) -> str:
    """A Markdown field as one line of plain text (for abstracts and the filter's words)."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)  # [label](url) → label
    text = re.sub(r"[*_`]+", "", text)
    return re.sub(r"\s+", " ", text).strip()


def csl_item(reading: Reading) -> dict[str, Any]:
    """A reading as a CSL-JSON item (the input of every citation processor and of Zotero)."""
    d = reading.data
    key = citation_key(reading)
    item: dict[str, Any] = {"id": key, "type": CSL_TYPE[d.type], "citation-key": key}
    if d.type in CSL_GENRE:
        item["genre"] = CSL_GENRE[d.type]
    item["title"] = d.title
    if d.authors:
        item["author"] = [split_name(a) for a in d.authors]
    if d.editors:
        item["editor"] = [split_name(a) for a in d.editors]
    if d.year:
        item["issued"] = {"date-parts": [[d.year]]}
    if d.type in CONTAINED:
        if d.source:
            item["container-title"] = d.source
        if d.publisher:
            item["publisher"] = d.publisher
    elif d.publisher or d.source:
        item["publisher"] = d.publisher or d.source
    for key, value in (
        ("publisher-place", d.place),
        ("volume", d.volume),
        ("issue", d.issue),
        ("page", _pages(d.pages)),
        ("DOI", d.doi),
        ("URL", d.url),
        ("ISBN", d.isbn),
    ):
        if value:
            item[key] = value
    if reading.topics:
        item["keyword"] = ", ".join(t.title for t in reading.topics)
    if d.summary:
        item["abstract"] = plain_text(d.summary)
    return item


def csl_json(readings: Iterable[Reading]) -> str:
    """CSL-JSON: an array of items, as Zotero imports it."""
    return _join_csl_json([_csl_json_one(r) for r in readings])


def _csl_json_one(reading: Reading) -> str:
    return json.dumps(csl_item(reading), ensure_ascii=False, indent=2)


def _join_csl_json(items: list[str]) -> str:
    """What ``json.dumps(items, indent=2)`` writes, from the items written one by one (no newline is in a value)."""
    if not items:
        return "[]\n"
    return "[\n  " + ",\n  ".join(item.replace("\n", "\n  ") for item in items) + "\n]\n"


# --- APA 7 through citeproc-py ----------------------------------------------

# citeproc-py's HTML formatter escapes the style's own text but not the item's values: those are
# carried through rendering as private-use characters and escaped afterwards.
_UNSAFE = str.maketrans({"&": "\ue000", "<": "\ue001", ">": "\ue002", '"': "\ue003"})
_ESCAPED = {"\ue000": "&amp;", "\ue001": "&lt;", "\ue002": "&gt;", "\ue003": "&quot;"}
_URL_IN_HTML = re.compile(r"https?://[^\s<]+")
# All the markup a rendered reference can hold: citeproc-py's HTML formatter's tags and the link made
# below. Text between them is escaped (``&``, ``<``, ``>`` and ``"`` as entities), so once these are
# taken out no ``<`` may be left: a cached reference that has one was not made here and is not used.
_RENDERED_MARKUP = re.compile(
    r"</?(?:i|b|l|u|sup|sub)>|<span style=\"font-variant:small-caps;\">|</span>"
    r"|<a class=\"hg-url\" href=\"https?://[^\s<>\"]+\">|</a>"
)


def _is_rendered(html: str) -> bool:
    """Whether ``html`` holds only the markup :func:`_render_apa` writes (a check on what a cache gives back)."""
    return "<" not in _RENDERED_MARKUP.sub("", html) and ">" not in _RENDERED_MARKUP.sub("", html)


def _shield(value: Any) -> Any:
    if isinstance(value, str):
        return value.translate(_UNSAFE)
    if isinstance(value, list):
        return [_shield(v) for v in value]
    if isinstance(value, dict):
        return {k: _shield(v) for k, v in value.items()}
    return value


_MEMOIZED = (("CitationStylesElement", "get_macro"), ("Parent", "calls_variable"), ("Text", "calls_variable"))


def _memoize_citeproc() -> None:
    """Remember two look-ups that citeproc-py repeats for every reference and that never change.

    Finding a macro by name (an XPath query over the whole style) and whether a part of the style calls
    a variable (a walk through its children and macros) depend on the style alone, yet took half of
    the time of rendering a reference with ``apa.csl``. Both are remembered per element here; the
    rendered text is the same.
    """
    if not all(hasattr(getattr(model, cls, None), name) for cls, name in _MEMOIZED):
        return  # a citeproc-py whose insides differ: render without the shortcut
    macros: dict[tuple[Any, str], Any] = {}
    original = model.CitationStylesElement.get_macro

    def get_macro(self: Any, name: str) -> Any:
        root = self.get_root()
        if (root, name) not in macros:  # the key keeps lxml's proxy of the root (and so the entry) alive
            macros[root, name] = original(self, name)
        return macros[root, name]

    get_macro.__wrapped__ = original  # type: ignore[attr-defined]  # the test compares with and without
    model.CitationStylesElement.get_macro = get_macro
    for cls in (model.Parent, model.Text):
        calls: dict[Any, bool] = {}

        def calls_variable(self: Any, _original: Any = cls.calls_variable, _calls: dict[Any, bool] = calls) -> bool:
            if self not in _calls:
                _calls[self] = _original(self)
            return _calls[self]

        calls_variable.__wrapped__ = cls.calls_variable  # type: ignore[attr-defined]
        cls.calls_variable = calls_variable


_memoize_citeproc()


@cache
def _style() -> CitationStylesStyle:
    return CitationStylesStyle(str(STYLE_FILE), validate=False)


@lru_cache(maxsize=20_000)
def _render_apa(item_json: str) -> str:
    """One reference in APA 7, as HTML (``<i>`` for italics). Cached: ``mkdocs serve`` rebuilds often."""
    item = _shield(json.loads(item_json))
    item["id"] = "item"
    bibliography = CitationStylesBibliography(_style(), CiteProcJSON([item]), formatter.html)
    bibliography.register(Citation([CitationItem("item")]))
    html = str(bibliography.bibliography()[0])
    for private, entity in _ESCAPED.items():
        html = html.replace(private, entity)
    # The DOI or URL at the end becomes a link (its text is already escaped, which an attribute accepts).
    return _URL_IN_HTML.sub(lambda m: f'<a class="hg-url" href="{m.group(0)}">{m.group(0)}</a>', html)


def _apa_item(reading: Reading) -> str:
    """The CSL-JSON the APA reference is rendered from, as the text the caches are keyed by."""
    item = {k: v for k, v in csl_item(reading).items() if k not in ("abstract", "keyword", "citation-key")}
    authors = item.get("author", [])
    if len(authors) == 1 and "publisher" in item and authors[0].get("literal") == item["publisher"]:
        del item["publisher"]  # APA 7: a publisher that is also the author is not repeated
    return json.dumps(item, sort_keys=True)


def apa(reading: Reading) -> Markup:
    """The APA 7 reference of a reading, as safe HTML."""
    return Markup(_render_apa(_apa_item(reading)))


@cache
def _salt() -> bytes:
    """What a rendered reference depends on besides its item: the style, this module and citeproc-py's version."""
    digest = hashlib.sha256()
    for part in (STYLE_FILE.read_bytes(), Path(__file__).read_bytes(), citeproc_version.encode()):
        digest.update(hashlib.sha256(part).digest())
    return digest.digest()


class ReferenceCache:
    """APA references kept in ``folder`` between builds, by a hash of everything they are rendered from.

    Rendering with citeproc-py takes milliseconds a reading; a hub with thousands of readings renders
    only the new and changed ones. An entry's key is the SHA-256 of the reading's CSL item, the style
    file, this module and citeproc-py's version, so an edit to any of them misses the cache and the
    output never depends on what is cached. :meth:`save` keeps only the entries of the last build.
    Without a folder nothing is read or written.
    """

    FILE = "apa.json"

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self._stored: dict[str, str] = {}
        self._used: dict[str, str] = {}
        if folder is not None:
            try:
                stored = json.loads((folder / self.FILE).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                stored = {}  # none yet, or unreadable: it is only a cache
            if isinstance(stored, dict):  # only what hubgen itself renders: the file is not trusted more
                self._stored = {k: v for k, v in stored.items() if isinstance(v, str) and _is_rendered(v)}

    def apa(self, reading: Reading) -> Markup:
        """The APA 7 reference of a reading, as safe HTML (see :func:`apa`)."""
        item = _apa_item(reading)
        key = hashlib.sha256(_salt() + item.encode()).hexdigest()
        html = self._used.get(key)
        if html is None:
            html = self._stored.get(key)
            if html is None:
                html = _render_apa(item)
            self._used[key] = html
        return Markup(html)

    def save(self) -> None:
        """Write the references of this build (only those) if they differ from what was read."""
        if self.folder is None or self._used == self._stored:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / self.FILE
        temporary = target.with_name(f".{self.FILE}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps(self._used, ensure_ascii=False, sort_keys=True, indent=0), encoding="utf-8")
        temporary.replace(target)  # atomic: a build running beside this one reads the old file or the new
        self._stored = dict(self._used)


# --- BibTeX through bibtexparser v2 -----------------------------------------

_VERBATIM = frozenset({"url", "doi"})  # links stay as typed: LaTeX escapes would break them


class _EncodeLatex(bm.LatexEncodingMiddleware):
    """bibtexparser's LaTeX encoding for every field but the links."""

    # Text the encoder gives back unchanged (it replaces character by character): printable ASCII without
    # LaTeX's special characters and " < >. Most values are such text, and the encoder takes its time.
    _UNCHANGED = re.compile(r"[A-Za-z0-9 !'()*+,\-./:;=?@\[\]`|]*")

    def _transform_python_value_string(self, python_string: str) -> tuple[str, str]:
        if self._UNCHANGED.fullmatch(python_string):
            return python_string, ""
        return super()._transform_python_value_string(python_string)  # type: ignore[no-any-return]

    def transform_entry(self, entry: Entry, library: Any) -> Any:
        kept = {f.key: f.value for f in entry.fields if f.key in _VERBATIM}
        out = super().transform_entry(entry, library)
        for f in getattr(out, "fields", []):
            if f.key in kept:
                f.value = kept[f.key]
        return out


class _ProtectLiteralNames(bm.BlockMiddleware):
    """An organisation as author ("Riverbend Community Health Collaborative") is one name: brace it."""

    def __init__(self) -> None:
        super().__init__(allow_inplace_modification=True)

    @classmethod
    def metadata_key(cls) -> str:
        return "hubgen_protect_literal_names"

    def transform_entry(self, entry: Entry, library: Any) -> Entry:
        for f in entry.fields:
            if f.key in ("author", "editor") and isinstance(f.value, list):
                for name in f.value:
                    if isinstance(name, bm.NameParts) and not name.first and len(name.last) > 1:
                        name.last = ["{" + " ".join(name.last) + "}"]
        return entry


def _name_parts(name: str) -> bm.NameParts:
    parts = split_name(name)
    if "literal" in parts:
        return bm.NameParts(last=parts["literal"].split())
    return bm.NameParts(
        first=parts["given"].split(), last=[parts["family"]], jr=[parts["suffix"]] if "suffix" in parts else []
    )


def bibtex_entry(reading: Reading) -> Entry:
    d = reading.data
    fields: list[tuple[str, Any]] = [("title", d.title)]
    if d.authors:
        fields.append(("author", [_name_parts(a) for a in d.authors]))
    if d.editors:
        fields.append(("editor", [_name_parts(a) for a in d.editors]))
    if d.year:
        fields.append(("year", str(d.year)))
    container = {
        "article": "journal",
        "chapter": "booktitle",
        "podcast": "howpublished",
        "webpage": "howpublished",
    }.get(d.type)
    publisher_field = (
        "institution"
        if BIBTEX_TYPE[d.type] == "techreport"
        else ("howpublished" if BIBTEX_TYPE[d.type] == "misc" else "publisher")
    )
    if container:
        if d.source:
            fields.append((container, d.source))
        if d.publisher:
            fields.append(("publisher", d.publisher))
    elif d.publisher or d.source:
        fields.append((publisher_field, d.publisher or d.source))
    if d.type in BIBTEX_SUBTYPE:
        fields.append(("type", BIBTEX_SUBTYPE[d.type]))
    for key, value in (
        ("address", d.place),
        ("volume", d.volume),
        ("number", d.issue),
        ("pages", _pages(d.pages).replace("-", "--")),
        ("isbn", d.isbn),
        ("doi", d.doi),
        ("url", d.url),
    ):
        if value:
            fields.append((key, value))
    if reading.topics:
        fields.append(("keywords", ", ".join(t.title for t in reading.topics)))
    if d.summary:
        fields.append(("abstract", plain_text(d.summary)))
    return Entry(BIBTEX_TYPE[d.type], citation_key(reading), [Field(k, v) for k, v in fields])


def bibtex(readings: Iterable[Reading]) -> str:
    """BibTeX, written by bibtexparser v2 (values LaTeX-encoded, organisations braced)."""
    return _BIBTEX_SEPARATOR.join(_bibtex_one(r) for r in readings)


#: bibtexparser's writer puts this between entries, and formats each entry on its own (no alignment across
#: entries): a list is its entries written one by one, which lets :func:`export_files` write each reading once.
_BIBTEX_SEPARATOR = "\n\n"


def _bibtex_one(reading: Reading) -> str:
    # A fresh entry, so every middleware may change it in place (bibtexparser deep-copies blocks otherwise).
    stack = [
        _EncodeLatex(keep_math=False, enclose_urls=False, allow_inplace_modification=True),
        _ProtectLiteralNames(),
        bm.MergeNameParts(allow_inplace_modification=True),
        bm.MergeCoAuthors(allow_inplace_modification=True),
        *bm.default_unparse_stack(allow_inplace_modification=True),
    ]
    return str(bibtexparser.write_string(bibtexparser.Library([bibtex_entry(reading)]), unparse_stack=stack))


# --- RIS through rispy --------------------------------------------------------


def ris_record(reading: Reading) -> dict[str, Any]:
    d = reading.data
    record: dict[str, Any] = {"type_of_reference": RIS_TYPE[d.type], "id": citation_key(reading), "title": d.title}
    if d.authors:
        record["authors"] = list(d.authors)
    if d.editors:
        record["secondary_authors"] = list(d.editors)
    if d.year:
        record["year"] = str(d.year)
    if d.type in CONTAINED:
        if d.source:
            record["secondary_title"] = d.source
        if d.publisher:
            record["publisher"] = d.publisher
    elif d.publisher or d.source:
        record["publisher"] = d.publisher or d.source
    if d.type in RIS_SUBTYPE:
        record["type_of_work"] = RIS_SUBTYPE[d.type]
    start, _, end = _pages(d.pages).partition("-")
    for key, value in (
        ("place_published", d.place),
        ("volume", d.volume),
        ("number", d.issue),
        ("start_page", start),
        ("end_page", end),
        ("doi", d.doi),
        ("issn", d.isbn),
    ):
        if value:
            record[key] = value
    if d.url:
        record["urls"] = [d.url]
    if reading.topics:
        record["keywords"] = [t.title for t in reading.topics]
    if d.summary:
        record["abstract"] = plain_text(d.summary)
    return record


class _RisWriter(rispy.RisWriter):
    """rispy's writer without its numbered line ("1.") before each record, which some importers reject."""

    def set_header(self, count: int) -> str:
        return ""


def ris(readings: Iterable[Reading]) -> str:
    """RIS, written by rispy."""
    return _RIS_SEPARATOR.join(_ris_one(r) for r in readings)


#: rispy ends every record with a newline and puts an empty line between records.
_RIS_SEPARATOR = "\n"


def _ris_one(reading: Reading) -> str:
    return str(rispy.dumps([ris_record(reading)], implementation=_RisWriter))


# --- the files of a hub ------------------------------------------------------


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

    def path(self, suffix: str) -> str:
        return f"{self.url}citations.{suffix}"


def _unique(readings: Iterable[Reading]) -> tuple[Reading, ...]:
    return tuple(dict.fromkeys(readings))


def exports(hub: Hub) -> list[Export]:
    """Every set of readings with a download: each reading, session, topic, cohort, and the library."""
    out = [Export("library/", "library", tuple(hub.readings.values()), f"{hub.content_dir}/readings")]
    out += [Export(r.url, citation_key(r), (r,), r.file) for r in hub.readings.values()]
    for s in hub.sessions:
        if s.required or s.optional:
            out.append(Export(s.url, s.id, _unique(s.required + s.optional), s.file))
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
    "bib": (_bibtex_one, _BIBTEX_SEPARATOR.join),
    "ris": (_ris_one, _RIS_SEPARATOR.join),
    "json": (_csl_json_one, _join_csl_json),
}


def export_files(hub: Hub) -> Iterator[ExportFile]:
    """The "Download citations" files: BibTeX, RIS and CSL-JSON for every export, one by one.

    A reading is in several exports (its own, its sessions', cohorts' and topics', the library's): each
    is written once per format and joined as :func:`bibtex`, :func:`ris` and :func:`csl_json` join them.
    The files are made in turn, to be written out in turn: a large hub's are never all held at once.
    """
    written: dict[str, dict[Reading, str]] = {suffix: {} for suffix in _WRITERS}

    def write(suffix: str, readings: tuple[Reading, ...]) -> str:
        write_one, join = _WRITERS[suffix]
        done = written[suffix]
        for r in readings:
            if r not in done:
                done[r] = write_one(r)
        return join([done[r] for r in readings])

    for export in exports(hub):
        for suffix in _WRITERS:
            yield ExportFile(export.path(suffix), write(suffix, export.readings))
