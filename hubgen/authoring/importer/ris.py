"""RIS (Zotero's RIS export) as items, read by rispy."""

from __future__ import annotations

import re
from typing import Any

import rispy

from ...content.readingtypes import PERIODICAL, RIS_GENRE_NOTE, RIS_NUMBER_NOTE, RIS_SERIES_T2, TYPE_FROM_RIS
from .fields import (
    ImportRefused,
    Item,
    clean,
    date_parts,
    fill_source,
    genre_of,
    iso_date,
    page_range,
    type_from,
    year_of,
)

RIS_LINE = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")


def _check_ris(text: str, name: str) -> list[int]:
    """Where each record starts; file:line errors for what rispy would silently drop."""
    problems: list[str] = []
    starts: list[int] = []
    open_at: int | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        if not line.strip():
            continue
        m = RIS_LINE.match(line.lstrip("\ufeff"))
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
        kind = TYPE_FROM_RIS.get(ty, "report")
        notes = [str(n) for n in rec.get("notes") or []]
        genre = str(
            rec.get("type_of_work")
            or rec.get("custom4")  # a film's genre (RIS.js: C4)
            or next((n.removeprefix(RIS_GENRE_NOTE) for n in notes if n.startswith(RIS_GENRE_NOTE)), "")
        )
        if ty in ("MPCT", "ADVS") and not genre:
            genre = "Film"
        kind = type_from(kind, genre, bool(rec.get("urls")))
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
        isbn = rec.get("issn") if kind not in PERIODICAL else None  # SN: an article's is its journal's ISSN
        if kind in ("report", "toolkit") and isbn and not number and not _ISBN.fullmatch(str(isbn)):
            number, isbn = isbn, None  # SN: a report's number (RIS.js: reportNumber)
        year = year_of(rec.get("year") or rec.get("publication_year") or rec.get("date"))
        month, day = date_parts(rec.get("date"))
        fields: dict[str, Any] = {
            "title": rec.get("title") or rec.get("primary_title"),
            "authors": authors,
            "editors": editors,
            "year": year,
            "month": month if year else None,
            "day": day if year and month else None,
            "type": kind,
            "genre": genre_of(kind, genre),
            "place": rec.get("place_published"),
            "edition": rec.get("edition"),
            "series": series,
            "number": number,
            "volume": rec.get("volume"),
            "issue": rec.get("number"),
            "pages": page_range(str(rec.get("start_page") or ""), str(rec.get("end_page") or "")),
            "url": (rec.get("urls") or [None])[0],
            "urldate": iso_date(rec.get("access_date")),
            "doi": rec.get("doi"),
            "isbn": isbn,
            "language": rec.get("language"),
            "key": rec.get("id"),
            "summary": rec.get("abstract") or rec.get("notes_abstract"),
        }
        fill_source(fields, kind, container, str(rec.get("publisher") or ""))
        items.append(Item(line, clean(fields), [str(k) for k in rec.get("keywords") or []]))
    return items
