"""Citations of the library's readings: CSL-JSON, APA 7, BibTeX and RIS.

One mapping from a reading to a CSL-JSON item (:func:`csl_item`) is the source of
every other form: the APA 7 reference on a reading's page is rendered from it by
citeproc-py with the ``apa.csl`` style shipped in ``hubgen/csl/`` (CC BY-SA 3.0,
see its LICENSE.md); BibTeX is written by bibtexparser v2's writer and RIS by
rispy. Nothing here formats a citation by hand.

:func:`exports` lists what a hub offers as "Download citations" — every reading,
every session's list, every topic, every cohort and the whole library — and
decides, in one place, how each reaches the reader. A reading's and a session's
(one reading, or a session's few) are carried by the page itself: its links are
``data:`` URLs holding the very text a file would (:func:`data_url`), so the site
has no file for them. A topic's, a cohort's and the library's (up to every reading
of the hub) are files, ``citations.bib``, ``citations.ris`` and ``citations.json``
beside the page, which :func:`export_files` lists for the engine adapter to add to
the site.
"""

from __future__ import annotations

import hashlib
import json
import re
import string
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import bibtexparser
import rispy
from bibtexparser import middlewares as bm
from bibtexparser.model import Entry, Field
from citeproc import Citation, CitationStylesBibliography, CitationStylesStyle, formatter, model
from citeproc.source import CitationItem as _CitationItem
from citeproc.source import VariableError
from citeproc.source.json import CiteProcJSON
from markupsafe import Markup

from ..content import models, patches
from ..content.cachefile import BuildCache, salt
from ..hub import urls
from ..hub.graph import Hub, Reading

STYLE_FILE = Path(__file__).parent.parent / "csl" / "apa.csl"

#: The export formats: file suffix → (label on the page, MIME type).
FORMATS: dict[str, tuple[str, str]] = {
    "bib": ("BibTeX", "application/x-bibtex"),
    "ris": ("RIS", "application/x-research-info-systems"),
    "json": ("CSL-JSON", "application/vnd.citationstyles.csl+json"),
}

# --- the one mapping: hub type → CSL, BibTeX and RIS types ------------------

#: Reading types whose ``source`` is the work they appear in (journal, book, site, show);
#: for the others ``source`` is their publisher (or institution, or platform).
CONTAINED = frozenset({"article", "magazine", "newspaper", "chapter", "webpage", "podcast"})
#: Articles in a periodical: a journal's, a magazine's, a newspaper's (an issue, pages, an article number).
PERIODICAL = frozenset({"article", "magazine", "newspaper"})


def container_and_publisher(d: models.Reading) -> tuple[str, str]:
    """The work a reading appears in and its publisher ("" where it has none), as every format writes them:
    a contained reading's ``source`` is its container; any other reading's is its publisher, unless it names one."""
    if d.type in CONTAINED:
        return d.source, d.publisher
    return "", d.publisher or d.source


CSL_TYPE: dict[str, str] = {
    "article": "article-journal",
    "magazine": "article-magazine",
    "newspaper": "article-newspaper",
    "book": "book",
    "chapter": "chapter",
    "report": "report",
    "toolkit": "report",
    "video": "motion_picture",
    "podcast": "broadcast",
    "webpage": "webpage",
    "dataset": "dataset",
}
#: The CSL ``genre`` that tells a toolkit from a report, a podcast from a broadcast (a reading's own
#: ``genre`` — "Film", "Webinar" — comes first). APA 7 writes "[Data set]".
CSL_GENRE: dict[str, str] = {
    "toolkit": "Toolkit",
    "video": "Video",
    "podcast": "Audio podcast episode",
    "dataset": "Data set",
}
#: What a reading's ``number`` is in CSL: its number in a series (books, chapters), or its own number (a
#: report's, an episode's, an article's eLocator).
NUMBER_CSL: dict[str, str] = {
    "article": "number",
    "magazine": "number",
    "newspaper": "number",
    "book": "collection-number",
    "chapter": "collection-number",
    "report": "number",
    "toolkit": "number",
    "video": "number",
    "podcast": "number",
    "webpage": "number",
    "dataset": "number",
}

#: Each type's BibTeX entry, chosen so that Zotero's BibTeX import (translators/BibTeX.js, ``bibtex2zoteroTypeMap``)
#: gives the same kind of item: a web page is ``@online`` (Zotero: webpage), a film ``@movie`` (film) and any other
#: video ``@video`` (videoRecording) — ``@misc`` would be a "Document" with its site under Extra. Zotero has no BibTeX
#: entry for a podcast or a data set: those stay ``@misc`` with their ``type``. A magazine's or newspaper's article is
#: an ``@article`` (as Zotero writes it) marked with biblatex's ``entrysubtype``.
BIBTEX_TYPE: dict[str, str] = {
    "article": "article",
    "magazine": "article",
    "newspaper": "article",
    "book": "book",
    "chapter": "incollection",
    "report": "techreport",
    "toolkit": "techreport",
    "video": "video",
    "podcast": "misc",
    "webpage": "online",
    "dataset": "misc",
}
#: biblatex's ``entrysubtype`` of an ``@article`` that is not in a journal.
BIBTEX_ENTRYSUBTYPE: dict[str, str] = {"magazine": "magazine", "newspaper": "newspaper"}
#: The BibTeX field of a contained reading's container (``CONTAINED``): Zotero's BibTeX import reads ``journal``,
#: ``journaltitle`` and ``booktitle`` as the item's publication (a web page's site); ``howpublished`` it files
#: under Extra.
BIBTEX_CONTAINER: dict[str, str] = {
    "article": "journal",
    "magazine": "journal",
    "newspaper": "journal",
    "chapter": "booktitle",
    "podcast": "howpublished",
    "webpage": "journaltitle",
}


def bibtex_type(d: models.Reading) -> str:
    """A reading's BibTeX entry type: ``BIBTEX_TYPE``, but a video whose genre is "Film" is a ``@movie``."""
    if d.type == "video" and d.genre.lower() == "film":
        return "movie"
    return BIBTEX_TYPE[d.type]


def _bibtex_publisher_field(kind: str) -> str:
    """Where BibTeX keeps a publisher: a report's institution; a ``misc`` entry's howpublished, unless that
    already holds its container."""
    if kind in CONTAINED:
        return "publisher"
    return {"techreport": "institution", "misc": "howpublished"}.get(BIBTEX_TYPE[kind], "publisher")


#: BibTeX's ``type`` field, where the entry type alone does not say what the reading is.
BIBTEX_SUBTYPE: dict[str, str] = {
    "toolkit": "Toolkit",
    "podcast": "Podcast episode",
    "dataset": "Dataset",
}

#: Each type's RIS ``TY``, as Zotero's RIS translator (translators/RIS.js, ``exportTypeMap``) writes and reads them:
#: a film is ``MPCT`` (Zotero: film), any other video ``VIDEO`` (videoRecording).
RIS_TYPE: dict[str, str] = {
    "article": "JOUR",
    "magazine": "MGZN",
    "newspaper": "NEWS",
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
RIS_SUBTYPE: dict[str, str] = {"toolkit": "Toolkit"}
#: Where Zotero's RIS translator reads each reading's fields (RIS.js ``fieldMap``), by hub type. Editors: ``A3`` of a
#: book (``A2`` is a book's series editor there), ``A2`` of the rest. A book's and a report's series: ``T2`` (``T3``
#: of the others). A report's number: ``SN`` (its ``reportNumber``), any other's ``M1``. The genre: ``M3`` only where
#: RIS.js has a type field for it (a report's ``reportType``, a web page's ``websiteType``; on other types it reads
#: ``M3`` as the DOI), a film's ``C4``; any other's a note ``N1  - Genre: …``. An article's own number is a note
#: ``N1  - Number: …`` too: RIS.js reads a journal article's ``M1`` as its issue.
RIS_EDITORS_A3 = frozenset({"book"})
RIS_SERIES_T2 = frozenset({"book", "report", "toolkit"})
RIS_GENRE_M3 = frozenset({"report", "toolkit", "webpage"})
RIS_GENRE_NOTE = "Genre: "
RIS_NUMBER_NOTE = "Number: "


def ris_type(d: models.Reading) -> str:
    """A reading's RIS ``TY``: ``RIS_TYPE``, but a video whose genre is "Film" is ``MPCT`` (Zotero: a film)."""
    if d.type == "video" and d.genre.lower() == "film":
        return "MPCT"
    return RIS_TYPE[d.type]


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
    if d.genre or d.type in CSL_GENRE:
        item["genre"] = d.genre or CSL_GENRE[d.type]
    item["title"] = d.title
    if d.authors:
        item["author"] = [split_name(a) for a in d.authors]
    if d.editors:
        item["editor"] = [split_name(a) for a in d.editors]
    if d.year:
        item["issued"] = {
            "date-parts": [[d.year, *([d.month] if d.month else []), *([d.day] if d.month and d.day else [])]]
        }
    container, publisher = container_and_publisher(d)
    if container:
        item["container-title"] = container
    if publisher:
        item["publisher"] = publisher
    for key, value in (
        ("publisher-place", d.place),
        ("edition", d.edition),
        ("collection-title", d.series),
        (NUMBER_CSL[d.type], d.number),
        ("volume", d.volume),
        ("issue", d.issue),
        ("page", _pages(d.pages)),
        ("DOI", d.doi),
        ("URL", d.url),
        ("ISBN", d.isbn),
        ("language", d.language),
    ):
        if value:
            item[key] = value
    if d.urldate:
        item["accessed"] = {"date-parts": [[d.urldate.year, d.urldate.month, d.urldate.day]]}
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
    r"</?(?:i|b|l|u|sup|sub)>|<span style=\"font-(?:variant:small-caps|style:normal);\">|</span>"
    r"|<a class=\"hg-url\" href=\"https?://[^\s<>\"]+\">|</a>"
)


# A title that ends in "?" or "!" takes no period after it (APA 7 §9.?): "make?</i>." → "make?</i>". The style adds
# the period; citeproc-py does not drop it as citeproc-js does.
_DOUBLE_PUNCTUATION = re.compile(r"([?!][\ue011\ue013\ue015\ue017\ue019\ue01b]*(?:</(?:i|b|span)>)*)\.")


def _is_rendered(html: str) -> bool:
    """Whether ``html`` holds only the markup :func:`_render_apa` writes (a check on what a cache gives back)."""
    return "<" not in _RENDERED_MARKUP.sub("", html) and ">" not in _RENDERED_MARKUP.sub("", html)


# A title's rich text (models.RICH_TEXT, when its tags nest) goes through citeproc-py as private-use characters too,
# and comes out as formatting: italics inside an italic title as roman (APA 7 §6.22), small caps, super/subscript.
_RICH_MARK = {
    "<i>": "\ue010",
    "</i>": "\ue011",
    "<b>": "\ue012",
    "</b>": "\ue013",
    "<sc>": "\ue014",
    "</sc>": "\ue015",
    "<sup>": "\ue016",
    "</sup>": "\ue017",
    "<sub>": "\ue018",
    "</sub>": "\ue019",
    '<span class="nocase">': "\ue01a",
    "</span>": "\ue01b",
}
_MARKED_HTML = {
    "\ue012": "<b>",
    "\ue013": "</b>",
    "\ue014": '<span style="font-variant:small-caps;">',
    "\ue015": "</span>",
    "\ue016": "<sup>",
    "\ue017": "</sup>",
    "\ue018": "<sub>",
    "\ue019": "</sub>",
    "\ue01a": "",
    "\ue01b": "",
}
_ITALICS = re.compile("<i>|</i>|[\ue010-\ue01b]")


def _rich_marks(text: str) -> str:
    """A value's rich text as private-use marks (a value whose tags do not nest is left as text, and escaped)."""
    parts = _rich_parts(text) if "<" in text else None
    if parts is None:
        return text
    return "".join(_RICH_MARK.get(p, p) for p in parts)


def _rich_html(html: str) -> str:
    """The marks as HTML; italics within italics (a species in a book's title) set in roman."""
    out: list[str] = []
    pos = 0
    stack: list[str] = []
    for m in _ITALICS.finditer(html):
        out.append(html[pos : m.start()])
        pos = m.end()
        token = m.group(0)
        if token in ("<i>", "\ue010"):
            close = "</span>" if any(t == "</i>" for t in stack) else "</i>"
            out.append('<span style="font-style:normal;">' if close == "</span>" else "<i>")
            stack.append(close)
        elif token in ("</i>", "\ue011"):
            out.append(stack.pop() if stack else "")
        else:
            out.append(_MARKED_HTML[token])
    out.append(html[pos:])
    return "".join(out)


def _shield(value: Any) -> Any:
    if isinstance(value, str):
        return value.translate(_UNSAFE)
    if isinstance(value, list):
        return [_shield(v) for v in value]
    if isinstance(value, dict):
        return {k: _shield(v) for k, v in value.items()}
    return value


_MEMOIZED = (
    ("CitationStylesElement", "get_macro"),
    ("Parent", "calls_variable"),
    ("Text", "calls_variable"),
    ("CitationStylesElement", "get_layout"),
    ("Locale", "get_term"),
    ("Locale", "get_date"),
    ("CitationStylesElement", "get_locale_option"),
    ("Date", "is_locale_date"),
    ("Names", "substitute"),
    ("CitationStylesElement", "get_root"),
)


def _memoize_citeproc() -> None:
    """Remember look-ups that citeproc-py repeats for every reference and that never change.

    Finding a macro by name (an XPath query over the whole style), whether a part of the style calls
    a variable (a walk through its children and macros), the layout an element is in, and a locale's
    term or date format by name (XPath queries again) depend on the style alone, yet took most of the
    time of rendering a reference with ``apa.csl``. Each is remembered per element here (the keys keep
    lxml's proxies, and so the entries, alive); the rendered text is the same.
    """
    for cls, name in _MEMOIZED:  # a citeproc-py whose insides differ stops the build (hubgen/content/patches.py)
        patches.require("citeproc-py", getattr(model, cls, None), {name: ()}, "remembered look-ups")
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
    for cls, name in _MEMOIZED[3:]:
        setattr(getattr(model, cls), name, _remembered(getattr(getattr(model, cls), name)))


def _remembered(method: Callable[..., Any]) -> Callable[..., Any]:
    """``method`` remembering its answer, or its ``IndexError`` ("no such term here"), per element and arguments."""
    answers: dict[Any, Any] = {}

    def remembered(self: Any, *args: Any, **kwargs: Any) -> Any:
        key = (self, *args, *sorted(kwargs.items())) if args or kwargs else self
        if key not in answers:
            try:
                answers[key] = method(self, *args, **kwargs)
            except IndexError as missing:
                answers[key] = missing
        answer = answers[key]
        if isinstance(answer, IndexError):
            raise IndexError(*answer.args)
        return answer

    remembered.__wrapped__ = method  # type: ignore[attr-defined]
    return remembered


_memoize_citeproc()

_SUPPRESSED = "hubgen:substituted"  # keys of citeproc-py's per-reference ``repressed`` table (tags never look so)
_RECORDING = "hubgen:recording"


def _suppress_substituted_variables() -> None:
    """What CSL 1.0.2 says of ``cs:substitute`` and citeproc-py does only for a plain ``<text variable>``.

    "Substituted variables are suppressed in the rest of the output to prevent duplication": a book
    with editors and no author is cited by its editors, who then must not come back after the title;
    a work without author or editor is cited by its title, which then is not repeated. apa.csl
    substitutes through macros and ``cs:names``, which citeproc-py renders twice. Here every variable
    a substitute rendered is noted (in the table citeproc-py resets for each reference) and left out of
    the rest of that reference. Upstream: citeproc-py's ``Substitute.add_to_repressed_list``.
    """
    wanted = (  # each method patched below, with the parameters the patch passes on by name or place
        ("Substitute", "render", ("self", "item", "context")),
        ("Names", "process", ("self", "item", "names_context", "context")),
        ("Text", "_variable", ("self", "item", "context")),
        ("Number", "process", ("self", "item", "context")),
        ("Label", "process", ("self", "item", "variable")),
        ("Label", "case", ("self", "text", "language")),
    )
    for cls, name, parameters in wanted:  # a citeproc-py whose insides differ stops the build, never skips
        patches.require("citeproc-py", getattr(model, cls, None), {name: parameters}, "CSL's substituted variables")

    def table(context: Any) -> dict[str, Any]:
        try:
            return context.get_layout().repressed  # type: ignore[no-any-return]
        except (IndexError, AttributeError):  # an element rendered outside a layout (a sort key's macro)
            return {}

    substitute_render = model.Substitute.render

    def render(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        repressed = table(context)
        recording: list[set[str]] = repressed.setdefault(_RECORDING, [])
        recording.append(set())
        try:
            text = substitute_render(self, item, context=context, **kwargs)
        finally:
            rendered = recording.pop()
        if text:
            repressed.setdefault(_SUPPRESSED, set()).update(rendered)
            for outer in recording:
                outer.update(rendered)
        return text

    names_process = model.Names.process

    def process(self: Any, item: Any, names_context: Any = None, context: Any = None, **kwargs: Any) -> Any:
        repressed = table(context if context is not None else self)
        present = [role for role in self.get("variable").split() if role in item.reference]
        if present and set(present) <= repressed.get(_SUPPRESSED, set()):
            return None
        out = names_process(self, item, names_context=names_context, context=context, **kwargs)
        if out:
            for recording in repressed.get(_RECORDING, []):
                recording.update(present)
        return out

    text_variable = model.Text._variable

    def _variable(self: Any, item: Any, context: Any) -> Any:
        repressed = table(context)
        variable = self.get("variable")
        if variable in repressed.get(_SUPPRESSED, ()):
            return None
        out = text_variable(self, item, context)
        if out:
            for recording in repressed.get(_RECORDING, []):
                recording.add(variable)
        return out

    number_process = model.Number.process

    def number(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        repressed = table(context if context is not None else self)
        variable = self.get("variable")
        if variable in repressed.get(_SUPPRESSED, ()):
            raise VariableError(variable)  # as if it were empty: a group around it is left out
        out = number_process(self, item, context=context, **kwargs)
        if out:
            for recording in repressed.get(_RECORDING, []):
                recording.add(variable)
        return out

    label_process = model.Label.process

    def label(self: Any, item: Any, variable: str | None = None, *args: Any, **kwargs: Any) -> Any:
        context = kwargs.get("context")
        repressed = table(context if context is not None else self)
        if (variable or self.get("variable")) in repressed.get(_SUPPRESSED, ()):
            return None  # "ed." without the edition it labels
        return label_process(self, item, variable, *args, **kwargs)

    label_case = model.Label.case

    def case(self: Any, text: Any, language: str | None = None) -> Any:
        """A label's ``text-case="title"`` ("(Eds.)", "(Executive Producer)"): citeproc-py gave labels no language,
        and title case applies to English only, so "(eds.)" stayed lowercase. The style's locale is the language."""
        return label_case(self, text, language or str(self.get_root().get("default-locale", "en"))[:2])

    for cls, name, patched, original in (
        (model.Substitute, "render", render, substitute_render),
        (model.Names, "process", process, names_process),
        (model.Text, "_variable", _variable, text_variable),
        (model.Number, "process", number, number_process),
        (model.Label, "process", label, label_process),
        (model.Label, "case", case, label_case),
    ):
        patched.__wrapped__ = original  # type: ignore[attr-defined,union-attr]
        setattr(cls, name, patched)


_suppress_substituted_variables()


class _Item(_CitationItem):
    """citeproc-py's cited item, finding its reference once: the style asks for it at every turn (a third of the
    time of rendering a reference went to ``item.reference``, two look-ups through dictionaries each time)."""

    @property
    def reference(self) -> Any:
        found = self.__dict__.get("_reference")
        if found is None:
            found = self.__dict__["_reference"] = self.bibliography.source[self.key]
        return found


#: The cited item's class (the test of the shortcuts renders with citeproc-py's own too).
_ITEM: type[_CitationItem] = _Item


@cache
def _style() -> CitationStylesStyle:
    return CitationStylesStyle(str(STYLE_FILE), validate=False)


@lru_cache(maxsize=1024)  # a build keeps its references in a ReferenceCache: this serves a hub rendered without one
def _render_apa(item_json: str) -> str:
    """One reference in APA 7, as HTML (``<i>`` for italics)."""
    item = json.loads(item_json)
    item["title"] = _rich_marks(item.get("title", ""))  # the title's rich text only: every other value is text
    item = _shield(item)
    item["id"] = "item"
    bibliography = CitationStylesBibliography(_style(), CiteProcJSON([item]), formatter.html)
    bibliography.register(Citation([_ITEM("item")]))
    html = _DOUBLE_PUNCTUATION.sub(r"\1", str(bibliography.bibliography()[0]))
    for private, entity in _ESCAPED.items():
        html = html.replace(private, entity)
    html = _rich_html(html)
    # The DOI or URL at the end becomes a link (its text is already escaped, which an attribute accepts).
    return _URL_IN_HTML.sub(lambda m: f'<a class="hg-url" href="{m.group(0)}">{m.group(0)}</a>', html)


def _apa_item(reading: Reading) -> str:
    """The CSL-JSON the APA reference is rendered from, as the text the caches are keyed by."""
    item = {k: v for k, v in csl_item(reading).items() if k not in ("abstract", "keyword", "citation-key")}
    authors = item.get("author", [])
    if len(authors) == 1 and "publisher" in item and authors[0].get("literal") == item["publisher"]:
        del item["publisher"]  # APA 7: a publisher that is also the author is not repeated
    for role in ("author", "editor"):
        for name in item.get(role, []):
            if "-" in name.get("given", ""):  # Hyun-joo → H.-J. (APA 7 §9.8), not citeproc-py's "H.-. joo ."
                name["given"] = re.sub(r"-(\w)", lambda m: "-" + m.group(1).upper(), name["given"])
    if "number" in item and item["type"] in ("broadcast", "motion_picture") and "genre" in item:
        item["medium"] = item.pop("genre")  # "(No. 12) [Audio podcast episode]": apa.csl pairs a genre with the number
    elif item["type"] == "report" and re.match(r"\d", item.get("number", "")) and "genre" not in item:
        item["genre"] = "Report"  # "(Report No. 12)"
    _supplement(item)
    return json.dumps(item, sort_keys=True)


_SUPPLEMENT = re.compile(r"(?i)^supp?l?(?:ement)?\.?\s*(\S*)$")
_VOLUME_SUPPLEMENT = re.compile(r"(?i)^(\S+)\s+(supp?l?(?:ement)?\.?\s*\S*)$")
_PREFIXED_RANGE = re.compile(r"^([A-Za-z]+)(\d+)-(\d+)$")


def _supplement(item: dict[str, Any]) -> None:
    """A supplement as APA 7 writes it (§9.25, 10.1): "*100*(Suppl. 1), S40–S46".

    PubMed and Zotero give it as volume "100 Suppl 1", or issue "Suppl 1", with pages "S40-46": the supplement moves
    to the issue as "Suppl. 1", and a page range whose first page has a letter gets it on the last page too.
    """
    volume = str(item.get("volume", ""))
    if (m := _VOLUME_SUPPLEMENT.match(volume)) and "issue" not in item:
        item["volume"], item["issue"] = m.group(1), m.group(2)
    if m := _SUPPLEMENT.match(str(item.get("issue", ""))):
        item["issue"] = f"Suppl. {m.group(1)}".strip()
    if m := _PREFIXED_RANGE.match(str(item.get("page", ""))):
        item["page"] = f"{m.group(1)}{m.group(2)}-{m.group(1)}{m.group(3)}"


def apa(reading: Reading) -> Markup:
    """The APA 7 reference of a reading, as safe HTML."""
    return Markup(_render_apa(_apa_item(reading)))


@cache
def _salt() -> bytes:
    """What a rendered reference depends on besides its item: the style, this module, the models (their rich-text
    rules mark up titles), the patches of citeproc-py's internals (hubgen/content/patches.py) and its version."""
    return salt([STYLE_FILE, Path(__file__), Path(models.__file__), Path(patches.__file__)], ["citeproc-py", "lxml"])


class ReferenceCache(BuildCache):
    """APA references kept in ``folder`` between builds, by a hash of everything they are rendered from.

    Rendering with citeproc-py takes milliseconds a reading; a hub with thousands of readings renders
    only the new and changed ones. An entry's key is the SHA-256 of the reading's CSL item, the style
    file, this module and citeproc-py's version, so an edit to any of them misses the cache and the
    output never depends on what is cached.
    """

    FILE = "apa.json"

    def _trusted(self, text: str) -> bool:
        return _is_rendered(text)  # only what hubgen itself renders: the file is not trusted more

    def apa(self, reading: Reading) -> Markup:
        """The APA 7 reference of a reading, as safe HTML (see :func:`apa`)."""
        item = _apa_item(reading)
        key = hashlib.sha256(_salt() + item.encode()).hexdigest()
        return Markup(self.get(key, lambda: _render_apa(item)))


# --- BibTeX through bibtexparser v2 -----------------------------------------

_VERBATIM = frozenset({"url", "doi"})  # links stay as typed: LaTeX escapes would break them


#: A title's rich text (``models.RICH_TEXT``) as LaTeX, as Zotero writes it in BibTeX.
_RICH_LATEX = {
    "<i>": "\\textit{",
    "<b>": "\\textbf{",
    "<sc>": "\\textsc{",
    "<sup>": "\\textsuperscript{",
    "<sub>": "\\textsubscript{",
    '<span class="nocase">': "{",
    **{close: "}" for close in ("</i>", "</b>", "</sc>", "</sup>", "</sub>", "</span>")},
}


def _rich_parts(text: str) -> list[str] | None:
    """``text`` split into text and rich-text tags, if the tags nest properly (else None: the text is text)."""
    parts = models.RICH_TEXT.split(text)
    tags = models.RICH_TEXT.findall(text)
    stack: list[str] = []
    for tag in tags:
        if tag.startswith("</"):
            if not stack or stack.pop() != ("span" if tag == "</span>" else tag[2:-1]):
                return None
        else:
            stack.append("span" if tag.startswith("<span") else tag[1:-1])
    if stack:
        return None
    out: list[str] = []
    for i, part in enumerate(parts):
        out.append(part)
        if i < len(tags):
            out.append(tags[i])
    return out


def _check_latex_encoder() -> None:
    """_EncodeLatex overrides a private step of bibtexparser's encoder: stop if it is gone (content/patches.py)."""
    patches.require(
        "bibtexparser",
        bm.LatexEncodingMiddleware,
        {"_transform_python_value_string": ("self", "python_string"), "transform_entry": ("self", "entry", "library")},
        "LaTeX in BibTeX exports",
    )


_check_latex_encoder()


class _EncodeLatex(bm.LatexEncodingMiddleware):
    """bibtexparser's LaTeX encoding for every field but the links."""

    # Text the encoder gives back unchanged (it replaces character by character): printable ASCII without
    # LaTeX's special characters and " < >. Most values are such text, and the encoder takes its time.
    _UNCHANGED = re.compile(r"[A-Za-z0-9 !'()*+,\-./:;=?@\[\]`|]*")

    def _transform_python_value_string(self, python_string: str) -> tuple[str, str]:
        if self._UNCHANGED.fullmatch(python_string):
            return python_string, ""
        if models.RICH_TEXT.search(python_string) and (parts := _rich_parts(python_string)) is not None:
            return "".join(
                _RICH_LATEX[p] if p in _RICH_LATEX else self._transform_python_value_string(p)[0] for p in parts if p
            ), ""
        if '"' in python_string:  # a straight quote stays one ({"}), not LaTeX's '' that reads back as ”
            parts = [self._transform_python_value_string(p)[0] for p in python_string.split('"')]
            return '{"}'.join(parts), ""
        encoded, error = super()._transform_python_value_string(python_string)
        return (encoded if _nests(python_string) else _balanced(encoded)), error

    def transform_entry(self, entry: Entry, library: Any) -> Any:
        kept = {f.key: f.value for f in entry.fields if f.key in _VERBATIM}
        out = super().transform_entry(entry, library)
        for f in getattr(out, "fields", []):
            if f.key in kept:
                f.value = kept[f.key]
        return out


def _verbatim(url: str) -> str:
    """A link as BibTeX's ``url`` and ``doi`` hold it: as typed, with the braces and backslashes no link needs
    percent-encoded (RFC 3986 does not allow them as they are), so the value cannot close its field."""
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


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


_NAME_SPECIALS = re.compile(r"[\\{}]")
#: A brace of the text as BibTeX can hold it. BibTeX (and pybtex, biber) match braces without regard to a
#: backslash, so LaTeX's ``\{`` leaves a field unbalanced: a ``}`` in a title would close it and let the rest
#: of the value add fields. ``{\textbraceleft}`` is balanced and prints the brace.
_BRACES = {"\\{": "{\\textbraceleft}", "\\}": "{\\textbraceright}"}


def _nests(text: str) -> bool:
    """Whether the braces of ``text`` pair up: then LaTeX's ``\\{``...``\\}`` keep the field balanced for BibTeX too,
    and every LaTeX decoder reads them back."""
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def _balanced(latex: str) -> str:
    """LaTeX-encoded text with its escaped braces as BibTeX-safe commands (see ``_BRACES``)."""
    return re.sub(r"\\[{}]", lambda m: _BRACES[m.group(0)], latex)


def _latex(text: str) -> str:
    """A name with its backslashes and braces escaped (its letters stay UTF-8, as names always were here): the
    encoding middleware passes names by, and a ``}`` left as it is would close the field and inject fields."""
    return _NAME_SPECIALS.sub(
        lambda m: {"\\": "{\\textbackslash}", "{": "{\\textbraceleft}", "}": "{\\textbraceright}"}[m.group(0)],
        text,
    )


def _name_parts(name: str) -> bm.NameParts:
    parts = split_name(name)
    if "literal" in parts:
        return bm.NameParts(last=[_latex(w) for w in parts["literal"].split()])
    family = _latex(parts["family"])
    if re.search(r"\band\b", family, re.IGNORECASE) or " " in family:
        family = "{" + family + "}"  # "Johnson and Johnson", "van der Berg": one family name, as written
    return bm.NameParts(
        first=[_latex(w) if w.lower() != "and" else "{" + w + "}" for w in parts["given"].split()],
        last=[family],
        jr=[_latex(parts["suffix"])] if "suffix" in parts else [],
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
        if d.month:
            fields.append(("month", str(d.month)))
            if d.day:
                fields.append(("day", str(d.day)))
    container, publisher = container_and_publisher(d)
    if container:
        fields.append((BIBTEX_CONTAINER[d.type], container))
    if publisher:
        fields.append((_bibtex_publisher_field(d.type), publisher))
    if d.genre or d.type in BIBTEX_SUBTYPE:
        fields.append(("type", d.genre or BIBTEX_SUBTYPE[d.type]))
    # An article's issue is BibTeX's number; any other reading's number is its own (a report's, an episode's).
    number, issue = (d.issue, "") if d.type in PERIODICAL else (d.number, d.issue)
    for key, value in (
        ("address", d.place),
        ("edition", d.edition),
        ("series", d.series),
        ("volume", d.volume),
        ("number", number),
        ("issue", issue),
        ("pages", _pages(d.pages).replace("-", "--")),
        ("isbn", d.isbn),
        ("language", d.language),
        ("doi", _verbatim(d.doi or "")),
        ("url", _verbatim(d.url or "")),
        ("urldate", d.urldate.isoformat() if d.urldate else ""),
    ):
        if value:
            fields.append((key, value))
    if d.type in BIBTEX_ENTRYSUBTYPE:
        fields.append(("entrysubtype", BIBTEX_ENTRYSUBTYPE[d.type]))
    if d.type in PERIODICAL and d.number:
        fields.append(("eid", d.number))  # an article number (biblatex's eid)
    if reading.topics:
        fields.append(("keywords", ", ".join(t.title for t in reading.topics)))
    if d.summary:
        fields.append(("abstract", plain_text(d.summary)))
    return Entry(bibtex_type(d), citation_key(reading), [Field(k, v) for k, v in fields])


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


_LINE_BREAKS = re.compile(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")


def _one_line(value: Any) -> Any:
    """RIS is one ``TAG  - value`` a line: a line break in a value would end it and start a forged record."""
    if isinstance(value, str):
        return _LINE_BREAKS.sub(" ", value).strip()
    if isinstance(value, list):
        return [_one_line(v) for v in value]
    return value


def ris_record(reading: Reading) -> dict[str, Any]:
    d = reading.data
    record: dict[str, Any] = {"type_of_reference": ris_type(d), "id": citation_key(reading), "title": d.title}
    if d.authors:
        record["authors"] = list(d.authors)
    if d.editors:
        record["tertiary_authors" if d.type in RIS_EDITORS_A3 else "secondary_authors"] = list(d.editors)
    if d.year:
        record["year"] = str(d.year)
        if d.month:
            record["date"] = f"{d.year}/{d.month:02d}/{f'{d.day:02d}' if d.day else ''}/"
    container, publisher = container_and_publisher(d)
    if container:
        record["secondary_title"] = container
    if publisher:
        record["publisher"] = publisher
    genre = d.genre or RIS_SUBTYPE.get(d.type, "")
    if genre and d.type in RIS_GENRE_M3:
        record["type_of_work"] = genre
    elif genre and record["type_of_reference"] == "MPCT":
        record["custom4"] = genre  # a film's genre
    elif genre:
        record.setdefault("notes", []).append(RIS_GENRE_NOTE + genre)
    if d.type in PERIODICAL and d.number:
        record.setdefault("notes", []).append(RIS_NUMBER_NOTE + d.number)
    reported = d.type in ("report", "toolkit") and d.number  # SN: so a report with a number has no ISBN in RIS
    own_number = "" if reported or d.type in PERIODICAL else d.number  # M1: a book's number in its series, an episode's
    start, _, end = _pages(d.pages).partition("-")
    for key, value in (
        ("place_published", d.place),
        ("edition", d.edition),
        ("secondary_title" if d.type in RIS_SERIES_T2 else "tertiary_title", d.series),
        ("volume", d.volume),
        ("number", d.issue),  # IS
        ("note", own_number),
        ("start_page", start),
        ("end_page", end),
        ("doi", d.doi),
        ("language", d.language),  # LA
        ("issn", d.number if reported else d.isbn),  # SN: a report's number (Zotero's reportNumber), else the ISBN
        ("access_date", d.urldate.strftime("%Y/%m/%d") if d.urldate else ""),
    ):
        if value:
            record[key] = value
    if d.url:
        record["urls"] = [d.url]
    if reading.topics:
        record["keywords"] = [t.title for t in reading.topics]
    if d.summary:
        record["abstract"] = plain_text(d.summary)
    return {k: _one_line(v) for k, v in record.items()}


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
    "bib": (_bibtex_one, _BIBTEX_SEPARATOR.join),
    "ris": (_ris_one, _RIS_SEPARATOR.join),
    "json": (_csl_json_one, _join_csl_json),
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


def data_url(export: Export, suffix: str, cache: ExportCache | None = None) -> str:
    """The download ``suffix`` of an inline export as a ``data:`` URL: its text, UTF-8, percent-encoded.

    A browser saves it under the link's ``download`` name, byte for byte what the file would have held,
    with no script; :func:`urllib.parse.unquote` reads it back.
    """
    mime = FORMATS[suffix][1]
    return f"data:{mime};charset=utf-8,{_percent_encoded(export_text(export, suffix, cache))}"


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

    def __init__(self, made: Iterable[Export], cache: ExportCache | None = None) -> None:
        """``made``: the hub's exports (:func:`exports`), of which the inline ones are filled in."""
        self.cache = cache
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
            return data_url(export, match.group(1), self.cache)

        return self._STAND_IN.sub(url, html)


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


@cache
def _export_salt() -> bytes:
    """What a reading's exports depend on besides the reading: this module, the models (the fields' JSON, the
    rich-text rules a title's LaTeX follows), the patches' guards and the writers' versions."""
    return salt(
        [Path(__file__), Path(models.__file__), Path(patches.__file__)],
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
