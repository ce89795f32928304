"""``hubgen import FILE``: readings from a Zotero export (BibTeX, CSL-JSON or RIS).

Each item becomes ``content/readings/<id>.yml``. An item that matches an existing
reading — by DOI, then by citation key (its ``key`` field or its ID), then by the
same title and year — updates that file instead of adding one, and the fields
only the hub has (``topics``, ``minutes``, ``access``, ``summary`` once written,
``draft``, ``publish_on``) are kept as staff left them. A field the export does
not carry is left as it is.

The whole export is read and checked before anything is written: a malformed
file gives ``file:line`` errors and changes nothing. The export is parsed by the
libraries made for each format — bibtexparser v2, rispy, the json module — and
every item is validated by the same model as a hand-written reading.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import bibtexparser
import rispy
import yaml
from bibtexparser import middlewares as bm
from bibtexparser.model import Entry, Field
from pydantic import ValidationError

from ..content import models
from ..content.models import slugify
from ..content.problems import did_you_mean
from ..content.readingtypes import (
    BIBTEX_SUBTYPE,
    CONTAINED,
    CSL_GENRE,
    NUMBER_CSL,
    RIS_GENRE_NOTE,
    RIS_NUMBER_NOTE,
    RIS_SERIES_T2,
    RIS_SUBTYPE,
)
from ..hub.workspace import find_config, hub_settings
from .refused import Refused

#: Fields Zotero knows nothing of: an import never changes them in an existing reading.
HUB_ONLY = ("topics", "minutes", "access", "summary", "draft", "publish_on")
_FIELD_ORDER = list(models.Reading.model_fields)


class ImportRefused(Refused):
    """The export cannot be imported; ``problems`` are ``file:line: message`` lines."""


@dataclass
class Item:
    """One reference of the export, as reading fields, with where it was in the file."""

    line: int
    fields: dict[str, Any]
    keywords: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(self.fields.get("title", "(untitled)"))


# --- reading each format --------------------------------------------------------


def _year(text: Any) -> int | None:
    m = re.search(r"\b(1[0-9]{3}|20[0-9]{2}|2100)\b", str(text or ""))
    return int(m.group(1)) if m else None


def _pages(first: str, last: str = "") -> str:
    first, last = first.strip(), last.strip()
    text = f"{first}-{last}" if first and last else first or last
    return re.sub(r"\s*(?:--|–|—)\s*", "-", text)


def _type_from(kind: str, hint: str, has_container: bool, has_url: bool) -> str:
    """A hub reading type from the export's type and its genre (Zotero's "type" field)."""
    hint = hint.lower()
    if "toolkit" in hint:
        return "toolkit"
    if "podcast" in hint:
        return "podcast"
    if re.search(r"video|film|motion picture|movie|documentary|webinar", hint):
        return "video"
    if "data" in hint and "set" in hint:
        return "dataset"
    if re.search(r"\bweb\s?(?:page|site)|^web$|^online$", hint):
        return "webpage"
    if kind in ("misc", "other"):
        return "webpage" if has_url else "report"
    return kind


#: The words each format writes for a type by default ("Video", "Web page"): no genre of the reading's own.
_DEFAULT_GENRES: dict[str, set[str]] = {}
# The words earlier hubgen versions wrote too ("Video" and "Web page" in BibTeX's type, "Podcast episode" in RIS).
for _table in (
    BIBTEX_SUBTYPE,
    CSL_GENRE,
    RIS_SUBTYPE,
    {"video": "Video", "webpage": "Web page", "podcast": "Podcast episode"},
):
    for _kind, _word in _table.items():
        _DEFAULT_GENRES.setdefault(_kind, set()).add(_word.lower())


def _genre(kind: str, hint: str) -> str:
    """What the export says the work is ("Film", "Policy brief"), unless it only restates the type."""
    hint = re.sub(r"\s+", " ", hint).strip()
    if not hint or hint.lower() in _DEFAULT_GENRES.get(kind, set()) or hint.lower() == kind:
        return ""
    return hint[:1].upper() + hint[1:]


_MONTHS = {
    m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)
}


def _month(value: Any) -> int | None:
    """``6``, ``jun``, ``June``, ``{June}`` as 6."""
    text = str(value or "").strip().strip("{}").strip().lower()
    if text.isdigit() and 1 <= int(text) <= 12:
        return int(text)
    return _MONTHS.get(text[:3])


def _date_parts(text: Any) -> tuple[int | None, int | None]:
    """Month and day of ``2020/05/01/``, ``2020-05-01`` or ``2020-05``."""
    m = re.match(r"^\s*\d{4}[-/](\d{1,2})(?:[-/](\d{1,2}))?", str(text or ""))
    if not m or not 1 <= int(m.group(1)) <= 12:
        return None, None
    return int(m.group(1)), int(m.group(2)) if m.group(2) else None


def _iso_date(text: Any) -> str | None:
    """``2024-07-15``, ``2024/07/15`` or ``2024-07-15 10:00:00`` as ``2024-07-15``."""
    m = re.match(r"^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})", str(text or ""))
    return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else None


def _names_a_type(text: str) -> bool:
    """Whether a BibTeX ``type``/``howpublished``/``note`` says what the work is ("Film", "Web page")."""
    return bool(text) and (
        text.strip().lower() in {w for words in _DEFAULT_GENRES.values() for w in words}
        or _type_from("?", text, False, False) != "?"
    )


def _fill(fields: dict[str, Any], kind: str, container: str, publisher: str) -> None:
    """``source`` (and ``publisher``) as the hub reads them, by kind of reading."""
    if kind in CONTAINED:
        if container:
            fields["source"] = container
        if publisher:
            fields["publisher"] = publisher
    elif publisher or container:
        fields["source"] = publisher or container


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if v not in (None, "", [])}


_CSL_TYPES = {
    "article-journal": "article",
    "article": "article",
    "article-magazine": "magazine",
    "article-newspaper": "newspaper",
    "paper-conference": "article",
    "review": "article",
    "review-book": "article",
    "book": "book",
    "classic": "book",
    "collection": "book",
    "thesis": "book",
    "chapter": "chapter",
    "entry": "chapter",
    "entry-dictionary": "chapter",
    "entry-encyclopedia": "chapter",
    "report": "report",
    "document": "report",
    "pamphlet": "report",
    "manuscript": "report",
    "standard": "report",
    "legislation": "report",
    "bill": "report",
    "legal_case": "report",
    "regulation": "report",
    "patent": "report",
    "motion_picture": "video",
    "broadcast": "video",
    "song": "podcast",
    "interview": "podcast",
    "speech": "video",
    "webpage": "webpage",
    "post": "webpage",
    "post-weblog": "webpage",
    "software": "webpage",
    "dataset": "dataset",
    "map": "dataset",
    "figure": "dataset",
    "graphic": "dataset",
}


def _csl_name(name: Any) -> str:
    if not isinstance(name, dict):
        return str(name)
    if name.get("literal"):
        return str(name["literal"])
    family = " ".join(str(name[k]) for k in ("non-dropping-particle", "family") if name.get(k))
    given = " ".join(str(name[k]) for k in ("given", "dropping-particle") if name.get(k))
    parts = [family, given] + ([str(name["suffix"])] if name.get("suffix") else [])
    return ", ".join(p for p in parts if p) if family else given


def _csl_key(obj: dict[str, Any]) -> str | None:
    key = obj.get("citation-key") or obj.get("citation_key")
    if key:
        return str(key)
    note = str(obj.get("note") or "")
    m = re.search(r"^Citation Key:\s*(\S+)", note, re.MULTILINE)
    if m:
        return m.group(1)
    ident = str(obj.get("id") or "")
    if not ident or "/" in ident:  # Zotero's own IDs are item URIs, not citation keys
        return None
    try:
        return models.check_citation_key(ident)
    except ValueError:
        return None


def _csl_text(value: Any) -> str:
    """A CSL-JSON string as the hub keeps it: its rich text (``<i>``, ``<sc>``...) as it is, any other tag taken out
    (``models.RICH_TEXT``; citations show the rich text as formatting, the rest of the site as plain text)."""
    text = str(value or "")
    if "<" not in text:
        return text
    kept = models.RICH_TEXT.findall(text)
    parts = models.RICH_TEXT.split(text)
    cleaned = [re.sub(r"<[^<>]*>", "", part) for part in parts]
    return "".join(p + (kept[i] if i < len(kept) else "") for i, p in enumerate(cleaned))


def _csl_date(value: Any) -> tuple[int | None, int | None, int | None]:
    """Year, month and day of a CSL date (``date-parts``, or ``raw``/``literal`` text)."""
    if not isinstance(value, dict):
        return None, None, None
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        first = [*parts[0], None, None]
        year = _year(first[0])
        month = int(first[1]) if str(first[1] or "").isdigit() and 1 <= int(first[1]) <= 12 else None
        day = int(first[2]) if month and str(first[2] or "").isdigit() and 1 <= int(first[2]) <= 31 else None
        return year, month, day
    raw = value.get("raw") or value.get("literal")
    if raw:
        return (_year(raw), *_date_parts(raw))
    return None, None, None


def read_csl_json(text: str, name: str) -> list[Item]:
    """CSL-JSON: an array of items (Zotero's "CSL JSON" export). Each item's line is where it starts."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportRefused([f"{name}:{exc.lineno}:{exc.colno}: error: not valid JSON: {exc.msg}"]) from None
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        data = data["items"]
    if not isinstance(data, list):
        raise ImportRefused(
            [f"{name}:1:1: error: CSL-JSON is a list of items ([{{...}}, ...]), found a {type(data).__name__}"]
        )
    lines = _json_item_lines(text, len(data))
    items: list[Item] = []
    problems: list[str] = []
    for i, obj in enumerate(data):
        line = lines[i] if i < len(lines) else 1
        if not isinstance(obj, dict):
            problems.append(f"{name}:{line}: error: item {i + 1} is not an object ({{...}})")
            continue
        if not isinstance(obj.get("type"), str) or not obj.get("type"):
            problems.append(
                f'{name}:{line}: error: item {i + 1} is not a CSL item: it has no "type" '
                '(e.g. "article-journal", "book") — export the collection as CSL JSON'
            )
            continue
        csl_type = str(obj.get("type") or "")
        genre = str(obj.get("genre") or obj.get("medium") or "")
        kind = _CSL_TYPES.get(csl_type, "report")
        if csl_type == "broadcast" and "podcast" in genre.lower():
            kind = "podcast"
        kind = _type_from(kind, genre, bool(obj.get("container-title")), bool(obj.get("URL")))
        if csl_type == "motion_picture" and kind == "video" and not genre:
            genre = "Film"  # Zotero reads a CSL motion_picture as a film (zotero-schema: csl.types)
        year, month, day = _csl_date(obj.get("issued"))
        accessed = _csl_date(obj.get("accessed"))
        fields: dict[str, Any] = {
            "title": _csl_text(obj.get("title")),
            "authors": [_csl_name(n) for n in obj.get("author") or []],
            "editors": [_csl_name(n) for n in obj.get("editor") or []],
            "year": year,
            "month": month if year else None,
            "day": day if year and month else None,
            "type": kind,
            "genre": _genre(kind, genre),
            "place": obj.get("publisher-place"),
            "edition": obj.get("edition"),
            "series": _csl_text(obj.get("collection-title")),
            "number": obj.get(NUMBER_CSL[kind]) or obj.get("number"),
            "volume": obj.get("volume"),
            "issue": obj.get("issue"),
            "pages": _pages(str(obj.get("page") or "")),
            "url": obj.get("URL"),
            "urldate": "{}-{:02d}-{:02d}".format(*accessed) if all(accessed) else None,
            "doi": obj.get("DOI"),
            "isbn": obj.get("ISBN"),
            "language": obj.get("language"),
            "key": _csl_key(obj),
            "summary": obj.get("abstract"),
        }
        _fill(fields, kind, _csl_text(obj.get("container-title")), _csl_text(obj.get("publisher")))
        keywords = [k.strip() for k in str(obj.get("keyword") or "").split(",") if k.strip()]
        items.append(Item(line, _clean(fields), keywords))
    if problems:
        raise ImportRefused(problems)
    return items


def _json_item_lines(text: str, count: int) -> list[int]:
    """The line each element of a top-level JSON array starts on (the json module keeps no positions)."""
    decoder = json.JSONDecoder()
    pos = text.index("[") + 1 if "[" in text else 0
    lines: list[int] = []
    ws = re.compile(r"[\s,]*")
    while len(lines) < count:
        match = ws.match(text, pos)
        pos = match.end() if match else pos
        try:
            _, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError:
            break
        lines.append(text.count("\n", 0, pos) + 1)
        pos = end
    return lines


_BIB_TYPES = {
    "article": "article",
    "inproceedings": "article",
    "conference": "article",
    "book": "book",
    "phdthesis": "book",
    "mastersthesis": "book",
    "thesis": "book",
    "proceedings": "book",
    "incollection": "chapter",
    "inbook": "chapter",
    "inreference": "chapter",
    "techreport": "report",
    "report": "report",
    "manual": "report",
    "booklet": "report",
    "unpublished": "report",
    "misc": "misc",
    "online": "webpage",
    "electronic": "webpage",
    "www": "webpage",
    "video": "video",
    "movie": "video",
    "audio": "podcast",
    "dataset": "dataset",
    "data": "dataset",
}
_VERBATIM = ("url", "doi")


_LATEX_RICH = {
    "textit": "i",
    "emph": "i",
    "textbf": "b",
    "textsc": "sc",
    "textsuperscript": "sup",
    "textsubscript": "sub",
}
_LATEX_COMMAND = re.compile(r"\\(" + "|".join(_LATEX_RICH) + r")\s*\{")


def _latex_rich_text(value: str) -> str:
    """``\\textit{Salmonella}`` as ``<i>Salmonella</i>``: Zotero's rich text, as its BibTeX export writes it."""
    out: list[str] = []
    pos = 0
    while m := _LATEX_COMMAND.search(value, pos):
        depth, end = 1, m.end()
        while end < len(value) and depth:
            if value[end] == "\\":
                end += 2
                continue
            depth += {"{": 1, "}": -1}.get(value[end], 0)
            end += 1
        if depth:
            break  # unbalanced: left to the LaTeX decoder as it is
        tag = _LATEX_RICH[m.group(1)]
        out.append(value[pos : m.start()] + f"<{tag}>" + _latex_rich_text(value[m.end() : end - 1]) + f"</{tag}>")
        pos = end
    return "".join(out) + value[pos:]


# {\textbraceleft} and {\textbraceright} (how hubgen writes a brace of the text; pylatexenc drops them) carried through
# the LaTeX decoder as private-use characters.
_BRACE_COMMAND = re.compile(r"\{\\textbrace(left|right)\}|\\textbrace(left|right)(?:\{\}|\s?)")
_BRACE_MARKS = str.maketrans({"\ue020": "{", "\ue021": "}"})


def _protect_braces(text: str) -> str:
    return _BRACE_COMMAND.sub(lambda m: "\ue020" if "left" in (m.group(1), m.group(2)) else "\ue021", text)


def _each_string(value: Any, change: Any) -> Any:
    """``change`` applied to a field's text, or to every part of its names."""
    if isinstance(value, str):
        return change(value)
    if isinstance(value, list):
        return [
            bm.NameParts(*([change(p) for p in part] for part in (n.first, n.von, n.last, n.jr)))
            if isinstance(n, bm.NameParts)
            else _each_string(n, change)
            for n in value
        ]
    return value


class _DecodeLatex(bm.LatexDecodingMiddleware):
    """bibtexparser's LaTeX decoding, except for links (a % in a URL is no comment)."""

    def transform_entry(self, entry: Entry, library: Any) -> Any:
        kept = {f.key: f.value for f in entry.fields if f.key.lower() in _VERBATIM}
        for f in entry.fields:
            f.value = _each_string(f.value, _protect_braces)
            if isinstance(f.value, str) and "\\text" in f.value:
                f.value = _latex_rich_text(f.value)
        out = super().transform_entry(entry, library)
        for f in getattr(out, "fields", []):
            if f.key in kept:
                f.value = re.sub(r"\\([_%#&$~])", r"\1", str(kept[f.key]).strip("{}"))
            elif isinstance(f.value, list):  # names split into parts: the parent decodes one NameParts at a time
                f.value = [self._decode_name(n, library) if isinstance(n, bm.NameParts) else n for n in f.value]
            f.value = _each_string(f.value, lambda text: text.translate(_BRACE_MARKS))
        return out

    def _decode_name(self, name: bm.NameParts, library: Any) -> Any:
        """One name's parts decoded by the parent (it decodes a NameParts value, not a list of them)."""
        out = super().transform_entry(Entry("misc", "name", [Field("name", name)]), library)
        return getattr(out, "fields", [Field("name", name)])[0].value


def _bib_names(value: Any) -> list[str]:
    names: list[str] = []
    for n in value if isinstance(value, list) else []:
        if isinstance(n, bm.NameParts):
            last = " ".join([*n.von, *n.last]).strip()
            first = " ".join(n.first).strip()
            jr = " ".join(n.jr).strip()
            names.append(", ".join(p for p in (last, first, jr) if p) if first else last)
        else:
            names.append(str(n))
    return names


@contextmanager
def _quiet_bibtexparser() -> Iterator[list[str]]:
    """bibtexparser logs why a block failed; collect those messages instead of printing them."""
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(record.getMessage())

    logger = logging.getLogger("bibtexparser")
    handler = Collect(logging.WARNING)
    old_propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = old_propagate


_RUN_TOGETHER = re.compile(r"\n\s*([A-Za-z][\w-]*)\s*=\s*[{\"0-9]")


def read_bibtex(text: str, name: str) -> list[Item]:
    """BibTeX (Zotero's "BibTeX" or Better BibTeX export), parsed by bibtexparser v2."""
    with _quiet_bibtexparser():
        library = bibtexparser.parse_string(
            text,
            append_middleware=[bm.SeparateCoAuthors(), bm.SplitNameParts(), _DecodeLatex(keep_braced_groups=False)],
        )
    problems: list[str] = []
    for block in library.failed_blocks:
        line = (block.start_line or 0) + 1
        error = block.error
        reason = getattr(error, "abort_reason", None) or str(error) or type(error).__name__
        reason = re.sub(r"\s+", " ", str(reason)).strip()
        problems.append(f"{name}:{line}: error: cannot read this entry: {reason} — check its braces, commas and quotes")
    items: list[Item] = []
    for entry in library.entries:
        line = (entry.start_line or 0) + 1
        values = {f.key.lower(): f.value for f in entry.fields}
        for f in entry.fields:  # bibtexparser takes a missing comma as part of the value: say so
            if isinstance(f.value, str) and (m := _RUN_TOGETHER.search(f.value)):
                first = f.start_line if f.start_line is not None else line - 1
                at = first + 2 + f.value[: m.start()].count("\n")
                problems.append(
                    f"{name}:{at}: error: a comma is missing before '{m.group(1)}' (the end of '{f.key}' runs into it)"
                )
        kind = _BIB_TYPES.get(entry.entry_type.lower(), "report")
        type_field = str(values.get("type") or "")
        howpublished = str(values.get("howpublished") or "")
        if kind == "misc":  # Zotero writes what a @misc is in type, howpublished or a short note ("Film")
            note = str(values.get("note") or "")
            hints = [type_field, howpublished, note if len(note) <= 40 else ""]
            hint = next((h for h in hints if _names_a_type(h)), type_field)
        else:
            hint = type_field
        kind = _type_from(kind, hint, bool(values.get("journal") or values.get("booktitle")), bool(values.get("url")))
        if kind == "misc":
            kind = "webpage"
        if kind == "article":  # biblatex's mark of a magazine's or newspaper's article
            kind = _PERIODICALS.get(str(values.get("entrysubtype") or "").strip().lower(), kind)
        genre = _genre(kind, type_field) or (
            "Film"
            if kind == "video"
            and (entry.entry_type.lower() == "movie" or re.search(r"film|motion picture|movie", hint, re.IGNORECASE))
            else ""
        )
        container = str(values.get("journal") or values.get("journaltitle") or values.get("booktitle") or "")
        if kind in ("webpage", "podcast") and not container and not _names_a_type(howpublished):
            container = howpublished
        publisher = str(
            values.get("publisher")
            or values.get("institution")
            or values.get("organization")
            or values.get("school")
            or ""
        )
        if kind not in CONTAINED and not publisher and not _names_a_type(howpublished):
            publisher = howpublished
        year = _year(values.get("year") or values.get("date"))
        month, day = _date_parts(values.get("date"))
        month = _month(values.get("month")) or month
        day = int(values["day"]) if str(values.get("day") or "").isdigit() else day
        # An article's number is its issue (its own number is biblatex's eid); any other entry's is its own.
        if kind in _PERIODICALS.values():
            issue, number = values.get("number") or values.get("issue"), values.get("eid")
        else:
            issue, number = values.get("issue"), values.get("number")
        fields: dict[str, Any] = {
            "title": values.get("title"),
            "authors": _bib_names(values.get("author")),
            "editors": _bib_names(values.get("editor")),
            "year": year,
            "month": month if year else None,
            "day": day if year and month and day and 1 <= day <= 31 else None,
            "type": kind,
            "genre": genre,
            "place": values.get("address") or values.get("location"),
            "edition": values.get("edition"),
            "series": values.get("series"),
            "number": number,
            "volume": values.get("volume"),
            "issue": issue,
            "pages": _pages(str(values.get("pages") or "")),
            "url": values.get("url"),
            "urldate": _iso_date(values.get("urldate")),
            "doi": values.get("doi"),
            "isbn": values.get("isbn"),
            "language": values.get("language") or values.get("langid"),
            "key": entry.key,
            "summary": values.get("abstract"),
        }
        _fill(fields, kind, container, publisher)
        keywords = [k.strip() for k in re.split(r"[,;]", str(values.get("keywords") or "")) if k.strip()]
        items.append(Item(line, _clean(fields), keywords))
    if problems:
        raise ImportRefused(sorted(problems, key=lambda p: int(p.split(":")[1])))
    return items


_PERIODICALS = {"journal": "article", "magazine": "magazine", "newspaper": "newspaper"}

_RIS_LINE = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")
_RIS_TYPES = {
    "JOUR": "article",
    "EJOUR": "article",
    "MGZN": "magazine",
    "NEWS": "newspaper",
    "CONF": "article",
    "CPAPER": "article",
    "ABST": "article",
    "INPR": "article",
    "JFULL": "article",
    "BOOK": "book",
    "EBOOK": "book",
    "EDBOOK": "book",
    "THES": "book",
    "ANCIENT": "book",
    "CLSWK": "book",
    "CHAP": "chapter",
    "ECHAP": "chapter",
    "ENCYC": "chapter",
    "DICT": "chapter",
    "RPRT": "report",
    "GOVDOC": "report",
    "PAMP": "report",
    "STAND": "report",
    "MANSCPT": "report",
    "UNPB": "report",
    "GEN": "report",
    "BILL": "report",
    "CASE": "report",
    "LEGAL": "report",
    "STAT": "report",
    "HEAR": "report",
    "PAT": "report",
    "GRANT": "report",
    "VIDEO": "video",
    "MPCT": "video",  # Zotero's film
    "SLIDE": "video",
    "SOUND": "podcast",
    "MUSIC": "podcast",
    "ELEC": "webpage",
    "BLOG": "webpage",
    "ICOMM": "webpage",
    "WEB": "webpage",
    "DATA": "dataset",
    "DBASE": "dataset",
    "AGGR": "dataset",
    "MAP": "dataset",
    "CHART": "dataset",
    "FIGURE": "dataset",
    "ART": "dataset",
    "ADVS": "video",
    "COMP": "webpage",
    "CTLG": "book",
    "SER": "book",
    "MULTI": "video",
    "EQUA": "report",
    "PCOMM": "report",
}


def _check_ris(text: str, name: str) -> list[int]:
    """Where each record starts; file:line errors for what rispy would silently drop."""
    problems: list[str] = []
    starts: list[int] = []
    open_at: int | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        if not line.strip():
            continue
        m = _RIS_LINE.match(line.lstrip("\ufeff"))
        if not m:
            if open_at is None:
                problems.append(
                    f"{name}:{number}: error: not an RIS line — each line is 'XX  - value', "
                    "and a record starts with 'TY  - '"
                )
            continue  # inside a record: the continuation of a long value
        tag = m.group(1)
        if tag == "TY":
            if open_at is not None:
                problems.append(
                    f"{name}:{open_at}: error: this record has no 'ER  -' line before the next 'TY  -' (line {number})"
                )
            if not (m.group(2) or "").strip():
                problems.append(f"{name}:{number}: error: 'TY  -' needs a type, e.g. 'TY  - JOUR'")
            open_at = number
            starts.append(number)
        elif tag == "ER":
            if open_at is None:
                problems.append(f"{name}:{number}: error: 'ER  -' without a record: no 'TY  -' before it")
            open_at = None
        elif open_at is None:
            problems.append(f"{name}:{number}: error: '{tag}  -' outside a record: a record starts with 'TY  - '")
    if open_at is not None:
        problems.append(f"{name}:{open_at}: error: this record is not closed — add a line 'ER  - ' at its end")
    if problems:
        raise ImportRefused(problems)
    return starts


_ISBN = re.compile(r"(?:97[89][- ]?)?(?:\d[- ]?){9}[\dXx]")


def read_ris(text: str, name: str) -> list[Item]:
    """RIS (Zotero's "RIS" export), checked line by line, then parsed by rispy."""
    starts = _check_ris(text, name)
    records = rispy.loads(text.lstrip("\ufeff"), skip_unknown_tags=True)
    if len(records) != len(starts):
        raise ImportRefused(
            [
                f"{name}:1: error: found {len(starts)} records ('TY  -' lines) but could read "
                f"{len(records)} — check the file is RIS"
            ]
        )
    items: list[Item] = []
    for line, rec in zip(starts, records, strict=True):
        ty = str(rec.get("type_of_reference", "")).upper()
        kind = _RIS_TYPES.get(ty, "report")
        notes = [str(n) for n in rec.get("notes") or []]
        genre = str(
            rec.get("type_of_work")
            or rec.get("custom4")  # a film's genre (RIS.js: C4)
            or next((n.removeprefix(RIS_GENRE_NOTE) for n in notes if n.startswith(RIS_GENRE_NOTE)), "")
        )
        if ty in ("MPCT", "ADVS") and not genre:
            genre = "Film"
        kind = _type_from(kind, genre, bool(rec.get("secondary_title")), bool(rec.get("urls")))
        authors = [*(rec.get("authors") or []), *(rec.get("first_authors") or [])]
        # Editors: a book's A3 (Zotero writes them so; its A2 is the series editor, which earlier hubgen versions
        # wrote for a book's editors), a chapter's or article's A2.
        editors = [*(rec.get("secondary_authors") or []), *(rec.get("editor") or [])]
        if kind == "book":
            editors += rec.get("tertiary_authors") or []
        container = str(rec.get("secondary_title") or rec.get("journal_name") or rec.get("alternate_title3") or "")
        series = rec.get("tertiary_title")
        if kind in RIS_SERIES_T2:  # T2 is a book's or a report's series (RIS.js), never its container
            series, container = series or container or None, ""
        number = rec.get("note") or next(
            (n.removeprefix(RIS_NUMBER_NOTE) for n in notes if n.startswith(RIS_NUMBER_NOTE)), None
        )
        isbn = rec.get("issn") if kind not in _PERIODICALS.values() else None  # SN: an article's is its journal's ISSN
        if kind in ("report", "toolkit") and isbn and not number and not _ISBN.fullmatch(str(isbn)):
            number, isbn = isbn, None  # SN: a report's number (RIS.js: reportNumber)
        year = _year(rec.get("year") or rec.get("publication_year") or rec.get("date"))
        month, day = _date_parts(rec.get("date"))
        fields: dict[str, Any] = {
            "title": rec.get("title") or rec.get("primary_title"),
            "authors": authors,
            "editors": editors,
            "year": year,
            "month": month if year else None,
            "day": day if year and month else None,
            "type": kind,
            "genre": _genre(kind, genre),
            "place": rec.get("place_published"),
            "edition": rec.get("edition"),
            "series": series,
            "number": number,
            "volume": rec.get("volume"),
            "issue": rec.get("number"),
            "pages": _pages(str(rec.get("start_page") or ""), str(rec.get("end_page") or "")),
            "url": (rec.get("urls") or [None])[0],
            "urldate": _iso_date(rec.get("access_date")),
            "doi": rec.get("doi"),
            "isbn": isbn,
            "language": rec.get("language"),
            "key": rec.get("id"),
            "summary": rec.get("abstract") or rec.get("notes_abstract"),
        }
        _fill(fields, kind, container, str(rec.get("publisher") or ""))
        items.append(Item(line, _clean(fields), [str(k) for k in rec.get("keywords") or []]))
    return items


def read_export(path: Path, name: str | None = None) -> list[Item]:
    """The items of a Zotero export, by its suffix (or, failing that, its first characters)."""
    name = name or str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRefused([f"{name}:1: error: not UTF-8 text ({exc.reason}) — export it again as UTF-8"]) from None
    except OSError as exc:
        raise ImportRefused([f"{name}: error: cannot read the file: {exc.strerror}"]) from None
    if not text.strip():
        raise ImportRefused([f"{name}:1: error: the file is empty — export the collection from Zotero again"])
    by_suffix = _SUFFIXES.get(path.suffix.lower())
    found = _sniff(text)
    if found is None and by_suffix is None:
        raise ImportRefused([f"{name}:1: error: not a BibTeX (.bib), RIS (.ris) or CSL-JSON (.json) export"])
    if by_suffix is not None and found is not None and found != by_suffix:
        raise ImportRefused(
            [
                f"{name}:1: error: the file is named as {_LABELS[by_suffix]} but holds {_LABELS[found]} — "
                f"give it the suffix {_EXAMPLE_SUFFIX[found]}, or export it again as {_LABELS[by_suffix]}"
            ]
        )
    kind = found or by_suffix
    items = {"json": read_csl_json, "bib": read_bibtex, "ris": read_ris}[str(kind)](text, name)
    if not items:
        raise ImportRefused(
            [f"{name}:1: error: no {_LABELS[str(kind)]} items in this file — export the collection from Zotero again"]
        )
    return items


_SUFFIXES = {".json": "json", ".csljson": "json", ".bib": "bib", ".bibtex": "bib", ".ris": "ris"}
_LABELS = {"json": "CSL-JSON", "bib": "BibTeX", "ris": "RIS"}
_EXAMPLE_SUFFIX = {"json": ".json", "bib": ".bib", "ris": ".ris"}
_BIBTEX_ENTRY = re.compile(r"^\s*@[A-Za-z]+\s*[{(]", re.MULTILINE)


def _sniff(text: str) -> str | None:
    """Which format the text is in, by its first characters (``[``, ``TY  -``, an ``@entry{``), if any."""
    head = text.lstrip("\ufeff \t\r\n")
    if head.startswith(("[", "{")):
        return "json"
    if _RIS_LINE.match(head.split("\n", 1)[0].rstrip()) and head.startswith("TY"):
        return "ris"
    if _BIBTEX_ENTRY.search(text):
        return "bib"
    return None


# --- matching and writing ------------------------------------------------------


@dataclass
class Existing:
    id: str
    path: Path
    raw: dict[str, Any]  # the file's YAML as read
    model: models.Reading | None


@dataclass
class Outcome:
    added: list[str] = field(default_factory=list)
    updated: list[tuple[str, list[str]]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    writes: dict[Path, str] = field(default_factory=dict)
    without_topics: list[str] = field(default_factory=list)  # added readings no tag or --topics gave a topic

    def summary(self) -> str:
        return f"{len(self.added)} added, {len(self.updated)} updated, {len(self.skipped)} skipped"


def _norm_title(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", models.plain_title(str(text)).lower()).strip()


def _load_existing(folder: Path) -> dict[str, Existing]:
    found: dict[str, Existing] = {}
    if not folder.is_dir():
        return found
    for path in sorted(folder.iterdir()):
        if path.suffix not in (".yml", ".yaml") or not path.is_file():
            continue
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
        except (yaml.YAMLError, UnicodeDecodeError):
            raw = None
        if not isinstance(raw, dict):
            raw = {}
        try:
            model = models.Reading.model_validate(raw)
        except ValidationError:
            model = None
        found[path.stem] = Existing(path.stem, path, raw, model)
    return found


#: Words an ID neither starts nor ends with: "closing-the-gap-2008", not "closing-the-gap-in-a-2008".
_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "nor",
        "but",
        "in",
        "on",
        "at",
        "for",
        "to",
        "from",
        "by",
        "with",
        "into",
        "onto",
        "as",
        "vs",
        "via",
        "de",
        "la",
        "le",
        "les",
        "des",
        "du",
        "el",
        "y",
        "et",
    ]
)


def _new_id(fields: dict[str, Any], taken: set[str]) -> str:
    """``<short title>-<year>``: the title's first words up to its first colon or full stop, at most five, without
    a small word at either end, from the plain title (the same in every format)."""
    title = re.split(r"[:.?!]", models.plain_title(str(fields.get("title", ""))), maxsplit=1)[0]
    words = [w for w in slugify(title).split("-") if w]
    while words and words[0] in ("a", "an", "the"):
        words = words[1:]
    words = words[:5]
    while len(words) > 1 and words[-1] in _SMALL_WORDS:
        words = words[:-1]
    base = "-".join(words) or "reading"
    if fields.get("year"):
        base += f"-{fields['year']}"
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    return ident


def _dump(data: dict[str, Any]) -> str:
    ordered = {k: data[k] for k in _FIELD_ORDER if k in data}
    ordered.update({k: v for k, v in data.items() if k not in ordered})
    return yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)


_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"})


def _same(a: Any, b: Any) -> bool:
    """Equal as the reading means them: 12 and "12", and quotes however LaTeX wrote them (BibTeX's '' is ")."""
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) or isinstance(b, dict):
        return bool(a == b)
    return str(a).translate(_QUOTES).replace("''", '"') == str(b).translate(_QUOTES).replace("''", '"')


@dataclass
class TopicOptions:
    """Topics an import gives: ``--topics`` (every imported reading) and a table from Zotero tags to topic IDs."""

    add: list[str] = field(default_factory=list)
    tag_map: dict[str, list[str]] = field(default_factory=dict)  # normalised tag → topic IDs


def plan_import(
    items: list[Item], readings_dir: Path, topics: dict[str, str], name: str, options: TopicOptions | None = None
) -> Outcome:
    """What importing ``items`` would do; raises :class:`ImportRefused` (naming lines) if any item is invalid."""
    options = options or TopicOptions()
    existing = _load_existing(readings_dir)
    by_doi = {e.model.doi.lower(): e for e in existing.values() if e.model and e.model.doi}
    by_key = {e.id: e for e in existing.values()}
    by_key.update({e.model.key: e for e in existing.values() if e.model and e.model.key})
    by_title = {(_norm_title(e.model.title), e.model.year): e for e in existing.values() if e.model}
    topic_ids = {**{t: t for t in topics}, **{_norm_title(title): t for t, title in topics.items()}}
    outcome = Outcome()
    problems: list[str] = []
    seen: dict[str, int] = {}
    taken = set(existing)
    for item in items:
        f = dict(item.fields)
        if not f.get("title"):
            problems.append(f"{name}:{item.line}: error: this item has no title")
            continue
        try:
            imported = models.Reading.model_validate(f)
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                where = ".".join(str(p) for p in err["loc"])
                problems.append(
                    f"{name}:{item.line}: error: {where}: {err['msg'].removeprefix('Value error, ')} "
                    f"(in '{item.label}')"
                )
            continue
        doi = (imported.doi or "").lower()
        match = (
            (by_doi.get(doi) if doi else None)
            or (by_key.get(imported.key) if imported.key else None)
            or by_title.get((_norm_title(imported.title), imported.year))
        )
        identity = match.id if match else doi or imported.key or _norm_title(imported.title)
        if identity in seen:
            outcome.skipped.append((item.label, f"line {item.line}: the same reading as line {seen[identity]}"))
            continue
        seen[identity] = item.line
        bibliographic = {
            k: v for k, v in imported.model_dump(exclude_defaults=True, mode="json").items() if k not in HUB_ONLY
        }
        if match is None:
            rid = _new_id(bibliographic, taken)
            taken.add(rid)
            data = dict(bibliographic)
            if imported.key == rid:
                data.pop("key", None)
            new_topics = list(
                dict.fromkeys(
                    [
                        *(t for k in item.keywords if (t := topic_ids.get(_norm_title(k)) or topic_ids.get(k))),
                        *(t for k in item.keywords for t in options.tag_map.get(_norm_title(k), [])),
                        *options.add,
                    ]
                )
            )
            if new_topics:
                data["topics"] = new_topics
            else:
                outcome.without_topics.append(f"{readings_dir.name}/{rid}.yml")
            # No export says who can read a work: a new reading says so until staff check (never a guessed "open").
            data["access"] = "unknown"
            if imported.summary:
                data["summary"] = imported.summary
            outcome.added.append(f"{readings_dir.name}/{rid}.yml")
            outcome.writes[readings_dir / f"{rid}.yml"] = _dump(data)
            added = Existing(rid, readings_dir / f"{rid}.yml", data, imported)
            seen[rid] = item.line  # later items of this export that match it are repeats
            by_key[rid] = added
            by_title[(_norm_title(imported.title), imported.year)] = added
            if doi:
                by_doi[doi] = added
            if imported.key:
                by_key[imported.key] = added
            continue
        data = dict(match.raw)
        changed: list[str] = []
        for key, value in bibliographic.items():
            if key == "key" and value == match.id:
                continue  # the reading's ID is its key already
            if key == "doi" and str(data.get(key, "")).lower() == str(value).lower():
                continue  # DOIs are case-insensitive: the one the hub has stays as it is
            if key not in data or not _same(data[key], value):
                data[key] = value
                changed.append(key)
        if not data.get("summary") and imported.summary:
            data["summary"] = imported.summary
            changed.append("summary")
        have = list(data.get("topics") or []) if isinstance(data.get("topics"), list) else []
        if [t for t in options.add if t not in have]:  # --topics adds to a reading's topics, never takes any away
            data["topics"] = list(dict.fromkeys([*have, *options.add]))
            changed.append("topics")
        if not changed:
            outcome.skipped.append((item.label, f"{match.path.name} is up to date"))
            continue
        outcome.updated.append((f"{readings_dir.name}/{match.path.name}", changed))
        outcome.writes[match.path] = _dump(data)
    if problems:
        raise ImportRefused(problems)
    return outcome


# --- the command ---------------------------------------------------------------


def _hub_folders(root: Path) -> tuple[Path, Path]:
    """The hub's root (with mkdocs.yml) and its content folder."""
    config = find_config(root.resolve())
    if config is None:
        raise ImportRefused([f"hubgen: no mkdocs.yml in {root} or above — run this inside a hub"])
    return config.parent, config.parent / str(hub_settings(config)["docs_dir"])


def _topics(content: Path) -> dict[str, str]:
    path = content / "topics.yml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}
    except yaml.YAMLError:
        data = {}
    if not isinstance(data, dict):
        return {}
    return {str(k): str(v.get("title", k)) if isinstance(v, dict) else str(k) for k, v in data.items()}


TOPIC_MAP = "zotero-topics.yml"  # beside mkdocs.yml: Zotero tag → topic ID(s)


def _topic_options(hub_root: Path, topics: dict[str, str], add: str | None, topic_map: Path | None) -> TopicOptions:
    """``--topics a,b`` and the tag table (``--topic-map FILE``, else ``zotero-topics.yml`` if the hub has one),
    checked against ``topics.yml``: an unknown topic is an error before anything is read or written."""
    problems: list[str] = []

    def known(topic: str, where: str) -> str | None:
        if topic in topics:
            return topic
        problems.append(f"{where}: error: '{topic}' is not a topic in topics.yml{did_you_mean(topic, topics)}")
        return None

    options = TopicOptions()
    for topic in (t.strip() for t in (add or "").split(",")):
        if topic and (t := known(topic, "--topics")):
            options.add.append(t)
    path = topic_map or (hub_root / TOPIC_MAP)
    if topic_map is not None or path.is_file():
        try:
            table = yaml.safe_load(path.read_text(encoding="utf-8-sig")) or {}
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise ImportRefused([f"{path}:1: error: cannot read the topic table: {exc}"]) from None
        if not isinstance(table, dict):
            raise ImportRefused(
                [f"{path}:1: error: the topic table maps Zotero tags to topic IDs, e.g. 'Housing: housing'"]
            )
        for tag, value in table.items():
            ids = value if isinstance(value, list) else [value]
            mapped = [t for v in ids if (t := known(str(v), f"{path}: '{tag}'"))]
            options.tag_map.setdefault(_norm_title(str(tag)), []).extend(mapped)
    if problems:
        raise ImportRefused(problems)
    return options


def import_file(
    export: Path,
    root: Path = Path("."),
    dry_run: bool = False,
    topics: str | None = None,
    topic_map: Path | None = None,
) -> Outcome:
    """Import ``export`` into the hub at (or above) ``root``; nothing is written if anything is wrong."""
    hub_root, content = _hub_folders(root)
    known = _topics(content)
    options = _topic_options(hub_root, known, topics, topic_map)
    items = read_export(export, str(export))
    outcome = plan_import(items, content / "readings", known, str(export), options)
    if not dry_run:
        (content / "readings").mkdir(parents=True, exist_ok=True)
        for path, text in outcome.writes.items():
            path.write_text(text, encoding="utf-8")
    return outcome


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """``hubgen import FILE``: the subcommand, for cli.py."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "import",
        help="add or update readings from a Zotero export (BibTeX, RIS or CSL-JSON)",
        description="Write one file per item of a Zotero export into content/readings/. Items that match a "
        "reading (same DOI, citation key, or title and year) update it; topics, minutes, access "
        "and summary stay as the hub has them.",
    )
    parser.add_argument("file", type=Path, help="the export: .bib, .ris or .json (CSL JSON)")
    parser.add_argument("--root", type=Path, default=Path("."), help="the hub's folder (with mkdocs.yml)")
    parser.add_argument("--dry-run", action="store_true", help="say what would change, write nothing")
    parser.add_argument(
        "--topics",
        metavar="ID,ID",
        help="give every imported reading these topics (IDs from topics.yml), e.g. for one Zotero collection",
    )
    parser.add_argument(
        "--topic-map",
        type=Path,
        metavar="FILE",
        help=f"YAML table 'Zotero tag: topic-id' (default: {TOPIC_MAP} beside mkdocs.yml, if there is one)",
    )
    parser.set_defaults(run=_run_args)
    return parser


def _run_args(args: argparse.Namespace) -> int:
    try:
        outcome = import_file(args.file, args.root, args.dry_run, args.topics, args.topic_map)
    except ImportRefused as exc:
        for problem in exc.problems:
            print(problem)
        print(f"✗ nothing imported: {len(exc.problems)} problem(s) in {args.file}", file=sys.stderr)
        return 1
    verb = "would be " if args.dry_run else ""
    for path in outcome.added:
        print(f"added    {path}")
    for path, changed in outcome.updated:
        print(f"updated  {path} ({', '.join(changed)})")
    for label, why in outcome.skipped:
        print(f"skipped  {label} — {why}")
    if outcome.without_topics:
        print(
            f"note: {len(outcome.without_topics)} new reading(s) have no topics — they are published and found in the "
            "library by type, year and words; to list them under topics, add topics: [...] to each, or import "
            f"again with --topics ID,ID or a {TOPIC_MAP} table of Zotero tags",
            file=sys.stderr,
        )
    if outcome.added:
        print(
            f'note: {len(outcome.added)} new reading(s) say access: unknown (shown as "Access not checked") — open '
            "each link and set access: open, free-registration, library or paywalled",
            file=sys.stderr,
        )
    print(
        f"✓ {outcome.summary().replace(' added', f' {verb}added').replace(' updated', f' {verb}updated')}"
        + (" (dry run: nothing written)" if args.dry_run else ""),
        file=sys.stderr,
    )
    return 0


def run(argv: list[str] | None = None) -> int:
    """``python -m hubgen.importer FILE``: the same as ``hubgen import FILE``."""
    parser = argparse.ArgumentParser(prog="hubgen")
    add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["import", *(sys.argv[1:] if argv is None else argv)])
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(run())
