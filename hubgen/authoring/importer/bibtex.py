"""BibTeX (Zotero's BibTeX and Better BibTeX exports) as items, read by bibtexparser v2."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import bibtexparser
from bibtexparser import middlewares as bm
from bibtexparser.model import Entry, Field

from ...content.readingtypes import CONTAINED, PERIODICAL, TYPE_FROM_BIBTEX, TYPE_FROM_ENTRYSUBTYPE
from .fields import (
    ImportRefused,
    Item,
    clean,
    date_parts,
    fill_source,
    genre_of,
    iso_date,
    month_of,
    names_a_type,
    page_range,
    type_from,
    year_of,
)

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
        kind = TYPE_FROM_BIBTEX.get(entry.entry_type.lower(), "report")
        type_field = str(values.get("type") or "")
        howpublished = str(values.get("howpublished") or "")
        if kind == "misc":  # Zotero writes what a @misc is in type, howpublished or a short note ("Film")
            note = str(values.get("note") or "")
            hints = [type_field, howpublished, note if len(note) <= 40 else ""]
            hint = next((h for h in hints if names_a_type(h)), type_field)
        else:
            hint = type_field
        kind = type_from(kind, hint, bool(values.get("url")))
        if kind == "misc":
            kind = "webpage"
        if kind == "article":  # biblatex's mark of a magazine's or newspaper's article
            kind = TYPE_FROM_ENTRYSUBTYPE.get(str(values.get("entrysubtype") or "").strip().lower(), kind)
        genre = genre_of(kind, type_field) or (
            "Film"
            if kind == "video"
            and (entry.entry_type.lower() == "movie" or re.search(r"film|motion picture|movie", hint, re.IGNORECASE))
            else ""
        )
        container = str(values.get("journal") or values.get("journaltitle") or values.get("booktitle") or "")
        if kind in ("webpage", "podcast") and not container and not names_a_type(howpublished):
            container = howpublished
        publisher = str(
            values.get("publisher")
            or values.get("institution")
            or values.get("organization")
            or values.get("school")
            or ""
        )
        if kind not in CONTAINED and not publisher and not names_a_type(howpublished):
            publisher = howpublished
        year = year_of(values.get("year") or values.get("date"))
        month, day = date_parts(values.get("date"))
        month = month_of(values.get("month")) or month
        day = int(values["day"]) if str(values.get("day") or "").isdigit() else day
        # An article's number is its issue (its own number is biblatex's eid); any other entry's is its own.
        if kind in PERIODICAL:
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
            "pages": page_range(str(values.get("pages") or "")),
            "url": values.get("url"),
            "urldate": iso_date(values.get("urldate")),
            "doi": values.get("doi"),
            "isbn": values.get("isbn"),
            "language": values.get("language") or values.get("langid"),
            "key": entry.key,
            "summary": values.get("abstract"),
        }
        fill_source(fields, kind, container, publisher)
        keywords = [k.strip() for k in re.split(r"[,;]", str(values.get("keywords") or "")) if k.strip()]
        items.append(Item(line, clean(fields), keywords))
    if problems:
        raise ImportRefused(sorted(problems, key=lambda p: int(p.split(":")[1])))
    return items
